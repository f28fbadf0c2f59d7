"""Plain-text releases: UTF-8 (with or without BOM), CP949/EUC-KR, and repairable mojibake.

The encoding is decided by strict decoding of the bytes, never by a statistical guess:
UTF-8 first (it almost never decodes by accident), then CP949 (a superset of EUC-KR).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from newsroom.messages import _
from newsroom.read import limits
from newsroom.read.blocks import Document, Line, ReadError

HANGUL_RE = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
# Latin-1 letters that CP949 lead and trail bytes turn into when read as Latin-1.
LATIN1_HIGH_RE = re.compile(r"[\u00a1-\u00fe]")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode release bytes; return the text (``\\n`` line ends) and notes on what was done."""
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
        notes.append("UTF-8 with byte-order mark")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
        notes.append("UTF-16")
    else:
        try:
            text = data.decode("utf-8")
            notes.append("UTF-8")
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("cp949")
                notes.append("CP949/EUC-KR")
            except UnicodeDecodeError as error:
                # Point at the first byte that is not UTF-8: that is the encoding the file should be in.
                line = data[: utf8_error.start].count(b"\n") + 1
                raise ReadError(
                    _("is neither UTF-8 nor CP949/EUC-KR (undecodable bytes); save it as UTF-8 and convert again"),
                    line,
                ) from error
    if "\r" in text:
        notes.append("CRLF line ends" if "\r\n" in text else "CR line ends")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_mojibake(text):
        text = repair_mojibake(text)
        notes.append("repaired mojibake (CP949 bytes read as Latin-1)")
    return text, notes


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = _("is not valid {encoding} despite its byte-order mark; re-save it as UTF-8").format(
            encoding=encoding
        )
        raise ReadError(problem, line) from error


def looks_like_mojibake(text: str) -> bool:
    """Korean read as Latin-1 shows no Hangul but runs of accented Latin letters."""
    if HANGUL_RE.search(text):
        return False
    high = len(LATIN1_HIGH_RE.findall(text))
    non_ascii = sum(1 for char in text if ord(char) > 0x7F)
    return high >= 4 and high * 2 >= non_ascii


def repair_mojibake(text: str) -> str:
    """Undo CP949-read-as-Latin-1, only when the round trip is exact; otherwise refuse."""
    try:
        repaired = text.encode("latin-1").decode("cp949")
    except (UnicodeEncodeError, UnicodeDecodeError) as error:
        line = text[: error.start].count("\n") + 1
        raise ReadError(
            _(
                "looks like Korean text garbled as Latin-1 (mojibake) but cannot be repaired exactly; "
                "get the original file from the sender and convert that"
            ),
            line,
        ) from error
    if not HANGUL_RE.search(repaired) or repaired.encode("cp949").decode("latin-1") != text:
        raise ReadError(
            _(
                "looks like mojibake but the repair does not give Korean text exactly; "
                "get the original file from the sender and convert that"
            )
        )
    return repaired


def read_text(path: Path, data: bytes | None = None) -> Document:
    limits.check_text_size(path.stat().st_size if data is None else len(data))
    raw = path.read_bytes() if data is None else data
    limits.check_text_lines(raw.count(b"\n") + 1)
    text, notes = decode(raw)
    lines = tuple(Line(line, number) for number, line in enumerate(text.split("\n"), start=1))
    return Document(lines, tuple(notes))

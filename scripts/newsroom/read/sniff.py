"""What a file really is, from its bytes: real uploads carry the wrong extension (HWP 5 named .hwpx, HWPX named .hwp).

Only the first bytes and, for zips, the member names are looked at; nothing is unpacked here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from newsroom.messages import N_, _
from newsroom.read import limits
from newsroom.read._zip import read_binary
from newsroom.read.blocks import ReadError

Format = Literal["hwpx", "docx", "hwp", "text"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 4096

# Formats we recognise but do not convert: magic bytes → the refusal (a catalogue id) and the format's name.
_IMAGE = N_("is a {kind} image, not a release; convert the release document itself")
_ARCHIVE = N_("is a {kind} archive; unpack it and convert the release inside")
REFUSED_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (
        b"%PDF-",
        N_("is a PDF document; save the release from Hangul or Word as HWPX, HWP or DOCX (or copy its text)"),
        "PDF",
    ),
    (b"\x89PNG\r\n\x1a\n", _IMAGE, "PNG"),
    (b"\xff\xd8\xff", _IMAGE, "JPEG"),
    (b"GIF87a", _IMAGE, "GIF"),
    (b"GIF89a", _IMAGE, "GIF"),
    (b"II*\x00", _IMAGE, "TIFF"),
    (b"MM\x00*", _IMAGE, "TIFF"),
    (b"BM", _IMAGE, "BMP"),
    (b"{\\rtf", N_("is an RTF document; save it as DOCX or HWPX and convert that"), "RTF"),
    (b"HWP Document File V3", N_("is an HWP 3 document (Hangul 97); open it in Hangul and save it as HWPX"), "HWP 3"),
    (
        b"HWP Document File",
        N_("is not an HWP 5 file (an HWP header without its OLE container); re-save it from Hangul"),
        "HWP",
    ),
    (b"\x1f\x8b", _ARCHIVE, "gzip"),
    (b"7z\xbc\xaf\x27\x1c", _ARCHIVE, "7-Zip"),
    (b"Rar!\x1a\x07", _ARCHIVE, "RAR"),
)
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")
# Control bytes that never occur in a text file (tab, line ends, form feed and escape aside).
BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


def sniff(path: Path) -> Format:
    """The format of ``path`` by content; :class:`ReadError` names any other kind of file."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(ZIP_MAGIC):
        return _zip_format(path)
    if head.startswith(OLE_MAGIC):
        return _ole_format(path)
    for magic, refusal, kind in REFUSED_MAGIC:
        if head.startswith(magic):
            raise ReadError(_(refusal).format(kind=kind))
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise ReadError(_(_IMAGE).format(kind="WebP"))
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(HTML_STARTS) or (lowered.startswith(b"<?xml") and b"<html" in lowered):
        raise ReadError(
            _("is an HTML page; save the release document itself (HWPX, HWP, DOCX), or copy its text into a .txt file")
        )
    if lowered.startswith(b"<?xml") and b"<hwpml" in lowered:
        raise ReadError(_("is HWPML (Hangul's old XML export); open it in Hangul and save it as HWPX"))
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and any(byte in BINARY_BYTES for byte in head):
        raise ReadError(
            _("is a binary file of an unknown kind, not a release document; convert .txt, .md, .hwpx, .hwp or .docx")
        )
    return "text"


MIMETYPE_BYTES = 256


def _zip_format(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            info = archive.getinfo("mimetype") if "mimetype" in names else None
            # The mimetype member holds a few bytes: a larger declaration is neither trusted nor unpacked.
            mimetype = (
                read_binary(archive, info)[:100] if info is not None and info.file_size <= MIMETYPE_BYTES else b""
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError) as error:
        raise ReadError(
            _("is a damaged zip archive (neither HWPX nor DOCX can be read from it); re-save it")
        ) from error
    if b"hwp" in mimetype or any(name.startswith("Contents/section") for name in names):
        return "hwpx"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise ReadError(_("is an Excel workbook (XLSX), not a release; convert the release document itself"))
    if "ppt/presentation.xml" in names:
        raise ReadError(_("is a PowerPoint presentation (PPTX); save the release as HWPX or DOCX"))
    if b"opendocument" in mimetype:
        raise ReadError(_("is an OpenDocument file (ODT/ODS); save it as DOCX and convert that"))
    raise ReadError(_("is a zip archive but neither HWPX nor DOCX; unpack it and convert the release inside"))


def _ole_format(path: Path) -> Format:
    import olefile

    limits.check_ole_header(path)
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("FileHeader"):
                return "hwp"
            if ole.exists("WordDocument"):
                raise ReadError(_("is a Word 97–2003 document (.doc); save it as DOCX and convert that"))
            if ole.exists("Workbook") or ole.exists("Book"):
                raise ReadError(_("is an Excel 97–2003 workbook (.xls), not a release"))
            if ole.exists("PowerPoint Document"):
                raise ReadError(_("is a PowerPoint 97–2003 presentation (.ppt); save the release as HWPX or DOCX"))
    except OSError as error:
        raise ReadError(
            _("is a damaged OLE compound file ({error}); re-save it from Hangul").format(error=error)
        ) from error
    raise ReadError(_("is an OLE compound file but not an HWP 5 document; re-save the release from Hangul as HWPX"))

"""Readers: one module per file format, each turning bytes into :class:`Document` blocks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsroom.messages import N_, _
from newsroom.read import limits
from newsroom.read.blocks import Block, Document, Line, Picture, ReadError, Table
from newsroom.read.docx import read_docx
from newsroom.read.hwp import read_hwp
from newsroom.read.hwpx import read_hwpx
from newsroom.read.sniff import Format, sniff
from newsroom.read.text import read_text

READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text,
    ".md": read_text,
    ".hwpx": read_hwpx,
    ".hwp": read_hwp,
    ".docx": read_docx,
}
SUPPORTED = tuple(READERS)
BY_FORMAT: dict[Format, Callable[[Path], Document]] = {
    "text": read_text,
    "hwpx": read_hwpx,
    "hwp": read_hwp,
    "docx": read_docx,
}
FORMAT_NAMES: dict[Format, str] = {"text": "text", "hwpx": "HWPX", "hwp": "HWP 5", "docx": "DOCX"}

__all__ = [
    "READERS",
    "SUPPORTED",
    "Block",
    "Document",
    "Line",
    "Picture",
    "ReadError",
    "Table",
    "read",
    "supported",
]


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read(path: Path) -> Document:
    """Read any supported release file, by what its bytes are rather than its name.

    :class:`ReadError` says what is wrong and what to do (a PDF, image or HTML page is named as such).
    """
    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError(_("is empty; check that the right file was saved and exported"))
        limits.check_input_size(size, N_("file"))
        found = sniff(path)
        document = BY_FORMAT[found](path)
        expected = READERS.get(path.suffix.lower())
        if expected is not None and expected is not BY_FORMAT[found]:
            # Say so: the press office may want to rename the file, and the result is the same either way.
            document = Document(document.blocks, (*document.notes, f"{FORMAT_NAMES[found]} content despite its name"))
    except OSError as error:
        problem = _("cannot be read ({error}); check that it exists and is readable")
        raise ReadError(problem.format(error=error.strerror or error)) from error
    if not any(_has_text(block) for block in document.blocks):
        raise ReadError(_("has no text; check that the right file was saved and exported"))
    return document


def _has_text(block: Block) -> bool:
    if isinstance(block, Picture):
        return False
    if isinstance(block, Line):
        return bool(block.text.strip())
    return any(cell.strip() for cell in block.texts())

"""Every limit the readers put on numbers taken from a file, in one place.

A release file is untrusted: sizes, counts, spans and depths in it decide how much memory and time
reading costs, so each is checked against a limit here before anything is allocated from it.
The limits are far above what any real release needs (a release is a few pages of text and a few
tables) and low enough that any input converts or is refused within seconds and a few hundred MiB.
A breach raises :class:`~newsroom.read.blocks.ReadError` naming what was too large and what to do.
"""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from newsroom.messages import _
from newsroom.read.blocks import ReadError

MIB = 2**20

# Whole input files: a release with photos is a few MB; plain text is a few KB.
MAX_INPUT_BYTES = 20 * MIB
MAX_TEXT_BYTES = 4 * MIB
MAX_TEXT_LINES = 100_000

# Zip packages (HWPX, DOCX).
MAX_ZIP_MEMBERS = 2_000
MAX_MEMBER_BYTES = 64 * MIB  # any member, as declared (images are never unpacked by the readers)
MAX_UNPACKED_BYTES = 256 * MIB  # all members together, as declared
MAX_XML_MEMBER_BYTES = 16 * MIB  # an XML member that is read and parsed
MAX_RATIO = 200  # text compresses 5-20 times; far above that means a zip bomb
RATIO_FLOOR_BYTES = MIB  # small members may compress as well as they like

# XML: no DTD or entities at all (closes entity expansion and external entities), bounded depth and size.
MAX_XML_DEPTH = 100
MAX_XML_ELEMENTS = 200_000  # the largest real section has 27,000
MAX_DOCX_ELEMENTS = 100_000  # python-docx walks every element in Python, several times

# HWP 5 records.
MAX_SECTION_BYTES = 32 * MIB  # one BodyText section, decompressed
MAX_DECOMPRESSED_BYTES = 64 * MIB  # all sections together, decompressed
MAX_RECORDS = 100_000  # records in all sections together (real releases: under 1,500)
MAX_RECORD_LEVEL = 64  # nesting depth of records (real files stay below 20)

# Tables (every format): the grid a reader lays out.
MAX_TABLE_ROWS = 2_000
MAX_TABLE_COLS = 256
MAX_TABLE_CELLS = 50_000  # rows x columns of one table's grid, and cells in one table

# Images, for readers that look at them: width x height as declared in the file.
# OLE (HWP 5): the only sector sizes the format allows (512 or 4,096 bytes; mini sectors 64).
OLE_SECTOR_SHIFTS = (9, 12)
OLE_MINI_SECTOR_SHIFT = 6

MAX_IMAGE_BYTES = 30 * MIB  # one picture, as stored (after inflating)
MAX_IMAGE_SIDE = 20_000
MAX_IMAGE_PIXELS = 50_000_000


def check_input_size(size: int, kind: str) -> None:
    if size > MAX_INPUT_BYTES:
        problem = _(
            "is {size} MB, more than the {limit} MB limit for a release file; save the {kind} without large images "
            "or split it"
        )
        raise ReadError(problem.format(size=f"{size / MIB:.1f}", limit=MAX_INPUT_BYTES // MIB, kind=_(kind)))


def check_text_size(size: int) -> None:
    if size > MAX_TEXT_BYTES:
        problem = _(
            "is {size} MB of text, more than the {limit} MB limit for a text release; check that the right file "
            "was given"
        )
        raise ReadError(problem.format(size=f"{size / MIB:.1f}", limit=MAX_TEXT_BYTES // MIB))


def check_text_lines(count: int) -> None:
    if count > MAX_TEXT_LINES:
        problem = _("has {count} lines, more than the {limit} limit for a release; check the file")
        raise ReadError(problem.format(count=f"{count:,}", limit=f"{MAX_TEXT_LINES:,}"))


def check_zip_member(name: str, declared: int, compressed: int, total: int, count: int) -> None:
    """One member of a zip package, as its directory declares it (``total`` and ``count`` so far)."""
    if count > MAX_ZIP_MEMBERS:
        problem = _("holds more than {limit} files, far more than a document has; re-save it")
        raise ReadError(problem.format(limit=f"{MAX_ZIP_MEMBERS:,}"))
    if declared > MAX_MEMBER_BYTES or total > MAX_UNPACKED_BYTES:
        problem = _("unpacks to more than the size limit ({name}: {size} MB); re-save it without large media")
        raise ReadError(problem.format(name=name, size=f"{declared / MIB:.0f}"))
    if declared > RATIO_FLOOR_BYTES and declared > MAX_RATIO * max(compressed, 1):
        raise ReadError(
            _("member {name} is compressed suspiciously well (zip bomb?); refusing to unpack it").format(name=name)
        )


def check_xml_member(name: str, declared: int) -> None:
    if declared > MAX_XML_MEMBER_BYTES:
        problem = _(
            "{name} is {size} MB of XML, more than the {limit} MB limit; re-save the document without pasted data "
            "or split it"
        )
        raise ReadError(problem.format(name=name, size=f"{declared / MIB:.0f}", limit=MAX_XML_MEMBER_BYTES // MIB))


def parse_xml(data: bytes, name: str, hint: str, max_elements: int = MAX_XML_ELEMENTS) -> ET.Element:
    """Parse XML with no DTD or entities, stopping as soon as it nests too deep or holds too many elements.

    ``hint`` says what to do when the XML is broken (e.g. "re-save the file from Hangul").
    """
    depth = 0
    elements = 0
    root: ET.Element | None = None
    try:
        events = SafeET.iterparse(
            io.BytesIO(data), events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        for event, element in events:
            if event == "end":
                depth -= 1
                continue
            if root is None:
                root = element
            depth += 1
            elements += 1
            if depth > MAX_XML_DEPTH:
                problem = _("{name} nests elements deeper than {limit} levels; {hint}")
                raise ReadError(problem.format(name=name, limit=MAX_XML_DEPTH, hint=_(hint)))
            if elements > max_elements:
                problem = _("{name} holds more than {limit} XML elements; {hint}")
                raise ReadError(problem.format(name=name, limit=f"{max_elements:,}", hint=_(hint)))
    except (ET.ParseError, DefusedXmlException) as error:
        problem = _("{name} is not well-formed XML ({error}); {hint}")
        raise ReadError(problem.format(name=name, error=_one_line(error), hint=_(hint))) from error
    if root is None:
        raise ReadError(_("{name} is empty; {hint}").format(name=name, hint=_(hint)))
    return root


def inflate(data: bytes, name: str, budget: int) -> bytes:
    """Raw-deflate ``data``, refusing output beyond ``budget`` bytes (never unpacking more than that)."""
    decompressor = zlib.decompressobj(-15)
    try:
        out = decompressor.decompress(data, budget + 1)
    except zlib.error as error:
        raise ReadError(
            _("{name} is damaged ({error}); re-save it from Hangul").format(name=name, error=error)
        ) from error
    if len(out) > budget or decompressor.unconsumed_tail:
        problem = _("{name} unpacks to more than {limit} MB, far more than a release holds; re-save it from Hangul")
        raise ReadError(problem.format(name=name, limit=budget // MIB))
    return out


def check_records(count: int, level: int) -> None:
    if count > MAX_RECORDS:
        problem = _("holds more than {limit} records, far more than a release; re-save it from Hangul")
        raise ReadError(problem.format(limit=f"{MAX_RECORDS:,}"))
    if level > MAX_RECORD_LEVEL:
        problem = _("nests records {level} levels deep (limit {limit}); re-save it from Hangul")
        raise ReadError(problem.format(level=level, limit=MAX_RECORD_LEVEL))


def table_fits(height: int, width: int, cells: int) -> bool:
    """Within the bounds of a table's grid (rows x columns) and its number of cells."""
    return not (
        height > MAX_TABLE_ROWS or width > MAX_TABLE_COLS or height * width > MAX_TABLE_CELLS or cells > MAX_TABLE_CELLS
    )


def check_table(height: int, width: int, cells: int) -> None:
    """A table's grid (rows x columns, from cell addresses and spans) and its number of cells."""
    if not table_fits(height, width, cells):
        problem = _(
            "has a table of {rows} rows x {columns} columns ({cells} cells), beyond the limit of {max_rows} rows, "
            "{max_columns} columns and {max_cells} cells; the table is damaged or not a release table: "
            "re-save the file, or remove the table"
        )
        raise ReadError(
            problem.format(
                rows=f"{height:,}",
                columns=f"{width:,}",
                cells=f"{cells:,}",
                max_rows=f"{MAX_TABLE_ROWS:,}",
                max_columns=MAX_TABLE_COLS,
                max_cells=f"{MAX_TABLE_CELLS:,}",
            )
        )


def check_ole_header(path: Path) -> None:
    """An OLE header's sector sizes (2**shift), before olefile computes with them: a huge shift is a huge number."""
    with path.open("rb") as handle:
        head = handle.read(0x22)
    if len(head) < 0x22:
        return  # too short to be OLE: olefile says so itself
    sector_shift, mini_shift = struct.unpack_from("<HH", head, 0x1E)
    if sector_shift not in OLE_SECTOR_SHIFTS or mini_shift != OLE_MINI_SECTOR_SHIFT:
        error = f"sector size 2^{sector_shift}, mini sector size 2^{mini_shift}"
        raise ReadError(_("is a damaged OLE compound file ({error}); re-save it from Hangul").format(error=error))


def check_image(width: int, height: int, name: str) -> None:
    """Declared image dimensions, before anything decodes the image."""
    if width <= 0 or height <= 0 or max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        problem = _(
            "image {name} declares {width} x {height} pixels, beyond the limit of {max_side} per side and "
            "{max_pixels} pixels; replace the image with a smaller one"
        )
        raise ReadError(
            problem.format(
                name=name, width=width, height=height, max_side=MAX_IMAGE_SIDE, max_pixels=f"{MAX_IMAGE_PIXELS:,}"
            )
        )


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

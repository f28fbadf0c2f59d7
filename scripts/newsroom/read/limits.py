"""Every limit the readers put on numbers taken from a file, in one place.

A release file is untrusted: sizes, counts, spans and depths in it decide how much memory and time
reading costs, so each is checked against a limit here before anything is allocated from it.
The limits are far above what any real release needs (a release is a few pages of text and a few
tables) and low enough that any input converts or is refused within seconds and a few hundred MiB.
A breach raises :class:`~newsroom.read.blocks.ReadError` naming what was too large and what to do.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zlib

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

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
MAX_IMAGE_BYTES = 30 * MIB  # one picture, as stored (after inflating)
MAX_IMAGE_SIDE = 20_000
MAX_IMAGE_PIXELS = 50_000_000


def check_input_size(size: int, kind: str) -> None:
    if size > MAX_INPUT_BYTES:
        raise ReadError(
            f"is {size / MIB:.1f} MB, more than the {MAX_INPUT_BYTES // MIB} MB limit for a release file; "
            f"save the {kind} without large images or split it"
        )


def check_text_size(size: int) -> None:
    if size > MAX_TEXT_BYTES:
        raise ReadError(
            f"is {size / MIB:.1f} MB of text, more than the {MAX_TEXT_BYTES // MIB} MB limit for a text release; "
            "check that the right file was given"
        )


def check_text_lines(count: int) -> None:
    if count > MAX_TEXT_LINES:
        raise ReadError(f"has {count:,} lines, more than the {MAX_TEXT_LINES:,} limit for a release; check the file")


def check_zip_member(name: str, declared: int, compressed: int, total: int, count: int) -> None:
    """One member of a zip package, as its directory declares it (``total`` and ``count`` so far)."""
    if count > MAX_ZIP_MEMBERS:
        raise ReadError(f"holds more than {MAX_ZIP_MEMBERS:,} files, far more than a document has; re-save it")
    if declared > MAX_MEMBER_BYTES or total > MAX_UNPACKED_BYTES:
        raise ReadError(
            f"unpacks to more than the size limit ({name}: {declared / MIB:.0f} MB); re-save it without large media"
        )
    if declared > RATIO_FLOOR_BYTES and declared > MAX_RATIO * max(compressed, 1):
        raise ReadError(f"member {name} is compressed suspiciously well (zip bomb?); refusing to unpack it")


def check_xml_member(name: str, declared: int) -> None:
    if declared > MAX_XML_MEMBER_BYTES:
        raise ReadError(
            f"{name} is {declared / MIB:.0f} MB of XML, more than the {MAX_XML_MEMBER_BYTES // MIB} MB limit; "
            "re-save the document without pasted data or split it"
        )


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
                raise ReadError(f"{name} nests elements deeper than {MAX_XML_DEPTH} levels; {hint}")
            if elements > max_elements:
                raise ReadError(f"{name} holds more than {max_elements:,} XML elements; {hint}")
    except (ET.ParseError, DefusedXmlException) as error:
        raise ReadError(f"{name} is not well-formed XML ({_one_line(error)}); {hint}") from error
    if root is None:
        raise ReadError(f"{name} is empty; {hint}")
    return root


def inflate(data: bytes, name: str, budget: int) -> bytes:
    """Raw-deflate ``data``, refusing output beyond ``budget`` bytes (never unpacking more than that)."""
    decompressor = zlib.decompressobj(-15)
    try:
        out = decompressor.decompress(data, budget + 1)
    except zlib.error as error:
        raise ReadError(f"{name} is damaged ({error}); re-save it from Hangul") from error
    if len(out) > budget or decompressor.unconsumed_tail:
        raise ReadError(
            f"{name} unpacks to more than {budget // MIB} MB, far more than a release holds; re-save it from Hangul"
        )
    return out


def check_records(count: int, level: int) -> None:
    if count > MAX_RECORDS:
        raise ReadError(f"holds more than {MAX_RECORDS:,} records, far more than a release; re-save it from Hangul")
    if level > MAX_RECORD_LEVEL:
        raise ReadError(f"nests records {level} levels deep (limit {MAX_RECORD_LEVEL}); re-save it from Hangul")


def check_table(height: int, width: int, cells: int) -> None:
    """A table's grid (rows x columns, from cell addresses and spans) and its number of cells."""
    if height > MAX_TABLE_ROWS or width > MAX_TABLE_COLS or height * width > MAX_TABLE_CELLS or cells > MAX_TABLE_CELLS:
        raise ReadError(
            f"has a table of {height:,} rows x {width:,} columns ({cells:,} cells), beyond the limit of "
            f"{MAX_TABLE_ROWS:,} rows, {MAX_TABLE_COLS} columns and {MAX_TABLE_CELLS:,} cells; the table is "
            "damaged or not a release table: re-save the file, or remove the table"
        )


def check_image(width: int, height: int, name: str) -> None:
    """Declared image dimensions, before anything decodes the image."""
    if width <= 0 or height <= 0 or max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise ReadError(
            f"image {name} declares {width} x {height} pixels, beyond the limit of {MAX_IMAGE_SIDE} per side and "
            f"{MAX_IMAGE_PIXELS:,} pixels; replace the image with a smaller one"
        )


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

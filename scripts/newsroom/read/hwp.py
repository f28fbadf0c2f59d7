"""HWP 5 binary (Hangul 2002–2010 and later "hwp" saves): body text and tables from BodyText/SectionN.

The file is an OLE compound document. Each section stream is a sequence of records
(tag, level, size), raw-deflate compressed when the FileHeader says so. A record's level
nests it under the last record one level up: paragraph text sits under its paragraph
header, a table's cells (list headers) and their paragraphs under the table control.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import olefile

from newsroom.messages import N_, _
from newsroom.read import limits
from newsroom.read.blocks import Block, Document, Line, Picture, ReadError, Table, grid
from newsroom.read.pictures import IMAGE_SUFFIXES, picture

HWPTAG_BEGIN = 16
HWPTAG_PARA_HEADER = HWPTAG_BEGIN + 50
HWPTAG_PARA_TEXT = HWPTAG_BEGIN + 51
HWPTAG_CTRL_HEADER = HWPTAG_BEGIN + 55
HWPTAG_LIST_HEADER = HWPTAG_BEGIN + 56
HWPTAG_TABLE = HWPTAG_BEGIN + 61
HWPTAG_SHAPE_COMPONENT_PICTURE = HWPTAG_BEGIN + 69
# In a picture record: border (12 bytes), four corner points (32), crop (16), padding (8), then brightness,
# contrast and effect (one byte each), then the BinData item's id.
PICTURE_BIN_ID_OFFSET = 71
GSO_CTRL = b"gso "

SECTION_RE = re.compile(r"^Section(\d+)$")
BIN_RE = re.compile(r"^BIN([0-9A-Fa-f]{4})\.\w+$")
TABLE_CTRL = b"tbl "

# PARA_TEXT control characters: these occupy one UTF-16 unit, every other code below 32 takes eight.
SINGLE_UNIT_CONTROLS = {0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31}
CONTROL_TEXT = {9: "\t", 10: " ", 24: "-", 30: " ", 31: " "}


@dataclass
class Record:
    tag: int
    level: int
    data: bytes
    children: list[Record] = field(default_factory=list)


def records(stream: bytes, already: int = 0) -> list[Record]:
    """Split a (decompressed) section stream into records nested by level.

    ``already`` counts records read from earlier sections, for the per-file limit.
    """
    roots: list[Record] = []
    stack: list[Record] = []
    offset = 0
    count = already
    while offset + 4 <= len(stream):
        (header,) = struct.unpack_from("<I", stream, offset)
        offset += 4
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        if size == 0xFFF:
            if offset + 4 > len(stream):
                break
            (size,) = struct.unpack_from("<I", stream, offset)
            offset += 4
        count += 1
        limits.check_records(count, level)
        # A size pointing past the end keeps what is there; the stream ends with this record.
        record = Record(tag, level, stream[offset : offset + size])
        offset += size
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(record)
        stack.append(record)
    return roots


def para_text(data: bytes) -> str:
    """Text of a PARA_TEXT record, control characters dropped or turned into spaces/tabs."""
    units = struct.unpack(f"<{len(data) // 2}H", data[: len(data) // 2 * 2])
    out: list[str] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if unit >= 32:
            out.append(chr(unit))
            index += 1
            continue
        out.append(CONTROL_TEXT.get(unit, ""))
        index += 1 if unit in SINGLE_UNIT_CONTROLS else 8
    # Surrogate pairs arrive as two units; join them back.
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


Pictures = Callable[[int, str], Picture | None]


def blocks_from_records(roots: list[Record], pictures: Pictures | None = None) -> list[Block]:
    blocks: list[Block] = []
    for record in roots:
        if record.tag == HWPTAG_PARA_HEADER:
            blocks.extend(_paragraph(record, pictures))
    return blocks


def _find(record: Record, tag: int) -> Record | None:
    for child in record.children:
        if child.tag == tag:
            return child
        found = _find(child, tag)
        if found is not None:
            return found
    return None


def _picture(control: Record, pictures: Pictures | None) -> Picture | None:
    """The image a drawing object ("gso ") shows, with the caption paragraphs it carries."""
    record = _find(control, HWPTAG_SHAPE_COMPONENT_PICTURE)
    if record is None or pictures is None or len(record.data) < PICTURE_BIN_ID_OFFSET + 2:
        return None
    (bin_id,) = struct.unpack_from("<H", record.data, PICTURE_BIN_ID_OFFSET)
    # Caption paragraphs follow the caption's list header, as siblings (like a table cell's) or nested under it.
    paragraphs = [r for r in control.children if r.tag == HWPTAG_PARA_HEADER] + [
        para for sub in control.children if sub.tag == HWPTAG_LIST_HEADER for para in _list_paragraphs(sub)
    ]
    caption = [block.text.strip() for para in paragraphs for block in _paragraph(para, None) if isinstance(block, Line)]
    return pictures(bin_id, " ".join(line for line in caption if line))


def _paragraph(header: Record, pictures: Pictures | None = None) -> list[Block]:
    blocks: list[Block] = []
    text = "".join(para_text(child.data) for child in header.children if child.tag == HWPTAG_PARA_TEXT)
    if text.strip():
        blocks.append(Line(text))
    for child in header.children:
        if child.tag == HWPTAG_CTRL_HEADER and child.data[:4][::-1] == TABLE_CTRL:
            table, inside = _table(child, pictures)
            blocks.append(table)
            blocks.extend(inside)  # pictures of the table's cells come right after it
        elif (
            child.tag == HWPTAG_CTRL_HEADER
            and child.data[:4][::-1] == GSO_CTRL
            and (found := _picture(child, pictures))
        ):
            blocks.append(found)
        elif child.tag == HWPTAG_CTRL_HEADER:
            # Text boxes and other drawing objects keep their paragraphs below a list header.
            for sub in child.children:
                for para in _list_paragraphs(sub):
                    blocks.extend(_paragraph(para, pictures))
    return blocks


def _list_paragraphs(record: Record) -> list[Record]:
    found = [r for r in record.children if r.tag == HWPTAG_PARA_HEADER]
    for child in record.children:
        if child.tag != HWPTAG_PARA_HEADER:
            found.extend(_list_paragraphs(child))
    return found


def _table(control: Record, pictures: Pictures | None = None) -> tuple[Table, list[Picture]]:
    cells: list[tuple[int, int, int, int, str]] = []
    inside: list[Picture] = []
    current: list[str] | None = None
    position = (0, 0, 1, 1)
    for record in control.children:
        if record.tag == HWPTAG_LIST_HEADER:
            if current is not None:
                cells.append((*position, "\n".join(current)))
            current = []
            # ListHeader: para count (2), unknown (2), flags (4); then the cell: col, row, col span, row span.
            if len(record.data) >= 16:
                col, row, col_span, row_span = struct.unpack_from("<4H", record.data, 8)
                position = (row, col, row_span, col_span)
        elif record.tag == HWPTAG_PARA_HEADER and current is not None:
            for block in _paragraph(record, pictures):
                if isinstance(block, Line):
                    current.append(block.text.strip())
                elif isinstance(block, Picture):
                    inside.append(block)
                else:
                    current.extend(" | ".join(c or "" for c in row) for row in block.rows)
    if current is not None:
        cells.append((*position, "\n".join(current)))
    return Table(grid(cells)), inside


def _bindata(ole: olefile.OleFileIO, compressed: bool) -> Pictures:
    """BinData/BIN000N.* by item id, inflated when the document is compressed; read once each."""
    streams = {
        int(match.group(1), 16): entry
        for entry in ole.listdir()
        if len(entry) == 2 and entry[0] == "BinData" and (match := BIN_RE.match(entry[1]))
    }
    cache: dict[int, bytes | None] = {}

    def load(bin_id: int, caption: str) -> Picture | None:
        entry = streams.get(bin_id)
        if entry is None or not entry[1].lower().endswith(IMAGE_SUFFIXES):
            return None
        if bin_id not in cache:
            raw = ole.openstream(entry).read(limits.MAX_IMAGE_BYTES)
            data: bytes | None = raw
            if compressed:
                try:
                    data = zlib.decompressobj(-15).decompress(raw, limits.MAX_IMAGE_BYTES)
                except zlib.error:
                    data = raw  # some writers store images uncompressed in a compressed document
            cache[bin_id] = data
        data = cache[bin_id]
        return picture(data, "/".join(entry), caption) if data else None

    return load


def read_hwp(path: Path) -> Document:
    limits.check_input_size(path.stat().st_size, N_("HWP file"))
    try:
        return _read_ole(path)
    except (ReadError, MemoryError, RecursionError):
        raise  # the worker reports running out of memory or stack itself
    except Exception as error:  # olefile raises many unrelated types for a damaged container
        problem = _("has a damaged OLE container ({error}); re-save it from Hangul as HWP or HWPX")
        raise ReadError(problem.format(error=type(error).__name__)) from error


def _read_ole(path: Path) -> Document:
    if not olefile.isOleFile(str(path)):
        raise ReadError(_("is not an HWP 5 file (no OLE container); re-save it from Hangul as HWP or HWPX"))
    limits.check_ole_header(path)
    with olefile.OleFileIO(str(path)) as ole:
        if not ole.exists("FileHeader"):
            raise ReadError(_("has no FileHeader stream; is it really an HWP file? Re-save it from Hangul"))
        header = ole.openstream("FileHeader").read()
        if not header.startswith(b"HWP Document File") or len(header) < 40:
            raise ReadError(_("is not an HWP 5 document; re-save it from Hangul as HWP or HWPX"))
        (flags,) = struct.unpack_from("<I", header, 36)
        if flags & 0b10:
            raise ReadError(_("is password-protected; save an unprotected copy and convert that"))
        if flags & 0b100:
            raise ReadError(
                _("is a distribution (read-only) document whose text is encrypted; ask for an editable copy")
            )
        compressed = bool(flags & 0b1)
        sections = sorted(
            (int(m.group(1)), entry)
            for entry in ole.listdir()
            if len(entry) == 2 and entry[0] == "BodyText" and (m := SECTION_RE.match(entry[1]))
        )
        if not sections:
            raise ReadError(_("has no BodyText sections; re-save it from Hangul"))
        blocks: list[Block] = []
        loader = _bindata(ole, compressed)
        unpacked = 0
        count = 0
        for _number, entry in sections:
            raw = ole.openstream(entry).read()
            if compressed:
                budget = min(limits.MAX_SECTION_BYTES, limits.MAX_DECOMPRESSED_BYTES - unpacked)
                raw = limits.inflate(raw, _("section {name}").format(name=entry[1]), budget)
            unpacked += len(raw)
            roots = records(raw, count)
            count += _count(roots)
            blocks.extend(blocks_from_records(roots, loader))
    return Document(tuple(blocks), ("HWP 5",))


def _count(roots: list[Record]) -> int:
    stack = list(roots)
    total = 0
    while stack:
        record = stack.pop()
        total += 1
        stack.extend(record.children)
    return total

"""Builders for release files the tests write themselves: HWPX zips, DOCX, HWP 5 records and OLE files.

Each builder writes the format as its specification (or python-docx) defines it, independently of
the readers under test.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HC = "http://www.hancom.co.kr/hwpml/2011/core"
OPF = "http://www.idpf.org/2007/opf/"


@dataclass(frozen=True)
class Pic:
    """An embedded image (its file bytes, e.g. a PNG) with the caption the document attaches to it."""

    data: bytes
    caption: str = ""
    suffix: str = "png"


# A paragraph is a string; a table is a list of rows of cell strings (cells may hold "\n" paragraphs); a Pic an image.
Content = list["str | list[list[str]] | Pic"]


def _hwpx_paragraph(text: str, para_pr: str = "0") -> str:
    return f'<hp:p paraPrIDRef="{para_pr}"><hp:run charPrIDRef="0"><hp:t>{escape(text)}</hp:t></hp:run></hp:p>'


def _hwpx_table(rows: list[list[str]]) -> str:
    cells = []
    for r, row in enumerate(rows):
        tcs = []
        for c, cell in enumerate(row):
            paragraphs = "".join(_hwpx_paragraph(line) for line in cell.split("\n"))
            tcs.append(
                f"<hp:tc><hp:subList>{paragraphs}</hp:subList>"
                f'<hp:cellAddr colAddr="{c}" rowAddr="{r}"/><hp:cellSpan colSpan="1" rowSpan="1"/></hp:tc>'
            )
        cells.append(f"<hp:tr>{''.join(tcs)}</hp:tr>")
    table = f'<hp:tbl rowCnt="{len(rows)}" colCnt="{len(rows[0])}">{"".join(cells)}</hp:tbl>'
    return f'<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0">{table}<hp:t/></hp:run></hp:p>'


def hwpx_bytes(content: Content, *, bullet_paragraphs: tuple[str, ...] = (), doctype: str = "") -> dict[str, bytes]:
    """The members of an HWPX package. Strings in ``bullet_paragraphs`` get a paragraph style drawing '□'."""
    body = []
    binaries: dict[str, bytes] = {}
    for item in content:
        if isinstance(item, str):
            body.append(_hwpx_paragraph(item, "1" if item in bullet_paragraphs else "0"))
        elif isinstance(item, Pic):
            ident = f"image{len(binaries) + 1}"
            binaries[f"BinData/{ident}.{item.suffix}"] = item.data
            caption = (
                f'<hp:caption side="BOTTOM"><hp:subList>{_hwpx_paragraph(item.caption)}</hp:subList></hp:caption>'
                if item.caption
                else ""
            )
            picture = f'<hp:pic id="{len(binaries)}"><hc:img binaryItemIDRef="{ident}"/>{caption}</hp:pic>'
            body.append(f'<hp:p paraPrIDRef="0"><hp:run charPrIDRef="0">{picture}<hp:t/></hp:run></hp:p>')
        else:
            body.append(_hwpx_table(item))
    section = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>{doctype}'
        f'<hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}" xmlns:hc="{HC}">{"".join(body)}</hs:sec>'
    )
    items = "".join(
        f'<opf:item id="{name.split("/")[1].split(".")[0]}" href="{name}" media-type="image/png"/>' for name in binaries
    )
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><opf:package xmlns:opf="{OPF}">'
        f'<opf:manifest><opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>{items}'
        "</opf:manifest></opf:package>"
    )
    header = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><hh:head xmlns:hh="{HH}">'
        '<hh:bullets><hh:bullet id="1" char="□" useImage="0"/></hh:bullets>'
        '<hh:paraProperties><hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>'
        '<hh:paraPr id="1"><hh:heading type="BULLET" idRef="1" level="0"/></hh:paraPr></hh:paraProperties></hh:head>'
    )
    return {
        "mimetype": b"application/hwp+zip",
        "version.xml": b'<?xml version="1.0" encoding="UTF-8"?><hv:HCFVersion xmlns:hv="x"/>',
        "Contents/header.xml": header.encode("utf-8"),
        "Contents/section0.xml": section.encode("utf-8"),
        "Contents/content.hpf": manifest.encode("utf-8"),
        # The preview holds different text on purpose: the reader must use the section XML.
        "Preview/PrvText.txt": "미리보기 텍스트".encode(),
        **binaries,
    }


def write_hwpx(path: Path, content: Content, **kwargs: object) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in hwpx_bytes(content, **kwargs).items():  # type: ignore[arg-type]
            archive.writestr(name, data)
    return path


def write_docx(path: Path, content: Content) -> Path:
    document = docx.Document()
    for item in content:
        if isinstance(item, str):
            document.add_paragraph(item)
        else:
            table = document.add_table(rows=len(item), cols=len(item[0]))
            for r, row in enumerate(item):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(str(path))
    return path


# --- HWP 5 ---------------------------------------------------------------------------------------

PARA_HEADER, PARA_TEXT, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 71, 72, 77
SHAPE_COMPONENT, SHAPE_COMPONENT_PICTURE = 76, 85


def record(tag: int, level: int, data: bytes) -> bytes:
    if len(data) >= 0xFFF:
        return struct.pack("<II", tag | (level << 10) | (0xFFF << 20), len(data)) + data
    return struct.pack("<I", tag | (level << 10) | (len(data) << 20)) + data


def para_text(text: str) -> bytes:
    return (text + "\r").encode("utf-16-le")


def hwp_paragraph(text: str, level: int = 0) -> bytes:
    return record(PARA_HEADER, level, b"\0" * 22) + record(PARA_TEXT, level + 1, para_text(text))


def hwp_table(
    rows: list[list[str]],
    level: int = 0,
    *,
    declared: tuple[int, int] | None = None,
    at: list[tuple[int, int]] | None = None,
) -> bytes:
    """A table record; ``declared`` (rows, columns) and ``at`` (each cell's row, column) as a damaged file has."""
    # The table sits in a paragraph whose text is one extended control character (8 units: code 11, 'tbl ').
    control = struct.pack("<H", 11) + b" lbt" + b"\0" * 8 + struct.pack("<H", 11)
    out = record(PARA_HEADER, level, b"\0" * 22) + record(PARA_TEXT, level + 1, control + "\r".encode("utf-16-le"))
    out += record(CTRL_HEADER, level + 1, b" lbt" + b"\0" * 40)
    height, width = declared or (len(rows), len(rows[0]))
    out += record(TABLE, level + 2, struct.pack("<IHH", 0, height % 65536, width % 65536) + b"\0" * 10)
    addresses = iter(at or [])
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            lines = cell.split("\n")
            row_at, col_at = next(addresses, (r, c))
            header = struct.pack("<HHI", len(lines), 0, 0) + struct.pack("<4H", col_at, row_at, 1, 1) + b"\0" * 18
            out += record(LIST_HEADER, level + 2, header)
            for line in lines:
                out += hwp_paragraph(line, level + 2)
    return out


def hwp_picture(bin_id: int, caption: str, level: int = 0) -> bytes:
    """A drawing object ("gso ") holding a picture of BinData item ``bin_id``, its caption under a list header."""
    control = struct.pack("<H", 11) + b" osg" + b"\0" * 8 + struct.pack("<H", 11)
    out = record(PARA_HEADER, level, b"\0" * 22) + record(PARA_TEXT, level + 1, control + "\r".encode("utf-16-le"))
    out += record(CTRL_HEADER, level + 1, b" osg" + b"\0" * 40)
    if caption:
        out += record(LIST_HEADER, level + 2, struct.pack("<HHI", 1, 0, 0) + b"\0" * 16)
        out += hwp_paragraph(caption, level + 2)
    out += record(SHAPE_COMPONENT, level + 2, b"\0" * 40)
    # Border (12), corners (32), crop (16), padding (8), brightness/contrast/effect (3), then the item id.
    out += record(SHAPE_COMPONENT_PICTURE, level + 3, b"\0" * 71 + struct.pack("<H", bin_id) + b"\0" * 18)
    return out


def hwp_section(content: Content) -> bytes:
    out = b""
    pictures = 0
    for item in content:
        if isinstance(item, str):
            out += hwp_paragraph(item)
        elif isinstance(item, Pic):
            pictures += 1
            out += hwp_picture(pictures, item.caption)
        else:
            out += hwp_table(item)
    return out


def file_header(*, compressed: bool = True, password: bool = False) -> bytes:
    flags = (1 if compressed else 0) | (2 if password else 0)
    return b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags) + b"\0" * 216


def write_hwp(path: Path, content: Content, *, compressed: bool = True, password: bool = False) -> Path:
    section = hwp_section(content)
    if compressed:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        section = packer.compress(section) + packer.flush()
    streams = {"FileHeader": file_header(compressed=compressed, password=password), "BodyText/Section0": section}
    pictures = [item for item in content if isinstance(item, Pic)]
    for number, item in enumerate(pictures, start=1):
        data = item.data
        if compressed:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = packer.compress(data) + packer.flush()
        streams[f"BinData/BIN{number:04X}.{item.suffix}"] = data
    write_ole(path, streams)
    return path


# --- A minimal OLE2 compound file writer (olefile can only read) ---------------------------------

SECTOR = 512
FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
MINI_CUTOFF = 4096


def write_ole(path: Path, streams: dict[str, bytes]) -> None:
    """Write streams ("Storage/Name" paths, one level of storage) as a version-3 compound file.

    Every stream is padded to the mini-stream cutoff so that only regular sectors are needed.
    """
    padded = {name: data.ljust(MINI_CUTOFF, b"\0") for name, data in streams.items()}
    # Directory: root, then top-level entries, then storage children.
    entries: list[dict[str, object]] = [{"name": "Root Entry", "type": 5, "children": []}]
    storages: dict[str, int] = {}
    for name in padded:
        parts = name.split("/")
        parent = 0
        if len(parts) == 2:
            if parts[0] not in storages:
                entries.append({"name": parts[0], "type": 1, "children": []})
                storages[parts[0]] = len(entries) - 1
                entries[0]["children"].append(storages[parts[0]])  # type: ignore[attr-defined]
            parent = storages[parts[0]]
        entries.append({"name": parts[-1], "type": 2, "children": [], "data": padded[name]})
        entries[parent]["children"].append(len(entries) - 1)  # type: ignore[attr-defined]
    # Lay out stream sectors after the directory.
    dir_sectors = (len(entries) * 128 + SECTOR - 1) // SECTOR
    data_sectors: list[tuple[int, int]] = []  # (first sector, count) per stream entry
    next_sector = dir_sectors
    for entry in entries:
        if entry["type"] == 2:
            count = (len(entry["data"]) + SECTOR - 1) // SECTOR  # type: ignore[arg-type]
            entry["start"] = next_sector
            data_sectors.append((next_sector, count))
            next_sector += count
    fat_sectors = 1
    while (next_sector + fat_sectors) > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    fat_start = next_sector
    fat = [FREESECT] * (fat_sectors * SECTOR // 4)
    for i in range(dir_sectors):
        fat[i] = i + 1 if i + 1 < dir_sectors else ENDOFCHAIN
    for first, count in data_sectors:
        for i in range(first, first + count):
            fat[i] = i + 1 if i + 1 < first + count else ENDOFCHAIN
    for i in range(fat_start, fat_start + fat_sectors):
        fat[i] = FATSECT
    # Siblings: a chain of right siblings under each parent (all black: a valid, if unbalanced, tree).
    for entry in entries:
        children: list[int] = entry["children"]  # type: ignore[assignment]
        entry["child"] = children[0] if children else FREESECT
        for a, b in itertools.pairwise(children):
            entries[a]["right"] = b
    directory = b""
    for entry in entries:
        name = str(entry["name"]).encode("utf-16-le") + b"\0\0"
        size = len(entry.get("data", b""))  # type: ignore[arg-type]
        directory += (
            name.ljust(64, b"\0")
            + struct.pack("<HBB", len(name), int(entry["type"]), 1)  # type: ignore[call-overload]
            + struct.pack("<III", FREESECT, int(entry.get("right", FREESECT)), int(entry["child"]))  # type: ignore[call-overload]
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<II", int(entry.get("start", ENDOFCHAIN if entry["type"] == 5 else 0)), size)  # type: ignore[call-overload]
            + b"\0" * 4
        )
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    difat = [fat_start + i for i in range(fat_sectors)] + [FREESECT] * (109 - fat_sectors)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<I", 0)
        + struct.pack("<I", fat_sectors)
        + struct.pack("<I", 0)  # first directory sector
        + struct.pack("<I", 0)
        + struct.pack("<I", MINI_CUTOFF)
        + struct.pack("<II", ENDOFCHAIN, 0)  # no mini FAT
        + struct.pack("<II", ENDOFCHAIN, 0)  # no extra DIFAT
        + struct.pack("<109I", *difat)
    )
    body = directory + b"".join(
        e["data"].ljust(((len(e["data"]) + SECTOR - 1) // SECTOR) * SECTOR, b"\0") for e in entries if e["type"] == 2
    )  # type: ignore[union-attr,arg-type]
    path.write_bytes(header + body + struct.pack(f"<{len(fat)}I", *fat))


# --- Text copies: what a press officer gets by copying a release out of Hangul -------------------


def text_copy(blocks: tuple[object, ...] | list[object]) -> str:
    """The release as plain text copied out of Hangul: one paragraph a line, a table's cells joined by TAB.

    A cell of several paragraphs breaks its row over several lines, as a copy does; covered (merged)
    positions are empty cells. Takes reader blocks (``Line`` with ``text``, ``Table`` with ``rows``).
    """
    lines: list[str] = []
    for block in blocks:
        rows = getattr(block, "rows", None)
        if rows is None:
            lines.append(str(getattr(block, "text", "")).strip())
            continue
        for row in rows:
            cells = [(cell or "").split("\n") for cell in row]
            for depth in range(max(len(cell) for cell in cells)):
                lines.append("\t".join(cell[depth] if depth < len(cell) else "" for cell in cells).rstrip("\t"))
    return "\n".join(line for line in lines if line.strip()) + "\n"


def hangul_copy(blocks: tuple[object, ...] | list[object], *, flatten_header: bool = False) -> str:
    """The release as Hangul's own "copy, paste as text" writes it, which :func:`text_copy` does not imitate.

    A table row is its cells joined by TAB, each cell's paragraphs kept on lines of their own: a cell of
    several lines splits its row across lines (the next cell's TAB comes after the cell's last line), so
    the second line of a header cell, e.g. ``(지  면) 2026. 7. 28.(화) 석간``, arrives as a bare line.
    Covered (merged) positions are empty cells. ``flatten_header`` writes the header tables (the logo and
    배포/보도시점 tables before the first paragraph) one cell paragraph a line, as a copy without the grid gives.
    """
    lines: list[str] = []
    top = True  # the tables before the first paragraph: the release's header
    for block in blocks:
        rows = getattr(block, "rows", None)
        if rows is None:
            lines.append(str(getattr(block, "text", "")).strip())
            top = top and not lines[-1]
            continue
        for row in rows:
            if flatten_header and top:
                lines += [line for cell in row for line in (cell or "").split("\n")]
            else:
                lines += "\t".join((cell or "").strip("\n") for cell in row).split("\n")
    return "\n".join(line for line in lines if line.strip()) + "\n"

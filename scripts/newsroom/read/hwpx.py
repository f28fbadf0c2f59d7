"""HWPX (OWPML, Hangul 2014+): the section XML, not the preview text.

Paragraphs and tables come out in reading order; text boxes are read where they sit.
Bullet characters that Hangul draws from paragraph styles are put back in front of the text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from newsroom.messages import N_, _
from newsroom.read import limits
from newsroom.read._zip import open_zip, read_binary, read_member
from newsroom.read.blocks import Block, Document, Line, Picture, ReadError, Table, grid
from newsroom.read.pictures import IMAGE_SUFFIXES, picture

SECTION_RE = re.compile(r"^Contents/section(\d+)\.xml$")
PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff]")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes, name: str) -> ET.Element:
    return limits.parse_xml(data, name, N_("re-save the file from Hangul"))


def _bullets(header: ET.Element | None) -> dict[str, str]:
    """paraPr id → bullet character, for paragraph styles that draw a bullet."""
    if header is None:
        return {}
    chars: dict[str, str] = {}
    for element in header.iter():
        if _local(element.tag) == "bullet":
            char = element.get("char", "")
            # Symbol-font bullets sit in the private use area; any visible mark will do for them.
            chars[element.get("id", "")] = "•" if not char or PRIVATE_USE_RE.match(char) else char
    styles: dict[str, str] = {}
    for element in header.iter():
        if _local(element.tag) != "paraPr":
            continue
        for child in element.iter():
            if _local(child.tag) == "heading" and child.get("type") == "BULLET":
                mark = chars.get(child.get("idRef", ""))
                if mark:
                    styles[element.get("id", "")] = mark
    return styles


class _Walker:
    def __init__(self, bullets: dict[str, str], binaries: Callable[[str], Picture | None] | None = None) -> None:
        self.bullets = bullets
        self.binaries = binaries or (lambda _: None)
        # Pictures met inside table cells come out right after their table, in reading order.
        self.cell_pictures: list[Picture] = []

    def container(self, element: ET.Element) -> list[Block]:
        blocks: list[Block] = []
        for child in element:
            if _local(child.tag) == "p":
                blocks.extend(self.paragraph(child))
        return blocks

    def paragraph(self, paragraph: ET.Element) -> list[Block]:
        blocks: list[Block] = []
        text: list[str] = []

        def flush() -> None:
            line = "".join(text)
            text.clear()
            if line.strip():
                mark = self.bullets.get(paragraph.get("paraPrIDRef", ""))
                blocks.append(Line(f"{mark} {line.strip()}" if mark else line))

        for run in paragraph:
            if _local(run.tag) != "run":
                continue
            for item in run:
                name = _local(item.tag)
                if name == "t":
                    text.append(_text_of(item))
                elif name == "tbl":
                    flush()
                    outer = self.cell_pictures
                    self.cell_pictures = []
                    blocks.append(self.table(item))
                    blocks.extend(self.cell_pictures)
                    self.cell_pictures = outer
                elif name == "pic":
                    flush()
                    found = self.picture(item)
                    if found is not None:
                        blocks.append(found)
                else:
                    # Text boxes and other drawing objects hold paragraphs of their own.
                    inner = [sub for sub in item.iter() if _local(sub.tag) == "subList"]
                    if inner:
                        flush()
                        for sub in _outermost(inner):
                            blocks.extend(self.container(sub))
        flush()
        return blocks

    def table(self, table: ET.Element) -> Table:
        cells: list[tuple[int, int, int, int, str]] = []
        for index_row, row in enumerate(r for r in table if _local(r.tag) == "tr"):
            for index_col, cell in enumerate(c for c in row if _local(c.tag) == "tc"):
                address = _child(cell, "cellAddr")
                span = _child(cell, "cellSpan")
                sub = _child(cell, "subList")
                lines: list[str] = []
                if sub is not None:
                    for block in self.container(sub):
                        if isinstance(block, Line):
                            lines.append(block.text.strip())
                        elif isinstance(block, Picture):
                            self.cell_pictures.append(block)
                        else:
                            lines.extend(" | ".join(c or "" for c in r) for r in block.rows)
                cells.append(
                    (
                        _int(address, "rowAddr", index_row),
                        _int(address, "colAddr", index_col),
                        _int(span, "rowSpan", 1),
                        _int(span, "colSpan", 1),
                        "\n".join(line for line in lines if line),
                    )
                )
        return Table(grid(cells))

    def picture(self, pic: ET.Element) -> Picture | None:
        """The image a ``hp:pic`` shows (``hc:img`` → manifest → BinData), with its own caption if it has one."""
        reference = next((e.get("binaryItemIDRef", "") for e in pic.iter() if _local(e.tag) == "img"), "")
        caption = _child(pic, "caption")
        text = ""
        if caption is not None:
            lines = [
                b.text.strip()
                for sub in caption.iter()
                if _local(sub.tag) == "subList"
                for b in self.container(sub)
                if isinstance(b, Line)
            ]
            text = " ".join(line for line in lines if line)
        found = self.binaries(reference) if reference else None
        if found is None:
            return None
        return picture(found.data, found.name, text) if text else found


def _outermost(elements: list[ET.Element]) -> list[ET.Element]:
    inner: set[int] = set()
    for element in elements:
        for sub in element.iter():
            if sub is not element and _local(sub.tag) == "subList":
                inner.add(id(sub))
    return [e for e in elements if id(e) not in inner]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _int(element: ET.Element | None, name: str, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(name, default))
    except ValueError:
        return default


def _text_of(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        if name == "tab":
            parts.append("\t")
        elif name in {"lineBreak", "fwSpace", "nbSpace"}:
            parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


def _binaries(archive: zipfile.ZipFile, names: list[str]) -> Callable[[str], Picture | None]:
    """Look up a binary item id in the manifest (Contents/content.hpf), else as BinData/<id>.*; read it once."""
    hrefs: dict[str, str] = {}
    if "Contents/content.hpf" in names:
        manifest = _parse(read_member(archive, "Contents/content.hpf"), "Contents/content.hpf")
        for element in manifest.iter():
            if _local(element.tag) == "item" and element.get("id") and element.get("href"):
                hrefs[element.get("id", "")] = element.get("href", "")
    by_stem = {PurePosixPath(name).stem: name for name in names if name.startswith("BinData/")}
    cache: dict[str, Picture | None] = {}

    def load(reference: str) -> Picture | None:
        if reference not in cache:
            name = hrefs.get(reference) or by_stem.get(reference, "")
            if name not in names or not name.lower().endswith(IMAGE_SUFFIXES):
                cache[reference] = None
            else:
                cache[reference] = picture(read_binary(archive, archive.getinfo(name)), name)
        return cache[reference]

    return load


def read_hwpx(path: Path) -> Document:
    with open_zip(path, "HWPX") as archive:
        names = archive.namelist()
        sections = sorted((int(m.group(1)), n) for n in names if (m := SECTION_RE.match(n)))
        if not sections:
            raise ReadError(_("has no Contents/section0.xml; is it really an HWPX file? Re-save it from Hangul"))
        header = (
            _parse(read_member(archive, "Contents/header.xml"), "Contents/header.xml")
            if "Contents/header.xml" in names
            else None
        )
        walker = _Walker(_bullets(header), _binaries(archive, names))
        blocks: list[Block] = []
        for _number, name in sections:
            blocks.extend(walker.container(_parse(read_member(archive, name), name)))
    return Document(tuple(blocks), ("HWPX",))

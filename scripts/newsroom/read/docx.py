"""DOCX (Word): paragraphs and tables in body order, via python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from newsroom.mkdocs_adapter.internals import docx_cell_element
from newsroom.read._zip import open_zip, read_member
from newsroom.read.blocks import Block, Document, Line, ReadError, Table


def _table(table: DocxTable) -> Table:
    rows: list[tuple[str | None, ...]] = []
    # Keep the elements themselves: ids of lxml proxies are reused once a proxy is collected.
    seen: list[object] = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            # python-docx repeats a merged cell at every position it covers; show it once.
            element = docx_cell_element(cell)
            if any(element is other for other in seen):
                cells.append(None)
                continue
            seen.append(element)
            lines = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
            lines.extend(" | ".join(c or "" for c in r) for inner in cell.tables for r in _table(inner).rows)
            cells.append("\n".join(lines))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def read_docx(path: Path) -> Document:
    # Check limits and refuse entity declarations before python-docx parses anything.
    with open_zip(path, "DOCX") as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                read_member(archive, name)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several unrelated types for broken files
        raise ReadError(f"cannot be opened as DOCX ({error}); re-save it from Word") from error
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                blocks.append(Line(item.text))
        else:
            blocks.append(_table(item))
    return Document(tuple(blocks), ("DOCX",))

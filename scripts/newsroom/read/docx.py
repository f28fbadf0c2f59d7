"""DOCX (Word): paragraphs and tables in body order, via python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from newsroom.engine_ledger import docx_cell_element, docx_table_element
from newsroom.messages import N_, _
from newsroom.read import limits
from newsroom.read._zip import open_zip, read_member
from newsroom.read.blocks import Block, Document, Line, ReadError, Table


def _table(table: DocxTable) -> Table:
    _check_grid(table)
    rows: list[tuple[str | None, ...]] = []
    # Keep the elements themselves alive: ids of lxml proxies are reused once a proxy is collected.
    kept: list[object] = []
    seen: set[int] = set()
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            # python-docx repeats a merged cell at every position it covers; show it once.
            element = docx_cell_element(cell)
            if id(element) in seen:
                cells.append(None)
                continue
            kept.append(element)
            seen.add(id(element))
            lines = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
            lines.extend(" | ".join(c or "" for c in r) for inner in cell.tables for r in _table(inner).rows)
            cells.append("\n".join(lines))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def _check_grid(table: DocxTable) -> None:
    """Rows and spans as the XML declares them, before python-docx lays them out."""
    rows = docx_table_element(table).tr_lst
    cells = [tc for tr in rows for tc in tr.tc_lst]
    widths = [sum(max(tc.grid_span, 1) for tc in tr.tc_lst) for tr in rows]
    limits.check_table(len(rows), max(widths, default=0), len(cells))


def read_docx(path: Path) -> Document:
    # Check limits and refuse entity declarations before python-docx parses anything.
    with open_zip(path, "DOCX") as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                data = read_member(archive, name)
                if name == "word/document.xml":
                    limits.parse_xml(data, name, N_("re-save it from Word"), limits.MAX_DOCX_ELEMENTS)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several unrelated types for broken files
        raise ReadError(_("cannot be opened as DOCX ({error}); re-save it from Word").format(error=error)) from error
    blocks: list[Block] = []
    try:
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                if item.text.strip():
                    blocks.append(Line(item.text))
            else:
                blocks.append(_table(item))
    except RecursionError as error:
        # python-docx follows vertically merged cells and nested tables recursively.
        raise ReadError(_("has tables nested or merged too deeply to read; re-save it from Word")) from error
    except ReadError:
        raise
    except (ValueError, AttributeError, KeyError, IndexError, TypeError) as error:
        # python-docx trusts the package: an attribute outside the schema (a span that is not a number) or a
        # part of the wrong kind (a renamed member) surfaces as one of these.
        message = " ".join(str(error).split())
        problem = _("has a damaged document structure ({kind}: {message}); re-save it from Word")
        raise ReadError(problem.format(kind=type(error).__name__, message=message)) from error
    return Document(tuple(blocks), ("DOCX",))

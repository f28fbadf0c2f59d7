"""What every reader returns: the document's lines and tables, in reading order.

Readers know nothing of releases or Markdown; they only say what text is where.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from newsroom.messages import _


@dataclass(frozen=True)
class Line:
    """One paragraph (or one line of a plain-text file)."""

    text: str
    # 1-based line number in the source, where the format has lines (plain text); 0 otherwise.
    number: int = 0


@dataclass(frozen=True)
class Table:
    """A table as a grid: ``None`` marks a position covered by a merged cell above or to the left.

    A cell's text keeps its paragraphs apart with ``\\n``.
    """

    rows: tuple[tuple[str | None, ...], ...]
    number: int = 0

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def texts(self) -> list[str]:
        """Every non-empty cell, in reading order."""
        return [cell for row in self.rows for cell in row if cell]


@dataclass(frozen=True)
class Picture:
    """An image embedded in the release (a photo, a poster, a logo), as its stored bytes.

    ``width`` and ``height`` are the pixel size read from the image's own header (0 when unknown);
    ``caption`` is the caption the document attaches to it, if any.
    """

    data: bytes = field(repr=False)
    name: str
    caption: str = ""
    width: int = 0
    height: int = 0

    def texts(self) -> list[str]:
        """No text of its own (the caption is the parser's to place)."""
        return []


Block = Line | Table | Picture


@dataclass(frozen=True)
class Document:
    """A release file as read: its blocks and notes on how it was decoded."""

    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


class ReadError(ValueError):
    """A file that cannot be read; the message says what to do about it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _dense(cells: list[tuple[int, int, int, int, str]]) -> list[tuple[int, int, int, int, str]]:
    """The cells with each address replaced by its rank among the addresses in use; spans end where they did."""
    rows = sorted({row for row, _, _, _, _ in cells})
    cols = sorted({col for _, col, _, _, _ in cells})
    row_rank = {row: rank for rank, row in enumerate(rows)}
    col_rank = {col: rank for rank, col in enumerate(cols)}
    out = []
    for row, col, rspan, cspan, text in cells:
        # A span covers the used rows (columns) from its start up to where it ended: at least its own.
        row_end = max(1, bisect.bisect_left(rows, row + max(rspan, 1)) - row_rank[row])
        col_end = max(1, bisect.bisect_left(cols, col + max(cspan, 1)) - col_rank[col])
        out.append((row_rank[row], col_rank[col], row_end, col_end, text))
    return out


def grid(cells: list[tuple[int, int, int, int, str]]) -> tuple[tuple[str | None, ...], ...]:
    """Lay out ``(row, col, row_span, col_span, text)`` cells on a grid; covered positions become ``None``.

    Addresses and spans come from the file: a grid beyond the table limits with few cells is laid out
    by the addresses in use (see `_dense`); a span never reaches past the last row or column any cell
    starts in (those positions would only be covered), and the grid is checked against the table limits
    before it is allocated.
    """
    # Imported here because limits imports ReadError from this module.
    from newsroom.read.limits import MAX_TABLE_CELLS, check_table, table_fits

    if not cells:
        return ()
    if any(row < 0 or col < 0 for row, col, _, _, _ in cells):
        raise ReadError(_("has a table cell at a negative row or column; the table is damaged: re-save the file"))
    last_row = max(row for row, _, _, _, _ in cells)
    last_col = max(col for _, col, _, _, _ in cells)
    if not table_fits(last_row + 1, last_col + 1, len(cells)) and len(cells) <= MAX_TABLE_CELLS:
        # A table is as large as the cells it holds: addresses far apart (a real HWP 5 puts 2 cells at
        # 65,535 x 65,530) are read in their order, each distinct row and column one line of the grid.
        cells = _dense(cells)
        last_row = max(row for row, _, _, _, _ in cells)
        last_col = max(col for _, col, _, _, _ in cells)
    check_table(last_row + 1, last_col + 1, len(cells))
    # Positions covered only by a span that reaches past every cell's start are left out.
    height = max(min(row + max(rspan, 1), last_row + 1) for row, _, rspan, _, _ in cells)
    width = max(min(col + max(cspan, 1), last_col + 1) for _, col, _, cspan, _ in cells)
    covered = sum(
        (min(row + max(rspan, 1), height) - row) * (min(col + max(cspan, 1), width) - col)
        for row, col, rspan, cspan, _ in cells
    )
    if covered > 2 * height * width:
        # Spans of a real table tile the grid; many overlapping ones only cost time.
        raise ReadError(_("has a table whose merged cells overlap each other many times; re-save the file"))
    table: list[list[str | None]] = [[""] * width for _ in range(height)]
    for row, col, rspan, cspan, _text in cells:
        for r in range(row, min(row + max(rspan, 1), height)):
            for c in range(col, min(col + max(cspan, 1), width)):
                table[r][c] = None
    for row, col, _rspan, _cspan, text in cells:
        table[row][col] = text
    return tuple(tuple(row) for row in table)

"""What every reader returns: the document's lines and tables, in reading order.

Readers know nothing of releases or Markdown; they only say what text is where.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


# No release file comes near this; every reader refuses a larger one before reading it.
MAX_FILE_BYTES = 50 * 1024 * 1024


class ReadError(ValueError):
    """A file that cannot be read; the message says what to do about it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def grid(cells: list[tuple[int, int, int, int, str]]) -> tuple[tuple[str | None, ...], ...]:
    """Lay out ``(row, col, row_span, col_span, text)`` cells on a grid; covered positions become ``None``."""
    if not cells:
        return ()
    height = max(row + max(rspan, 1) for row, _, rspan, _, _ in cells)
    width = max(col + max(cspan, 1) for _, col, _, cspan, _ in cells)
    table: list[list[str | None]] = [[""] * width for _ in range(height)]
    for row, col, rspan, cspan, _text in cells:
        for r in range(row, row + max(rspan, 1)):
            for c in range(col, col + max(cspan, 1)):
                table[r][c] = None
    for row, col, _, _, text in cells:
        table[row][col] = text
    return tuple(tuple(row) for row in table)

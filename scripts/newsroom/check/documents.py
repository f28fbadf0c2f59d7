"""The docs tree as the checker sees it: one ``CheckedPage`` per Markdown page, per language.

Every page is read by the one page reader (``newsroom.model.corpus``), the same the build uses; this module only adds
what a report needs (the path as shown, the body's structure). It never writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsroom.check.findings import Finding, Severity
from newsroom.check.markup import Structure, analyse
from newsroom.model.corpus import PageReading, YamlPath, read_page
from newsroom.model.release import LANGUAGES, Lang
from newsroom.paths import shown_path


@dataclass(frozen=True)
class CheckedPage:
    path: Path  # the file on disk
    shown: str  # the path printed in findings (relative to the working directory where possible)
    reading: PageReading

    @property
    def lang(self) -> Lang:
        assert self.reading.lang is not None  # only pages below a language folder are read
        return self.reading.lang

    @property
    def rel(self) -> PurePosixPath:
        """Below the language folder, e.g. news/2025/slug.md."""
        return self.reading.rel

    @property
    def meta(self) -> dict[str, Any]:
        return self.reading.meta

    @property
    def body(self) -> str:
        return self.reading.body

    @property
    def front(self) -> str:
        return self.reading.front

    @property
    def body_line(self) -> int:
        return self.reading.body_line

    @property
    def lines_of(self) -> dict[YamlPath, int]:
        return self.reading.lines_of

    @property
    def is_release(self) -> bool:
        return self.reading.is_release

    def line_of(self, loc: YamlPath) -> int:
        return self.reading.line_of(loc)

    def finding_at(self, field: str, severity: Severity, message: str) -> Finding:
        """A finding on the line of a top-level front-matter field."""
        return Finding(self.shown, self.line_of((field,)), severity, message)

    def structure(self) -> Structure:
        return analyse(self.body, self.body_line)


@dataclass(frozen=True)
class Unreadable:
    """A page whose front matter or encoding stops every other check."""

    shown: str
    line: int
    message: str


def load(docs_dir: Path) -> tuple[list[CheckedPage], list[Unreadable]]:
    documents: list[CheckedPage] = []
    unreadable: list[Unreadable] = []
    for lang in LANGUAGES:
        root = docs_dir / lang
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.md")):
            shown = shown_path(path)
            reading = read_page(path.relative_to(docs_dir).as_posix(), path.read_bytes())
            if reading.readable:
                documents.append(CheckedPage(path, shown, reading))
            else:
                fault = reading.faults[0]
                unreadable.append(Unreadable(shown, fault.line, fault.problem))
    return documents, unreadable

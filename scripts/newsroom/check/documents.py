"""The docs tree as the checker sees it: one ``Document`` per Markdown page, per language.

Only reads; it never writes a file. The site language of a page is its top folder (``docs/ko``,
``docs/en``), as in static-i18n's folder mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from newsroom import pages
from newsroom.check.findings import Finding, Severity
from newsroom.check.markup import Structure, analyse
from newsroom.messages import _
from newsroom.model import LANGUAGES, Lang, is_release_page
from newsroom.paths import shown_path

YamlPath = tuple[str | int, ...]
# libyaml's loader when PyYAML was built with it: several times faster on thousands of pages.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    path: Path  # the file on disk
    shown: str  # the path printed in findings (relative to the working directory where possible)
    lang: Lang
    rel: PurePosixPath  # below the language folder, e.g. news/2025/slug.md
    meta: dict[str, Any]
    body: str
    body_line: int
    front: str  # the raw front matter, for line numbers

    @cached_property
    def lines_of(self) -> dict[YamlPath, int]:
        """Front-matter key (and list item) → line in the file; computed only when a finding needs one."""
        return _yaml_lines(self.front, first_line=2)

    @property
    def is_release(self) -> bool:
        return is_release_page(self.rel.as_posix(), self.meta)

    def line_of(self, loc: YamlPath) -> int:
        """File line of a front-matter field, or of its closest parent that exists; 1 if none does."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines_of:
                return self.lines_of[loc[:end]]
        return 1

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


def load(docs_dir: Path) -> tuple[list[Document], list[Unreadable]]:
    documents: list[Document] = []
    unreadable: list[Unreadable] = []
    for lang in LANGUAGES:
        root = docs_dir / lang
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.md")):
            result = _read(path, lang, root)
            (documents if isinstance(result, Document) else unreadable).append(result)
    return documents, unreadable


def _read(path: Path, lang: Lang, root: Path) -> Document | Unreadable:
    shown = shown_path(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Unreadable(shown, line, _("file is not UTF-8 ({reason}); save it as UTF-8").format(reason=error.reason))
    try:
        page = pages.split(text)
    except pages.FrontMatterError as error:
        problem = _("{error}; fix the front matter between the two '---' lines").format(error=error)
        return Unreadable(shown, error.line or 1, problem)
    front = "\n".join(text.removeprefix("\ufeff").split("\n")[1 : page.body_line - 2]) if page.meta else ""
    return Document(
        path=path,
        shown=shown,
        lang=lang,
        rel=PurePosixPath(path.relative_to(root).as_posix()),
        meta=page.meta,
        body=page.body,
        body_line=page.body_line,
        front=front,
    )


def _yaml_lines(front: str, first_line: int) -> dict[YamlPath, int]:
    """Map each key (and list item) of the front matter to its line in the file."""
    if not front.strip():
        return {}
    lines: dict[YamlPath, int] = {}

    def walk(node: yaml.Node, loc: YamlPath) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*loc, str(key.value))
                lines[child] = key.start_mark.line + first_line
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*loc, index)] = item.start_mark.line + first_line
                walk(item, (*loc, index))

    root = yaml.compose(front, Loader=_LOADER)
    if root is not None:
        walk(root, ())
    return lines

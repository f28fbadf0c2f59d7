"""A parsed release becomes Markdown pages: front matter from :mod:`newsroom.model`, body from the parser.

Release text is data, never markup: everything Markdown or HTML would act on is escaped.
Writes are atomic (a temporary file renamed over the page) and refuse to overwrite a page
edited by hand since it was converted (its body no longer matches its stored ``body_sha256``).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom import pages
from newsroom.model import ReleaseMeta
from newsroom.parse.elements import Caption, Element, Heading, ListItem, Note, Paragraph, TableRows

# Characters Python-Markdown (and the enabled extensions) give a meaning to, anywhere in a line.
INLINE_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]~|])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
# At the start of a line: headings, quotes, lists, rules, definition lists, admonitions.
LINE_START_RE = re.compile(r"^(\s*)([#>+\-:!?=]|\d+[.)])")


class WriteError(ValueError):
    """A page that must not be written; the message says why and what to do."""


def escape_inline(text: str) -> str:
    """Escape release text so that it renders as the same text, whatever characters it holds."""
    text = ENTITY_RE.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return INLINE_SPECIAL_RE.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    escaped = escape_inline(text)
    match = LINE_START_RE.match(escaped)
    if match:
        lead, mark = match.group(1), match.group(2)
        # Numeric character references read as the same character but start no block.
        first = f"&#{ord(mark[0])};"
        escaped = f"{lead}{first}{mark[1:]}{escaped[match.end() :]}"
    return escaped


def _lines(text: str) -> list[str]:
    return [escape_line(line.strip()) for line in text.split("\n") if line.strip()]


def render_body(elements: list[Element]) -> str:
    """Markdown for a release body; the same elements always give the same text."""
    out: list[str] = []
    previous: Element | None = None
    for element in elements:
        in_list = isinstance(previous, ListItem)
        if isinstance(element, ListItem):
            indent = "    " * element.level
            first, *rest = _lines(element.text) or [""]
            text = f"{indent}- {first}"
            # A new list needs a blank line before it; items of one list follow each other directly.
            lines = [text, *(f"{indent}  {line}" for line in rest)]
            if in_list:
                out.append("\n".join(lines))
            else:
                out.append("\n" + "\n".join(lines))
        elif isinstance(element, Note):
            indent = "    " * (previous.level + 1) if isinstance(previous, ListItem) else ""
            body = "\n".join(f"{indent}{line}" for line in _lines(f"{element.mark} {element.text}"))
            out.append(f"\n{body}\n{indent}{{: .news-note }}")
        elif isinstance(element, Paragraph):
            out.append("\n" + "\n".join(_lines(element.text)))
        elif isinstance(element, Heading):
            out.append(f"\n## {escape_inline(element.text)}")
        elif isinstance(element, Caption):
            out.append(f"\n{escape_line(element.text)}\n{{: .news-caption }}")
        elif isinstance(element, TableRows):
            out.append("\n" + render_table(element.rows))
        previous = element
    return "\n".join(out).strip() + "\n"


def render_table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)

    def cell(text: str) -> str:
        # Paragraphs inside a cell become line breaks: the only markup the converter adds itself.
        return "<br>".join(escape_inline(line.strip()) for line in text.split("\n") if line.strip()) or " "

    lines = []
    for index, row in enumerate(rows):
        padded = list(row) + [""] * (width - len(row))
        lines.append("| " + " | ".join(cell(text) for text in padded) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def front_matter(meta: ReleaseMeta, body: str) -> dict[str, Any]:
    """The page's front matter, with ``body_sha256`` set to the hash of exactly this body."""
    return meta.model_copy(update={"body_sha256": pages.body_hash(body)}).to_front_matter()


def render_page(meta: ReleaseMeta, body: str) -> str:
    """The page text: front matter from the model, then the body."""
    return pages.join(front_matter(meta, body), body)


@dataclass(frozen=True)
class Planned:
    """A page the converter means to write."""

    path: Path
    text: str
    status: str  # "new", "changed" or "unchanged"
    previous: str | None


def page_path(docs_dir: Path, meta: ReleaseMeta) -> Path:
    """``docs/<lang>/news/<year>/<slug>.md``, refusing anything that would land outside ``docs_dir``."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta.slug):
        raise WriteError(f"slug '{meta.slug}' is not lowercase ASCII words joined by hyphens; pass --slug")
    root = docs_dir.resolve()
    path = (root / meta.lang / "news" / f"{meta.date.year:04d}" / f"{meta.slug}.md").resolve()
    if root not in path.parents:
        raise WriteError(f"page {path} would be outside {root}; refusing to write it")
    return path


@dataclass(frozen=True)
class Owner:
    """Which release a page belongs to, from its front matter."""

    translation_key: str
    title: str
    source_file: str | None
    source_sha256: str | None

    @classmethod
    def of(cls, meta: dict[str, Any]) -> Owner | None:
        key = meta.get("translation_key")
        if not isinstance(key, str):
            return None
        source = meta.get("source") if isinstance(meta.get("source"), dict) else {}
        return cls(key, str(meta.get("title", "")), source.get("file"), source.get("sha256"))

    def same_release(self, other: Owner) -> bool:
        """The same release: one translation key, and the same source file (by name, or by content if renamed)."""
        if self.translation_key != other.translation_key:
            return False
        if self.source_file is None or other.source_file is None:
            return True
        return self.source_file == other.source_file or self.source_sha256 == other.source_sha256


def plan(path: Path, text: str, *, force: bool) -> Planned:
    """Compare with the page on disk; refuse to replace another release's page, or a hand edit without force.

    ``--force`` replaces a hand edit of the same release, never a different release.
    """
    if not path.exists():
        return Planned(path, text, "new", None)
    previous = path.read_text(encoding="utf-8")
    if previous == text:
        return Planned(path, text, "unchanged", previous)
    try:
        page = pages.split(previous)
    except pages.FrontMatterError as error:
        if force:
            return Planned(path, text, "changed", previous)
        raise WriteError(f"{path} has broken front matter ({error}); fix it or pass --force to replace it") from error
    mine = pages.split(text).meta
    ours, theirs = Owner.of(mine), Owner.of(page.meta)
    if ours is not None and theirs is not None and not ours.same_release(theirs):
        raise WriteError(_taken(path, theirs, ours, mine.get("date")))
    if not force and page.meta.get("body_sha256") != pages.body_hash(page.body):
        raise WriteError(
            f"{path} was edited by hand since it was converted (its body no longer matches body_sha256); "
            "keep the edit, or pass --force to overwrite it"
        )
    return Planned(path, text, "changed", previous)


def _taken(path: Path, theirs: Owner, ours: Owner, date: object) -> str:
    """The refusal for a page name held by another release, with a free name to pass as --slug."""
    suffix = str(date)[5:10].replace("-", "") if date else "2"
    suggestion = f"{path.stem}-{suffix}"
    number = 2
    while (path.parent / f"{suggestion}.md").exists():
        suggestion = f"{path.stem}-{suffix}-{number}"
        number += 1
    origin = f", converted from {theirs.source_file}" if theirs.source_file else ""
    return (
        f"{path} already holds another release: '{theirs.title}' (translation_key {theirs.translation_key}{origin}); "
        f"give '{ours.title}' its own page name with --slug {suggestion} (--force never replaces another release)"
    )


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

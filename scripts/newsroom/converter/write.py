"""The disk guard: pages and pictures reach ``docs/`` only through here.

:func:`plan` compares a composed page with the one on disk and refuses to replace another release's
page, or a page edited by hand since it was converted (its body no longer matches its stored
``body_sha256``) unless forced; writes are atomic (a temporary file renamed over the target).
What a page holds is :mod:`newsroom.compose`'s business.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.messages import _
from newsroom.model import pages
from newsroom.model.release import recorded_body_hash, recorded_source_file, recorded_text


class WriteError(ValueError):
    """A page that must not be written; the message says why and what to do."""


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Planned:
    """A page the converter means to write."""

    path: Path
    text: str
    status: str  # "new", "changed" or "unchanged"
    previous: str | None


@dataclass(frozen=True)
class Owner:
    """Which release a page belongs to, from its front matter."""

    translation_key: str
    title: str
    source_file: str | None
    source_sha256: str | None

    @classmethod
    def of(cls, meta: dict[str, Any]) -> Owner | None:
        key = recorded_text(meta, "translation_key")
        if key is None:
            return None
        title = recorded_text(meta, "title") or ""
        return cls(key, title, recorded_source_file(meta), recorded_text(meta, "source", "sha256"))

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
        problem = _("{path} has broken front matter ({error}); fix it or pass --force to replace it")
        raise WriteError(problem.format(path=path, error=error)) from error
    mine = pages.split(text).meta
    ours, theirs = Owner.of(mine), Owner.of(page.meta)
    if ours is not None and theirs is not None and not ours.same_release(theirs):
        raise WriteError(_taken(path, theirs, ours, mine.get("date")))
    if not force and recorded_body_hash(page.meta) != pages.body_hash(page.body):
        problem = _(
            "{path} was edited by hand since it was converted (its body no longer matches body_sha256); "
            "keep the edit, or pass --force to overwrite it"
        )
        raise WriteError(problem.format(path=path))
    return Planned(path, text, "changed", previous)


def _taken(path: Path, theirs: Owner, ours: Owner, date: object) -> str:
    """The refusal for a page name held by another release, with a free name to pass as --slug."""
    suffix = str(date)[5:10].replace("-", "") if date else "2"
    suggestion = f"{path.stem}-{suffix}"
    number = 2
    while (path.parent / f"{suggestion}.md").exists():
        suggestion = f"{path.stem}-{suffix}-{number}"
        number += 1
    if theirs.source_file:
        template = _(
            "{path} already holds another release: '{title}' (translation_key {key}, converted from {source}); "
            "give '{ours}' its own page name with --slug {suggestion} (--force never replaces another release)"
        )
    else:
        template = _(
            "{path} already holds another release: '{title}' (translation_key {key}); "
            "give '{ours}' its own page name with --slug {suggestion} (--force never replaces another release)"
        )
    return template.format(
        path=path,
        title=theirs.title,
        key=theirs.translation_key,
        source=theirs.source_file,
        ours=ours.title,
        suggestion=suggestion,
    )


def plan_pages(pages: list[tuple[Path, str]], *, force: bool) -> list[Planned]:
    """Each page of one release planned (:func:`plan`); every page is checked before any is written."""
    return [plan(path, text, force=force) for path, text in pages]


def put_pages(
    pages: list[tuple[Path, str]], images: list[tuple[Path, bytes]], *, force: bool, dry_run: bool
) -> list[Planned]:
    """The disk guard's one entry for a release: plan every page (a refusal raises WriteError before anything
    is written), then, unless it is a dry run, write the pictures and the changed pages."""
    planned = plan_pages(pages, force=force)
    if not dry_run:
        write_planned(planned, images)
    return planned


def write_planned(planned: list[Planned], images: list[tuple[Path, bytes]]) -> None:
    """Write a release's changed pages and their pictures, pictures first: a page never shows a missing one."""
    for image_path, data in images:
        if not image_path.is_file() or image_path.read_bytes() != data:
            write_bytes_atomic(image_path, data)
    for page in planned:
        if page.status != "unchanged":
            write_atomic(page.path, page.text)


def write_atomic(path: Path, text: str) -> None:
    """A page, as UTF-8 with the newlines it has (never the platform's), written atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))

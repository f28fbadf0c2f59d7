"""Load every release's front matter in one pass, and decide which releases are published at a given time."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import ValidationError

from newsroom import pages
from newsroom.messages import _
from newsroom.model import KST, LANGUAGES, RELEASE_PLACE_RE, Lang, PageMeta, ReleaseMeta, language_root

# A release lives at <lang>/news/<year>/<slug>.md below the docs folder; anything else under news/ is not one.
# A release below the docs folder: a language folder, then the release's place (one home: model.RELEASE_PLACE_RE).
RELEASE_SOURCE_RE = re.compile(r"^(?P<lang>[a-z]{2})/" + RELEASE_PLACE_RE.pattern.removeprefix("^"))
NOW_ENV = "NEWSROOM_NOW"


class PageError(ValueError):
    """A page the site cannot publish; the message names the file, the line and the fix."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.where = where
        self.problem = problem


class ReleaseError(PageError):
    """A release the site cannot publish (its front matter, its place, or a clash with another release)."""


@dataclass(frozen=True)
class Release:
    meta: ReleaseMeta
    source: str  # path below the docs folder, e.g. 'ko/news/2025/<slug>.md'

    @property
    def lang(self) -> Lang:
        return self.meta.lang

    @property
    def path(self) -> str:
        """Path of the page from the site root, e.g. 'en/news/2025/<slug>/'."""
        return language_root(self.lang) + self.meta.url_path

    @property
    def published_at(self) -> dt.datetime:
        """When the release went out: its distribution time, else the start of its date in Korea."""
        if self.meta.distributed_at is not None:
            return self.meta.distributed_at
        return dt.datetime.combine(self.meta.date, dt.time(0, 0), tzinfo=KST)

    @property
    def updated_at(self) -> dt.datetime:
        """The latest change to the public record: a correction note or the withdrawal."""
        moments = [self.published_at, *(change.at for change in self.meta.changes)]
        if self.meta.withdrawn is not None:
            moments.append(self.meta.withdrawn.at)
        return max(moments)

    @property
    def withdrawn(self) -> bool:
        return self.meta.withdrawn is not None

    @property
    def corrected(self) -> bool:
        return bool(self.meta.changes)

    @property
    def redirect_paths(self) -> list[str]:
        """The release's former addresses from the site root, e.g. 'en/news/2024/<old-slug>/'."""
        return [language_root(self.lang) + old for old in self.meta.redirect_from]


@dataclass(frozen=True)
class Redirect:
    """A former address of a moved release: a page there sends readers (and search engines) on."""

    path: str  # from the site root, e.g. 'news/2025/<old-slug>/'
    release: Release


def is_release_source(src_uri: str) -> bool:
    match = RELEASE_SOURCE_RE.match(src_uri)
    return match is not None and match["lang"] in LANGUAGES


def _field_line(front_matter_text: str, field_name: str) -> int | None:
    """1-based line of ``field_name:`` in the file (front matter starts on line 2)."""
    for number, line in enumerate(front_matter_text.split("\n"), start=1):
        if re.match(rf"^{re.escape(field_name)}\s*:", line):
            return number
    return None


def _unreadable_line(text: str) -> int | None:
    """The first top-level 'field: value' line that YAML cannot turn into a value on its own."""
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip() == pages.FENCE:
            break
        if re.match(r"^[A-Za-z_]\w*\s*:\s*\S", line):
            try:
                yaml.safe_load(line)
            except (ValueError, yaml.YAMLError):
                return number
    return None


def _split(source: str, text: str, error_type: type[PageError]) -> pages.Page:
    """Front matter and body, or ``error_type`` naming the line of front matter YAML cannot read."""
    try:
        return pages.split(text)
    except pages.FrontMatterError as error:
        problem = _("{error}; fix the YAML between the two '---' lines").format(error=error)
        raise error_type(source, error.line, problem) from error
    except ValueError as error:  # YAML that parses but holds an impossible value, e.g. date: 2026-13-40
        line = _unreadable_line(text)
        problem = _("front matter holds a value that cannot be read: {error}").format(error=error)
        raise error_type(source, line, problem) from error


def _schema_problem(error: ValidationError, text: str) -> tuple[int | None, str]:
    """The line of the first field the schema refused, and every refusal in one line."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    whole = _("front matter")
    problems = "; ".join(
        f"{'.'.join(str(part) for part in item['loc']) or whole}: {item['msg']}" for item in error.errors()
    )
    return (_field_line(text, name) if name else 2), problems


def check_plain_page(source: str, text: str) -> None:
    """A page that is not a release: its front matter must be YAML MkDocs can read and match ``PageMeta``.

    MkDocs itself publishes unreadable front matter as the page's text (a rule and the raw YAML), silently.
    """
    page = _split(source, text, PageError)
    try:
        PageMeta.model_validate(page.meta)
    except ValidationError as error:
        line, problems = _schema_problem(error, text)
        problem = _("front matter does not match the page schema (newsroom/model.py): {problems}")
        raise PageError(source, line, problem.format(problems=problems)) from error


def parse_release(source: str, text: str) -> Release:
    """Validate one release file's front matter against the model and its place in the folder tree."""
    match = RELEASE_SOURCE_RE.match(source)
    if match is None:
        raise ReleaseError(source, None, _("a release must live at <lang>/news/<year>/<slug>.md"))
    page = _split(source, text, ReleaseError)
    if not page.meta:
        raise ReleaseError(source, 1, _("no front matter: a release starts with '---', its fields, and '---'"))
    try:
        meta = ReleaseMeta.from_front_matter(page.meta)
    except ValidationError as error:
        line, problems = _schema_problem(error, text)
        problem = _("front matter does not match the release schema (newsroom/model.py): {problems}").format(
            problems=problems
        )
        raise ReleaseError(source, line, problem) from error
    expected = {"lang": match["lang"], "year": match["year"], "slug": match["slug"]}
    found = {"lang": meta.lang, "year": str(meta.date.year), "slug": meta.slug}
    mismatch = {
        "lang": _(
            "lang gives lang '{found}' but the file sits in the folder for '{folder}': "
            "move the file or correct the field"
        ),
        "year": _(
            "date gives year '{found}' but the file sits in the folder for '{folder}': "
            "move the file or correct the field"
        ),
        "slug": _(
            "slug gives slug '{found}' but the file sits in the folder for '{folder}': "
            "move the file or correct the field"
        ),
    }
    for key, value in expected.items():
        if found[key] != value:
            field_name = {"lang": "lang", "year": "date", "slug": "slug"}[key]
            problem = mismatch[key].format(found=found[key], folder=value)
            raise ReleaseError(source, _field_line(text, field_name), problem)
    return Release(meta=meta, source=source)


# Parsed releases by (absolute path, mtime, size): a second language build and `mkdocs serve` re-read
# only what changed.
_CACHE: dict[tuple[str, int, int], Release] = {}


def _read_text(docs_dir: Path, source: str, error_type: type[PageError]) -> str:
    path = docs_dir / source
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise error_type(source, line, _("is not UTF-8 text; save the file as UTF-8")) from error


def load_release(docs_dir: Path, source: str) -> Release:
    path = docs_dir / source
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(key)
    if cached is None:
        cached = parse_release(source, _read_text(docs_dir, source, ReleaseError))
        _CACHE[key] = cached
    return cached


def release_sources(docs_dir: Path) -> list[str]:
    """Every release file below ``docs_dir``, as paths relative to it, in a stable order."""
    found: list[str] = []
    for lang in LANGUAGES:
        news = docs_dir / lang / "news"
        if not news.is_dir():
            continue
        for root, _dirs, names in os.walk(news):
            for name in names:
                source = (Path(root) / name).relative_to(docs_dir).as_posix()
                if is_release_source(source):
                    found.append(source)
    return sorted(found)


def load_releases(docs_dir: Path, sources: Iterable[str] | None = None) -> list[Release]:
    """One pass over the front matter of every release (both languages); the first that cannot be read stops it."""
    releases, broken = load_releases_apart(docs_dir, sources)
    if broken:
        raise broken[0]
    return releases


def plain_page_errors(docs_dir: Path, sources: Iterable[str]) -> list[PageError]:
    """The error of each plain page (not a release) whose front matter the site cannot read."""
    errors: list[PageError] = []
    for source in sources:
        try:
            check_plain_page(source, _read_text(docs_dir, source, PageError))
        except PageError as error:
            errors.append(error)
    return errors


def load_releases_apart(
    docs_dir: Path, sources: Iterable[str] | None = None
) -> tuple[list[Release], list[ReleaseError]]:
    """Every release that reads, and the error of each that does not (a preview shows those instead)."""
    releases: list[Release] = []
    broken: list[ReleaseError] = []
    for source in release_sources(docs_dir) if sources is None else sources:
        try:
            releases.append(load_release(docs_dir, source))
        except ReleaseError as error:
            broken.append(error)
    return releases, broken


def now_from_env(environ: dict[str, str] | os._Environ[str] = os.environ) -> dt.datetime:
    """The build's notion of 'now': NEWSROOM_NOW (ISO 8601 with offset) for repeatable builds, else the clock."""
    raw = environ.get(NOW_ENV, "").strip()
    if not raw:
        return dt.datetime.now(dt.UTC)
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError as error:
        problem = _("{variable}={value} is not an ISO 8601 date-time, e.g. 2025-02-03T06:00:00+09:00")
        raise ValueError(problem.format(variable=NOW_ENV, value=repr(raw))) from error
    if value.tzinfo is None:
        problem = _("{variable}={value} needs a UTC offset, e.g. 2025-02-03T06:00:00+09:00")
        raise ValueError(problem.format(variable=NOW_ENV, value=repr(raw)))
    return value


@dataclass(frozen=True)
class Catalogue:
    """All releases of the site at one moment: what is published, and what the embargo still holds back."""

    releases: list[Release]
    now: dt.datetime
    _by_key: dict[str, list[Release]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for release in self.releases:
            self._by_key.setdefault(release.meta.translation_key, []).append(release)
            clash = seen.get((release.lang, release.meta.translation_key))
            if clash is not None:
                raise ReleaseError(
                    release.source,
                    None,
                    _(
                        "translation_key '{key}' is also used by {other} in the same language: "
                        "a release has at most one page per language, so give one of them its own key"
                    ).format(key=release.meta.translation_key, other=clash),
                )
            seen[(release.lang, release.meta.translation_key)] = release.source

    @cached_property
    def withheld_keys(self) -> frozenset[str]:
        # One embargoed language version holds back every version: a translation must not leak the news.
        return frozenset(r.meta.translation_key for r in self.releases if r.meta.is_embargoed(self.now))

    @cached_property
    def withheld_sources(self) -> frozenset[str]:
        return frozenset(r.source for r in self.releases if r.meta.translation_key in self.withheld_keys)

    @cached_property
    def published(self) -> list[Release]:
        return [r for r in self.releases if r.meta.translation_key not in self.withheld_keys]

    @cached_property
    def by_source(self) -> dict[str, Release]:
        return {r.source: r for r in self.published}

    def in_language(self, lang: str) -> list[Release]:
        """Published releases of one language (withdrawn ones too: they keep their address), newest first."""
        return sorted((r for r in self.published if r.lang == lang), key=newest_first_key)

    def only_in(self, lang: str, missing: str) -> list[Release]:
        """Listed (not withdrawn) releases of ``lang`` that have no published version in ``missing``, newest first."""
        return [r for r in self.in_language(lang) if not r.withdrawn and self.counterpart(r, missing) is None]

    @cached_property
    def redirects(self) -> list[Redirect]:
        """Every former address of a published release; one that is still some release's own address is refused."""
        own = {r.path: r for r in self.releases}
        taken: dict[str, Release] = {}
        found: list[Redirect] = []
        for release in self.published:
            for path in release.redirect_paths:
                holder = own.get(path) or taken.get(path)
                if holder is not None:
                    raise ReleaseError(
                        release.source,
                        None,
                        _(
                            "redirect_from lists {path}, which is the address of {holder}: "
                            "an old address can only lead to one release and never replaces a live one"
                        ).format(path=path, holder=holder.source),
                    )
                taken[path] = release
                found.append(Redirect(path, release))
        return found

    def counterpart(self, release: Release, lang: str) -> Release | None:
        """The published version of the same release in ``lang``, if there is one."""
        if release.meta.translation_key in self.withheld_keys:
            return None
        return next((r for r in self._by_key.get(release.meta.translation_key, []) if r.lang == lang), None)


def newest_first_key(release: Release) -> tuple[int, float, str]:
    # By the release date shown to readers; same day: the later distribution first; the slug settles ties.
    return (-release.meta.date.toordinal(), -release.published_at.timestamp(), release.meta.slug)

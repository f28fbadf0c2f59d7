"""Load every release's front matter in one pass, and decide which releases are published at a given time."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from newsroom.messages import _
from newsroom.model.corpus import PageFault, PageReading, key_clash_problem, read_page
from newsroom.model.release import KST, LANGUAGES, RELEASE_PLACE_RE, Lang, ReleaseMeta, language_root, parse_moment

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

    def __reduce__(self) -> tuple[type[PageError], tuple[str, int | None, str]]:
        # Sent between processes (preload_releases): rebuilt from its parts, not from the message.
        return type(self), (self.source, self.line, self.problem)

    @classmethod
    def from_fault(cls, fault: PageFault) -> PageError:
        return cls(fault.source, fault.line, fault.problem)


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


def _raise_first(reading: PageReading, error_type: type[PageError]) -> None:
    if reading.faults:
        raise error_type.from_fault(reading.faults[0])


def check_plain_page(source: str, data: bytes | str) -> None:
    """A page that is not a release: its front matter must be YAML MkDocs can read and match ``PageMeta``.

    MkDocs itself publishes unreadable front matter as the page's text (a rule and the raw YAML), silently.
    """
    _raise_first(read_page(source, data), PageError)


def read_release(source: str, data: bytes | str) -> Release:
    """One release file, read and validated by the one page reader (``newsroom.model.corpus``).

    Its first fault raises."""
    reading = read_page(source, data)
    if not is_release_source(source) and not reading.is_release:
        raise ReleaseError(source, None, _("a release must live at <lang>/news/<year>/<slug>.md"))
    _raise_first(reading, ReleaseError)
    if reading.release is None:  # a page elsewhere that holds no release fields at all
        raise ReleaseError(source, None, _("a release must live at <lang>/news/<year>/<slug>.md"))
    return Release(meta=reading.release, source=source)


@dataclass(frozen=True)
class CachedRelease:
    """A release as read from one file: the file's size, modification time and inode, its content hash, the result."""

    size: int
    mtime_ns: int
    inode: int
    digest: bytes
    release: Release


# Parsed releases by absolute path: a second language build and `mkdocs serve` re-read only what changed. An
# incremental build seeds ``_EARLIER`` with what the previous build parsed (``remember_parsed``): a file whose size,
# modification time and inode are the recorded ones, or else whose bytes hash to the recorded digest, is not parsed
# again (a fresh checkout changes every inode and time, never the bytes).
_CACHE: dict[str, CachedRelease] = {}
_EARLIER: dict[str, CachedRelease] = {}
# Every release of a docs folder as read just before the parallel build forks (``preload_releases``), by folder,
# with the id of the process that read it: only a process forked from it takes the result.
_PRELOADED: dict[str, tuple[int, list[Release], list[ReleaseError]]] = {}
# Files a process reads at the least when the preload is shared: below it a fork and the pickled results cost
# more than the parse they save (a release's front matter: about 0.3 ms).
SHARED_PRELOAD_RELEASES = 1_000


def load_release(docs_dir: Path, source: str) -> Release:
    return _load_release_at(str(docs_dir / source), source)


def _load_release_at(key: str, source: str) -> Release:
    """The release in the file at ``key`` (its absolute path, as a string: tens of thousands of releases are
    loaded before every build, and ``pathlib`` cost more than the ``stat``)."""
    stat = os.stat(key)
    now = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    for known in (_CACHE.get(key), _EARLIER.get(key)):
        if known is not None and (known.size, known.mtime_ns, known.inode) == now:
            _CACHE[key] = known
            return known.release
    with open(key, "rb") as handle:
        data = handle.read()
    digest = hashlib.sha256(data).digest()
    earlier = _EARLIER.get(key)
    if earlier is not None and earlier.digest == digest and earlier.release.source == source:
        release = earlier.release
    else:
        release = read_release(source, data)
    _CACHE[key] = CachedRelease(stat.st_size, stat.st_mtime_ns, stat.st_ino, digest, release)
    return release


def source_digest(docs_dir: Path, source: str) -> bytes | None:
    """The sha256 of the bytes ``load_release`` last read (or matched by size, time and inode) for ``source``."""
    known = _CACHE.get(os.path.join(docs_dir, source))  # str(docs_dir / source), as load_release keys it
    return known.digest if known is not None else None


def parsed_releases() -> dict[str, CachedRelease]:
    """Every release this process has read, by absolute path (an incremental build keeps them)."""
    return dict(_CACHE)


def forget_parsed() -> None:
    """Drop every release this process has read or was given (the parallel build's parent, once its workers have
    what it preloaded: at 2 x 10,000 releases about a hundred MB it would hold to the end of the build)."""
    _CACHE.clear()
    _EARLIER.clear()
    _PRELOADED.clear()


def remember_parsed(parsed: dict[str, CachedRelease]) -> None:
    """What an earlier build parsed: reused for files whose stat or bytes are unchanged (see ``load_release``)."""
    _EARLIER.clear()
    _EARLIER.update(parsed)


def release_sources(docs_dir: Path) -> list[str]:
    """Every release file below ``docs_dir``, as paths relative to it, in a stable order."""
    found: list[str] = []
    docs_root = str(docs_dir)
    for lang in LANGUAGES:
        news = os.path.join(docs_root, lang, "news")
        for root, _dirs, names in os.walk(news):
            folder = Path(root).relative_to(docs_root).as_posix()
            found.extend(source for name in names if is_release_source(source := f"{folder}/{name}"))
    return sorted(found)


def release_with_key(docs_dir: Path, lang: str, key: str) -> Release | None:
    """The release of ``lang`` holding ``key``; only pages whose text names the key are read by the model."""
    for source in release_sources(docs_dir):
        if source.startswith(f"{lang}/") and key.encode() in (docs_dir / source).read_bytes():
            release = load_release(docs_dir, source)
            if release.meta.translation_key == key:
                return release
    return None


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
            check_plain_page(source, (docs_dir / source).read_bytes())
        except PageError as error:
            errors.append(error)
    return errors


def preload_releases(docs_dir: Path, processes: int = 1) -> None:
    """Read every release of ``docs_dir`` once, just before the parallel build forks its language workers: each
    worker's first ``load_releases_apart`` of the folder takes this result instead of walking and stat-ing the whole
    archive again (it forks within milliseconds; ``mkdocs serve`` never preloads). With ``processes`` above one and
    at least ``SHARED_PRELOAD_RELEASES`` files, forked processes read the last parts of the archive while this one
    reads the first (the parallel build's parent has both cores to itself until it forks the workers)."""
    found = _found(docs_dir, None)
    parts = max(1, min(processes, len(found) // SHARED_PRELOAD_RELEASES))
    if parts == 1:
        _PRELOADED[str(docs_dir.resolve())] = (os.getpid(), *_load_found(found))
        return
    size = -(-len(found) // parts)
    first, *rest = (found[start : start + size] for start in range(0, len(found), size))
    with multiprocessing.get_context("fork").Pool(len(rest)) as pool:
        pending = [pool.apply_async(_load_found_and_cached, (part,)) for part in rest]
        releases, broken = _load_found(first)
        for part in pending:
            more_releases, more_broken, cached = part.get()
            releases += more_releases
            broken += more_broken
            _CACHE.update(cached)
    _PRELOADED[str(docs_dir.resolve())] = (os.getpid(), releases, broken)


def load_releases_apart(
    docs_dir: Path, sources: Iterable[str] | None = None
) -> tuple[list[Release], list[ReleaseError]]:
    """Every release that reads, and the error of each that does not (a preview shows those instead)."""
    if sources is None:
        preloaded = _PRELOADED.pop(str(docs_dir.resolve()), None)
        if preloaded is not None and preloaded[0] != os.getpid():
            return list(preloaded[1]), list(preloaded[2])
    return _load_found(_found(docs_dir, sources))


def _found(docs_dir: Path, sources: Iterable[str] | None) -> list[tuple[str, str]]:
    """``(key, source)`` of each release file: every one below ``docs_dir``, or ``sources``."""
    # The paths release_sources gives are clean: joined as strings, they are the keys load_release makes.
    if sources is None:
        docs_root = str(docs_dir)
        return [(f"{docs_root}/{source}", source) for source in release_sources(docs_dir)]
    return [(str(docs_dir / source), source) for source in sources]


def _load_found(found: list[tuple[str, str]]) -> tuple[list[Release], list[ReleaseError]]:
    releases: list[Release] = []
    broken: list[ReleaseError] = []
    for key, source in found:
        try:
            releases.append(_load_release_at(key, source))
        except ReleaseError as error:
            broken.append(error)
    return releases, broken


def _load_found_and_cached(
    found: list[tuple[str, str]],
) -> tuple[list[Release], list[ReleaseError], dict[str, CachedRelease]]:
    """``_load_found`` in a forked process, with what the parent's cache should keep of it (sent back pickled)."""
    releases, broken = _load_found(found)
    return releases, broken, {key: _CACHE[key] for key, _ in found if key in _CACHE}


def now_from_env(environ: dict[str, str] | os._Environ[str] = os.environ) -> dt.datetime:
    """The build's notion of 'now': NEWSROOM_NOW (ISO 8601; Korean time without an offset), else the clock."""
    raw = environ.get(NOW_ENV, "").strip()
    if not raw:
        return dt.datetime.now(dt.UTC)
    try:
        return parse_moment(raw)
    except ValueError as error:
        problem = _("{variable}={value} is not an ISO 8601 date-time, e.g. 2025-02-03T06:00:00+09:00")
        raise ValueError(problem.format(variable=NOW_ENV, value=repr(raw))) from error


@dataclass(frozen=True)
class Catalogue:
    """All releases of the site at one moment: what is published, and what the embargo still holds back."""

    releases: list[Release]
    now: dt.datetime
    _by_key: dict[str, list[Release]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _in_language: dict[str, list[Release]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for release in self.releases:
            self._by_key.setdefault(release.meta.translation_key, []).append(release)
            clash = seen.get((release.lang, release.meta.translation_key))
            if clash is not None:
                raise ReleaseError(release.source, None, key_clash_problem(release.meta.translation_key, clash))
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
        if lang not in self._in_language:
            self._in_language[lang] = sorted((r for r in self.published if r.lang == lang), key=newest_first_key)
        return list(self._in_language[lang])

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

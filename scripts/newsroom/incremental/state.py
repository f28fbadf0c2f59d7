"""What an incremental build keeps between builds (``.cache/newsroom/``), and the rule that decides reuse.

Plain Python over files, no MkDocs. The rule is memoization, per output: a page's output is reused only
when the fingerprint of everything it is made from is the one recorded with it. That fingerprint has
two parts:

- the **global fingerprint** (this module): ``mkdocs.yml`` and the environment variables it reads, every
  file of the theme overrides, every page and asset of ``docs/`` that is not a release, the newsroom
  package's own code and catalogues, ``package-lock.json``, every installed package's version, Python's
  version, and which releases the embargo holds back at the build's "now". Any change to it is a full
  build, by rule;
- the **page key** (the adapter's incremental feature): the global fingerprint, the page's address, its
  source bytes, and the plain-Python views its templates are given (the release with its translation and
  neighbours, or the listing with every item it lists; the page's languages and switcher; the search
  layout). Listings, topic pages and release pages are memoized; plain pages, the home page, feeds,
  redirects and the sitemap are rebuilt every time; the search index keeps its own state here
  (``newsroom.search.memo``).

The state is written only after a build succeeded; anything missing, unreadable or from another version
of this module is ignored (a full build). A reused output is the file written by an earlier build, kept
here as a hard link; it is reused only while its size and modification time (in whole seconds) are the
recorded ones.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import pickle
import re
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

from newsroom.site.catalogue import NOW_ENV, CachedRelease, is_release_source

STATE_VERSION = "3"
DEFAULT_STATE_DIR = Path(".cache/newsroom")
OUTPUTS = "outputs"  # the outputs of memoized pages, as hard links, one folder, named by their path's hash
EARLIER_OUTPUTS = ("site", "site.new", "site.old")  # the folders earlier versions of this module kept them in
STATS = "outputs.json"
PARSED = "releases.pickle"  # every release's parsed front matter, by file (newsroom.site.catalogue.CachedRelease)
PARSED_CHANGES = "releases-changed.pickle"  # the releases parsed since that file was written
ENV_TAG = re.compile(r"!ENV\s+(\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_]*)")
ENV_NAME = re.compile(r"\b[A-Z_][A-Z0-9_]*\b")


@dataclass
class PageRecord:
    """One memoized page: its key, and what the build collected from it besides its file."""

    key: str
    search: list[Any] = field(default_factory=list)  # the search documents made from it
    anchors: set[str] = field(default_factory=set)  # its anchor ids (links to it are checked against them)
    sitemap: tuple[str, Any] | None = None  # its page URL and sitemap entry, for a page kept before MkDocs reads it


@dataclass
class LanguageState:
    fingerprint: str  # the global fingerprint of the build that wrote it, with its embargo part
    records: dict[str, PageRecord]  # by output path below the site, e.g. 'en/news/2025/<slug>/index.html'
    shards: int = 0  # the search layout every page of that build was told
    kept: set[str] = field(default_factory=set)  # outputs the worker did not write: the state's files stand


class LayoutChanged(RuntimeError):
    """Pages were kept before the build knew its search layout, and the layout is not the recorded one.

    Rare (the shard count is a power of two that stops growing at about a thousand pages): the language is
    built again without the state.
    """


def _hash_files(digest: Any, root: Path, skip: Any = None) -> None:
    if not root.exists():
        digest.update(f"missing {root.name}\n".encode())
        return
    top = os.fspath(root)
    for folder, names, files in os.walk(top):
        names[:] = sorted(name for name in names if name != "__pycache__")
        below = folder[len(top) + 1 :].replace(os.sep, "/")
        for name in sorted(files):
            # Strings, not paths: docs/ holds every release, skipped here by name (tens of thousands of them).
            relative = f"{below}/{name}" if below else name
            if skip is not None and skip(relative):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            digest.update(f"{relative}\0{len(data)}\0".encode())
            digest.update(data)


def config_environment(config_text: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The environment variables ``mkdocs.yml`` reads with ``!ENV`` (the build's "now" apart: see the embargo part)."""
    names = {name for tag in ENV_TAG.findall(config_text) for name in ENV_NAME.findall(tag)}
    names.discard(NOW_ENV)
    return {name: environ.get(name, "\0unset") for name in sorted(names)}


def installed_packages() -> list[str]:
    # A set: a folder on sys.path that holds an .egg-info (scripts/, when it is put first) lists a package twice.
    return sorted({f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()})


def global_fingerprint(
    config_file: Path, docs_dir: Path, theme_dirs: Iterable[Path], environ: Mapping[str, str] = os.environ
) -> str:
    """Everything every page depends on, except the releases themselves (see the module's docstring)."""
    import newsroom

    digest = hashlib.sha256(f"newsroom incremental {STATE_VERSION}\n{sys.version}\n".encode())
    text = config_file.read_text(encoding="utf-8")
    digest.update(text.encode())
    digest.update(json.dumps(config_environment(text, environ)).encode())
    for theme_dir in theme_dirs:
        _hash_files(digest, theme_dir)
    _hash_files(digest, docs_dir, skip=is_release_source)
    _hash_files(digest, Path(newsroom.__file__).parent)
    lock = config_file.parent / "package-lock.json"
    digest.update(lock.read_bytes() if lock.exists() else b"no package-lock.json")
    digest.update("\n".join(installed_packages()).encode())
    return digest.hexdigest()


def with_embargo(fingerprint: str, withheld: Iterable[str]) -> str:
    """The global fingerprint and the releases the embargo holds back: an embargo lifting is a full build."""
    return hashlib.sha256("\n".join([fingerprint, *sorted(withheld)]).encode()).hexdigest()


def page_key(fingerprint: str, path: str, source: bytes, views: Iterable[object]) -> str:
    """A page's key: the fingerprint, where it goes, what it is written from and what its templates see."""
    digest = hashlib.sha256(f"{fingerprint}\n{path}\n".encode())
    digest.update(hashlib.sha256(source).digest())
    for view in views:
        digest.update(repr(view).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def with_layout(key: str, shards: int) -> str:
    """A release page's key (taken before the build knows its search layout) with that layout."""
    return hashlib.sha256(f"{key}\n{shards}".encode()).hexdigest()


# -- the state folder ------------------------------------------------------------------------------


def _unpickle(handle: BinaryIO) -> Any:
    """``pickle.load`` without cycle collection: loading makes no garbage, yet the state's millions of new objects
    set off thousands of collections that each walk the growing heap (1.9 s of the parent's CPU at 2 × 10,000)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if was_enabled:
            gc.enable()


def state_file(state_dir: Path, language: str) -> Path:
    return state_dir / f"{language}.pickle"


def load_language_state(state_dir: Path, language: str) -> LanguageState | None:
    """The records a previous build left for ``language``; None when there are none or they cannot be read."""
    try:
        with state_file(state_dir, language).open("rb") as handle:
            state = _unpickle(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return state if isinstance(state, LanguageState) else None


@dataclass
class StagedOutputs:
    """What the parent needs of a worker's records: which outputs are memoized, which of them the worker kept.

    Written beside the records (``outputs_file``) so that the parent, which only moves the records into the state,
    never loads them (at 2 × 10,000 releases they hold every page's search text: over 100 MB).
    """

    recorded: list[str]  # the memoized outputs, by path below the site
    kept: set[str]  # those the worker did not write: the state's files stand


def outputs_file(records_file: Path) -> Path:
    return records_file.with_name(f"{records_file.name}.outputs")


def save_language_state(path: Path, state: LanguageState) -> None:
    """A worker's records, and beside them what the parent needs of them (``StagedOutputs``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    with outputs_file(path).open("wb") as handle:
        pickle.dump(StagedOutputs(list(state.records), set(state.kept)), handle, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class SavedParse:
    """The parsed releases a previous build kept: the whole file, and the releases parsed since (its changes)."""

    base: dict[str, CachedRelease] = field(default_factory=dict)
    base_id: str = ""  # names the whole file its changes file was written against
    releases: dict[str, CachedRelease] = field(default_factory=dict)  # the whole file with its changes applied


def _load_parse_file(path: Path, fingerprint: str) -> tuple[str, dict[str, CachedRelease]] | None:
    try:
        with path.open("rb") as handle:
            saved = _unpickle(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if not (isinstance(saved, tuple) and len(saved) == 3 and saved[0] == fingerprint and isinstance(saved[2], dict)):
        return None
    return str(saved[1]), saved[2]


def load_parsed_releases(state_dir: Path, fingerprint: str) -> SavedParse:
    """What the previous builds parsed, if they ran the same code (the global fingerprint); else nothing."""
    base = _load_parse_file(state_dir / PARSED, fingerprint)
    if base is None:
        return SavedParse()
    base_id, releases = base
    changes = _load_parse_file(state_dir / PARSED_CHANGES, fingerprint)
    if changes is None or changes[0] != base_id:
        return SavedParse(releases, base_id, releases)
    return SavedParse(releases, base_id, {**releases, **changes[1]})


def save_parsed_releases(
    state_dir: Path, fingerprint: str, parsed: Mapping[str, CachedRelease], saved: SavedParse | None = None
) -> None:
    """Keep what this build parsed. Against the whole file it started from (``saved``), only the releases parsed
    since are written, while they are few: pickling 20,000 releases took over half a second of every build."""
    state_dir.mkdir(parents=True, exist_ok=True)
    if saved is not None and saved.base_id:
        changes = {path: release for path, release in parsed.items() if saved.base.get(path) is not release}
        if len(changes) * 10 <= len(saved.base):
            _write_pickle(state_dir / PARSED_CHANGES, (fingerprint, saved.base_id, changes))
            return
    (state_dir / PARSED_CHANGES).unlink(missing_ok=True)
    _write_pickle(state_dir / PARSED, (fingerprint, os.urandom(8).hex(), dict(parsed)))


def _write_pickle(path: Path, value: object) -> None:
    fresh = path.with_name(f"{path.name}.new")
    with fresh.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    fresh.replace(path)


def _fingerprint_of(stat: os.stat_result) -> list[int]:
    # Whole seconds: a cache restored by tar (actions/cache) may keep no finer modification time.
    return [stat.st_size, stat.st_mtime_ns // 1_000_000_000]


class OutputStore:
    """The outputs of memoized pages, kept as hard links of the files a successful build wrote.

    All in one folder, each named by the hash of its path below the site: a tree mirroring the site's made a folder
    per release page (at 2 x 2,000 releases 5,000 folders, 0.7 s of the parent's time after every cold build)."""

    def __init__(self, state_dir: Path) -> None:
        self.root = state_dir / OUTPUTS
        self._root = os.fspath(self.root)
        try:
            stats = json.loads((state_dir / STATS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stats = {}
        self.stats: dict[str, list[int]] = stats if isinstance(stats, dict) else {}

    def file(self, path: str) -> str:
        """Where the output at ``path`` (below the site) is kept."""
        return f"{self._root}/{hashlib.sha256(path.encode()).hexdigest()}"

    def intact(self, path: str) -> bool:
        recorded = self.stats.get(path)
        try:
            stat = os.stat(self.file(path))
        except OSError:
            return False
        return recorded == _fingerprint_of(stat)


def load_staged(staged: Mapping[str, Path]) -> dict[str, StagedOutputs]:
    """What each language's worker recorded and kept (``staged``: language -> records file)."""
    states: dict[str, StagedOutputs] = {}
    for language, records_file in staged.items():
        with outputs_file(records_file).open("rb") as handle:
            states[language] = _unpickle(handle)
    return states


def _link(source: str, target: str) -> None:
    """Put a hard link of ``source`` (a copy across file systems) at ``target``, in a folder that exists, replacing
    what is there (through a fresh name, so that the target is never missing or half-written)."""
    try:
        os.link(source, target)
        return
    except OSError:  # there already, or another file system
        pass
    fresh = f"{target}.new"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(fresh)
    try:
        os.link(source, fresh)
    except OSError:
        shutil.copy2(source, fresh)
    os.replace(fresh, target)


def save_state(
    state_dir: Path, site: Path, staged: Mapping[str, Path], loaded: Mapping[str, StagedOutputs] | None = None
) -> None:
    """After a successful build: keep the outputs of every memoized page of ``site`` and each language's records.

    ``staged`` maps each language to the records file its worker wrote (``loaded``: what they record and keep,
    when the caller has read it already). The store is updated in place: an output
    that already is the site's file (a kept page) is left alone, a rendered one is linked anew, one no page
    records any more is removed. The records and the stats of the previous state are removed first and the new
    ones written last, so a failure half-way leaves no state (the next build is a full one).
    """
    states = load_staged(staged) if loaded is None else loaded
    state_dir.mkdir(parents=True, exist_ok=True)
    site_root = os.fspath(site)
    for language in staged:
        state_file(state_dir, language).unlink(missing_ok=True)
    try:
        previous = json.loads((state_dir / STATS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    (state_dir / STATS).unlink(missing_ok=True)
    for leftover in EARLIER_OUTPUTS:
        shutil.rmtree(state_dir / leftover, ignore_errors=True)
    store = OutputStore(state_dir)
    store.root.mkdir(parents=True, exist_ok=True)
    stats: dict[str, list[int]] = {}
    if not isinstance(previous, dict):
        previous = {}
    for state in states.values():
        for path in state.recorded:
            if path in state.kept and path in previous:
                # update_site left the site's file as the stored one (or linked it again): nothing to look at.
                stats[path] = previous[path]
                continue
            source, stored = f"{site_root}/{path}", store.file(path)
            try:
                built = os.stat(source)
            except OSError:
                continue
            try:
                same = os.path.samestat(built, os.stat(stored))
            except OSError:
                same = False
            if not same:
                _link(source, stored)
            stats[path] = _fingerprint_of(os.stat(stored)) if not same else _fingerprint_of(built)
    for path in previous.keys() - stats.keys():
        with contextlib.suppress(OSError):
            os.unlink(store.file(path))
    (state_dir / STATS).write_text(json.dumps(stats), encoding="utf-8")
    for language, records_file in staged.items():
        shutil.move(records_file, state_file(state_dir, language))


def update_site(site: Path, built: Path, store: OutputStore, kept: Iterable[str]) -> dict[str, int]:
    """Make ``site`` the tree ``built`` plus the ``kept`` outputs of ``store``, touching only what differs; returns
    the size of every file of the site, by path (what was moved or kept was looked at already).

    Files of ``built`` are moved in (replacing the earlier ones); a kept output that already is the stored file
    (the same inode: the site's file was linked from the store) is left alone, otherwise linked again; anything
    else in ``site`` is removed, with the folders it leaves empty. A failure half-way leaves a site that the next
    build completes (its state is written after this). Paths are plain strings: at 2 × 10,000 releases the site
    holds about 43,000 files, and ``pathlib`` per file cost more than the system calls.
    """
    site_root, built_root = os.fspath(site), os.fspath(built)
    wanted: dict[str, int] = {}
    for folder, _folders, names in os.walk(built_root, topdown=False):
        relative = folder[len(built_root) + 1 :]
        target_folder = f"{site_root}/{relative}" if relative else site_root
        if names:
            _make_folder(Path(target_folder))
        prefix = f"{relative}/" if relative else ""
        for name in names:
            source = f"{folder}/{name}"
            wanted[prefix + name] = os.stat(source).st_size
            target = f"{target_folder}/{name}"
            try:  # (a hard link of the site's own file, as the search index links what it keeps, stays behind)
                os.replace(source, target)
            except IsADirectoryError:  # a folder of the earlier site where this build has a file
                shutil.rmtree(target)
                os.replace(source, target)
        if relative:
            with contextlib.suppress(OSError):  # emptied, its folders first: less for the caller to remove
                os.rmdir(folder)
    for path in kept:
        target = f"{site_root}/{path}"
        stored = os.stat(store.file(path))
        wanted[path] = stored.st_size
        try:
            if os.path.samestat(os.stat(target), stored):
                continue
        except OSError:
            pass
        _make_folder(Path(target).parent)
        _link(store.file(path), target)
    removed: set[str] = set()
    for folder, folders, names in os.walk(site_root, topdown=False):
        relative = folder[len(site_root) + 1 :]
        prefix = f"{relative}/" if relative else ""
        gone = 0
        for name in names:
            if prefix + name not in wanted:
                os.unlink(f"{folder}/{name}")
                gone += 1
        emptied = gone == len(names) and all(f"{folder}/{name}" in removed for name in folders)
        if emptied and relative:
            os.rmdir(folder)
            removed.add(folder)
    return wanted


def _make_folder(folder: Path) -> None:
    """``folder`` as a folder, replacing a file of that name (or of an ancestor's name) that is in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        for ancestor in [folder, *folder.parents]:
            if ancestor.is_file() or ancestor.is_symlink():
                ancestor.unlink()
                break
        folder.mkdir(parents=True, exist_ok=True)


def forget(state_dir: Path) -> None:
    """Drop the state (the next build is a full one)."""
    shutil.rmtree(state_dir, ignore_errors=True)

"""A language's search index kept between builds, so that adding a release or changing one in place rewrites little.

The kept index lives in a folder of the build's state (``.cache/newsroom/search/<lang>/``)::

    files/       hard links of the index files the last build wrote (a copy across file systems)
    tail.pickle  the last TAIL releases in id order (the tail), whole
    digests.bin  a digest of each document, in id order (DIGEST_SIZE bytes each)
    memo.json    what the files were made from: format version, language, shard count, the build's
                 fingerprint, how many pages without a date, where the tail begins, each file's size and
                 modification time, and the split (hot) keys

The rule, checked in this order; anything else is a full (cold) index, written and kept anew:

- the memo is there and readable, of this FORMAT_VERSION, for this language, shard count and fingerprint
  (the fingerprint covers the code, so a changed tokenizer is a full index), with as many pages without a date;
- the new documents in id order (``index.ranked``) begin with the documents before the kept tail, each either
  the same (its digest is the recorded one) or changed in place: its old version known, the last build's
  document (``earlier``) of its address, or at a new address the one of those whose digest is the recorded one
  for its id (a body edited, a correction's note, a title or a department changed; a release moved to an
  address that keeps its place among the releases of its day), anywhere in the archive. Whatever else changed
  is among the last TAIL releases (added after the newest or among them, withdrawn, moved to another address
  or date among them, removed). A release before the tail withdrawn, deleted, re-dated or moved past another
  (every id from there on moves), a release dated before the tail, more than IN_PLACE_LIMIT documents changed
  in place, a page without a date added or removed, or a shard count crossing a power of two
  (``index.shard_count``) all fail it;
- every kept file has its recorded size and modification time (whole seconds: a cache restored by tar
  may keep no finer time), so a file changed in place is never built upon.

When it holds, the index keeps its first ``k`` documents (``k``: the first place where the kept tail and the new
documents differ other than in place), the documents changed in place among them updated where they are (their
ids' values taken out of the middle of their terms' lists and put in again, ``index.Replaced``);
``index.appended_files`` cuts the postings of the kept tail's documents from there on (the
``dropped``) and adds the new ones, joining or splitting hot keys as ``build_files`` would (the memo's ``hot``:
each split key's exact size, term count and where its terms live, ``index.HotKey``); the files it does not
write are hard links of the kept ones. Either way the files are what ``index.build_files`` gives for the same
documents, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.search.index import (
    FORMAT_VERSION,
    HotKey,
    IndexedPage,
    Replaced,
    appended_files,
    buckets_past_end,
    build_files,
    ranked,
    shard_count,
)

KEPT_FILES = "files"
MEMO = "memo.json"
TAIL_FILE = "tail.pickle"
DIGESTS = "digests.bin"
DIGEST_SIZE = 16  # bytes of SHA-256 kept per document: 0.3 MB at 20,000 documents
_INDEX_FILE = re.compile(r"index\.json|t/\d{1,4}\.json|d/-?\d{1,9}\.json")
# The last releases are kept whole, so that one dated among them (a second release of the day whose address
# sorts before the first's, one dated yesterday) moves only them up rather than building the index whole.
TAIL = 64
# More documents changed in place than this (a tokenizer-wide change would reach them all) build the index whole:
# each one rewrites most shards, and a few hundred rewrite them all.
IN_PLACE_LIMIT = 256


class StoredPage:
    """A page's search document as the build's state keeps it: what orders it among the others (its date and
    address) and the document pickled, unpickled only when the index needs its text (the last releases, which a new
    one may move up, or an index built whole). Kept pages' documents load as bytes, not as text to decode, and the
    append rule hashes the bytes as they are (``_digests``)."""

    __slots__ = ("_page", "date", "pickled", "url")

    def __init__(self, url: str, date: dt.date | None, pickled: bytes, page: IndexedPage | None = None) -> None:
        self.url = url
        self.date = date
        self.pickled = pickled
        self._page = page

    @classmethod
    def of(cls, page: IndexedPage) -> StoredPage:
        return cls(page.url, page.date, pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL), page)

    def page(self) -> IndexedPage:
        if self._page is None:
            page = pickle.loads(self.pickled)
            if not isinstance(page, IndexedPage):
                raise TypeError(f"a stored search document of {self.url} is not one")
            self._page = page
        return self._page

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoredPage, (self.url, self.date, self.pickled))


Document = IndexedPage | StoredPage


def _pickled(doc: Document) -> bytes:
    return doc.pickled if isinstance(doc, StoredPage) else pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)


def _whole(doc: Document) -> IndexedPage:
    return doc.page() if isinstance(doc, StoredPage) else doc


@dataclass(frozen=True)
class KeptIndexWrite:
    """What writing the index did: how many files it has and wrote, and why it was not appended to."""

    files: int
    written: int
    appended: bool
    reason: str = ""  # why the index was built whole ("" when appended)
    in_place: int = 0  # documents changed in place (same id), when appended


def _digest(doc: Document) -> bytes:
    """A document's digest (pickle is the fastest full serialisation of a page, and the fingerprint pins the Python
    version that writes it)."""
    return hashlib.sha256(_pickled(doc)).digest()[:DIGEST_SIZE]  # SHA-256 in hardware: faster here than BLAKE2b


def _load_digests(kept: Path, count: int) -> bytes | None:
    """The kept documents' digests, when the file holds exactly ``count`` of them (it is read only then: untrusted)."""
    try:
        with (kept / DIGESTS).open("rb") as handle:
            if os.fstat(handle.fileno()).st_size != count * DIGEST_SIZE:
                return None
            return handle.read(count * DIGEST_SIZE)
    except OSError:
        return None


def _changed_in_place(
    docs: Sequence[Document],
    digests: bytes,
    recorded: bytes,
    end: int,
    earlier: Mapping[str, Document],
) -> list[Replaced] | None:
    """The documents before ``end`` changed in place (see the module's rule), up to one more than IN_PLACE_LIMIT,
    or None when one moved or left."""
    size = DIGEST_SIZE
    if digests[: end * size] == recorded[: end * size]:
        return []
    changed = []
    by_digest: dict[bytes, Document] = {}
    for place in range(end):
        span = slice(place * size, (place + 1) * size)
        if digests[span] == recorded[span]:
            continue
        new = docs[place]
        old = earlier.get(new.url)
        if old is None and not by_digest:  # at a new address: the earlier document this place held, if any
            by_digest = {_digest(doc): doc for doc in earlier.values()}
        old = by_digest.get(recorded[span]) if old is None else old
        if old is None or _digest(old) != recorded[span]:
            return None
        changed.append(Replaced(place, _whole(old), _whole(new)))
        if len(changed) > IN_PLACE_LIMIT:  # the index is built whole: the rest need not be read
            return changed
    return changed


def _tail(docs: Sequence[IndexedPage], undated: int) -> int:
    """Where the kept tail begins: the last TAIL releases, which a release dated among them may move up."""
    return max(undated, len(docs) - TAIL)


def _load_tail(kept: Path) -> list[IndexedPage] | None:
    try:
        with (kept / TAIL_FILE).open("rb") as handle:
            tail = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    return tail if isinstance(tail, list) and all(isinstance(doc, IndexedPage) for doc in tail) else None


def _stat(path: str) -> list[int]:
    stat = os.stat(path)
    return [stat.st_size, stat.st_mtime_ns // 1_000_000_000]


def _load(kept: Path) -> dict[str, Any] | None:
    try:
        memo = json.loads((kept / MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return memo if isinstance(memo, dict) else None


def _hot_keys(memo: Mapping[str, Any]) -> dict[str, HotKey] | None:
    """The kept index's split keys as the memo records them (key → [size, terms, the letters after the key in
    its prefixes]: 170 k prefixes at 2 × 10,000, 0.5 MB so, 3.5 MB as a list of escaped strings); None if
    malformed."""
    recorded = memo.get("hot")
    if not isinstance(recorded, dict):
        return None
    hot = {}
    for key, value in recorded.items():
        if not (
            isinstance(value, list)
            and len(value) == 3
            and all(isinstance(number, int) for number in value[:2])
            and isinstance(value[2], str)
        ):
            return None
        hot[key] = HotKey(value[0], value[1], {key + letter for letter in value[2]})
    return hot


def _recorded(hot: Mapping[str, HotKey]) -> dict[str, list[int | str]]:
    """``hot`` as the memo records it (see ``_hot_keys``): a split key's prefixes are its letters and one more."""
    return {
        key: [record.size, record.terms, "".join(sorted(prefix[len(key) :] for prefix in record.prefixes))]
        for key, record in sorted(hot.items())
    }


@dataclass(frozen=True)
class _Extension:
    """How the new documents extend the kept index: its first ``kept`` documents stay, ``replaced`` among them
    changed in place, ``dropped`` (the rest of its tail) are cut, ``hot`` are its split keys."""

    kept: int
    dropped: list[IndexedPage]
    hot: dict[str, HotKey]
    replaced: list[Replaced]


def _why_not_appended(
    memo: dict[str, Any] | None,
    layout: Mapping[str, Any],
    docs: Sequence[Document],
    undated: int,
    kept: Path,
    digests: bytes,
    earlier: Mapping[str, Document],
) -> str | _Extension:
    """How the documents extend the kept index (see the module's rule), or the first reason they do not."""
    if memo is None:
        return "no kept index"
    for name, value in layout.items():
        if memo.get(name) != value:
            return f"another {name}"
    if memo.get("undated") != undated:
        return "another number of pages without a date"
    base = memo.get("base")
    tail = _load_tail(kept)
    if not isinstance(base, int) or tail is None or not undated <= base <= len(docs):
        return "no kept tail"
    recorded = _load_digests(kept, base + len(tail))
    if recorded is None:
        return "no kept digests"
    replaced = _changed_in_place(docs, digests, recorded, base, earlier)
    if replaced is None:
        return "a document before the kept tail moved or left"
    same = 0
    for old, doc in zip(tail, docs[base:], strict=False):
        if old != doc:
            if (old.url, old.date) != (doc.url, doc.date):
                break
            replaced.append(Replaced(base + same, old, _whole(doc)))
        same += 1
    if len(replaced) > IN_PLACE_LIMIT:
        return "too many documents changed in place"
    files = memo.get("files")
    hot = _hot_keys(memo)
    # Names from a file are untrusted: only index files are ever linked into the site.
    if not isinstance(files, dict) or not all(map(_INDEX_FILE.fullmatch, files)) or hot is None:
        return "no kept files"
    try:
        store = f"{kept / KEPT_FILES}/"
        if any(_stat(store + name) != stat for name, stat in files.items()):
            return "a kept file changed"
    except OSError:
        return "a kept file is missing"
    return _Extension(base + same, tail[same:], hot, replaced)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_folder(folder: Path, written: Mapping[str, bytes], linked: Iterable[str], source: Path) -> None:
    """Replace ``folder`` with ``written`` files and hard links of ``linked`` files of ``source``."""
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for path in ("t", "d"):
        (staging / path).mkdir(parents=True)
    for name in linked:  # thousands of files: strings, not Paths
        _link(f"{source}/{name}", f"{staging}/{name}")
    for name, data in written.items():
        (staging / name).write_bytes(data)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)


def _keep(
    kept: Path,
    folder: Path,
    names: Iterable[str],
    whole: bool,
    memo: dict[str, Any],
    tail: Sequence[IndexedPage],
    digests: bytes,
) -> None:
    """Record the index in ``folder`` as the kept one: the memo goes first, so a failure half-way leaves none."""
    (kept / MEMO).unlink(missing_ok=True)
    with (kept / TAIL_FILE).open("wb") as handle:
        pickle.dump(list(tail), handle, protocol=pickle.HIGHEST_PROTOCOL)
    (kept / DIGESTS).write_bytes(digests)
    store = kept / KEPT_FILES
    if whole:
        shutil.rmtree(store, ignore_errors=True)
    for path in ("t", "d"):
        (store / path).mkdir(parents=True, exist_ok=True)
    files: dict[str, list[int]] = memo["files"]
    for name in names:
        target = f"{store}/{name}"
        if not whole:
            Path(target).unlink(missing_ok=True)
        _link(f"{folder}/{name}", target)
        files[name] = _stat(target)
    temporary = kept / f"{MEMO}.tmp"
    temporary.write_text(json.dumps(memo, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    temporary.replace(kept / MEMO)


def write_kept_index(
    folder: Path,
    documents: Iterable[Document],
    lang: str,
    shards: int | None = None,
    *,
    kept: Path,
    fingerprint: str = "",
    reuse: bool = True,
    earlier: Mapping[str, Document] | None = None,
) -> KeptIndexWrite:
    """Replace ``folder`` with the index of ``documents``, appending to the one kept in ``kept`` when the
    module's rule allows (``reuse=False``: never), and keep the result there for the next build. ``earlier``: the
    documents the kept index may have been made from, by address (the last build's), which a document changed in
    place is taken out of the index as."""
    docs = ranked(documents)
    shards = shards or shard_count(len(docs))
    layout = {"version": FORMAT_VERSION, "lang": lang, "shards": shards, "fingerprint": fingerprint}
    undated = sum(1 for doc in docs if doc.date is None)
    memo = _load(kept) if reuse else None
    base = _tail(docs, undated)
    kept_base = memo.get("base") if memo is not None else None
    digests = b"".join(map(_digest, docs))
    # From the first of the tails (the kept index's and the new one) on, the documents are needed whole.
    start = min(base, kept_base) if isinstance(kept_base, int) and kept_base >= 0 else base
    docs = [*docs[:start], *map(_whole, docs[start:])]
    extension = (
        _why_not_appended(memo, layout, docs, undated, kept, digests, earlier or {})
        if reuse
        else "told not to reuse it"
    )
    reason = extension if isinstance(extension, str) else ""
    if isinstance(extension, _Extension):
        assert memo is not None
        store = kept / KEPT_FILES
        read = lambda name: (store / name).read_bytes()  # noqa: E731
        count, dropped, hot, replaced = extension.kept, extension.dropped, extension.hot, extension.replaced
        try:
            written = (
                appended_files(read, docs, count, lang, shards, dropped, hot, replaced)
                if count < len(docs) or dropped or replaced
                else {}
            )
        except LookupError:  # a split key the memo does not record: not an index this code wrote
            reason = "no record of a split key"
    past_end: list[str] = []  # kept buckets the documents no longer reach (appended only)
    if not reason:
        assert memo is not None
        past_end = buckets_past_end(docs, count + len(dropped))
        names = set(memo["files"]).difference(past_end)
        _write_folder(folder, written, names.difference(written), store)
        files = {name: stat for name, stat in memo["files"].items() if name in names}
    else:
        hot, replaced = {}, []
        written = build_files(list(map(_whole, docs)), lang, shards, hot)
        _write_folder(folder, written, (), folder)
        names = set()
        files = {}
    kept.mkdir(parents=True, exist_ok=True)
    new_memo = {
        **layout,
        "undated": undated,
        "base": base,
        "files": files,
        "hot": _recorded(hot),
    }
    _keep(kept, folder, written, bool(reason), new_memo, docs[base:], digests)
    for name in past_end:  # listed in the memo no more: only tidied away
        (kept / KEPT_FILES / name).unlink(missing_ok=True)
    return KeptIndexWrite(
        files=len(names | set(written)),
        written=len(written),
        appended=not reason,
        reason=reason,
        in_place=len(replaced),
    )

"""Write one language's search index: a bounded number of term shards plus a bucketed document store.

Layout under the language's ``search/`` folder (``/search/`` for Korean, ``/en/search/`` for English)::

    index.json          {"version", "lang", "documents", "bucket", "key", "shards"}: a few dozen bytes
    t/<n>.json          shard n: every term whose key (its first ``KEY_LENGTH`` characters) hashes to n
                        → {term: postings}; postings are delta-encoded ``doc_id * 2 + in_title``.
                        A hot key (its terms weigh over HOT_KEY_BYTES: 교육, 지원 … in a large archive)
                        keeps only ``"<key>*"``, the union of its terms' pages, and the key itself as a
                        term; its longer terms move to the shard of their first three characters.
    d/<n>.json          documents as [url, title, iso date, display date, department, text]: ids
                        ``n * BUCKET`` … for n ≥ 0; for n < 0, ids ``(n + 1) * BUCKET - 1`` downwards

Why hashed shards: real Korean text has tens of thousands of distinct two-syllable keys (about
21,000 at 253 ministry releases, growing as N^0.4), and a file per key made one file per key in
every build and artifact. Keys are grouped into ``shards`` files by FNV-1a of their UTF-8 bytes, a
hash the browser computes the same way; the shard count is a power of two that grows with the
number of pages and stops at ``MAX_SHARDS``, so the file count is bounded whatever the archive
size, while a query still fetches one shard per query word.

A query fetches one shard per query word and the few buckets holding the top results, so what
it downloads grows with the matches shown, not with the archive.

Ids are stable when a release is added or changed in place (``newsroom.search.memo`` appends to a kept index and
changes its documents where they are): releases take
ids 0, 1, 2 … oldest first (by date, then address), so the newest release takes the next id and no other
id moves; pages without a date (policy, about) take -U … -1 in address order. The browser ranks ties
as before, from the ids alone: pages without a date first (lower id first), then releases newest first
(higher id first).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import re
import shutil
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, groupby, repeat
from operator import itemgetter, sub
from pathlib import Path
from typing import ParamSpec, TypeVar

from newsroom.search.tokenize import clear_index_caches, index_terms

# 3: ids in publication order (releases 0 … oldest first, pages without a date negative).
FORMAT_VERSION = 3
KEY_LENGTH = 2
# Few documents per bucket: each holds the page text, from which the browser cuts the passage
# that matched, so a result costs one small bucket rather than fifteen other pages' text.
BUCKET = 2
# Excerpts are cut from this much of the page text (a release body is rarely longer) ...
TEXT_LIMIT = 6000
# ... followed, for a longer page, by a short passage around the first occurrence of every word the
# opening lacks, so that each word a page is found by can be shown where it occurs (the attachments
# of a long release name what its opening does not: 의과대학 first at letter 9,000). Bounded: a
# document bucket is what each shown result costs a query.
PASSAGE_BEFORE = 40
PASSAGE_AFTER = 80
PASSAGES_LIMIT = 6000
PASSAGE_GAP = " … "
_WORD = re.compile(r"[\uac00-\ud7a3]+|[^\W_\uac00-\ud7a3]+")
MAX_SHARDS = 4096
MIN_SHARDS = 16
# About 40 distinct keys per page of real Korean text: four shards per page keeps shards small
# (a few KB) on small sites, and MAX_SHARDS is reached at about a thousand pages.
SHARDS_PER_PAGE = 4

# A key whose terms weigh more than this (raw JSON) is split by one more letter: at 2 × 10,000 releases
# the terms of 교육 alone weighed 200 KB gzip, twice a first query's whole budget.
HOT_KEY_BYTES = 8_192
PREFIX_MARK = "*"  # never in a term: terms are letters and digits

_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


@dataclass(frozen=True)
class IndexedPage:
    url: str  # relative to the language root, e.g. "news/2025/mayor-visits/"
    title: str
    text: str
    date: dt.date | None = None
    date_label: str = ""  # the date as readers of this language write it
    # The issuing department and the contacts' organisations: searchable, shown apart from the text.
    department: str = ""
    organisations: tuple[str, ...] = ()


def shard_key(term: str) -> str:
    return term[:KEY_LENGTH]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (search.js computes the same with Math.imul)."""
    value = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return value


def shard_count(pages: int) -> int:
    """Shards for an index of ``pages`` pages: a power of two between MIN_SHARDS and MAX_SHARDS."""
    wanted = max(MIN_SHARDS, min(MAX_SHARDS, max(pages, 0) * SHARDS_PER_PAGE))
    return 1 << (wanted - 1).bit_length()


def shard_of(term: str, shards: int) -> int:
    """The shard of ``term``'s key (and of a hot key's union); ``shards`` is a power of two."""
    return fnv1a(shard_key(term)) & (shards - 1)


def split_shard_of(term: str, shards: int) -> int:
    """Where a term of a hot key lives: the shard of its first KEY_LENGTH + 1 characters."""
    return fnv1a(term[: KEY_LENGTH + 1]) & (shards - 1)


def ranked(documents: Iterable[IndexedPage]) -> list[IndexedPage]:
    """The documents in id order: pages without a date by address, then releases oldest first."""
    undated = sorted((d for d in documents if d.date is None), key=lambda d: d.url)
    dated = sorted((d for d in documents if d.date is not None), key=lambda d: (d.date, d.url))
    return [*undated, *dated]


def first_id(documents: Sequence[IndexedPage]) -> int:
    """The id of the first of ``ranked`` documents: pages without a date have negative ids, so that adding a
    release (the next id) moves none."""
    return -sum(1 for d in documents if d.date is None)


def bucket_of(doc_id: int) -> tuple[int, int]:
    """The document bucket holding ``doc_id`` and its place there; negative ids fill buckets -1, -2 … from id -1."""
    if doc_id >= 0:
        return divmod(doc_id, BUCKET)
    number, place = divmod(-1 - doc_id, BUCKET)
    return -1 - number, place


def searchable_fields(doc: IndexedPage) -> str:
    """Text indexed besides the title: the body, then the department and organisations."""
    return " ".join([doc.text, doc.department, *doc.organisations])


def postings(documents: Sequence[IndexedPage], first: int = 0) -> dict[str, array[int]]:
    """term → sorted ``doc_id * 2 + in_title`` for the documents in the given order, ids from ``first``.

    Machine-int arrays rather than lists: at 2 × 10,000 real-sized releases a language has millions
    of postings, and a list of Python ints costs nine times the memory.
    """
    table: dict[str, array[int]] = {}
    for doc_id, doc in enumerate(documents, first):
        in_title = index_terms(doc.title)
        for flag, terms in ((0, index_terms(searchable_fields(doc)) - in_title), (1, in_title)):
            # A page has a thousand terms or more: new ones get an array, then every term's array takes the
            # page's value in one C-level pass (map over array.append) instead of a Python loop per term.
            table.update(zip(terms.difference(table), map(array, repeat("i")), strict=False))
            deque(map(array.append, map(table.__getitem__, terms), repeat(doc_id * 2 + flag)), maxlen=0)
    return table


def _union(lists: Iterable[Sequence[int]]) -> list[int]:
    """Pages holding any of the terms, each once, with the title flag if any term is in its title."""
    values: set[int] = set().union(*lists)
    in_title = {value for value in values if value & 1}
    # A page in a title and in a body keeps only its title value (doc * 2 + 1).
    return sorted(values.difference({value - 1 for value in in_title}))


def _delta(values: Sequence[int]) -> Iterator[int]:
    return map(sub, values, chain((0,), values))


def _size(entries: Iterable[str]) -> int:
    """UTF-8 bytes of the entries joined by commas; counted exactly only when it could pass HOT_KEY_BYTES."""
    texts = list(entries)
    letters = sum(map(len, texts)) + len(texts)
    if letters * 3 <= HOT_KEY_BYTES or letters > HOT_KEY_BYTES:  # a letter is 1 to 3 bytes here
        return letters * 3 if letters * 3 <= HOT_KEY_BYTES else letters
    return sum(len(text.encode("utf-8")) + 1 for text in texts)


class _Digits(dict[int, str]):
    """Decimal text of ints, made once each: the same few thousand deltas recur in millions of postings."""

    def __missing__(self, number: int) -> str:
        return str(number)


def _entry_writer(first: int, documents: int) -> Callable[[str, Sequence[int]], str]:
    """What writes one ``"term":[deltas]`` member of a shard's JSON object (terms are letters and digits: nothing to
    escape), for postings of ``documents`` ids from ``first``, with each delta's text looked up, not made."""
    # Every delta lies between the lowest value and the highest (a first value) or is at most their difference.
    numbers = range(2 * first, 2 * documents + 2)
    digits = _Digits(zip(numbers, map(str, numbers), strict=True))
    text = digits.__getitem__

    def entry(term: str, values: Sequence[int]) -> str:
        return f'"{term}":[{",".join(map(text, map(sub, values, chain((0,), values))))}]'

    return entry


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _record(doc: IndexedPage) -> list[str]:
    date = doc.date.isoformat() if doc.date else ""
    return [doc.url, doc.title, date, doc.date_label, doc.department, _cut(doc.text)]


def _cut(text: str) -> str:
    """The first TEXT_LIMIT characters (ending at a space when there is one near the end), then passages.

    Every word of the rest that the opening does not hold gets the passage around its first
    occurrence, up to PASSAGES_LIMIT characters in all: a query word (a prefix of a word's suffix,
    see tokenize.py) occurs in the stored text wherever it occurs in the page, up to that bound.
    """
    if len(text) <= TEXT_LIMIT:
        return text
    space = text.rfind(" ", TEXT_LIMIT - 40, TEXT_LIMIT)
    head = text[: space if space != -1 else TEXT_LIMIT]
    return head + "".join(PASSAGE_GAP + passage for passage in _passages(text, len(head), head.lower()))


def _passages(text: str, start: int, known: str) -> Iterator[str]:
    """Passages of ``text[start:]`` around the first occurrence of each word not in ``known``, merged, in order."""
    spans: list[list[int]] = []
    seen: set[str] = set()
    used = 0
    for match in _WORD.finditer(text, start):
        word = match.group().lower()
        if word in seen or word in known:
            continue
        seen.add(word)
        lower = max(start, match.start() - PASSAGE_BEFORE)
        begin = text.find(" ", lower, match.start()) + 1 or lower
        end = text.rfind(" ", match.end(), match.end() + PASSAGE_AFTER)
        end = end if end != -1 else min(len(text), match.end() + PASSAGE_AFTER)
        merged = bool(spans) and begin <= spans[-1][1]
        grown = end - spans[-1][1] if merged else end - begin + len(PASSAGE_GAP)
        if used + max(grown, 0) > PASSAGES_LIMIT:
            break
        used += max(grown, 0)
        if merged:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([begin, end])
    return (text[a:b].strip() for a, b in spans)


def _checked(shards: int) -> int:
    if shards & (shards - 1) or not 0 < shards <= MAX_SHARDS:
        raise ValueError(f"shard count must be a power of two up to {MAX_SHARDS}, not {shards}")
    return shards


def _manifest(lang: str, documents: int, shards: int) -> bytes:
    return _dump(
        {
            "version": FORMAT_VERSION,
            "lang": lang,
            "documents": documents,
            "bucket": BUCKET,
            "key": KEY_LENGTH,
            "shards": shards,
        }
    )


def _buckets(docs: Sequence[IndexedPage], first: int, kept: Sequence[list[str]] = ()) -> dict[str, bytes]:
    """The buckets of ``docs`` (ids from ``first``), after the ``kept`` rows already in the first one."""
    rows: dict[int, dict[int, list[str]]] = defaultdict(dict)
    rows[bucket_of(first)[0]].update(enumerate(kept))
    for doc_id, doc in enumerate(docs, first):
        number, place = bucket_of(doc_id)
        rows[number][place] = _record(doc)
    return {f"d/{number}.json": _dump([row[place] for place in sorted(row)]) for number, row in rows.items() if row}


# A member of a shard as build_files writes it: terms and hot keys' unions are letters, digits and PREFIX_MARK.
_MEMBER = re.compile(r'"([^"]+)":\[([-0-9,]*)\]')


def _values(deltas: str) -> list[int]:
    return list(accumulate(map(int, deltas.split(",")))) if deltas else []


def _in_order(names: Iterable[str]) -> list[str]:
    """A shard's members in the order build_files writes them: by term, a hot key's union just before its key's
    terms. Sorted terms are grouped by key already; a string sort (in C) then places each union."""
    ordered = sorted(names)
    unions = [name for name in ordered if name.endswith(PREFIX_MARK)]
    if not unions:
        return ordered
    terms = [name for name in ordered if not name.endswith(PREFIX_MARK)]
    for union in reversed(unions):  # from the last, so that earlier places stay right
        terms.insert(bisect_left(terms, union[: -len(PREFIX_MARK)]), union)
    return terms


_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def without_cycle_collection(function: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """Run ``function`` with Python's cycle collector paused (and resumed as it was).

    Building an index allocates millions of strings, arrays and lists and makes no reference cycle: the collector's
    passes, each full one walking the growing term table, found nothing to free and cost a tenth of the index's CPU.
    """

    @functools.wraps(function)
    def paused(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


@without_cycle_collection
def build_files(
    documents: Iterable[IndexedPage], lang: str, shards: int | None = None, hot: dict[str, HotKey] | None = None
) -> dict[str, bytes]:
    """Every file of the index, by path relative to the ``search/`` folder.

    ``shards`` must be what the pages were told (the adapter computes it before rendering);
    by default it follows the number of documents. ``hot`` (when given) receives each split key's HotKey.
    """
    docs = ranked(documents)
    shards = _checked(shards or shard_count(len(docs)))
    first = first_id(docs)
    # Shards are assembled as JSON text member by member: the postings are the build's largest data.
    grouped: dict[int, list[str]] = defaultdict(list)
    table = postings(docs, first)
    clear_index_caches()  # the memory goes to the shards' text
    terms = sorted(table)
    entry = _entry_writer(first, len(docs))
    split: dict[str, int] = {}  # a hot key's longer terms share their first KEY_LENGTH + 1 letters, and so a shard
    position = 0
    # Sorted terms sharing a key are neighbours, counted by key in C (a Counter keeps the keys in sorted order).
    for key, count in Counter(map(itemgetter(slice(KEY_LENGTH)), terms)).items():
        names = terms[position : position + count]
        position += count
        home = grouped[shard_of(key, shards)]
        # Postings written out as text are dropped at once, so that the arrays and their text are not both held.
        values = list(map(table.pop, names))
        entries = list(map(entry, names, values))
        if count == 1 or _size(entries) <= HOT_KEY_BYTES:
            home.extend(entries)
            continue
        home.append(entry(key + PREFIX_MARK, _union(values)))
        if hot is not None:
            hot[key] = HotKey.of(dict(zip(names, entries, strict=True)))
        for name, text in zip(names, entries, strict=True):
            if name == key:
                home.append(text)
            else:
                prefix = name[: KEY_LENGTH + 1]
                if prefix not in split:
                    split[prefix] = split_shard_of(prefix, shards)
                grouped[split[prefix]].append(text)
    # Every shard is written, empty ones too: a query for an unknown word gets {} rather than a 404,
    # which browsers log as an error in the console.
    # Each shard's text is dropped once encoded: the index is not held twice.
    files = {
        f"t/{number}.json": ("{" + ",".join(grouped.pop(number, [])) + "}").encode("utf-8") for number in range(shards)
    }
    files.update(_buckets(docs, first))
    files["index.json"] = _manifest(lang, len(docs), shards)
    return files


@without_cycle_collection
def appended_files(
    read: Callable[[str], bytes],
    documents: Sequence[IndexedPage],
    kept: int,
    lang: str,
    shards: int,
    dropped: Sequence[IndexedPage] = (),
    hot: dict[str, HotKey] | None = None,
    replaced: Sequence[Replaced] = (),
) -> dict[str, bytes]:
    """The files that change when the index of ``documents[:kept] + dropped`` becomes that of ``documents``.

    ``documents`` are in id order (``ranked``); the index was built from their first ``kept`` followed by
    ``dropped`` (the old versions of the documents from there on: releases edited, moved up by a new one dated
    among them, removed), with as many pages without a date, except that each of ``replaced`` (places below
    ``kept``) held its old version; the caller checks this (``newsroom.search.memo``).
    ``read(path)`` gives a file of that index; ``hot`` is its split keys' HotKey (as build_files gave them), and
    is brought up to date. A file the index no longer has is not among the result: see ``buckets_past_end``.

    A replaced document keeps its id: its old version's values are taken out of the middle of its terms' lists
    and the new version's put in order (only those terms are decoded and encoded again), and its bucket's row is
    rewritten. The postings of ``dropped`` are cut from the end of their terms' lists and ``documents[kept:]`` are
    added there: every id they take is above every kept one, so a term's postings change only at their end,
    a bucket only from the first new id on, and only the shards holding those documents' terms change.
    A key whose terms grow past HOT_KEY_BYTES is split here as build_files splits it; a split key whose terms
    shrink to one or to HOT_KEY_BYTES is joined again in its home shard. The result is byte for byte what
    build_files gives.
    """
    shards = _checked(shards)
    hot = {} if hot is None else hot
    first = first_id(documents) + kept
    added = postings(documents[kept:], first)
    gone = postings(dropped, first)
    base = first_id(documents)
    replaced_ids = sorted(base + change.place for change in replaced)
    if replaced_ids and replaced_ids[-1] >= first:
        raise ValueError("a replaced document must lie before the kept ones' end")
    # Old and new versions' terms: each of their terms' lists loses the replaced ids' values and takes the new ones.
    were = _postings_at((base + change.place, change.old) for change in replaced)
    now = _postings_at((base + change.place, change.new) for change in replaced)
    # A shard's members as read, name → the text of its deltas: members the new documents leave alone are
    # written back as they were, not decoded and encoded again.
    loaded: dict[int, dict[str, str]] = {}
    # Each loaded shard's bytes and members as read: an edited document keeps most of its terms, whose postings are
    # cut and added again as they were, so most shards it touches come out unchanged, and those are neither encoded
    # again (their members compare equal, in C) nor written.
    texts: dict[str, bytes] = {}
    read_members: dict[int, dict[str, str]] = {}

    def shard(number: int) -> dict[str, str]:
        if number not in loaded:
            texts[f"t/{number}.json"] = read(f"t/{number}.json")
            loaded[number] = dict(_MEMBER.findall(texts[f"t/{number}.json"].decode("utf-8")))
            read_members[number] = dict(loaded[number])
        return loaded[number]

    def extend(members: dict[str, str], name: str, values: Sequence[int]) -> None:
        known = members.get(name, "")
        last = sum(json.loads(f"[{known}]"))  # the JSON parser reads long lists twice as fast as int()
        more = ",".join(map(str, _delta([last, *values])))[len(str(last)) + 1 :]
        members[name] = f"{known},{more}" if known else more

    def cut(members: dict[str, str], name: str, count: int) -> None:
        """Drop the last ``count`` values of a member: those of ``dropped``, whose ids are the highest."""
        kept_part = members[name].rsplit(",", count)
        if len(kept_part) > count:
            members[name] = kept_part[0]
        else:
            del members[name]

    changed = gone.keys() | added.keys() | were.keys() | now.keys()
    for key, group in groupby(sorted(changed), key=itemgetter(slice(KEY_LENGTH))):
        terms = list(group)
        home = shard(shard_of(key, shards))
        union = key + PREFIX_MARK
        record = hot.get(key) if union in home else None
        if union in home and record is None:
            raise LookupError(f"the split key {key!r} has no HotKey")
        places = [home if record is None or term == key else shard(split_shard_of(term, shards)) for term in terms]
        before = _weights(terms, places) if record is not None else []
        for term, members in zip(terms, places, strict=True):
            if term in were or term in now:  # in the middle first: the end of the list stays where it was
                _replace_ids(members, term, replaced_ids, now.get(term, ()))
            if term in gone:
                cut(members, term, len(gone[term]))
            if term in added:
                extend(members, term, added[term])
        grown = any(term in added or term in now for term in terms)
        if record is None:
            if grown:
                _split_if_hot(key, home, shard, shards, hot)
            continue
        if any(term in were or term in now for term in terms):
            _replace_ids(home, union, replaced_ids, _union(now[term] for term in terms if term in now))
        if any(term in gone for term in terms):  # emptied only when no kept page holds any of the key's terms
            cut(home, union, len(_union(gone[term] for term in terms if term in gone)))
        if any(term in added for term in terms):
            extend(home, union, _union(added[term] for term in terms if term in added))
        after = _weights(terms, places)
        record.size += sum(after) - sum(before)
        record.terms += sum(map(bool, after)) - sum(map(bool, before))
        record.prefixes.update(
            term[: KEY_LENGTH + 1] for term in terms if (term in added or term in now) and term != key
        )
        if record.terms <= 1 or record.size <= HOT_KEY_BYTES:
            _join(key, home, shard, shards, hot)
    clear_index_caches()
    files = {
        f"t/{number}.json": (
            "{" + ",".join(f'"{name}":[{members[name]}]' for name in _in_order(members)) + "}"
        ).encode()
        for number, members in loaded.items()
        if members != read_members[number]
    }
    # The rows of the buckets holding replaced documents, the new versions in their places.
    rewritten: dict[int, list[list[str]]] = {}
    for change in replaced:
        number, place = bucket_of(base + change.place)
        if number not in rewritten:
            rewritten[number] = json.loads(read(f"d/{number}.json"))
        rewritten[number][place] = _record(change.new)
    files.update((f"d/{number}.json", _dump(rows)) for number, rows in rewritten.items())
    number, place = bucket_of(first)
    if place and first > 0:
        rows = rewritten[number] if number in rewritten else json.loads(read(f"d/{number}.json"))
        files.update(_buckets(documents[kept:], first, rows[:place]))
    else:
        files.update(_buckets(documents[kept:], first))
    files["index.json"] = _manifest(lang, len(documents), shards)
    last = bucket_of(first + len(dropped) - 1)[0]  # the kept index's last bucket
    texts.update((name, read(name)) for name in files if name[:2] != "t/" and _bucket_number(name) <= last)
    return {name: data for name, data in files.items() if texts.get(name) != data}


@dataclass(frozen=True)
class Replaced:
    """A document changed in place: at ``place`` in the ranked documents (so with the same id), ``old`` became
    ``new`` (a body edited, a correction's note, a title or a department changed, an address that keeps its place)."""

    place: int
    old: IndexedPage
    new: IndexedPage


def _postings_at(documents: Iterable[tuple[int, IndexedPage]]) -> dict[str, list[int]]:
    """term → sorted values of the given documents, each with its own id (not consecutive ones, as ``postings``)."""
    table: dict[str, list[int]] = defaultdict(list)
    for doc_id, doc in sorted(documents, key=itemgetter(0)):
        for term, values in postings([doc], doc_id).items():
            table[term].extend(values)
    return dict(table)


def _replace_ids(members: dict[str, str], name: str, ids: Sequence[int], values: Sequence[int]) -> None:
    """Take every value of ``ids`` (sorted) out of a member's list and put ``values`` (sorted, of those ids) in
    their places; the member goes when nothing is left. Only this member is decoded; its text is spliced where its
    values change (the deltas there and the next one), the rest kept as it was."""
    known = members.get(name, "")
    deltas = known.split(",") if known else []
    listed = list(accumulate(json.loads(f"[{known}]"))) if known else []
    by_id: dict[int, list[int]] = defaultdict(list)
    for value in values:
        by_id[value >> 1].append(value)
    for doc_id in reversed(ids):  # from the highest, so that earlier places stay right
        start = bisect_left(listed, doc_id * 2)
        end = bisect_left(listed, doc_id * 2 + 2, start)
        new = by_id.get(doc_id, [])
        if start == end and not new:
            continue
        listed[start:end] = new
        after = start + len(new) + (end < len(deltas))  # the next value's delta changes too
        previous = listed[start - 1] if start else 0
        deltas[start : end + (end < len(deltas))] = map(
            str, map(sub, listed[start:after], [previous, *listed[start : after - 1]])
        )
    if deltas:
        members[name] = ",".join(deltas)
    else:
        members.pop(name, None)


def _bucket_number(name: str) -> int:
    """The number of a bucket's file (``d/<n>.json``); -inf for the manifest, which is always there."""
    return int(name[2:-5]) if name.startswith("d/") else -(2**63)


@dataclass
class HotKey:
    """What deciding whether a split key stays split needs, its terms being spread over other shards: their
    bytes as build_files weighs them, how many there are, and the first KEY_LENGTH + 1 letters of those not in
    the key's home shard (which name the shards holding them; a letter whose terms all left may stay)."""

    size: int
    terms: int
    prefixes: set[str]

    @classmethod
    def of(cls, entries: dict[str, str]) -> HotKey:
        """The HotKey of a key's terms, ``entries`` being term → its shard member, as build_files splits it."""
        wide = sum(len(term.encode("utf-8")) - len(term) for term in entries)  # deltas and quotes are ASCII
        size = sum(map(len, entries.values())) + len(entries) + wide
        return cls(size, len(entries), {term[: KEY_LENGTH + 1] for term in entries if len(term) > KEY_LENGTH})


def _member_bytes(name: str, deltas: str | None) -> int:
    """A member's bytes as build_files weighs a key's terms (its shard member and a comma); 0 when absent."""
    return 0 if deltas is None else len(name.encode("utf-8")) + len(deltas) + 6


def _weights(terms: Sequence[str], places: Sequence[dict[str, str]]) -> list[int]:
    return [_member_bytes(term, members.get(term)) for term, members in zip(terms, places, strict=True)]


def _split_if_hot(
    key: str, home: dict[str, str], shard: Callable[[int], dict[str, str]], shards: int, hot: dict[str, HotKey]
) -> None:
    """Split a key whose terms (all in its home shard) have grown past HOT_KEY_BYTES, as build_files does."""
    union = key + PREFIX_MARK
    members = [name for name in home if name[:KEY_LENGTH] == key and name != union]
    if len(members) <= 1 or _size(f'"{name}":[{home[name]}]' for name in members) <= HOT_KEY_BYTES:
        return
    home[union] = ",".join(map(str, _delta(_union(_values(home[name]) for name in members))))
    hot[key] = HotKey(
        sum(_member_bytes(name, home[name]) for name in members),
        len(members),
        {name[: KEY_LENGTH + 1] for name in members if len(name) > KEY_LENGTH},
    )
    for name in members:
        if name != key:
            shard(split_shard_of(name, shards))[name] = home.pop(name)


def _join(
    key: str, home: dict[str, str], shard: Callable[[int], dict[str, str]], shards: int, hot: dict[str, HotKey]
) -> None:
    """Bring a split key's terms back to its home shard and drop its union: build_files would not split it."""
    for prefix in sorted(hot.pop(key).prefixes):
        source = shard(split_shard_of(prefix, shards))
        if source is not home:
            for name in [name for name in source if name[: KEY_LENGTH + 1] == prefix]:
                home[name] = source.pop(name)
    home.pop(key + PREFIX_MARK, None)


def buckets_past_end(documents: Sequence[IndexedPage], before: int) -> list[str]:
    """The document buckets an index of ``before`` documents had and one of ``documents`` (as many pages without
    a date, the rest fewer releases) has not."""
    first = first_id(documents)
    last = bucket_of(first + len(documents) - 1)[0] if len(documents) > -first else -1
    return [f"d/{number}.json" for number in range(last + 1, bucket_of(first + before - 1)[0] + 1)]


def write_index(
    folder: Path, documents: Iterable[IndexedPage], lang: str, shards: int | None = None
) -> dict[str, bytes]:
    """Replace ``folder`` with a fresh index; the files are built in memory first, so a failure writes nothing."""
    files = build_files(documents, lang, shards)
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for path in ("t", "d"):
        (staging / path).mkdir(parents=True)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return files

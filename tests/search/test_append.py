"""Adding releases to a kept search index gives the index a cold build gives, byte for byte, and only by rule.

The property: for any documents and any number of newest releases added, ``appended_files`` over the
index of the others, with the files it leaves alone, is ``build_files`` of them all; hot keys (HOT_KEY_BYTES
made small here so that a few pages reach it) included, keys becoming hot on the way among them. Then the
kept index (``newsroom.search.memo``) on disk: appended only when the rule in its docstring holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from newsroom.search import index, memo
from newsroom.search.index import IndexedPage, appended_files, build_files, ranked, write_index
from newsroom.search.memo import KeptIndexWrite, write_kept_index

# Few letters, so that pages share keys and terms; Hangul and Latin both.
SYLLABLES = ["교", "육", "천", "안", "시", "도", "학", "생"]
LATIN = ["ab", "abc", "cloud", "clouds", "city", "9", "2025"]
WORDS = st.one_of(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=5).map("".join), st.sampled_from(LATIN))
TEXTS = st.lists(WORDS, max_size=30).map(" ".join)
DAY = dt.date(2020, 1, 1)


@st.composite
def archives(draw: st.DrawFn) -> list[IndexedPage]:
    """Pages with and without a date, several on one day (the address breaks the tie)."""
    made = []
    for number in range(draw(st.integers(1, 14))):
        dated = number == 0 or draw(st.booleans())
        made.append(
            IndexedPage(
                url=f"p/{draw(st.integers(0, 99))}-{number}/",
                title=draw(TEXTS),
                text=draw(TEXTS),
                date=DAY + dt.timedelta(days=draw(st.integers(0, 5))) if dated else None,
                department=draw(st.sampled_from(["", "교육과", "시청"])),
            )
        )
    return made


@contextmanager
def hot_key_bytes(limit: int) -> Iterator[None]:
    kept = index.HOT_KEY_BYTES
    index.HOT_KEY_BYTES = limit
    try:
        yield
    finally:
        index.HOT_KEY_BYTES = kept


CHANGES = ("keep", "edit", "retitle", "move", "redate", "remove")
IN_PLACE = ("keep", "keep", "edit", "retitle", "department")


@st.composite
def changed_archives(draw: st.DrawFn) -> tuple[list[IndexedPage], list[IndexedPage]]:
    """An archive and the same archive after a press office's changes to its last releases: a body edited (a
    correction's note or a withdrawal notice is one), a title changed, a release moved to another address or
    date, one removed; new ones added, some dated among the last."""
    old = ranked(draw(archives()))
    dated = [doc for doc in old if doc.date is not None]
    tail = draw(st.integers(1, len(dated)))
    # Before the last releases, anywhere (pages without a date too): changes in place, which keep every id.
    new = [_changed_in_place(draw, doc) for doc in old if doc not in dated[-tail:]]
    for number, doc in enumerate(dated[-tail:]):
        change = draw(st.sampled_from(CHANGES))
        if change == "edit":
            doc = dataclasses.replace(doc, text=draw(TEXTS))
        elif change == "retitle":
            doc = dataclasses.replace(doc, title=draw(TEXTS))
        elif change == "move":
            doc = dataclasses.replace(doc, url=f"moved/{number}/")
        elif change == "redate":
            doc = dataclasses.replace(doc, date=DAY + dt.timedelta(days=draw(st.integers(0, 6))))
        if change != "remove":
            new.append(doc)
    for number in range(draw(st.integers(0, 3))):
        day = DAY + dt.timedelta(days=draw(st.integers(0, 6)))
        new.append(IndexedPage(url=f"new/{number}/", title=draw(TEXTS), text=draw(TEXTS), date=day))
    return old, new


def _changed_in_place(draw: st.DrawFn, doc: IndexedPage) -> IndexedPage:
    """``doc`` with a press office's change that keeps its date and address: its body edited (a correction's note, a
    withdrawal notice), its title or its department changed."""
    change = draw(st.sampled_from(IN_PLACE))
    if change == "edit":
        return dataclasses.replace(doc, text=draw(TEXTS))
    if change == "retitle":
        return dataclasses.replace(doc, title=draw(TEXTS))
    if change == "department":
        return dataclasses.replace(doc, department=draw(st.sampled_from(["", "교육과", "시청", "교육청"])))
    return doc


@settings(max_examples=300, deadline=None)
@given(
    archive=changed_archives(),
    limit=st.sampled_from([40, 120, 400, index.HOT_KEY_BYTES]),
    how=st.sampled_from(["by address", "appended", "all in place"]),
)
def test_changing_releases_in_place_and_the_last_ones_gives_the_cold_index(
    archive: tuple[list[IndexedPage], list[IndexedPage]], limit: int, how: str
) -> None:
    old, new = map(ranked, archive)
    # The index keeps the first ``kept`` places: the documents that differ there are replaced in place (whatever
    # they are: a place is an id), the rest cut and added; the pages without a date always kept (``kept`` is at
    # least their number, as in the memo). The memo keeps up to the first place whose date or address differs;
    # or up to the first that differs at all (the tail path alone); or every place both have.
    pairs = list(zip(old, new, strict=False))
    undated = sum(1 for doc in new if doc.date is None)
    by_address = next((n for n, (a, b) in enumerate(pairs) if (a.url, a.date) != (b.url, b.date)), len(pairs))
    first_change = next((n for n, (a, b) in enumerate(pairs) if a != b), len(pairs))
    kept = {
        "by address": by_address,
        "appended": first_change if first_change >= undated else by_address,
        "all in place": len(pairs),
    }[how]
    replaced = [index.Replaced(n, old[n], new[n]) for n in range(kept) if old[n] != new[n]]
    hot: dict[str, index.HotKey] = {}
    fresh: dict[str, index.HotKey] = {}
    with hot_key_bytes(limit):
        before = build_files(old, "ko", 16, hot)
        was_hot = set(hot)
        changed = appended_files(before.__getitem__, new, kept, "ko", 16, old[kept:], hot, replaced)
        after = build_files(new, "ko", 16, fresh)
    gone = index.buckets_past_end(new, len(old))
    assert {name: data for name, data in {**before, **changed}.items() if name not in gone} == after
    # The split keys' records are kept exact (a letter whose terms all left may stay among the prefixes).
    assert {key: (record.size, record.terms) for key, record in hot.items()} == {
        key: (record.size, record.terms) for key, record in fresh.items()
    }
    assert all(hot[key].prefixes >= fresh[key].prefixes for key in fresh)
    # Keys cross the threshold both ways.
    event(f"a key split: {bool(set(fresh) - was_hot)}; a key joined: {bool(was_hot - set(fresh))}")
    event(f"changed in place: {min(len(replaced), 2)}{'+' if len(replaced) > 2 else ''}")
    # Only shards the changed documents' terms reach, their buckets and the manifest are written.
    assert len(changed) <= 16 + (len(new) - kept + 1) // index.BUCKET + 2 + len(replaced)


def _release(number: int, day: int, text: str = "천안시 스마트도시 교육") -> IndexedPage:
    date = DAY + dt.timedelta(days=day)
    return IndexedPage(url=f"news/{number}/", title=f"소식 {number}", text=f"{text} {number}", date=date)


ARCHIVE = [IndexedPage(url="policy/", title="정책", text="천안시 정책"), *(_release(n, n) for n in range(9))]


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _write(
    tmp_path: Path, docs: list[IndexedPage], shards: int = 16, **options: object
) -> tuple[KeptIndexWrite, dict[str, bytes]]:
    """Write the kept index of ``docs`` and check it against a cold one."""
    written = write_kept_index(tmp_path / "site", docs, "ko", shards, kept=tmp_path / "kept", **options)  # type: ignore[arg-type]
    write_index(tmp_path / "cold", docs, "ko", shards)
    assert _files(tmp_path / "site") == _files(tmp_path / "cold")
    return written, _files(tmp_path / "site")


def test_a_newest_release_is_appended_and_rewrites_only_what_it_touches(tmp_path: Path) -> None:
    first, before = _write(tmp_path, ARCHIVE)
    assert (first.appended, first.reason, first.written) == (False, "no kept index", len(before))
    newest = _release(9, 30, "클라우드")
    second, after = _write(tmp_path, [*ARCHIVE, newest])
    assert second.appended and second.reason == ""
    changed = {name for name in after if before.get(name) != after[name]}
    assert second.written == len(changed) < len(after) // 2
    # Id 9 joins bucket 4 (ids 8, 9); the policy page keeps id -1 and its bucket.
    assert "d/4.json" in changed and "d/-1.json" not in changed and "index.json" in changed
    assert json.loads(after["d/4.json"])[1][0] == "news/9/"
    # Nothing new: nothing written, every file kept.
    third, _ = _write(tmp_path, [*ARCHIVE, newest])
    assert (third.appended, third.written) == (True, 0)


@pytest.fixture
def short_tail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "TAIL", 4)  # the last four releases of ARCHIVE: ids 5 … 8, days 5 … 8


def test_a_release_dated_among_the_last_moves_only_them(tmp_path: Path, short_tail: None) -> None:
    _, before = _write(tmp_path, ARCHIVE)
    # Day 6, after news/6/ by its address: news/7/ and news/8/ move up one id.
    written, after = _write(tmp_path, [*ARCHIVE, _release(60, 6)])
    assert written.appended
    changed = {name for name in after if before.get(name) != after[name]}
    assert written.written == len(changed) and {"d/3.json", "d/4.json"} <= changed and "d/2.json" not in changed
    assert [row[0] for row in json.loads(after["d/3.json"])] == ["news/6/", "news/60/"]


def _edited(doc: IndexedPage, change: str) -> IndexedPage:
    """``doc`` as the press office changes it without changing its date: body, notice, title, department, address."""
    number = doc.url.strip("/").rsplit("/", 1)[-1]
    fields: dict[str, dict[str, str]] = {
        "edit": {"text": f"천안시 스마트도시 교육 {number} 고친 본문"},
        "correct": {"text": doc.text + " 바로잡습니다: 날짜를 고쳤습니다."},
        "withdraw": {"title": f"[철회] 소식 {number}", "text": "이 보도자료는 철회되었습니다."},
        "withdrawal notice": {"title": f"[알림] 소식 {number}", "text": "이 보도자료는 고쳐 다시 냅니다."},
        "retitle": {"title": "고친 제목"},
        "department": {"department": "교육과"},
        "move": {"url": "news/moved/"},
    }
    return dataclasses.replace(doc, **fields[change])


EDITS = ("edit", "correct", "withdraw", "withdrawal notice", "retitle", "department", "move")


@pytest.mark.parametrize(
    "change",
    ["edit", "correct", "withdraw", "retitle", "move", "redate", "remove", "remove the newest"],
)
def test_a_change_among_the_last_releases_is_appended(tmp_path: Path, short_tail: None, change: str) -> None:
    _, before = _write(tmp_path, ARCHIVE)
    docs = list(ARCHIVE)  # the tail: news/5/ … news/8/, ids 5 … 8
    if change in EDITS:
        place = 9 if change == "retitle" else 7
        docs[place] = _edited(docs[place], change)
    elif change == "redate":
        docs[9] = dataclasses.replace(docs[9], date=docs[6].date)  # news/8/ dated as news/5/: after it by address
    elif change == "remove":
        del docs[7]
    elif change == "remove the newest":
        del docs[9]  # news/8/, id 8, alone in bucket 4: the bucket goes
    written, after = _write(tmp_path, docs)
    assert (written.appended, written.reason) == (True, "")
    changed = {name for name in after if before.get(name) != after[name]}
    assert written.written == len(changed) and "d/2.json" not in changed
    assert written.files == len(after)


def test_a_split_key_is_joined_again_when_its_releases_leave(tmp_path: Path, short_tail: None) -> None:
    # 교육's three terms weigh 96 bytes over nine releases: split at 80 bytes, not over the first six.
    docs = [ARCHIVE[0], *(_release(n, n, "교육청 교육감 교육부") for n in range(9))]
    with hot_key_bytes(80):
        _write(tmp_path, docs)
        recorded = json.loads((tmp_path / "kept" / "memo.json").read_text(encoding="utf-8"))["hot"]
        assert recorded == {"교육": [96, 3, "감부청"]}
        written, after = _write(tmp_path, docs[:7])  # the last three withdrawn: they leave the index
        assert written.appended and '"교육*"' not in after[f"t/{index.shard_of('교육', 16)}.json"].decode()
        assert json.loads((tmp_path / "kept" / "memo.json").read_text(encoding="utf-8"))["hot"] == {}
        written, _ = _write(tmp_path, docs)  # and back: split again
        assert written.appended
        assert json.loads((tmp_path / "kept" / "memo.json").read_text(encoding="utf-8"))["hot"] == recorded


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("older release", "a document before the kept tail moved or left"),  # dated before the tail
        ("edit, its old version unknown", "a document before the kept tail moved or left"),
        ("delete", "a document before the kept tail moved or left"),
        ("redate", "a document before the kept tail moved or left"),
        ("digests unreadable", "no kept digests"),
        ("hot keys unrecorded", "no kept files"),
        ("page without a date", "another number of pages without a date"),
        ("shards", "another shards"),
        ("fingerprint", "another fingerprint"),
        ("file changed", "a kept file changed"),
        ("file missing", "a kept file is missing"),
        ("memo unreadable", "no kept index"),
        ("memo names another file", "no kept files"),
        ("tail unreadable", "no kept tail"),
        ("full build", "told not to reuse it"),
    ],
)
def test_anything_but_a_change_among_the_last_releases_builds_the_index_whole(
    tmp_path: Path, short_tail: None, change: str, reason: str
) -> None:
    _write(tmp_path, ARCHIVE, fingerprint="a")
    docs = [*ARCHIVE, _release(9, 30)]
    options: dict[str, object] = {"fingerprint": "a"}
    if change == "older release":
        docs = [*ARCHIVE, _release(9, 3)]
    elif change == "edit, its old version unknown":
        docs[3] = dataclasses.replace(docs[3], text="고친 본문")
    elif change == "delete":
        del docs[3]
    elif change == "redate":
        docs[3] = dataclasses.replace(docs[3], date=docs[3].date + dt.timedelta(days=2))  # after news/3/: ids move
        options["earlier"] = {doc.url: doc for doc in ARCHIVE}
    elif change == "digests unreadable":
        (tmp_path / "kept" / "digests.bin").write_bytes(b"short")
    elif change == "hot keys unrecorded":
        kept_memo = json.loads((tmp_path / "kept" / "memo.json").read_text(encoding="utf-8"))
        kept_memo["hot"] = {"교육": [1, "2", ""]}
        (tmp_path / "kept" / "memo.json").write_text(json.dumps(kept_memo), encoding="utf-8")
    elif change == "page without a date":
        docs.append(IndexedPage(url="about/", title="소개", text="천안시"))
    elif change == "fingerprint":
        options["fingerprint"] = "b"
    elif change == "file changed":
        shard = next((tmp_path / "kept" / "files" / "t").glob("*.json"))
        shard.write_bytes(shard.read_bytes() + b" ")
    elif change == "file missing":
        next((tmp_path / "kept" / "files" / "d").glob("*.json")).unlink()
    elif change == "memo unreadable":
        (tmp_path / "kept" / "memo.json").write_text("{", encoding="utf-8")
    elif change == "memo names another file":
        kept_memo = json.loads((tmp_path / "kept" / "memo.json").read_text(encoding="utf-8"))
        kept_memo["files"]["../../outside.json"] = [0, 0]
        (tmp_path / "kept" / "memo.json").write_text(json.dumps(kept_memo), encoding="utf-8")
    elif change == "tail unreadable":
        (tmp_path / "kept" / "tail.pickle").write_bytes(b"not a pickle")
    elif change == "full build":
        options["reuse"] = False
    shards = 32 if change == "shards" else 16  # index.shard_count past a power of two
    written, _ = _write(tmp_path, docs, shards, **options)
    assert (written.appended, written.reason) == (False, reason)
    # The whole index is kept anew: the next newest release is appended to it.
    options.pop("reuse", None)
    later, _ = _write(tmp_path, [*docs, _release(10, 40)], shards, **options)
    assert later.appended


@pytest.mark.parametrize("change", ["edit", "correct", "withdrawal notice", "retitle", "department", "move"])
def test_a_change_in_place_before_the_last_releases_rewrites_only_what_it_touches(
    tmp_path: Path, short_tail: None, change: str
) -> None:
    _, before = _write(tmp_path, ARCHIVE)
    docs = list(ARCHIVE)  # news/2/, id 2, in bucket 1 with news/3/: before the tail (ids 5 … 8)
    # A move goes to an address that keeps its place among the releases (the only one of its day).
    docs[3] = _edited(docs[3], change)
    written, after = _write(tmp_path, docs, earlier={doc.url: doc for doc in ARCHIVE})
    assert (written.appended, written.reason, written.in_place) == (True, "", 1)
    changed = {name for name in after if before.get(name) != after[name]}
    assert written.written == len(changed) and "d/1.json" in changed and "index.json" not in changed
    assert not {"d/0.json", "d/2.json", "d/4.json"} & changed
    # The next build finds nothing changed: the digests kept are the new versions'.
    again, _ = _write(tmp_path, docs, earlier={doc.url: doc for doc in docs})
    assert (again.appended, again.in_place, again.written) == (True, 0, 0)


def test_changes_in_place_anywhere_and_among_the_last_releases_combine(tmp_path: Path, short_tail: None) -> None:
    _write(tmp_path, ARCHIVE)
    docs = [
        dataclasses.replace(doc, text=doc.text + " 고침") if n in (0, 2, 4, 7) else doc for n, doc in enumerate(ARCHIVE)
    ]
    docs += [_release(9, 30, "클라우드"), _release(60, 6)]  # one newest, one dated among the last: ids move
    written, _ = _write(tmp_path, docs, earlier={doc.url: doc for doc in ARCHIVE})
    # The policy page (id -1), news/1/ and news/3/ before the tail, news/6/ in it: news/60/ moves news/7/ and news/8/.
    assert (written.appended, written.in_place) == (True, 4)


@pytest.mark.parametrize(
    ("earlier", "reason"),
    [
        ("another version", "a document before the kept tail moved or left"),  # not the one the index was made from
        ("another date", "a document before the kept tail moved or left"),
        ("too many", "too many documents changed in place"),
    ],
)
def test_a_change_in_place_is_made_only_from_the_version_the_index_holds(
    tmp_path: Path, short_tail: None, monkeypatch: pytest.MonkeyPatch, earlier: str, reason: str
) -> None:
    _write(tmp_path, ARCHIVE)
    docs = [dataclasses.replace(doc, text=doc.text + " 고침") if n in (2, 3) else doc for n, doc in enumerate(ARCHIVE)]
    known = {doc.url: doc for doc in ARCHIVE}
    if earlier == "another version":
        known["news/1/"] = dataclasses.replace(known["news/1/"], title="다른 판")
    elif earlier == "another date":
        known["news/1/"] = dataclasses.replace(known["news/1/"], date=DAY)
    elif earlier == "too many":
        monkeypatch.setattr(memo, "IN_PLACE_LIMIT", 1)
    written, _ = _write(tmp_path, docs, earlier=known)
    assert (written.appended, written.reason) == (False, reason)


def test_a_kept_file_is_a_hard_link_of_the_written_one(tmp_path: Path) -> None:
    _write(tmp_path, ARCHIVE)
    for name in ("index.json", "d/0.json", "t/0.json"):
        assert os.path.samefile(tmp_path / "site" / name, tmp_path / "kept" / "files" / name)

"""The news section's plain-Python parts, on inputs written here: formats, pagination, loading, embargo."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
from pathlib import Path

import pytest
from newsroom.model.pages import join
from newsroom.model.release import KST, ReleaseMeta, Translation
from newsroom.site import catalogue
from newsroom.site.catalogue import (
    Catalogue,
    Release,
    ReleaseError,
    load_releases,
    load_releases_apart,
    now_from_env,
    read_release,
    release_sources,
)
from newsroom.site.formats import format_date, format_datetime, format_phone
from newsroom.site.index import Listing, NewsIndex, PageLink, listed, page_links, paginate

from tests.sites import site_project


def _meta(lang: str = "ko", **changes: object) -> ReleaseMeta:
    fields: dict[str, object] = {
        "title": "제목",
        "date": dt.date(2025, 2, 3),
        "lang": lang,
        "slug": "a-release",
        "translation_key": "a-release",
        "translation": Translation.ORIGINAL,
        "languages": ["ko", "en"],
        "topics": ["ai"],
        **changes,
    }
    return ReleaseMeta.model_validate(fields)


def _text(meta: ReleaseMeta) -> str:
    return join(meta.to_front_matter(), "본문")


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (dt.date(2025, 2, 3), "ko", "2025. 2. 3.(월)"),
        (dt.date(2025, 2, 3), "en", "3 February 2025"),
        (dt.date(2024, 12, 29), "ko", "2024. 12. 29.(일)"),
        (dt.date(2024, 12, 29), "en", "29 December 2024"),
    ],
)
def test_dates_in_each_languages_convention(day: dt.date, lang: str, expected: str) -> None:
    assert format_date(day, lang) == expected


def test_moments_are_shown_in_korean_time() -> None:
    moment = dt.datetime(2025, 2, 2, 21, 0, tzinfo=dt.UTC)  # 06:00 on the 3rd in Korea
    assert format_datetime(moment, "ko") == "2025. 2. 3.(월) 06:00"
    assert format_datetime(moment, "en") == "3 February 2025, 06:00 KST"


def test_phone_numbers_national_in_korean_international_in_english() -> None:
    assert format_phone("041-521-2000", "ko").text == "041-521-2000"
    english = format_phone("041-521-2000", "en")
    assert english.text == "+82 41-521-2000"
    assert english.uri == "tel:+82-41-521-2000"
    assert format_phone("02 2100 1234", "en").text == "+82 2-2100-1234"
    # Something that is not a number is shown as written, without a tel: link.
    odd = format_phone("내선 없음", "en")
    assert (odd.text, odd.uri) == ("내선 없음", None)


def _row(links: list[PageLink]) -> list[str]:
    return ["…" if link.path is None else "latest" if link.number is None else str(link.number) for link in links]


def test_page_links_show_latest_a_window_and_the_oldest_never_the_highest_number() -> None:
    # Newest first: the landing page, the neighbours within two, page 1; '…' where numbers are skipped.
    assert _row(page_links("news/", 6, 12)) == ["latest", "…", "8", "7", "6", "5", "4", "…", "1"]
    assert _row(page_links("news/", None, 12)) == ["latest", "12", "11", "…", "1"]
    assert _row(page_links("news/", 1, 12)) == ["latest", "…", "3", "2", "1"]
    assert _row(page_links("news/", 3, 4)) == ["latest", "4", "3", "2", "1"]
    assert page_links("news/", None, 0) == []
    # A page's row is the same whatever the number of pages beyond its reach: adding pages does not change it.
    assert page_links("news/", 6, 9) == page_links("news/", 6, 40) == page_links("news/", 6, 400)
    links = page_links("news/", 2, 3)
    assert [(link.number, link.path, link.current) for link in links] == [
        (None, "news/", False),
        (3, "news/page/3/", False),
        (2, "news/page/2/", True),
        (1, "news/page/1/", False),
    ]


def _releases(count: int, withdrawn: frozenset[int] = frozenset()) -> list[Release]:
    """``count`` releases a day apart, newest first as the catalogue sorts them; release i is the i-th oldest."""
    releases = []
    for day in range(count):
        date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
        changes: dict[str, object] = {"slug": f"r-{day:02d}", "translation_key": f"r-{day:02d}", "date": date}
        if day in withdrawn:
            changes["withdrawn"] = {"at": dt.datetime(2026, 1, 1, tzinfo=KST), "explanation": "잘못 배포됨"}
        meta = _meta(languages=["ko"], **changes)
        releases.append(read_release(f"ko/news/2025/r-{day:02d}.md", _text(meta)))
    return releases[::-1]


def _slugs(listing: Listing) -> list[int]:
    return [int(release.meta.slug[2:]) for release in listing.releases]


def test_numbered_pages_are_full_blocks_counted_from_the_oldest() -> None:
    listings = paginate(_releases(45), "news/", "all", "", ("보도자료", "보도자료 ({number}페이지)"))
    landing, *numbered = listings
    assert landing.path == "news/" and landing.number is None
    assert _slugs(landing) == list(range(44, 24, -1))  # the newest twenty
    assert [listing.path for listing in numbered] == ["news/page/1/", "news/page/2/"]  # the last five: no page yet
    assert _slugs(numbered[0]) == list(range(19, -1, -1))
    assert _slugs(numbered[1]) == list(range(39, 19, -1))
    assert numbered[1].title == "보도자료 (2페이지)"
    # Older from the landing page: the page of release 24, the newest one it does not show.
    assert (landing.newer_path, landing.older_path) == (None, "news/page/2/")
    assert (numbered[1].newer_path, numbered[1].older_path) == ("news/", "news/page/1/")
    assert (numbered[0].newer_path, numbered[0].older_path) == ("news/page/2/", None)
    empty = paginate([], "news/", "all", "", ("a", "b"))
    assert len(empty) == 1 and empty[0].releases == [] and empty[0].links == []


def test_adding_releases_leaves_full_pages_as_they_were() -> None:
    releases = _releases(101)
    before = {listing.path: listing for listing in paginate(releases[1:], "news/", "all", "", ("a", "{number}"))}
    after = {listing.path: listing for listing in paginate(releases, "news/", "all", "", ("a", "{number}"))}
    assert set(after) == set(before)  # 100 → 101: no page opens
    assert [path for path in after if after[path] != before[path]] == ["news/"]
    opened = {listing.path: listing for listing in paginate(_releases(120), "news/", "all", "", ("a", "{number}"))}
    changed = [path for path in before if opened[path] != before[path]]
    # A page opens: the landing page, and the pages whose row now reaches it (or its '…').
    assert sorted(changed) == ["news/", "news/page/3/", "news/page/4/", "news/page/5/"]
    assert set(opened) - set(before) == {"news/page/6/"}


def test_a_withdrawn_release_keeps_its_slot_unshown() -> None:
    listings = paginate(
        _releases(45, withdrawn=frozenset({3, 30})), "news/", "all", "", ("a", "{number}"), shown=listed
    )
    landing, first, second = listings
    assert 3 not in _slugs(first) and len(first.releases) == 19
    assert 30 not in _slugs(second) and _slugs(second)[0] == 39
    # The landing page shows the newest twenty listed releases: 30 is left out, 24 comes in.
    assert _slugs(landing) == [n for n in range(44, 23, -1) if n != 30]
    assert landing.older_path == "news/page/2/"  # release 23, the newest it does not show, is on page 2


def test_newest_first_and_neighbours() -> None:
    older = read_release("ko/news/2025/old.md", _text(_meta(slug="old", translation_key="old")))
    newer = read_release(
        "ko/news/2025/new.md", _text(_meta(slug="new", translation_key="new", date=dt.date(2025, 3, 1)))
    )
    index = NewsIndex(Catalogue([older, newer], dt.datetime(2026, 1, 1, tzinfo=KST)), "ko")
    assert [r.meta.slug for r in index.releases] == ["new", "old"]
    assert index.neighbours(newer) == (older, None)
    assert index.neighbours(older) == (None, newer)


def test_embargo_holds_every_language_until_its_time() -> None:
    embargo = dt.datetime(2025, 2, 3, 6, 0, tzinfo=KST)
    ko = read_release("ko/news/2025/a-release.md", _text(_meta(embargo_until=embargo)))
    en = read_release("en/news/2025/a-release.md", _text(_meta("en", title="Title", translation=Translation.FULL)))
    before = Catalogue([ko, en], embargo - dt.timedelta(minutes=1))
    assert before.published == []
    assert before.withheld_sources == {"ko/news/2025/a-release.md", "en/news/2025/a-release.md"}
    after = Catalogue([ko, en], embargo)
    assert after.published == [ko, en]
    assert after.counterpart(ko, "en") == en


def test_now_comes_from_the_environment() -> None:
    assert now_from_env({"NEWSROOM_NOW": "2025-02-03T06:00:00+09:00"}) == dt.datetime(2025, 2, 3, 6, tzinfo=KST)
    # One rule for every "now" (model.parse_moment): without an offset it is Korean time.
    assert now_from_env({"NEWSROOM_NOW": "2025-02-03T06:00:00"}) == dt.datetime(2025, 2, 3, 6, tzinfo=KST)
    with pytest.raises(ValueError, match="not an ISO 8601"):
        now_from_env({"NEWSROOM_NOW": "tomorrow"})
    assert now_from_env({}).tzinfo is not None


def test_bad_front_matter_names_the_file_and_line() -> None:
    good = _text(_meta())
    topics_line = good.split("\n").index("topics:") + 1
    with pytest.raises(ReleaseError, match=rf"^ko/news/2025/a-release\.md:{topics_line}: .*'topics': .*unknown topic"):
        read_release("ko/news/2025/a-release.md", good.replace("- ai", "- robots"))
    with pytest.raises(ReleaseError, match=r"^ko/news/2025/a-release\.md:\d+: front matter is not valid YAML"):
        read_release("ko/news/2025/a-release.md", good.replace("title: 제목", "title: [제목"))
    with pytest.raises(
        ReleaseError, match=r"^ko/news/2025/a-release\.md:3: .*impossible date or time '2025-13-03' \(month must be in"
    ):
        read_release("ko/news/2025/a-release.md", good.replace("date: '2025-02-03'", "date: 2025-13-03"))
    with pytest.raises(ReleaseError, match=r"^ko/news/2025/a-release\.md:1: no front matter"):
        read_release("ko/news/2025/a-release.md", "본문만 있습니다.\n")


def test_front_matter_must_agree_with_the_files_place() -> None:
    text = _text(_meta())
    line = text.split("\n").index("slug: a-release") + 1
    place = "a release dated 2025-02-03 with slug 'a-release' belongs at docs/ko/news/2025/a-release.md"
    with pytest.raises(ReleaseError, match=rf"^ko/news/2025/other\.md:{line}: {re.escape(place)}"):
        read_release("ko/news/2025/other.md", text)
    with pytest.raises(ReleaseError, match=re.escape(place)):
        read_release("ko/news/2024/a-release.md", text)
    with pytest.raises(ReleaseError, match=re.escape("'lang: ko' but the page is in docs/en/")):
        read_release("en/news/2025/a-release.md", text)


def test_one_pass_loads_both_languages_and_ignores_other_pages(tmp_path: Path) -> None:
    for lang in ("ko", "en"):
        folder = tmp_path / lang / "news" / "2025"
        folder.mkdir(parents=True)
        meta = _meta(lang, translation=Translation.ORIGINAL if lang == "ko" else Translation.FULL)
        (folder / "a-release.md").write_text(_text(meta), encoding="utf-8")
        (tmp_path / lang / "news" / "index.md").write_text("# 목록\n", encoding="utf-8")
    releases = load_releases(tmp_path)
    assert sorted(r.source for r in releases) == ["en/news/2025/a-release.md", "ko/news/2025/a-release.md"]


def test_one_key_per_language() -> None:
    first = read_release("ko/news/2025/a-release.md", _text(_meta()))
    second = read_release("ko/news/2025/b-release.md", _text(_meta(slug="b-release")))
    with pytest.raises(ReleaseError, match=r"translation_key 'a-release' is also used by ko/news/2025/a-release\.md"):
        Catalogue([first, second], dt.datetime(2026, 1, 1, tzinfo=KST))


def test_releases_read_by_several_processes_are_those_one_process_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parallel build's parent reads a large archive in parts, in forked processes: a worker forked after it gets
    every release and every error, in order, as a single read gives them."""
    docs = site_project(tmp_path, 300, seed=5).parent / "docs"
    sources = release_sources(docs)
    for broken in (sources[10], sources[-10]):  # one in the parent's part, one in the last process's
        page = docs / broken
        page.write_text(page.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    monkeypatch.setattr(catalogue, "SHARED_PRELOAD_RELEASES", 150)
    try:
        one = load_releases_apart(docs, sources)
        catalogue.forget_parsed()
        catalogue.preload_releases(docs, processes=3)
        kept = catalogue.parsed_releases()  # what the parent keeps for the next build
        with multiprocessing.get_context("fork").Pool(1) as pool:
            parts = pool.apply(_read_in_a_worker, (docs,))
    finally:
        catalogue.forget_parsed()
    assert len(one[0]) == len(sources) - 2
    assert sorted(kept) == sorted(str(docs / release.source) for release in one[0])
    assert [(error.source, bool(error.line)) for error in one[1]] == [(sources[10], True), (sources[-10], True)]
    assert parts == (one[0], [(e.source, e.line, e.problem) for e in one[1]])


def _read_in_a_worker(docs: Path) -> tuple[list[Release], list[tuple[str, int | None, str]]]:
    releases, errors = load_releases_apart(docs)
    return releases, [(error.source, error.line, error.problem) for error in errors]

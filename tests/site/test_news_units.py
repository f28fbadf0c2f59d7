"""The news section's plain-Python parts, on inputs written here: formats, pagination, loading, embargo."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from newsroom.model.pages import join
from newsroom.model.release import KST, ReleaseMeta, Translation
from newsroom.site.catalogue import Catalogue, ReleaseError, load_releases, now_from_env, read_release
from newsroom.site.formats import format_date, format_datetime, format_phone
from newsroom.site.index import NewsIndex, page_links, paginate


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


def test_page_links_keep_first_last_and_neighbours() -> None:
    numbers = [link.number for link in page_links("news/", 6, 12)]
    assert numbers == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert [link.number for link in page_links("news/", 1, 1)] == [1]
    links = page_links("news/", 2, 3)
    assert [(link.number, link.path, link.current) for link in links] == [
        (1, "news/", False),
        (2, "news/page/2/", True),
        (3, "news/page/3/", False),
    ]


def test_paginate_in_pages_of_twenty(tmp_path: Path) -> None:
    releases = []
    for day in range(45):
        date = dt.date(2025, 1, 1) + dt.timedelta(days=day)
        meta = _meta(slug=f"r-{day:02d}", translation_key=f"r-{day:02d}", date=date, languages=["ko"])
        releases.append(read_release(f"ko/news/2025/r-{day:02d}.md", _text(meta)))
    listings = paginate(releases, "news/", "all", "", ("보도자료", "보도자료 ({number}페이지)"))
    assert [len(listing.releases) for listing in listings] == [20, 20, 5]
    assert [listing.path for listing in listings] == ["news/", "news/page/2/", "news/page/3/"]
    assert listings[1].title == "보도자료 (2페이지)"
    assert (listings[0].previous_path, listings[0].next_path) == (None, "news/page/2/")
    assert paginate([], "news/", "all", "", ("a", "b"))[0].releases == []


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

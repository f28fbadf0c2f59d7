"""Pure functions of the site layer: views (what templates show), feeds, and the i18n head and sitemap.

Fed by releases written in the test; no MkDocs. Expected values are written out by hand.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json

import feedparser
from defusedxml import ElementTree
from newsroom.model.pages import join
from newsroom.model.release import KST, ReleaseMeta, Translation
from newsroom.site import feeds, labels
from newsroom.site import i18n as site_i18n
from newsroom.site.catalogue import Catalogue, Release, read_release
from newsroom.site.i18n import SITEMAP_NS, Hreflang, SitemapPage
from newsroom.site.index import NewsIndex
from newsroom.site.views import description, json_ld, list_item, listing_view, open_graph, release_view

NOW = dt.datetime(2026, 1, 1, tzinfo=KST)
SITE = "https://example.test/site/"


def _release(lang: str = "ko", slug: str = "a-release", **changes: object) -> Release:
    fields: dict[str, object] = {
        "title": "제목" if lang == "ko" else "Title",
        "date": dt.date(2025, 2, 3),
        "lang": lang,
        "slug": slug,
        "translation_key": slug,
        "translation": Translation.ORIGINAL if lang == "ko" else Translation.FULL,
        "languages": ["ko", "en"],
        "topics": ["ai"],
        **changes,
    }
    meta = ReleaseMeta.model_validate(fields)
    year = meta.date.year
    return read_release(f"{lang}/news/{year}/{slug}.md", join(meta.to_front_matter(), "본문"))


# -- views ----------------------------------------------------------------------------------------------


def test_list_item_shows_the_date_in_the_languages_convention() -> None:
    item = list_item(_release(summary="요약"), "ko")
    assert (item.title, item.path, item.date_text, item.date_iso) == (
        "제목",
        "news/2025/a-release/",
        "2025. 2. 3.(월)",
        "2025-02-03",
    )
    assert item.summary == "요약"


def test_release_view_links_the_translation() -> None:
    ko, en = _release(), _release("en")
    catalogue = Catalogue([ko, en], NOW)
    view = release_view(catalogue, NewsIndex(catalogue, "ko"), ko, "ko", "시험")
    assert view.other_language is not None and view.other_language.path == "en/news/2025/a-release/"
    assert view.not_available is None and view.fallback_notice is None
    assert [topic.path for topic in view.topics] == ["news/topics/ai/"]


def test_release_view_of_a_korean_release_under_en_is_a_fallback_pointing_to_the_original() -> None:
    ko = _release(languages=["ko"])
    catalogue = Catalogue([ko], NOW)
    view = release_view(catalogue, NewsIndex(catalogue, "en"), ko, "en", "Test")
    assert view.lang == "ko" and view.fallback_notice
    assert view.original is not None and view.original.path == "news/2025/a-release/" and view.original.lang == "ko"
    assert view.other_language is None and view.previous is None and view.next is None


def test_release_view_without_a_translation_says_so_in_both_languages() -> None:
    ko = _release(languages=["ko"])
    catalogue = Catalogue([ko], NOW)
    view = release_view(catalogue, NewsIndex(catalogue, "ko"), ko, "ko", "시험")
    assert view.not_available and view.not_available_other and view.other_language is None


def test_json_ld_cannot_close_its_script_element_and_names_the_translation() -> None:
    ko, en = _release(), _release("en")
    # The model refuses markup in text fields; the escape is the second line of defence, so bypass the first.
    ko = Release(meta=ko.meta.model_copy(update={"title": "비율 1</2 이하"}), source=ko.source)
    data = json_ld(ko, en, SITE)
    assert "</" not in data
    parsed = json.loads(data)
    assert parsed["headline"] == "비율 1</2 이하"
    assert parsed["workTranslation"]["url"] == SITE + "en/news/2025/a-release/"
    assert json.loads(json_ld(en, ko, SITE))["translationOfWork"]["inLanguage"] == "ko"


def test_open_graph_and_description_fall_back_to_the_subtitle_then_the_title() -> None:
    release = _release(subtitle=["부제"])
    tags = dict(open_graph(release, SITE, "시험"))
    assert tags["og:description"] == "부제" and tags["og:locale"] == "ko_KR" and tags["og:url"].startswith(SITE)
    assert description(release) == "부제"
    assert description(_release()) == "제목"
    assert description(_release(summary="요약", subtitle=["부제"])) == "요약"


def test_a_topic_listing_offers_the_topics_feed() -> None:
    catalogue = Catalogue([_release()], NOW)
    index = NewsIndex(catalogue, "ko")
    topic = next(listing for listing in index.listings() if listing.kind == "topic")
    view = listing_view(index, topic, "시험")
    assert view.feed.atom_path == "news/topics/ai/atom.xml" and view.feed.rss_path == "news/topics/ai/rss.xml"
    assert [item.path for item in view.items] == ["news/2025/a-release/"]


# -- feeds ----------------------------------------------------------------------------------------------


def test_feeds_main_first_then_one_per_topic_each_capped() -> None:
    releases = [
        _release(slug=f"r{number:02d}", date=dt.date(2025, 1, 1) + dt.timedelta(days=number), topics=["ai"])
        for number in range(feeds.FEED_SIZE + 1)
    ]
    index = NewsIndex(Catalogue(releases, NOW), "ko")
    found = feeds.feeds_of(index, "시험")
    assert [feed.atom_path for feed in found] == ["news/atom.xml", "news/topics/ai/atom.xml"]
    assert all(len(feed.releases) == feeds.FEED_SIZE for feed in found)
    assert found[0].releases[0].meta.slug == f"r{feeds.FEED_SIZE:02d}"  # newest first


def test_rendered_feeds_are_valid_atom_and_rss_newest_first_with_absolute_urls() -> None:
    older = _release(slug="older", summary="요약")
    newer = _release(slug="newer", date=dt.date(2025, 3, 1))
    index = NewsIndex(Catalogue([older, newer], NOW), "ko")
    atom, rss = feeds.render(feeds.feeds_of(index, "시험")[0], SITE, {"ai": "인공지능"}, "천안시")
    for data in (atom, rss):
        parsed = feedparser.parse(data)
        assert not parsed.bozo
        assert [entry.link for entry in parsed.entries] == [
            SITE + "news/2025/newer/",
            SITE + "news/2025/older/",
        ]
    assert "인공지능" in {tag.label for tag in feedparser.parse(atom).entries[0].tags}


# -- site_i18n ------------------------------------------------------------------------------------------


def test_absolute_url_below_a_sub_path() -> None:
    assert site_i18n.absolute_url("https://example.test/site", "en/policy/") == "https://example.test/site/en/policy/"
    assert site_i18n.absolute_url(SITE, "") == SITE
    assert site_i18n.absolute_url(SITE, "/news/") == SITE + "news/"


def test_hreflang_lists_each_version_then_x_default() -> None:
    both = {"en": SITE + "en/a/", "ko": SITE + "a/"}
    assert site_i18n.hreflang_links(both, "ko") == [
        Hreflang("en", SITE + "en/a/"),
        Hreflang("ko", SITE + "a/"),
        Hreflang("x-default", SITE + "a/"),
    ]
    # A page only in English: x-default is that page.
    assert site_i18n.hreflang_links({"en": SITE + "en/b/"}, "ko")[-1] == Hreflang("x-default", SITE + "en/b/")
    assert site_i18n.hreflang_links({}, "ko") == []


def test_sitemap_lists_real_pages_once_and_leaves_fallback_copies_out() -> None:
    pages = [
        SitemapPage("a.md", SITE + "a/", "ko", "ko"),
        SitemapPage("a.md", SITE + "en/a/", "en", "en"),
        SitemapPage("b.md", SITE + "b/", "ko", "ko"),
        SitemapPage("b.md", SITE + "en/b/", "ko", "en"),  # Korean text under /en/
    ]
    root = ElementTree.fromstring(site_i18n.sitemap_xml(pages, "ko"))
    locs = [loc.text for loc in root.iter(f"{{{SITEMAP_NS}}}loc")]
    assert locs == [SITE + "a/", SITE + "b/", SITE + "en/a/"]
    links = root.findall(f"{{{SITEMAP_NS}}}url/{{http://www.w3.org/1999/xhtml}}link")
    assert [link.get("hreflang") for link in links] == [
        "en",
        "ko",
        "x-default",
        "ko",
        "x-default",
        "en",
        "ko",
        "x-default",
    ]


def test_gzip_of_the_same_bytes_is_the_same_bytes() -> None:
    data = site_i18n.sitemap_xml([SitemapPage("a.md", SITE, "ko", "ko")], "ko")
    assert (
        site_i18n.gzip_bytes(data) == site_i18n.gzip_bytes(data) and gzip.decompress(site_i18n.gzip_bytes(data)) == data
    )


def test_interface_text_of_an_unknown_language_is_english() -> None:
    assert labels.ui_text("fr") == labels.ui_text("en") != labels.ui_text("ko")


def test_the_serve_error_page_escapes_what_the_file_said() -> None:
    """The problem may quote the file; it reaches the page as text, never as markup."""
    from newsroom.site.catalogue import ReleaseError
    from newsroom.site.views import unreadable_page

    error = ReleaseError("ko/news/2025/x.md", 4, "title holds <script>alert(1)</script> and `ticks`")
    for lang, title in (("ko", "이 페이지를 표시할 수 없습니다"), ("en", "This page cannot be shown")):
        page = unreadable_page(error, lang)
        assert f"# {title}" in page and "<code>ko/news/2025/x.md:4</code>" in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
        assert page.startswith("---\nsearch:\n  exclude: true\n---\n")

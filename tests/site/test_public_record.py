"""A release is a public record: corrected in the open, withdrawn with a notice at its address, moved with a
redirect, labelled with its kind, and never hidden from a reader because of its language.

Built once (tests/site/record_site.py, the ``record_site`` fixture); every expected value is written here by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import html

from tests.site.record_site import EDITOR_PHOTO_ALT, SITE_URL, RecordSite

CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"


def page(site: RecordSite, path: str) -> html.HtmlElement:
    file = site.out / path / "index.html"
    assert file.is_file(), f"{path} was not built"
    return html.fromstring(file.read_bytes())


def by_class(tree: html.HtmlElement, name: str) -> list[html.HtmlElement]:
    return tree.xpath(f".//*[{CLASS.format(name)}]")  # type: ignore[no-any-return]


def listed_slugs(tree: html.HtmlElement) -> list[str]:
    """Slugs of the releases a listing page lists (its own-language items, not the other-language section)."""
    return [a.get("href").rstrip("/").rsplit("/", 1)[-1] for a in tree.xpath(f".//li[{CLASS.format('nr-item')}]//h2/a")]


def item(tree: html.HtmlElement, slug: str) -> html.HtmlElement:
    found = [
        li
        for li in tree.xpath(f".//li[{CLASS.format('nr-item')}]")
        if li.xpath(".//h2/a/@href")[0].rstrip("/").rsplit("/", 1)[-1] == slug
    ]
    assert len(found) == 1, f"{slug} is listed {len(found)} times"
    return found[0]


def json_ld(tree: html.HtmlElement) -> dict[str, object]:
    return json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)  # type: ignore[no-any-return]


def feeds(site: RecordSite, folder: str) -> list[feedparser.FeedParserDict]:
    parsed = [feedparser.parse((site.out / folder / name).read_bytes()) for name in ("atom.xml", "rss.xml")]
    for feed in parsed:
        assert not feed.bozo, feed.get("bozo_exception")
    return parsed


def entry(feed: feedparser.FeedParserDict, path: str) -> feedparser.FeedParserDict:
    found = [e for e in feed.entries if e.link == SITE_URL + path]
    assert len(found) == 1, f"{path} is in the feed {len(found)} times"
    return found[0]


# -- 1. corrections --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("root", "updated", "when", "note", "mark"),
    [
        ("", "최종 수정", "2026. 3. 11.(수) 09:30", "교통 수치를 바로잡았습니다.", "정정"),
        ("en/", "Last updated", "11 March 2026, 09:30 KST", "Traffic figures corrected.", "Updated"),
    ],
)
def test_a_corrected_release_says_so_on_its_page_in_listings_json_ld_and_every_feed_holding_it(
    record_site: RecordSite, root: str, updated: str, when: str, note: str, mark: str
) -> None:
    path = f"{root}news/2026/record-corrected/"
    tree = page(record_site, path)
    facts = by_class(tree, "nr-release__facts")[0].text_content()
    assert updated in facts and when in facts
    assert note in by_class(tree, "nr-release__changes")[0].text_content()
    assert json_ld(tree)["dateModified"] == "2026-03-11T09:30:00+09:00"
    for listing in (f"{root}news/", f"{root}news/2026/", f"{root}news/topics/transport/"):
        marked = by_class(item(page(record_site, listing), "record-corrected"), "nr-item__updated")
        assert marked and marked[0].text_content().startswith(mark), listing
    # An uncorrected release carries no mark.
    assert not by_class(item(page(record_site, f"{root}news/"), "record-listed"), "nr-item__updated")
    for folder in (f"{root}news", f"{root}news/topics/transport"):
        atom, rss = feeds(record_site, folder)
        atom_entry, rss_entry = entry(atom, path), entry(rss, path)
        # Atom: a new <updated>; RSS (which has none): a new item, with a new guid dated at the correction.
        assert atom_entry.updated == "2026-03-11T09:30:00+09:00"
        assert atom_entry.published != atom_entry.updated
        assert rss_entry.id != SITE_URL + path
        assert rss_entry.published_parsed[:5] == (2026, 3, 11, 0, 30)  # 09:30 KST in UTC
        assert note in rss_entry.summary and note in atom_entry.summary


# -- 2. withdrawal ---------------------------------------------------------------------------------------------

WITHDRAWN_BANNERS = {
    "": "이 보도자료는 2026. 3. 2.(월)에 철회되었습니다: 시험용 보도자료의 수치가 사실과 달라 철회합니다.",
    "en/": "This release was withdrawn on 2 March 2026: The figures in this test release were wrong.",
}


@pytest.mark.parametrize("root", ["", "en/"])
def test_a_withdrawn_release_keeps_its_address_with_a_banner_and_leaves_listings_topics_and_search(
    record_site: RecordSite, root: str
) -> None:
    tree = page(record_site, f"{root}news/2026/record-withdrawn/")
    banner = by_class(tree, "nr-withdrawn")
    assert [b.text_content().strip() for b in banner] == [WITHDRAWN_BANNERS[root]]
    assert tree.xpath("//h1")[0].text_content() in ("철회된 시험 보도자료", "Withdrawn test release")
    assert json_ld(tree)["creativeWorkStatus"] == "Withdrawn"
    for listing in (f"{root}news/", f"{root}news/topics/safety/", f"{root}news/kinds/release/"):
        slugs = listed_slugs(page(record_site, listing))
        assert "record-withdrawn" not in slugs, listing
        assert "record-listed" in slugs, listing  # the same topic and kind, not withdrawn
    archive = item(page(record_site, f"{root}news/2026/"), "record-withdrawn")
    assert by_class(archive, "nr-item__withdrawn")[0].text_content() == ("철회" if not root else "Withdrawn")
    search = record_site.out / root / "search"
    indexed = " ".join(file.read_text(encoding="utf-8") for file in (search / "d").glob("*.json"))
    assert "record-listed" in indexed
    assert "record-withdrawn" not in indexed
    # The home page's latest releases leave it out too.
    home = html.tostring(page(record_site, root.rstrip("/"))).decode()
    assert "record-withdrawn" not in home and "record-listed" in home


@pytest.mark.parametrize(("root", "prefix"), [("", "[철회] "), ("en/", "Withdrawn: ")])
def test_a_withdrawn_releases_feed_entry_says_so(record_site: RecordSite, root: str, prefix: str) -> None:
    path = f"{root}news/2026/record-withdrawn/"
    for folder in (f"{root}news", f"{root}news/topics/safety"):
        for feed in feeds(record_site, folder):
            withdrawn = entry(feed, path)
            assert withdrawn.title.startswith(prefix)
            assert withdrawn.summary == WITHDRAWN_BANNERS[root]
        assert entry(feeds(record_site, folder)[0], path).updated == "2026-03-02T10:00:00+09:00"


# -- 3. moved pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("root", ["", "en/"])
def test_the_old_address_of_a_moved_release_redirects_without_javascript(record_site: RecordSite, root: str) -> None:
    old = f"{root}news/2025/record-moved-old/"
    new = f"{root}news/2026/record-moved-new/"
    tree = page(record_site, old)
    assert tree.xpath("//link[@rel='canonical']/@href") == [SITE_URL + new]
    refresh = tree.xpath("//meta[@http-equiv='refresh']/@content")
    assert refresh == ["0; url=../../2026/record-moved-new/"]
    target = (record_site.out / old / "../../2026/record-moved-new/index.html").resolve()
    assert target == (record_site.out / new / "index.html").resolve() and target.is_file()
    assert not tree.xpath("//script")
    assert tree.xpath("/html/@lang") == [root.rstrip("/") or "ko"]
    assert tree.xpath("//a/@href") == ["../../2026/record-moved-new/"]
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert len(policy) == 1 and "default-src 'self'" in policy[0]  # every page carries the site's policy


# -- 5. kinds --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("root", "label", "listing_title"),
    [("", "보도설명자료/해명자료", "종류: 보도설명자료/해명자료"), ("en/", "Clarification", "Kind: Clarification")],
)
def test_the_kind_is_labelled_on_the_page_in_listings_and_feeds_and_has_its_own_listing(
    record_site: RecordSite, root: str, label: str, listing_title: str
) -> None:
    path = f"{root}news/2026/record-corrected/"
    assert by_class(page(record_site, path), "nr-kind")[0].text_content().strip() == label
    assert by_class(item(page(record_site, f"{root}news/"), "record-corrected"), "nr-item__kind")[0].text == label
    for feed in feeds(record_site, f"{root}news"):
        kinds = [tag for tag in entry(feed, path).tags if tag.scheme == f"{SITE_URL}{root}news/kinds/"]
        assert [tag.get("label") or tag.term for tag in kinds] == [label]
    own = page(record_site, f"{root}news/kinds/explanation/")
    assert own.xpath("//h1")[0].text_content().strip().rstrip("¶") == listing_title
    assert listed_slugs(own) == ["record-corrected"]
    assert listed_slugs(page(record_site, f"{root}news/kinds/reference/")) == ["record-moved-new"]


# -- 6. English readers see everything -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "listing", ["en/news/", "en/news/2026/", "en/news/topics/safety/", "en/news/kinds/correction/"]
)
def test_english_listings_count_and_link_the_releases_published_only_in_korean(
    record_site: RecordSite, listing: str
) -> None:
    section = by_class(page(record_site, listing), "nr-other-only")
    assert len(section) == 1, listing
    assert section[0].xpath(".//p")[0].text_content().endswith(": 1")
    links = section[0].xpath(".//a")
    assert [a.text_content() for a in links] == ["한국어로만 낸 정정 보도자료"]
    assert links[0].get("hreflang") == "ko"
    resolved = (record_site.out / listing / links[0].get("href") / "index.html").resolve()
    assert resolved == (record_site.out / "news/2026/record-korean-only/index.html").resolve()


def test_listings_of_a_period_without_korean_only_releases_say_nothing(record_site: RecordSite) -> None:
    assert not by_class(page(record_site, "en/news/2025/"), "nr-other-only")
    assert not by_class(page(record_site, "en/news/topics/transport/"), "nr-other-only")


def test_the_citys_english_release_says_it_is_a_machine_translation(built_site: Path) -> None:
    slug = "news/2025/mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai/"
    tree = html.fromstring((built_site / "en" / slug / "index.html").read_bytes())
    notice = by_class(tree, "nr-release__translation")
    assert len(notice) == 1
    assert notice[0].text_content().startswith("Machine translation of the Korean original, which prevails.")
    link = notice[0].xpath(".//a")[0]
    assert link.get("hreflang") == "ko"
    assert (built_site / "en" / slug / link.get("href") / "index.html").resolve() == (
        built_site / slug / "index.html"
    ).resolve()
    data = json_ld(tree)
    assert data["inLanguage"] == "en"
    assert data["translationOfWork"]["url"].endswith("/" + slug)  # type: ignore[index]
    assert not data["translationOfWork"]["url"].endswith("/en/" + slug)  # type: ignore[index]
    # The Korean original says nothing of the kind.
    korean = html.fromstring((built_site / slug / "index.html").read_bytes())
    assert not by_class(korean, "nr-release__translation")


def test_a_human_translation_says_so(record_site: RecordSite) -> None:
    tree = page(record_site, "en/news/2026/record-listed/")
    notice = by_class(tree, "nr-release__translation")[0].text_content()
    assert notice.startswith("Translated from the Korean original.")
    assert "Machine" not in notice


def test_the_new_markup_is_valid_html(record_site: RecordSite) -> None:
    from tests.site.test_html_valid import problems, validate

    paths = [
        "news/2026/record-withdrawn/",
        "en/news/2026/record-corrected/",
        "en/news/",
        "en/news/2026/",
        "news/kinds/correction/",
        "news/2025/record-moved-old/",
    ]
    files = [record_site.out / path / "index.html" for path in paths]
    assert problems(validate(files), record_site.out) == []


def test_a_photo_linked_from_the_site_root_works_below_the_sites_path(record_site: RecordSite) -> None:
    """The web editor links uploads as /assets/images/news/…; the site lives at /city/, so the built page
    must link the photo relative to itself (MkDocs' absolute_links: relative_to_docs), not to the host's root."""
    page_dir = record_site.out / "news" / "2026" / "record-listed"
    tree = html.fromstring((page_dir / "index.html").read_bytes())
    (src,) = [img.get("src") for img in tree.iter("img") if img.get("alt") == EDITOR_PHOTO_ALT]
    assert not src.startswith("/") and (page_dir / src).resolve().is_file(), src

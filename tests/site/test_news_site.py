"""The news section on a real build: a copy of the project's site plus a generated archive of a few hundred releases.

One build per session (``mkdocs build --strict``, NEWSROOM_NOW fixed so the embargo is deterministic). The
expected values come from the generator's own metadata and from hand-written expectations here, never from
the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from lxml import html
from newsroom.model.pages import join, read_page_file
from newsroom.model.release import KST, Change, Contact, ContactRole, ReleaseMeta, Translation

from tests.conftest import mkdocs_build, serve
from tests.sites import site_project

NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=KST)
SITE_URL = "https://news.example.test/city/"
PER_LANG = 180
KO_ONLY = 4
EN_ONLY = 3
EMBARGOED = 2
KO_WEEKDAYS = "월화수목금토일"
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


_SIMPLE = re.compile(r"^(?P<tag>[a-z0-9]+)?(?P<classes>(?:\.[\w-]+)*)(?P<attrs>(?:\[[^\]]+\])*)$")


# Quotes and an ampersand: front-matter text must stay intact inside HTML attributes.
EN_SUMMARY = 'A test summary: the mayor said "thank you" & left.'


def _xpath(css: str) -> str:
    """The few CSS selectors these tests use (tag, .class, [attr], [attr="value"], descendant) as XPath."""
    steps = []
    for part in css.split():
        match = _SIMPLE.match(part)
        assert match, f"unsupported selector {part!r}"
        step = match["tag"] or "*"
        for name in filter(None, match["classes"].split(".")):
            step += f"[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        for attr in re.findall(r"\[([^\]]+)\]", match["attrs"]):
            name, _, value = attr.partition("=")
            step += f"[@{name}={value}]" if value else f"[@{name}]"
        steps.append(step)
    return ".//" + "//".join(steps)


def q(tree: html.HtmlElement, css: str) -> list[html.HtmlElement]:
    return tree.xpath(_xpath(css))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Site:
    out: Path
    docs: Path
    metas: list[ReleaseMeta]
    log: str

    def published(self, lang: str) -> list[ReleaseMeta]:
        """Expected order: newest date first, then later distribution, then slug."""
        embargoed = {m.translation_key for m in self.metas if m.embargo_until and m.embargo_until > NOW}
        chosen = [m for m in self.metas if m.lang == lang and m.translation_key not in embargoed]

        def moment(meta: ReleaseMeta) -> float:
            at = meta.distributed_at or dt.datetime.combine(meta.date, dt.time(0), tzinfo=KST)
            return at.timestamp()

        return sorted(chosen, key=lambda m: (-m.date.toordinal(), -moment(m), m.slug))

    def page(self, path: str) -> html.HtmlElement:
        file = self.out / path / "index.html" if not path.endswith(".html") else self.out / path
        assert file.is_file(), f"{path} was not built"
        return html.fromstring(file.read_bytes())


def _hand_release(docs: Path, meta: ReleaseMeta, body: str) -> ReleaseMeta:
    path = docs / meta.lang / "news" / str(meta.date.year) / f"{meta.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(join(meta.to_front_matter(), body), encoding="utf-8")
    return meta


def _hand_releases(docs: Path) -> list[ReleaseMeta]:
    """Releases with the fields the generator leaves empty: contacts with phones, a lifted embargo, changes."""
    date = NOW.date()
    common = {
        "date": date,
        "distributed_at": dt.datetime.combine(date, dt.time(10, 30), tzinfo=KST),
        "embargo_until": dt.datetime.combine(date, dt.time(11, 0), tzinfo=KST),
        "slug": "test-release-with-contacts",
        "translation_key": "test-release-with-contacts",
        "languages": ["ko", "en"],
        "topics": ["ai", "cloud"],
    }
    changed = dt.datetime.combine(date, dt.time(11, 45), tzinfo=KST)
    ko = ReleaseMeta(
        title="시험용 보도자료 & 연락처",
        subtitle=["부제 하나", "부제 둘"],
        department="시험과",
        contacts=[
            Contact(role=ContactRole.LEAD, name="홍길동", rank="과장", phone="041-555-0100"),
            Contact(role=ContactRole.OFFICER, name="김철수", rank="주무관", phone="041-555-0101"),
        ],
        summary="시험용 요약입니다.",
        lang="ko",
        translation=Translation.ORIGINAL,
        changes=[Change(at=changed, note="연락처를 고쳤습니다.")],
        **common,
    )
    en = ReleaseMeta(
        title="Test release & contacts",
        subtitle=["First subtitle"],
        department="Test Division",
        contacts=[Contact(role=ContactRole.LEAD, name="Gildong Hong", rank="Director", phone="041-555-0100")],
        summary=EN_SUMMARY,
        lang="en",
        translation=Translation.FULL,
        changes=[Change(at=changed, note="Contacts corrected.")],
        **common,
    )
    return [
        _hand_release(docs, ko, "첫 문단입니다.\n\n둘째 문단입니다."),
        _hand_release(docs, en, "First paragraph.\n\nSecond paragraph."),
    ]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    # Not pytest's tmp_path: concurrent pytest sessions prune each other's numbered temp folders.
    with tempfile.TemporaryDirectory(prefix="newsroom-news-") as temp:
        yield _build_site(Path(temp))


def _build_site(root: Path) -> Site:
    config = site_project(
        root / "src",
        PER_LANG,
        seed=4,
        ko_only=KO_ONLY,
        en_only=EN_ONLY,
        embargoed=EMBARGOED,
        now=NOW,
    )
    docs = root / "src" / "docs"
    metas = [
        ReleaseMeta.from_front_matter(read_page_file(path).meta)
        for lang in ("ko", "en")
        for path in sorted((docs / lang / "news").glob("*/*.md"))
    ]
    metas += _hand_releases(docs)
    out = root / "site"
    result = mkdocs_build(config, out, {"NEWSROOM_NOW": NOW.isoformat(), "SITE_URL": SITE_URL})
    return Site(out, docs, metas, result.stdout + result.stderr)


def _site_path(page_path: str, href: str) -> str:
    """A link on the page at ``page_path`` as a path from the site root ('' for the home page)."""
    return urlsplit(urljoin("https://h/" + page_path, href)).path.removeprefix("/")


@dataclass(frozen=True)
class Item:
    path: str
    title: str
    date: str
    summary: str
    department: str | None


def _text(elements: list[html.HtmlElement]) -> str:
    return elements[0].text_content().strip() if elements else ""


def _items(site: Site, path: str) -> list[Item]:
    tree = site.page(path)
    items = []
    for li in q(tree, ".nr-listing li.nr-item"):
        link = q(li, "h2 a")[0]
        items.append(
            Item(
                path=_site_path(path, link.get("href")),
                title=link.text_content().strip(),
                date=q(li, "time")[0].get("datetime"),
                summary=_text(q(li, ".nr-item__summary")),
                department=_text(q(li, ".nr-item__department")) or None,
            )
        )
    return items


@dataclass(frozen=True)
class Walk:
    """A listing as a reader reaches it through its row of page links (plain <a href>, no script)."""

    landing: list[Item]
    numbered: dict[int, list[Item]]  # page number -> what it lists

    @property
    def items(self) -> list[Item]:
        return self.landing + [item for number in sorted(self.numbered) for item in self.numbered[number]]


def _walk_listing(site: Site, landing: str) -> Walk:
    """Every page reachable from a listing's landing page by its pagination links, and what each lists."""
    seen: list[str] = []
    queue = [landing]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        for a in q(site.page(path), "nav.nr-pagination a"):
            target = _site_path(path, a.get("href"))
            assert target == landing or re.fullmatch(re.escape(landing) + r"page/\d+/", target), target
            if target not in seen and target not in queue:
                queue.append(target)
    numbered = {int(path.rsplit("/", 2)[1]): _items(site, path) for path in seen if path != landing}
    return Walk(_items(site, landing), numbered)


def _assert_stable_pages(site: Site, landing: str, expected: list[ReleaseMeta]) -> Walk:
    """The rule, from the built pages: the landing page lists the newest 20; page k lists the k-th full block of
    20 counted from the oldest, newest first; every release is listed on a numbered page or the landing page."""
    walk = _walk_listing(site, landing)
    paths = [_release_path(m) for m in expected]  # newest first
    oldest_first = paths[::-1]
    assert [i.path for i in walk.landing] == paths[:20]
    assert sorted(walk.numbered) == list(range(1, len(paths) // 20 + 1))
    for number, items in walk.numbered.items():
        assert [i.path for i in items] == oldest_first[(number - 1) * 20 : number * 20][::-1], number
    listed = {i.path for items in walk.numbered.values() for i in items} | {i.path for i in walk.landing}
    assert listed == set(paths)
    return walk


def _root(lang: str) -> str:
    return "" if lang == "ko" else "en/"


def _release_path(meta: ReleaseMeta) -> str:
    return f"{_root(meta.lang)}news/{meta.date.year}/{meta.slug}/"


def test_build_is_strict_clean(site: Site) -> None:
    assert "WARNING" not in site.log
    # More than a few hundred releases went in.
    assert len(site.metas) >= 2 * PER_LANG


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_listing_pages_are_stable_blocks_from_the_oldest_and_list_every_published_release(
    site: Site, lang: str
) -> None:
    expected = site.published(lang)
    assert len(expected) > 8 * 20
    walk = _assert_stable_pages(site, f"{_root(lang)}news/", expected)
    items = walk.landing + [item for number in sorted(walk.numbered, reverse=True) for item in walk.numbered[number]]
    by_path = {_release_path(m): m for m in expected}
    for item in items:
        meta = by_path[item.path]
        assert (item.title, item.date, item.summary, item.department) == (
            meta.title,
            meta.date.isoformat(),
            meta.summary,
            meta.department,
        )


def _row(tree: html.HtmlElement) -> list[str]:
    return [li.text_content().strip() for li in q(tree, "nav.nr-pagination li")]


def test_page_links_show_latest_a_window_and_the_oldest_newest_first(site: Site) -> None:
    full = len(site.published("ko")) // 20
    assert full >= 8
    tree = site.page("news/page/3/")
    assert [a.text_content().strip() for a in q(tree, 'nav.nr-pagination a[aria-current="page"]')] == ["3"]
    # Newer, latest, …, 5 4 [3] 2 1, older: the highest number is not shown, so opening a page far above
    # leaves this row as it is.
    assert _row(tree) == ["더 최근 보도자료", "최신", "…", "5", "4", "3", "2", "1", "더 지난 보도자료"]
    assert _site_path("news/page/3/", q(tree, 'nav.nr-pagination a[rel="prev"]')[0].get("href")) == "news/page/4/"
    assert _site_path("news/page/3/", q(tree, 'nav.nr-pagination a[rel="next"]')[0].get("href")) == "news/page/2/"
    latest = tree.xpath('.//nav[@class="nr-pagination"]//a[@aria-label="최신 보도자료"]')
    assert _site_path("news/page/3/", latest[0].get("href")) == "news/"
    landing = site.page("news/")
    assert _row(landing) == ["최신", str(full), str(full - 1), "…", "1", "더 지난 보도자료"]
    assert q(landing, 'nav.nr-pagination a[aria-current="page"]')[0].text_content().strip() == "최신"
    # The newest numbered page leads back to the landing page; page 1 has nothing older.
    newest = site.page(f"news/page/{full}/")
    assert _site_path(f"news/page/{full}/", q(newest, 'nav.nr-pagination a[rel="prev"]')[0].get("href")) == "news/"
    assert not q(site.page("news/page/1/"), 'nav.nr-pagination a[rel="next"]')
    assert not (site.out / "news" / "page" / str(full + 1)).exists()  # the partial block is on the landing page


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_numbered_page_says_which_releases_it_holds_and_shows_no_counts(site: Site, lang: str) -> None:
    tree = site.page(f"{_root(lang)}news/page/2/")
    block = site.published(lang)[::-1][20:40]
    first = {"ko": f"{block[0].date.year}. {block[0].date.month}. {block[0].date.day}.", "en": str(block[0].date.year)}
    text = q(tree, ".nr-listing__range")[0].text_content()
    assert first[lang] in text and ("2페이지" in text if lang == "ko" else "Page 2" in text)
    # Counts change with every release: only landing pages show them.
    assert not q(tree, ".nr-listing__more .nr-count")
    assert q(site.page(f"{_root(lang)}news/"), ".nr-listing__more .nr-count")
    assert not q(site.page(f"{_root(lang)}news/"), ".nr-listing__range")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_year_archives_hold_exactly_that_years_releases(site: Site, lang: str) -> None:
    expected = site.published(lang)
    years = sorted({m.date.year for m in expected})
    assert len(years) >= 5
    for year in years:
        _assert_stable_pages(site, f"{_root(lang)}news/{year}/", [m for m in expected if m.date.year == year])


@pytest.mark.parametrize(
    ("lang", "topic", "name"),
    [
        ("ko", "ai", "인공지능"),
        ("en", "ai", "Artificial intelligence"),
        ("ko", "welfare", "복지"),
        ("en", "cloud", "Cloud"),
    ],
)
def test_topic_pages_have_localised_names_and_the_topics_releases(site: Site, lang: str, topic: str, name: str) -> None:
    path = f"{_root(lang)}news/topics/{topic}/"
    heading = q(site.page(path), "h1")[0].text_content()
    assert name in heading
    expected = [m for m in site.published(lang) if topic in m.topics]
    assert expected
    _assert_stable_pages(site, path, expected)
    index = site.page(f"{_root(lang)}news/topics/")
    assert name in [a.text_content().strip() for a in q(index, ".nr-topic-index a")]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_feeds_match_the_listing(site: Site, lang: str) -> None:
    listing = _items(site, f"{_root(lang)}news/")
    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((site.out / _root(lang) / "news" / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.feed.language == lang
        links = [entry.link for entry in feed.entries]
        assert links == [SITE_URL + item.path for item in listing]
        assert [entry.title for entry in feed.entries] == [item.title for item in listing]
    rss = (site.out / _root(lang) / "news" / "rss.xml").read_text(encoding="utf-8")
    assert f"<language>{lang}</language>" in rss
    atom = (site.out / _root(lang) / "news" / "atom.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{lang}"' in atom


@pytest.mark.parametrize(("lang", "topic"), [("ko", "economy"), ("en", "transport")])
def test_topic_feeds_match_the_topic_listing(site: Site, lang: str, topic: str) -> None:
    listing = _items(site, f"{_root(lang)}news/topics/{topic}/")
    feed = feedparser.parse((site.out / _root(lang) / "news" / "topics" / topic / "atom.xml").read_bytes())
    assert feed.feed.language == lang
    assert [entry.link for entry in feed.entries] == [SITE_URL + item.path for item in listing]


@pytest.mark.parametrize(
    ("path", "feed"),
    [
        ("", "news/atom.xml"),
        ("about/", "news/atom.xml"),
        ("news/page/2/", "news/atom.xml"),
        ("en/", "en/news/atom.xml"),
        ("en/policy/", "en/news/atom.xml"),
        ("en/news/2024/", "en/news/atom.xml"),
    ],
)
def test_every_page_links_its_own_languages_feed(site: Site, path: str, feed: str) -> None:
    tree = site.page(path)
    atom = q(tree, 'head link[rel="alternate"][type="application/atom+xml"]')
    rss = q(tree, 'head link[rel="alternate"][type="application/rss+xml"]')
    assert _site_path(path, atom[0].get("href")) == feed
    assert _site_path(path, rss[0].get("href")) == feed.replace("atom", "rss")


def test_release_pages_link_their_feed_too(site: Site) -> None:
    meta = site.published("en")[7]
    path = _release_path(meta)
    atom = q(site.page(path), 'head link[rel="alternate"][type="application/atom+xml"]')
    assert _site_path(path, atom[0].get("href")) == "en/news/atom.xml"


def test_dates_follow_each_languages_convention(site: Site) -> None:
    for meta in site.published("ko")[:30]:
        time = q(site.page(_release_path(meta)), ".nr-release__facts time")[0]
        d = meta.date
        assert time.get("datetime") == d.isoformat()
        assert time.text_content() == f"{d.year}. {d.month}. {d.day}.({KO_WEEKDAYS[d.weekday()]})"
    for meta in site.published("en")[:30]:
        time = q(site.page(_release_path(meta)), ".nr-release__facts time")[0]
        d = meta.date
        assert time.text_content() == f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def test_korean_date_example_from_the_issue(site: Site) -> None:
    # 2025-02-03 was a Monday: `2025. 2. 3.(월)`; pick any Korean listing item on a Monday to check the pattern.
    from newsroom.site.formats import format_date

    assert format_date(dt.date(2025, 2, 3), "ko") == "2025. 2. 3.(월)"
    assert format_date(dt.date(2025, 2, 3), "en") == "3 February 2025"


def test_release_page_shows_everything(site: Site) -> None:
    ko = site.page("news/2026/test-release-with-contacts/")
    en = site.page("en/news/2026/test-release-with-contacts/")
    assert q(ko, "h1")[0].text_content() == "시험용 보도자료 & 연락처"
    assert [p.text_content() for p in q(ko, ".nr-release__subtitle")] == ["부제 하나", "부제 둘"]
    assert "시험과" in q(ko, ".nr-release__facts")[0].text_content()
    # Contacts: national format in Korean, +82 in English, tel: links.
    ko_phones = [a.text_content() for a in q(ko, ".nr-contact__phone")]
    assert ko_phones == ["041-555-0100", "041-555-0101"]
    en_phone = q(en, ".nr-contact__phone")[0]
    assert en_phone.text_content() == "+82 41-555-0100"
    assert en_phone.get("href") == "tel:+82-41-555-0100"
    assert "Gildong Hong" in q(en, ".nr-release__contacts")[0].text_content()
    # Embargo line, last updated and change notes.
    assert "2026. 6. 30.(화) 11:00" in q(ko, ".nr-release__embargo")[0].text_content()
    assert "30 June 2026, 11:00 KST" in q(en, ".nr-release__embargo")[0].text_content()
    assert "연락처를 고쳤습니다." in q(ko, ".nr-release__changes")[0].text_content()
    facts = q(en, ".nr-release__facts")[0].text_content()
    assert "Last updated" in facts and "30 June 2026, 11:45 KST" in facts
    # KOGL mark and its attribution sentence.
    assert q(ko, 'a.nr-kogl[rel="license"]')[0].text_content() == "공공누리 제1유형(출처표시)"
    attribution = q(ko, ".nr-release__attribution")[0].text_content()
    assert "천안시" in attribution and "「시험용 보도자료 & 연락처」" in attribution
    assert "Korea Open Government License" in q(en, ".nr-release__attribution")[0].text_content()
    # Link to the other language.
    link = q(ko, ".nr-release__language a")[0]
    assert _site_path("news/2026/test-release-with-contacts/", link.get("href")) == (
        "en/news/2026/test-release-with-contacts/"
    )
    assert link.get("hreflang") == "en"


def test_quotes_and_ampersands_in_a_summary_survive_in_head_attributes(site: Site) -> None:
    tree = site.page("en/news/2026/test-release-with-contacts/")
    assert q(tree, 'head meta[name="description"]')[0].get("content") == EN_SUMMARY
    og = {m.get("property"): m.get("content") for m in q(tree, "head meta[property]")}
    assert og["og:description"] == EN_SUMMARY


def test_release_page_head_has_json_ld_open_graph_and_description(site: Site) -> None:
    for meta in [site.published("ko")[3], site.published("en")[3]]:
        path = _release_path(meta)
        tree = site.page(path)
        scripts = q(tree, 'head script[type="application/ld+json"]')
        data = json.loads(scripts[0].text)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == meta.title
        assert data["inLanguage"] == meta.lang
        assert data["url"] == SITE_URL + path
        assert data["datePublished"].startswith(meta.date.isoformat())
        og = {m.get("property"): m.get("content") for m in q(tree, "head meta[property]")}
        assert og["og:type"] == "article"
        assert og["og:title"] == meta.title
        assert og["og:url"] == SITE_URL + path
        assert og["og:description"] == meta.summary
        assert q(tree, 'head meta[name="description"]')[0].get("content") == meta.summary


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_previous_and_next_follow_the_listing_order(site: Site, lang: str) -> None:
    expected = site.published(lang)
    for position in (0, 1, 25, len(expected) - 1):
        meta = expected[position]
        path = _release_path(meta)
        tree = site.page(path)
        previous = q(tree, '.nr-release__neighbours a[rel="prev"]')
        following = q(tree, '.nr-release__neighbours a[rel="next"]')
        if position + 1 < len(expected):
            assert _site_path(path, previous[0].get("href")) == _release_path(expected[position + 1])
        else:
            assert not previous
        if position > 0:
            assert _site_path(path, following[0].get("href")) == _release_path(expected[position - 1])
        else:
            assert not following


def test_embargoed_releases_are_absent_everywhere(site: Site) -> None:
    embargoed = [m for m in site.metas if m.embargo_until and m.embargo_until > NOW]
    assert len(embargoed) == 2 * EMBARGOED
    slugs = {m.slug for m in embargoed}
    for meta in embargoed:
        assert not (site.out / _release_path(meta)).exists()
    # Not in any listing, feed, sitemap or search file: no built file mentions them.
    for file in site.out.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".xml", ".json", ".js", ".txt"}:
            text = file.read_text(encoding="utf-8", errors="replace")
            for slug in slugs:
                assert slug not in text, f"{file.relative_to(site.out)} mentions embargoed {slug}"
    gz = site.out / "sitemap.xml.gz"
    if gz.exists():
        import gzip

        sitemap = gzip.decompress(gz.read_bytes()).decode()
        assert not any(slug in sitemap for slug in slugs)


def test_korean_only_release_says_so_in_both_languages(site: Site) -> None:
    ko_only = [m for m in site.published("ko") if m.languages == ["ko"]]
    assert len(ko_only) == KO_ONLY
    meta = ko_only[0]
    ko = site.page(_release_path(meta))
    notice = q(ko, ".nr-release__language--missing")[0].text_content()
    assert "영어로 제공되지 않습니다" in notice and "not available in English" in notice
    # static-i18n builds the Korean text under /en/ (fallback): it says so, links the original, and is not listed.
    fallback_path = "en/" + _release_path(meta)
    fallback = site.page(fallback_path)
    note = q(fallback, ".nr-notice")[0]
    assert "not available in English" in note.text_content()
    assert _site_path(fallback_path, q(note, "a")[0].get("href")) == _release_path(meta)
    assert q(fallback, ".nr-release__body")[0].get("lang") == "ko"
    assert q(fallback, 'head meta[name="robots"]')[0].get("content") == "noindex"
    en_items = _walk_listing(site, "en/news/").items
    en_feed = feedparser.parse((site.out / "en" / "news" / "atom.xml").read_bytes())
    for m in ko_only:
        assert all(m.slug not in item.path for item in en_items)
        assert all(m.slug not in entry.link for entry in en_feed.entries)


def test_english_only_release_says_so_and_stays_out_of_korean_listings(site: Site) -> None:
    en_only = [m for m in site.published("en") if m.languages == ["en"]]
    assert len(en_only) == EN_ONLY
    meta = en_only[0]
    en = site.page(_release_path(meta))
    notice = q(en, ".nr-release__language--missing")[0].text_content()
    assert "not available in Korean" in notice and "한국어로 제공되지 않습니다" in notice
    # No fallback from English to Korean: no Korean page, no Korean listing entry.
    assert not (site.out / "news" / str(meta.date.year) / meta.slug).exists()
    ko_items = _walk_listing(site, "news/").items
    assert all(m.slug not in item.path for m in en_only for item in ko_items)


def test_releases_are_not_in_the_sidebar_navigation(site: Site) -> None:
    meta = site.published("ko")[10]
    path = _release_path(meta)
    tree = site.page(path)
    nav_links = [_site_path(path, a.get("href")) for a in q(tree, "nav.md-nav--primary a[href]")]
    assert nav_links, "the page has a sidebar navigation"
    assert not [link for link in nav_links if re.match(r"(en/)?news/\d{4}/[^/]+/$", link)]
    # The page stays small: no N² navigation (a few hundred releases would add hundreds of kilobytes).
    assert (site.out / path / "index.html").stat().st_size < 80_000


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_home_page_shows_the_latest_five(site: Site, lang: str) -> None:
    tree = site.page(_root(lang) or "index.html")
    links = q(tree, ".nr-latest a")
    expected = site.published(lang)[:5]
    assert [a.text_content().strip() for a in links] == [m.title for m in expected]
    assert [_site_path(_root(lang), a.get("href")) for a in links] == [_release_path(m) for m in expected]
    assert "<!-- newsroom:latest -->" not in (site.out / _root(lang) / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_page_links_work_without_javascript(site: Site, browser: object) -> None:
    expected = [_release_path(m) for m in site.published("en")]
    older = (len(expected) - 20) // 20 + 1  # the page of the 21st newest release
    server = serve(site.out)
    base = next(server)
    try:
        context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base + "en/news/")
        page.locator("nav.nr-pagination").get_by_role("link", name="Older releases", exact=True).click()
        assert page.url == base + f"en/news/page/{older}/"
        assert page.locator('nav.nr-pagination a[aria-current="page"]').inner_text() == str(older)
        page.locator("nav.nr-pagination").get_by_role("link", name="Page 1", exact=True).click()
        assert page.url == base + "en/news/page/1/"
        page.get_by_role("link", name="Newer releases").click()
        assert page.url == base + "en/news/page/2/"
        page.locator("nav.nr-pagination").get_by_role("link", name="Latest releases", exact=True).click()
        assert page.url == base + "en/news/"
        context.close()
    finally:
        server.close()

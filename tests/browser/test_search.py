"""Search in Chromium: each language answers in its own language, Korean forms and English stems are found.

The project's pages do not hold every form the issue's queries need ((천안시), 「천안시」, 천안시의…), so
these tests build, once per session, a temporary copy of the project with a few test-only pages that
do; nothing is added to docs/. Where the city's real release is in docs/, it is searched too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, mkdocs_build, serve
from tests.sites import site_project

pytestmark = pytest.mark.browser

HANGUL = re.compile(r"[\uac00-\ud7a3]")
VECTORS: dict[str, Any] = json.loads((ROOT / "tests" / "search" / "vectors.json").read_text(encoding="utf-8"))

# Test-only pages: (folder, file, title, body). Each Korean page holds one form of 천안시 only.
KO_PAGES = {
    "paren": ("괄호 표기 시험", "이 시험 문서에는 괄호 속 표기 (천안시) 만 있습니다."),
    "corner": ("낫표 표기 시험", "이 시험 문서에는 낫표 속 표기 「천안시」 만 있습니다."),
    "genitive": ("관형격 조사 시험", "클라우드 기술을 활용해 천안시의 디지털 혁신에 기여하겠다."),
    "topic": ("보조사 시험", "천안시는 스마트도시 조성을 추진 중이다."),
    "compound": ("합성어 시험", "거점형스마트도시 조성사업에 참여한 기업."),
    # No English version: static-i18n builds it under /en/ too, with this Korean text.
    "korean-only": ("한국어 전용 시험", "천안시 Park Sang-don clouds cloud 클라우드."),
}
EN_PAGES = {
    "cloud": ("Cloud test page", "Ways to transition public administration to the cloud."),
    "mayor": ("Mayor test page", "Mayor Park Sang-don of Cheonan visited two companies."),
}
KO_TITLES = {title for title, _ in KO_PAGES.values()}
EN_TITLES = {title for title, _ in EN_PAGES.values()}


def _write_page(docs: Path, lang: str, name: str, title: str, body: str) -> None:
    path = docs / lang / "search-test" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="session")
def search_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("search-site")
    config = site_project(base / "project", 0)
    docs = base / "project" / "docs"
    for name, (title, body) in KO_PAGES.items():
        _write_page(docs, "ko", name, title, body)
    for name, (title, body) in EN_PAGES.items():
        _write_page(docs, "en", name, title, body)
    # A Korean-only release with a department, whose matching word comes late in a long text.
    filler = " ".join(["첫 문단은 이 시험과 관계없는 문장입니다."] + ["이어지는 문장은 검색어와 무관합니다."] * 40)
    excerpt_page = docs / "ko" / "news" / "2025" / "excerpt-test.md"
    excerpt_page.parent.mkdir(parents=True, exist_ok=True)
    excerpt_page.write_text(
        "---\ntitle: 발췌 시험\ndate: 2025-01-02\ndepartment: 발췌시험과\nlang: ko\nslug: excerpt-test\n"
        "translation_key: 2025-01-02-excerpt-test\ntranslation: original\nlanguages: [ko]\n---\n\n"
        f"{filler}\n\n끝부분에 늦은문단시험어 가 나옵니다.\n",
        encoding="utf-8",
    )
    out = base / "site"
    mkdocs_build(config, out)
    yield from serve(out)


def _search(browser: Any, url: str, query: str) -> tuple[list[str], Any]:
    """Type the query into the header's search box; return the result titles and the page."""
    page = browser.new_page()
    # The search script is deferred, so it runs before DOMContentLoaded; images and feeds need not load.
    page.goto(url, wait_until="domcontentloaded")
    page.keyboard.press("/")
    search = page.locator("[data-newsroom-search-input]")
    search.fill(query)
    status = page.locator("[data-newsroom-search-status]")
    page.wait_for_function(
        "el => /\\d|없습니다|No matching/.test(el.textContent)", arg=status.element_handle(), timeout=5000
    )
    more = page.locator("[data-newsroom-search-more]")
    while more.is_visible():
        shown = page.locator("[data-newsroom-search-results] li").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('[data-newsroom-search-results] li').length > {shown}")
    search.focus()
    titles = page.locator("[data-newsroom-search-results] li h1").all_inner_texts()
    return titles, page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("천안시", {"괄호 표기 시험", "낫표 표기 시험", "관형격 조사 시험", "보조사 시험"}),
        ("천안시는", {"관형격 조사 시험", "보조사 시험"}),
        ("스마트도시", {"합성어 시험", "보조사 시험"}),
    ],
)
def test_korean_queries_find_every_form_and_nothing_english(
    browser: Any, search_site_url: str, query: str, expected: set[str]
) -> None:
    titles, page = _search(browser, search_site_url, query)
    assert expected <= set(titles), titles
    assert not EN_TITLES & set(titles)
    assert page.locator("[data-newsroom-search-results] mark").first.inner_text() in {query, query.removesuffix("는")}
    page.close()


@pytest.mark.parametrize(("query", "expected"), [("clouds", "Cloud test page"), ("Park Sang-don", "Mayor test page")])
def test_english_queries_find_stems_and_names_and_nothing_korean(
    browser: Any, search_site_url: str, query: str, expected: str
) -> None:
    titles, page = _search(browser, search_site_url + "en/", query)
    assert expected in titles
    assert not [title for title in titles if HANGUL.search(title)], titles
    page.close()


def test_english_page_gets_no_korean_hits(browser: Any, search_site_url: str) -> None:
    # English pages may quote a Korean name; the Korean pages built under /en/ (fallbacks) must not show.
    titles, page = _search(browser, search_site_url + "en/", "천안시")
    assert not [title for title in titles if HANGUL.search(title)], titles
    links = page.locator("[data-newsroom-search-results] a").evaluate_all("links => links.map(a => a.href)")
    assert all(link.startswith(search_site_url + "en/") for link in links), links
    assert not [link for link in links if "/search-test/" in link], links
    page.close()


def test_korean_page_gets_no_english_hits(browser: Any, search_site_url: str) -> None:
    titles, page = _search(browser, search_site_url, "Mayor test page")
    assert not EN_TITLES & set(titles)
    page.close()


def test_keyboard_reaches_a_result_and_opens_it(browser: Any, search_site_url: str) -> None:
    titles, page = _search(browser, search_site_url, "「천안시」")
    search = page.locator("[data-newsroom-search-input]")
    assert search.get_attribute("aria-controls") == page.locator("[data-newsroom-search-results]").get_attribute("id")
    for _ in range(titles.index("낫표 표기 시험") + 1):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").startswith("낫표 표기 시험")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search-test/corner/"))
    page.close()


def test_open_results_pass_axe(browser: Any, search_site_url: str) -> None:
    titles, page = _search(browser, search_site_url, "천안시")
    assert titles
    page.keyboard.press("ArrowDown")
    # Evaluated rather than added as a <script>: the site's Content-Security-Policy refuses scripts it did not hash.
    page.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run(document.querySelector('.md-search'))).violations.map(v => [v.id, v.nodes[0].html])"
    )
    assert violations == []
    page.close()


def test_a_search_loads_only_this_languages_small_files(browser: Any, search_site_url: str) -> None:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(search_site_url + "en/")
    page.keyboard.press("/")
    page.locator("[data-newsroom-search-input]").fill("cloud")
    page.locator("[data-newsroom-search-results] li").first.wait_for()
    index_files = [url for url in fetched if "/search/" in url]
    assert index_files and all(url.startswith(search_site_url + "en/search/") for url in index_files), index_files
    assert not [url for url in fetched if url.endswith("search_index.json")]
    page.close()


def test_without_javascript_the_box_offers_the_news_listing(browser: Any, search_site_url: str) -> None:
    for prefix, listing in (("", "news/"), ("en/", "en/news/")):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(search_site_url + prefix)
        link = page.locator("[data-newsroom-search-status] a")
        href = link.get_attribute("href")
        assert page.evaluate("h => new URL(h, location.href).href", href) == search_site_url + listing
        context.close()


def test_browser_tokenizer_agrees_with_the_shared_vectors(browser: Any, search_site_url: str) -> None:
    page = browser.new_page()
    page.goto(search_site_url)
    got = page.evaluate(
        """vectors => ({
            terms: vectors.query_terms.map(c => window.newsroomSearch.queryTerms(c.query)),
            stems: vectors.stems.map(([word]) => window.newsroomSearch.stemEnglish(word)),
            hashes: vectors.fnv1a.map(([text]) => window.newsroomSearch.fnv1a(text)),
        })""",
        VECTORS,
    )
    assert got["terms"] == [case["terms"] for case in VECTORS["query_terms"]]
    assert got["stems"] == [stem for _, stem in VECTORS["stems"]]
    assert got["hashes"] == [value for _, value in VECTORS["fnv1a"]]
    page.close()


def _real_release_titles(lang: str) -> list[str]:
    titles = []
    for path in sorted((ROOT / "docs" / lang / "news").glob("2025/*.md")):
        match = re.search(r"(?m)^title:\s*['\"]?(.+?)['\"]?\s*$", path.read_text(encoding="utf-8"))
        if match:
            titles.append(match.group(1))
    return titles


@pytest.mark.parametrize(("prefix", "lang", "query"), [("", "ko", "박상돈"), ("en/", "en", "Park Sang-don")])
def test_the_citys_release_is_found_by_the_mayors_name(
    browser: Any, site_url: str, prefix: str, lang: str, query: str
) -> None:
    expected = _real_release_titles(lang)
    if not expected:
        pytest.skip(f"the city's release is not in docs/{lang}/news/2025/ yet")
    titles, page = _search(browser, site_url + prefix, query)
    assert set(expected) & set(titles), titles
    assert page.locator("[data-newsroom-search-results] time").count() >= 1
    page.close()


def test_an_unreachable_index_says_so_and_offers_the_news_listing(browser: Any, search_site_url: str) -> None:
    page = browser.new_page()
    page.route("**/search/t/**", lambda route: route.abort())
    page.goto(search_site_url + "en/", wait_until="domcontentloaded")
    page.keyboard.press("/")
    page.locator("[data-newsroom-search-input]").fill("cloud")
    status = page.locator("[data-newsroom-search-status]")
    status.locator("a").wait_for()
    assert "could not be loaded" in status.inner_text()
    assert page.evaluate("h => new URL(h, location.href).href", status.locator("a").get_attribute("href")) == (
        search_site_url + "en/news/"
    )
    page.close()


# Hostile queries (issue 11): regex metacharacters, a pasted 10,000-letter text, emoji, mixed
# scripts, nothing but punctuation. Each must leave the console clean and the box working.
HOSTILE_QUERIES = {
    "regex": ".*+?^${}()|[]\\ (천안시 [a-z]+ \\d{2,} (?<x>y) /g",
    "long-korean": ("천안시는 스마트도시 " * 1000)[:10_000],
    "long-latin": "x" * 10_000,
    "long-mixed": ("Cloud 클라우드 ☁️ " * 800)[:10_000],
    "emoji": "🙂🏙️👩‍💻🇰🇷 천안시 🧑🏽‍🚀",
    "mixed-scripts": "천안시Cloud東京Москва١٢٣ मुंबई 𝒮𝓂𝒶𝓇𝓉",
    "punctuation": "!!!???...,,,;;;—「」『』()[]{}<>“”‘’·…※",
    "invisible-and-escapes": "\u200b\u200d\ufeff\ufffd %00 %ZZ \\u0000 \\",
    "markup": '<img src=x onerror="alert(1)"> </script> &amp; &#0;',
}


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ko", "en"])
@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_queries_leave_no_error_in_the_console(
    browser: Any, search_site_url: str, query: str, prefix: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(search_site_url + prefix, wait_until="domcontentloaded")
    page.keyboard.press("/")
    page.locator("[data-newsroom-search-input]").fill(query)
    # search.js marks the query whose answer is on screen, found or not.
    page.wait_for_function(
        "q => document.querySelector('[data-newsroom-search]').dataset.shown === q", arg=query, timeout=10_000
    )
    status = page.locator("[data-newsroom-search-status]").inner_text()
    assert "could not be loaded" not in status and "불러오지 못했습니다" not in status, status
    assert not page.locator("[data-newsroom-search-results] img").count()
    # The box still answers an ordinary query afterwards.
    page.locator("[data-newsroom-search-input]").fill("cloud" if prefix else "천안시")
    page.locator("[data-newsroom-search-results] li").first.wait_for(timeout=5_000)
    assert errors == [], errors
    page.close()


def test_a_result_shows_the_department_apart_and_the_passage_that_matched(browser: Any, search_site_url: str) -> None:
    titles, page = _search(browser, search_site_url, "늦은문단시험어")
    assert titles == ["발췌 시험"], titles
    result = page.locator("[data-newsroom-search-results] li").first
    assert result.locator(".newsroom-search-department").inner_text() == "발췌시험과"
    excerpt = result.locator("p:not(.newsroom-search-department)").inner_text()
    assert "늦은문단시험어" in excerpt and "첫 문단" not in excerpt, excerpt
    assert result.locator("p:not(.newsroom-search-department) mark").first.inner_text() == "늦은문단시험어"
    page.close()
    # The department alone finds the page, and is not repeated as text.
    titles, page = _search(browser, search_site_url, "발췌시험과")
    assert titles == ["발췌 시험"], titles
    assert (
        "발췌시험과"
        not in page.locator("[data-newsroom-search-results] li p:not(.newsroom-search-department)").first.inner_text()
    )
    page.close()

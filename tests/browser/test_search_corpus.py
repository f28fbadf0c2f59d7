"""Search in Chromium on real text: the ministry releases of ../shared/corpus/moe converted into a temporary site.

The browser must read the index as tests/search/test_recall.py does (hot keys split, unions), and
show, for each result, the passage where the query's words occur.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from newsroom.search.text import html_text
from newsroom.search.tokenize import normalise, query_terms

from tests.conftest import serve
from tests.search.corpus_site import corpus_site
from tests.search.test_recall import IndexReader

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus_url(shared_dir: Path) -> Iterator[str]:
    yield from serve(corpus_site(shared_dir).site)


@pytest.fixture(scope="module")
def reader(shared_dir: Path) -> IndexReader:
    return IndexReader(corpus_site(shared_dir).site / "search")


COUNT = """async (query) => {
    const root = document.querySelector("[data-newsroom-search]");
    const index = window.newsroomSearch.createIndex(new URL(root.dataset.index, document.baseURI), {
        key: Number(root.dataset.keyLength), bucket: Number(root.dataset.bucket), shards: Number(root.dataset.shards),
    });
    return (await index.search(query)).ids.length;
}"""


@pytest.mark.parametrize("query", ["교육", "교육부", "교육부는", "늘봄학교", "학점제", "지원", "인공지능 교육"])
def test_the_browser_finds_what_the_index_holds(browser: Any, corpus_url: str, reader: IndexReader, query: str) -> None:
    page = browser.new_page()
    page.goto(corpus_url, wait_until="domcontentloaded")
    found = page.evaluate(COUNT, query)
    page.close()
    expected = len(set.intersection(*(reader.documents(term) for term in query_terms(query))))
    assert found == expected > 0


def _page_text(site: Path, url: str) -> str:
    """What a reader sees of the page's own text: a release's subtitles and body, or another page's article."""
    path = site / urlsplit(url).path.lstrip("/")
    root = lxml.html.parse(str(path / "index.html" if path.is_dir() else path)).getroot()
    parts = root.xpath("//p[contains(@class, 'nr-release__subtitle')] | //div[contains(@class, 'nr-release__body')]")
    parts = parts or root.xpath("//article[contains(@class, 'md-content__inner')]")
    return normalise(" ".join(html_text(lxml.html.tostring(part, encoding="unicode")) for part in parts))


# The three words, and words of the real releases that a long release holds only past its
# first 6,000 letters (의과대학, 대학수학능력시험: in its attachments).
@pytest.mark.parametrize("query", ["늘봄학교", "유보통합", "고교학점제", "의과대학", "대학수학능력시험", "직업계고"])
def test_every_result_shows_the_passage_with_the_query_word(
    browser: Any, corpus_url: str, shared_dir: Path, query: str
) -> None:
    site = corpus_site(shared_dir).site
    page = browser.new_page()
    page.goto(corpus_url, wait_until="domcontentloaded")
    page.keyboard.press("/")
    page.locator("[data-newsroom-search-input]").fill(query)
    # A function, not an expression: Playwright evaluates expressions with eval, which the page's CSP refuses.
    page.wait_for_function(f"() => document.querySelector('[data-newsroom-search]').dataset.shown === '{query}'")
    results = page.locator("[data-newsroom-search-results] li")
    assert results.count()
    for number in range(results.count()):
        result = results.nth(number)
        url = result.locator("a").first.get_attribute("href") or ""
        excerpt = result.locator("article > p:not(.newsroom-search-department)")
        if query in _page_text(site, url):
            # The page's text holds the word: its excerpt shows it, highlighted.
            assert query in excerpt.inner_text(), (url, excerpt.inner_text())
            assert query in excerpt.locator("mark").all_inner_texts(), url
        else:
            # Found by its title (or issuing department) alone: the text has no passage to show, so the
            # excerpt is the page's opening, and the match is shown highlighted where it is.
            marks = result.locator("h1 mark, .newsroom-search-department mark").all_inner_texts()
            assert query in marks, (url, marks)
    page.close()


RANKED = """async (query) => {
    const root = document.querySelector("[data-newsroom-search]");
    const index = window.newsroomSearch.createIndex(new URL(root.dataset.index, document.baseURI), {
        key: Number(root.dataset.keyLength), bucket: Number(root.dataset.bucket), shards: Number(root.dataset.shards),
    });
    const { ids } = await index.search(query);
    return (await index.documents(ids)).map((doc) => doc.url);
}"""


# Words many releases share with the same weight, so that the order among equals decides most places.
@pytest.mark.parametrize("query", ["교육", "교육부", "학생", "지원 학교", "2025"])
def test_results_rank_by_weight_then_pages_without_a_date_then_newest(
    browser: Any, corpus_url: str, reader: IndexReader, query: str
) -> None:
    # The rule, from what the index stores (weights, urls, dates), not from its ids: the summed weight of the
    # query's words, then pages without a date by address, then releases newest first (by date, then address).
    per_term = [reader.weights(term) for term in query_terms(query)]
    scores = {doc: sum(weights[doc] for weights in per_term) for doc in set.intersection(*map(set, per_term))}
    rows = reader.rows(scores)
    by_address = sorted(scores, key=lambda doc: rows[doc][0])
    undated = [doc for doc in by_address if not rows[doc][2]]
    newest_first = sorted(
        (doc for doc in scores if rows[doc][2]), key=lambda doc: (rows[doc][2], rows[doc][0]), reverse=True
    )
    # A stable sort by weight: among equals, pages without a date first, then releases newest first.
    expected = sorted([*undated, *newest_first], key=lambda doc: -scores[doc])
    page = browser.new_page()
    page.goto(corpus_url, wait_until="domcontentloaded")
    shown = page.evaluate(RANKED, query)
    page.close()
    assert len(set(scores.values())) < len(scores) > 10  # ties to break
    assert shown == [rows[doc][0] for doc in expected]

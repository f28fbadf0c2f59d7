"""Search in Chromium on real text: the ministry releases of ../shared/corpus/moe converted into a temporary site.

The browser must read the index as tests/search/test_recall.py does (hot keys split, unions), and
show, for each result, the passage where the query's words occur.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from newsroom.search.tokenize import query_terms

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


def test_every_result_shows_the_passage_with_the_query_word(browser: Any, corpus_url: str) -> None:
    page = browser.new_page()
    page.goto(corpus_url, wait_until="domcontentloaded")
    page.keyboard.press("/")
    page.locator("[data-newsroom-search-input]").fill("늘봄학교")
    # A function, not an expression: Playwright evaluates expressions with eval, which the page's CSP refuses.
    page.wait_for_function("() => document.querySelector('[data-newsroom-search]').dataset.shown === '늘봄학교'")
    excerpts = page.locator("[data-newsroom-search-results] li article > p:not(.newsroom-search-department)")
    texts = excerpts.all_inner_texts()
    assert texts
    for number, text in enumerate(texts):
        title = page.locator("[data-newsroom-search-results] li h1").nth(number).inner_text()
        # The word is in the excerpt, highlighted, unless the page only has it in its title.
        if "늘봄학교" not in title:
            assert "늘봄학교" in text, text
            assert "늘봄학교" in excerpts.nth(number).locator("mark").all_inner_texts()
    page.close()

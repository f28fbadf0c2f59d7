"""Do search excerpts show the matched word? Measured in Chromium on the real ministry releases.

Builds the corpus site of tests/search/corpus_site.py (../shared/corpus/moe converted), types each
query into the search box and, for every shown result, checks whether its excerpt holds the query's
words, and whether the page's own text holds them at all (a page found by its title alone has
nothing to show). Also reports the index's bytes: all of it, its document buckets, and what each
query fetched (gzip).

    .venv/bin/python benchmarks/bench_excerpts.py [--shared ../shared] [QUERY ...]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path
from typing import Any

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from newsroom.search.text import html_text  # noqa: E402
from newsroom.search.tokenize import normalise, query_terms  # noqa: E402

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.search.corpus_site import corpus_site  # noqa: E402

QUERIES = [
    *("늘봄학교", "유보통합", "고교학점제", "대학수학능력시험", "직업계고"),
    *("초등돌봄", "의과대학", "대학정보공시", "학교폭력", "인공지능 교육"),
]

SHOWN = """async (query) => {
    const root = document.querySelector("[data-newsroom-search]");
    const input = document.querySelector("[data-newsroom-search-input]");
    delete root.dataset.shown;
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    while (root.dataset.shown !== query) await new Promise((resolve) => setTimeout(resolve, 20));
    return [...root.querySelectorAll("[data-newsroom-search-results] li")].map((item) => ({
        url: item.querySelector("a").href,
        title: item.querySelector("h1").innerText,
        excerpt: item.querySelector("article > p:not(.newsroom-search-department)").innerText,
    }));
}"""


def page_text(site: Path, base: str, url: str) -> str:
    """What a reader sees of the page's own text: a release's subtitles and body, or another page's article."""
    path = site / url.removeprefix(base).split("#")[0]
    root = lxml.html.parse(str(path / "index.html" if path.is_dir() else path)).getroot()
    parts = root.xpath("//p[contains(@class, 'nr-release__subtitle')] | //div[contains(@class, 'nr-release__body')]")
    parts = parts or root.xpath("//article[contains(@class, 'md-content__inner')]")
    return " ".join(html_text(lxml.html.tostring(part, encoding="unicode")) for part in parts)


def _bytes(files: list[Path]) -> tuple[int, int]:
    data = [f.read_bytes() for f in files]
    return sum(map(len, data)), sum(len(gzip.compress(d, 9)) for d in data)


def measure(browser: Any, site: Path, base: str, query: str) -> dict[str, Any]:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(base, wait_until="domcontentloaded")
    page.keyboard.press("/")
    shown = page.evaluate(SHOWN, query)
    page.close()
    words = query_terms(query)
    carried = title_only = missing = 0
    misses = []
    for result in shown:
        text = normalise(page_text(site, base, result["url"]))
        excerpt = normalise(result["excerpt"])
        if all(word in excerpt for word in words):
            carried += 1
        elif not all(word in text for word in words) and all(w in normalise(result["title"]) for w in words):
            title_only += 1
        else:
            missing += 1
            misses.append(result["url"].removeprefix(base))
    files = [site / u.removeprefix(base).split("?")[0] for u in fetched if "/search/" in u]
    raw, gz = _bytes([f for f in files if f.is_file()])
    return {
        "query": query,
        "shown": len(shown),
        "carried": carried,
        "title_only": title_only,
        "missing": missing,
        "misses": misses,
        "fetched_raw": raw,
        "fetched_gzip": gz,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args(argv)
    site = corpus_site(args.shared.resolve()).site
    index = sorted((site / "search").rglob("*.json"))
    buckets = sorted((site / "search" / "d").glob("*.json"))
    raw, gz = _bytes(index)
    braw, bgz = _bytes(buckets)
    print(f"ko index: {len(index)} files, {raw:,} B raw / {gz:,} B gzip; buckets {braw:,} B raw / {bgz:,} B gzip")
    from playwright.sync_api import sync_playwright

    totals = [0, 0, 0, 0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for base in serve(site):
            for query in args.queries:
                r = measure(browser, site, base, query)
                counts = (r["shown"], r["carried"], r["title_only"], r["missing"])
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
                print(
                    f"{query}: {r['carried']} of {r['shown']} excerpts carry the word, {r['title_only']} title only,"
                    f" {r['missing']} miss {r['misses']};"
                    f" fetched {r['fetched_raw']:,} B raw / {r['fetched_gzip']:,} B gzip"
                )
        browser.close()
    print(f"all: {totals[1]} of {totals[0]} carry the word, {totals[2]} title only, {totals[3]} miss")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

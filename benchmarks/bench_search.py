"""Search at scale: index size, bytes a first query downloads, time to results, cost in build time.

Usage::

    python benchmarks/bench_search.py --n 1000 10000            # the project's sharded index
    python benchmarks/bench_search.py --n 1000 --pagefind PATH  # also Pagefind on the same site

For each N it writes a temporary copy of the site with N synthetic releases per language
(benchmarks/synthetic.py, realistic text), builds it with the production build (``python -m newsroom.commands.build``)
with and without the search index (``NEWSROOM_SEARCH_INDEX=0``), then drives Debian's Chromium
on the built site: for each query, a fresh browser context (empty cache) opens the page, types
the query and waits for the result count. Bytes are what a gzip-serving host (GitHub Pages)
sends: the gzip size of every search file the page requested, the module search.js included.
The last lines are machine-readable (``bench-search: …``). Timings are this machine's, under
whatever else runs on it: run it alone for figures worth quoting.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import make_site  # noqa: E402
from tests.conftest import CHROMIUM, served  # noqa: E402

QUERIES: dict[str, list[str]] = {
    "": ["천안시", "스마트도시", "천안시는", "클라우드 전환", "박상돈", "교육부", "학교폭력"],
    "en/": ["clouds", "smart city", "Park Sang-don", "residents"],
}
TEXT_SUFFIXES = (".js", ".json", ".css", ".html")


@dataclass
class Build:
    wall_s: float
    cpu_s: float
    index_s: float  # what the search feature itself logged, both languages summed


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real static host does: HTTP/1.0 would open a connection per file.
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class IndexSize:
    lang: str
    files: int
    word_files: int
    raw_bytes: int
    gzip_bytes: int
    largest_gzip_bytes: int


@dataclass
class Query:
    engine: str
    lang: str
    query: str
    results: int
    requests: int
    gzip_bytes: int
    first_ms: float  # the whole query arrives at once (pasted), empty cache
    again_ms: float  # the same query again
    typed_ms: float | None = None  # typed a character every 150 ms, empty cache: from the last key to results


def _gz(path: Path) -> int:
    data = path.read_bytes()
    # Pagefind's fragments are gzipped already; a host does not compress them again.
    if path.suffix in TEXT_SUFFIXES:
        return len(gzip.compress(data, compresslevel=6))
    return len(data)


def build(config: Path, out: Path, *, index: bool) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSROOM_SEARCH_INDEX": "1" if index else "0"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-v", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    logged = re.findall(r"search: \d+ \w+ pages, \d+ index files, ([\d.]+) s", result.stdout + result.stderr)
    return Build(wall_s=round(wall, 1), cpu_s=round(cpu, 1), index_s=round(sum(map(float, logged)), 1))


def plain_build(config: Path, out: Path) -> Build:
    """Plain MkDocs + Material + static-i18n on the same docs (benchmarks/mkdocs-plain.yml), for the build ratio."""
    from benchmarks.bench_build import plain_config

    plain = plain_config(config.parent, config.parent / "docs")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(plain), "-d", str(out)],
        capture_output=True,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        cwd=config.parent,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(out, ignore_errors=True)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Build(wall_s=round(wall, 1), cpu_s=round(cpu, 1), index_s=0.0)


def index_size(site: Path, prefix: str, lang: str) -> IndexSize:
    files = [p for p in (site / prefix / "search").rglob("*") if p.is_file()]
    sizes = [(p.stat().st_size, _gz(p)) for p in files]
    return IndexSize(
        lang=lang,
        files=len(files),
        word_files=sum(1 for p in files if p.parent.name == "t"),
        raw_bytes=sum(raw for raw, _ in sizes),
        gzip_bytes=sum(gz for _, gz in sizes),
        largest_gzip_bytes=max((gz for _, gz in sizes), default=0),
    )


def _on_disk(site: Path, base: str, url: str) -> Path:
    return site / url.removeprefix(base).split("?")[0].split("#")[0]


# Timed inside the page, from the input event (as typing fires it) to the moment search.js marks
# this query's results as shown (data-shown, set after the list and the count); the 40 ms debounce
# is included.
TYPE_AND_WAIT = """async (query) => {
    const root = document.querySelector("[data-newsroom-search]");
    const input = document.querySelector("[data-newsroom-search-input]");
    delete root.dataset.shown;
    const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
            if (root.dataset.shown === query) { observer.disconnect(); resolve(performance.now()); }
        });
        observer.observe(root, { attributes: true, attributeFilter: ["data-shown"] });
    });
    const started = performance.now();
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return (await done) - started;
}"""


TYPE_SLOWLY = """async (query) => {
    const input = document.querySelector("[data-newsroom-search-input]");
    const letters = Array.from(query);
    for (let i = 1; i < letters.length; i++) {
        input.value = letters.slice(0, i).join("");
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 150));
    }
}"""


def _type_and_wait(page: Any, query: str) -> float:
    """Milliseconds from typing the query into the header box until the results are shown."""
    return float(page.evaluate(TYPE_AND_WAIT, query))


def measure_sharded(browser: Any, site: Path, base: str, prefix: str, query: str) -> Query:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + prefix, wait_until="domcontentloaded")
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.keyboard.press("/")
    first = _type_and_wait(page, query)
    results = page.locator("[data-newsroom-search-results] li").count()
    count = page.locator("[data-newsroom-search-status]").inner_text()
    files = [u for u in fetched if "/search/" in u] + [base + "assets/javascripts/search.js"]
    existing = [p for p in (_on_disk(site, base, u) for u in files) if p.is_file()]
    _type_and_wait(page, "")
    again = _type_and_wait(page, query)
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + prefix, wait_until="domcontentloaded")
    page.keyboard.press("/")
    page.evaluate(TYPE_SLOWLY, query)
    typed = _type_and_wait(page, query)
    context.close()
    digits = "".join(ch for ch in count if ch.isdigit())
    return Query(
        engine="sharded",
        lang=prefix or "ko/",
        query=query,
        results=int(digits) if digits else results,
        requests=len(existing),
        gzip_bytes=sum(_gz(p) for p in existing),
        first_ms=round(first, 1),
        again_ms=round(again, 1),
        typed_ms=round(typed, 1),
    )


PAGEFIND_SEARCH = """async (query) => {
    const started = performance.now();
    // One Pagefind bundle at the site root; it picks the index of the page's <html lang>.
    const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
    const search = await pagefind.search(query);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return { results: search.results.length, ms: performance.now() - started };
}"""


def measure_pagefind(browser: Any, site: Path, base: str, prefix: str, query: str) -> Query:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + prefix, wait_until="domcontentloaded")
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    first = page.evaluate(PAGEFIND_SEARCH, query)
    again = page.evaluate(PAGEFIND_SEARCH, query)
    files = [p for p in (_on_disk(site, base, u) for u in fetched if "/pagefind/" in u) if p.is_file()]
    context.close()
    return Query(
        engine="pagefind",
        lang=prefix or "ko/",
        query=query,
        results=first["results"],
        requests=len(files),
        gzip_bytes=sum(_gz(p) for p in files),
        first_ms=round(first["ms"], 1),
        again_ms=round(again["ms"], 1),
    )


def run_pagefind(binary: str, site: Path) -> float:
    started = time.perf_counter()
    subprocess.run([binary, "--site", str(site)], check=True, capture_output=True)
    return round(time.perf_counter() - started, 1)


def bench(n: int, work: Path, pagefind: str | None) -> dict[str, Any]:
    print(f"n={n}: generating {n} releases per language…", flush=True)
    config = make_site(work / f"project-{n}", n, realistic=True)
    print(f"n={n}: building without the search index…", flush=True)
    without = build(config, work / f"site-{n}-off", index=False)
    shutil.rmtree(work / f"site-{n}-off")
    print(f"n={n}: building with it…", flush=True)
    site = work / f"site-{n}"
    with_index = build(config, site, index=True)
    pagefind_s = run_pagefind(pagefind, site) if pagefind else None
    plain = plain_build(config, work / f"plain-{n}")
    return {
        "plain_build": asdict(plain),
        "build_ratio": round(with_index.wall_s / plain.wall_s, 3),
        "n": n,
        "build_without_index": asdict(without),
        "build_with_index": asdict(with_index),
        "index_share_wall": round((with_index.wall_s - without.wall_s) / with_index.wall_s, 3),
        "index_share_cpu": round((with_index.cpu_s - without.cpu_s) / with_index.cpu_s, 3),
        "index_share_logged": round(with_index.index_s / with_index.cpu_s, 3),
        "pagefind_index_s": pagefind_s,
        **measure(site, n, pagefind=bool(pagefind)),
    }


def measure(site: Path, n: int, *, pagefind: bool) -> dict[str, Any]:
    """Index sizes and, in Chromium, every query on an already built site."""
    sizes = [index_size(site, "", "ko"), index_size(site, "en/", "en")]
    queries: list[Query] = []
    from playwright.sync_api import sync_playwright

    with served(site, _QuietHandler) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for prefix, texts in QUERIES.items():
            for query in texts:
                queries.append(measure_sharded(browser, site, base, prefix, query))
                if pagefind:
                    queries.append(measure_pagefind(browser, site, base, prefix, query))
        browser.close()
    return {"n": n, "index": [asdict(s) for s in sizes], "queries": [asdict(q) for q in queries]}


def report(result: dict[str, Any]) -> None:
    n = result["n"]
    print(f"\n== {n} releases per language ==")
    if "build_with_index" in result:
        report_build(result)
    report_queries(result)


def report_build(result: dict[str, Any]) -> None:
    off, on = result["build_without_index"], result["build_with_index"]
    print(
        f"build: {off['wall_s']} s wall / {off['cpu_s']} s CPU without index, {on['wall_s']} s / {on['cpu_s']} s with"
        f" → indexing share {result['index_share_wall']:.0%} wall, {result['index_share_cpu']:.0%} CPU;"
        f" the feature itself logged {on['index_s']} s ({result['index_share_logged']:.0%} of the CPU time)"
    )
    plain = result["plain_build"]
    print(
        f"plain MkDocs + Material + static-i18n: {plain['wall_s']} s wall / {plain['cpu_s']} s CPU"
        f" → build ratio (this site with index / plain) {result['build_ratio']:.2f}"
    )
    if result["pagefind_index_s"] is not None:
        print(f"pagefind indexing: {result['pagefind_index_s']} s")


def report_queries(result: dict[str, Any]) -> None:
    n = result["n"]
    for size in result["index"]:
        print(
            f"index {size['lang']}: {size['files']} files ({size['word_files']} word files),"
            f" {size['raw_bytes'] / 1e6:.1f} MB raw,"
            f" {size['gzip_bytes'] / 1e6:.1f} MB gzip, largest file {size['largest_gzip_bytes'] / 1e3:.1f} KB gzip"
        )
    header = ("engine", "lang", "query", "results", "files", "KB gz", "first ms", "again ms", "typed ms")
    print("{:9} {:4} {:14} {:>7} {:>5} {:>7} {:>8} {:>8} {:>8}".format(*header))
    for q in result["queries"]:
        print(
            f"{q['engine']:9} {q['lang']:4} {q['query']:14} {q['results']:>7} {q['requests']:>5}"
            f" {q['gzip_bytes'] / 1e3:>7.1f} {q['first_ms']:>8.0f} {q['again_ms']:>8.0f}"
            f" {'' if q['typed_ms'] is None else round(q['typed_ms']):>8}"
        )
    sharded = [q for q in result["queries"] if q["engine"] == "sharded"]
    worst_kb = max(q["gzip_bytes"] for q in sharded) / 1e3
    print(
        f"bench-search: n={n} max_first_query_kb_gz={worst_kb:.1f}"
        f" max_first_ms={max(q['first_ms'] for q in sharded):.0f}"
        f" max_again_ms={max(q['again_ms'] for q in sharded):.0f}"
        f" max_typed_ms={max(q['typed_ms'] or 0 for q in sharded):.0f}"
    )
    if "build_with_index" in result:
        print(
            f"bench-search: n={n} index_share_wall={result['index_share_wall']:.3f}"
            f" index_share_cpu={result['index_share_cpu']:.3f} index_share_logged={result['index_share_logged']:.3f}"
            f" build_ratio={result['build_ratio']:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="releases per language (default 1000)")
    parser.add_argument("--pagefind", help="path of a pagefind binary (PyPI pagefind[bin]) to compare with")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--measure", type=Path, help="only measure queries on this built site (from --keep)")
    args = parser.parse_args(argv)
    if args.measure:
        pagefind = (args.measure / "pagefind").is_dir()
        report(measure(args.measure, args.n[0], pagefind=pagefind))
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in args.n:
            results.append(bench(n, work, args.pagefind))
            report(results[-1])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

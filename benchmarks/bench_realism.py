"""How close the synthetic archive is to real releases: the same figures, side by side, at the same size.

Usage::

    python benchmarks/bench_realism.py                      # converts ../shared/corpus/moe into a temporary folder
    python benchmarks/bench_realism.py --real DOCS          # a docs folder already holding converted releases

For the N real Korean releases that convert, it writes N realistic synthetic releases
(``benchmarks/synthetic.py``) and prints, for both sets: distinct words per release, distinct
index keys and terms, search files (word files holding something, in the bounded layout), index
bytes raw and gzip, body size and Markdown cost per page (the site's own extensions), with the
synthetic/real ratio and whether it lies within ±25 %. English is compared with the one real
English release there is (the city's own, in docs/en/news/), for distinct words only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from newsroom.check.markup import EXTENSION_CONFIGS, EXTENSIONS  # noqa: E402
from newsroom.model.pages import read_page_file  # noqa: E402
from newsroom.search.index import IndexedPage, build_files, shard_key  # noqa: E402
from newsroom.search.text import html_text  # noqa: E402
from newsroom.search.tokenize import index_terms, words  # noqa: E402

from benchmarks.synthetic import generate  # noqa: E402

SHARED = ROOT.parent / "shared"
TOLERANCE = 0.25
REPEAT = 5


def convert_corpus(work: Path) -> Path:
    docs = work / "real"
    docs.mkdir(parents=True)
    newsroom = Path(sys.executable).with_name("newsroom")
    subprocess.run(
        [str(newsroom), "convert", str(SHARED / "corpus" / "moe"), "--docs-dir", str(docs), "--json"],
        capture_output=True,
        check=False,
        cwd=work,
    )
    return docs


def figures(pages: list[Path]) -> dict[str, float]:
    renderer = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
    documents, distinct, body_bytes, render_ms = [], [], [], []
    for path in pages[:5]:  # warm up: the first conversions compile the extensions' patterns
        renderer.reset().convert(read_page_file(path).body)
    for number, path in enumerate(pages):
        page = read_page_file(path)
        timings = []
        for _ in range(REPEAT):  # the fastest of a few: other jobs on the machine only ever add time
            started = time.process_time()  # CPU time: what the page costs, less what other jobs take
            html = renderer.reset().convert(page.body)
            timings.append((time.process_time() - started) * 1000)
        render_ms.append(min(timings))
        text = html_text(html)
        distinct.append(len(set(words(text))))
        body_bytes.append(len(page.body.encode("utf-8")))
        documents.append(
            IndexedPage(
                url=f"p/{number}/",
                title=str(page.meta.get("title") or ""),
                text=text,
                department=str(page.meta.get("department") or ""),
            )
        )
    files = build_files(documents, "ko")
    word_files = {name: data for name, data in files.items() if name.startswith("t/")}
    result_files = {name: data for name, data in files.items() if name.startswith("d/")}
    terms = set().union(*(index_terms(d.text) for d in documents))
    return {
        "releases": len(pages),
        "distinct words per release": statistics.mean(distinct),
        # One file per key was the old layout: this is the file count the bounded layout caps.
        "distinct keys (old files)": len({shard_key(term) for term in terms}),
        "distinct index terms": len(terms),
        "word index bytes raw": sum(map(len, word_files.values())),
        "word index bytes gzip": len(gzip.compress(b"".join(word_files.values()), 6)),
        "result files bytes raw": sum(map(len, result_files.values())),
        "body bytes per page": statistics.mean(body_bytes),
        "markdown ms per page": statistics.mean(render_ms),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, help="docs folder with converted releases (default: convert the corpus)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-realism-"))
    try:
        real_docs = args.real or convert_corpus(work)
        real = sorted((real_docs / "ko" / "news").glob("*/*.md"))
        if not real:
            sys.exit(f"no converted Korean releases under {real_docs}/ko/news: is ../shared beside the project?")
        generate(work / "synthetic", len(real), realistic=True)
        synthetic = sorted((work / "synthetic" / "ko" / "news").glob("*/*.md"))
        real_en = sorted((ROOT / "docs" / "en" / "news").glob("*/*.md"))
        synthetic_en = sorted((work / "synthetic" / "en" / "news").glob("*/*.md"))
        table = {"ko": (figures(real), figures(synthetic)), "en": (figures(real_en), figures(synthetic_en[:200]))}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    misses = 0
    for lang, (real_figures, synthetic_figures) in table.items():
        print(f"== {lang}: {real_figures['releases']} real releases, {synthetic_figures['releases']} synthetic ==")
        print(f"{'figure':<28} {'real':>12} {'synthetic':>12} {'ratio':>7}")
        names = list(real_figures)[1:] if lang == "ko" else ["distinct words per release", "body bytes per page"]
        for name in names:
            ratio = synthetic_figures[name] / real_figures[name] if real_figures[name] else float("nan")
            within = abs(ratio - 1) <= TOLERANCE
            misses += not within
            print(
                f"{name:<28} {real_figures[name]:>12.1f} {synthetic_figures[name]:>12.1f} {ratio:>7.2f}"
                f" {'ok' if within else 'OUTSIDE ±25 %'}"
            )
    print(f"bench-realism: figures outside ±25 %: {misses}")
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

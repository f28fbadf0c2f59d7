"""The search index step alone: a cold index, then one release added, at N realistic releases per language.

Usage::

    python benchmarks/bench_search_append.py --n 1000 10000

No site build: the documents are made from ``benchmarks/synthetic.py``'s realistic releases (Markdown
rendered with the site's extensions, then ``html_text``, as the search feature does) plus the project's own
pages without a date; they are kept in a pickle in the temporary folder (``--cache``) so that a second run
starts at once. For each language it times

- ``cold_s``: the whole index of the N releases written to an empty folder (what every build did before);
- ``add_s``: the index once the newest of N + 1 releases is added. With a kept index
  (``newsroom.search.memo``, when the code has it) only what the new release touches is recomputed and
  written; without one it is a cold build of N + 1;
- ``add_10th_last_s``: the same when the release added is the tenth from the newest (a release of the day
  whose address sorts before others of that day): nine releases move up one id;

and prints the files the index has, the files whose bytes the new release changed, the index's bytes (raw and
the sum of each file's gzip, as a gzip-serving host sends them), ``identical=yes|no`` (the added index against a
cold build of the same N + 1 releases, byte for byte), and what the benchmark's queries fetch: files and gzip
bytes for the first page of results (one shard per query word, two for a hot key's longer words, and the
buckets of the ten results shown), replaying search.js's lookup and ranking.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from newsroom.check.markup import EXTENSION_CONFIGS, EXTENSIONS  # noqa: E402
from newsroom.model.pages import read_page_file  # noqa: E402
from newsroom.model.release import ReleaseMeta  # noqa: E402
from newsroom.search import index  # noqa: E402
from newsroom.search.text import html_text  # noqa: E402
from newsroom.search.tokenize import query_terms  # noqa: E402

from benchmarks.synthetic import generate  # noqa: E402

try:
    from newsroom.search import memo
except ImportError:  # the code before the index could be appended to
    memo = None  # type: ignore[assignment]

QUERIES = {
    "ko": ["천안시", "스마트도시", "천안시는", "클라우드 전환", "박상돈", "교육부", "학교폭력"],
    "en": ["clouds", "smart city", "Park Sang-don", "residents"],
}
PAGE_SIZE = 10


def _documents(docs_dir: Path, lang: str) -> list[index.IndexedPage]:
    renderer = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)
    documents = []
    for path in sorted((docs_dir / lang).rglob("*.md")):
        page = read_page_file(path)
        text = html_text(renderer.reset().convert(page.body))
        relative = path.relative_to(docs_dir / lang).with_suffix("").as_posix() + "/"
        if "date" in page.meta and relative.startswith("news/"):
            meta = ReleaseMeta.from_front_matter(page.meta)
            documents.append(
                index.IndexedPage(
                    url=relative,
                    title=meta.title,
                    text=" ".join([*meta.subtitle, text]),
                    date=meta.date,
                    date_label=meta.date.isoformat(),
                    department=meta.department or "",
                )
            )
        elif not relative.startswith("news/"):
            documents.append(index.IndexedPage(url=relative, title=str(page.meta.get("title") or ""), text=text))
    return documents


def documents(n: int, cache: Path) -> dict[str, list[index.IndexedPage]]:
    """N + 1 realistic releases per language and the project's pages without a date (made once, then kept)."""
    kept = cache / f"documents-{n}.pickle"
    if kept.exists():
        with kept.open("rb") as handle:
            return pickle.load(handle)
    work = Path(tempfile.mkdtemp(prefix="bench-search-append-"))
    try:
        shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("news"))
        generate(work / "docs", n + 1, realistic=True)
        made = {lang: _documents(work / "docs", lang) for lang in ("ko", "en")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    with kept.open("wb") as handle:
        pickle.dump(made, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return made


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _bucket_file(doc: int, manifest: dict) -> tuple[str, int]:
    bucket = manifest["bucket"]
    if manifest["version"] < 3 or doc >= 0:
        return f"d/{doc // bucket}.json", doc % bucket
    kept = -1 - doc  # pages without a date: ids -1, -2 … from the end of their range
    return f"d/{-(kept // bucket) - 1}.json", kept % bucket


def _rank(manifest: dict) -> Callable[[int], tuple[int, int]]:
    if manifest["version"] < 3:
        return lambda doc: (0, doc)
    return lambda doc: (0, doc) if doc < 0 else (1, -doc)


def query_cost(files: dict[str, bytes], query: str) -> tuple[int, int, list[str]]:
    """Files and gzip bytes the first page of results fetches (search.js's lookup), and the urls shown."""
    manifest = json.loads(files["index.json"])
    key, shards = manifest["key"], manifest["shards"]
    fetched: set[str] = set()

    def shard(name: str) -> dict[str, list[int]]:
        path = f"t/{index.fnv1a(name) & (shards - 1)}.json"
        fetched.add(path)
        return json.loads(files[path])

    per_term = []
    for term in query_terms(query):
        weights: dict[int, int] = {}

        def add(deltas: list[int], exact: bool, weights: dict[int, int] = weights) -> None:
            for value in accumulate(deltas):
                weight = (2 if exact else 1) + (2 if value & 1 else 0)
                weights[value >> 1] = max(weights.get(value >> 1, 0), weight)

        found = shard(term[:key])
        union = found.get(term[:key] + index.PREFIX_MARK)
        if union and len(term) == key:
            add(union, False)
            if term in found:
                add(found[term], True)
        else:
            if union:
                found = shard(term[: key + 1])
            for indexed, deltas in found.items():
                if indexed.endswith(index.PREFIX_MARK):
                    continue
                if indexed == term or (len(term) >= key and indexed.startswith(term)):
                    add(deltas, indexed == term)
        per_term.append(weights)
    if not per_term:
        return 0, 0, []
    per_term.sort(key=len)
    scores = dict(per_term[0])
    for weights in per_term[1:]:
        scores = {doc: score + weights[doc] for doc, score in scores.items() if doc in weights}
    rank = _rank(manifest)
    shown = sorted(scores, key=lambda doc: (-scores[doc], rank(doc)))[:PAGE_SIZE]
    urls = []
    for doc in shown:
        path, slot = _bucket_file(doc, manifest)
        fetched.add(path)
        urls.append(json.loads(files[path])[slot][0])
    return len(fetched), sum(len(gzip.compress(files[path], 6)) for path in fetched), urls


def _add(
    lang: str, base: list[index.IndexedPage], docs: list[index.IndexedPage], shards: int, work: Path
) -> tuple[float, dict[str, bytes], dict[str, bytes], bool]:
    """Index ``base`` cold (kept), then ``docs``: (seconds for the second, files before, after, appended)."""
    before_dir, after_dir, kept = work / "before", work / "after", work / "kept"
    for folder in (before_dir, after_dir, kept):
        shutil.rmtree(folder, ignore_errors=True)
    if memo is not None:
        memo.write_kept_index(before_dir, base, lang, shards, kept=kept)
    else:
        index.write_index(before_dir, base, lang, shards)
    started = time.perf_counter()
    if memo is not None:
        appended = memo.write_kept_index(after_dir, docs, lang, shards, kept=kept).appended
    else:
        index.write_index(after_dir, docs, lang, shards)
        appended = False
    return time.perf_counter() - started, _files(before_dir), _files(after_dir), appended


def measure(lang: str, docs: list[index.IndexedPage], work: Path) -> dict[str, object]:
    shards = index.shard_count(len(docs))
    started = time.perf_counter()
    index.write_index(work / "cold", docs, lang, shards)
    cold_s = time.perf_counter() - started
    reference = _files(work / "cold")
    # The newest release added; then the tenth newest (the nine after it move up one id). By date, then address:
    # the code before this benchmark ranked its ids newest first.
    by_age = sorted((doc for doc in docs if doc.date is not None), key=lambda doc: (doc.date, doc.url))
    add_s, before, after, appended = _add(lang, [doc for doc in docs if doc is not by_age[-1]], docs, shards, work)
    if memo is not None:
        tenth = [doc for doc in docs if doc is not by_age[-10]]
        tail_s, _, tail_after, tail_appended = _add(lang, tenth, docs, shards, work)
    else:  # without a kept index it is the same cold build again
        tail_s, tail_after, tail_appended = add_s, after, False
    changed = sorted(name for name in after if before.get(name) != after[name])
    queries = {query: query_cost(after, query) for query in QUERIES[lang]}
    return {
        "lang": lang,
        "documents": len(docs),
        "cold_s": round(cold_s, 2),
        "add_s": round(add_s, 2),
        "appended": appended,
        "add_10th_last_s": round(tail_s, 2),
        "appended_10th_last": tail_appended,
        "files": len(after),
        "changed_files": len(changed),
        "changed_shards": sum(name.startswith("t/") for name in changed),
        "raw_bytes": sum(map(len, after.values())),
        "gzip_bytes": sum(len(gzip.compress(data, 6)) for data in after.values()),
        "identical": "yes" if after == reference == tail_after else "no",
        "query_files": sum(cost[0] for cost in queries.values()),
        "query_gzip_bytes": sum(cost[1] for cost in queries.values()),
        "queries": {query: cost[:2] for query, cost in queries.items()},
        "shown": {query: cost[2] for query, cost in queries.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="releases per language")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bench-search-append")
    parser.add_argument("--lang", nargs="+", default=["ko", "en"])
    parser.add_argument("--shown", type=Path, help="also write the urls each query shows (JSON) to this file")
    args = parser.parse_args(argv)
    shown: dict[str, object] = {}
    for n in args.n:
        made = documents(n, args.cache)
        for lang in args.lang:
            work = Path(tempfile.mkdtemp(prefix="bench-search-append-"))
            try:
                figures = measure(lang, made[lang], work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            shown[f"{n}-{lang}"] = figures.pop("shown")
            print(f"bench-search-append: n={n} " + " ".join(f"{k}={v}" for k, v in figures.items() if k != "queries"))
            print(f"  queries (files, gzip bytes): {figures['queries']}", flush=True)
    if args.shown:
        args.shown.write_text(json.dumps(shown, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

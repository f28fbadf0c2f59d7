"""Write one language's search index: small term shards plus a bucketed document store.

Layout under the language's ``search/`` folder (``/search/`` for Korean, ``/en/search/`` for English)::

    index.json          {"version", "lang", "documents", "bucket", "key"}: a few dozen bytes
    t/<hex>.json        terms sharing their first ``KEY_LENGTH`` characters (UTF-8 hex of that prefix)
                        → {term: postings}; postings are delta-encoded ``doc_id * 2 + in_title``
    d/<n>.json          documents ``n * BUCKET`` … as [url, title, iso date, display date, text]

A query fetches index.json, one shard per query word and the few buckets holding the top
results, so what it downloads grows with the matches shown, not with the archive. Document ids
follow the ranking used for ties: pages without a date (policy, about) first, then releases
newest first.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsroom.search.tokenize import index_terms

FORMAT_VERSION = 1
KEY_LENGTH = 2
BUCKET = 16
# Excerpts are cut from this much of the page text; a match beyond it shows the opening instead.
TEXT_LIMIT = 1200


@dataclass(frozen=True)
class Document:
    url: str  # relative to the language root, e.g. "news/2025/mayor-visits/"
    title: str
    text: str
    date: dt.date | None = None
    date_label: str = ""  # the date as readers of this language write it


def shard_key(term: str) -> str:
    return term[:KEY_LENGTH]


def shard_name(key: str) -> str:
    """File name of a shard: hex of the key's UTF-8 bytes, which the browser computes the same way."""
    return key.encode("utf-8").hex()


def ranked(documents: Iterable[Document]) -> list[Document]:
    undated = sorted((d for d in documents if d.date is None), key=lambda d: d.url)
    dated = sorted((d for d in documents if d.date is not None), key=lambda d: (d.date, d.url), reverse=True)
    return [*undated, *dated]


def postings(documents: Sequence[Document]) -> dict[str, list[int]]:
    """term → sorted ``doc_id * 2 + in_title`` for the documents in the given order."""
    table: dict[str, list[int]] = defaultdict(list)
    for doc_id, doc in enumerate(documents):
        in_title = index_terms(doc.title)
        for term in in_title | index_terms(doc.text):
            table[term].append(doc_id * 2 + (term in in_title))
    return table


def _delta(values: list[int]) -> list[int]:
    return [value - previous for previous, value in zip([0, *values], values, strict=False)]


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def build_files(documents: Iterable[Document], lang: str) -> dict[str, bytes]:
    """Every file of the index, by path relative to the ``search/`` folder."""
    docs = ranked(documents)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term, values in sorted(postings(docs).items()):
        shards[shard_key(term)][term] = _delta(values)
    files = {f"t/{shard_name(key)}.json": _dump(terms) for key, terms in shards.items()}
    for start in range(0, len(docs), BUCKET):
        bucket = [
            [d.url, d.title, d.date.isoformat() if d.date else "", d.date_label, d.text[:TEXT_LIMIT]]
            for d in docs[start : start + BUCKET]
        ]
        files[f"d/{start // BUCKET}.json"] = _dump(bucket)
    manifest = {"version": FORMAT_VERSION, "lang": lang, "documents": len(docs), "bucket": BUCKET, "key": KEY_LENGTH}
    files["index.json"] = _dump(manifest)
    return files


def write_index(folder: Path, documents: Iterable[Document], lang: str) -> dict[str, bytes]:
    """Replace ``folder`` with a fresh index; the files are built in memory first, so a failure writes nothing."""
    files = build_files(documents, lang)
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for path in ("t", "d"):
        (staging / path).mkdir(parents=True)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return files

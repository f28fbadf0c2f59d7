"""No lost matches on real text: the index built from real ministry releases finds exactly the pages holding a word.

The releases of ``../shared/corpus/moe`` are converted into a temporary site and built once
(tests/search/corpus_site.py). For each query below, the pages expected are computed from the
converted Markdown itself (headline, subtitles, body, department, contact organisations), and the
pages found are read from the built index files with the matching rules of search.js: the query's
terms (tests/search/vectors.json ties their rules to the browser's), the FNV-1a shard of each term,
exact or prefix match of indexed suffixes, every term required. The two sets must be equal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest
from newsroom.model.pages import read_page_file
from newsroom.search.index import fnv1a

from tests.search.corpus_site import CorpusSite, corpus_site

# The corpus site is a whole MkDocs build of the converted ministry archive.
pytestmark = pytest.mark.build

HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
# The index stores a Hangul run's suffixes from its first 16 letters (tokenize.MAX_SUFFIX_STARTS).
SUFFIX_STARTS = 16

# (query, the words a page must hold to be expected), chosen by hand from the converted releases.
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    # nouns and names of programmes
    *[
        (word, (word,))
        for word in [
            "학자금대출",
            "고교학점제",
            "유보통합",
            "늘봄학교",
            "교육부",
            "디지털",
            "인공지능",
            "교원",
            "교육청",
            "특수교육",
            "기초학력",
            "다문화",
            "학부모",
            "장학금",
            "직업계고",
            "평생교육",
            "마이스터고",
            "교육과정",
            "특성화고",
            "진로",
        ]
    ],
    # parts of compounds: 학점제 in 고교학점제, 폭력 in 학교폭력, 대출 in 학자금대출, …
    *[(word, (word,)) for word in ["학점제", "폭력", "대출", "통합", "돌봄"]],
    # particle forms: the particle is cut from the query, the stem found in every form
    ("교육부는", ("교육부",)),
    ("학생들의", ("학생들",)),
    ("학교에서", ("학교",)),
    ("교사를", ("교사",)),
    # two words: both must occur
    ("인공지능 교육", ("인공지능", "교육")),
]


def _holds(text: str, word: str) -> bool:
    return any(word in run[: SUFFIX_STARTS - 1 + len(word)] for run in HANGUL_RUN.findall(text))


def _page_text(path: Path) -> str:
    page = read_page_file(path)
    meta = page.meta
    subtitles = meta.get("subtitle") or []
    contacts = meta.get("contacts") or []
    fields = [meta.get("title") or "", *subtitles, page.body, meta.get("department") or ""]
    fields += [contact.get("organisation") or "" for contact in contacts]
    return unicodedata.normalize("NFKC", " ".join(map(str, fields))).lower()


def _url(site: CorpusSite, path: Path) -> str:
    return path.relative_to(site.docs / "ko").with_suffix("").as_posix() + "/"


class IndexReader:
    """The built index read as search.js reads it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        self.shards: dict[int, dict[str, list[int]]] = {}

    def shard(self, key: str) -> dict[str, list[int]]:
        number = fnv1a(key) & (self.manifest["shards"] - 1)
        if number not in self.shards:
            path = self.folder / "t" / f"{number}.json"
            self.shards[number] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return self.shards[number]

    def postings(self, term: str) -> list[tuple[str, list[int]]]:
        """The (indexed name, deltas) lists a query term is looked up in."""
        key_length = self.manifest["key"]
        key = term[:key_length]
        shard = self.shard(key)
        union = shard.get(key + "*")
        if union is not None and len(term) == key_length:  # a hot key: the union of its terms' pages
            return [(key + "*", union), (term, shard.get(term, []))]
        if union is not None:  # a hot key's longer terms live in the shard of their first three letters
            shard = self.shard(term[: key_length + 1])
        prefix = len(term) >= key_length
        return [
            (indexed, deltas)
            for indexed, deltas in shard.items()
            if not indexed.endswith("*") and (indexed == term or (prefix and indexed.startswith(term)))
        ]

    def weights(self, term: str) -> dict[int, int]:
        """Document id → weight for one term: 2 for the term itself, 1 for a longer one, plus 2 in the title."""
        found: dict[int, int] = {}
        for indexed, deltas in self.postings(term):
            value = 0
            for delta in deltas:
                value += delta
                weight = (2 if indexed == term else 1) + (2 if value & 1 else 0)
                found[value >> 1] = max(found.get(value >> 1, 0), weight)
        return found

    def documents(self, term: str) -> set[int]:
        return set(self.weights(term))

    def rows(self, ids: Iterable[int]) -> dict[int, list[str]]:
        """Document id → its stored row [url, title, iso date, display date, department, text]."""
        bucket = self.manifest["bucket"]
        rows = {}
        for doc in ids:
            # Releases (ids 0 …) fill buckets 0, 1 …; pages without a date (ids -1, -2 …) fill buckets -1, -2 ….
            number, place = divmod(doc, bucket) if doc >= 0 else (-1 - (-1 - doc) // bucket, (-1 - doc) % bucket)
            rows[doc] = json.loads((self.folder / "d" / f"{number}.json").read_text(encoding="utf-8"))[place]
        return rows

    def urls(self, ids: set[int]) -> set[str]:
        return {row[0] for row in self.rows(ids).values()}

    def search(self, terms: list[str]) -> set[str]:
        ids = set.intersection(*(self.documents(term) for term in terms))
        return self.urls(ids)


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> CorpusSite:
    site = corpus_site(shared_dir)
    if len(site.releases) < 50:
        pytest.fail(f"only {len(site.releases)} releases of the corpus converted; the recall test needs most of them")
    return site


@pytest.fixture(scope="module")
def texts(corpus: CorpusSite) -> dict[str, str]:
    return {_url(corpus, path): _page_text(path) for path in corpus.releases}


@pytest.fixture(scope="module")
def index(corpus: CorpusSite) -> IndexReader:
    return IndexReader(corpus.site / "search")


def test_the_query_list_is_thirty_words_and_phrases() -> None:
    assert len(QUERIES) == 30 and len({query for query, _ in QUERIES}) == 30


@pytest.mark.parametrize(("query", "words"), QUERIES, ids=[query for query, _ in QUERIES])
def test_every_page_holding_the_words_is_found_and_no_other(
    query: str, words: tuple[str, ...], texts: dict[str, str], index: IndexReader
) -> None:
    from newsroom.search.tokenize import query_terms

    expected = {url for url, text in texts.items() if all(_holds(text, word) for word in words)}
    found = index.search(query_terms(query)) & texts.keys()  # the site's own pages are not part of the corpus
    assert expected, f"no converted release holds {words}: pick another word"
    assert found == expected, {"lost": sorted(expected - found), "extra": sorted(found - expected)}


def test_a_department_finds_its_releases_and_is_shown_as_the_department(corpus: CorpusSite, index: IndexReader) -> None:
    department = "학교폭력대책과"
    issued = {}
    for path in corpus.releases:
        page = read_page_file(path)
        organisations = [str(c.get("organisation") or "") for c in page.meta.get("contacts") or []]
        if any(department in name for name in [str(page.meta.get("department") or ""), *organisations]):
            issued[_url(corpus, path)] = page
    assert issued, "no converted release is issued by 학교폭력대책과"
    assert set(issued) <= index.search([department])
    rows = {row[0]: row for path in (index.folder / "d").glob("*.json") for row in json.loads(path.read_bytes())}
    for url, page in issued.items():
        # The record's department field is the release's department; the text field is the body, without it.
        assert rows[url][4] == page.meta.get("department"), url
        assert (department in rows[url][5]) == (department in page.body), url


def test_the_index_stays_within_its_file_bound(index: IndexReader) -> None:
    from newsroom.search.index import MAX_SHARDS

    shards = list((index.folder / "t").glob("*.json"))
    assert 0 < len(shards) <= index.manifest["shards"] <= MAX_SHARDS
    # The real text has keys heavy enough to be split (교육 …): the recall above went through that path too.
    assert any(name.endswith("*") for shard in shards for name in json.loads(shard.read_bytes()))

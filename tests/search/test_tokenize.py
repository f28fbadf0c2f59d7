"""The search tokenizer: the shared vectors (also checked against search.js in Chromium) and the edges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from newsroom.search.tokenize import index_terms, query_terms, stem_english, strip_josa, words

VECTORS: dict[str, Any] = json.loads((Path(__file__).with_name("vectors.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["query_terms"], ids=lambda case: case["query"])
def test_query_terms_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert query_terms(case["query"]) == case["terms"]


@pytest.mark.parametrize(("word", "stem"), VECTORS["stems"])
def test_s_stemmer_matches_the_shared_vectors(word: str, stem: str) -> None:
    assert stem_english(word) == stem


@pytest.mark.parametrize("case", VECTORS["index_terms"], ids=lambda case: case["text"])
def test_index_terms_include_every_suffix_of_korean_words(case: dict[str, Any]) -> None:
    terms = set(index_terms(case["text"]))
    assert set(case["has"]) <= terms


def test_brackets_and_corner_quotes_split_words() -> None:
    assert words("(천안시)「천안시」『천안시』“천안시”") == ["천안시"] * 4


def test_particle_stays_when_one_syllable_would_remain() -> None:
    assert strip_josa("시는") == "시는"
    assert strip_josa("천안시는") == "천안시"


def test_english_pages_are_not_split_into_suffixes() -> None:
    assert set(index_terms("smartcity")) == {"smartcity"}


def test_very_long_hangul_runs_keep_a_bounded_number_of_suffixes() -> None:
    run = "가나다라마바사아자차카타파하" * 4
    assert len(set(index_terms(run))) <= 16


@pytest.mark.parametrize(("text", "value"), VECTORS["fnv1a"])
def test_shard_hash_is_fnv1a_as_in_the_shared_vectors(text: str, value: int) -> None:
    from newsroom.search.index import fnv1a

    assert fnv1a(text) == value


def test_shard_count_is_a_bounded_power_of_two() -> None:
    from newsroom.search.index import MAX_SHARDS, shard_count

    counts = [shard_count(pages) for pages in (0, 1, 10, 131, 1000, 20_000, 10**9)]
    assert all(count & (count - 1) == 0 for count in counts)
    assert counts == sorted(counts) and counts[-1] == MAX_SHARDS == 4096


def test_index_files_hold_hashed_shards_and_documents_in_publication_order() -> None:
    import datetime as dt

    from newsroom.search.index import BUCKET, IndexedPage, build_files, fnv1a

    older = IndexedPage(url="news/a/", title="옛 소식", text="천안시의 발표", date=dt.date(2024, 1, 1))
    newer = IndexedPage(
        url="news/b/",
        title="천안시 소식",
        text="거점형스마트도시",
        date=dt.date(2025, 2, 3),
        department="스마트도시과",
        organisations=("정보통신과",),
    )
    page = IndexedPage(url="policy/", title="정책", text="(천안시)")
    files = build_files([older, newer, page], "ko", shards=16)

    manifest = json.loads(files["index.json"])
    assert manifest == {"version": 3, "lang": "ko", "documents": 3, "bucket": BUCKET, "key": 2, "shards": 16}
    shard = json.loads(files[f"t/{fnv1a('천안') % 16}.json"])
    # Ids: the undated page -1, then releases oldest first: older 0, newer 1. Value = id * 2 + in_title.
    assert shard["천안시"] == [-2, 5]  # the page (-1 * 2), then the newer release with it in its title (1 * 2 + 1)
    assert shard["천안시의"] == [0]  # the older release only: the browser finds it by prefix
    assert json.loads(files[f"t/{fnv1a('스마') % 16}.json"])["스마트도시"] == [2]
    # The department and the contacts' organisations are found, and the department is kept apart from the text.
    assert json.loads(files[f"t/{fnv1a('정보') % 16}.json"])["정보통신과"] == [2]
    assert json.loads(files[f"t/{fnv1a('도시') % 16}.json"])["도시과"] == [2]
    # Releases fill buckets 0, 1 … from id 0; pages without a date fill buckets -1, -2 … from id -1.
    assert [row[0] for row in json.loads(files["d/0.json"])] == ["news/a/", "news/b/"]
    assert [row[0] for row in json.loads(files["d/-1.json"])] == ["policy/"]
    assert json.loads(files["d/0.json"])[1][4:] == ["스마트도시과", "거점형스마트도시"]
    assert sorted(name for name in files if name.startswith("t/")) == sorted(f"t/{n}.json" for n in range(16))
    assert sorted(name for name in files if name.startswith("d/")) == ["d/-1.json", "d/0.json"]


def test_page_text_keeps_words_whole_and_leaves_out_title_and_permalinks() -> None:
    from newsroom.search.text import html_text

    html = (
        '<h1 id="t">제목<a class="headerlink" href="#t">¶</a></h1><p><strong>천안</strong>시는</p>'
        '<h2 id="s">소제목<a class="headerlink" href="#s">¶</a></h2>'
        "<table><tr><td>가</td><td>나</td></tr></table><script>var x = 1;</script>"
    )
    assert html_text(html) == "천안시는 소제목 가 나"
    # The home page's latest releases: each is its own result, and the list changes with every release.
    latest = '<h2>최근 보도자료</h2><div class="nr-latest"><ol><li><a href="x/">새 소식</a></li></ol></div><p>끝</p>'
    assert html_text(latest) == "최근 보도자료 끝"


def test_a_hot_key_keeps_the_union_and_moves_its_longer_terms_one_letter_further() -> None:
    import datetime as dt

    from newsroom.search import index

    # Enough different 교육… words over enough pages to pass HOT_KEY_BYTES.
    words = [f"교육{chr(0xAC00 + n)}{chr(0xAC00 + m)}" for n in range(40) for m in range(40)]
    docs = [
        index.IndexedPage(url=f"p/{n}/", title="제목", text=" ".join(words[n::7]), date=dt.date(2025, 1, 1 + n % 28))
        for n in range(7)
    ] + [index.IndexedPage(url="q/", title="교육", text="교육")]
    files = index.build_files(docs, "ko", shards=16)
    home = json.loads(files[f"t/{index.fnv1a('교육') % 16}.json"])
    assert "교육*" in home and "교육" in home
    for word in words[::97]:  # each longer term is in the shard of its first three letters
        assert word in json.loads(files[f"t/{index.fnv1a(word[:3]) % 16}.json"]), word
    union = home["교육*"]
    assert union[0] == -1 and sum(union) // 2 == 6  # ids -1 (the undated page, in its title) … 6, the last
    first = words[0]
    assert first in json.loads(files[f"t/{index.fnv1a(first[:3]) % 16}.json"])

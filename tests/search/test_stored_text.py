"""The text a search index stores for excerpts holds every word of a long page, within a bound."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.search.index import PASSAGES_LIMIT, TEXT_LIMIT, IndexedPage, build_files


def _stored(text: str) -> str:
    files = build_files([IndexedPage(url="p/", title="제목", text=text)], "ko")
    return json.loads(files["d/-1.json"])[0][5]  # a page without a date: id -1


def test_a_word_past_the_opening_is_stored_with_its_passage() -> None:
    filler = "교육부는 학교 현장을 지원한다. " * 400  # far past TEXT_LIMIT letters
    stored = _stored(filler + "붙임 순천향대는 의과대학·공과대학을 융합한다. " + filler)
    assert len(filler) > TEXT_LIMIT
    assert "순천향대는 의과대학·공과대학을 융합한다." in stored
    # Words the opening already holds get no passage of their own: one short passage is added.
    assert len(stored) < TEXT_LIMIT + 200


def test_a_short_page_is_stored_whole() -> None:
    text = "천안시는 스마트도시 사업을 추진한다."
    assert _stored(text) == text


_SYLLABLE = st.characters(min_codepoint=0xAC00, max_codepoint=0xAC40)
_WORDS = st.lists(st.text(_SYLLABLE, min_size=2, max_size=6), min_size=1, max_size=3000)


@settings(max_examples=40, deadline=None)
@given(_WORDS)
def test_the_stored_text_is_bounded_and_holds_each_word_while_the_bound_allows(words: list[str]) -> None:
    text = " ".join(words)
    stored = _stored(text)
    assert len(stored) <= TEXT_LIMIT + PASSAGES_LIMIT
    if len(stored) < TEXT_LIMIT + PASSAGES_LIMIT - 200:  # the passages did not reach their bound
        assert all(word in stored for word in words)

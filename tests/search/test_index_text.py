"""What the index is made from, against the plain definitions it is built to match at speed.

``index_terms`` finds the suffixes of Hangul runs with one regular expression, and ``html_text`` reads a page
with lxml's etree rather than lxml.html: both must give exactly what the definitions below give (every
suffix starting at one of a run's first MAX_SUFFIX_STARTS letters; lxml.html's fragment, its ``drop_tree`` and
``text_content``), whatever the text, or an index built by one version would differ from another's.
"""

from __future__ import annotations

import re

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.search.text import html_text
from newsroom.search.tokenize import MAX_SUFFIX_STARTS, index_terms, normalise

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")

# Letters that make runs of both kinds and the boundaries between them, white space of several kinds included.
_LETTERS = st.sampled_from(list("천안시스마트도시가나다 교육 abcS1٣\u00a0\u3000\t\n-·(「」)_ＡＢ"))

# Runs about MAX_SUFFIX_STARTS long, on both sides of the bound.
_LONG_RUNS = st.text(alphabet="천안시스마트도시가나다교육", min_size=14, max_size=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LETTERS, _LONG_RUNS), max_size=30))
def test_hangul_terms_are_every_suffix_from_the_first_letters_of_each_run(parts: list[str]) -> None:
    text = "".join(parts)
    expected = {
        run[start:] for run in _HANGUL_RUN.findall(normalise(text)) for start in range(min(len(run), MAX_SUFFIX_STARTS))
    }
    assert {term for term in index_terms(text) if _HANGUL_RUN.fullmatch(term)} == expected


def _reference_text(html: str) -> str:
    """lxml.html's reading of a fragment, as the page text was first defined."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    drop = (
        "//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]"
        " | //div[contains(concat(' ', normalize-space(@class), ' '), ' nr-latest ')] | //script | //style | //h1"
    )
    for element in root.xpath(drop):
        element.drop_tree()
    blocks = "p li td th dt dd h1 h2 h3 h4 h5 h6 div tr br blockquote pre figcaption caption summary details"
    for element in root.iter(*blocks.split()):
        element.tail = " " + (element.tail or "")
        element.text = " " + (element.text or "")
    return re.sub(r"\s+", " ", root.text_content()).strip()


_WORDS = st.sampled_from(["천안", "시는", "smart", " ", "\u00a0", "\n", "", "&amp;", "¶", "가나"])
_OPEN = st.sampled_from(
    [
        "<p>",
        "<h1>",
        "<h2>",
        "<strong>",
        "<em>",
        "<td>",
        "<li>",
        "<br>",
        "<div>",
        '<div class="nr-latest">',
        '<a class="headerlink" href="#x">',
        "<script>",
        "<style>",
        "<table><tr><td>",
        "<pre>",
        "<!-- 주석 -->",
    ]
)
_CLOSE = st.sampled_from(["</p>", "</h1>", "</h2>", "</strong>", "</td>", "</li>", "</div>", "</a>", "</script>", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDS, _OPEN, _CLOSE), max_size=40))
def test_page_text_is_what_lxml_html_reads(parts: list[str]) -> None:
    html = "".join(parts)
    expected = _reference_text(html) if html.strip() else ""
    assert html_text(html) == expected

"""The inline step that skips patterns a text cannot match gives the HTML Python-Markdown's own step gives.

The site's converter (markdown_reuse) tries an inline pattern only on a text holding a character the pattern needs
(``internals.INLINE_PATTERN_NEEDS``). These tests hold that to the same output as Python-Markdown's own inline step,
with the site's extensions: on random text made of Markdown's inline syntax, on every page of docs/ and on realistic
synthetic releases; and they check each recorded need against its expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from newsroom.mkdocs_adapter import internals

from tests.conftest import ROOT
from tests.sites import site_project

# Pieces of text Markdown's inline syntax reacts to, whole constructs and single characters, with plain words
# between them: random sequences of these reach every pattern, and every pattern's near misses.
# fmt: off
WORDS = ("천안시", "스마트도시", "교통", "word", "City", "2026", "3~5월", "10%", "(주)", "·", "“인용”")
SYNTAX = (*"*_~`\\[]()!<>&^#|:-=@./\"'", "**", "__", "~~", "``", "\\\\", " ", "  ", "\n", "  \n")
CONSTRUCTS = (
    "*강조*", "**굵게**", "_em_", "~~지움~~", "`code`", "[링크](https://example.org/a)", "![그림](a.png)", "[참조][r]",
    "[r]", "<https://example.org>", "<press@example.org>", "<span>짧은</span>", "<!-- 주석 -->", "&amp;", "&#35;",
    "&#x41;", "&nbsp", "[^1]", "\\*", "\\[", "{: .x }",
)
FRAGMENTS = WORDS + SYNTAX + CONSTRUCTS
BLOCK_STARTS = (
    "", "", "", "# ", "## ", "- ", "1. ", "> ", "| a | b |\n|---|---|\n| ", "    ", "!!! note\n    ", "용어\n:   ",
)
# fmt: on


def _site_converter_arguments() -> tuple[list[object], dict[str, dict[str, object]]]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"] or {}


EXTENSIONS, OPTIONS = _site_converter_arguments()


def _converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """Python-Markdown's own inline step, and the site's."""
    own = markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS)
    skipping = markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS)
    internals.skip_inline_patterns_that_cannot_match(skipping)
    return own, skipping


OWN, SKIPPING = _converters()


def _both(text: str) -> tuple[str, str]:
    return OWN.reset().convert(text), SKIPPING.reset().convert(text)


def test_every_inline_pattern_of_the_site_has_its_needs_recorded() -> None:
    """With the pinned engines every pattern is skipped where it cannot match (a changed expression would silently
    make the skip a no-op: this says so)."""
    needs = internals.inline_pattern_needs(SKIPPING.inlinePatterns)
    assert len(needs) == len(internals.INLINE_PATTERN_NEEDS)
    assert None not in needs
    assert type(SKIPPING.treeprocessors["inline"]).__name__ == "NeedsAwareInlineProcessor"


@pytest.mark.parametrize("name", sorted(internals.INLINE_PATTERN_NEEDS))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_match_holds_a_character_its_pattern_needs(name: str, data: st.DataObject) -> None:
    expression, needs = internals.INLINE_PATTERN_NEEDS[name]
    compiled = re.compile(expression, re.DOTALL | re.UNICODE)
    try:
        text = data.draw(st.from_regex(compiled, fullmatch=True))
    except Exception as error:  # Hypothesis cannot generate every construct (possessive quantifiers)
        pytest.skip(f"{name}: {error}")
    assert compiled.search(text)
    assert set(needs) & set(text), f"{name} matched {text!r}, which holds none of {needs!r}"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(BLOCK_STARTS), st.lists(st.sampled_from(FRAGMENTS), max_size=14)),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(("\n", "\n\n")),
)
def test_same_html_on_random_inline_syntax(blocks: list[tuple[str, list[str]]], separator: str) -> None:
    text = separator.join(start + "".join(pieces) for start, pieces in blocks) + "\n\n[r]: https://example.org/r\n"
    own, skipping = _both(text)
    assert skipping == own


def _body(page: Path) -> str:
    """The page's Markdown as MkDocs converts it: without its front matter."""
    return get_data(page.read_text(encoding="utf-8"))[0]


def _project_pages() -> Iterator[Path]:
    yield from sorted((ROOT / "docs").rglob("*.md"))


def test_same_html_on_every_page_of_the_site() -> None:
    pages = list(_project_pages())
    assert pages
    for page in pages:
        own, skipping = _both(_body(page))
        assert skipping == own, page


def test_same_html_on_realistic_releases(tmp_path: Path) -> None:
    docs = site_project(tmp_path, 60, seed=21, realistic=True).parent / "docs"
    pages = sorted(page for lang in ("ko", "en") for page in (docs / lang / "news").rglob("*/*.md"))
    assert len(pages) >= 120
    for page in pages:
        own, skipping = _both(_body(page))
        assert skipping == own, page

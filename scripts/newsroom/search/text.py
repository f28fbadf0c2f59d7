"""Plain text of a rendered page body, for the index and its excerpts."""

from __future__ import annotations

import re

import lxml.html

# Permalink anchors ("¶"), scripts and styles are not text a reader searches for; the <h1> is the
# page title, which the index keeps apart (an excerpt should not open by repeating it). The home page's
# latest releases (overrides/partials/news-latest.html) are each their own result; as the page's text they
# made the home page a match for every new title, and changed it with every release (the index could
# then never be appended to: newsroom.search.memo).
_DROP = " | ".join(
    [
        "//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]",
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' nr-latest ')]",
        "//script",
        "//style",
        "//h1",
    ]
)
_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = "p li td th dt dd h1 h2 h3 h4 h5 h6 div tr br blockquote pre figcaption caption summary details"
_BLOCKS = tuple(_BLOCK_TAGS.split())


def html_text(html: str) -> str:
    """Text of an HTML fragment with block boundaries kept as spaces, white space collapsed."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.xpath(_DROP):
        element.drop_tree()
    # Block boundaries become spaces ("<td>a</td><td>b</td>" is "a b"); inline tags do not
    # ("<strong>천안</strong>시" stays one word).
    # iter() given the tag names filters in C: inline elements (most of a page) never become Python objects.
    for element in root.iter(*_BLOCKS):
        element.tail = " " + (element.tail or "")
        element.text = " " + (element.text or "")
    return _SPACE.sub(" ", root.text_content()).strip()

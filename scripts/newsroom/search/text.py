"""Plain text of a rendered page body, for the index and its excerpts."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

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
_BLOCK_TAGS = "p li td th dt dd h1 h2 h3 h4 h5 h6 div tr br blockquote pre figcaption caption summary details"
_BLOCKS = tuple(_BLOCK_TAGS.split())


# lxml.html's parser gives every element a Python class by a lookup written in Python; etree's gives the same tree
# with none (a page's text visits thousands of elements).
_PARSER = etree.HTMLParser()
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


def _drop_tree(element: etree._Element) -> None:
    """Remove ``element`` and its children, keeping its tail (lxml.html's ``drop_tree``)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def html_text(html: str) -> str:
    """Text of an HTML fragment with block boundaries kept as spaces, white space collapsed."""
    if not html.strip():
        return ""
    if _FULL_DOCUMENT.match(html):  # never a page's content; parsed as lxml.html parses a fragment of one
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    else:
        # The body of the document lxml.html makes of a fragment, without its copy into a new <div>.
        root = etree.fromstring(f"<html><body>{html}</body></html>", _PARSER).find("body")
    for element in root.xpath(_DROP):
        _drop_tree(element)
    # Block boundaries become spaces ("<td>a</td><td>b</td>" is "a b"); inline tags do not
    # ("<strong>천안</strong>시" stays one word).
    # iter() given the tag names filters in C: inline elements (most of a page) never become Python objects.
    for element in root.iter(*_BLOCKS):
        element.tail = " " + (element.tail or "")
        element.text = " " + (element.text or "")
    # str.split() and re's \s both split at Py_UNICODE_ISSPACE: the same words, joined without a regular expression.
    return " ".join(root.xpath("string()").split())

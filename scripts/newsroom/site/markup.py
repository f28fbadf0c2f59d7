"""Markup repairs for what Material writes outside any block or partial a theme can override.

Material's ``base.html`` writes its hidden drawer and search toggles directly in ``<body>``, as
``<input type="checkbox" … autocomplete="off">``. HTML allows ``autocomplete`` on text-like inputs only, so
the W3C Nu checker reports both on every page (KWCAG 2.2 8.1.1 wants markup without errors). Material put
the attribute there so that Firefox does not restore a checked toggle when a page is reloaded;
``assets/javascripts/reset-toggles.js`` (loaded before Material's bundle) keeps that behaviour without it.
Plain text processing: it knows nothing of MkDocs (the adapter's ``markup`` feature applies it).
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^<>]*\btype=\"checkbox\"[^<>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"")


def without_checkbox_autocomplete(html: str) -> str:
    """The page with no ``autocomplete`` attribute on any checkbox; everything else unchanged."""
    return _CHECKBOX.sub(lambda tag: _AUTOCOMPLETE.sub("", tag.group(0)), html)

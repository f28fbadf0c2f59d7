"""Published HTML without the bytes no reader needs: whitespace between tags, comments, attribute quotes.

minify-html (a kept library, Rust, deterministic) does the work; the settings here are the site's choices:

- closing tags and the ``<html>``/``<head>`` opening tags are kept: the HTML validators and some assistive
  tools read them, and they cost about 2 % of a page;
- inline scripts and styles are left byte for byte as the templates wrote them (no JS or CSS minifier):
  the Content-Security-Policy lists the sha256 of each inline script, and a byte-identical script keeps
  its hash whatever order the build applies the two steps in (the plugin minifies first, then hashes);
- ``<pre>`` and ``<textarea>`` keep their whitespace (minify-html never touches it).

Where the bytes went before minifying, at 2 x 1,000 realistic releases, is in benchmarks/RESULTS.md
(issue 20): indentation and line breaks between tags were about a fifth of every page.
"""

from __future__ import annotations

import minify_html


def minified_html(html: str) -> str:
    """The page with insignificant whitespace, comments and quotes removed; same DOM, same inline scripts."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)

"""Content-Security-Policy of the built pages: only the site's own scripts, and inline ones by their hash.

A static host (GitHub Pages) sends no headers of the site's choosing, so the policy is a ``<meta http-equiv>``
at the top of ``<head>``, before any script. Inline scripts (Material's few lines in every page) are
allowed one by one by the SHA-256 of their text, computed from the page as built: a script injected
later, or changed after the build, does not run. Data blocks (``application/json``, JSON-LD) do not run
and need no hash. ``frame-ancestors``, ``report-uri`` and ``sandbox`` are left out: a ``<meta>`` policy
ignores them (and Chromium says so in the console).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping

# Material's stylesheets draw their icons as data: SVG images; nothing else comes from outside the site.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# <script type="…"> values a browser runs; any other type is a data block.
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HEAD_START = re.compile(r"<head(?:\s[^>]*)?>(?:\s*<meta charset=[^>]*>)?", re.IGNORECASE)


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    scripts: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        script_type = next((group for group in kind.groups() if group is not None), "") if kind else ""
        if script_type.strip().lower() in SCRIPT_TYPES:
            scripts.append(match.group("body"))
    return scripts


def site_policy(script_sources: Iterable[str]) -> str:
    """The site's policy, scripts allowed from the site and from ``script_sources`` (hashes of inline ones)."""
    extra = sorted(set(script_sources))
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src" and extra:
            sources = " ".join([sources, *extra])
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


def policy_for(path: str, html: str, by_path: Mapping[str, str], *, allow_inline_scripts: bool = False) -> str | None:
    """The page's policy: the longest matching prefix's in ``by_path`` ('' = none), else the site's.

    ``allow_inline_scripts`` is for a local preview server that adds a script of its own to every page.
    """
    prefixes = [prefix for prefix in by_path if path.startswith(prefix)]
    if prefixes:
        return by_path[max(prefixes, key=len)] or None
    if allow_inline_scripts:
        return site_policy(["'unsafe-inline'"])
    return site_policy(script_hash(script) for script in inline_scripts(html))


def with_policy(html: str, policy: str) -> str:
    """The page with its policy as the first thing in <head> after the charset (which must stay near the top)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    match = _HEAD_START.search(html)
    if match is None:
        raise ValueError("no <head> to put the Content-Security-Policy in")
    return f"{html[: match.end()]}{meta}{html[match.end() :]}"

"""Content-Security-Policy of the built pages: only the site's own scripts, and inline ones by their hash.

A static host (GitHub Pages) sends no headers of the site's choosing, so the policy is a ``<meta http-equiv>``
at the top of ``<head>``, before any script. Inline scripts (Material's few lines in every page) are
allowed one by one by the SHA-256 of their text, computed from the page as built: a script injected
later, or changed after the build, does not run. Data blocks (``application/json``, JSON-LD) do not run
and need no hash. ``frame-ancestors``, ``report-uri`` and ``sandbox`` are left out: a ``<meta>`` policy
ignores them (and Chromium says so in the console).

The web editor at ``/admin/`` (Sveltia CMS, one page written by ``editor/admin_page.py``) has its own
policy, ``ADMIN_DIRECTIVES`` below: what the editor needs to run, and to reach GitHub once someone signs in.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

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

# The web editor's policy, measured with @sveltia/cms 0.221.1 in Chromium: tests/browser/test_admin.py
# records every violation while the editor loads, lists, edits and saves, and finds none. Its scripts
# (bundle and chunks) all come from /admin/ and run without eval: no 'unsafe-eval'. Each source beyond
# 'self' below was refused when left out, except GitHub's two hosts: the tests have no GitHub account,
# so those come from the bundle's code (its GitHub backend's api_root default and the user's avatar_url).
GITHUB_API = "https://api.github.com"  # REST and GraphQL (/graphql) once signed in to the GitHub backend
GITHUB_AVATARS = "https://avatars.githubusercontent.com"  # the signed-in account's picture (API's avatar_url)
ADMIN_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    # Svelte adds each component's <style> element as it renders, and sets style="…" attributes: 82
    # refusals on the login screen and list alone without 'unsafe-inline'; scripts get no such leave.
    ("style-src", "'self' 'unsafe-inline'"),
    # Its default logo is a data: SVG image, which it reads (connect-src) and shows through blob: addresses.
    ("img-src", f"'self' data: blob: {GITHUB_AVATARS}"),
    ("font-src", "'self'"),
    # data: is read, not fetched from anywhere: the logo, and GitHub's status check that admin.py rewrites
    # to a data: address (it runs in local-repository mode too).
    # Not blob:: only the bundle's file and image widgets fetch their own blob: addresses (to read a new
    # picture's type), and the schema has neither (newsroom/editor/cms_config.py); add it with such a widget.
    ("connect-src", f"'self' data: {GITHUB_API}"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),  # the editor submits no form; it saves through GitHub's API
)

# <script type="…"> values a browser runs; any other type is a data block.
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HEAD_START = re.compile(r"<head(?:\s[^>]*)?>(?:\s*<meta charset=[^>]*>)?", re.IGNORECASE)


# Every page of a build has the same few inline scripts (Material's, the site's): each is hashed once.
@lru_cache(maxsize=256)
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


def _policy(directives: Sequence[tuple[str, str]], extra: Mapping[str, Iterable[str]]) -> str:
    """``directives`` as a policy, each followed by the ``extra`` sources given for it."""
    parts = []
    for name, sources in directives:
        added = sorted(set(extra.get(name, ())))
        parts.append(" ".join([name, sources, *added]))
    return "; ".join(parts)


def site_policy(script_sources: Iterable[str]) -> str:
    """The site's policy, scripts allowed from the site and from ``script_sources`` (hashes of inline ones)."""
    return _site_policy(tuple(script_sources))


@lru_cache(maxsize=256)  # the same few sets of scripts on thousands of pages
def _site_policy(script_sources: tuple[str, ...]) -> str:
    return _policy(DIRECTIVES, {"script-src": script_sources})


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an https address (or http on this machine), as a CSP source."""
    parts = urlsplit(url.strip())
    local = parts.hostname in {"localhost", "127.0.0.1", "[::1]", "::1"}
    if not (parts.scheme == "https" or (parts.scheme == "http" and local)) or not parts.hostname:
        raise ValueError(f"'{url}' is not an https:// address")
    if not re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", parts.netloc) or "@" in parts.netloc:
        raise ValueError(f"'{url}' has characters a host name cannot have")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def admin_policy(auth_url: str | None = None, *, allow_inline_scripts: bool = False) -> str:
    """The web editor's policy (``ADMIN_DIRECTIVES``).

    ``auth_url`` is the OAuth helper of "Sign In with GitHub" (the config's ``backend.base_url``): sign-in
    itself is a pop-up window, which no policy governs, but the editor renews an expiring token by
    fetching that address, so its origin is added to ``connect-src``. ``allow_inline_scripts`` is for the
    live-reload script of ``mkdocs serve``, as in the site's policy.
    """
    extra = {
        "connect-src": [origin_of(auth_url)] if auth_url else [],
        "script-src": ["'unsafe-inline'"] if allow_inline_scripts else [],
    }
    return _policy(ADMIN_DIRECTIVES, extra)


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

"""Redirect pages at the former addresses of moved releases (``redirect_from`` in the front matter).

The project's own few lines rather than mkdocs-redirects: that plugin reads its map from ``mkdocs.yml``
(not from the release's front matter), cannot vary it per language under static-i18n, writes
``<html lang="en">`` on every page and redirects with an inline script. Here each old address gets a
small page in the release's language with ``rel=canonical`` to the new address and a meta refresh
(no JavaScript), plus a plain link for anyone whose browser does not follow the refresh.
"""

from __future__ import annotations

import posixpath
from html import escape

from newsroom.site.catalogue import Redirect
from newsroom.site.labels import label


def relative_url(target: str, source: str) -> str:
    """Link from the page at site path ``source`` to the page at ``target`` (both end in '/')."""
    return posixpath.relpath("/" + target, "/" + source).rstrip("/") + "/"


def redirect_html(redirect: Redirect, site_url: str) -> str:
    """The page written at ``redirect.path``/index.html."""
    release = redirect.release
    lang = release.lang
    title = escape(release.meta.title)
    target = escape(relative_url(release.path, redirect.path))
    canonical = escape(site_url + release.path)
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "</head>\n"
        "<body>\n"
        f'<p>{escape(label(lang, "moved"))} <a href="{target}">{title}</a></p>\n'
        "</body>\n"
        "</html>\n"
    )

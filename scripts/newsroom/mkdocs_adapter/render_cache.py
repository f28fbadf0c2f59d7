"""Render what is the same on many pages once: Material's sidebar navigation and interface strings.

Profiled at 2 x 1,500 releases, Material's ``partials/nav.html`` took 12 % of a language build's
CPU, and for the thousands of pages that are not in the navigation (releases, generated
listings) its output is the same byte for byte for every page of one folder: no item is active,
and every link is relative to the page's folder. So the first rendering for a folder is kept and
reused for the folder's other pages. Pages in the navigation (they mark themselves active and may
show their table of contents) and pages with nav pages below them always render afresh.

Material's interface strings (``lang.t(key)``) are looked up once per key and language (see
``internals.memoize_template_macro``). Nothing in the templates changes. The plugin option
``render_cache: false`` turns both off (the tests compare both builds).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature

NAV_TEMPLATE = "partials/nav.html"
# Material looks every interface string up in the page language's table, then in English's.
TRANSLATIONS_TEMPLATE = "partials/languages/{language}.html"
FALLBACK_LANGUAGE = "en"
RenderFunction = Callable[[Context], Iterator[str]]


class RenderCacheFeature(Feature):
    def __init__(self) -> None:
        self._nav_urls: tuple[str, ...] = ()
        self._nav_html: dict[str, str] = {}

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self._nav_urls = tuple(page.url for page in nav.pages)
        self._nav_html = {}  # a new language build: new titles, new links

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if not self.options.render_cache:
            return env
        internals.wrap_template_render(self.patches, env, NAV_TEMPLATE, self._cached)
        # Material's t(key) builds its whole table of ~250 strings on every call (26 calls a page).
        for language in sorted({str(config.theme["language"]), FALLBACK_LANGUAGE}):
            internals.memoize_template_macro(self.patches, env, TRANSLATIONS_TEMPLATE.format(language=language), "t")
        return env

    def _folder_key(self, context: Context) -> str | None:
        """The page's folder when its navigation is the same as every other such page's there, else None."""
        page: Any = context.get("page")
        url = getattr(page, "url", None)
        if not isinstance(url, str) or url in self._nav_urls or getattr(page, "is_homepage", False):
            return None
        # A nav page below this one would be linked relative to the page itself, not to its folder.
        if url and any(nav_url.startswith(url) for nav_url in self._nav_urls):
            return None
        return posixpath.dirname(url.rstrip("/"))

    def _cached(self, render: RenderFunction) -> RenderFunction:
        def cached_render(context: Context) -> Iterator[str]:
            key = self._folder_key(context)
            if key is None:
                yield from render(context)
                return
            html = self._nav_html.get(key)
            if html is None:
                html = self._nav_html[key] = "".join(render(context))
            yield html

        return cached_render

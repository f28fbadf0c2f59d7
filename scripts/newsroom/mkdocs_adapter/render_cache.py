"""Render what is the same on many pages once: Material's page-independent template parts and interface strings.

Profiled at 2 x 1,500 releases, Material's ``partials/nav.html`` took 12 % of a language build's CPU, and the
rest of ``base.html`` about 1 ms a page. For the thousands of pages that are not in the navigation (releases,
generated listings) much of that output is the same byte for byte for every page of one folder: no nav item is
active, no previous or next page is linked, and every link is relative to the page's folder. So the first
rendering of such a part for a folder is kept and reused for the folder's other pages.

The rule (``_folder_key``): a page shares a folder's renderings when it is outside the navigation, not the home
page, has no previous or next page, and no file of the build lies below its URL (a link into a page's own folder,
``news/2025/`` to ``news/2025/x/``, is relative to the page itself, not to its folder). The key is the folder and
whether the URL is a folder URL (both decide every relative link) and, for blocks, the template being rendered.
The one link target a kept part has that is no file of the build is the search index folder (``search/``,
``en/search/``, written after the pages): no page may live at that address.
Every other page (navigation pages, the home page, pages rendered without a page: 404.html, sitemap.xml) renders
afresh.

The parts (each checked against its template source: they read only the configuration, the build language's
strings and globals, and links made relative by ``url``, ``script_tag`` or ``base_url``):

- ``FOLDER_PARTIALS``: Material's sidebar navigation, its back-to-top button and script preamble, and partials
  included in page-dependent blocks (the header shows the page title and its language switcher, so the header as a
  whole renders afresh; its search box, masthead, logo and palette do not; in ``extrahead``, the search feature's
  links).
- ``FOLDER_BLOCKS``: blocks of Material's ``base.html``. Only base.html's own definitions are wrapped: an override
  in ``overrides/`` (``scripts`` in main.html) renders afresh and reaches the kept base block through
  ``super()`` (Jinja finds a block's parent by the function object, so a wrapped override would lose it).
  None of them holds a nested block.

Material's interface strings (``lang.t(key)``) are looked up once per key and language (see
``internals.memoize_template_macro``), and the ``lang`` module that base.html imports with each page's context is
made once per build (``internals.keep_imported_module``): for every page, the navigation's included, since it
reads only the build's configuration and globals. Nothing in the templates changes. The plugin option
``render_cache: false`` turns all of it off (tests/build compares both builds byte for byte).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import Environment
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature

NAV_TEMPLATE = "partials/nav.html"
FOLDER_PARTIALS = (
    NAV_TEMPLATE,
    "partials/search.html",
    "partials/official-banner.html",
    "partials/logo.html",
    "partials/palette.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/base.html",
    "partials/top.html",
    "partials/search-head.html",
)
BASE_TEMPLATE = "base.html"
# Not kept: announce, outdated, hero and tabs render nothing on this site (tabs: no navigation.tabs), cheaper than
# looking a rendering up.
FOLDER_BLOCKS = ("styles", "libs", "fonts", "analytics", "footer", "config")
# Material looks every interface string up in the page language's table, then in English's.
TRANSLATIONS_TEMPLATE = "partials/languages/{language}.html"
# Its t(key) looks a string up in the theme language's table, then English's; the project's override also answers
# the skip link from newsroom_text (a global). It reads nothing else of the page: one module per build.
LANGUAGE_TEMPLATE = "partials/language.html"
FALLBACK_LANGUAGE = "en"
RenderFunction = Callable[[Context], Iterator[str]]
FolderKey = tuple[str, bool]


def folders_with_files(urls: Iterable[str]) -> frozenset[str]:
    """Every folder URL (``news/``, ``news/2025/``) that has a file of the build below it."""
    folders: set[str] = set()
    for url in urls:
        end = url.find("/")
        while 0 <= end < len(url) - 1:
            folders.add(url[: end + 1])
            end = url.find("/", end + 1)
    return frozenset(folders)


class RenderCacheFeature(Feature):
    def __init__(self) -> None:
        self._nav_urls: frozenset[str] = frozenset()
        self._occupied: frozenset[str] = frozenset()
        self._renderings: dict[tuple[str, str, FolderKey], str] = {}
        # Each page asks about a dozen times (one per kept part): the last page's answer is kept.
        self._last: tuple[object, FolderKey | None] = (None, None)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self._nav_urls = frozenset(page.url for page in nav.pages)
        self._occupied = folders_with_files(file.url for file in files)
        self._renderings = {}  # a new language build: new titles, new links
        self._last = (None, None)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if not self.options.render_cache:
            return env
        for template in FOLDER_PARTIALS:
            internals.wrap_template_render(self.patches, env, template, self._kept(template, per_template=False))
        for block in FOLDER_BLOCKS:
            internals.wrap_template_block(self.patches, env, BASE_TEMPLATE, block, self._kept(block, per_template=True))
        # Material's t(key) builds its whole table of ~250 strings on every call (26 calls a page).
        for language in sorted({str(config.theme["language"]), FALLBACK_LANGUAGE}):
            internals.memoize_template_macro(self.patches, env, TRANSLATIONS_TEMPLATE.format(language=language), "t")
        # base.html imports partials/language.html with the page's context on every page, and calls its t 26 times.
        internals.keep_imported_module(self.patches, env, LANGUAGE_TEMPLATE, "t")
        return env

    def _folder_key(self, context: Context) -> FolderKey | None:
        """The page's folder (and whether its URL is a folder's) when its shared parts are the same as every other
        such page's there, else None."""
        page: Any = context.get("page")
        last_page, last_key = self._last
        if page is last_page and page is not None:
            return last_key
        key = self._page_folder_key(page)
        self._last = (page, key)
        return key

    def _page_folder_key(self, page: Any) -> FolderKey | None:
        url = getattr(page, "url", None)
        if (
            not isinstance(url, str)
            or url in self._nav_urls
            or getattr(page, "is_homepage", False)
            or getattr(page, "previous_page", None) is not None
            or getattr(page, "next_page", None) is not None
            or url in self._occupied
        ):
            return None
        return posixpath.dirname(url.rstrip("/")), url.endswith("/")

    def _kept(self, part: str, *, per_template: bool) -> Callable[[RenderFunction], RenderFunction]:
        """A wrapper that keeps ``part``'s first rendering per folder; a block's key also names the page template."""

        def wrap(render: RenderFunction) -> RenderFunction:
            def kept_render(context: Context) -> Iterator[str]:
                folder = self._folder_key(context)
                if folder is None:
                    yield from render(context)
                    return
                key = (part, (context.name or "") if per_template else "", folder)
                html = self._renderings.get(key)
                if html is None:
                    html = self._renderings[key] = "".join(render(context))
                yield html

            return kept_render

        return wrap

"""The engine ledger: every private or undocumented part of an engine the project relies on, in one place.

The engines are MkDocs (or ProperDocs, its 1.x continuation), Material for MkDocs, mkdocs-static-i18n, Jinja
and python-docx, plus what the site's own JavaScript and templates assume about Material's bundle. Material
reaches end of life on 5 May 2027, MkDocs 1.6.1 is the last 1.x and static-i18n 1.3.1 is frozen: the day one of
them changes, what is listed here may silently break. So each touchpoint is recorded with the file that relies on
it and why (``TOUCHPOINTS``), and ``check_versions`` stops a build whose installed engine is not the version the
touchpoints were read against (``PINNED``), naming what to review.

This module is the ground floor: it imports nothing of the project and no engine, so every layer may use it,
the readers included. The code that reaches past a documented interface lives in two places only:
``mkdocs_adapter/internals.py`` (MkDocs, Jinja, Material, static-i18n: patches made for one build) and, for the
readers, which sit below the adapter, the python-docx accessors at the end of this module.
tests/adapter/test_internals.py scans the package so that no touchpoint appears anywhere else, and checks that
each one it finds is recorded here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from typing import Any

# The versions every touchpoint below was read against (requirements.lock pins the same).
PINNED = {
    "mkdocs": "1.6.1",
    "properdocs": "1.6.7",
    "mkdocs-material": "9.8.2",
    "mkdocs-static-i18n": "1.3.1",
    "Jinja2": "3.1.6",
    "Markdown": "3.11.3",
    "python-docx": "1.2.0",
}

# One of these runs a build; ProperDocs answers imports of ``mkdocs.*`` with its own modules
# (properdocs/replacement.py), so the distribution that matters is the one whose modules are loaded.
BUILD_ENGINES = ("mkdocs", "properdocs")

INTERNALS = "scripts/newsroom/mkdocs_adapter/internals.py"
LEDGER = "scripts/newsroom/engine_ledger.py"


@dataclass(frozen=True)
class Touchpoint:
    package: str  # distribution name, a key of PINNED
    what: str  # the private or undocumented thing
    file: str  # the file (from the repository root) whose code relies on it
    where: str  # the function of that file, or the feature, that uses it
    why: str


TOUCHPOINTS: tuple[Touchpoint, ...] = (
    # -- MkDocs (and ProperDocs, which carries the same modules) ----------------------------------------
    Touchpoint(
        "mkdocs",
        "Page.render replaced; pages._RawHTMLPreprocessor, _ExtractAnchorsTreeprocessor, _RelativePathTreeprocessor, "
        "_ExtractTitleTreeprocessor and their _register, Page._title_from_render, pages.get_toc, pages.log",
        INTERNALS,
        "render_reusing_converter (markdown_reuse feature)",
        "one Markdown converter per build instead of one per page (7-8 % of the build's CPU); the body is a copy "
        "of MkDocs 1.6.1's Page.render, so another MkDocs needs its own copy",
    ),
    Touchpoint(
        "mkdocs",
        "what Page.render leaves on a page (content, toc, _title_from_render, present_anchor_ids, links_to_anchors "
        "keyed by File) read in one process and set in another; build()'s reading loop (a Page made for a file "
        "outside the nav, then commands.build._populate_page) run for some of the files",
        INTERNALS,
        "render_result, apply_render_result, populate_pages (markdown_reuse feature, the parallel build's "
        "default-language worker)",
        "a helper process forked by the Korean worker converts part of its Markdown (the Korean worker spent 1.8 "
        "times the English one's CPU, most of it Markdown); the worker takes the helper's renderings in place of "
        "converting those pages",
    ),
    Touchpoint(
        "mkdocs",
        "commands.build._populate_page and _build_page replaced (the build loop looks them up at each call); "
        "commands.build.get_context; Page.read_source, present_anchor_ids",
        INTERNALS,
        "defer_page_builds, set_anchor_ids, anchor_ids (incremental feature, parallel build with a state folder)",
        "an incremental build renders only the pages whose key changed: a page is read but not rendered, its "
        "context is computed as MkDocs would, and a page whose key matches keeps its earlier output",
    ),
    Touchpoint(
        "mkdocs",
        "a File marked InclusionLevel.EXCLUDED added after the files event, its `page` set to a stand-in holding "
        "only present_anchor_ids: no Page is made of it, nothing copied, links to it resolve (logged at INFO) and "
        "Page.validate_anchor_links reads to_file.page.present_anchor_ids",
        INTERNALS,
        "kept_page_file (incremental feature, parallel build with a state folder)",
        "an incremental build takes the release pages (before static-i18n) and listing pages (after it) whose key "
        "is unchanged out of the build before MkDocs reads them; rebuilt pages still link to them, anchors "
        "checked, and the search layout still counts them",
    ),
    Touchpoint(
        "mkdocs",
        "PluginCollection bypassed with dict.__setitem__ to store an object under a plugin name",
        INTERNALS,
        "install_plugin_slot (search feature)",
        "Material shows its search box only when 'material/search' is a plugin; storing it without "
        "PluginCollection.__setitem__ keeps MkDocs from registering its events",
    ),
    Touchpoint(
        "properdocs",
        "mkdocs.* answered by properdocs.* (properdocs/replacement.py); the same private names of "
        "structure/pages.py as MkDocs 1.6.1; Page.render differs in one line (links_to_anchors is kept at "
        "every log level, the copy keeps it above DEBUG as 1.6.1 does)",
        INTERNALS,
        "render_reusing_converter, install_plugin_slot (under `properdocs build`)",
        "the site builds with either engine; tests/build/test_engines.py compares the two trees byte for byte",
    ),
    # -- Jinja ----------------------------------------------------------------------------------------------
    Touchpoint(
        "Jinja2",
        "Template.root_render_func replaced",
        INTERNALS,
        "wrap_template_render (render_cache feature)",
        "Material's sidebar nav and page-independent partials are rendered once per folder for pages outside the "
        "nav (12 % of a build)",
    ),
    Touchpoint(
        "Jinja2",
        "Template.blocks replaced by a copy with one block function wrapped (Jinja reads Template.blocks into each "
        "render's context and a child's extends reads its parent's; Context.super finds a block's parent by the "
        "function object, so only blocks that call no super() are wrapped)",
        INTERNALS,
        "wrap_template_block (render_cache feature)",
        "base.html's config, footer, styles and other page-independent blocks are rendered once per folder for "
        "pages outside the nav (0.25 ms of a release page's 1.0 ms of template)",
    ),
    Touchpoint(
        "Jinja2",
        "Template.make_module replaced on one template (an import with context calls it with the importing "
        "page's context; the first module is returned for every later import) and the module's t attribute "
        "replaced",
        INTERNALS,
        "keep_imported_module (render_cache feature)",
        "base.html imports partials/language.html with context on every page and calls its t 26 times; its t "
        "reads only the build's config and globals (0.03 ms of a release page's template)",
    ),
    Touchpoint(
        "Jinja2",
        "TemplateModule attribute replaced (Material's t macro of partials/languages/<lang>.html)",
        INTERNALS,
        "memoize_template_macro (render_cache feature)",
        "Material's t(key) rebuilds its table of ~250 strings on every call (4 % of a build)",
    ),
    # -- Python-Markdown ------------------------------------------------------------------------------------
    Touchpoint(
        "Markdown",
        "InlineProcessor._InlineProcessor__handleInline overridden in a subclass (its body copied, with a skip), "
        "_InlineProcessor__applyPattern called; the inline step registered as 'inline' at priority 20; the inline "
        "patterns' expressions as read (INLINE_PATTERN_NEEDS)",
        INTERNALS,
        "skip_inline_patterns_that_cannot_match, inline_pattern_needs (markdown_reuse feature)",
        "a pattern is not searched for in a text lacking every character it needs: about a third of Markdown's "
        "time on realistic releases, the same HTML (tests/adapter/test_inline_needs.py)",
    ),
    # -- Material for MkDocs: its templates and its Python side -------------------------------------------
    Touchpoint(
        "mkdocs-material",
        "partials/nav.html, search.html, logo.html, palette.html, top.html, javascripts/palette.html, "
        "javascripts/base.html and base.html's blocks styles, libs, fonts, analytics, footer and config render the "
        "same for every page of a folder outside the nav with no previous or next page (they read the config, the "
        "language's strings, globals and links made relative to the page); partials/languages/<lang>.html "
        "defines t; English is its fallback table",
        INTERNALS,
        "render_cache feature",
        "the render cache and the t memo are only right while Material's templates work that way: re-read those "
        "templates (render_cache.FOLDER_PARTIALS, FOLDER_BLOCKS) on every Material upgrade",
    ),
    Touchpoint(
        "mkdocs-material",
        "the header shows the search box when 'material/search' is in config.plugins; __config names the "
        "search worker, which the bundle starts only for a [data-md-component=search] element",
        INTERNALS,
        "search feature, overrides/partials/search.html",
        "Material's search box is kept and run by the project's own index",
    ),
    Touchpoint(
        "mkdocs-material",
        "where the theme keeps lunr, its language files, the search worker, its default favicon and "
        "stylesheet source maps",
        INTERNALS,
        "material_asset_unused (assets feature)",
        "about 1 MB that no page uses (Material search is off; theme.favicon is the site's own; the "
        "stylesheets name no source map)",
    ),
    # -- Material for MkDocs: its JavaScript bundle, as the site's own scripts and templates meet it ------
    Touchpoint(
        "mkdocs-material",
        "XMLHttpRequest.prototype.open and send overridden: the bundle fetches sitemap.xml beside every "
        '<link rel="alternate"> of the head to map its language switcher (undocumented)',
        "docs/assets/javascripts/alternate-lookups.js",
        "loaded by overrides/main.html's scripts block, before Material's bundle",
        "the switcher's links are written at build time; each look-up would cost a 404 request per page view. "
        "Only requests for */sitemap.xml fail at once; every other request is untouched",
    ),
    Touchpoint(
        "mkdocs-material",
        "the bundle fetches search_index.json when a form named 'search' exists; the search toggle is the "
        "checkbox #__search; the results use Material's md-search-result__* markup and classes",
        "docs/assets/javascripts/search.js",
        "mount (the search box), with overrides/partials/search.html",
        "the project's sharded index answers in Material's search box without loading Material's index "
        "(the form is named newsroom-search) and opens, closes and looks like Material's",
    ),
    Touchpoint(
        "mkdocs-material",
        "the markup of Material's search partial (md-search, md-search__overlay/inner/form/input/icon/options/"
        "output/scrollwrap, data-md-scrollfix) and its icon settings theme.icon.search/previous/close",
        "overrides/partials/search.html",
        "overrides partials/search.html",
        "Material's stylesheet lays the box out and its bundle opens it by these classes",
    ),
    Touchpoint(
        "mkdocs-material",
        "Material's skip-link class md-skip, its layout grid md-grid and copyright classes md-copyright, "
        "md-copyright__highlight",
        "overrides/partials/a11y-skip.html",
        "the skip link (also overrides/partials/copyright.html, overrides/partials/official-banner.html)",
        "the skip link and footer keep Material's styling and placement",
    ),
    Touchpoint(
        "mkdocs-material",
        "copies of Material 9.8.2's partials/nav-item.html and partials/toc.html (md-nav classes, __nav and __toc "
        "ids) with the changes the W3C Nu checker needs; base.html's autocomplete on the __drawer/__search "
        "toggles, removed after rendering (newsroom/site/markup.py) and kept closed by "
        "docs/assets/javascripts/reset-toggles.js",
        "overrides/partials/nav-item.html",
        "overrides/partials/toc.html, docs/assets/javascripts/reset-toggles.js",
        'Material writes tabindex="", a label for a missing input and autocomplete on checkboxes, invalid HTML; '
        "tests/site/test_nu_valid.py rebuilds each copy from the installed Material and fails when it changed",
    ),
    Touchpoint(
        "mkdocs-material",
        "Material's class names as selectors (md-typeset, md-header, md-banner, md-button, md-search-result*, "
        "md-search__scrollwrap) and its --md-* colour properties",
        "docs/assets/css/site.css",
        "also docs/assets/css/a11y.css, docs/assets/css/news.css, docs/assets/css/search.css",
        "the site's look and the accessibility fixes sit on Material's markup; the colour properties are "
        "documented, the class names are not",
    ),
    # -- static-i18n ----------------------------------------------------------------------------------------
    Touchpoint(
        "mkdocs-static-i18n",
        "plugin.current_language and plugin.building",
        INTERNALS,
        "build_one_language (parallel build)",
        "a worker builds one language and must not start static-i18n's nested builds of the others",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "plugin.default_language, build_languages, extra_alternate, config.fallback_to_default",
        INTERNALS,
        "i18n_plugin_settings (i18n feature, parallel build)",
        "the languages of the build and the switcher entries of the language homes",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "File.locale, localization, locale_alternate_of, norm_src_uri, alternates",
        INTERNALS,
        "file_locale, file_language_key, file_alternates, mark_localized (i18n, news and search features)",
        "the language a page's text is in, the key shared by its translations, and generated pages that "
        "static-i18n's switcher and page context accept as its own",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "config.extra.alternate set as an attribute (it shadows the mapping key in Jinja)",
        INTERNALS,
        "switcher, set_switcher (i18n feature)",
        "the switcher leads to the same page in the other language",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "after each language it calls on_post_build and reads search_index.entries of 'material/search'",
        INTERNALS,
        "search feature's slot",
        "the slot stands in for Material's search plugin, so it must answer both",
    ),
    # -- python-docx ----------------------------------------------------------------------------------------
    Touchpoint(
        "python-docx",
        "_Cell._tc (the cell's XML element)",
        LEDGER,
        "docx_cell_element (read/docx.py)",
        "a merged cell is repeated at every grid position it covers; its element identifies it once",
    ),
    Touchpoint(
        "python-docx",
        "Table._tbl (the table's XML element: its w:tr rows and w:tc cells with their grid spans)",
        LEDGER,
        "docx_table_element (read/docx.py)",
        "rows and spans are bounded as declared, before python-docx lays the grid out (it allocates per position)",
    ),
)


# What Material puts into every built page, as audited: its JavaScript bundle and its two stylesheets, by path in
# the theme and SHA-256. Material's end of life (5 May 2027) leaves this code in every page already published, with
# no more fixes: tests check that the installed theme ships these bytes and that pages load nothing else of it, so
# a changed bundle is read before it reaches a reader (handbook/engines.md).
MATERIAL_PAGE_ASSETS = {
    "assets/javascripts/bundle.a5f9d56c.min.js": "b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f",
    "assets/stylesheets/main.57a0d79d.min.css": "57a0d79d880c51fe0fa86e34640429eefc664e85f1906c885beed544fd00a9ed",
    "assets/stylesheets/palette.fb2fffe2.min.css": "fb2fffe2c525a359e29ee030c77ffdead459d9d73888c34213d4773262a832ab",
}


class EngineVersionError(RuntimeError):
    """An installed engine is not the version the touchpoints were read against."""


def running_engine() -> str:
    """The distribution whose modules answer ``import mkdocs`` in this process (MkDocs unless ProperDocs runs)."""
    loaded = sys.modules.get("mkdocs")
    return "properdocs" if getattr(loaded, "__name__", "mkdocs") == "properdocs" else "mkdocs"


def installed_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for package in PINNED:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def version_problems(installed: dict[str, str | None], engine: str = "mkdocs") -> list[str]:
    """One message per package whose installed version differs from PINNED, naming what to review.

    Of the build engines only ``engine``, the one running, counts: the other may be absent or any version."""
    problems: list[str] = []
    for package, pinned in PINNED.items():
        found = installed.get(package)
        if found == pinned or (package in BUILD_ENGINES and package != engine):
            continue
        review = "; ".join(
            f"{point.what} ({point.file}: {point.where})" for point in TOUCHPOINTS if point.package == package
        )
        problems.append(
            f"{package} is {found or 'not installed'}, the newsroom adapter was checked against {pinned}: "
            f"review {review}; then update PINNED in {LEDGER}"
        )
    return problems


def check_versions() -> None:
    problems = version_problems(installed_versions(), running_engine())
    if problems:
        raise EngineVersionError("\n".join(problems))


# -- python-docx: the readers' touchpoints (the readers sit below the adapter, so they live here) ----------


def docx_cell_element(cell: Any) -> object:
    """The XML element of a table cell: python-docx gives a new proxy per grid position of a merged cell."""
    return cell._tc


def docx_table_element(table: Any) -> Any:
    """The XML element of a table (``tr_lst`` rows, each with ``tc_lst`` cells and their ``grid_span``)."""
    return table._tbl

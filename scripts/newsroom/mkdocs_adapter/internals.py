"""Every private or undocumented part of MkDocs, Material, static-i18n, Jinja and python-docx the project uses.

Material for MkDocs is in maintenance and reaches end of life in May 2027, MkDocs 1.6.1 is the last 1.x and
static-i18n 1.3.1 is frozen: the day one of them is upgraded, what this module relies on may silently change.
So everything that reaches past a documented API goes through here, each touchpoint named with why it is
needed (``TOUCHPOINTS``), and ``check_versions`` stops the build when an installed version is not the one
these touchpoints were read against, naming what to review. tests/adapter/test_internals.py scans the rest
of the package so that a new touchpoint cannot slip in elsewhere.

Anything patched goes through ``Patches`` and is put back when the build ends (as static-i18n puts back
``mkdocs.utils.clean_directory``).

Engine imports are made inside the functions: the converter uses the python-docx touchpoint and must not
load MkDocs for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown
    from jinja2 import Environment
    from jinja2.runtime import Context
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

# The versions every touchpoint below was read against (requirements.lock pins the same).
PINNED = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.2",
    "mkdocs-static-i18n": "1.3.1",
    "Jinja2": "3.1.6",
    "python-docx": "1.2.0",
}


@dataclass(frozen=True)
class Touchpoint:
    package: str  # distribution name, a key of PINNED
    what: str  # the private or undocumented thing
    where: str  # the function of this module (or the feature) that uses it
    why: str


TOUCHPOINTS: tuple[Touchpoint, ...] = (
    Touchpoint(
        "mkdocs",
        "Page.render replaced; pages._RawHTMLPreprocessor, _ExtractAnchorsTreeprocessor, _RelativePathTreeprocessor, "
        "_ExtractTitleTreeprocessor and their _register, Page._title_from_render, pages.get_toc, pages.log",
        "render_reusing_converter (markdown_reuse feature)",
        "one Markdown converter per build instead of one per page (7-8 % of the build's CPU); the body is a copy "
        "of MkDocs 1.6.1's Page.render, so another MkDocs needs its own copy",
    ),
    Touchpoint(
        "mkdocs",
        "commands.build._populate_page and _build_page replaced (the build loop looks them up at each call); "
        "commands.build.get_context; Page.read_source, present_anchor_ids",
        "defer_page_builds, set_anchor_ids, anchor_ids (incremental feature, parallel build with a state folder)",
        "an incremental build renders only the pages whose key changed: a page is read but not rendered, its "
        "context is computed as MkDocs would, and a page whose key matches keeps its earlier output",
    ),
    Touchpoint(
        "mkdocs",
        "PluginCollection bypassed with dict.__setitem__ to store an object under a plugin name",
        "install_plugin_slot (search feature)",
        "Material shows its search box only when 'material/search' is a plugin; storing it without "
        "PluginCollection.__setitem__ keeps MkDocs from registering its events",
    ),
    Touchpoint(
        "Jinja2",
        "Template.root_render_func replaced",
        "wrap_template_render (render_cache feature)",
        "Material's sidebar nav is rendered once per folder for pages outside the nav (12 % of a build)",
    ),
    Touchpoint(
        "Jinja2",
        "TemplateModule attribute replaced (Material's t macro of partials/languages/<lang>.html)",
        "memoize_template_macro (render_cache feature)",
        "Material's t(key) rebuilds its table of ~250 strings on every call (4 % of a build)",
    ),
    Touchpoint(
        "mkdocs-material",
        "partials/nav.html renders the same for every page of a folder outside the nav; "
        "partials/languages/<lang>.html defines t; English is its fallback table",
        "render_cache feature",
        "the nav cache and the t memo are only right while Material's templates work that way",
    ),
    Touchpoint(
        "mkdocs-material",
        "the header shows the search box when 'material/search' is in config.plugins; __config names the "
        "search worker, which the bundle starts only for a [data-md-component=search] element",
        "search feature, overrides/partials/search.html",
        "Material's search box is kept and run by the project's own index",
    ),
    Touchpoint(
        "mkdocs-material",
        "where the theme keeps lunr, its language files, the search worker, its default favicon and "
        "stylesheet source maps",
        "material_asset_unused (assets feature)",
        "about 1 MB that no page uses (Material search is off; theme.favicon is the site's own; the "
        "stylesheets name no source map)",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "plugin.current_language and plugin.building",
        "build_one_language (parallel build)",
        "a worker builds one language and must not start static-i18n's nested builds of the others",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "plugin.default_language, build_languages, extra_alternate, config.fallback_to_default",
        "i18n_plugin_settings (i18n feature, parallel build)",
        "the languages of the build and the switcher entries of the language homes",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "File.locale, localization, locale_alternate_of, norm_src_uri, alternates",
        "file_locale, file_language_key, file_alternates, mark_localized (i18n, news and search features)",
        "the language a page's text is in, the key shared by its translations, and generated pages that "
        "static-i18n's switcher and page context accept as its own",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "config.extra.alternate set as an attribute (it shadows the mapping key in Jinja)",
        "switcher, set_switcher (i18n feature)",
        "the switcher leads to the same page in the other language",
    ),
    Touchpoint(
        "mkdocs-static-i18n",
        "after each language it calls on_post_build and reads search_index.entries of 'material/search'",
        "search feature's slot",
        "the slot stands in for Material's search plugin, so it must answer both",
    ),
    Touchpoint(
        "python-docx",
        "_Cell._tc (the cell's XML element)",
        "docx_cell_element (read/docx.py)",
        "a merged cell is repeated at every grid position it covers; its element identifies it once",
    ),
    Touchpoint(
        "python-docx",
        "Table._tbl (the table's XML element: its w:tr rows and w:tc cells with their grid spans)",
        "docx_table_element (read/docx.py)",
        "rows and spans are bounded as declared, before python-docx lays the grid out (it allocates per position)",
    ),
)


class EngineVersionError(RuntimeError):
    """An installed engine is not the version the touchpoints were read against."""


def installed_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for package in PINNED:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def version_problems(installed: dict[str, str | None]) -> list[str]:
    """One message per package whose installed version differs from PINNED, naming what to review."""
    problems: list[str] = []
    for package, pinned in PINNED.items():
        found = installed.get(package)
        if found == pinned:
            continue
        review = "; ".join(f"{point.what} ({point.where})" for point in TOUCHPOINTS if point.package == package)
        problems.append(
            f"{package} is {found or 'not installed'}, the newsroom adapter was checked against {pinned}: "
            f"review in scripts/newsroom/mkdocs_adapter/internals.py: {review}; then update PINNED there"
        )
    return problems


def check_versions() -> None:
    problems = version_problems(installed_versions())
    if problems:
        raise EngineVersionError("\n".join(problems))


class Patches:
    """Attributes replaced for one build, put back (newest first) when it ends."""

    def __init__(self) -> None:
        self._saved: list[tuple[object, str, Any]] = []

    def replace(self, owner: object, name: str, value: Any) -> None:
        self._saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    def restore(self) -> None:
        while self._saved:
            owner, name, original = self._saved.pop()
            setattr(owner, name, original)

    def __len__(self) -> int:
        return len(self._saved)


# -- MkDocs: Page.render with a reused converter ---------------------------------------------------


def page_class() -> type[Page]:
    from mkdocs.structure.pages import Page

    return Page


def render_reusing_converter(converter: Callable[[MkDocsConfig], markdown.Markdown]) -> Callable[..., None]:
    """MkDocs 1.6.1's ``Page.render`` with the converter given by ``converter(config)`` (the per-page
    processors are re-registered under their fixed names, which replaces the previous page's)."""
    from mkdocs.structure import pages

    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = converter(config)
        raw_html_ext = pages._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = pages._RelativePathTreeprocessor(self.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        self.content = md.convert(self.markdown)
        self.toc = pages.get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if pages.log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors

    return render


def defer_page_builds(
    patches: Patches,
    deferred: Callable[[Page], bool],
    reuse: Callable[[Page, dict[str, Any]], bool],
) -> None:
    """MkDocs 1.6.1's build: a page for which ``deferred(page)`` is true is only read (title, meta) where MkDocs
    would render it; where MkDocs would build it, its context is made and given to the plugins first, then
    ``reuse(page, context)`` says whether its earlier output stands (nothing more is done) or it is rendered
    and built as usual."""
    from mkdocs.commands import build as build_module

    populate, build_page = build_module._populate_page, build_module._build_page
    seen: dict[str, Files] = {}

    def populate_page(page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
        seen["files"] = files
        if deferred(page):
            page.read_source(config)
            return
        populate(page, config, files, dirty)

    def build_deferred_page(
        page: Page,
        config: MkDocsConfig,
        doc_files: Any,
        nav: Any,
        env: Environment,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        if deferred(page):
            page.active = True
            try:
                context = build_module.get_context(nav, doc_files, config, page)
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                if reuse(page, context):
                    return
            finally:
                page.active = False
            populate(page, config, seen["files"], dirty)
        build_page(page, config, doc_files, nav, env, dirty, excluded)

    patches.replace(build_module, "_populate_page", populate_page)
    patches.replace(build_module, "_build_page", build_deferred_page)


def set_anchor_ids(page: Page, anchors: set[str]) -> None:
    """The anchors a page's earlier rendering found (MkDocs checks links to them after building)."""
    page.present_anchor_ids = set(anchors)


def anchor_ids(page: Page) -> set[str]:
    return set(getattr(page, "present_anchor_ids", None) or ())


def install_plugin_slot(config: MkDocsConfig, name: str, slot: object) -> None:
    # dict.__setitem__: PluginCollection's own would register the slot's methods as build events.
    dict.__setitem__(config.plugins, name, slot)


# -- Jinja: one template's render function, one template module's macro -----------------------------

RenderFunction = Callable[["Context"], Iterator[str]]


def wrap_template_render(
    patches: Patches, env: Environment, template_name: str, wrap: Callable[[RenderFunction], RenderFunction]
) -> None:
    template = env.get_template(template_name)
    patches.replace(template, "root_render_func", wrap(template.root_render_func))


def memoize_template_macro(patches: Patches, env: Environment, template_name: str, macro: str) -> bool:
    """Answer each argument of a one-argument macro from a dict after its first call; False if no such template."""
    from jinja2 import TemplateNotFound

    try:
        module = env.get_template(template_name).module
    except TemplateNotFound:
        return False
    lookup = getattr(module, macro)
    answers: dict[str, Any] = {}

    def memoized(key: str) -> Any:
        if key not in answers:
            answers[key] = lookup(key)
        return answers[key]

    patches.replace(module, macro, memoized)
    return True


# -- Material: assets no page uses -----------------------------------------------------------------

# lunr and its language files, and the search worker (with its source map): Material search is off.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
# Material's own favicon, shipped even when theme.favicon names another file.
MATERIAL_FAVICON = "assets/images/favicon.png"
# Material's minified stylesheets carry no sourceMappingURL comment, so nothing ever loads their maps.
MATERIAL_STYLESHEET_MAPS = ("assets/stylesheets/", ".css.map")


def material_asset_unused(src_uri: str, favicon: str) -> bool:
    """A file Material copies into every site that no page of this one references."""
    folder, suffix = MATERIAL_STYLESHEET_MAPS
    return (
        src_uri.startswith(MATERIAL_SEARCH_ASSETS)
        or (src_uri == MATERIAL_FAVICON and favicon != MATERIAL_FAVICON)
        or (src_uri.startswith(folder) and src_uri.endswith(suffix))
    )


# -- static-i18n ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class I18nPluginSettings:
    default_language: str
    build_languages: list[str]
    fallback_to_default: bool
    home_switcher: list[dict[str, str]]


def i18n_plugin_settings(config: MkDocsConfig) -> I18nPluginSettings | None:
    """static-i18n's own settings, or None when the site does not use it."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return None
    return I18nPluginSettings(
        default_language=str(plugin.default_language),
        build_languages=[str(language) for language in plugin.build_languages],
        fallback_to_default=bool(plugin.config.fallback_to_default),
        home_switcher=[dict(entry) for entry in plugin.extra_alternate or []],
    )


def build_one_language(config: MkDocsConfig, language: str) -> None:
    """Tell static-i18n that this build is ``language`` only: it starts with the language already set (it sets
    the default only when none is), and ``building`` tells its on_post_build the other languages are not its job."""
    plugin = config.plugins["i18n"]
    plugin.current_language = language
    plugin.building = True


def file_locale(file: File) -> str | None:
    """The language folder (docs/ko, docs/en) the file's text came from; None for a file static-i18n did not place."""
    locale = getattr(file, "locale", None)
    return str(locale) if locale else None


def file_language_key(file: File) -> str:
    """The source path without its language folder: shared by a page and its translations."""
    return str(getattr(file, "norm_src_uri", None) or file.src_uri)


def file_alternates(file: File) -> dict[str, File]:
    return dict(getattr(file, "alternates", None) or {})


def mark_localized(file: File, lang: str, language_key: str, alternates: dict[str, File]) -> None:
    """Give a generated file the attributes static-i18n gives its own: its page context and switcher read them."""
    file.locale = lang  # type: ignore[attr-defined]
    file.localization = lang  # type: ignore[attr-defined]
    file.locale_alternate_of = lang  # type: ignore[attr-defined]
    file.norm_src_uri = language_key  # type: ignore[attr-defined]
    file.alternates = alternates  # type: ignore[attr-defined]


def switcher(config: MkDocsConfig) -> list[dict[str, str]]:
    # static-i18n assigns the switcher as an attribute of `extra`, which shadows the mapping key in Jinja.
    entries = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    return list(entries) if isinstance(entries, list) else []


def set_switcher(config: MkDocsConfig, entries: list[dict[str, str]]) -> None:
    config.extra["alternate"] = entries
    config.extra.alternate = entries


# -- python-docx ------------------------------------------------------------------------------------


def docx_cell_element(cell: Any) -> object:
    """The XML element of a table cell: python-docx gives a new proxy per grid position of a merged cell."""
    return cell._tc


def docx_table_element(table: Any) -> Any:
    """The XML element of a table (``tr_lst`` rows, each with ``tc_lst`` cells and their ``grid_span``)."""
    return table._tbl

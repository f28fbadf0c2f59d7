"""The code that reaches past the documented interfaces of MkDocs, Material, static-i18n and Jinja.

What each part relies on, why, and the versions it was read against are recorded in the engine ledger
(``newsroom/engine_ledger.py``: ``TOUCHPOINTS``, ``PINNED``), below every layer; this module holds the adapter's
side of it, the patches made for one build. ``check_versions`` (from the ledger) stops the build when an
installed engine is not the pinned one. tests/adapter/test_internals.py scans the package so that a new
touchpoint cannot slip in elsewhere, and checks that each one is in the ledger.

Anything patched goes through ``Patches`` and is put back when the build ends (as static-i18n puts back
``mkdocs.utils.clean_directory``).

Engine imports are made inside the functions, so that loading this module loads no engine.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# The records live in the ledger; the features read them through this module as before.
from newsroom.engine_ledger import PINNED as PINNED
from newsroom.engine_ledger import EngineVersionError as EngineVersionError
from newsroom.engine_ledger import check_versions as check_versions

if TYPE_CHECKING:
    import markdown
    from jinja2 import Environment
    from jinja2.runtime import Context
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page


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


@dataclass(frozen=True)
class RenderResult:
    """What MkDocs 1.6.1's ``Page.render`` leaves on a page, in a form another process can send: the pages that
    ``links_to_anchors`` names are given by their place in the build's ``Files``."""

    content: str | None
    toc: Any
    title: str | None
    anchors: set[str]
    links_to_anchors: list[tuple[int, dict[str, str]]] | None


def render_result(page: Page, places: dict[int, int]) -> RenderResult:
    """``page``'s rendering; ``places`` maps ``id(file)`` to the file's place in the build's ``Files``."""
    links = page.links_to_anchors
    return RenderResult(
        content=page.content,
        toc=page.toc,
        title=page._title_from_render,
        anchors=set(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else [(places[id(file)], dict(to)) for file, to in links.items()],
    )


def apply_render_result(page: Page, result: RenderResult, files: list[File]) -> None:
    """Leave on ``page`` what ``Page.render`` would have (``files``: the build's ``Files`` in order)."""
    page.content = result.content
    page.toc = result.toc
    page._title_from_render = result.title
    page.present_anchor_ids = result.anchors
    if result.links_to_anchors is not None:
        page.links_to_anchors = {files[place]: to for place, to in result.links_to_anchors}


def populate_pages(config: MkDocsConfig, files: Files, wanted: set[str]) -> None:
    """MkDocs 1.6.1's reading loop (``build``: a page made for a file outside the nav, then ``_populate_page``) for
    the documentation pages whose ``src_uri`` is in ``wanted``, in the build's order."""
    from mkdocs.commands import build as build_module
    from mkdocs.structure.pages import Page

    for file in files.documentation_pages():
        if file.src_uri not in wanted:
            continue
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
        if file.page is not None:
            build_module._populate_page(file.page, config, files)


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


class _KeptPage:
    """Stands in for the Page of a file whose page an incremental build kept: links to its anchors are checked
    against the anchors its last rendering found."""

    def __init__(self, anchors: set[str]) -> None:
        self.present_anchor_ids = set(anchors)


def kept_page_file(config: MkDocsConfig, src_uri: str, dest_uri: str, anchors: set[str]) -> File:
    """A page MkDocs must not read, render or write but that other pages may link to (with their anchors checked).

    Marked excluded, MkDocs makes no Page of it, copies nothing and resolves links to it as to any page (logging
    them at INFO only); ``Page.validate_anchor_links`` reads ``present_anchor_ids`` from its stand-in page.
    """
    from mkdocs.structure.files import File, InclusionLevel

    file = File(
        src_uri,
        config.docs_dir,
        config.site_dir,
        config.use_directory_urls,
        dest_uri=dest_uri,
        inclusion=InclusionLevel.EXCLUDED,
    )
    file.page = _KeptPage(anchors)  # type: ignore[assignment]
    return file


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


def wrap_template_block(
    patches: Patches, env: Environment, template_name: str, block: str, wrap: Callable[[RenderFunction], RenderFunction]
) -> bool:
    """Wrap one block as ``template_name`` defines it (a child template's override of it is not wrapped); False if
    the template does not define it. Jinja copies ``Template.blocks`` into each render's context, and a child
    template's ``extends`` reads its parent's, so the wrapped function is the one every page reaches."""
    template = env.get_template(template_name)
    if block not in template.blocks:
        return False
    patches.replace(template, "blocks", {**template.blocks, block: wrap(template.blocks[block])})
    return True


def memoize_template_macro(patches: Patches, env: Environment, template_name: str, macro: str) -> bool:
    """Answer each argument of a one-argument macro from a dict after its first call; False if no such template."""
    from jinja2 import TemplateNotFound

    try:
        module = env.get_template(template_name).module
    except TemplateNotFound:
        return False
    patches.replace(module, macro, _memoized(getattr(module, macro)))
    return True


def _memoized(lookup: Callable[[str], Any]) -> Callable[[str], Any]:
    answers: dict[str, Any] = {}

    def memoized(key: str) -> Any:
        if key not in answers:
            answers[key] = lookup(key)
        return answers[key]

    return memoized


def keep_imported_module(patches: Patches, env: Environment, template_name: str, macro: str) -> bool:
    """Make a template imported ``with context`` into a module once per build, with its one-argument ``macro``
    memoized: Jinja's import calls ``Template.make_module`` with the importing page's context on every page. Only
    right for a template whose module reads nothing of that context but what stays the same for the build; False
    if no such template."""
    from jinja2 import TemplateNotFound

    try:
        template = env.get_template(template_name)
    except TemplateNotFound:
        return False
    make_module = template.make_module
    kept: list[Any] = []

    def make_kept_module(vars: Any = None, shared: bool = False, locals: Any = None) -> Any:
        if not kept:
            module = make_module(vars, shared, locals)
            setattr(module, macro, _memoized(getattr(module, macro)))
            kept.append(module)
        return kept[0]

    patches.replace(template, "make_module", make_kept_module)
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


# -- Python-Markdown: inline patterns tried only on text that can hold a match ---------------------------------

# Python-Markdown's inline step tries every inline pattern on every text of a page, one regular expression search
# each, and nearly all fail: most text of a release holds none of the few characters Markdown's inline syntax is
# made of. For each pattern of the site's extensions, by its registered name: its expression as read in the pinned
# versions, and characters of which every match holds at least one (a literal the expression cannot match without).
# A pattern not listed here, or whose expression is not the one read, is tried on every text, as before.
INLINE_PATTERN_NEEDS: dict[str, tuple[str, str]] = {
    "backtick": (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", "`"),  # both branches need a backtick
    "escape": (r"\\(.)", "\\"),
    "footnote": (r"\[\^([^\]]*)\]", "["),
    "reference": (r"(?<!\!)\[", "["),
    "link": (r"(?<!\!)\[", "["),
    "image_link": (r"\!\[", "["),
    "image_reference": (r"\!\[", "["),
    "short_reference": (r"(?<!\!)\[", "["),
    "short_image_ref": (r"\!\[", "["),
    "autolink": (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", "<"),
    "automail": (r"<([^<> !]+@[^@<> ]+)>", "<"),
    "linebreak": ("  \\n", "\n"),
    "html": (  # every branch opens with "<"
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?"""
        r"""|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""",
        "<",
    ),
    "entity": (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", "&"),
    "em_strong": (r"\*|_", "*_"),
    "delimiter": (r"\~", "~"),  # pymdownx.tilde
}
# Where Python-Markdown registers its inline step among the tree processors (its documented default priority).
INLINE_STEP_PRIORITY = 20


def inline_pattern_needs(patterns: Any) -> list[frozenset[str] | None]:
    """For each pattern of ``patterns`` (a Python-Markdown registry), in the order they are tried: the characters
    a text must hold for it to match, or None where that is not known (the pattern is always tried)."""
    needs: list[frozenset[str] | None] = [None] * len(patterns)
    for name, (expression, characters) in INLINE_PATTERN_NEEDS.items():
        if name in patterns:
            place = patterns.get_index_for_name(name)
            if patterns[place].getCompiledRegExp().pattern == expression:
                needs[place] = frozenset(characters)
    return needs


@functools.cache
def _needs_aware_inline_step() -> type:
    from markdown import util
    from markdown.treeprocessors import InlineProcessor

    class NeedsAwareInlineProcessor(InlineProcessor):
        """Python-Markdown's ``InlineProcessor`` whose ``__handleInline`` skips a pattern on a text that lacks every
        character the pattern needs: the result a failed search gives, without the search."""

        def __init__(self, md: markdown.Markdown) -> None:
            super().__init__(md)
            self.needs: list[frozenset[str] | None] = []

        def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
            self.needs = inline_pattern_needs(self.inlinePatterns)  # the registry may change between pages
            return super().run(tree, ancestors)

        # Python-Markdown 3.11.3's InlineProcessor.__handleInline with the skip added.
        def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
            if isinstance(data, util.AtomicString):
                return data
            needs, patterns = self.needs, self.inlinePatterns
            count = len(patterns)
            start = 0
            present: set[str] | None = None  # the text's characters, taken again after each match changes it
            while patternIndex < count:
                need = needs[patternIndex]
                if need is not None:
                    if present is None:
                        present = set(data)
                    if need.isdisjoint(present):
                        patternIndex += 1
                        start = 0
                        continue
                data, matched, start = self._InlineProcessor__applyPattern(
                    patterns[patternIndex], data, patternIndex, start
                )
                if matched:
                    present = None
                else:
                    patternIndex += 1
            return data

    return NeedsAwareInlineProcessor


def skip_inline_patterns_that_cannot_match(converter: markdown.Markdown) -> None:
    """Give ``converter`` the inline step that skips patterns a text cannot match (the same HTML; about a third of
    Markdown's time on realistic releases: benchmarks/RESULTS.md)."""
    converter.treeprocessors.register(_needs_aware_inline_step()(converter), "inline", INLINE_STEP_PRIORITY)

"""MkDocs plugin ``newsroom``: dispatches build events to the features, in a fixed order.

When it loads it checks the engine versions its private touchpoints were read against (``internals``);
whatever a feature patched for the build is put back when the build ends or fails.
"""

from __future__ import annotations

import gc
from typing import Any, TypeVar

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.config import NewsroomConfig
from newsroom.mkdocs_adapter.feature import Feature
from newsroom.mkdocs_adapter.incremental import IncrementalFeature, IncrementalRun

FeatureKind = TypeVar("FeatureKind", bound=Feature)


def _features() -> list[Feature]:
    # Imported here so that each feature module stays independent of the others.
    from newsroom.mkdocs_adapter.admin import AdminFeature
    from newsroom.mkdocs_adapter.assets import AssetsFeature
    from newsroom.mkdocs_adapter.csp import CspFeature
    from newsroom.mkdocs_adapter.fonts import FontsFeature
    from newsroom.mkdocs_adapter.i18n import I18nFeature
    from newsroom.mkdocs_adapter.markdown_reuse import MarkdownReuseFeature
    from newsroom.mkdocs_adapter.markup import MarkupFeature
    from newsroom.mkdocs_adapter.minify import MinifyFeature
    from newsroom.mkdocs_adapter.news import NewsFeature
    from newsroom.mkdocs_adapter.render_cache import RenderCacheFeature
    from newsroom.mkdocs_adapter.search import SearchFeature

    i18n = I18nFeature()
    news = NewsFeature()
    search = SearchFeature()
    # Incremental after the features that fill a page's context and collect from it (its key and record
    # are taken from what they leave); the CSP comes last: it hashes the inline scripts of the page as the
    # other features leave it.
    return [
        i18n,
        news,
        search,
        RenderCacheFeature(),
        MarkdownReuseFeature(),
        AdminFeature(),
        FontsFeature(),
        AssetsFeature(),
        IncrementalFeature(i18n, news, search),
        MarkupFeature(),
        MinifyFeature(),
        CspFeature(),
    ]


class NewsroomPlugin(BasePlugin[NewsroomConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.features = _features()
        self.patches = internals.Patches()
        self.serving = False
        self.worker = False  # a worker process of the parallel build (build_in_worker)

    def _feature(self, kind: type[FeatureKind]) -> FeatureKind:
        """The build's one feature of ``kind``."""
        return next(feature for feature in self.features if isinstance(feature, kind))

    def build_incrementally(self, run: IncrementalRun) -> None:
        """This (worker) process's build keeps the outputs of pages whose key is unchanged (parallel build)."""
        incremental = self._feature(IncrementalFeature)
        incremental.run = run
        incremental.search.keep_index(run.state_dir, run.fingerprint, run.use_state)

    def build_in_worker(self, *, default_language: bool) -> None:
        """This process is a worker of the parallel build: it ends with its build, so what it has read stays to the
        end (frozen once every page is read: see on_env) but for the releases, dropped before the search index is
        built (NewsFeature.ends_with_build); the default language's worker, the slowest, converts part
        of its Markdown in a helper process (markdown_reuse)."""
        self.worker = True
        from newsroom.mkdocs_adapter.markdown_reuse import MarkdownReuseFeature
        from newsroom.mkdocs_adapter.news import NewsFeature

        self._feature(NewsFeature).ends_with_build = True
        if default_language:
            self._feature(MarkdownReuseFeature).share_with_helper()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` injects its live-reload script into every page it serves (see the CSP feature).
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            internals.check_versions()
        except internals.EngineVersionError as error:
            raise PluginError(f"newsroom: {error}") from error
        for feature in self.features:
            feature.options = self.config
            feature.patches = self.patches
            feature.serving = self.serving
            feature.on_config(config)
        return config

    # Before static-i18n (priority -100): files removed here never reach its fallback, alternates or sitemap.
    @event_priority(-50)
    def _on_files_raw(self, files: Files, *, config: MkDocsConfig) -> Files:
        for feature in self.features:
            files = feature.on_files(files, config)
        return files

    # After static-i18n: it would drop generated pages (they have no source file in docs_dir).
    @event_priority(-110)
    def _on_files_localized(self, files: Files, *, config: MkDocsConfig) -> Files:
        for feature in self.features:
            files = feature.on_files_localized(files, config)
        return files

    on_files = CombinedEvent(_on_files_raw, _on_files_localized)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for feature in self.features:
            feature.on_nav(nav, config, files)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        for feature in self.features:
            env = feature.on_env(env, config, files)
        if self.worker:
            # Every page is read and converted: the pages, files and navigation live to the end of the process. Frozen,
            # they are left out of every later cycle collection, which then walks only what rendering makes (the
            # full collections walked the whole archive again and again: 0.55 s of the Korean worker at 2 x 2,000).
            gc.freeze()
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for feature in self.features:
            markdown = feature.on_page_markdown(markdown, page, config, files)
        return markdown

    # Last of all page_content handlers: once converted, a page's Markdown source is not read again (MkDocs keeps
    # every Page until the build ends; at 5,000 real-sized releases a language holds about 50 MB of Markdown).
    # Empty, not None: MkDocs' Page.title is None while markdown is None, and other pages' navigation shows titles.
    @event_priority(-200)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page.markdown = ""
        return html

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        for feature in self.features:
            feature.on_page_context(context, page, config, nav)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        for feature in self.features:
            output = feature.on_post_page(output, page, config)
        # The page is rendered and indexed: nothing reads its HTML again (anchor checks use the ids MkDocs
        # collected while rendering). MkDocs keeps every Page to the end of the build, so without this each
        # language worker held the whole archive's HTML until the search index was built.
        page.content = None
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        for feature in self.features:
            output_content = feature.on_post_template(output_content, template_name, config)
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            for feature in self.features:
                feature.on_post_build(config)
        finally:
            self.patches.restore()

    def on_build_error(self, *, error: Exception) -> None:
        self.patches.restore()

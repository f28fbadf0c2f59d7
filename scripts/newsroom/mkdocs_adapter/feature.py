"""One build feature (news, search, i18n head…) as a set of optional MkDocs event handlers.

The plugin calls every feature for every event, once per language build (static-i18n runs a
full build per language). A feature keeps no state across languages unless it means to.
Before ``on_config`` the plugin gives each feature the plugin's options and the build's patches
(anything a feature replaces in an engine goes through ``patches`` and is put back after the build).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter.config import NewsroomConfig, default_options
from newsroom.mkdocs_adapter.internals import Patches


def build_language(config: MkDocsConfig) -> str:
    """Language of the build in progress (static-i18n sets the theme language per build)."""
    return str(config.theme["language"])


class Feature:
    options: NewsroomConfig = default_options()
    patches: Patches = Patches()
    serving: bool = False  # built for `mkdocs serve`, not for publishing

    def on_config(self, config: MkDocsConfig) -> None: ...

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return files

    def on_files_localized(self, files: Files, config: MkDocsConfig) -> Files:
        """After static-i18n has localized the files: the place to add generated pages of this language."""
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None: ...

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Before any template of this language build renders (404.html and sitemap.xml come first)."""
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return markdown

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> None: ...

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """A page rendered from a template alone (404.html, sitemap.xml)."""
        return output

    def on_post_build(self, config: MkDocsConfig) -> None: ...

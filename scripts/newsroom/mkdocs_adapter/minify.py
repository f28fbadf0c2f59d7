"""Every rendered page minified before the CSP feature hashes it (the rules: ``newsroom.site.minify``).

``minify: false`` in the plugin's options turns it off; ``mkdocs serve`` keeps pages as written so that a
page's source stays readable while editing.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter.feature import Feature
from newsroom.site.minify import minified_html


class MinifyFeature(Feature):
    def _apply(self, html: str) -> str:
        return minified_html(html) if self.options.minify and not self.serving else html

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._apply(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return self._apply(output) if template_name.endswith(".html") else output

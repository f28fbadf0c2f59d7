"""Valid markup where Material writes outside any overridable block or partial (rules: ``newsroom.site.markup``).

Everything Material writes inside a partial is fixed in ``overrides/partials/`` instead (nav-item.html,
toc.html); this feature is for ``base.html``'s own body only.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter.feature import Feature
from newsroom.site.markup import without_checkbox_autocomplete


class MarkupFeature(Feature):
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return without_checkbox_autocomplete(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return without_checkbox_autocomplete(output) if template_name.endswith(".html") else output

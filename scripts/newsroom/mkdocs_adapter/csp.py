"""Content-Security-Policy on every page the build renders (the rules: ``newsroom.site.csp``).

Runs last, so that it hashes the inline scripts of the page as every other feature leaves it. Pages under
a prefix of the ``csp_paths`` option get that policy instead ('' writes none). The web editor at /admin/
is not rendered by MkDocs: ``admin.py`` writes it with its own policy (``newsroom.site.csp.admin_policy``).
``csp: false`` turns both off.

Under ``mkdocs serve`` the live-reload script MkDocs adds to each page as it serves it cannot be hashed at
build time: the served pages allow inline scripts instead of listing hashes (nothing else changes; the
published site never gets this).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter.feature import Feature
from newsroom.site.csp import policy_for, with_policy


def secured(feature: Feature, path: str, html: str) -> str:
    """The page with the policy the options give its path; also for pages a feature writes itself."""
    if not feature.options.csp:
        return html
    policy = policy_for(path, html, dict(feature.options.csp_paths), allow_inline_scripts=feature.serving)
    return with_policy(html, policy) if policy else html


class CspFeature(Feature):
    def _apply(self, path: str, html: str) -> str:
        return secured(self, path, html)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._apply(page.url, output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        return self._apply(template_name, output) if template_name.endswith(".html") else output

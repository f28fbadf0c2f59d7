"""One Markdown converter per build, reset between pages, instead of a new one per page.

MkDocs 1.6 builds a ``markdown.Markdown`` with every extension for each page: 0.66 ms a page
here, 7-8 % of the site's build CPU, spent loading the same extensions again and again.
Python-Markdown is made to be reused: ``reset()`` clears what a conversion leaves behind (its
own stash and references, and every extension's state through the extension's ``reset``).
This replaces ``Page.render`` with MkDocs 1.6.1's own body (``internals.render_reusing_converter``),
the converter taken from a pool keyed by the build's config. The output is the same (tests/build/
compares it with a build whose ``render_cache: false`` leaves MkDocs' own method).
"""

from __future__ import annotations

import markdown
from mkdocs.config.defaults import MkDocsConfig

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature

_converters: dict[int, tuple[MkDocsConfig, markdown.Markdown]] = {}


def _converter(config: MkDocsConfig) -> markdown.Markdown:
    pooled = _converters.get(id(config))
    if pooled is not None and pooled[0] is config:
        return pooled[1].reset()
    extensions, options = config["markdown_extensions"], config["mdx_configs"] or {}
    converter = markdown.Markdown(extensions=extensions, extension_configs=options)
    _converters.clear()  # a new build: the previous config's converter is not needed any more
    _converters[id(config)] = (config, converter)
    return converter


class MarkdownReuseFeature(Feature):
    def on_config(self, config: MkDocsConfig) -> None:
        if self.options.render_cache:
            # Put back when the build ends (the plugin restores every patch).
            self.patches.replace(internals.page_class(), "render", internals.render_reusing_converter(_converter))

"""One Markdown converter per build, reset between pages, instead of a new one per page.

MkDocs 1.6 builds a ``markdown.Markdown`` with every extension for each page: 0.66 ms a page
here, 7-8 % of the site's build CPU, spent loading the same extensions again and again.
Python-Markdown is made to be reused: ``reset()`` clears what a conversion leaves behind (its
own stash and references, and every extension's state through the extension's ``reset``).
This replaces ``Page.render`` with MkDocs 1.6.1's own body, the converter taken from a pool
keyed by the build's config. The output is the same (tests/build/ compares it with
``NEWSROOM_NO_RENDER_CACHE=1``, which restores MkDocs' own method).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import Files

from newsroom.mkdocs_adapter.feature import Feature
from newsroom.mkdocs_adapter.render_cache import DISABLE_ENV

MKDOCS_RENDER = pages.Page.render
# The body below is a copy of this release's method; another MkDocs keeps its own.
MKDOCS_VERSION = "1.6.1"
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


def render_reusing_converter(self: pages.Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs 1.6.1's ``Page.render``, with a pooled converter (the per-page processors are re-registered
    under their fixed names, which replaces the previous page's)."""
    if self.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _converter(config)
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


class MarkdownReuseFeature(Feature):
    def on_config(self, config: MkDocsConfig) -> None:
        reuse = mkdocs.__version__ == MKDOCS_VERSION and not os.environ.get(DISABLE_ENV)
        render: Any = render_reusing_converter if reuse else MKDOCS_RENDER
        pages.Page.render = render  # type: ignore[method-assign]

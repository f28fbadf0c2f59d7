"""The site's typeface: its chunks copied from the pinned npm package into the site (``newsroom.site.fonts``).

Written once, after the Korean build (both languages share ``assets/``), in the same way as the web editor's
files (``admin.py``): the font is never committed to the repository and never requested from another host.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from newsroom.mkdocs_adapter.admin import npm_project
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.model.release import DEFAULT_LANG
from newsroom.site.fonts import SITE_FOLDER, FontPackageError, write_fonts

log = logging.getLogger("mkdocs.newsroom.fonts")


class FontsFeature(Feature):
    def on_post_build(self, config: MkDocsConfig) -> None:
        if build_language(config) != DEFAULT_LANG:
            return
        try:
            count = write_fonts(npm_project(config), Path(config.site_dir))
        except FontPackageError as error:
            raise PluginError(f"fonts: {error}") from error
        log.info("fonts: Pretendard GOV, %d chunks written to /%s/", count, SITE_FOLDER)

"""The site's typeface (``newsroom.site.fonts``): its chunks copied from the pinned npm package into the site.

Written once, after the Korean build (both languages share ``assets/``), in the same way as the web editor's
files (``admin.py``): the font is never committed to the repository and never requested from another host.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from newsroom.mkdocs_adapter.admin import npm_project
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.model import DEFAULT_LANG
from newsroom.site.fonts import SITE_FOLDER, SITE_STYLESHEET, FontPackageError, font_files

log = logging.getLogger("mkdocs.newsroom.fonts")


def write_fonts(project: Path, site: Path) -> int:
    """Write the font stylesheet and chunks below ``site``; returns the number of chunks."""
    try:
        fonts = font_files(project)
    except FontPackageError as error:
        raise PluginError(f"fonts: {error}") from error
    out = site / SITE_FOLDER
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for chunk in fonts.chunks:
        shutil.copyfile(project / chunk, out / chunk.name)
    (out / SITE_STYLESHEET).write_text(fonts.stylesheet, encoding="utf-8")
    return len(fonts.chunks)


class FontsFeature(Feature):
    def on_post_build(self, config: MkDocsConfig) -> None:
        if build_language(config) != DEFAULT_LANG:
            return
        count = write_fonts(npm_project(config), Path(config.site_dir))
        log.info("fonts: Pretendard GOV, %d chunks written to /%s/", count, SITE_FOLDER)

"""Only what pages use is published: Material's unused assets are left out of the build.

Material copies lunr, its language files and the search worker (about 1 MB) into every site, whether its
search plugin is on or not; this site's search is its own (``newsroom.search``), so no page loads them.
Its default favicon (the site has its own) and its stylesheets' source maps (named by no stylesheet) go too.
tests/site/test_assets.py fails when any published asset is referenced by no page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from newsroom.mkdocs_adapter.feature import Feature
from newsroom.mkdocs_adapter.internals import material_asset_unused


class AssetsFeature(Feature):
    def on_files_localized(self, files: Files, config: MkDocsConfig) -> Files:
        favicon = str(config.theme.get("favicon") or "")
        for file in [file for file in files if material_asset_unused(file.src_uri, favicon)]:
            files.remove(file)
        return files

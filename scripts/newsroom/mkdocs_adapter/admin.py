"""``/admin/`` written after the Korean build only (the admin is one page for both languages).

What the editor's folder holds, which addresses of the Sveltia bundle are rewritten and the page's policy
are plain Python in ``newsroom/editor/admin_page.py``; this feature only finds the folders and options and
stops the build when the pinned package is missing or changed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from newsroom.editor.admin_page import ADMIN_FOLDER, AdminFilesError, node_modules_project, page_policy, write_admin
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.model.release import DEFAULT_LANG

log = logging.getLogger("mkdocs.newsroom.admin")


def npm_project(config: MkDocsConfig) -> Path:
    """The folder whose node_modules holds the CMS and the fonts, for the site of ``config``."""
    return node_modules_project(Path(config.config_file_path).resolve().parent)


class AdminFeature(Feature):
    def on_post_build(self, config: MkDocsConfig) -> None:
        if build_language(config) != DEFAULT_LANG:
            return
        out = Path(config.site_dir) / ADMIN_FOLDER
        options = self.options
        policy = page_policy(csp=options.csp, serving=self.serving, auth_url=options.cms_auth_url)
        site_name, docs = str(config.site_name), Path(config.docs_dir)
        repo, helper = options.cms_repo, options.cms_auth_url
        try:
            write_admin(npm_project(config), out, site_name, docs, repo=repo, auth_url=helper, policy=policy)
        except AdminFilesError as error:
            raise PluginError(str(error)) from error
        log.info("admin: web editor written to /admin/")

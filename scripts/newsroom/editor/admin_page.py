"""What ``/admin/`` holds: the web editor (Sveltia CMS), served from the site itself and only on that path.

Plain Python, no engine: ``mkdocs_adapter/admin.py`` calls :func:`write_admin` after the Korean build. The CMS
comes from the pinned npm package (``package.json``); :func:`write_admin` copies its bundle, and the
fontsource files of the three fonts it uses, into ``site/admin/`` and writes the configuration that
``newsroom.editor.cms_config`` generates from the release schema. The bundle would otherwise ask other hosts for
its fonts (a CDN), a newer version (update check) and GitHub's status page; each of those addresses
is rewritten below, and the build stops if one is no longer where this pinned version has it, so an
upgrade cannot bring a request to another host back unnoticed.

Written once (the admin is one page for both languages), never as an MkDocs page: it is in no navigation,
search index or sitemap. So the CSP feature never sees it: the page gets the editor's own policy
(``newsroom.site.csp.ADMIN_DIRECTIVES``) here, unless ``csp: false``.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from newsroom.editor.cms_config import cms_config_yaml
from newsroom.messages import N_, gettext_in
from newsroom.model.release import DEFAULT_LANG
from newsroom.site.csp import admin_policy, with_policy

ADMIN_FOLDER = "admin"
SVELTIA = Path("node_modules/@sveltia/cms")
CDN_FONTS = "https://cdn.jsdelivr.net/fontsource/fonts/"


@dataclass(frozen=True)
class Font:
    cdn_path: str  # as the bundle names it after CDN_FONTS
    package_file: Path  # in node_modules, from the fontsource package pinned in package.json


FONTS = (
    Font(
        "source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
        Path("node_modules/@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"),
    ),
    Font(
        "noto-mono@5.3.0/latin-400-normal.woff2",
        Path("node_modules/@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"),
    ),
    Font(
        "material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
        Path(
            "node_modules/@fontsource-variable/material-symbols-outlined/files/"
            "material-symbols-outlined-latin-wght-normal.woff2"
        ),
    ),
)

# (what the bundle says, what the site serves instead, why)
REWRITES: tuple[tuple[str, str, str], ...] = (
    *(
        (f"{CDN_FONTS}{font.cdn_path}", f"fonts/{font.package_file.name}", "font from the site, not a CDN")
        for font in FONTS
    ),
    # The update check asks the CDN for the newest package.json: ask our own copy of the pinned
    # package's package.json instead, so the check finds the served version and says nothing.
    ("`${iP}/package.json`", "`./package.json`", "update check against the served version"),
    # The interface's translations (locales/ko.json …), copied from the package beside the bundle.
    ("`${iP}@${rP}/locales`", "`./locales`", "interface translations from the site"),
    # The viewport the CMS sets forbids zooming (maximum-scale=1): people who enlarge text must be able
    # to (WCAG 1.4.4, axe's meta-viewport rule in the accessibility gate).
    ("`initial-scale=1`,`maximum-scale=1`,", "`initial-scale=1`,", "zooming allowed"),
    # GitHub's status page: a data: address answers without a request; the CMS then shows no status.
    (
        "`https://www.githubstatus.com/api/v2/status.json`",
        "`data:application/json,%7B%7D`",
        "no status check on another host",
    ),
)

TITLE = N_("News release editor")


class AdminFilesError(RuntimeError):
    """The pinned CMS package is missing or no longer what REWRITES was written against (the build stops)."""


def rewrite_bundle(source: str) -> str:
    """The bundle with every other-host address replaced; each must occur exactly once."""
    for old, new, why in REWRITES:
        count = source.count(old)
        if count != 1:
            raise AdminFilesError(
                f"admin: expected '{old}' once in the Sveltia CMS bundle ({why}), found it {count} times: "
                "the pinned @sveltia/cms changed; update REWRITES in newsroom/editor/admin_page.py"
            )
        source = source.replace(old, new)
    return source


def index_html(site_name: str, policy: str | None = None) -> str:
    """The editor's page; ``policy`` is its Content-Security-Policy (None: no policy)."""
    title = html.escape(f"{gettext_in(DEFAULT_LANG, TITLE)} | {site_name}")
    page = (
        "<!doctype html>\n"
        '<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="application/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        '<script src="sveltia-cms.js"></script>\n'
        "</body>\n</html>\n"
    )
    return with_policy(page, policy) if policy else page


def page_policy(*, csp: bool, serving: bool, auth_url: str | None = None) -> str | None:
    """The editor page's policy, allowing the OAuth helper's origin when there is one (``cms_auth_url``)."""
    return admin_policy(auth_url, allow_inline_scripts=serving) if csp else None


def write_admin(
    project: Path, out: Path, site_name: str, docs: Path, *, repo: str, auth_url: str | None, policy: str | None
) -> None:
    """Write ``out`` (site/admin/): page (with ``policy``), generated config, rewritten bundle and its chunks, fonts."""
    package = project / SVELTIA
    bundle = package / "dist" / "sveltia-cms.js"
    missing = [p for p in (bundle, *(project / f.package_file for f in FONTS)) if not p.is_file()]
    if missing:
        raise AdminFilesError(
            f"admin: {missing[0]} is missing: run `make setup` (npm ci installs the web editor from package.json)"
        )
    if out.exists():
        shutil.rmtree(out)
    (out / "fonts").mkdir(parents=True)
    (out / "sveltia-cms.js").write_text(rewrite_bundle(bundle.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copytree(package / "dist" / "chunks", out / "chunks", ignore=shutil.ignore_patterns("*.map"))
    shutil.copytree(package / "locales", out / "locales")
    shutil.copyfile(package / "package.json", out / "package.json")
    for font in FONTS:
        shutil.copyfile(project / font.package_file, out / "fonts" / font.package_file.name)
    (out / "config.yml").write_text(cms_config_yaml(repo, auth_url=auth_url, docs=docs), encoding="utf-8")
    (out / "index.html").write_text(index_html(site_name, policy), encoding="utf-8")


# The project this package belongs to (scripts/newsroom/editor/admin_page.py → project root).
PACKAGE_PROJECT = Path(__file__).resolve().parents[3]


def node_modules_project(site_project: Path) -> Path:
    """The folder whose node_modules holds the CMS: the site's own, else the project the newsroom package
    is installed from (a preview or benchmark site copied to a temporary folder has no node_modules)."""
    for candidate in (site_project, PACKAGE_PROJECT):
        if (candidate / SVELTIA).is_dir():
            return candidate
    return site_project

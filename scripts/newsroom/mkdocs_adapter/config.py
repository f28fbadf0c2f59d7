"""The plugin's typed options (``plugins: - newsroom: {…}`` in mkdocs.yml), as Material's plugins declare theirs.

Values the publish workflow or the benchmarks set from outside come in through ``!ENV`` in mkdocs.yml
(``now: !ENV [NEWSROOM_NOW, null]``, ``search_index: !ENV [NEWSROOM_SEARCH_INDEX, true]``, the web editor's
``cms_repo`` and ``cms_auth_url``); everything else is written in mkdocs.yml itself.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from newsroom.hosting.rules import GITHUB_PAGES_CAP, parse_size
from newsroom.site.catalogue import NOW_ENV, now_from_env
from newsroom.site.csp import origin_of


class BuildMoment(base.BaseConfigOption[dt.datetime | None]):
    """The build's 'now', for repeatable builds; empty means the clock. Parsed by ``model.parse_moment``.

    YAML (and ``!ENV``) turns a date-time into a ``datetime`` already; a string is parsed here.
    """

    def run_validation(self, value: object) -> dt.datetime | None:
        if value is None or value == "":
            return None
        raw = value.isoformat() if isinstance(value, dt.datetime) else str(value)
        try:
            return now_from_env({NOW_ENV: raw})
        except ValueError as error:
            raise base.ValidationError(str(error)) from error


class Switch(base.BaseConfigOption[bool]):
    """On or off: true/false, or 1/0 as an environment variable gives it through ``!ENV``."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if value in (0, 1, "0", "1"):
            return bool(int(str(value)))
        raise base.ValidationError(f"expected true or false (or 1 or 0), got {value!r}")


class HelperAddress(base.BaseConfigOption[str | None]):
    """The https:// address of the web editor's OAuth helper (its origin joins the editor's policy); empty: none."""

    def run_validation(self, value: object) -> str | None:
        if value is None or value == "":
            return None
        try:
            origin_of(str(value))
        except ValueError as error:
            raise base.ValidationError(
                f"{error}; set it to the https:// address of the OAuth helper "
                "(handbook/publishing.md, 'Web editor at /admin/')"
            ) from error
        return str(value)


class Repository(base.BaseConfigOption[str]):
    """``owner/name`` of a GitHub repository, as GitHub spells it (the web editor commits there)."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", value):
            raise base.ValidationError(f"expected a GitHub repository as owner/name, got {value!r}")
        return value


class Size(base.BaseConfigOption[int]):
    """A number of bytes: an integer, or a text such as ``1 GB``, ``800 MB``, ``2 GiB``."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if value is None or value == "":  # an !ENV variable set to nothing
            return self.default
        try:
            return parse_size(value)
        except ValueError as error:
            raise base.ValidationError(str(error)) from error


class NewsroomConfig(base.Config):
    # NEWSROOM_NOW through !ENV: build the site as of that moment (embargoes are decided against it).
    now = BuildMoment()
    # NEWSROOM_SEARCH_INDEX through !ENV: false builds without the search index (benchmarks time both).
    search_index = Switch(default=True)
    # Material's nav, page-independent partials and blocks and interface strings rendered once, one Markdown
    # converter reused (tests/build compares).
    render_cache = Switch(default=True)
    # A Content-Security-Policy <meta> on every page (newsroom.mkdocs_adapter.csp).
    csp = Switch(default=True)
    # Pages minified before the CSP hashes them (newsroom.site.minify); `mkdocs serve` never minifies.
    minify = Switch(default=True)
    # The host's limit on the published site: `make build` warns above 80 %, a publishing build fails above it.
    size_cap = Size(default=GITHUB_PAGES_CAP)
    # Path prefix below the site root -> that policy instead of the site's ('' writes none: the page brings its own).
    csp_paths = c.DictOfItems(c.Type(str), default={})
    # The repository the web editor at /admin/ commits to (owner/name); the publish workflow gives its own.
    cms_repo = Repository(default="OWNER/REPOSITORY")
    # NEWSROOM_CMS_AUTH_URL through !ENV: the OAuth helper behind "Sign In with GitHub", when there is one.
    cms_auth_url = HelperAddress()


def default_options(**values: Any) -> NewsroomConfig:
    """Validated options, for features used outside a loaded mkdocs.yml (unit tests)."""
    options = NewsroomConfig()
    options.load_dict(values)
    failed, _ = options.validate()
    if failed:
        raise ValueError("; ".join(f"{name}: {error}" for name, error in failed))
    return options


def site_options(config_file: Path) -> tuple[NewsroomConfig, Path]:
    """The plugin's options and docs folder as a site's mkdocs.yml gives them (``!ENV`` resolved), without a build."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as error:
        raise ValueError(f"{config_file}: {error}") from error
    plugin = config.plugins.get("newsroom")
    if plugin is None:
        raise ValueError(f"{config_file}: the newsroom plugin is not in its plugins list")
    return plugin.config, Path(config.docs_dir)


def publish_settings(config: MkDocsConfig) -> tuple[str | None, int]:
    """``site_url`` and the plugin's ``size_cap`` as the site's loaded config gives them (``!ENV`` resolved)."""
    plugin = config.plugins.get("newsroom")
    cap = plugin.config.size_cap if plugin is not None else GITHUB_PAGES_CAP
    return config.site_url, cap

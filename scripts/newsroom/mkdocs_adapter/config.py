"""The plugin's typed options (``plugins: - newsroom: {…}`` in mkdocs.yml), as Material's plugins declare theirs.

Values the publish workflow or the benchmarks set from outside come in through ``!ENV`` in mkdocs.yml
(``now: !ENV [NEWSROOM_NOW, null]``, ``search_index: !ENV [NEWSROOM_SEARCH_INDEX, true]``); everything else
is written in mkdocs.yml itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from newsroom.site.catalogue import NOW_ENV, now_from_env


class BuildMoment(base.BaseConfigOption[dt.datetime | None]):
    """The build's 'now' (ISO 8601 with a UTC offset), for repeatable builds; empty means the clock.

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


class NewsroomConfig(base.Config):
    # NEWSROOM_NOW through !ENV: build the site as of that moment (embargoes are decided against it).
    now = BuildMoment()
    # NEWSROOM_SEARCH_INDEX through !ENV: false builds without the search index (benchmarks time both).
    search_index = Switch(default=True)
    # Material's nav and interface strings rendered once, one Markdown converter reused (tests/build compares).
    render_cache = Switch(default=True)
    # A Content-Security-Policy <meta> on every page (newsroom.mkdocs_adapter.csp).
    csp = Switch(default=True)
    # Path prefix below the site root -> that policy instead of the site's ('' writes none: the page brings its own).
    csp_paths = c.DictOfItems(c.Type(str), default={})


def default_options(**values: Any) -> NewsroomConfig:
    """Validated options, for features used outside a loaded mkdocs.yml (unit tests)."""
    options = NewsroomConfig()
    options.load_dict(values)
    failed, _ = options.validate()
    if failed:
        raise ValueError("; ".join(f"{name}: {error}" for name, error in failed))
    return options

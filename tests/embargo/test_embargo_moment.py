"""Never online before 보도시점: a build one second before `embargo_until` leaves the release out everywhere,
a build at that moment publishes it (the real parallel build, as `make build` runs it)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from newsroom.site.catalogue import load_releases

from tests.sites import site_project

pytestmark = pytest.mark.build  # real builds of a small archive


def _build(config: Path, out: Path, now: dt.datetime) -> Path:
    env = {**os.environ, "NEWSROOM_NOW": now.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _all_text(site: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".json"}
    )


@pytest.mark.parametrize("offset, published", [(-1, False), (0, True)], ids=["one-second-before", "at-the-moment"])
def test_published_at_embargo_until_never_before(tmp_path: Path, offset: int, published: bool) -> None:
    config = site_project(tmp_path / "src", 3, seed=11, embargoed=1)
    releases = load_releases(config.parent / "docs")
    held = [release for release in releases if release.meta.embargo_until is not None]
    assert {release.lang for release in held} == {"ko", "en"}
    until = held[0].meta.embargo_until
    assert until is not None
    site = _build(config, tmp_path / "site", until + dt.timedelta(seconds=offset))
    text = _all_text(site)
    for release in held:
        page = site / release.path / "index.html"
        assert page.exists() is published, release.path
        # Not in any listing, feed, sitemap or search shard either (only the slug names it).
        assert (release.meta.slug in text) is published

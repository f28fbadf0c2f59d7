"""A release held until its moment is announced (embargo_held): never published; under serve, marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsroom.model import pages
from newsroom.model.release import ReleaseMeta

from tests.adapter.conftest import EMBARGO, RELEASE, load

LATER = (EMBARGO + dt.timedelta(days=3650)).isoformat()  # whatever the clock says
URL = "news/2025/test-release/"
CONDITION = "2025. 3. 4.(화) 국회 본회의 통과 시(별도안내)"


def _hold(root: Path) -> None:
    page = pages.read_page_file(root / "docs" / RELEASE)
    meta = ReleaseMeta.from_front_matter(page.meta).model_copy(
        update={"embargo_until": None, "embargo_held": CONDITION}
    )
    (root / "docs" / RELEASE).write_text(pages.join(meta.to_front_matter(), page.body), encoding="utf-8")


def test_a_held_release_is_in_no_page_listing_or_feed(three_pages: Path) -> None:
    _hold(three_pages)
    build = load(three_pages, now=LATER).to_env()
    assert URL not in {file.url for file in build.files.documentation_pages()}
    build.finish()
    for built in (three_pages / "site").rglob("*"):
        if built.is_file() and built.suffix in {".html", ".xml", ".json"}:
            assert "test-release" not in built.read_text(encoding="utf-8", errors="replace"), built


def test_under_serve_a_held_release_shows_with_a_marker(three_pages: Path) -> None:
    _hold(three_pages)
    build = load(three_pages, now=LATER, command="serve").to_files()
    file = next(file for file in build.files.documentation_pages() if file.url == URL)
    assert "보도 보류" in file.content_string and CONDITION in file.content_string
    assert "search:\n  exclude: true" in file.content_string

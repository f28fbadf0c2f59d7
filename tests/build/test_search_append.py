"""A release newer than every other, and a change to a recent one, are appended to the kept search index, and
the site equals a cold build's.

Real builds (``python -m newsroom.commands.build``) of a small archive with a state folder. The byte-for-byte
equality of whole sites after random changes is tests/build/test_incremental_equality.py; this shows that the
common cases, a new release and a correction of a recent one, really take the append path rather than building
the index whole.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.build.test_incremental_equality import NOW, _build, _copy, _pair, _read, _releases, _tree, _write
from tests.sites import site_project

NEWEST = NOW - dt.timedelta(hours=1)


def _add_newest(docs: Path) -> None:
    """A copy of a release in both languages, dated after every other and published."""
    pairs = (_pair(docs, path) for path in _releases(docs))
    versions = next(pair for pair in pairs if len(pair) == 2 and "embargo_until" not in _read(pair[0]).meta)
    for version in versions:
        page = _read(version)
        meta = {**page.meta, "slug": "newest-release", "translation_key": "newest-release", "date": NEWEST.date()}
        for field in ("redirect_from", "withdrawn", "changes"):
            meta.pop(field, None)
        target = version.parent.parent / str(NEWEST.year) / "newest-release.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, meta, page.body + "\n\n클라우드 새 소식.\n")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    site_project(root, 4, seed=21, now=NOW)
    return root


def test_a_newest_release_is_appended_to_the_search_index(archive: Path, tmp_path: Path) -> None:
    config = _copy(archive, tmp_path / "src")
    state = tmp_path / "state"
    first = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert first.count("whole: no kept index)") == 2, first
    _add_newest(tmp_path / "src" / "docs")
    second = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert second.count("appended)") == 2, second
    _same_index(config, tmp_path)


def _same_index(config: Path, tmp_path: Path) -> None:
    _build(config, tmp_path / "cold", NOW, "--full", "--state", str(tmp_path / "cold-state"))
    for folder in ("search", "en/search"):
        site, cold = tmp_path / "site" / folder, tmp_path / "cold" / folder
        assert _tree(site) == _tree(cold)
        assert all((site / name).read_bytes() == (cold / name).read_bytes() for name in _tree(cold)), folder


def test_a_correction_of_a_recent_release_is_appended_to_the_search_index(archive: Path, tmp_path: Path) -> None:
    config = _copy(archive, tmp_path / "src")
    state = tmp_path / "state"
    _build(config, tmp_path / "site", NOW, "--state", str(state))
    korean = sorted((tmp_path / "src" / "docs" / "ko" / "news").glob("*/*.md"))
    published = [path for path in korean if "embargo_until" not in _read(path).meta]
    newest = max(published, key=lambda path: (str(_read(path).meta["date"]), path.name))
    page = _read(newest)
    at = (NOW - dt.timedelta(minutes=5)).isoformat()
    meta = {**page.meta, "changes": [*page.meta.get("changes", []), {"at": at, "note": "Corrected a figure."}]}
    _write(newest, meta, page.body + "\n\n클라우드 정정 문단.\n")
    log = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert "appended)" in next(line for line in log.splitlines() if "[ko] search:" in line), log
    _same_index(config, tmp_path)

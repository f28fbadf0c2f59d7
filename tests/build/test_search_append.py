"""A release newer than every other is appended to the kept search index, a change to a recent or an old one is
made in place there, and the site equals a cold build's.

Real builds (``python -m newsroom.commands.build``) of a small archive with a state folder. The byte-for-byte
equality of whole sites after random changes is tests/build/test_incremental_equality.py; this shows that the
common cases, a new release and corrections of recent and old ones, really take the append path rather than
building the index whole.
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


def _published_korean(docs: Path) -> list[Path]:
    """The published Korean releases, oldest first (by date, then file name)."""
    korean = sorted((docs / "ko" / "news").glob("*/*.md"))
    published = [path for path in korean if not {"embargo_until", "withdrawn"} & set(_read(path).meta)]
    return sorted(published, key=lambda path: (str(_read(path).meta["date"]), path.name))


def _correct(path: Path) -> None:
    """A correction with a change note and a paragraph more: the release keeps its date and address."""
    page = _read(path)
    at = (NOW - dt.timedelta(minutes=5)).isoformat()
    meta = {**page.meta, "changes": [*page.meta.get("changes", []), {"at": at, "note": "Corrected a figure."}]}
    _write(path, meta, page.body + "\n\n클라우드 정정 문단.\n")


def test_a_correction_of_a_recent_release_is_made_in_place_in_the_search_index(archive: Path, tmp_path: Path) -> None:
    config = _copy(archive, tmp_path / "src")
    state = tmp_path / "state"
    _build(config, tmp_path / "site", NOW, "--state", str(state))
    _correct(_published_korean(tmp_path / "src" / "docs")[-1])
    log = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert "appended, 1 in place)" in next(line for line in log.splitlines() if "[ko] search:" in line), log
    _same_index(config, tmp_path)


def test_corrections_of_old_releases_and_a_new_one_are_made_in_place_and_appended(tmp_path: Path) -> None:
    """70 releases a language: the oldest lie before the kept tail (memo.TAIL, the last 64 documents)."""
    config = site_project(tmp_path / "src", 70, seed=21, now=NOW)
    state = tmp_path / "state"
    _build(config, tmp_path / "site", NOW, "--state", str(state))
    published = _published_korean(tmp_path / "src" / "docs")
    for path in (published[0], published[2], published[-1]):  # two before the tail, the newest in it
        _correct(path)
    _add_newest(tmp_path / "src" / "docs")
    log = _build(config, tmp_path / "site", NOW, "--state", str(state))
    lines = [line for line in log.splitlines() if "search:" in line]
    assert any("[ko] search:" in line and "appended, 3 in place)" in line for line in lines), lines
    assert any("[en] search:" in line and "appended)" in line for line in lines), lines
    _same_index(config, tmp_path)

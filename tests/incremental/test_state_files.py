"""The incremental state's own files, in plain Python: the parsed-release cache and the site brought up to date.

No MkDocs (tests/build/test_incremental_equality.py builds real sites); these show the rules one by one.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from newsroom.hosting.rules import measure_site, site_size
from newsroom.incremental import state
from newsroom.model.release import ReleaseMeta, Translation
from newsroom.site.catalogue import CachedRelease, Release

FINGERPRINT = "f" * 64


def _cached(slug: str, size: int = 100) -> CachedRelease:
    meta = ReleaseMeta.model_validate(
        {
            "title": f"제목 {slug}",
            "date": dt.date(2025, 2, 3),
            "lang": "ko",
            "slug": slug,
            "translation_key": slug,
            "translation": Translation.ORIGINAL,
            "languages": ["ko"],
            "topics": ["ai"],
        }
    )
    return CachedRelease(size, 1, 2, slug.encode(), Release(meta=meta, source=f"ko/news/2025/{slug}.md"))


def _parsed(count: int) -> dict[str, CachedRelease]:
    return {f"/docs/ko/news/2025/r{number}.md": _cached(f"r{number}") for number in range(count)}


def test_a_few_parsed_releases_are_saved_apart_and_read_back_with_the_whole(tmp_path: Path) -> None:
    parsed = _parsed(30)
    state.save_parsed_releases(tmp_path, FINGERPRINT, parsed)
    whole = (tmp_path / state.PARSED).stat()
    saved = state.load_parsed_releases(tmp_path, FINGERPRINT)
    assert saved.releases == parsed and saved.base_id

    # One release parsed again, one new: the whole file stays as it is, the two go into the changes file.
    changed = dict(saved.releases)
    changed["/docs/ko/news/2025/r3.md"] = _cached("r3", size=200)
    changed["/docs/ko/news/2025/new.md"] = _cached("new")
    state.save_parsed_releases(tmp_path, FINGERPRINT, changed, saved)
    assert (tmp_path / state.PARSED).stat().st_mtime_ns == whole.st_mtime_ns
    assert (tmp_path / state.PARSED_CHANGES).exists()
    again = state.load_parsed_releases(tmp_path, FINGERPRINT)
    assert again.releases == changed
    assert again.releases["/docs/ko/news/2025/r3.md"].size == 200


def test_many_parsed_releases_rewrite_the_whole_file(tmp_path: Path) -> None:
    state.save_parsed_releases(tmp_path, FINGERPRINT, _parsed(30))
    saved = state.load_parsed_releases(tmp_path, FINGERPRINT)
    fresh = {path: _cached(release.release.meta.slug, size=300) for path, release in saved.releases.items()}
    state.save_parsed_releases(tmp_path, FINGERPRINT, fresh, saved)
    assert not (tmp_path / state.PARSED_CHANGES).exists()
    again = state.load_parsed_releases(tmp_path, FINGERPRINT)
    assert again.releases == fresh and again.base_id != saved.base_id


def test_a_changes_file_of_another_whole_file_or_fingerprint_is_ignored(tmp_path: Path) -> None:
    state.save_parsed_releases(tmp_path, FINGERPRINT, _parsed(30))
    saved = state.load_parsed_releases(tmp_path, FINGERPRINT)
    state.save_parsed_releases(tmp_path, FINGERPRINT, {**saved.releases, "/docs/x.md": _cached("x")}, saved)
    stale = (tmp_path / state.PARSED_CHANGES).read_bytes()
    state.save_parsed_releases(tmp_path, FINGERPRINT, _parsed(30))  # a new whole file (a full build)
    (tmp_path / state.PARSED_CHANGES).write_bytes(stale)  # a changes file written against the earlier one
    assert "/docs/x.md" not in state.load_parsed_releases(tmp_path, FINGERPRINT).releases
    assert state.load_parsed_releases(tmp_path, "0" * 64).releases == {}


def _write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in root.rglob("*")
        if path.is_file()
    }


def test_the_site_becomes_the_built_files_and_the_kept_ones_nothing_else(tmp_path: Path) -> None:
    site, built, state_dir = tmp_path / "site", tmp_path / "built", tmp_path / "state"
    store = state.OutputStore(state_dir)
    for path, text in {"news/a/index.html": "kept a", "news/b/index.html": "kept b"}.items():
        store.root.mkdir(parents=True, exist_ok=True)
        Path(store.file(path)).write_text(text, encoding="utf-8")
    (site / "news/a").mkdir(parents=True)
    os.link(store.file("news/a/index.html"), site / "news/a/index.html")
    _write(site, "news/b/index.html", "an earlier b, not the stored file")
    _write(site, "gone/old/index.html", "a page no build makes any more")
    _write(site, "search/0.json", "an earlier shard")
    _write(site, "feed", "a file where the build now has a folder")
    _write(built, "search/0.json", "the new shard")
    _write(built, "feed/index.xml", "<feed/>")
    _write(built, "en/search/1.json", "an English shard")

    sizes = state.update_site(site, built, store, {"news/a/index.html", "news/b/index.html"})

    assert _files(site) == {
        "news/a/index.html": "kept a",
        "news/b/index.html": "kept b",
        "search/0.json": "the new shard",
        "feed/index.xml": "<feed/>",
        "en/search/1.json": "an English shard",
    }
    assert not (site / "gone").exists()
    assert os.path.samestat((site / "news/b/index.html").stat(), os.stat(store.file("news/b/index.html")))
    assert site_size(sizes) == measure_site(site)

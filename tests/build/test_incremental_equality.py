"""An incremental build writes the same site as a cold one, byte for byte, after any sequence of changes.

Hypothesis applies random sequences of the changes a press office makes to a small archive (add, edit
a body, correct with a change note, withdraw, move with redirect_from, delete a draft, an embargo passing,
a topic change, a Korean-only release getting its English version); after each, `python -m newsroom.commands.build`
with the state of the previous builds is compared with a build that ignores it (`--full`, its own state).
Real MkDocs builds. NEWSROOM_INCREMENTAL_EXAMPLES sets how many sequences (a few by default; more in
`make fuzz`-style runs).
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from newsroom.model import pages
from newsroom.model.release import KST, TOPICS

from tests.sites import site_project

EXAMPLES = int(os.environ.get("NEWSROOM_INCREMENTAL_EXAMPLES", "2"))
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=KST)
AFTER_EMBARGOES = NOW + dt.timedelta(days=400)
CHANGES = ("add", "edit", "correct", "withdraw", "move", "delete_draft", "embargo_passes", "topics", "translate")


def _tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def _build(config: Path, out: Path, now: dt.datetime, *args: str) -> str:
    env = {**os.environ, "NEWSROOM_NOW": now.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(out), *args],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _size_line(log: str) -> str:
    return next(line for line in log.splitlines() if line.startswith("site: "))


def _search_paths(log: str) -> str:
    """How each language's search index was written: a document changed in place, appended, or whole (and why)."""
    paths = []
    for line in log.splitlines():
        if "] search:" in line:
            how = line.rsplit(" written, ", 1)[-1].rsplit(")", 1)[0]
            paths.append(f"{line.split(']')[0].rsplit('[', 1)[-1]} {'in place' if 'in place' in how else how}")
    return "; ".join(sorted(paths))


def _releases(docs: Path) -> list[Path]:
    return sorted(docs.glob("*/news/*/*.md"))


def _read(path: Path) -> pages.Page:
    return pages.split(path.read_text(encoding="utf-8"))


def _write(path: Path, meta: dict[str, object], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(pages.join(meta, body), encoding="utf-8")


def _pair(docs: Path, path: Path) -> list[Path]:
    key = _read(path).meta["translation_key"]
    return [other for other in _releases(docs) if _read(other).meta["translation_key"] == key]


def _published(docs: Path, now: dt.datetime) -> list[Path]:
    found = []
    for path in _releases(docs):
        until = _read(path).meta.get("embargo_until")
        if until is None or dt.datetime.fromisoformat(str(until)) <= now:
            found.append(path)
    return found


class Archive:
    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.now = NOW
        self.counter = 0

    def apply(self, change: str, pick: int) -> None:
        published = [p for p in _published(self.docs, self.now) if "withdrawn" not in _read(p).meta]
        if not published:
            return
        path = published[pick % len(published)]
        page = _read(path)
        meta = dict(page.meta)
        at = (self.now - dt.timedelta(minutes=5)).isoformat()
        if change == "add":
            self.counter += 1
            slug = f"added-release-{self.counter}"
            for version in _pair(self.docs, path):
                other = _read(version)
                new = {**other.meta, "slug": slug, "translation_key": f"added-{self.counter}"}
                new.pop("redirect_from", None)
                _write(version.with_name(f"{slug}.md"), new, other.body + f"\n\nAdded {self.counter}.\n")
        elif change == "edit":
            _write(path, meta, page.body + "\n\n추가 문단입니다.\n")
        elif change == "correct":
            meta["changes"] = [*meta.get("changes", []), {"at": at, "note": "Corrected a figure."}]
            _write(path, meta, page.body.replace("천안", "천안시", 1) + "\n")
        elif change == "withdraw":
            for version in _pair(self.docs, path):
                other = _read(version)
                withdrawn = {**other.meta, "withdrawn": {"at": at, "explanation": "Issued in error."}}
                _write(version, withdrawn, other.body)
        elif change == "move":
            self.counter += 1
            slug = f"{meta['slug'][:40]}-moved-{self.counter}"
            old = f"news/{path.parent.name}/{meta['slug']}/"
            meta["redirect_from"] = [*meta.get("redirect_from", []), old]
            meta["slug"] = slug
            path.unlink()
            _write(path.with_name(f"{slug}.md"), meta, page.body)
        elif change == "delete_draft":
            for draft in set(_releases(self.docs)) - set(_published(self.docs, self.now)):
                draft.unlink()
                break
        elif change == "embargo_passes":
            self.now = AFTER_EMBARGOES
        elif change == "topics":
            meta["topics"] = [sorted(TOPICS)[pick % len(TOPICS)]]
            _write(path, meta, page.body)
        elif change == "translate":
            alone = [p for p in published if _read(p).meta.get("languages") == ["ko"]]
            if not alone:
                return
            ko = alone[0]
            ko_page = _read(ko)
            ko_meta = {**ko_page.meta, "languages": ["ko", "en"]}
            _write(ko, ko_meta, ko_page.body)
            en_meta = {
                **ko_meta,
                "lang": "en",
                "translation": "machine",
                "title": f"English version {ko_meta['slug']}",
                "translated_from_sha256": pages.body_hash(ko_page.body),
            }
            en_meta.pop("body_sha256", None)
            en_meta.pop("summary", None)
            en_meta.pop("subtitle", None)
            _write(self.docs.parent / "docs" / "en" / ko.relative_to(self.docs / "ko"), en_meta, "The English text.\n")


@pytest.fixture(scope="module")
def archive_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    site_project(root, 4, seed=21, ko_only=1, en_only=1, embargoed=1, now=NOW)
    return root


def _copy(template: Path, dest: Path) -> Path:
    """A copy of the archive whose config names the copy's docs folder (make_site writes absolute paths)."""
    shutil.copytree(template, dest)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert str(template / "docs") in text
    config.write_text(text.replace(str(template / "docs"), str(dest / "docs")), encoding="utf-8")
    return config


# No shrinking by default: each example is several real builds; the failing sequence is printed as found.
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=(Phase.explicit, Phase.generate) if EXAMPLES <= 10 else tuple(Phase),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=EXAMPLES <= 10,
)
@given(steps=st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 50)), min_size=2, max_size=3))
def test_incremental_build_equals_cold_build(
    archive_template: Path, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]
) -> None:
    work = tmp_path_factory.mktemp("run")
    config = _copy(archive_template, work / "src")
    archive = Archive(work / "src" / "docs")
    state = work / "state"
    _build(config, work / "incremental", archive.now, "--state", str(state))
    for number, (change, pick) in enumerate(steps):
        archive.apply(change, pick)
        log = _build(config, work / "incremental", archive.now, "--state", str(state))
        # The search index's path for each change (--hypothesis-show-statistics): edits and corrections in place.
        event(f"{change}: {_search_paths(log)}")
        cold = work / f"cold-{number}"
        cold_log = _build(config, cold, archive.now, "--full", "--state", str(work / f"cold-state-{number}"))
        incremental = work / "incremental"
        assert _tree(incremental) == _tree(cold), (change, log)
        # The incremental build sizes the site from the files it moved and kept; the cold one walks it.
        assert _size_line(log) == _size_line(cold_log), change
        files = sorted(_tree(cold))
        _, mismatch, errors = filecmp.cmpfiles(cold, incremental, files, shallow=False)
        assert not mismatch and not errors, (change, mismatch[:5], log)
        shutil.rmtree(cold)


def test_an_edit_rebuilds_only_what_it_reaches(archive_template: Path, tmp_path: Path) -> None:
    # The equality above could hold by rendering everything each time: this shows the state is really used.
    config = _copy(archive_template, tmp_path / "src")
    state = tmp_path / "state"
    first = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert "0 kept" in first
    docs = tmp_path / "src" / "docs"
    target = next(p for p in _releases(docs) if not any("embargo_until" in _read(v).meta for v in _pair(docs, p)))
    page = _read(target)
    _write(target, page.meta, page.body + "\n\n추가 문단입니다.\n")
    second = _build(config, tmp_path / "site", NOW, "--state", str(state))
    rendered = [line for line in second.splitlines() if "incremental:" in line]
    assert sorted(line.split("]")[1].split(",")[0].strip() for line in rendered) == [
        "incremental: 0 pages rendered",
        "incremental: 1 pages rendered",
    ], second
    full = _build(config, tmp_path / "site", NOW, "--state", str(state), "--full")
    assert " 0 kept" in full


def _relative_link(source: Path, target: Path) -> str:
    return os.path.relpath(target, source.parent).replace(os.sep, "/")


def test_links_to_kept_releases_resolve_and_still_stop_a_strict_build(archive_template: Path, tmp_path: Path) -> None:
    # Unchanged releases leave an incremental build before MkDocs reads them; a rebuilt page's link to one must
    # come out as in a cold build, and a link to a release that is not there must still stop the strict build.
    config = _copy(archive_template, tmp_path / "src")
    state = tmp_path / "state"
    _build(config, tmp_path / "site", NOW, "--state", str(state))
    docs = tmp_path / "src" / "docs"
    published = [p for p in _published(docs, NOW) if p.parts[-4] == "ko"]
    source, target = published[0], published[1]
    page = _read(source)
    _write(source, page.meta, page.body + f"\n\n[관련 보도자료]({_relative_link(source, target)})\n")
    log = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert "[ko] incremental: 1 pages rendered" in log, log
    _build(config, tmp_path / "cold", NOW, "--full", "--state", str(tmp_path / "cold-state"))
    files = sorted(_tree(tmp_path / "cold"))
    assert _tree(tmp_path / "site") == set(files)
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "cold", tmp_path / "site", files, shallow=False)
    assert not mismatch and not errors, mismatch[:5]
    _write(source, page.meta, page.body + "\n\n[없는 보도자료](no-such-release.md)\n")
    env = {**os.environ, "NEWSROOM_NOW": NOW.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(tmp_path / "site")]
    result = subprocess.run(
        [*command, "--state", str(state)], capture_output=True, text=True, cwd=config.parent, env=env
    )
    assert result.returncode != 0 and "no-such-release.md" in result.stdout + result.stderr


def test_a_new_search_layout_rebuilds_without_the_state(archive_template: Path, tmp_path: Path) -> None:
    # Pages are kept before the build knows its search layout (shards grow with the page count): when enough
    # releases are added that the layout changes, no kept page may keep the old one.
    config = _copy(archive_template, tmp_path / "src")
    state = tmp_path / "state"
    _build(config, tmp_path / "site", NOW, "--state", str(state))
    archive = Archive(tmp_path / "src" / "docs")
    for pick in range(12):
        archive.apply("add", pick)
    log = _build(config, tmp_path / "site", NOW, "--state", str(state))
    assert "[ko] incremental: search layout" in log and "built again without the state" in log, log
    _build(config, tmp_path / "cold", NOW, "--full", "--state", str(tmp_path / "cold-state"))
    files = sorted(_tree(tmp_path / "cold"))
    assert _tree(tmp_path / "site") == set(files)
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "cold", tmp_path / "site", files, shallow=False)
    assert not mismatch and not errors, mismatch[:5]

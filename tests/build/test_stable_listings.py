"""Adding a release re-renders a bounded set of listing pages: build a small archive, add one release, build
again with the state, and compare the files.

The rule (handbook/publishing.md, "Listing pages"): numbered pages are full blocks of 20 counted from the
oldest, so adding the newest release changes the landing pages of its own listings (all releases, its year,
its topics, its kind) and, when one of them fills a block, opens that page and changes the pages whose row of
links reaches it (the three below it) and the other language's page at the same address (its language
switcher). No other page of a listing changes. The expected set is worked out here from the front matter, not
by the code under test; the incremental output is also compared with a cold build of the same tree.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from newsroom.model import pages
from newsroom.model.release import KST, ReleaseMeta

from tests.sites import site_project

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=KST)
ROOT = Path(__file__).resolve().parents[2]
LISTING = re.compile(r"^(?P<base>(?:en/)?news/(?:\d{4}/|(?:topics|kinds)/[^/]+/)?)(?:page/(?P<n>\d+)/)?index\.html$")
# Releases per language after the add, in the all-releases listing: a multiple of 20, so page 5 opens.
AFTER = 100


def _build(config: Path, out: Path, *args: str) -> str:
    env = {**os.environ, "NEWSROOM_NOW": NOW.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(out), *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=config.parent, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _listing_files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in site.rglob("index.html"):
        relative = path.relative_to(site).as_posix()
        if LISTING.match(relative):
            found[relative] = path.read_bytes()
    return found


def _metas(docs: Path, lang: str) -> list[ReleaseMeta]:
    return [
        ReleaseMeta.from_front_matter(pages.split(path.read_text(encoding="utf-8")).meta)
        for path in sorted((docs / lang / "news").glob("*/*.md"))
    ]


def _bases(meta: ReleaseMeta) -> list[str]:
    root = "" if meta.lang == "ko" else "en/"
    return [
        f"{root}news/",
        f"{root}news/{meta.date.year}/",
        *(f"{root}news/topics/{topic}/" for topic in meta.topics),
        f"{root}news/kinds/{meta.kind.value}/",
    ]


def _counts(metas: list[ReleaseMeta]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for meta in metas:
        for base in _bases(meta):
            counts[base] = counts.get(base, 0) + 1
    return counts


def _add_pair(docs: Path) -> dict[str, ReleaseMeta]:
    """The newest release, in both languages, shaped as the converter writes it (a copy of a published pair)."""
    added = {}
    for lang in ("ko", "en"):
        newest = max((docs / "ko" / "news").glob("*/*.md"), key=lambda path: (path.parent.name, path.name))
        source = docs / lang / newest.relative_to(docs / "ko")
        page = pages.split(source.read_text(encoding="utf-8"))
        meta = {**page.meta, "slug": "added-newest", "translation_key": "added-newest", "date": NOW.date().isoformat()}
        for key in ("redirect_from", "embargo_until", "distributed_at", "changes", "withdrawn"):
            meta.pop(key, None)
        meta["languages"] = ["ko", "en"]
        target = docs / lang / "news" / str(NOW.year) / "added-newest.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages.join(meta, page.body), encoding="utf-8")
        added[lang] = ReleaseMeta.from_front_matter(meta)
    return added


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stable")
    own = len([p for p in (ROOT / "docs" / "ko" / "news").glob("*/*.md")])
    site_project(root, AFTER - 1 - own, seed=11, now=NOW)
    return root


def test_adding_a_release_changes_only_landing_pages_and_the_page_it_opens(archive: Path) -> None:
    config, docs, site, state = archive / "mkdocs.yml", archive / "docs", archive / "site", archive / "state"
    _build(config, site, "--state", str(state))
    before = _listing_files(site)
    counts = {lang: _counts(_metas(docs, lang)) for lang in ("ko", "en")}
    assert counts["ko"]["news/"] == counts["en"]["en/news/"] == AFTER - 1
    added = _add_pair(docs)
    _build(config, site, "--state", str(state))
    after = _listing_files(site)

    own = {f"{base}index.html" for meta in added.values() for base in _bases(meta)}
    opened: set[str] = set()
    reaching: set[str] = set()
    for lang, meta in added.items():
        for base in _bases(meta):
            full = (counts[lang].get(base, 0) + 1) // 20
            if full > counts[lang].get(base, 0) // 20:
                opened.add(f"{base}page/{full}/index.html")
                reaching |= {f"{base}page/{n}/index.html" for n in range(max(1, full - 3), full)}
    assert "news/page/5/index.html" in opened and "en/news/page/5/index.html" in opened
    twins = {path.removeprefix("en/") if path.startswith("en/") else "en/" + path for path in opened}

    assert set(after) - set(before) == opened
    assert set(before) <= set(after)  # no listing page went away
    changed = {path for path in before if before[path] != after[path]}
    # The landing pages of the release's own listings (all, its year, its topics, its kind) change, and where
    # a page opened, the pages whose row reaches it; nothing else: no other year, topic or kind, no full page.
    assert own <= changed
    assert changed <= own | reaching | (twins & set(before)), sorted(changed - own - reaching)
    assert before["news/page/1/index.html"] == after["news/page/1/index.html"]
    assert before["en/news/page/1/index.html"] == after["en/news/page/1/index.html"]
    untouched_years = {path for path in before if re.fullmatch(r"(en/)?news/\d{4}/index\.html", path)} - own
    assert untouched_years and not untouched_years & changed

    cold = archive / "cold"
    _build(config, cold, "--full", "--state", str(archive / "cold-state"))
    files = sorted(path.relative_to(cold).as_posix() for path in cold.rglob("*") if path.is_file())
    _, mismatch, errors = filecmp.cmpfiles(cold, site, files, shallow=False)
    assert (mismatch, errors) == ([], [])

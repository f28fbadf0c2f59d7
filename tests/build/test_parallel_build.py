"""The parallel build (`make build`) writes the same site as static-i18n's sequential `mkdocs build`.

The reference build also runs without the render cache (Material's parts rendered once per folder), so both
speed-ups are checked at once, on every kind of page in both languages (``PAGE_KINDS``).
"""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import mkdocs_build
from tests.sites import site_project

# Every kind of page the render cache treats apart: pages sharing a folder's renderings (releases, paged listings,
# a topic without pages below it) and pages rendering afresh (home, plain pages in the nav, year and topics pages
# with pages below them, 404).
PAGE_KINDS = {
    "home": r"index\.html",
    "release": r"news/\d{4}/(?!page/)[^/]+/index\.html",
    "paged listing": r"news/page/\d+/index\.html",
    "year": r"news/\d{4}/index\.html",
    "topic": r"news/topics/[^/]+/index\.html",
    "topics page": r"news/topics/index\.html",
    "plain page": r"about/[^/]+/index\.html",
    "404": r"404\.html",
}


def _tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("parallel")
    # Pairs, one-language releases and an embargoed one: every kind of page the switcher and sitemap treat apart.
    # More releases than a listing page holds (20): the news listing has a second page.
    config = site_project(work / "src", 22, seed=7, ko_only=2, en_only=2, embargoed=1)
    # Markdown state that must not leak from one page to the next when the converter is reused.
    for lang in ("ko", "en"):
        about = work / "src" / "docs" / lang / "about"
        (about / "state-a.md").write_text(
            "# A\n\nAI and KOGL[^1].\n\n*[AI]: Artificial intelligence\n\n[^1]: A footnote.\n\n"
            '!!! note\n    Admonition.\n\n??? info "Details"\n    Hidden.\n',
            encoding="utf-8",
        )
        (about / "state-b.md").write_text("# B\n\nAI again, no footnote here.\n\n## A\n\n## A\n", encoding="utf-8")
    sequential = work / "sequential"
    # The reference renders every page's navigation afresh: the parallel build's nav cache must not show.
    reference = config.with_name("mkdocs-reference.yml")
    text = config.read_text(encoding="utf-8")
    assert "render_cache: true" in text
    reference.write_text(text.replace("render_cache: true", "render_cache: false"), encoding="utf-8")
    mkdocs_build(reference, sequential)
    parallel = work / "parallel"
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(parallel)],
        capture_output=True,
        text=True,
        cwd=config.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return sequential, parallel


def test_same_files(both_builds: tuple[Path, Path]) -> None:
    sequential, parallel = both_builds
    assert _tree(parallel) == _tree(sequential)


@pytest.mark.parametrize("language", ["", "en/"])
def test_every_kind_of_page_is_compared(both_builds: tuple[Path, Path], language: str) -> None:
    sequential, _ = both_builds
    files = _tree(sequential)
    missing = [
        kind for kind, path in PAGE_KINDS.items() if not any(re.fullmatch(language + path, file) for file in files)
    ]
    assert not missing


def test_same_bytes(both_builds: tuple[Path, Path]) -> None:
    sequential, parallel = both_builds
    files = sorted(_tree(sequential))
    _, mismatch, errors = filecmp.cmpfiles(sequential, parallel, files, shallow=False)
    assert not mismatch and not errors


def test_sitemap_links_both_languages(both_builds: tuple[Path, Path]) -> None:
    # The two workers each saw one language: the merged sitemap must still pair ko and en versions.
    _, parallel = both_builds
    sitemap = (parallel / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="en"' in sitemap and 'hreflang="ko"' in sitemap and 'hreflang="x-default"' in sitemap


def test_failed_language_leaves_site_untouched(tmp_path: Path) -> None:
    config = site_project(tmp_path / "src", 2, seed=3)
    broken = next((tmp_path / "src" / "docs" / "en" / "news").rglob("*.md"))
    # A link to a page that does not exist: a warning, so --strict fails the English build.
    broken.write_text(broken.read_text(encoding="utf-8") + "\n[x](missing-page.md)\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=config.parent,
    )
    assert result.returncode != 0
    assert "en build failed" in result.stdout + result.stderr
    assert (site / "keep.txt").read_text(encoding="utf-8") == "previous build"
    assert not any(path.name.startswith(".site.building") for path in tmp_path.iterdir())


def test_warnings_of_pages_converted_by_the_helper_stop_the_build(tmp_path: Path) -> None:
    # The Korean worker gives the last pages of its build to a helper process to convert (markdown_reuse): what that
    # conversion logs must reach the build's log once and still count as a warning under --strict.
    config = site_project(tmp_path / "src", 12, seed=5)
    releases = sorted(
        path
        for path in (tmp_path / "src" / "docs" / "ko" / "news").rglob("*.md")
        if re.search(r"/news/\d{4}/", path.as_posix())
    )
    last = releases[-1]  # the last release the Korean build reads: always in the helper's part
    last.write_text(last.read_text(encoding="utf-8") + "\n[x](missing-page.md)\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.build", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=config.parent,
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "ko build failed" in log, log
    assert log.count("contains a link 'missing-page.md'") == 1, log
    assert "Aborted with 1 warnings" in log, log
    converted = re.search(r"\[ko\] markdown: (\d+) of (\d+) pages given to a helper process converted there", log)
    assert converted is not None and int(converted[1]) > 0 and converted[1] == converted[2], log

"""`make preview` / `newsroom preview`: one release, both languages, on the real site, nothing else of the archive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from tests.sites import site_project

# Each preview is a whole MkDocs build of a small site.
pytestmark = pytest.mark.build

NEWSROOM = [sys.executable, "-c", "from newsroom.commands.cli import app; app()"]


def _preview(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSROOM, "preview", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site with an archive of 30 synthetic releases per language, one of them embargoed."""
    root = tmp_path_factory.mktemp("project")
    site_project(root, 30, seed=11, ko_only=1, embargoed=1)
    return root


def _switcher(html: str, page_path: str) -> dict[str, str]:
    """Language -> site path that the language switcher links to."""
    # Parsed, not matched as text: published pages are minified (attribute quotes and order may change).
    links = lxml.html.fromstring(html).xpath('//a[contains(@class, "md-select__link")][@hreflang]')
    return {link.get("hreflang"): urlsplit(urljoin(f"http://site{page_path}", link.get("href"))).path for link in links}


def _release(project: Path, lang: str, index: int) -> Path:
    return next((project / "docs" / lang / "news").rglob(f"*-{index:05d}.md"))


@pytest.fixture(scope="module")
def previewed(project: Path) -> tuple[Path, Path]:
    page = _release(project, "ko", 3)
    result = _preview([str(page), "--out", "site-preview"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site-preview", page


def test_both_languages_and_nothing_else_of_the_archive(previewed: tuple[Path, Path]) -> None:
    site, page = previewed
    year, slug = page.parent.name, page.stem
    assert (site / "news" / year / slug / "index.html").is_file()
    assert (site / "en" / "news" / year / slug / "index.html").is_file()
    releases = list(site.glob("news/[0-9][0-9][0-9][0-9]/*/index.html"))
    releases += list(site.glob("en/news/[0-9][0-9][0-9][0-9]/*/index.html"))
    assert sorted(p.parent.name for p in releases) == [slug, slug]


def test_real_theme_with_language_switch(previewed: tuple[Path, Path]) -> None:
    site, page = previewed
    year, slug = page.parent.name, page.stem
    korean = (site / "news" / year / slug / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "news" / year / slug / "index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(korean)
    assert tree.xpath('//header[contains(@class, "md-header")]') and tree.xpath(
        '//footer[contains(@class, "md-footer")]'
    )
    # Material's switcher: each page links to the same release in the other language.
    assert _switcher(korean, f"/news/{year}/{slug}/")["en"] == f"/en/news/{year}/{slug}/"
    assert _switcher(english, f"/en/news/{year}/{slug}/")["ko"] == f"/news/{year}/{slug}/"
    assert tree.get("lang") == "ko" and lxml.html.fromstring(english).get("lang") == "en"


def test_prints_where_the_preview_is(project: Path) -> None:
    page = _release(project, "en", 4)  # from the English page: the Korean one is found by translation_key
    result = _preview([str(page), "--out", "preview-en"], project)
    assert result.returncode == 0, result.stderr
    assert str(project / "preview-en") in result.stdout
    assert f"ko: {project / 'preview-en' / 'news' / page.parent.name / page.stem / 'index.html'}" in result.stdout


def test_embargoed_release_is_previewed(project: Path) -> None:
    page = _release(project, "ko", 29)  # the last pair carries the embargo
    assert "embargo_until" in page.read_text(encoding="utf-8")
    result = _preview([str(page), "--out", "preview-embargo"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "preview-embargo" / "news" / page.parent.name / page.stem / "index.html").is_file()


def test_one_language_release(project: Path) -> None:
    page = _release(project, "ko", 30)  # ko_only
    result = _preview([str(page), "--out", "preview-ko-only"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "preview-ko-only" / "news" / page.parent.name / page.stem / "index.html").is_file()


def test_missing_file_is_a_clear_error(project: Path) -> None:
    result = _preview(["docs/ko/news/2025/no-such-release.md"], project)
    assert result.returncode == 1
    assert "docs/ko/news/2025/no-such-release.md: no such file" in result.stderr


@pytest.mark.shared
def test_release_file_converted_on_the_fly(project: Path, shared_dir: Path) -> None:
    source = shared_dir / "releases" / "seed" / "000_0f270b59d6216975.txt"
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    result = _preview(
        [
            str(source),
            "--out",
            "preview-source",
            "--date",
            "2025-02-03",
            "--title-ko",
            "박상돈 천안시장, AI·클라우드 기술 천안 접목 방안 모색",
            "--topics",
            "smart-city,ai,cloud",
        ],
        project,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    built = list((project / "preview-source").glob("news/2025/*/index.html"))
    assert len(built) == 1
    assert (project / "preview-source" / "en" / "news" / "2025" / built[0].parent.name / "index.html").is_file()
    # A preview converts into a scratch copy: docs/ is as it was.
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == before

"""The news section on the project's own site (with the city's release) and on two small builds:
a release whose embargo has passed goes live, and a broken release stops the build with its file and line."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from lxml import html
from newsroom.model.pages import join, read_page_file
from newsroom.model.release import KST, ReleaseMeta, Translation

from tests.conftest import ROOT, mkdocs_build
from tests.sites import site_project


def _release_pages(lang: str) -> list[ReleaseMeta]:
    return [
        ReleaseMeta.from_front_matter(read_page_file(path).meta)
        for path in sorted((ROOT / "docs" / lang).glob("news/*/*.md"))
    ]


def _xpath_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_sites_own_releases_are_listed_and_in_the_feeds(built_site: Path, lang: str) -> None:
    metas = _release_pages(lang)
    if not metas:
        pytest.skip(f"no release in docs/{lang}/news yet")
    root = built_site if lang == "ko" else built_site / "en"
    listing = html.fromstring((root / "news" / "index.html").read_bytes())
    titles = [a.text_content().strip() for a in listing.xpath(f"//li[{_xpath_class('nr-item')}]//h2/a")]
    feed = feedparser.parse((root / "news" / "atom.xml").read_bytes())
    assert feed.feed.language == lang
    feed_titles = [entry.title for entry in feed.entries]
    for meta in metas:
        if meta.embargo_until and meta.embargo_until > dt.datetime.now(dt.UTC):
            continue
        assert meta.title in titles
        assert meta.title in feed_titles
        page = html.fromstring((root / "news" / str(meta.date.year) / meta.slug / "index.html").read_bytes())
        data = json.loads(page.xpath('//script[@type="application/ld+json"]')[0].text)
        assert data["headline"] == meta.title
        assert page.xpath(f"//dl[{_xpath_class('nr-release__facts')}]//time/@datetime")[0] == meta.date.isoformat()
        assert page.xpath(f"//a[{_xpath_class('nr-kogl')}]")


def test_the_city_release_date_in_both_languages(built_site: Path) -> None:
    slug = "news/2025/mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai/index.html"
    if not (ROOT / "docs" / "ko" / "news" / "2025" / Path(slug).parent.with_suffix(".md").name).exists():
        pytest.skip("the city's release is not converted yet")
    ko = html.fromstring((built_site / slug).read_bytes())
    en = html.fromstring((built_site / "en" / slug).read_bytes())
    assert ko.xpath(f"//dl[{_xpath_class('nr-release__facts')}]//time")[0].text_content() == "2025. 2. 3.(월)"
    assert en.xpath(f"//dl[{_xpath_class('nr-release__facts')}]//time")[0].text_content() == "3 February 2025"


EMBARGO = dt.datetime(2026, 7, 1, 6, 0, tzinfo=KST)


def _embargoed_release(docs: Path, lang: str) -> ReleaseMeta:
    meta = ReleaseMeta(
        title="엠바고 시험 보도자료" if lang == "ko" else "Embargo test release",
        date=EMBARGO.date(),
        embargo_until=EMBARGO,
        lang=lang,  # type: ignore[arg-type]
        slug="embargo-test",
        translation_key="embargo-test",
        translation=Translation.ORIGINAL if lang == "ko" else Translation.FULL,
        languages=["ko", "en"],
        topics=["safety"],
        summary="요약" if lang == "ko" else "Summary",
    )
    path = docs / lang / "news" / "2026" / "embargo-test.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(join(meta.to_front_matter(), "본문" if lang == "ko" else "Body"), encoding="utf-8")
    return meta


@pytest.fixture(scope="module")
def small_site() -> Iterator[Path]:
    """The project's docs with one extra release, in a folder pytest's temp pruning cannot touch."""
    with tempfile.TemporaryDirectory(prefix="newsroom-news-small-") as temp:
        config = site_project(Path(temp) / "src", 0)
        yield config


def test_a_release_goes_live_on_the_first_build_after_its_embargo(small_site: Path) -> None:
    docs = small_site.parent / "docs"
    for lang in ("ko", "en"):
        _embargoed_release(docs, lang)
    out = small_site.parent / "after"
    mkdocs_build(small_site, out, {"NEWSROOM_NOW": (EMBARGO + dt.timedelta(minutes=1)).isoformat()})
    for prefix in (out, out / "en"):
        assert (prefix / "news" / "2026" / "embargo-test" / "index.html").is_file()
        feed = feedparser.parse((prefix / "news" / "atom.xml").read_bytes())
        assert any("embargo-test" in entry.link for entry in feed.entries)
        assert "embargo-test" in (prefix / "news" / "topics" / "safety" / "index.html").read_text(encoding="utf-8")
    assert "embargo-test" in (out / "sitemap.xml").read_text(encoding="utf-8")
    # One minute before, the same files build without it.
    before = small_site.parent / "before"
    mkdocs_build(small_site, before, {"NEWSROOM_NOW": (EMBARGO - dt.timedelta(minutes=1)).isoformat()})
    assert not (before / "news" / "2026" / "embargo-test").exists()
    assert "embargo-test" not in (before / "news" / "atom.xml").read_text(encoding="utf-8")


def test_a_broken_release_stops_the_build_naming_file_and_line(small_site: Path) -> None:
    docs = small_site.parent / "docs"
    broken = docs / "ko" / "news" / "2026" / "broken.md"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("---\ntitle: 깨진 보도자료\ndate: 2026-13-40\n---\n\n본문\n", encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(small_site), "-d", str(docs.parent / "x")],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            cwd=small_site.parent,
        )
    finally:
        broken.unlink()
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "ko/news/2026/broken.md:3:" in output
    assert "month must be in 1..12" in output

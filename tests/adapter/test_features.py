"""Each adapter feature on the three-page site, event by event (conftest.Build)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.render_cache import folders_with_files
from newsroom.site.csp import inline_scripts, script_hash

from tests.adapter.conftest import EMBARGO, load

BEFORE = (EMBARGO - dt.timedelta(minutes=1)).isoformat()
AFTER = (EMBARGO + dt.timedelta(minutes=1)).isoformat()
RELEASE_URL = "news/2025/test-release/"
HOME = "./"  # static-i18n's URL of the default language's home


def _urls(build) -> set[str]:  # type: ignore[no-untyped-def]
    return {file.url for file in build.files.documentation_pages()}


# -- news ---------------------------------------------------------------------------------------------


def test_news_leaves_an_embargoed_release_out_until_now_passes_its_time(three_pages: Path) -> None:
    assert RELEASE_URL not in _urls(load(three_pages, now=BEFORE).to_files())
    assert RELEASE_URL in _urls(load(three_pages, now=AFTER).to_files())


def test_a_bad_now_is_refused_with_its_option_name(three_pages: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Exception, match="configuration error"):
        load(three_pages, now="2025-03-04 at nine")
    assert "option 'now': NEWSROOM_NOW='2025-03-04 at nine' is not an ISO 8601 date-time" in caplog.text


def test_news_generates_listing_archive_and_topic_pages(three_pages: Path) -> None:
    urls = _urls(load(three_pages, now=AFTER).to_files())
    assert {"news/", "news/2025/", "news/topics/", "news/topics/smart-city/"} <= urls


def test_news_context_of_a_release_and_the_latest_list_on_home(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER).to_env()
    news = build.context(RELEASE_URL)["newsroom_news"]
    assert news.release is not None and news.release.title == "시험 보도자료"
    assert build.page(RELEASE_URL).meta["template"] == "release.html"
    build.context(HOME)
    home = build.page(HOME).content or ""
    assert "newsroom:latest" not in home and "시험 보도자료" in home


def test_news_writes_the_languages_feeds_after_the_build(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER).to_env()
    build.finish()
    atom = (three_pages / "site" / "news" / "atom.xml").read_text(encoding="utf-8")
    assert "시험 보도자료" in atom and (three_pages / "site" / "news" / "rss.xml").exists()


# -- i18n ---------------------------------------------------------------------------------------------


def test_i18n_hreflang_is_absolute_with_x_default(three_pages: Path) -> None:
    languages = load(three_pages, now=AFTER).to_env().context(HOME)["newsroom_i18n"]
    links = {link.hreflang: link.href for link in languages.hreflang}
    assert links == {
        "ko": "https://example.test/site/",
        "en": "https://example.test/site/en/",
        "x-default": "https://example.test/site/",
    }
    assert not languages.is_fallback


def test_i18n_marks_the_korean_copy_under_en_as_fallback(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER, language="en").to_env()
    url = "en/" + RELEASE_URL
    languages = build.context(url)["newsroom_i18n"]
    assert languages.is_fallback and languages.content_language == "ko"
    assert languages.canonical == "https://example.test/site/" + RELEASE_URL
    html = build.html(url)
    # Attribute quotes are optional: the build minifies pages (newsroom.site.minify).
    assert re.search(r'<html [^>]*\blang="?ko\b', html)
    assert re.search(r'<header class="?md-header[^>]*\blang="?en\b', html)


def test_i18n_sitemap_has_each_page_once_with_x_default(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER).to_env()
    for url in (HOME, RELEASE_URL):
        build.context(url)
    build.finish()
    sitemap = (three_pages / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == 2 and 'hreflang="x-default"' in sitemap


# -- search -------------------------------------------------------------------------------------------


def test_search_indexes_the_pages_of_its_language(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER).to_env()
    build.html(RELEASE_URL)
    search = build.feature("SearchFeature")
    assert [document.url for document in search.documents] == [RELEASE_URL]
    build.finish()
    shards = list((three_pages / "site" / "search").rglob("*.json"))
    assert shards and any("시험 보도자료" in path.read_text(encoding="utf-8") for path in shards)


def test_search_index_switch_off_writes_no_index(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER)
    build.plugin.config["search_index"] = False
    build.to_env().html(RELEASE_URL)
    build.finish()
    assert not (three_pages / "site" / "search").exists()


# -- render cache and Markdown reuse: patched for the build, put back after -------------------------------


def test_render_patches_are_put_back_when_the_build_ends(three_pages: Path) -> None:
    original = Page.render
    build = load(three_pages, now=AFTER).to_env()
    assert Page.render is not original and len(build.plugin.patches) >= 3
    nav = build.env.get_template("partials/nav.html")
    base = build.env.get_template("base.html")
    language = build.env.get_template("partials/language.html")
    assert nav.root_render_func.__name__ == "kept_render" and base.blocks["footer"].__name__ == "kept_render"
    assert language.make_module.__name__ == "make_kept_module"
    build.finish()
    assert Page.render is original and nav.root_render_func.__name__ != "kept_render"
    assert base.blocks["footer"].__name__ == "block_footer" and language.make_module.__name__ == "make_module"
    assert len(build.plugin.patches) == 0


def test_render_cache_off_patches_nothing(three_pages: Path) -> None:
    original = Page.render
    build = load(three_pages, now=AFTER, render_cache=False).to_env()
    assert Page.render is original and len(build.plugin.patches) == 0


def test_shared_parts_are_rendered_once_per_folder_outside_the_nav(three_pages: Path) -> None:
    build = load(three_pages, now=AFTER).to_env()
    cache = build.feature("RenderCacheFeature")
    build.html("news/topics/smart-city/")
    kept = {(part, template) for part, template, folder in cache._renderings if folder == ("news/topics", True)}
    assert {("partials/nav.html", ""), ("partials/search.html", ""), ("footer", "news-listing.html")} <= kept
    assert ("config", "news-listing.html") in kept
    # Pages below it (the topic's listing) would be linked relative to the page itself: it renders afresh,
    # and the release's page keeps its own blocks: it has another template.
    before = len(cache._renderings)
    build.html("news/topics/")
    assert len(cache._renderings) == before
    build.html("news/2025/test-release/")
    assert ("footer", "release.html", ("news/2025", True)) in cache._renderings
    build.finish()


def test_folders_with_files_are_the_proper_folders_of_every_url() -> None:
    folders = folders_with_files(["news/2025/a/", "assets/css/site.css", "", "404.html", "news/"])
    assert folders == {"news/", "news/2025/", "assets/", "assets/css/"}


# -- assets ---------------------------------------------------------------------------------------------


def test_materials_unused_assets_are_not_among_the_files(three_pages: Path) -> None:
    uris = {file.src_uri for file in load(three_pages, now=AFTER).to_files().files}
    assert not [uri for uri in uris if uri.startswith(internals.MATERIAL_SEARCH_ASSETS)]
    assert internals.MATERIAL_FAVICON not in uris
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", uri) for uri in uris)


# -- CSP ------------------------------------------------------------------------------------------------


def test_csp_allows_exactly_the_inline_scripts_of_the_page(three_pages: Path) -> None:
    html = load(three_pages, now=AFTER).to_env().html(RELEASE_URL)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None and html.index(policy.group(0)) < html.index("<script")
    scripts = inline_scripts(html)
    assert scripts
    script_src = next(part for part in policy.group(1).split("; ") if part.startswith("script-src "))
    assert set(script_src.split()[2:]) == {script_hash(script) for script in scripts}
    assert "unsafe-eval" not in policy.group(1) and "unsafe-inline" not in policy.group(1)
    # The JSON-LD data block is not a script the browser runs: no hash for it.
    data = re.search(r'<script type="?application/ld\+json"?>(.*?)</script>', html, re.S)
    assert data is not None and json.loads(data.group(1))


def test_csp_under_mkdocs_serve_lets_its_live_reload_script_run(three_pages: Path) -> None:
    html = load(three_pages, now=AFTER, command="serve").to_env().html(RELEASE_URL)
    assert "script-src 'self' 'unsafe-inline';" in html and "sha256-" not in html


# -- the plugin -------------------------------------------------------------------------------------------


def test_the_plugin_refuses_an_engine_it_was_not_checked_against(
    three_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(internals.PINNED, "mkdocs-material", "0.0.1")
    with pytest.raises(
        PluginError, match=r"mkdocs-material is 9\.\S+, the newsroom adapter was checked against 0\.0\.1"
    ):
        load(three_pages, now=AFTER).to_files()


# -- a release that cannot be read, under mkdocs serve ------------------------------------------------


def _break_release(root: Path) -> str:
    path = root / "docs" / "ko" / "news" / "2025" / "test-release.md"
    text = path.read_text(encoding="utf-8").replace("date: '2025-03-04'", "date: '2025-13-45'")
    assert text != path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return text


def test_a_build_for_publishing_stops_on_a_release_it_cannot_read(three_pages: Path) -> None:
    _break_release(three_pages)
    with pytest.raises(PluginError, match=r"ko/news/2025/test-release\.md:\d+: .*date"):
        load(three_pages, now=AFTER).to_files()


def test_under_serve_the_release_address_shows_its_error_and_the_site_still_builds(
    three_pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break_release(three_pages)
    build = load(three_pages, now=AFTER, command="serve").to_env()
    assert re.search(r"ERROR .*ko/news/2025/test-release\.md:3: .*date", capsys.readouterr().err)
    page = build.html(RELEASE_URL)
    assert "이 페이지를 표시할 수 없습니다" in page and "test-release.md:3" in page and "month value" in page
    assert "news/" in _urls(build) and RELEASE_URL in _urls(build)  # the rest of the site is there
    build.finish()
    index = (three_pages / "site" / "search").rglob("*.json")
    assert not any("표시할 수 없습니다" in path.read_text(encoding="utf-8") for path in index)


def test_under_serve_the_english_build_shows_the_error_in_english_at_the_fallback_address(three_pages: Path) -> None:
    _break_release(three_pages)
    build = load(three_pages, now=AFTER, command="serve", language="en").to_env()
    page = build.html("en/" + RELEASE_URL)
    assert "This page cannot be shown" in page and "test-release.md:3" in page


def _broken_plain_page(root: Path) -> None:
    # A tab before a key: MkDocs alone publishes this as a rule and the raw YAML, without a word.
    (root / "docs" / "ko" / "about.md").write_text("---\n\ttitle: 소개\n---\n\n# 소개\n", encoding="utf-8")


def test_a_build_for_publishing_stops_on_a_plain_page_it_cannot_read(three_pages: Path) -> None:
    _broken_plain_page(three_pages)
    with pytest.raises(PluginError, match=r"ko/about\.md:2: .*tabs"):
        load(three_pages, now=AFTER).to_files()


def test_a_plain_page_whose_keys_break_the_page_schema_stops_the_build(three_pages: Path) -> None:
    (three_pages / "docs" / "ko" / "about.md").write_text("---\nlanguages: [fr]\n---\n\n# 소개\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"ko/about\.md:2: page front matter: field 'languages"):
        load(three_pages, now=AFTER).to_files()


def test_under_serve_a_plain_page_it_cannot_read_shows_its_error(three_pages: Path) -> None:
    _broken_plain_page(three_pages)
    build = load(three_pages, now=AFTER, command="serve").to_env()
    page = build.html("about/")
    assert "이 페이지를 표시할 수 없습니다" in page and "ko/about.md:2" in page and "title: 소개" not in page

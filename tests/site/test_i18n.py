"""The bilingual site as built: languages, switcher, hreflang, sitemap, 404s, and no other host.

Runs on the real `mkdocs build --strict` of the project (``built_site``), plus one extra build of a
copy with a Korean-only and an English-only page under a sub-path site_url (``fallback_site``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from defusedxml import ElementTree
from mkdocs.config import load_config

from tests.conftest import ROOT, mkdocs_build

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
FALLBACK_SITE_URL = "https://example.org/cheonan/"


def has_class(name: str) -> str:
    """XPath predicate for an element carrying the CSS class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def find(element: lxml.html.HtmlElement, xpath: str) -> list[lxml.html.HtmlElement]:
    return list(element.xpath(xpath))


@dataclass(frozen=True)
class BuiltPage:
    path: str  # URL path below the site root, as served: "", "policy/", "en/policy/", "404.html"
    tree: lxml.html.HtmlElement

    @property
    def lang(self) -> str:
        return self.tree.get("lang", "")

    def switcher(self) -> dict[str, str]:
        return {a.get("hreflang"): a.get("href") for a in find(self.tree, f".//a[{has_class('md-select__link')}]")}

    def hreflang(self) -> dict[str, str]:
        return {
            link.get("hreflang"): link.get("href")
            for link in find(self.tree, "/html/head/link[@rel='alternate'][@hreflang]")
        }

    def article(self) -> lxml.html.HtmlElement:
        return find(self.tree, f".//article[{has_class('md-content__inner')}]")[0]


def url_path(html_file: Path, site: Path) -> str:
    relative = html_file.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def pages_of(site: Path) -> list[BuiltPage]:
    """The site's pages; /admin/ is the web editor, not a page of either language (tests/browser/test_admin.py)."""
    return [
        BuiltPage(url_path(file, site), lxml.html.fromstring(file.read_bytes()))
        for file in sorted(site.rglob("*.html"))
        if not url_path(file, site).startswith("admin/")
    ]


def resolve(site: Path, page_path: str, href: str) -> Path:
    """The file a relative or root-absolute link of a page leads to (query and fragment ignored)."""
    target = urlsplit(urljoin("/" + page_path, href)).path
    file = site / target.lstrip("/")
    return file / "index.html" if target.endswith("/") else file


def hangul_share(element: lxml.html.HtmlElement) -> float:
    text = element.text_content()
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    return hangul / max(hangul + latin, 1)


def is_fallback(page: BuiltPage) -> bool:
    return bool(find(page.tree, f".//*[{has_class('newsroom-untranslated')}]"))


@pytest.fixture(scope="module")
def site_url_config() -> str:
    return str(load_config(str(ROOT / "mkdocs.yml")).site_url)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[BuiltPage]:
    return pages_of(built_site)


@pytest.fixture(scope="module")
def content_pages(pages: list[BuiltPage]) -> list[BuiltPage]:
    return [page for page in pages if not page.path.endswith("404.html")]


@pytest.fixture(scope="session")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project with a page in Korean only and one in English only, under a sub-path."""
    project = tmp_path_factory.mktemp("fallback-project")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs/ko/policy/only-korean.md").write_text("# 한국어로만 쓴 문서\n\n이 문서는 한국어로만 있습니다.\n")
    (project / "docs/en/policy/only-english.md").write_text("# Written in English only\n\nThis page has no Korean.\n")
    out = tmp_path_factory.mktemp("fallback-site")
    mkdocs_build(project / "mkdocs.yml", out, {"SITE_URL": FALLBACK_SITE_URL})
    yield out


# --- languages -------------------------------------------------------------------------------


def test_every_page_declares_the_language_of_its_text(content_pages: list[BuiltPage]) -> None:
    assert len(content_pages) >= 18
    for page in content_pages:
        site_language = "en" if page.path.startswith("en/") else "ko"
        assert page.lang in ("ko", "en"), page.path
        if not is_fallback(page):
            assert page.lang == site_language, page.path
        share = hangul_share(page.article())
        if page.lang == "ko":
            assert share > 0.5, f"{page.path}: lang=ko but only {share:.0%} of the letters are Hangul"
        else:
            assert share < 0.2, f"{page.path}: lang=en but {share:.0%} of the letters are Hangul"


def test_fallback_page_is_korean_text_with_an_english_notice_linking_the_original(fallback_site: Path) -> None:
    page = BuiltPage(
        "en/policy/only-korean/",
        lxml.html.fromstring((fallback_site / "en/policy/only-korean/index.html").read_bytes()),
    )
    assert page.lang == "ko"
    notices = find(page.tree, f".//*[{has_class('newsroom-untranslated')}]")
    assert len(notices) == 1
    notice = notices[0]
    assert notice.get("lang") == "en"
    assert hangul_share(notice) == 0
    (link,) = find(notice, ".//a[@href]")
    original = resolve(fallback_site, page.path, link.get("href"))
    assert original == fallback_site / "policy/only-korean/index.html"
    # The English interface around the Korean text keeps lang="en".
    for selector in (f".//header[{has_class('md-header')}]", ".//footer", f".//*[{has_class('md-sidebar--primary')}]"):
        assert find(page.tree, selector)[0].get("lang") == "en", selector
    assert "이 문서는 한국어로만 있습니다" in page.article().text_content()
    notice.getparent().remove(notice)
    assert hangul_share(page.article()) > 0.5


def test_pages_written_in_both_languages_show_no_untranslated_notice(content_pages: list[BuiltPage]) -> None:
    # The policy and about pages exist in docs/ko and docs/en alike.
    both = [page for page in content_pages if page.path.removeprefix("en/").startswith(("policy/", "about/"))]
    assert len(both) == 14
    assert not any(is_fallback(page) for page in both)
    assert all(page.lang == ("en" if page.path.startswith("en/") else "ko") for page in both)


# --- switcher --------------------------------------------------------------------------------


def counterpart(path: str) -> str:
    return path.removeprefix("en/") if path.startswith("en/") else "en/" + path


def test_switcher_leads_to_the_same_page_in_the_other_language(
    built_site: Path, content_pages: list[BuiltPage]
) -> None:
    both = 0
    for page in content_pages:
        switcher = page.switcher()
        own = "en" if page.path.startswith("en/") else "ko"
        other = "ko" if own == "en" else "en"
        assert resolve(built_site, page.path, switcher[own]) == built_site / page.path / "index.html"
        expected = built_site / counterpart(page.path) / "index.html"
        if not expected.is_file():
            # A page in one language only (an English-only release): no switcher entry, never the other home.
            assert other not in switcher, page.path
            continue
        both += 1
        target = resolve(built_site, page.path, switcher[other])
        assert target == expected, f"{page.path}: switcher to {switcher[other]} is not the counterpart"
    assert both >= 18


def test_switcher_of_one_language_pages(fallback_site: Path) -> None:
    korean = BuiltPage(
        "policy/only-korean/", lxml.html.fromstring((fallback_site / "policy/only-korean/index.html").read_bytes())
    )
    target = resolve(fallback_site, korean.path, korean.switcher()["en"])
    assert target == fallback_site / "en/policy/only-korean/index.html"  # the fallback copy, not the English home
    english = BuiltPage(
        "en/policy/only-english/",
        lxml.html.fromstring((fallback_site / "en/policy/only-english/index.html").read_bytes()),
    )
    # No Korean version exists: the switcher offers none rather than the Korean home.
    assert set(english.switcher()) == {"en"}
    assert not (fallback_site / "policy/only-english").exists()


# --- hreflang and sitemap --------------------------------------------------------------------


def expected_hreflang(page: BuiltPage, by_path: dict[str, BuiltPage], site_url: str) -> dict[str, str]:
    """Each version written in its own language (fallback copies are not), then x-default → Korean."""
    korean_path = page.path.removeprefix("en/")
    versions = {"ko": by_path.get(korean_path), "en": by_path.get("en/" + korean_path)}
    links = {
        language: site_url + version.path
        for language, version in versions.items()
        if version is not None and not is_fallback(version)
    }
    links["x-default"] = links.get("ko") or links["en"]
    return links


def test_hreflang_is_absolute_lists_each_version_and_x_default(
    content_pages: list[BuiltPage], site_url_config: str
) -> None:
    by_path = {page.path: page for page in content_pages}
    for page in content_pages:
        links = page.hreflang()
        assert links == expected_hreflang(page, by_path, site_url_config), page.path
        assert all(href.startswith(site_url_config) for href in links.values())
        (canonical,) = find(page.tree, "/html/head/link[@rel='canonical']")
        own = "ko" if is_fallback(page) else ("en" if page.path.startswith("en/") else "ko")
        assert canonical.get("href") == links[own], page.path
    policy = by_path["en/policy/"].hreflang()
    assert policy == {
        "ko": site_url_config + "policy/",
        "en": site_url_config + "en/policy/",
        "x-default": site_url_config + "policy/",
    }


def test_hreflang_of_one_language_pages_under_a_sub_path(fallback_site: Path) -> None:
    pages = {page.path: page for page in pages_of(fallback_site)}
    base = FALLBACK_SITE_URL
    korean_only = {"ko": base + "policy/only-korean/", "x-default": base + "policy/only-korean/"}
    assert pages["policy/only-korean/"].hreflang() == korean_only
    # The fallback copy is no English page: it points search engines to the Korean original.
    assert pages["en/policy/only-korean/"].hreflang() == korean_only
    (canonical,) = find(pages["en/policy/only-korean/"].tree, "/html/head/link[@rel='canonical']")
    assert canonical.get("href") == base + "policy/only-korean/"
    english_only = base + "en/policy/only-english/"
    assert pages["en/policy/only-english/"].hreflang() == {"en": english_only, "x-default": english_only}
    assert pages["en/policy/"].hreflang()["en"] == base + "en/policy/"


def sitemap_entries(site: Path) -> dict[str, dict[str, str]]:
    root = ElementTree.fromstring((site / "sitemap.xml").read_bytes())
    entries: dict[str, dict[str, str]] = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc", "").strip()
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
    return entries


def test_sitemap_agrees_with_the_head_of_every_page(
    content_pages: list[BuiltPage], built_site: Path, site_url_config: str
) -> None:
    entries = sitemap_entries(built_site)
    assert set(entries) == {site_url_config + page.path for page in content_pages if not is_fallback(page)}
    for page in content_pages:
        assert entries[site_url_config + page.path] == page.hreflang(), page.path


def test_sitemap_leaves_fallback_copies_out(fallback_site: Path) -> None:
    entries = sitemap_entries(fallback_site)
    assert FALLBACK_SITE_URL + "policy/only-korean/" in entries
    assert FALLBACK_SITE_URL + "en/policy/only-korean/" not in entries
    assert (
        entries[FALLBACK_SITE_URL + "en/policy/only-english/"]["x-default"]
        == FALLBACK_SITE_URL + "en/policy/only-english/"
    )


# --- 404 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "language"), [("404.html", "ko"), ("en/404.html", "en")])
def test_each_language_has_its_own_404_with_working_links(built_site: Path, path: str, language: str) -> None:
    page = BuiltPage(path, lxml.html.fromstring((built_site / path).read_bytes()))
    assert page.lang == language
    article = page.article()
    assert find(article, ".//h1")
    share = hangul_share(article)
    assert share > 0.5 if language == "ko" else share < 0.05
    links = find(article, ".//a[@href]")
    assert len(links) >= 3
    home = built_site / ("" if language == "ko" else "en/") / "index.html"
    targets = {resolve(built_site, path, link.get("href")) for link in links}
    assert home in targets
    for target in targets:
        assert target.is_file(), target
        target_lang = lxml.html.fromstring(target.read_bytes()).get("lang")
        assert target_lang == language, target
    # The 404 is served from any depth: its links must not depend on where it is shown.
    for element in find(page.tree, ".//a[@href] | .//link[@href] | .//script[@src] | .//img[@src]"):
        url = element.get("href") or element.get("src")
        if not url.startswith(("#", "http:", "https:", "data:")):
            assert url.startswith("/"), f"{path}: relative link {url}"
            assert resolve(built_site, path, url).exists(), f"{path}: {url}"


# --- offline and private ---------------------------------------------------------------------

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def test_no_page_or_stylesheet_refers_to_another_host(built_site: Path, site_url_config: str) -> None:
    for file in built_site.rglob("*.html"):
        tree = lxml.html.fromstring(file.read_bytes())
        for element in find(tree, ".//link[@href] | .//script[@src] | .//img[@src]"):
            url = element.get("href") or element.get("src")
            split = urlsplit(url)
            if not (split.scheme or split.netloc):
                continue
            assert split.scheme == "data" or (
                url.startswith(site_url_config) and element.get("rel") in ("canonical", "alternate")
            ), f"{file.relative_to(built_site)}: {element.tag} refers to {url}"
        for style in find(tree, ".//style"):
            for url in CSS_URL.findall(style.text or ""):
                assert not urlsplit(url).netloc and urlsplit(url).scheme in ("", "data"), f"{file}: {url}"
    stylesheets = list(built_site.rglob("*.css"))
    assert stylesheets
    for file in stylesheets:
        for url in CSS_URL.findall(file.read_text(encoding="utf-8")):
            split = urlsplit(url.strip())
            assert not split.netloc and split.scheme in ("", "data"), f"{file.relative_to(built_site)}: url({url})"


def test_font_stack_is_local_and_korean_capable(built_site: Path) -> None:
    css = (built_site / "assets/css/site.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css
    assert re.search(
        r"--md-text-font-family:[^;]*(Noto Sans KR|Noto Sans CJK KR|Malgun Gothic|Apple SD Gothic Neo)", css
    )
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_korean_headings_get_readable_anchors(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "policy/index.html").read_bytes())
    ids = [heading.get("id") for heading in find(tree, ".//article//h2[@id]")]
    assert ids and all(HANGUL.search(anchor) for anchor in ids), ids


# --- identifier, footer, content ---------------------------------------------------------------


def test_official_identifier_and_footer_links_in_each_language(
    built_site: Path, content_pages: list[BuiltPage]
) -> None:
    for page in content_pages:
        banner = find(page.tree, f".//*[{has_class('nr-masthead')}]")
        assert len(banner) == 1, page.path
        # KRDS's wording; an English rendering of it on /en/ (KRDS publishes no English masthead).
        wording = "official e-government website" if page.path.startswith("en/") else "대한민국 공식 전자정부 누리집"
        assert wording in banner[0].text_content(), page.path
        # mkdocs.yml extra.contact is empty until the city fills it in: no release gives an address or phone.
        assert find(page.tree, f".//*[{has_class('newsroom-footer__contact')}]") == [], page.path
        footer_links = find(page.tree, f".//footer//*[{has_class('newsroom-footer')}]//nav//a[@href]")
        assert len(footer_links) == 4, page.path
        for link in footer_links:
            target = resolve(built_site, page.path, link.get("href"))
            assert target.is_file(), (page.path, link.get("href"))
            expected = "en/about/" if page.path.startswith("en/") else "about/"
            assert target.relative_to(built_site).as_posix().startswith(expected), (page.path, target)
        assert (hangul_share(banner[0]) > 0.5) == (page.lang == "ko") or is_fallback(page), page.path


def test_both_home_pages_carry_the_latest_releases_marker_source() -> None:
    for language in ("ko", "en"):
        assert "<!-- newsroom:latest -->" in (ROOT / "docs" / language / "index.md").read_text(encoding="utf-8")


def test_content_pages_cite_the_release_date(shared_dir: Path) -> None:
    # The only release so far is dated 3 February 2025 (../shared/releases/README.md).
    readme = (shared_dir / "releases/README.md").read_text(encoding="utf-8")
    assert "2025-02-03" in readme
    for language, date in (("ko", "2025년 2월 3일"), ("en", "3 February 2025")):
        for page in ("policy/index.md", "policy/ai-cloud.md", "policy/partners.md"):
            assert date in (ROOT / "docs" / language / page).read_text(encoding="utf-8"), (language, page)


NAV_LINKS = f".//*[{has_class('md-sidebar--primary')}]//*[{has_class('md-nav__link')}]"


def test_navigation_titles_are_localized(pages: list[BuiltPage]) -> None:
    by_path = {page.path: page for page in pages}
    korean = [a.text_content().strip() for a in find(by_path["policy/"].tree, NAV_LINKS)]
    english = [a.text_content().strip() for a in find(by_path["en/policy/"].tree, NAV_LINKS)]
    assert korean and english and len(korean) == len(english)
    assert all(HANGUL.search(title) for title in korean if title)
    assert not any(HANGUL.search(title) for title in english)


def test_logo_leads_to_the_home_of_the_same_language(built_site: Path, content_pages: list[BuiltPage]) -> None:
    for page in content_pages:
        (logo,) = find(page.tree, f".//a[{has_class('md-logo')}][{has_class('md-header__button')}]")
        home = built_site / ("en/" if page.path.startswith("en/") else "") / "index.html"
        assert resolve(built_site, page.path, logo.get("href")) == home, page.path

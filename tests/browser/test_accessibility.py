"""Accessibility gate: axe-core (WCAG 2.1 AA) plus the KWCAG 2.2 items axe does not check, on every page
type in both languages at a phone's 390 px and a desktop's 1,280 px, with zero findings.

axe-core comes from node_modules (npm ci, pinned in package-lock.json) and runs inside Debian's Chromium on
the real built site, served on loopback. The KWCAG items are measured in the page as Chromium laid it out
(kwcag.js beside this file): 5.3.1 tables have header cells; 5.4.3 every text and placeholder colour
against the background it is drawn on, from computed styles (4.5:1, 3:1 for large text); 5.4.4 adjacent
content blocks told apart by a border, a background or more space than between their lines; 6.1.3 every
control at least 6 mm (22.7 CSS px) on the diagonal, inline links included; 6.4.1 the skip link is the
first focus stop, readable when focused, and moves focus into the content; 6.4.2 "page | site" titles;
7.2.1 no new window without saying so; 8.1.1 unique ids after the page's scripts ran.
handbook/accessibility-checks.md describes each check; test_kwcag_checks_catch_a_broken_page shows each fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KWCAG = Path(__file__).with_name("kwcag.js")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# "copyright" is the plain page that holds a table (KWCAG 5.3.1).
PAGE_TYPES = ("home", "policy", "copyright", "news", "year", "topic", "release", "404")
LANGS = ("ko", "en")
NEW_WINDOW_WORDS = {"ko": ("새 창", "새창"), "en": ("new window", "new tab")}
SEARCH_QUERY = {"ko": "천안시", "en": "Cheonan"}
# Most readers are on phones: Material lays out the header, search and navigation differently there.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
WIDTHS = {"390px": PHONE, "1280px": DESKTOP}
CASES = [(kind, lang, width) for lang in LANGS for kind in PAGE_TYPES for width in WIDTHS]
CASE_IDS = [f"{kind}-{lang}-{width}" for kind, lang, width in CASES]


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@cache
def site_names() -> dict[str, str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    names = {"ko": config["site_name"]}
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                names.setdefault(language["locale"], language.get("site_name", config["site_name"]))
    return names


def _prefix(lang: str) -> str:
    return "" if lang == "ko" else f"{lang}/"


@pytest.fixture(scope="session")
def page_paths(built_site: Path) -> dict[tuple[str, str], str]:
    """Site path of one page of each type in each language, found in the build (news pages vary)."""
    paths: dict[tuple[str, str], str] = {}
    for lang in LANGS:
        root = built_site / _prefix(lang)
        releases = sorted(root.glob("news/[0-9][0-9][0-9][0-9]/*/index.html"))
        topics = sorted(root.glob("news/topics/*/index.html"))
        found = {
            "home": "",
            "policy": "policy/",
            "copyright": "about/copyright/",
            "news": "news/",
            "year": releases[-1].parent.parent.relative_to(root).as_posix() + "/" if releases else None,
            "topic": topics[0].parent.relative_to(root).as_posix() + "/" if topics else None,
            "release": releases[-1].parent.relative_to(root).as_posix() + "/" if releases else None,
            "404": "404.html",
        }
        for kind, path in found.items():
            if path is not None:
                paths[(kind, lang)] = _prefix(lang) + path
    return paths


@dataclass
class Audit:
    axe: list[str]
    kwcag: list[str]
    skip_link: list[str]


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[str, Any]]:
    made = {width: browser.new_context(**options) for width, options in WIDTHS.items()}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture(scope="module")
def audit(
    contexts: dict[str, Any], site_url: str, page_paths: dict[tuple[str, str], str]
) -> Callable[[str, str, str], Audit]:
    """Each page is loaded once per width and audited for all three tests (a page load and axe cost ~1 s).

    The layout is measured as loaded; the skip link goes last, since following it scrolls the page."""
    done: dict[tuple[str, str, str], Audit] = {}

    def run(kind: str, lang: str, width: str) -> Audit:
        if (kind, lang, width) not in done:
            path = page_paths.get((kind, lang))
            if path is None:
                pytest.fail(f"the build has no {kind} page in '{lang}' (news section not generated?)")
            page = contexts[width].new_page()
            try:
                page.goto(site_url + path, wait_until="load")
                axe = axe_violations(page)
                kwcag = kwcag_problems(page, lang)
                skip_link = skip_link_problems(page)
                if width == "390px":
                    kwcag += [f"menu open: {found}" for found in drawer_problems(page, lang) if found not in kwcag]
                done[(kind, lang, width)] = Audit(axe, kwcag, skip_link)
            finally:
                page.close()
        return done[(kind, lang, width)]

    return run


def axe_violations(page: Any) -> list[str]:
    # Evaluated rather than added as a <script>: the site's Content-Security-Policy refuses scripts it did not hash.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
               runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_21_AA,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(f"{node['target']} {node['failureSummary']!r}" for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def _load_kwcag(page: Any) -> None:
    if not page.evaluate("() => Boolean(window.kwcag)"):
        page.evaluate(KWCAG.read_text(encoding="utf-8"))


def kwcag_problems(page: Any, lang: str) -> list[str]:
    """Findings of kwcag.js, each starting with its KWCAG item number; the site name decides the titles."""
    _load_kwcag(page)
    return page.evaluate(
        "([site, words]) => window.kwcag.all(site, words)", [site_names()[lang], list(NEW_WINDOW_WORDS[lang])]
    )


def drawer_problems(page: Any, lang: str) -> list[str]:
    """On a phone the navigation is a drawer, closed when the page loads: its text and controls are measured
    open, as a reader sees them (axe already ran over its markup). From the top: the skip link scrolled the page."""
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.evaluate(
        """async () => { await Promise.allSettled(document.getAnimations().map((animation) => animation.finished)); }"""
    )
    return kwcag_problems(page, lang)


def skip_link_problems(page: Any, content: str = ".md-content") -> list[str]:
    """KWCAG 6.4.1. Tab once: the skip link must be focused and readable; Enter: focus must move so that the
    next Tab is in the content."""
    _load_kwcag(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, href: e.getAttribute('href') || '', text: e.textContent.trim()}; }"""
    )
    if first["tag"] != "A" or not first["href"].startswith("#") or not first["text"]:
        return [f"6.4.1 skip link: the first focus stop is not a skip link: {first}"]
    # Measured once its focus styles have finished their transitions (Material fades the link in).
    unreadable = page.evaluate(
        """async () => {
             const link = document.activeElement;
             await Promise.allSettled(link.getAnimations({subtree: true}).map((animation) => animation.finished));
             return window.kwcag.contrastFindings(new Map([[link, []]]));
           }"""
    )
    problems = [f"6.4.1 skip link, focused: {finding}" for finding in unreadable]
    page.keyboard.press("Enter")
    lands = page.evaluate(
        """(href) => { const t = document.getElementById(decodeURIComponent(href.slice(1)));
                       return Boolean(t && t.closest('main')) && decodeURIComponent(location.hash) === href; }""",
        first["href"],
    )
    if not lands:
        return [*problems, f"6.4.1 skip link: {first['href']} does not lead into the main content"]
    page.keyboard.press("Tab")
    if not page.evaluate("(content) => Boolean(document.activeElement.closest(content))", content):
        where = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        problems.append(f"6.4.1 skip link: after it, Tab lands outside the content, on {where}")
    return problems


@pytest.mark.parametrize(("kind", "lang", "width"), CASES, ids=CASE_IDS)
def test_no_axe_violations_at_wcag21_aa(
    audit: Callable[[str, str, str], Audit], kind: str, lang: str, width: str
) -> None:
    found = audit(kind, lang, width).axe
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(("kind", "lang", "width"), CASES, ids=CASE_IDS)
def test_no_kwcag_findings(audit: Callable[[str, str, str], Audit], kind: str, lang: str, width: str) -> None:
    found = audit(kind, lang, width).kwcag
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(("kind", "lang", "width"), CASES, ids=CASE_IDS)
def test_skip_link_is_first_and_moves_focus_to_the_content(
    audit: Callable[[str, str, str], Audit], kind: str, lang: str, width: str
) -> None:
    found = audit(kind, lang, width).skip_link
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_with_results_open(contexts: dict[str, Any], site_url: str, lang: str, width: str) -> None:
    page = contexts[width].new_page()
    try:
        page.goto(site_url + _prefix(lang), wait_until="load")
        if width == "390px":  # the search box is behind the header's search button
            page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").focus()
        page.evaluate("async () => { await Promise.allSettled(document.getAnimations().map((a) => a.finished)); }")
        assert kwcag_problems(page, lang) == [], "search open, nothing typed yet"
        page.locator("input.md-search__input").fill(SEARCH_QUERY[lang])
        results = page.locator(".md-search-result__list > *")
        results.first.wait_for(state="visible", timeout=10_000)
        assert results.count() >= 1
        assert axe_violations(page) == []
        assert kwcag_problems(page, lang) == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def record_url(record_site: Any) -> Iterator[str]:
    yield from serve(record_site.out)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("state", ["corrected", "withdrawn", "korean-only"])
def test_release_in_each_record_state(
    contexts: dict[str, Any], record_url: str, state: str, lang: str, width: str
) -> None:
    """A corrected or withdrawn release carries a notice, a Korean-only one a notice on /en/: the same gates
    (tests/site/record_site.py builds these)."""
    page = contexts[width].new_page()
    try:
        response = page.goto(f"{record_url}{_prefix(lang)}news/2026/record-{state}/", wait_until="load")
        assert response is not None and response.ok, "the record site has no such release"
        found = axe_violations(page) + kwcag_problems(page, lang)
    finally:
        page.close()
    assert found == [], "\n".join(found)


@pytest.fixture(scope="module")
def paged_url(paged_site: Path) -> Iterator[str]:
    yield from serve(paged_site)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["news/", "news/page/3/", "news/page/1/"])
def test_listing_pages_with_their_pagination_row(
    contexts: dict[str, Any], paged_url: str, path: str, lang: str, width: str
) -> None:
    """A landing page (latest, the newest numbered pages, page 1, older) and numbered pages (newer, a window,
    the oldest): the row a reader taps on a phone, on a site with enough releases to have one."""
    page = contexts[width].new_page()
    try:
        response = page.goto(f"{paged_url}{_prefix(lang)}{path}", wait_until="load")
        assert response is not None and response.ok
        assert page.locator("nav.nr-pagination a").count() >= 4
        found = axe_violations(page) + kwcag_problems(page, lang)
    finally:
        page.close()
    assert found == [], "\n".join(found)


BROKEN_PAGE = """<!DOCTYPE html><html lang='en'><head><title>Cheonan Smart City - Policy</title>
<style>body { margin: 0; font: 16px/1.5 sans-serif; } p { margin: 0; } .pale { color: #999; }
.tiny { font-size: 9px; } .faint-big { font-size: 30px; color: #aaa; }
.faint-field::placeholder { color: #bbb; } .banded { background: linear-gradient(#fff, #eee); }</style></head><body>
<main><p id='a'>one</p><p id='a'>two</p>
<p class='pale'>grey text on white</p><p class='faint-big'>big and faint</p>
<p><a href='https://example.org/' target='_blank'>Partner</a>
<a href='https://example.org/' target='_blank' title='opens in a new window'>Partner site</a>
<a class='tiny' href='#n1'>1</a></p>
<table><tr><td>Year</td><td>Budget</td></tr><tr><td>2024</td><td>10</td></tr></table>
<form><input class='faint-field' placeholder='Search'></form><div class='banded'><p>on a gradient</p></div>
</main></body></html>"""


def test_kwcag_checks_catch_a_broken_page(browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_content(BROKEN_PAGE)
    page.evaluate(KWCAG.read_text(encoding="utf-8"))
    problems = page.evaluate("([site, words]) => window.kwcag.all(site, words)", ["Cheonan Smart City", ["new window"]])
    page.close()
    by_item: dict[str, list[str]] = {}
    for problem in problems:
        by_item.setdefault(problem.split(" ")[0], []).append(problem)
    assert set(by_item) == {"6.4.2", "8.1.1", "7.2.1", "5.3.1", "5.4.3", "6.1.3", "5.4.4"}, problems
    assert re.search(r'title: ".*" is not "page \| Cheonan Smart City"', by_item["6.4.2"][0])
    assert by_item["8.1.1"] == ['8.1.1 ids: id "a" is used 2 times']
    assert by_item["7.2.1"] == ["7.2.1 new window: link to https://example.org/ opens a new window without saying so"]
    assert by_item["5.3.1"] == ['5.3.1 tables: main > table "Year Budget 2024 10" has no header cells (th)']
    contrast = "\n".join(by_item["5.4.3"])
    assert "#999999 on #ffffff is 2.85:1, needs 4.5:1" in contrast, contrast
    assert "#aaaaaa on #ffffff is 2.32:1, needs 3:1" in contrast, contrast
    assert "placeholder #bbbbbb on #ffffff is 1.92:1, needs 4.5:1" in contrast, contrast
    assert 'is drawn on a background image at main > div.banded "on a gradient"' in contrast, contrast
    assert len(by_item["5.4.3"]) == 4, contrast  # the underlined blue links and black text pass
    assert len(by_item["6.1.3"]) == 1 and 'a.tiny "1"' in by_item["6.1.3"][0], by_item["6.1.3"]
    assert all(" and " in finding and "px apart (stacked)" in finding for finding in by_item["5.4.4"]), by_item["5.4.4"]


def test_skip_link_check_catches_a_page_without_one(browser: Any) -> None:
    page = browser.new_page()
    page.set_content("<html><body><header><a href='/'>Home</a></header><main><p>Text</p></main></body></html>")
    problems = skip_link_problems(page)
    page.set_content(
        "<html><head><style>a { color: #bbb; }</style></head><body><a href='#c'>Skip</a>"
        "<nav><a href='/'>Home</a></nav><main><div id='c'></div></main><p><a href='/x'>after</a></p></body></html>"
    )
    problems += skip_link_problems(page, content="main")
    page.close()
    assert problems[0].startswith("6.4.1 skip link: the first focus stop is not a skip link")
    assert problems[1].startswith("6.4.1 skip link, focused: 5.4.3 contrast: text #bbbbbb on #ffffff"), problems
    assert problems[2].startswith("6.4.1 skip link: after it, Tab lands outside the content"), problems
    assert len(problems) == 3, problems


@pytest.mark.parametrize("lang", ["ko-KR", "en-US"])
def test_admin_login_screen_has_no_axe_violation(browser: Any, site_url: str, lang: str) -> None:
    """The web editor's first screen, in the interface language the browser asks for.

    Zero violations, with one fix in the served bundle: Sveltia's viewport forbade zooming
    (REWRITES in newsroom/editor/admin_page.py)."""
    context = browser.new_context(locale=lang)
    page = context.new_page()
    try:
        page.goto(site_url + "admin/", wait_until="load")
        page.get_by_role("button", name=re.compile("Work with Local Repository|로컬 저장소로 작업")).wait_for()
        violations = axe_violations(page)
    finally:
        context.close()
    assert violations == []

"""Accessibility gate: axe-core (WCAG 2.1 AA) on every page type in both languages, plus what
axe does not cover of KWCAG 2.2: "page | site" titles, a skip link that is the first focusable
element and lands in the content, unique ids, and links that say they open a new window.

axe-core comes from node_modules (npm ci, pinned in package-lock.json) and runs inside Debian's
Chromium on the real built site, served on loopback. Colour contrast (>= 4.5:1) is axe's
``color-contrast`` rule, which the WCAG 2 AA tags include.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = ("home", "policy", "news", "year", "topic", "release", "404")
LANGS = ("ko", "en")
NEW_WINDOW_WORDS = {"ko": ("새 창", "새창"), "en": ("new window", "new tab")}
SEARCH_QUERY = {"ko": "천안시", "en": "Cheonan"}
CASES = [(kind, lang) for lang in LANGS for kind in PAGE_TYPES]
# Most readers are on phones: Material lays out the header, search and navigation differently there.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}


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
def audit(browser: Any, site_url: str, page_paths: dict[tuple[str, str], str]) -> Callable[[str, str], Audit]:
    """Each page is loaded once and audited for all three tests (a page load and axe run cost ~1 s)."""
    done: dict[tuple[str, str], Audit] = {}

    def run(kind: str, lang: str) -> Audit:
        if (kind, lang) not in done:
            path = page_paths.get((kind, lang))
            if path is None:
                pytest.fail(f"the build has no {kind} page in '{lang}' (news section not generated?)")
            page = browser.new_page()
            try:
                page.goto(site_url + path, wait_until="load")
                skip = skip_link_problems(page)
                done[(kind, lang)] = Audit(axe_violations(page), kwcag_problems(page, lang), skip)
            finally:
                page.close()
        return done[(kind, lang)]

    return run


def _phone_axe(browser: Any, url: str) -> list[str]:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        return axe_violations(page)
    finally:
        context.close()


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


# The KWCAG checks axe does not make, as one function run in the page, so a test can also run it on
# a deliberately broken page (test_kwcag_checks_catch_a_broken_page).
KWCAG_SCRIPT = """([siteName, newWindowWords]) => {
  const problems = [];
  const title = document.title;
  const parts = title.split(' | ');
  if (parts.length < 2 || parts[parts.length - 1] !== siteName || !parts[0].trim()) {
    problems.push(`title "${title}" is not "page | ${siteName}"`);
  } else if (parts[0].trim() === siteName) {
    problems.push(`title "${title}" repeats the site name instead of naming the page`);
  }
  const seen = new Map();
  for (const element of document.querySelectorAll('[id]')) {
    seen.set(element.id, (seen.get(element.id) || 0) + 1);
  }
  for (const [id, count] of seen) {
    if (count > 1) problems.push(`id "${id}" is used ${count} times`);
  }
  for (const link of document.querySelectorAll('a[target]')) {
    const target = link.getAttribute('target').toLowerCase();
    if (['_self', '_parent', '_top', ''].includes(target)) continue;
    const said = [link.getAttribute('aria-label') || '', link.getAttribute('title') || '', link.textContent]
      .join(' ').toLowerCase();
    if (!newWindowWords.some((word) => said.includes(word))) {
      problems.push(`link to ${link.getAttribute('href')} opens a new window without saying so`);
    }
  }
  return problems;
}"""


def kwcag_problems(page: Any, lang: str) -> list[str]:
    return page.evaluate(KWCAG_SCRIPT, [site_names()[lang], list(NEW_WINDOW_WORDS[lang])])


def skip_link_problems(page: Any) -> list[str]:
    """Tab once: the skip link must be focused; Enter: focus must move so that the next Tab is in the content."""
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, href: e.getAttribute('href') || '', text: e.textContent.trim()}; }"""
    )
    if first["tag"] != "A" or not first["href"].startswith("#") or not first["text"]:
        return [f"the first focusable element is not a skip link: {first}"]
    page.keyboard.press("Enter")
    lands = page.evaluate(
        """(href) => { const t = document.getElementById(decodeURIComponent(href.slice(1)));
                       return Boolean(t && t.closest('main')) && decodeURIComponent(location.hash) === href; }""",
        first["href"],
    )
    if not lands:
        return [f"skip link {first['href']} does not lead into the main content"]
    page.keyboard.press("Tab")
    if not page.evaluate("() => Boolean(document.activeElement.closest('.md-content'))"):
        where = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        return [f"after the skip link, Tab lands outside the content, on {where}"]
    return []


@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{kind}-{lang}" for kind, lang in CASES])
def test_no_axe_violations_at_wcag21_aa(audit: Callable[[str, str], Audit], kind: str, lang: str) -> None:
    assert audit(kind, lang).axe == []


@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{kind}-{lang}" for kind, lang in CASES])
def test_no_axe_violations_at_phone_width(
    browser: Any, site_url: str, page_paths: dict[tuple[str, str], str], kind: str, lang: str
) -> None:
    assert _phone_axe(browser, site_url + page_paths[(kind, lang)]) == []


@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{kind}-{lang}" for kind, lang in CASES])
def test_kwcag_title_ids_and_new_windows(audit: Callable[[str, str], Audit], kind: str, lang: str) -> None:
    assert audit(kind, lang).kwcag == []


@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{kind}-{lang}" for kind, lang in CASES])
def test_skip_link_is_first_and_moves_focus_to_the_content(
    audit: Callable[[str, str], Audit], kind: str, lang: str
) -> None:
    assert audit(kind, lang).skip_link == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_search_with_results_open(browser: Any, site_url: str, lang: str, phone: bool) -> None:
    context = browser.new_context(**(PHONE if phone else {}))
    try:
        page = context.new_page()
        page.goto(site_url + _prefix(lang), wait_until="load")
        if phone:  # the search box is behind the header's search button
            page.locator("label.md-header__button[for='__search']").click()
        page.locator("input.md-search__input").fill(SEARCH_QUERY[lang])
        results = page.locator(".md-search-result__list > *")
        results.first.wait_for(state="visible", timeout=10_000)
        assert results.count() >= 1
        assert axe_violations(page) == []
        assert kwcag_problems(page, lang) == []
    finally:
        context.close()


def test_kwcag_checks_catch_a_broken_page(browser: Any) -> None:
    page = browser.new_page()
    page.set_content(
        "<html lang='en'><head><title>Cheonan Smart City - Policy</title></head><body>"
        "<p id='a'>one</p><p id='a'>two</p><a href='https://example.org/' target='_blank'>Partner</a>"
        "<a href='https://example.org/' target='_blank' title='opens in a new window'>Partner</a></body></html>"
    )
    problems = page.evaluate(KWCAG_SCRIPT, ["Cheonan Smart City", list(NEW_WINDOW_WORDS["en"])])
    page.close()
    assert len(problems) == 3, problems
    assert re.search(r'title ".*" is not "page \| Cheonan Smart City"', problems[0])
    assert problems[1] == 'id "a" is used 2 times'
    assert problems[2] == "link to https://example.org/ opens a new window without saying so"


@pytest.mark.parametrize("lang", ["ko-KR", "en-US"])
def test_admin_login_screen_has_no_axe_violation(browser: Any, site_url: str, lang: str) -> None:
    """The web editor's first screen, in the interface language the browser asks for.

    Zero violations, with one fix in the served bundle: Sveltia's viewport forbade zooming
    (REWRITES in newsroom/mkdocs_adapter/admin.py)."""
    context = browser.new_context(locale=lang)
    page = context.new_page()
    try:
        page.goto(site_url + "admin/", wait_until="load")
        page.get_by_role("button", name=re.compile("Work with Local Repository|로컬 저장소로 작업")).wait_for()
        violations = axe_violations(page)
    finally:
        context.close()
    assert violations == []

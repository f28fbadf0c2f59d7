"""Content-Security-Policy: every page type in both languages loads and runs with zero violations.

The policy (newsroom/site/csp.py) is a <meta> on each page; a violation shows as a ``securitypolicyviolation``
event and as a console message. Search is typed into, so that its script and index fetches run too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

LANGS = ("ko", "en")
SEARCH_QUERY = {"ko": "천안시", "en": "Cheonan"}
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _prefix(lang: str) -> str:
    return "" if lang == "ko" else f"{lang}/"


def page_types(site: Path, lang: str) -> dict[str, str]:
    """One page of each type, found in the build (news pages vary)."""
    root = site / _prefix(lang)
    releases = sorted(root.glob("news/[0-9][0-9][0-9][0-9]/*/index.html"))
    topics = sorted(root.glob("news/topics/*/index.html"))
    assert releases and topics, f"no release or topic page in the {lang} build"
    return {
        kind: _prefix(lang) + path
        for kind, path in {
            "home": "",
            "policy": "policy/",
            "about": "about/",
            "news": "news/",
            "year": releases[0].parent.parent.relative_to(root).as_posix() + "/",
            "release": releases[0].parent.relative_to(root).as_posix() + "/",
            "topics": "news/topics/",
            "topic": topics[0].parent.relative_to(root).as_posix() + "/",
            "404": "404.html",
        }.items()
    }


def violations(browser: Any, url: str, *, query: str | None = None, tamper: bool = False) -> list[str]:
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and console.append(message.text))
    if tamper:  # the control: a script added after the build has no hash in the policy
        page.route(
            url,
            lambda route: route.fulfill(
                response=(response := route.fetch()),
                body=response.text().replace("</body>", "<script>document.title = 'x'</script></body>"),
            ),
        )
    try:
        page.goto(url, wait_until="load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        if query:
            page.keyboard.press("/")
            page.keyboard.type(query)
            page.wait_for_selector("[data-newsroom-search-results] li", timeout=5000)
        page.wait_for_timeout(100)
        return [*page.evaluate("window.__cspViolations"), *console]
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_runs_without_csp_violations(browser: Any, built_site: Path, site_url: str, lang: str) -> None:
    found = {kind: violations(browser, site_url + path) for kind, path in page_types(built_site, lang).items()}
    assert {kind: found for kind, found in found.items() if found} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_search_runs_without_csp_violations(browser: Any, site_url: str, lang: str) -> None:
    assert violations(browser, site_url + _prefix(lang), query=SEARCH_QUERY[lang]) == []


def test_a_script_added_after_the_build_is_refused(browser: Any, site_url: str) -> None:
    found = violations(browser, site_url + "policy/", tamper=True)
    assert any("script-src" in message for message in found), found

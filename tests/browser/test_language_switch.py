"""Headless Chromium on the real built site: the language switcher and requests that stay on the site.

The site is built as it is published: ``site_url`` is the very address it is served from, under a
sub-path (as on GitHub Pages), so the absolute hreflang links and Material's own handling of them
(it probes ``sitemap.xml`` next to every alternate and intercepts clicks on them) run as in production.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, mkdocs_build, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def published_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("published")
    server = serve(root)
    origin = next(server)
    url = origin + "cheonan/"
    mkdocs_build(ROOT / "mkdocs.yml", root / "cheonan", {"SITE_URL": url})
    yield url
    server.close()


def test_switcher_leads_from_a_korean_policy_page_to_its_english_version(browser, published_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(published_url + "policy/ai-cloud/")
        assert page.locator("html").get_attribute("lang") == "ko"
        korean_title = page.locator("article h1").inner_text()

        # The switcher opens like a visitor opens it: pointer on the language button, then the link.
        page.hover(".md-header__option .md-select")
        english = page.locator('a.md-select__link[hreflang="en"]')
        english.wait_for(state="visible")
        with page.expect_navigation():
            english.click()

        assert urlsplit(page.url).path == "/cheonan/en/policy/ai-cloud/"
        assert page.locator("html").get_attribute("lang") == "en"
        english_title = page.locator("article h1").inner_text()
        assert english_title and english_title != korean_title
        assert page.locator(".newsroom-untranslated").count() == 0

        # And back: the Korean link of the English page is the page we came from.
        page.hover(".md-header__option .md-select")
        korean = page.locator('a.md-select__link[hreflang="ko"]')
        korean.wait_for(state="visible")
        with page.expect_navigation():
            korean.click()
        assert urlsplit(page.url).path == "/cheonan/policy/ai-cloud/"
    finally:
        page.close()

    served = urlsplit(published_url)
    assert len(requests) > 3  # the pages, their stylesheets and scripts were really loaded
    left = [url for url in requests if urlsplit(url).hostname != "127.0.0.1" or urlsplit(url).port != served.port]
    assert not left, f"requests left the site: {left}"


def test_english_404_renders_in_english_with_only_local_requests(browser, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        response = page.goto(site_url + "en/404.html")
        assert response is not None and response.ok
        assert page.locator("html").get_attribute("lang") == "en"
        home = page.locator("article a").first
        with page.expect_navigation():
            home.click()
        assert page.locator("html").get_attribute("lang") == "en"
        assert urlsplit(page.url).path.startswith("/en/")
    finally:
        page.close()
    assert requests and all(urlsplit(url).hostname == "127.0.0.1" for url in requests), requests

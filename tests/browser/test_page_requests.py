"""A page view on a phone fetches only what it shows: no failed requests, no look-ups of other sitemaps,
nothing from another host (the site's typeface, Pretendard GOV, included: it comes from the site itself)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "policy/", "news/", "en/", "en/policy/partners/", "en/news/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_view_makes_no_failed_or_wasted_request(browser, site_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requested: list[str] = []
    failed: list[str] = []
    fonts: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("request", lambda request: request.resource_type == "font" and fonts.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.goto(site_url + path, wait_until="networkidle")
    page.close()
    assert requested, "the page made no request at all"
    assert not failed, failed
    assert not [url for url in requested if url.endswith("sitemap.xml")], requested
    assert [url for url in requested if not url.startswith((site_url, "data:"))] == []
    assert fonts and all("/assets/fonts/pretendard-gov-" in url for url in fonts), fonts

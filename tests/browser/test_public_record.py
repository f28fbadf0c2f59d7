"""Headless Chromium on the public-record site (tests/site/record_site.py): the withdrawal banner on a phone,
and a moved release's old address leading to the new one with JavaScript off."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import serve
from tests.site.record_site import RecordSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def record_url(record_site: RecordSite) -> Iterator[str]:
    yield from serve(record_site.out)


@pytest.mark.parametrize(
    ("path", "start"),
    [
        ("news/2026/record-withdrawn/", "이 보도자료는 2026. 3. 2.(월)에 철회되었습니다: "),
        ("en/news/2026/record-withdrawn/", "This release was withdrawn on 2 March 2026: "),
    ],
)
def test_the_withdrawal_banner_is_the_first_thing_read_on_a_phone(
    browser, record_url: str, path: str, start: str
) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(record_url + path)
        banner = page.locator(".nr-withdrawn")
        assert banner.is_visible()
        assert banner.inner_text().startswith(start)
        box = banner.bounding_box()
        heading = page.locator("article h1").bounding_box()
        assert box is not None and heading is not None
        # Above the headline, within the first screen, and as wide as the phone allows, no wider.
        assert box["y"] < heading["y"]
        assert box["y"] + box["height"] <= PHONE["height"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # Its text is in the page's language.
        assert page.locator("html").get_attribute("lang") == ("en" if path.startswith("en/") else "ko")
    finally:
        context.close()


def test_an_old_address_leads_to_the_moved_release_without_javascript(browser, record_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(record_url + "en/news/2025/record-moved-old/")
        page.wait_for_url("**/en/news/2026/record-moved-new/", timeout=10_000)
        assert urlsplit(page.url).path == "/en/news/2026/record-moved-new/"
        assert page.locator("article h1").inner_text() == "Moved test release"
    finally:
        context.close()

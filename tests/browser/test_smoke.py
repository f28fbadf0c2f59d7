from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_loads_in_chromium(browser, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "ko"
    assert requests and all(url.startswith(site_url) for url in requests), requests
    page.close()

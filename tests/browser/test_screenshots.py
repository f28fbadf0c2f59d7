"""Look at it: every page type in both languages at a phone's and a desk's width, photographed by Chromium.

The pictures go to ``artefacts/screenshots/`` (``NEWSROOM_ARTEFACTS`` moves the folder; CI keeps it as a build
artefact) for people to look at. What a machine can see in them is asserted: the KRDS masthead is the first
thing on the page, nothing is wider than the screen (a phone would scroll sideways), and the page's fonts came
from the site itself (Pretendard GOV, self-hosted) rather than from the fallback alone.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accessibility import page_paths  # noqa: F401  (the fixture, shared)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("NEWSROOM_ARTEFACTS", ROOT / "artefacts"))
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
KINDS = ("home", "news", "release", "policy", "404", "search")
LANGS = ("ko", "en")
SEARCH_QUERY = {"ko": "스마트도시", "en": "smart city"}
CASES = [(kind, lang, width) for lang in LANGS for kind in KINDS for width in WIDTHS]


def _open(browser: Any, site_url: str, path: str, width: str) -> tuple[Any, Any]:
    phone = width == "390"
    context = browser.new_context(viewport=WIDTHS[width], is_mobile=phone, has_touch=phone, device_scale_factor=1)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.evaluate("() => document.fonts.ready")
    return context, page


def _search(page: Any, lang: str) -> None:
    page.keyboard.press("/")
    page.locator("[data-newsroom-search-input]").fill(SEARCH_QUERY[lang])
    page.locator("[data-newsroom-search-results] li").first.wait_for(timeout=5000)
    # The phone's search panel slides in (Material's transitions): measure it where it comes to rest, not mid-way
    # (a fresh-clone run once caught it wider than the screen during the slide).
    page.evaluate("() => Promise.all(document.getAnimations().map((animation) => animation.finished))")
    page.evaluate("() => document.fonts.ready")


@pytest.mark.parametrize(("kind", "lang", "width"), CASES, ids=[f"{k}-{la}-{w}" for k, la, w in CASES])
def test_page_photographed_as_a_krds_page(
    browser: Any,
    site_url: str,
    page_paths: dict[tuple[str, str], str],  # noqa: F811
    kind: str,
    lang: str,
    width: str,
) -> None:
    path = page_paths[("home" if kind == "search" else kind, lang)]
    context, page = _open(browser, site_url, path, width)
    try:
        if kind == "search":
            _search(page, lang)
        # Taken before the checks, so that a failing page can be looked at.
        out = ARTEFACTS / "screenshots" / f"{kind}-{lang}-{width}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=kind != "search")
        first = page.evaluate(
            """() => { const m = document.querySelector('.nr-masthead'); const r = m.getBoundingClientRect();
                       return {top: r.top, text: m.textContent.trim()}; }"""
        )
        assert first["top"] == 0, f"the masthead is not at the top of {path}: {first}"
        assert ("대한민국 공식 전자정부 누리집" if lang == "ko" else "Republic of Korea") in first["text"]
        overflow = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                     .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                        && getComputedStyle(e).visibility !== 'hidden'
                        && !e.closest('.md-sidebar, .md-search__output, [hidden], .md-skip, .md-select__inner'))
                     .slice(0, 3).map((e) => e.outerHTML.slice(0, 100))"""
        )
        assert overflow == [], f"wider than the screen at {width} px on {path}: {overflow}"
        fonts = page.evaluate(
            "() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/\"/g, ''))"
        )
        assert "Pretendard GOV" in fonts, f"Pretendard GOV not loaded on {path}: {fonts}"
        assert out.stat().st_size > 5_000
    finally:
        context.close()

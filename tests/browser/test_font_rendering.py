"""Every character renders in Pretendard GOV, the site's typeface, not in a system font: the site's own text at a
phone's and a desktop's width, and characters no page of the site shows (which fall to the coarse chunks).

Chromium reports, per text node, the fonts it actually drew the node with (DevTools ``CSS.getPlatformFontsForNode``);
a glyph missing from every face of the family would show as another font there."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

FAMILY = "Pretendard GOV"
# Characters the site's pages do not show: a rare syllable, Hanja, an enclosed numeral, a fullwidth sign; in a
# paragraph (Regular) and in a heading (Bold).
RARE = "똠뷁햏 忠清天安 ①② ＄"
# Set in another family on purpose: code, and on English pages the language switcher's "한국어" (system font).
OTHER_FAMILY = "code, pre, kbd, .md-select__link[hreflang='ko'], .md-icon, svg"


def drawn_fonts(page: Any) -> dict[str, set[str]]:
    """Family names Chromium drew each text node with, by the node's text (whitespace-only nodes left out)."""
    client = page.context.new_cdp_session(page)
    client.send("DOM.enable")
    client.send("CSS.enable")
    root = client.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    skip = set(client.send("DOM.querySelectorAll", {"nodeId": root["nodeId"], "selector": OTHER_FAMILY})["nodeIds"])
    found: dict[str, set[str]] = {}

    def walk(node: dict[str, Any], skipped: bool) -> None:
        skipped = skipped or node.get("nodeId") in skip or node.get("nodeName") in {"SCRIPT", "STYLE", "HEAD"}
        if node.get("nodeType") == 3 and not skipped and node.get("nodeValue", "").strip():
            parent = node["parentId"]
            try:
                fonts = client.send("CSS.getPlatformFontsForNode", {"nodeId": parent})["fonts"]
            except Exception:  # a node Chromium does not render (hidden): nothing drawn
                return
            found.setdefault(node["nodeValue"].strip(), set()).update(f["familyName"] for f in fonts)
        for child in node.get("children", []):
            walk(child, skipped)

    walk(root, False)
    return found


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["", "news/", "en/"])
def test_every_shown_character_is_drawn_in_pretendard_gov(browser: Any, site_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate(
        """rare => { const main = document.querySelector('.md-content article') || document.body;
        const p = document.createElement('p'); p.textContent = rare; main.append(p);
        const h = document.createElement('h2'); h.textContent = rare; main.append(h); }""",
        RARE,
    )
    page.evaluate("() => document.fonts.ready")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")
    drawn = drawn_fonts(page)
    page.close()
    assert RARE in drawn, "the rare characters were not drawn"
    other = {text[:40]: fonts for text, fonts in drawn.items() if fonts and fonts != {FAMILY}}
    assert not other, other

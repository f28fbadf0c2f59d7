"""KRDS's skip link wording on every page: "본문 바로가기" in Korean (KRDS's skip link component), and in English,
for which KRDS publishes no wording, "Skip to main content"."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

WORDING = {"ko": "본문 바로가기", "en": "Skip to main content"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_page_opens_with_the_skip_link_in_its_language(built_site: Path, lang: str) -> None:
    root = built_site if lang == "ko" else built_site / "en"
    pages = [root / "index.html", root / "404.html", *sorted(root.glob("news/[0-9][0-9][0-9][0-9]/*/index.html"))]
    assert len(pages) >= 3
    for page in pages:
        document = lxml.html.parse(page).getroot()
        assert document.get("lang") == lang, page
        links = document.xpath('//a[contains(concat(" ", @class, " "), " md-skip ")]')
        assert len(links) == 1, page
        first = document.xpath("//body//a[@href]")[0]
        assert first is links[0] and links[0].text_content().strip() == WORDING[lang], page

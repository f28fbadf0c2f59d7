"""The site's typeface: Pretendard GOV from the pinned npm package, in unicode-range chunks, served by the site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from newsroom.site.fonts import CHUNKS, SITE_FOLDER, SITE_STYLESHEET, STYLESHEET, FontPackageError, font_files

ROOT = Path(__file__).resolve().parents[2]
FACE = re.compile(r"@font-face\{(?P<body>[^}]*)\}")


def test_the_package_gives_two_weights_in_matching_chunks() -> None:
    fonts = font_files(ROOT)
    faces = FACE.findall(fonts.stylesheet)
    weights = [re.search(r"font-weight:(\d+)", face).group(1) for face in faces]  # type: ignore[union-attr]
    assert set(weights) == {"400", "700"} and weights.count("400") == weights.count("700") > 50
    assert len(fonts.chunks) == len(faces)
    assert all("unicode-range:U+" in face and "font-display:swap" in face for face in faces)
    # Every file named is one of the chunks copied, by its own name, and no other format is named.
    named = {match for face in faces for match in re.findall(r"url\(([^)]+)\)", face)}
    assert named == {chunk.name for chunk in fonts.chunks}
    assert ".woff)" not in fonts.stylesheet and "//" not in "".join(named)
    assert "SIL Open Font License" in fonts.stylesheet  # OFL-1.1: the licence travels with the font


def test_a_missing_or_changed_package_is_named(tmp_path: Path) -> None:
    with pytest.raises(FontPackageError, match="pretendard-gov"):
        font_files(tmp_path)
    (tmp_path / STYLESHEET).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / STYLESHEET, tmp_path / STYLESHEET)
    with pytest.raises(FontPackageError, match=r"subset\.\d+\.woff2 is missing"):
        font_files(tmp_path)
    (tmp_path / STYLESHEET).write_text("@font-face { font-family: x; }", encoding="utf-8")
    with pytest.raises(FontPackageError, match="licence"):
        font_files(tmp_path)
    assert not (tmp_path / CHUNKS / "woff2-dynamic-subset").exists()


def test_every_page_loads_the_font_stylesheet_the_build_wrote(built_site: Path) -> None:
    stylesheet = built_site / SITE_FOLDER / SITE_STYLESHEET
    files = {path.name for path in stylesheet.parent.glob("*.woff2")}
    assert files == {chunk.name for chunk in font_files(ROOT).chunks}
    for page in (built_site / "index.html", built_site / "en" / "index.html", built_site / "404.html"):
        hrefs = lxml.html.parse(page).xpath('//link[@rel="stylesheet"]/@href')
        link = [href for href in hrefs if href.endswith("pretendard-gov.css")]
        assert len(link) == 1, (page, hrefs)
        href = link[0]
        target = built_site / href.lstrip("/") if href.startswith("/") else page.parent / href  # 404s: from the root
        assert target.resolve() == stylesheet.resolve(), (page, href)

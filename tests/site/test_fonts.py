"""The site's typeface: Pretendard GOV cut from the pinned npm package into unicode-range chunks, served by the site.

The chunks are the committed font plan's (``font-plan.json``) and coarse fallback chunks of the whole font; the
tests read the built site's stylesheet and font files, and the fonts themselves with fontTools.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.site.font_plan import (
    PLAN_FILE,
    FontPlan,
    FontPlanError,
    plan_chunks,
    read_plan,
    shown_characters,
    site_pages,
)
from newsroom.site.fonts import SITE_FOLDER, SITE_STYLESHEET, STYLESHEET, FontPackageError, font_files

ROOT = Path(__file__).resolve().parents[2]
FACE = re.compile(r"@font-face\{(?P<body>[^}]*)\}")
SPAN = re.compile(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?")
FULL = {"400": "Regular", "700": "Bold"}


def drawn_by_package(weight: str) -> set[int]:
    """The code points the package's full font of ``weight`` draws."""
    path = ROOT / "node_modules/pretendard-gov/dist/web/static/woff2" / f"PretendardGOV-{FULL[weight]}.woff2"
    return set(TTFont(path, lazy=True).getBestCmap())


def faces(stylesheet: str) -> list[tuple[str, str, set[int]]]:
    """(weight, file, code points) of each Pretendard GOV face, in declaration order."""
    found = []
    for body in FACE.findall(stylesheet):
        weight = re.search(r"font-weight:(\d+)", body).group(1)  # type: ignore[union-attr]
        url = re.search(r"url\(([^)]+)\)", body).group(1)  # type: ignore[union-attr]
        ranges = re.search(r"unicode-range:([^;}]+)", body).group(1)  # type: ignore[union-attr]
        codepoints: set[int] = set()
        for low, high in SPAN.findall(ranges):
            codepoints.update(range(int(low, 16), int(high or low, 16) + 1))
        found.append((weight, url, codepoints))
    return found


def test_the_stylesheet_names_two_weights_each_file_once_with_its_licence() -> None:
    fonts = font_files(ROOT)
    declared = faces(fonts.stylesheet)
    assert {weight for weight, _, _ in declared} == {"400", "700"}
    assert [url for _, url, _ in declared] == list(fonts.files), "one face per file, in the order written"
    assert all(re.fullmatch(r"pretendard-gov-(400|700)-(all)?\d+\.[0-9a-f]{10}\.woff2", url) for url in fonts.files)
    assert all("font-display:swap" in body for body in FACE.findall(fonts.stylesheet))
    assert ".woff)" not in fonts.stylesheet and "//" not in "".join(fonts.files)
    assert "SIL Open Font License" in fonts.stylesheet  # OFL-1.1: the licence travels with the font


def test_a_missing_or_changed_package_is_named(tmp_path: Path) -> None:
    with pytest.raises(FontPackageError, match="pretendard-gov"):
        font_files(tmp_path)
    (tmp_path / STYLESHEET).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / STYLESHEET, tmp_path / STYLESHEET)
    with pytest.raises(FontPackageError, match=r"PretendardGOV-Regular\.woff2 is missing"):
        font_files(tmp_path)
    (tmp_path / STYLESHEET).write_text("@font-face { font-family: x; }", encoding="utf-8")
    with pytest.raises(FontPackageError, match="licence"):
        font_files(tmp_path)


@pytest.mark.parametrize(
    "content", ["{", '{"format": 1, "chunks": {"400": [""]}}', '{"format": 9, "chunks": {}}', "[]"]
)
def test_a_broken_plan_is_named_with_the_way_out(tmp_path: Path, content: str) -> None:
    path = tmp_path / PLAN_FILE
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FontPlanError, match=r"font-plan\.json.*newsroom font-plan --fresh"):
        read_plan(path)


def test_the_committed_plan_names_only_characters_the_font_draws_and_each_once() -> None:
    plan = read_plan(ROOT / PLAN_FILE)
    for weight, chunks in plan.chunks.items():
        drawn = drawn_by_package(weight)
        characters = "".join(chunks)
        assert len(characters) == len(set(characters)), weight
        assert {ord(c) for c in characters} <= drawn, weight


def test_refreshing_a_plan_keeps_its_chunks_and_appends_what_is_new() -> None:
    font = range(0x20, 0xD7A4)
    first = plan_chunks([frozenset("Home 누리집"), frozenset("누리집 보도자료")], font, chunk_size=2)
    assert first[0].startswith(" !") and "누" in first[1] and "H" in first[0]
    again = plan_chunks([frozenset("누리집 보도자료 천안")], font, known=first, chunk_size=2)
    assert again[: len(first)] == first and "".join(again[len(first) :]) == "안천"


def test_text_set_bold_is_told_from_text_set_regular() -> None:
    text = shown_characters(
        "<html><body><h1>제목</h1><p>본문 <strong>굵게</strong> 끝<code>코드</code></p></body></html>"
    )
    assert text.bold == frozenset("제목굵게") and text.regular == frozenset("본문끝")


def test_every_page_loads_the_font_stylesheet_the_build_wrote(built_site: Path) -> None:
    stylesheet = built_site / SITE_FOLDER / SITE_STYLESHEET
    files = {path.name for path in stylesheet.parent.glob("*.woff2")}
    assert files == set(font_files(ROOT).files)
    for page in (built_site / "index.html", built_site / "en" / "index.html", built_site / "404.html"):
        hrefs = lxml.html.parse(page).xpath('//link[@rel="stylesheet"]/@href')
        link = [href for href in hrefs if href.endswith("pretendard-gov.css")]
        assert len(link) == 1, (page, hrefs)
        href = link[0]
        target = built_site / href.lstrip("/") if href.startswith("/") else page.parent / href  # 404s: from the root
        assert target.resolve() == stylesheet.resolve(), (page, href)


def _shown_text(page: Path) -> str:
    """Every character of a page's body text and of its input placeholders (parsed by lxml)."""
    root = lxml.html.parse(page).getroot()
    body = root.find("body")
    for hidden in body.xpath(".//script|.//style|.//template"):
        hidden.drop_tree()
    return "".join(body.itertext()) + "".join(body.xpath(".//@placeholder"))


def test_every_character_of_every_built_page_is_in_some_face_of_its_weight(built_site: Path) -> None:
    declared = faces((built_site / SITE_FOLDER / SITE_STYLESHEET).read_text(encoding="utf-8"))
    covered = {weight: set().union(*(cps for w, _, cps in declared if w == weight)) for weight in ("400", "700")}
    missing: dict[str, set[str]] = {}
    pages = list(site_pages(built_site))
    assert len(pages) > 30
    for page in pages:
        shown = {c for c in _shown_text(page) if not c.isspace() and ord(c) >= 0x20}
        # Every character, in both weights: any text may be set bold (a heading, a strong, a search result).
        for weight, codepoints in covered.items():
            lacking = {c for c in shown if ord(c) not in codepoints}
            if lacking:
                missing.setdefault(f"{page.relative_to(built_site)} {weight}", set()).update(lacking)
    assert not missing, missing


def test_characters_rare_on_the_site_are_reachable_too(built_site: Path) -> None:
    """Characters no page of the site shows (an old Hangul syllable, Hanja, a fullwidth sign) still have a face."""
    declared = faces((built_site / SITE_FOLDER / SITE_STYLESHEET).read_text(encoding="utf-8"))
    for character in "똠뷁햏忠清天安＄①":
        for weight in ("400", "700"):
            assert any(ord(character) in cps for w, _, cps in declared if w == weight), (character, weight)


def test_each_chunk_draws_every_character_its_range_promises(built_site: Path) -> None:
    """The plan's chunks: every code point of the unicode-range is in the file's cmap. The fallback chunks: every
    character of the font within the span is in the file (the span's gaps are code points the font lacks)."""
    folder = built_site / SITE_FOLDER
    declared = faces((folder / SITE_STYLESHEET).read_text(encoding="utf-8"))
    full = {weight: drawn_by_package(weight) for weight in FULL}
    for weight, url, codepoints in declared:
        drawn = set(TTFont(io.BytesIO((folder / url).read_bytes()), lazy=True).getBestCmap())
        promised = codepoints & full[weight]
        assert promised, url
        assert promised <= drawn, (url, sorted(promised - drawn)[:10])
        if "-all" not in url:
            assert codepoints <= drawn, url


def test_plan_file_is_json_a_reader_can_review() -> None:
    data = json.loads((ROOT / PLAN_FILE).read_text(encoding="utf-8"))
    assert data["format"] == 1 and set(data["chunks"]) == {"400", "700"}
    assert isinstance(read_plan(ROOT / PLAN_FILE), FontPlan)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
            max_leaves=12,
        ).map(json.dumps),
    )
)
def test_any_plan_file_reads_as_a_plan_or_a_named_error(content: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PLAN_FILE
        path.write_text(content, encoding="utf-8")
        try:
            plan = read_plan(path)
        except FontPlanError as error:
            assert str(path) in str(error)
        else:
            assert all(isinstance(text, str) and text for texts in plan.chunks.values() for text in texts)


def test_font_plan_command_plans_a_built_site_and_keeps_its_chunks_when_refreshed(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsroom.commands.cli import app
    from typer.testing import CliRunner

    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    monkeypatch.chdir(tmp_path)
    missing = CliRunner().invoke(app, ["font-plan", "--site", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "make build" in missing.output
    first = CliRunner().invoke(app, ["font-plan", "--site", str(built_site)])
    assert first.exit_code == 0, first.output
    plan = read_plan(tmp_path / PLAN_FILE)
    shown = set().union(*(shown_characters(page.read_bytes()).regular for page in site_pages(built_site)))
    assert {c for c in shown if ord(c) in drawn_by_package("400")} <= plan.planned("400")
    # A refresh with the same site changes nothing; one against a plan missing its last chunk appends it again.
    again = CliRunner().invoke(app, ["font-plan", "--site", str(built_site)])
    assert again.exit_code == 0 and read_plan(tmp_path / PLAN_FILE) == plan
    data = json.loads((tmp_path / PLAN_FILE).read_text(encoding="utf-8"))
    data["chunks"]["400"] = data["chunks"]["400"][:-1]
    (tmp_path / PLAN_FILE).write_text(json.dumps(data), encoding="utf-8")
    assert CliRunner().invoke(app, ["font-plan", "--site", str(built_site)]).exit_code == 0
    refreshed = read_plan(tmp_path / PLAN_FILE)
    assert refreshed.chunks["400"][:-1] == plan.chunks["400"][:-1]
    assert refreshed.planned("400") == plan.planned("400")


def test_font_plan_check_names_what_a_refresh_would_add_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``newsroom font-plan --check`` (the check workflow's warning): exit 0 while every character a page shows is in
    a chunk, 1 with the count, the characters and the command once a page shows one that is not."""
    from newsroom.commands.cli import app
    from typer.testing import CliRunner

    plan = read_plan(ROOT / PLAN_FILE)
    planned = plan.planned("400")
    unplanned = next(
        chr(cp) for cp in sorted(drawn_by_package("400")) if 0xAC00 <= cp <= 0xD7A3 and chr(cp) not in planned
    )
    shutil.copy(ROOT / PLAN_FILE, tmp_path / PLAN_FILE)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    known = "".join(sorted(c for c in planned if "\uac00" <= c <= "\ud7a3")[:30])
    page = (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>보도자료</title></head>'
        "<body><main><p>{}</p></main></body></html>"
    )
    (site / "index.html").write_text(page.format(known), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    current = CliRunner().invoke(app, ["font-plan", "--check", "--site", str(site)])
    assert current.exit_code == 0, current.output
    (site / "news" / "index.html").write_text(page.format(known + unplanned), encoding="utf-8")
    stale = CliRunner().invoke(app, ["font-plan", "--check", "--site", str(site)])
    assert stale.exit_code == 1
    assert f"lacks characters the site shows (1: {unplanned})" in stale.output
    assert f"newsroom font-plan --site {site}" in stale.output
    assert (tmp_path / PLAN_FILE).read_bytes() == (ROOT / PLAN_FILE).read_bytes(), "--check writes nothing"
    both = CliRunner().invoke(app, ["font-plan", "--check", "--fresh", "--site", str(site)])
    assert both.exit_code == 2 and "--check writes nothing" in both.output

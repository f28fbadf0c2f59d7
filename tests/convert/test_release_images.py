"""Photos in HWPX and HWP 5 become files beside the page, re-encoded (≤ 1600 px wide, about 300 KB, no metadata),
in reading order, with the release's caption as alt text; without one, alt="" and a `newsroom check` warning."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from newsroom.check import check_docs as check
from newsroom.commands.cli import app
from PIL import Image
from typer.testing import CliRunner

from tests.check.helpers import NOW, make_docs
from tests.read.release_builders import Pic, write_hwp, write_hwpx

HEADER = [["배포", "2026. 7. 27.(월) 15:30", "보도시점", "(인터넷) 2026. 7. 28.(화) 06:00"]]
TITLE = "천안시, 스마트도시 통합관제센터 개소"
BODY = "  천안시는 27일 스마트도시 통합관제센터를 열었다고 밝혔다."
CAPTION = "박상돈 시장이 통합관제센터를 둘러보고 있다"


def _photo(width: int, height: int, *, gps: bool = False) -> bytes:
    """A photo-like image (smooth noise, blown up), optionally with EXIF GPS tags."""
    rng = random.Random(width * height)
    small = (width // 8, height // 8)
    noise = Image.frombytes("RGB", small, bytes(rng.getrandbits(8) for _ in range(small[0] * small[1] * 3)))
    image = noise.resize((width, height), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (36.0, 48.0, 0.0)}  # GPSInfo: where the photo was taken
    image.save(out, format="JPEG", quality=95, exif=exif)
    return out.getvalue()


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (150, 50), (0, 60, 120, 255)).save(out, format="PNG")
    return out.getvalue()


def _convert(source: Path, docs: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["convert", str(source), "--docs-dir", str(docs), "--json"])
    (line,) = [json.loads(text) for text in result.stdout.splitlines() if text.strip()]
    assert result.exit_code == 0, line["error"]
    return line


@pytest.mark.parametrize("writer", [write_hwpx, write_hwp])
def test_photos_become_files_beside_the_page(tmp_path: Path, writer: object) -> None:
    big = _photo(2400, 1500, gps=True)
    assert len(big) > 600_000
    content = [
        Pic(_logo()),
        HEADER,
        TITLE,
        BODY,
        Pic(big, CAPTION, "jpg"),
        "  센터는 교통과 안전 데이터를 한곳에서 본다.",
        Pic(_photo(800, 600), "", "jpg"),
    ]
    source = writer(tmp_path / ("release.hwpx" if writer is write_hwpx else "release.hwp"), content)  # type: ignore[operator]
    docs = tmp_path / "docs"
    line = _convert(source, docs)
    page = docs / str(line["pages"]["ko"]).split("docs/", 1)[1]  # type: ignore[index]
    folder = page.with_suffix("")
    files = sorted(path.name for path in folder.iterdir())
    assert files == ["01.jpg", "02.jpg"]
    first = folder / "01.jpg"
    with Image.open(first) as image:
        assert image.width == 1600 and image.height == 1000
        assert not image.getexif()  # no EXIF, so no GPS position published
    assert len(first.read_bytes()) <= 300 * 1024
    text = page.read_text(encoding="utf-8")
    slug = page.stem
    # In reading order, where the release has them; the caption is the alt text.
    assert text.index(f"![{CAPTION}]({slug}/01.jpg)") < text.index("센터는 교통과") < text.index(f"![]({slug}/02.jpg)")
    # The logo is left out of the page, and listed.
    assert any("a logo, icon or banner" in str(note) for note in line["unplaced"])  # type: ignore[union-attr]
    # A re-run gives the same files.
    before = first.read_bytes()
    again = _convert(source, docs)
    assert again["status"] == "unchanged" and first.read_bytes() == before


def test_an_image_without_caption_gets_a_check_warning(tmp_path: Path) -> None:
    docs = make_docs(tmp_path / "docs")
    source = write_hwpx(tmp_path / "r.hwpx", [HEADER, TITLE, BODY, Pic(_photo(640, 480), "", "jpg")])
    line = _convert(source, docs)
    findings = [f.as_text() for f in check(docs, now=NOW)]
    page = str(line["pages"]["ko"])
    warnings = [text for text in findings if "has no description" in text]
    assert len(warnings) == 1 and "warning" in warnings[0] and Path(page).name in warnings[0]
    assert not [text for text in findings if ": error:" in text and Path(page).name in text]


def test_a_damaged_image_is_listed_not_published(tmp_path: Path) -> None:
    source = write_hwpx(tmp_path / "r.hwpx", [HEADER, TITLE, BODY, Pic(b"\x89PNG\r\n\x1a\n broken", "사진")])
    docs = tmp_path / "docs"
    line = _convert(source, docs)
    assert any("not a readable picture" in str(note) for note in line["unplaced"])  # type: ignore[union-attr]
    assert not list(docs.rglob("*.jpg")) and not list(docs.rglob("*.png"))

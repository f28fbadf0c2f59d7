"""HWPX and DOCX: the document XML in reading order, with size limits and no XML entities."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from newsroom.read import Line, ReadError, Table, read

from tests.read.release_builders import hwpx_bytes, write_docx, write_hwpx

CONTENT = [
    "첫 문단",
    [["배포", "2026. 7. 27.(월) 15:30"], ["보도시점", "(인터넷) 2026. 7. 28.(화) 06:00"]],
    "둘째 문단 & <b>굵게</b>",
    [["구분", "내용"], ["가", "첫 줄\n둘째 줄"]],
    "끝 문단",
]


def _shape(blocks: tuple[object, ...]) -> list[object]:
    return [b.text if isinstance(b, Line) else b.rows for b in blocks]  # type: ignore[attr-defined]


def test_hwpx_reads_section_xml_in_order(tmp_path: Path) -> None:
    document = read(write_hwpx(tmp_path / "r.hwpx", CONTENT))
    assert _shape(document.blocks) == [
        "첫 문단",
        (("배포", "2026. 7. 27.(월) 15:30"), ("보도시점", "(인터넷) 2026. 7. 28.(화) 06:00")),
        "둘째 문단 & <b>굵게</b>",
        (("구분", "내용"), ("가", "첫 줄\n둘째 줄")),
        "끝 문단",
    ]
    # The preview text is never used.
    assert all("미리보기" not in str(b) for b in document.blocks)


def test_hwpx_bullet_style_is_put_back(tmp_path: Path) -> None:
    document = read(write_hwpx(tmp_path / "r.hwpx", ["제목", "본문 항목"], bullet_paragraphs=("본문 항목",)))
    assert _shape(document.blocks) == ["제목", "□ 본문 항목"]


def test_hwpx_refuses_entities(tmp_path: Path) -> None:
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    with pytest.raises(ReadError, match="DOCTYPE or entities"):
        read(write_hwpx(tmp_path / "r.hwpx", ["&b;"], doctype=laughs))
    external = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    with pytest.raises(ReadError, match="DOCTYPE or entities"):
        read(write_hwpx(tmp_path / "s.hwpx", ["&e;"], doctype=external))


def test_hwpx_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.hwpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in hwpx_bytes(["본문"]).items():
            archive.writestr(name, data)
        archive.writestr("BinData/huge.bin", b"\0" * (31 * 1024 * 1024))
    with pytest.raises(ReadError, match=r"size limit|zip bomb"):
        read(path)


def test_a_damaged_zip(tmp_path: Path) -> None:
    # Zip magic, then nothing a zip reader can use (a text file named .hwpx reads as text: test_sniff_format.py).
    path = tmp_path / "r.hwpx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ReadError, match="damaged zip archive"):
        read(path)


def test_docx_body_order_and_tables(tmp_path: Path) -> None:
    document = read(write_docx(tmp_path / "r.docx", CONTENT))
    assert _shape(document.blocks) == _shape(read(write_hwpx(tmp_path / "r.hwpx", CONTENT)).blocks)
    assert isinstance(document.blocks[1], Table)


def test_docx_merged_cells_appear_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "담당 부서"
    table.cell(0, 1).text = "책임자"
    table.cell(1, 1).text = "담당자"
    document.save(str(tmp_path / "m.docx"))
    (block,) = read(tmp_path / "m.docx").blocks
    assert block.rows == (("담당 부서", "책임자"), (None, "담당자"))  # type: ignore[union-attr]


def test_docx_with_entities_is_refused(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "r.docx", ["본문"])
    target = tmp_path / "evil.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as evil:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
            evil.writestr(item, data)
    with pytest.raises(ReadError, match="DOCTYPE or entities"):
        read(target)


@pytest.mark.shared
def test_real_hwpx_releases(shared_dir: Path) -> None:
    document = read(shared_dir / "fixtures" / "hwpx" / "moe-105007.hwpx")
    texts = [t for b in document.blocks for t in ([b.text] if isinstance(b, Line) else b.texts())]
    assert "학교의 안전하고 효과적인 학습지원\n소프트웨어 선정을 위한 기준 안내" in texts
    assert "2025. 12. 29.(월) 08:30" in texts
    assert any(t.startswith("【붙임】") for t in texts)

"""The format comes from the bytes: a misnamed file reads as if named right; other kinds are named in the refusal."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from newsroom.read import ReadError, read

from tests.read.release_builders import write_docx, write_hwp, write_hwpx, write_ole

CONTENT = ["천안시, 스마트도시 센터 개소", [["구분", "내용"], ["가", "나"]], "천안시는 센터를 열었다."]


def _texts(path: Path) -> list[object]:
    return [getattr(block, "text", None) or getattr(block, "rows", None) for block in read(path).blocks]


@pytest.mark.parametrize(
    ("writer", "right", "wrong"),
    [(write_hwpx, "r.hwpx", "r.hwp"), (write_hwp, "r.hwp", "r.hwpx"), (write_docx, "r.docx", "r.hwpx")],
)
def test_wrong_extension_reads_exactly_as_the_right_one(tmp_path: Path, writer: object, right: str, wrong: str) -> None:
    named_right = writer(tmp_path / right, CONTENT)  # type: ignore[operator]
    named_wrong = tmp_path / "misnamed" / wrong
    named_wrong.parent.mkdir()
    shutil.copyfile(named_right, named_wrong)
    assert _texts(named_wrong) == _texts(named_right)
    assert any("despite its name" in note for note in read(named_wrong).notes)


def test_text_named_hwpx_reads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "copy.hwpx"
    path.write_text("천안시, 스마트도시 센터 개소\n천안시는 센터를 열었다.\n", encoding="utf-8")
    assert _texts(path)[0] == "천안시, 스마트도시 센터 개소"


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF\0", "a JPEG image"),
        (b"GIF89a\x01\0\x01\0", "a GIF image"),
        ("\ufeff<!DOCTYPE html><html lang=ko><title>보도자료</title>".encode(), "an HTML page"),
        (b"  <html><body>\xeb\xb3\xb4\xeb\x8f\x84</body></html>", "an HTML page"),
        (b"{\\rtf1\\ansi hello}", "an RTF document"),
        (b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05", "an HWP 3 document"),
        (b"\x00\x01\x02\x03binary\x00\x00", "a binary file of an unknown kind"),
    ],
)
def test_other_kinds_are_refused_by_name(tmp_path: Path, data: bytes, named: str) -> None:
    path = tmp_path / "release.hwpx"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=named):
        read(path)


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        ("ko_KR.UTF-8", "보도자료가 아니라 PNG 이미지입니다. 보도자료 문서 파일을 변환하세요"),
        ("C.UTF-8", "is a PNG image, not a release; convert the release document itself"),
    ],
)
def test_refusals_speak_the_locale_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, refusal: str
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    path = tmp_path / "사진.hwpx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(ReadError) as refused:
        read(path)
    assert str(refused.value) == refusal


def test_other_zips_and_ole_files_are_named(tmp_path: Path) -> None:
    workbook = tmp_path / "a.hwpx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="Excel workbook"):
        read(workbook)
    plain_zip = tmp_path / "b.docx"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ReadError, match="zip archive but neither HWPX nor DOCX"):
        read(plain_zip)
    word97 = tmp_path / "c.hwp"
    write_ole(word97, {"WordDocument": b"\0" * 64})
    with pytest.raises(ReadError, match=r"Word 97–2003 document \(\.doc\)"):
        read(word97)


@pytest.mark.shared
def test_misnamed_files_of_the_real_archive_read_by_content(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "moe"
    misnamed = [
        path
        for path in sorted(corpus.iterdir())
        if path.suffix in {".hwp", ".hwpx"}
        and path.read_bytes()[:2] == (b"PK" if path.suffix == ".hwp" else b"\xd0\xcf")
    ]
    if not misnamed:
        pytest.skip("no misnamed file in the corpus")
    for path in misnamed:
        document = read(path)
        assert any("despite its name" in note for note in document.notes), path.name
        assert sum(len(getattr(b, "text", "")) for b in document.blocks) > 200, path.name


def test_a_damaged_mimetype_member_is_refused_in_one_line(tmp_path: Path) -> None:
    # Found by make fuzz: a bit flipped in the deflated mimetype member escaped the sniffer as zlib.error.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/hwp+zip" * 3)
        archive.writestr("Contents/section0.xml", "<a/>")
    data = bytearray(buffer.getvalue())
    data[30 + len("mimetype")] ^= 0b10  # the first byte of the member's deflate stream
    path = tmp_path / "release.hwpx"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as refused:
        read(path)
    assert "damaged" in str(refused.value) and "\n" not in str(refused.value)

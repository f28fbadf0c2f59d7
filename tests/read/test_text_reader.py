"""Plain-text releases: encodings decided from the bytes, mojibake repaired only when exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsroom.read import ReadError, read

KOREAN = "천안시, 스마트도시 조성 본격 추진\n박상돈 시장은 3일 NHN 클라우드를 방문했다.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _text(path: Path) -> list[str]:
    return [block.text for block in read(path).blocks if block.text]  # type: ignore[union-attr]


def test_utf8(tmp_path: Path) -> None:
    document = read(_write(tmp_path, "a.txt", KOREAN.encode()))
    assert [b.text for b in document.blocks][:2] == KOREAN.split("\n")[:2]  # type: ignore[union-attr]
    assert document.notes == ("UTF-8",)


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"\xef\xbb\xbf" + KOREAN.replace("\n", "\r\n").encode())
    document = read(path)
    lines = [b.text for b in document.blocks]  # type: ignore[union-attr]
    assert lines[0] == "천안시, 스마트도시 조성 본격 추진"  # no BOM, no \r
    assert all("\r" not in line and "\ufeff" not in line for line in lines)
    assert document.blocks[1].number == 2
    assert "UTF-8 with byte-order mark" in document.notes and "CRLF line ends" in document.notes


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_cp949_and_euc_kr(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path, "a.txt", KOREAN.encode(encoding))
    assert _text(path) == [line for line in KOREAN.split("\n") if line]
    assert read(path).notes == ("CP949/EUC-KR",)


def test_mojibake_repaired_exactly(tmp_path: Path) -> None:
    garbled = KOREAN.encode("cp949").decode("latin-1")
    assert "천안" not in garbled
    path = _write(tmp_path, "a.txt", garbled.encode("utf-8"))
    assert _text(path) == [line for line in KOREAN.split("\n") if line]
    assert any("mojibake" in note for note in read(path).notes)


def test_mojibake_not_exact_is_refused(tmp_path: Path) -> None:
    garbled = KOREAN.encode("cp949").decode("latin-1")
    # A character Latin-1 cannot hold: the round trip cannot be exact, so nothing is guessed.
    broken = garbled[:10] + "Ā" + garbled[11:]
    with pytest.raises(ReadError, match="mojibake"):
        read(_write(tmp_path, "a.txt", broken.encode("utf-8")))


def test_accented_english_is_not_mojibake(tmp_path: Path) -> None:
    text = "Café résumé at the Cheonan smart-city centre.\n"
    assert _text(_write(tmp_path, "a.txt", text.encode())) == [text.strip()]


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="neither UTF-8 nor CP949") as caught:
        read(_write(tmp_path, "a.txt", "첫 줄\n둘째 줄\n".encode() + b"\xff\xfe\xff\n"))
    assert caught.value.line == 3


def test_empty_and_blank_files(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="is empty"):
        read(_write(tmp_path, "empty.txt", b""))
    with pytest.raises(ReadError, match="has no text"):
        read(_write(tmp_path, "blank.txt", b"\r\n   \n\t\n"))


def test_unsupported_type(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"is a PDF document.*HWPX"):
        read(_write(tmp_path, "release.pdf", b"%PDF-1.4"))

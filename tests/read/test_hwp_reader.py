"""HWP 5 binaries: OLE container, FileHeader flags, raw-deflate sections, PARA_TEXT and tables."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from newsroom.read import Line, ReadError, Table, read
from newsroom.read.hwp import blocks_from_records, para_text, records

from tests.read.release_builders import hwp_section, write_hwp

CONTENT = [
    "교육부 보도자료",
    [["배포", "2026. 5. 21.(목) 15:30"], ["담당 부서", "책임자\n담당자"]],
    "본문 문단이다.",
]
EXPECTED = [
    "교육부 보도자료",
    (("배포", "2026. 5. 21.(목) 15:30"), ("담당 부서", "책임자\n담당자")),
    "본문 문단이다.",
]


def _shape(blocks: tuple[object, ...] | list[object]) -> list[object]:
    return [b.text if isinstance(b, Line) else b.rows for b in blocks]  # type: ignore[attr-defined]


@pytest.mark.parametrize("compressed", [True, False])
def test_generated_hwp_file(tmp_path: Path, compressed: bool) -> None:
    path = write_hwp(tmp_path / "r.hwp", CONTENT, compressed=compressed)
    assert _shape(read(path).blocks) == EXPECTED


def test_records_nest_by_level() -> None:
    assert _shape(blocks_from_records(records(hwp_section(CONTENT)))) == EXPECTED


def test_para_text_skips_controls() -> None:
    # A tab (inline control, 8 units), a field start (extended control, 8 units), a line break (1 unit).
    tab = struct.pack("<H", 9) + b"\0" * 12 + struct.pack("<H", 9)
    field = struct.pack("<H", 3) + b"dlf%" + b"\0" * 8 + struct.pack("<H", 3)
    data = "가".encode("utf-16-le") + tab + "나".encode("utf-16-le") + field + "다\n라\r".encode("utf-16-le")
    assert para_text(data) == "가\t나다 라"


def test_password_protected_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="password"):
        read(write_hwp(tmp_path / "r.hwp", CONTENT, password=True))


def test_not_an_ole_file(tmp_path: Path) -> None:
    path = tmp_path / "r.hwp"
    path.write_bytes(b"HWP Document File but not OLE")
    with pytest.raises(ReadError, match="not an HWP 5 file"):
        read(path)


@pytest.mark.shared
def test_real_hwp_release(shared_dir: Path) -> None:
    document = read(shared_dir / "fixtures" / "hwp" / "moe-106244.hwp")
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert any("학교 역사교육 현장 지원 본격화," in t.texts()[0] for t in tables)
    contact = next(t for t in tables if "책임자" in t.texts())
    assert ("담당 부서", "학교정책관\n동북아역사대응팀", "책임자", "팀장", "이상모", "(044-203-7040)") in contact.rows
    lines = [b.text for b in document.blocks if isinstance(b, Line)]
    assert any(line.startswith("【붙임】") for line in lines)

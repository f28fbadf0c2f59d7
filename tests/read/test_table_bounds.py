"""A table is as large as the cells it holds; a real blow-up is still refused (bounds in read/limits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsroom.read import ReadError, read
from newsroom.read.blocks import Table, grid

from tests.read.release_builders import file_header, hwp_paragraph, hwp_table, write_ole


def _hwp(path: Path, section: bytes) -> Path:
    write_ole(path, {"FileHeader": file_header(compressed=False), "BodyText/Section0": section})
    return path


def test_an_hwp_declaring_a_huge_table_with_two_cells_is_read(tmp_path: Path) -> None:
    # As a real HWP 5 of the ministry's archive: 65,536 x 65,531 declared, two cells, addresses far apart.
    table = hwp_table([["담당 부서", "교육부"]], declared=(65536, 65531), at=[(0, 0), (65535, 65530)])
    source = _hwp(tmp_path / "r.hwp", hwp_paragraph("천안시, 센터 개소") + table + hwp_paragraph("본문이다."))
    tables = [block for block in read(source).blocks if isinstance(block, Table)]
    assert [table.rows for table in tables] == [(("담당 부서", ""), ("", "교육부"))]


def test_a_table_with_too_many_real_cells_is_still_refused() -> None:
    with pytest.raises(ReadError, match="beyond the limit"):
        grid([(row, 0, 1, 1, "칸") for row in range(3000)])


def test_spans_keep_their_cells_when_addresses_are_compacted() -> None:
    rows = grid([(0, 0, 1, 70000, "머리"), (70000, 0, 1, 1, "가"), (70000, 65000, 1, 1, "나")])
    assert rows == (("머리", None), ("가", "나"))

"""Numbers taken from a file are bounded before anything is allocated from them (read/limits.py).

Every hostile file here is read in a worker process with the command's own limits, so that a
regression fails the test instead of taking the machine down.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from newsroom.converter import isolate
from newsroom.read import ReadError, Table, limits, read
from newsroom.read.blocks import grid

from tests.read.release_builders import (
    CTRL_HEADER,
    LIST_HEADER,
    PARA_HEADER,
    TABLE,
    Pic,
    file_header,
    hwp_paragraph,
    hwpx_bytes,
    record,
    write_docx,
    write_hwp,
    write_hwpx,
    write_ole,
)

HEADER = ["교육부 보도자료", "배포 2026. 5. 21.(목) 15:30"]


def read_bounded(path: Path) -> str:
    """Read ``path`` in a worker; the ReadError message, or what stopped the worker."""

    def work() -> str:
        try:
            read(path)
        except ReadError as error:
            return f"refused: {error}"
        return "read"

    result = isolate.run(work, isolate.Limits(memory_bytes=512 * 2**20, cpu_seconds=10, wall_seconds=30))
    return result.value if isinstance(result.value, str) else f"{result.value.kind}: {result.value.reason}"


def hwp_table_cell(col: int, row: int, col_span: int, row_span: int, text: str = "셀") -> bytes:
    control = struct.pack("<H", 11) + b" lbt" + b"\0" * 8 + struct.pack("<H", 11)
    out = record(PARA_HEADER, 0, b"\0" * 22) + record(67, 1, control + "\r".encode("utf-16-le"))
    out += record(CTRL_HEADER, 1, b" lbt" + b"\0" * 40)
    out += record(TABLE, 2, struct.pack("<IHH", 0, 1, 1) + b"\0" * 10)
    out += record(LIST_HEADER, 2, struct.pack("<HHI", 1, 0, 0) + struct.pack("<4H", col, row, col_span, row_span))
    return out + hwp_paragraph(text, 2)


def write_hwp_section(path: Path, section: bytes, *, compress: bool = True) -> Path:
    if compress:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        section = packer.compress(section) + packer.flush()
    write_ole(path, {"FileHeader": file_header(compressed=compress), "BodyText/Section0": section})
    return path


def test_hwp_table_cell_at_row_65535_is_read_without_allocating_its_address_space(tmp_path: Path) -> None:
    # Once a 24 GB blow-up (the address sized the grid); a table is as large as the cells it holds.
    section = b"".join(hwp_paragraph(line) for line in HEADER) + hwp_table_cell(65535, 65535, 65535, 65535)
    assert read_bounded(write_hwp_section(tmp_path / "r.hwp", section)) == "read"


def test_hwp_span_past_the_table_is_clamped(tmp_path: Path) -> None:
    section = hwp_table_cell(0, 0, 65535, 65535, "머리") + hwp_table_cell(1, 1, 1, 1, "값")
    path = write_hwp_section(tmp_path / "r.hwp", b"".join(hwp_paragraph(line) for line in HEADER) + section)
    tables = [b for b in read(path).blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [(("머리",),), (("", ""), ("", "값"))]


def test_grid_clamps_spans_and_refuses_negative_addresses() -> None:
    def layouts() -> list[object]:
        out: list[object] = [
            grid([(0, 0, 65535, 65535, "a"), (1, 1, 1, 1, "b")]),
            grid([(0, 0, 1, 3, "a"), (1, 0, 1, 1, "b"), (1, 2, 1, 1, "c")]),
        ]
        try:
            grid([(-3, 0, 1, 1, "a")])
        except ReadError as error:
            out.append(str(error))
        return out

    # In a worker: without the bound, the first grid alone would take 34 GB.
    result = isolate.run(layouts, isolate.Limits(memory_bytes=256 * 2**20, cpu_seconds=10, wall_seconds=30))
    assert result.value == [
        (("a", None), (None, "b")),
        (("a", None, None), ("b", "", "c")),
        "has a table cell at a negative row or column; the table is damaged: re-save the file",
    ]


def test_hwpx_table_with_a_65535_row_address_is_as_large_as_its_cells(tmp_path: Path) -> None:
    members = hwpx_bytes([*HEADER, [["a", "b"]]])
    section = members["Contents/section0.xml"].decode().replace('rowAddr="0"', 'rowAddr="65535"', 1)
    members["Contents/section0.xml"] = section.encode()
    path = tmp_path / "r.hwpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert read_bounded(path) == "read"
    tables = [block for block in read(path).blocks if isinstance(block, Table)]
    assert [table.rows for table in tables] == [(("", "b"), ("a", ""))]


def test_hwp_section_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    # 40 MB of empty records compresses to a few dozen KB.
    bomb = b"".join(hwp_paragraph(line) for line in HEADER) + b"\0" * (limits.MAX_SECTION_BYTES + 2**20)
    outcome = read_bounded(write_hwp_section(tmp_path / "r.hwp", bomb))
    assert outcome.startswith("refused: section Section0 unpacks to more than 32 MB"), outcome


def test_hwp_record_count_and_depth_are_bounded(tmp_path: Path) -> None:
    many = b"".join(hwp_paragraph(line) for line in HEADER) + record(PARA_HEADER, 0, b"") * (limits.MAX_RECORDS + 1)
    assert "records" in read_bounded(write_hwp_section(tmp_path / "many.hwp", many))
    deep = b"".join(record(CTRL_HEADER, level, b"abcd") for level in range(1000))
    outcome = read_bounded(write_hwp_section(tmp_path / "deep.hwp", hwp_paragraph(HEADER[0]) + deep))
    assert outcome.startswith("refused: nests records 65 levels deep"), outcome


def test_hwp_record_size_past_the_end_keeps_what_is_there(tmp_path: Path) -> None:
    section = b"".join(hwp_paragraph(line) for line in HEADER) + struct.pack("<II", 67 | (0xFFF << 20), 2**31)
    assert read_bounded(write_hwp_section(tmp_path / "r.hwp", section)) == "read"


def test_damaged_ole_container_is_refused_in_one_line(tmp_path: Path) -> None:
    path = write_hwp(tmp_path / "r.hwp", HEADER)
    data = bytearray(path.read_bytes())
    data[0x30:0x34] = b"\xff\xff\xff\x7f"  # first directory sector far past the end
    path.write_bytes(bytes(data))
    refusal = read_bounded(path)
    assert refusal.startswith("refused: is a damaged OLE compound file") and "\n" not in refusal, refusal


def test_deeply_nested_xml_is_refused(tmp_path: Path) -> None:
    members = hwpx_bytes(HEADER)
    deep = "<hp:x>" * 5000 + "</hp:x>" * 5000
    members["Contents/section0.xml"] = members["Contents/section0.xml"].replace(
        b"</hs:sec>", deep.encode() + b"</hs:sec>"
    )
    path = tmp_path / "r.hwpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert (
        read_bounded(path)
        == "refused: Contents/section0.xml nests elements deeper than 100 levels; re-save the file from Hangul"
    )


def test_zip_with_too_many_members_or_a_bomb_is_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.hwpx"
    write_hwpx(many, HEADER)
    with zipfile.ZipFile(many, "a") as archive:
        for index in range(limits.MAX_ZIP_MEMBERS):
            archive.writestr(f"BinData/{index}.bin", b"")
    assert "more than 2,000 files" in read_bounded(many)
    bomb = tmp_path / "bomb.docx"
    write_docx(bomb, HEADER)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (20 * 2**20))
    assert "zip bomb" in read_bounded(bomb)


def test_docx_table_spanning_65535_columns_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "r.docx", [*HEADER, [["a", "b"]]])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    document = members["word/document.xml"].decode()
    members["word/document.xml"] = document.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="65535"/>', 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert read_bounded(path).startswith("refused: has a table of 1 rows x 65,536 columns"), read_bounded(path)


def test_text_with_too_many_lines_or_bytes_is_refused(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_bytes(b"\n" * (limits.MAX_TEXT_LINES + 1))
    assert "lines, more than the 100,000 limit" in read_bounded(lines)
    big = tmp_path / "big.txt"
    big.write_bytes("가".encode() * (2 * 2**20))
    assert "MB of text, more than the 4 MB limit" in read_bounded(big)


def test_docx_with_a_member_renamed_over_the_document_is_refused_in_one_line(tmp_path: Path) -> None:
    # Found by the fuzz test: python-docx raised AttributeError on a relationships part named word/document.xml.
    path = write_docx(tmp_path / "r.docx", HEADER)
    with zipfile.ZipFile(path) as archive:
        members = [(i.filename, archive.read(i)) for i in archive.infolist() if i.filename != "word/document.xml"]
    members = [("word/document.xml" if n == "word/_rels/document.xml.rels" else n, data) for n, data in members]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    assert read_bounded(path) == (
        "refused: has a damaged document structure (AttributeError: 'lxml.etree._Element' object has no attribute "
        "'body'); re-save it from Word"
    )


def test_zip_needing_an_unknown_version_is_refused_in_one_line(tmp_path: Path) -> None:
    # Found by make fuzz: zipfile raised NotImplementedError ("zip file version 8.4") on opening.
    path = write_hwpx(tmp_path / "r.hwpx", HEADER)
    data = bytearray(path.read_bytes())
    data[data.find(b"PK\x01\x02") + 6] = 84
    path.write_bytes(bytes(data))
    refusal = read_bounded(path)
    assert refusal.startswith("refused: is a damaged zip archive") and "\n" not in refusal, refusal


def test_damaged_picture_member_is_refused_in_one_line(tmp_path: Path) -> None:
    # Found by make fuzz: a picture whose bytes no longer match its CRC escaped the reader as BadZipFile.
    members = hwpx_bytes([*HEADER, "스마트도시 센터 문을 엽니다", Pic(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)])
    path = tmp_path / "r.hwpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            if name.startswith("BinData/"):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
                info = zipfile.ZipInfo(name)
                archive.writestr(info, data)
                continue
            archive.writestr(name, data)
    # Rewrite the stored CRC of the picture so that it describes the bytes before the flip.
    raw = bytearray(path.read_bytes())
    original = next(data for name, data in members.items() if name.startswith("BinData/"))
    flipped = original[:-1] + bytes([original[-1] ^ 0xFF])
    good, bad = struct.pack("<I", zlib.crc32(original)), struct.pack("<I", zlib.crc32(flipped))
    raw = raw.replace(bad, good)
    path.write_bytes(bytes(raw))
    refusal = read_bounded(path)
    assert refusal.startswith("refused: member BinData/") and "damaged" in refusal and "\n" not in refusal, refusal


def test_ole_header_with_an_impossible_sector_size_is_refused_in_one_line(tmp_path: Path) -> None:
    # Found by make fuzz: olefile raised ValueError formatting 2**shift for a spliced header's huge shift.
    path = write_hwp(tmp_path / "r.hwp", [*HEADER, "스마트도시 센터 문을 엽니다"])
    raw = bytearray(path.read_bytes())
    struct.pack_into("<H", raw, 0x20, 40_000)
    path.write_bytes(bytes(raw))
    refusal = read_bounded(path)
    assert refusal.startswith("refused: is a damaged OLE compound file") and "\n" not in refusal, refusal

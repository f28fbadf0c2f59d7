"""Property: any mutation of a release file converts, or fails with a one-line reason; nothing else.

Seeds are releases the tests build (HWPX, HWP 5, DOCX, text) and, where ../shared is present, the
real HWP and HWPX fixtures. Mutations: bit flips, truncation at structural boundaries (zip headers,
OLE sectors, record and line ends), renamed, duplicated and huge zip members, entity expansion and
deep XML, HWP records whose sizes point past the end, tables with 65,535 rows or spans.

Every example runs through the command's own worker (memory and CPU limits), so a blow-up is
counted, not suffered. ``make fuzz N=10000`` runs the long profile and prints counts by outcome;
``make test`` runs a quick one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsroom.compose.options import Options
from newsroom.converter.convert import convert_source

from tests.conftest import SHARED
from tests.read.release_builders import (
    CTRL_HEADER,
    LIST_HEADER,
    PARA_HEADER,
    TABLE,
    file_header,
    hwp_paragraph,
    hwp_section,
    hwpx_bytes,
    record,
    write_docx,
    write_ole,
)

EXAMPLES = int(os.environ.get("NEWSROOM_FUZZ_EXAMPLES", "25"))
OUTCOMES: Counter[str] = Counter()
PEAKS: list[tuple[float, float]] = []  # (CPU seconds, peak MiB) of each worker

HEADER = [["배포", "2026. 7. 27.(월) 15:30", "보도시점", "(인터넷) 2026. 7. 28.(화) 06:00"]]
CONTENT = [
    HEADER,
    "천안시 데이터센터 착공",
    "천안시는 착공식을 열었다.",
    [["담당 부서", "스마트도시과", "책임자", "과장", "홍길동", "(041-521-0000)"]],
]
TEXT = "배포 2025. 3. 4.(화) 09:00\n천안시, 스마트도시 센터 개소\n천안시는 3일 센터를 열었다.\n"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><hs:sec xmlns:hs="x"><p>&lol3;</p></hs:sec>'
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sec>&e;</sec>'


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _ole(section: bytes, *, compress: bool = True) -> bytes:
    if compress:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        section = packer.compress(section) + packer.flush()
    with tempfile.TemporaryDirectory() as temporary:
        path = Path(temporary) / "r.hwp"
        write_ole(path, {"FileHeader": file_header(compressed=compress), "BodyText/Section0": section})
        return path.read_bytes()


def _hwp_table(rows: int, cols: int, row_span: int, col_span: int) -> bytes:
    """One table control whose single cell claims the given address and spans."""
    control = struct.pack("<H", 11) + b" lbt" + b"\0" * 8 + struct.pack("<H", 11)
    out = record(PARA_HEADER, 0, b"\0" * 22) + record(67, 1, control + "\r".encode("utf-16-le"))
    out += record(CTRL_HEADER, 1, b" lbt" + b"\0" * 40)
    out += record(TABLE, 2, struct.pack("<IHH", 0, rows & 0xFFFF, cols & 0xFFFF) + b"\0" * 10)
    cell = struct.pack("<HHI", 1, 0, 0) + struct.pack("<4H", cols, rows, col_span, row_span)
    return out + record(LIST_HEADER, 2, cell) + hwp_paragraph("셀", 2)


@cache
def seeds() -> dict[str, tuple[str, bytes]]:
    """name → (suffix, bytes) of every seed file."""
    found: dict[str, tuple[str, bytes]] = {
        "text-utf8": (".txt", TEXT.encode()),
        "text-cp949": (".txt", TEXT.encode("cp949")),
        "hwpx": (".hwpx", _zip(list(hwpx_bytes(CONTENT).items()))),
        "hwp": (".hwp", _ole(hwp_section(CONTENT))),
        "hwp-plain": (".hwp", _ole(hwp_section(CONTENT), compress=False)),
    }
    with tempfile.TemporaryDirectory() as temporary:
        found["docx"] = (".docx", write_docx(Path(temporary) / "r.docx", CONTENT).read_bytes())
    for folder in ("fixtures/hwp", "fixtures/hwpx"):
        for path in sorted((SHARED / folder).glob("*.hwp*")) if (SHARED / folder).is_dir() else []:
            found[f"real-{path.name}"] = (path.suffix, path.read_bytes())
    return found


def boundaries(data: bytes) -> list[int]:
    """Offsets where a structure starts: zip headers, OLE sectors, line ends."""
    marks = [m.start() for m in re.finditer(rb"PK\x03\x04|PK\x01\x02|PK\x05\x06", data)]
    if data.startswith(bytes.fromhex("D0CF11E0")):
        marks += list(range(512, len(data), 512))
    marks += [m.start() + 1 for m in re.finditer(rb"\n", data[:65536])]
    return sorted({0, len(data) // 2, *marks})


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(description, suffix, bytes) of one hostile file."""
    name = draw(st.sampled_from(sorted(seeds())))
    suffix, data = seeds()[name]
    is_zip = data.startswith(b"PK")
    kinds = ["bitflip", "truncate", "splice"]
    kinds += ["rename", "duplicate", "huge-member", "xml-bomb", "deep-xml"] if is_zip else []
    kinds += ["hwp-records", "hwp-table"] if suffix == ".hwp" else []
    kinds += ["long-line", "random-text"] if suffix == ".txt" else []
    kind = draw(st.sampled_from(kinds))
    if kind == "bitflip":
        out = bytearray(data)
        for position, mask in draw(
            st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(1, 255)), max_size=16)
        ):
            out[position] ^= mask
        data = bytes(out)
    elif kind == "truncate":
        cut = draw(st.sampled_from(boundaries(data))) + draw(st.integers(-4, 4))
        data = data[: max(cut, 1)]
    elif kind == "splice":
        start = draw(st.integers(0, len(data)))
        data = data[:start] + draw(st.binary(max_size=64)) + data[start + draw(st.integers(0, 64)) :]
    elif kind in {"rename", "duplicate", "huge-member", "xml-bomb", "deep-xml"}:
        members = _members(data)
        index = draw(st.integers(0, len(members) - 1))
        member, content = members[index]
        if kind == "rename":
            other = draw(st.sampled_from([m for m, _ in members] + ["Contents/section9.xml", "/", "../x", "a" * 300]))
            members[index] = (other, content)
        elif kind == "duplicate":
            members.insert(draw(st.integers(0, len(members))), (member, draw(st.sampled_from([content, b"<x/>", b""]))))
        elif kind == "huge-member":
            size = draw(st.sampled_from([2**20, 20 * 2**20, 80 * 2**20]))
            members.append((draw(st.sampled_from([member, "BinData/image1.png"])), b"\0" * size))
        elif kind == "xml-bomb":
            members[index] = (member, draw(st.sampled_from([LAUGHS, EXTERNAL])))
        else:
            depth = draw(st.sampled_from([50, 120, 5000, 200_000]))
            members[index] = (member, b"<a>" * depth + b"</a>" * depth)
        data = _zip(members)
    elif kind == "hwp-records":
        # A record whose size points past the end, at a random place in a real section.
        section = hwp_section(CONTENT)
        at = draw(st.integers(0, len(section)))
        size = draw(st.sampled_from([0xFFE, 2**20, 2**31, 2**32 - 1]))
        bad = struct.pack("<I", 67 | (0xFFF << 20)) + struct.pack("<I", size)
        level = draw(st.integers(0, 1023))
        deep = struct.pack("<I", 66 | (level << 10))
        data = _ole(section[:at] + draw(st.sampled_from([bad, deep, bad + deep])) + section[at:])
    elif kind == "hwp-table":
        rows, cols = draw(st.sampled_from([(0, 0), (65535, 0), (0, 65535), (65535, 65535), (300, 300)]))
        spans = draw(st.sampled_from([(1, 1), (65535, 1), (1, 65535), (65535, 65535), (0, 0)]))
        data = _ole(hwp_section(CONTENT[:3]) + _hwp_table(rows, cols, *spans))
    elif kind == "long-line":
        data = data + ("가" * draw(st.sampled_from([10_000, 1_000_000]))).encode() + b"\n"
    else:
        data = draw(st.binary(min_size=1, max_size=2048))
    return f"{name}/{kind}", suffix, data


def _summary() -> str:
    cpu = max((s for s, _ in PEAKS), default=0.0)
    peak = max((m for _, m in PEAKS), default=0.0)
    counts = " ".join(f"{key}={value}" for key, value in sorted(OUTCOMES.items()))
    return f"fuzz: examples={sum(OUTCOMES.values())} {counts} max_cpu_s={cpu:.2f} max_peak_mib={peak:.0f}"


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    if OUTCOMES:
        print(f"\n{_summary()}")


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the duplicated zip members are the point
@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(case=mutated())
def test_mutated_release_converts_or_fails_in_one_line(case: tuple[str, str, bytes]) -> None:
    description, suffix, data = case
    with tempfile.TemporaryDirectory() as temporary:
        source = Path(temporary) / f"release{suffix}"
        source.write_bytes(data)
        docs = Path(temporary) / "docs"
        outcome = convert_source(source, Options(docs_dir=docs, date=dt.date(2026, 7, 28)))
        written = sorted(p for p in docs.rglob("*") if p.is_file()) if docs.exists() else []
    kind = outcome.failure or ("refused" if outcome.status == "failed" else outcome.status)
    OUTCOMES[kind] += 1
    PEAKS.append((outcome.seconds, outcome.peak_mib))
    if sum(OUTCOMES.values()) % 1000 == 0:
        print(f"\n{_summary()} (so far)", flush=True)
    assert outcome.status in {"converted", "failed"}, description
    if outcome.status == "failed":
        assert outcome.error and "\n" not in outcome.error and "Traceback" not in outcome.error, description
        # A crash is a bug in a reader; memory and time mean a limit was not checked in time.
        assert outcome.failure is None, f"{description}: {outcome.error}"
        assert written == [], description
    else:
        assert {p.suffix for p in written} == {".md"} and written, description

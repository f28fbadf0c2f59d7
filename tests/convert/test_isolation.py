"""A batch survives its worst file: each source is read in a worker process with memory and time limits."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from newsroom.compose.options import Options
from newsroom.converter import isolate
from newsroom.converter.convert import run_convert
from newsroom.model import pages
from newsroom.model.release import Translation
from newsroom.read import limits

from tests.read.release_builders import hwp_paragraph
from tests.read.test_limits import HEADER, hwp_table_cell, write_hwp_section

SMALL = isolate.Limits(memory_bytes=256 * 2**20, cpu_seconds=1, wall_seconds=20)
# The memory case must not race the processor-time limit: on a loaded machine the worker's start-up and page
# faults alone came near 1 s of CPU before the allocation reached 256 MiB.
ROOMY_CPU = isolate.Limits(memory_bytes=256 * 2**20, cpu_seconds=30, wall_seconds=60)


def _hog() -> int:
    blocks = [bytearray(2**20) for _ in range(4096)]  # 4 GiB
    return len(blocks)


def _spin() -> int:
    while True:
        pass


def _sleep() -> int:
    time.sleep(60)
    return 0


def _segfault() -> int:
    # What a crash in a C extension (an XML or OLE library) looks like from outside.
    os.kill(os.getpid(), signal.SIGSEGV)
    return 0


def _exit() -> int:
    os._exit(3)


@pytest.mark.parametrize(
    ("work", "limits", "kind", "reason"),
    [
        (_hog, ROOMY_CPU, "memory", "needs more than 256 MiB of memory to read"),
        (_spin, SMALL, "time", "took more than 1 s of processor time to read; stopped"),
        (_segfault, SMALL, "crash", "made the reader crash (SIGSEGV)"),
        (_exit, SMALL, "crash", "made the reader stop without an answer (exit status 3)"),
    ],
)
def test_worker_reports_what_stopped_it(work: object, limits: isolate.Limits, kind: str, reason: str) -> None:
    result = isolate.run(work, limits)  # type: ignore[arg-type]
    assert result.value == isolate.Failure(kind, reason)


def test_worker_that_hangs_is_stopped_by_the_wall_clock() -> None:
    started = time.monotonic()
    result = isolate.run(_sleep, isolate.Limits(memory_bytes=2**28, cpu_seconds=5, wall_seconds=1))
    assert result.value == isolate.Failure("time", "took longer than 1 s to read; stopped")
    assert time.monotonic() - started < 10


def test_worker_hands_back_its_value_and_a_one_line_internal_error() -> None:
    assert isolate.run(lambda: {"a": [1, 2]}).value == {"a": [1, 2]}

    def broken() -> int:
        raise IndexError("index out of range\nsecond line")

    failure = isolate.run(broken).value
    assert failure == isolate.Failure(
        "crash", "could not be read: internal error IndexError: index out of range second line"
    )


def _convert_json(sources: list[Path], docs: Path) -> tuple[int, list[dict[str, object]]]:
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = run_convert(sources, Options(docs_dir=docs, en_translation=Translation.MACHINE), as_json=True)
    return code, [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def test_batch_survives_a_file_that_blows_up_even_without_the_reader_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader limits switched off: the 24 GB table of the real archive file is back, and only the
    # worker's memory limit stands between it and the machine.
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 2**40)
    monkeypatch.setattr(limits, "MAX_TABLE_COLS", 2**40)
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 2**80)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a-first.txt").write_text("배포 2025. 3. 4.(화) 09:00\n천안시, 첫째 센터 개소\n천안시는 센터를 열었다.\n")
    section = b"".join(hwp_paragraph(line) for line in HEADER) + hwp_table_cell(65535, 65535, 1, 1)
    write_hwp_section(inbox / "b-bomb.hwp", section)
    (inbox / "c-last.txt").write_text("배포 2025. 3. 5.(수) 09:00\n천안시, 둘째 센터 개소\n천안시는 센터를 열었다.\n")
    docs = tmp_path / "docs"
    code, lines = _convert_json([inbox], docs)
    assert code == 1
    by_name = {Path(str(line["source"])).name: line for line in lines}
    assert [by_name[n]["status"] for n in ("a-first.txt", "b-bomb.hwp", "c-last.txt")] == [
        "converted",
        "failed",
        "converted",
    ]
    error = str(by_name["b-bomb.hwp"]["error"])
    assert error.endswith("b-bomb.hwp: needs more than 512 MiB of memory to read") and "\n" not in error
    written = sorted(docs.rglob("*.md"))
    assert len(written) == 2
    for page in written:
        assert pages.read_page_file(page).meta["title"].startswith("천안시, ")
    assert not [p for p in docs.rglob("*") if p.name.startswith(".")]  # no temporary files left

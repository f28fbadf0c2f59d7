"""The inbox converts uploads (anyone with write access can upload) in the worker, under its limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsroom.commands.inbox import Description, process_inbox
from newsroom.converter import convert
from newsroom.read import read

RELEASE = (
    "배포 2026. 7. 27.(월) 15:30\n천안시, 스마트도시 센터 개소\n천안시는 27일 스마트도시 센터를 열었다고 밝혔다.\n"
)


def test_an_inbox_file_that_needs_too_much_memory_stops_its_worker_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, docs = tmp_path / "inbox", tmp_path / "docs"
    inbox.mkdir()
    docs.mkdir()
    (inbox / "big.txt").write_text(RELEASE, encoding="utf-8")
    (inbox / "fine.txt").write_text(RELEASE.replace("센터", "센터를 다시"), encoding="utf-8")

    def greedy_read(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "big.txt":
            # 1 GiB: more than the worker may add (512 MiB); this process (24 GiB machine) would not stop.
            return bytearray(2**30)
        return read(path)

    monkeypatch.setattr(convert, "read", greedy_read)
    report = process_inbox(tmp_path, inbox, docs, Description(), commit=False)
    by_file = {row.source: row for row in report.rows}
    assert not by_file["inbox/big.txt"].converted
    assert "needs more than 512 MiB of memory" in by_file["inbox/big.txt"].detail
    assert by_file["inbox/fine.txt"].converted  # the next file is converted as usual
    assert (docs / "ko" / "news" / "2026").is_dir()

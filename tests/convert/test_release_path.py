"""The route a release takes: from convert.py into each layer once (a trace with sys.setprofile)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

from newsroom.compose.options import Options
from newsroom.converter import convert

LAYERS = ("newsroom.read", "newsroom.parse", "newsroom.compose", "newsroom.converter.write", "newsroom.compose.options")
RELEASE = (
    "배포 2026. 7. 27.(월) 15:30\n천안시, 스마트도시 센터 개소\n천안시는 27일 스마트도시 센터를 열었다고 밝혔다.\n"
    "Cheonan opens a smart-city centre\nCheonan City opened its smart-city centre on Monday, the city said today.\n"
)


def _layer(frame: FrameType | None) -> str | None:
    name = frame.f_globals.get("__name__", "") if frame else ""
    return next((layer for layer in LAYERS if name == layer or name.startswith(f"{layer}.")), None)


def trace_release(source: Path, options: Options) -> Counter[str]:
    """How often a release's path crosses from newsroom.converter.convert into each layer (prepare, then commit)."""
    entries: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        layer = _layer(frame)
        owner = type(frame.f_locals.get("self"))
        if isinstance(getattr(owner, frame.f_code.co_name, None), property):
            return  # reading a field of the parsed release is not a step on its path
        if (
            layer is not None
            and frame.f_back is not None
            and frame.f_back.f_globals.get("__name__") == "newsroom.converter.convert"
        ):
            entries[layer] += 1

    sys.setprofile(profile)
    try:
        # The worker's body and the writing after it, in this process so the profile sees both.
        convert.commit(convert.prepare(source, options), options)
    finally:
        sys.setprofile(None)
    return entries


def test_a_bilingual_release_enters_each_layer_once(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(RELEASE, encoding="utf-8")
    entries = trace_release(source, Options(docs_dir=tmp_path / "docs"))
    assert (tmp_path / "docs" / "en" / "news" / "2026").is_dir()
    # read once, parse once, compose once (both languages), the disk guard once (plan and write).
    assert entries == Counter(
        {"newsroom.read": 1, "newsroom.parse": 1, "newsroom.compose": 1, "newsroom.converter.write": 1}
    ), entries


if __name__ == "__main__":  # python tests/convert/test_release_path.py FILE: the trace of a real release
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print(dict(trace_release(Path(sys.argv[1]), Options(docs_dir=Path(folder), dry_run=True))))

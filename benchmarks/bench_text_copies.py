"""Do text copies of real releases convert like the files they were copied from? (not a test)

``python benchmarks/bench_text_copies.py DIR [--style old|hangul|flat]``: for every HWPX/HWP file in DIR, a
plain-text copy is made from its reader blocks (``tests/read/release_builders.py``: ``old`` = ``text_copy``,
a cell's lines interleaved row by row; ``hangul`` = ``hangul_copy``, as Hangul's "paste as text" writes it,
a multi-line cell splitting its row; ``flat`` = the same with the header table one cell a line), read back
as a ``.txt`` file and parsed. A file agrees when the copy gives the same headline, dates (date, 배포,
보도시점, held), department and contacts as the original. The last line is machine-readable::

    bench_text_copies: style=… files=N agree=K
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "scripts"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from newsroom.parse import parse_blocks  # noqa: E402
from newsroom.parse.elements import ParsedRelease  # noqa: E402
from newsroom.read import ReadError, read  # noqa: E402

from tests.read.release_builders import hangul_copy, text_copy  # noqa: E402

STYLES = {
    "old": text_copy,
    "hangul": hangul_copy,
    "flat": lambda blocks: hangul_copy(blocks, flatten_header=True),
}


def facts(release: ParsedRelease) -> dict[str, object]:
    """What a copy must keep: the fields graded against the board, and the embargo."""
    return {
        "title": release.ko.title if release.ko else release.en.title if release.en else None,
        "dates": (release.date, release.distributed_at, release.embargo_until, release.embargo_held),
        "department": release.department,
        "contacts": release.contacts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--style", choices=sorted(STYLES), default="hangul")
    args = parser.parse_args()
    copy = STYLES[args.style]
    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".hwpx", ".hwp"))
    agree = 0
    with tempfile.TemporaryDirectory() as folder:
        for path in files:
            try:
                original = facts(parse_blocks(read(path).blocks))
                text = Path(folder) / f"{path.stem}.txt"
                text.write_text(copy(read(path).blocks), encoding="utf-8")
                copied = facts(parse_blocks(read(text).blocks))
            except (ReadError, ValueError) as error:
                print(f"  {path.name}: {error}")
                continue
            if original == copied:
                agree += 1
                continue
            differ = {key: (original[key], copied[key]) for key in original if original[key] != copied[key]}
            print(f"  {path.name}: " + "; ".join(f"{key}: {a!r} ≠ {b!r}" for key, (a, b) in differ.items())[:400])
    print(f"bench_text_copies: style={args.style} files={len(files)} agree={agree}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

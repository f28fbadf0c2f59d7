"""Converter throughput: text releases per second and HWPX releases per second (not a test).

Usage: ``python benchmarks/bench_convert.py --n 200``. Generates ``n`` bilingual text releases
(shaped like the city's seed: Korean body, then the English headline and body) and ``n`` HWPX
releases (header table, title box, body paragraphs, contact table), converts each set with the
converter's own batch function into a temporary docs folder, and prints wall time and releases
per second. A second pass over the same files measures the "unchanged" path (read, parse,
render, compare). The last line is machine-readable::

    bench_convert: n=<N> text_per_s=<r/s> hwpx_per_s=<r/s> text_rerun_per_s=<r/s> hwpx_rerun_per_s=<r/s>
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsroom.compose.options import Options  # noqa: E402
from newsroom.converter.convert import collect, convert_all  # noqa: E402

from tests.read.release_builders import write_hwpx  # noqa: E402

KOREAN_CLAUSE = "천안시는 스마트도시 조성사업의 하나로 시민 체감형 서비스를 확대하고,"
KOREAN_PARAGRAPH = f"{KOREAN_CLAUSE} 공공 행정의 클라우드 전환을 추진한다고 밝혔다."
ENGLISH_PARAGRAPH = (
    "Cheonan City said it will expand services that citizens can feel as part of its smart city project "
    "and push ahead with moving public administration to the cloud."
)


def text_release(index: int) -> str:
    korean = "\n".join(f"{KOREAN_PARAGRAPH} ({index}-{n})" for n in range(11))
    english = "\n".join(f"{ENGLISH_PARAGRAPH} ({index}-{n})" for n in range(12))
    header = f"배포 2025. 2. 3.(월) 09:00\n천안시, 스마트도시 서비스 {index}호 확대"
    return f"{header}\n{korean}\nCheonan expands smart city service {index}\n{english}\n"


def hwpx_release(path: Path, index: int) -> None:
    write_hwpx(
        path,
        [
            [["보도자료", ""]],
            [["배포", "2025. 2. 3.(월) 09:00", "보도시점", "(인터넷) 2025. 2. 4.(화) 06:00"]],
            [[f"천안시, 스마트도시 서비스\n{index}호 확대"], ["- 시민 체감형 서비스 확대"]],
            *[f"  {KOREAN_PARAGRAPH} ({index}-{n})" for n in range(11)],
            [["담당 부서", "스마트도시과", "책임자", "과장", "담당자명", "(041-000-0000)"]],
        ],
    )


def timed(folder: Path, docs: Path) -> float:
    started = time.perf_counter()
    outcomes = convert_all(collect([folder]), Options(docs_dir=docs))
    elapsed = time.perf_counter() - started
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise SystemExit(f"benchmark release failed to convert: {failed[0].error}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="releases per format (default 200)")
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory(prefix="bench-convert-") as temporary:
        base = Path(temporary)
        text_dir, hwpx_dir = base / "text", base / "hwpx"
        text_dir.mkdir()
        hwpx_dir.mkdir()
        for index in range(n):
            (text_dir / f"release-{index:05d}.txt").write_text(text_release(index), encoding="utf-8")
            hwpx_release(hwpx_dir / f"release-{index:05d}.hwpx", index)
        results = {
            "text": timed(text_dir, base / "docs-text"),
            "hwpx": timed(hwpx_dir, base / "docs-hwpx"),
            "text_rerun": timed(text_dir, base / "docs-text"),
            "hwpx_rerun": timed(hwpx_dir, base / "docs-hwpx"),
        }
    print(f"python {platform.python_version()} on {platform.machine()}, {n} releases per format")
    for name, seconds in results.items():
        pages = n * 2 if "text" in name else n
        print(f"  {name:11s} {seconds:7.2f} s  {n / seconds:8.1f} releases/s  ({pages} pages)")
    rates = " ".join(f"{name}_per_s={n / seconds:.1f}" for name, seconds in results.items())
    print(f"bench_convert: n={n} {rates}")


if __name__ == "__main__":
    main()

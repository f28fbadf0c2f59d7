"""`newsroom check` time on the project's docs plus synthetic release archives (not a test).

Usage: ``python benchmarks/bench_check.py --n 100 1000``. For each size, copies docs/ to a temporary
folder, adds ``n`` releases per language (benchmarks/synthetic.py), runs the checker (``check_docs``)
once and prints wall time, pages and findings. The last line per size is machine-readable::

    bench_check: n=<N> pages=<P> seconds=<s> ms_per_page=<ms> errors=<E>
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsroom.check import Severity, check_docs  # noqa: E402

from benchmarks.synthetic import generate  # noqa: E402


def measure(n_per_lang: int) -> str:
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        docs = Path(tmp) / "docs"
        shutil.copytree(ROOT / "docs", docs)
        generate(docs, n_per_lang, realistic=True)
        pages = sum(1 for _ in docs.rglob("*.md"))
        start = time.perf_counter()
        findings = check_docs(docs)
        seconds = time.perf_counter() - start
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    return (
        f"bench_check: n={n_per_lang} pages={pages} seconds={seconds:.2f} "
        f"ms_per_page={1000 * seconds / pages:.1f} errors={errors}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000], help="releases per language")
    for n_per_lang in parser.parse_args(argv).n:
        print(measure(n_per_lang), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

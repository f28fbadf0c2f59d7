"""Add one release to a realistic archive (or change one) and rebuild: incremental against cold.

Usage: ``python benchmarks/bench_incremental.py --n 1000 [--change add|edit|correct|withdraw] [--age K]`` (N
releases per language). Steps: a cold build that leaves the state (``newsroom.commands.build --state``), the
change (``add``, the default: one new release pair written the way the converter writes it; ``edit``,
``correct``, ``withdraw``: the K-th newest published Korean release, the newest by default, gets a line more, a
correction with a change note, a withdrawal notice), the incremental build, then a cold build of the same tree
(``--full``, its own state) and a byte comparison of both sites. Each build is a child process timed by wall
clock (and, for the incremental build, by the CPU time of all its processes). The last line::

    bench_incremental: n=<N> change=<change> age=<K> cold_s=<s> incremental_s=<s> incremental_cpu_s=<s>
    written=<files> listings=<pages> kept=<pages> identical=yes|no
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsroom.model import pages  # noqa: E402

from benchmarks.synthetic import make_site  # noqa: E402

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
KEPT = re.compile(r"incremental: (\d+) pages rendered, (\d+) kept")
# A listing page's output: the landing or a numbered page of all news, a year, a topic or a kind.
LISTING_PAGE = re.compile(r"^(?:en/)?news/(?:\d{4}/|(?:topics|kinds)/[^/]+/)?(?:page/\d+/)?index\.html$")


def build(config: Path, out: Path, state: Path, *extra: str) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEWSROOM_NOW": NOW.isoformat()}
    command = [
        sys.executable,
        "-m",
        "newsroom.commands.build",
        "-f",
        str(config),
        "-d",
        str(out),
        "--state",
        str(state),
    ]
    started = time.perf_counter()
    cpu = _children_cpu()
    result = subprocess.run([*command, *extra], capture_output=True, text=True, env=env, cwd=config.parent)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    CPU[0] = _children_cpu() - cpu
    return seconds, result.stdout + result.stderr


CPU = [0.0]  # CPU seconds (user + system, every process) of the last build


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def newest_release(docs: Path) -> Path:
    """The Korean file of the newest release (by its date, then its file name)."""
    year = max((path for path in (docs / "ko" / "news").iterdir() if path.is_dir()), key=lambda path: path.name)
    return max(
        year.glob("*.md"), key=lambda path: (str(pages.split(path.read_text(encoding="utf-8")).meta["date"]), path.name)
    )


def add_release(docs: Path) -> None:
    """A new pair beside the newest release, as `newsroom convert` would write it (same shape, new slug): dated
    on the newest release's day, as a release of the day is (the newest by its date, not by its file name)."""
    newest = newest_release(docs)
    for lang in ("ko", "en"):
        source = docs / lang / newest.relative_to(docs / "ko")
        if not source.exists():
            continue
        page = pages.split(source.read_text(encoding="utf-8"))
        meta = {**page.meta, "slug": "benchmark-added-release", "translation_key": "benchmark-added-release"}
        meta.pop("redirect_from", None)
        target = source.with_name("benchmark-added-release.md")
        target.write_text(pages.join(meta, page.body + "\n\nOne more paragraph.\n"), encoding="utf-8")


def published_by_age(docs: Path) -> list[Path]:
    """The Korean files of the published releases (no embargo, not withdrawn), newest first (by date, then file
    name)."""
    found = []
    for path in (docs / "ko" / "news").glob("*/*.md"):
        meta = pages.split(path.read_text(encoding="utf-8")).meta
        if "embargo_until" not in meta and "withdrawn" not in meta:
            found.append((str(meta["date"]), path.name, path))
    return [path for *_, path in sorted(found, reverse=True)]


def change_release(docs: Path, change: str, age: int = 1) -> None:
    """The press office's change to the ``age``-th newest published Korean release: a line added to its body
    (``edit``), a figure corrected with a change note (``correct``), or the release withdrawn with a notice
    (``withdraw``)."""
    path = published_by_age(docs)[age - 1]
    print(f"changed ({change}): {path.relative_to(docs).as_posix()}, the {age}th newest", flush=True)
    page = pages.split(path.read_text(encoding="utf-8"))
    meta, body = dict(page.meta), page.body
    at = (NOW - dt.timedelta(minutes=5)).isoformat()
    if change == "edit":
        body += "\n\n추가 문단입니다.\n"
    elif change == "correct":
        meta["changes"] = [*meta.get("changes", []), {"at": at, "note": "Corrected a figure."}]
        body = body.replace("천안", "천안시", 1) + "\n"
    elif change == "withdraw":
        meta["withdrawn"] = {"at": at, "explanation": "Issued in error."}
    path.write_text(pages.join(meta, body), encoding="utf-8")


CHANGES = {
    "add": add_release,
    **{name: partial(change_release, change=name) for name in ("edit", "correct", "withdraw")},
}


def tree(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="releases per language (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--change", choices=sorted(CHANGES), default="add", help="what changes before the incremental build"
    )
    parser.add_argument(
        "--age", type=int, default=1, help="edit, correct or withdraw the K-th newest Korean release (default 1)"
    )
    args = parser.parse_args(argv)
    if args.age < 1 or (args.age > 1 and args.change == "add"):
        parser.error("--age takes 1 or more, with --change edit, correct or withdraw")
    work = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    try:
        config = make_site(work / "src", args.n, seed=args.seed, realistic=True, now=NOW)
        state = work / "state"
        cold_s, _ = build(config, work / "site", state)
        print(f"cold build (state written): {cold_s:.1f} s", flush=True)
        change = CHANGES[args.change]
        change(work / "src" / "docs", **({"age": args.age} if args.change != "add" else {}))
        before = {path: (work / "site" / path).stat().st_ino for path in tree(work / "site")}
        incremental_s, log = build(config, work / "site", state)
        incremental_cpu = CPU[0]
        after = tree(work / "site")
        changed = [path for path in after if before.get(path) != (work / "site" / path).stat().st_ino]
        written = len(changed)
        listings = sum(1 for path in changed if LISTING_PAGE.match(path))
        kept = sum(int(match[2]) for match in KEPT.finditer(log))
        rendered = sum(int(match[1]) for match in KEPT.finditer(log))
        print(
            f"incremental build: {incremental_s:.1f} s ({incremental_cpu:.1f} s CPU), {rendered} pages rendered "
            f"({listings} listing pages), {kept} kept",
            flush=True,
        )
        for line in log.splitlines():
            # Each worker's search index step (appended, or why built whole) and its pages and CPU seconds.
            if "] search:" in line or "] incremental:" in line:
                print(f"  {line.split('-  ', 1)[-1]}", flush=True)
        check_s, _ = build(config, work / "cold", work / "cold-state", "--full")
        print(f"cold build of the same tree: {check_s:.1f} s", flush=True)
        files = tree(work / "cold")
        _, mismatch, errors = filecmp.cmpfiles(work / "cold", work / "site", files, shallow=False)
        identical = files == after and not mismatch and not errors
        if not identical:
            print(f"differs: {(mismatch + errors)[:10]}", flush=True)
        print(
            f"bench_incremental: n={args.n} change={args.change} age={args.age} cold_s={cold_s:.2f} "
            f"incremental_s={incremental_s:.2f} incremental_cpu_s={incremental_cpu:.2f} "
            f"written={written} listings={listings} kept={kept} identical={'yes' if identical else 'no'}"
        )
        return 0 if identical else 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

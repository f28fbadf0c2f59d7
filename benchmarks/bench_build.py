"""Build the same synthetic archive twice, this site and plain MkDocs + Material + static-i18n, and compare.

Usage: ``python benchmarks/bench_build.py --n 1000`` (``make bench N=1000``). The archive is realistic
synthetic text (``benchmarks/synthetic.py``, learned from real releases). Each build runs as a
child process; its wall time, CPU time (user + sys of the child and everything it waited for,
from ``os.wait4``) and peak memory are measured. Peak memory is the larger of the child's own
``ru_maxrss`` and the summed proportional memory (Pss) of its whole process tree sampled every 200 ms, so a
build that fans out into several processes is counted whole. Then the bytes of both sites (total, HTML,
search index, files, bytes per release, projected to 2 x 10,000 releases and to GitHub Pages' 1 GB cap) and
their bytes by page kind (release pages, news listings, other pages: average page and its ``<head>``).
The last lines are machine-readable::

    bytes: n=<N> site_mb=<MB> plain_mb=<MB> bytes_ratio=<site/plain> site_mb_at_10000=<MB> plain_mb_at_10000=<MB>
    bench: n=<N per language> site_s=<wall> plain_s=<wall> ratio=<site/plain> per_page_ms=<ms> peak_mib=<MiB>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsroom.hosting.rules import GITHUB_PAGES_CAP, SiteSize, measure_site  # noqa: E402

from benchmarks.synthetic import make_site  # noqa: E402

PLAIN_CONFIG = ROOT / "benchmarks" / "mkdocs-plain.yml"


@dataclass(frozen=True)
class Result:
    name: str
    wall_s: float
    cpu_s: float
    peak_mib: float
    pages: int

    @property
    def per_page_ms(self) -> float:
        return self.wall_s * 1000 / max(self.pages, 1)

    @property
    def cpu_per_page_ms(self) -> float:
        return self.cpu_s * 1000 / max(self.pages, 1)


def _tree_rss_bytes(root_pid: int) -> int:
    """Proportional memory (Pss) of a process and all its descendants, read from /proc (no full scan)."""
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        try:
            # Pss: shared pages (the forked workers share what the parent loaded) are counted once, split.
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
            for task in os.scandir(f"/proc/{pid}/task"):
                with open(f"{task.path}/children", encoding="ascii") as children:
                    todo.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


def _count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html"))


def run_build(name: str, command: list[str], site_dir: Path, cwd: Path, log: Path) -> Result:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    peak_tree = 0
    done = threading.Event()
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(0.2):
                peak_tree = max(peak_tree, _tree_rss_bytes(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 rather than Popen.wait: it returns the child's own resource usage.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
    if child.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-30:])
        raise SystemExit(f"{name} build failed (exit {child.returncode}); log {log}:\n{tail}")
    peak = max(usage.ru_maxrss * 1024, peak_tree)  # ru_maxrss is in KiB on Linux
    return Result(name, wall, usage.ru_utime + usage.ru_stime, peak / 2**20, _count_pages(site_dir))


def site_command(config: Path, out: Path) -> list[str]:
    """The project's own production build (the parallel driver if the project has one)."""
    driver = ROOT / "scripts" / "newsroom" / "commands" / "build.py"
    if driver.exists():
        # --full: every build is cold; with --repeat the second would otherwise reuse the first's state.
        return [sys.executable, "-m", "newsroom.commands.build", "--full", "-f", str(config), "-d", str(out)]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]


def plain_config(dest: Path, docs: Path) -> Path:
    text = PLAIN_CONFIG.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: '{docs}'", text)
    config = dest / "mkdocs-plain.yml"
    config.write_text(text, encoding="utf-8")
    return config


def search_figures(site: Path, n: int, *, queries: bool) -> None:
    """Index files and bytes per language; with ``queries``, first-query bytes and times in Chromium."""
    from benchmarks.bench_search import index_size, measure, report_queries

    if queries:
        report_queries(measure(site, n, pagefind=False))
        return
    for size in (index_size(site, "", "ko"), index_size(site, "en/", "en")):
        print(
            f"index {size.lang}: {size.files} files ({size.word_files} word files),"
            f" {size.raw_bytes / 1e6:.1f} MB raw, {size.gzip_bytes / 1e6:.1f} MB gzip"
        )


_RELEASE_PAGE = re.compile(r"^(?:[a-z]{2}/)?news/\d{4}/[^/]+/index\.html$")


def page_kind(path: str) -> str:
    """release (news/<year>/<slug>/), listing (anything else below news/), other (policy, about, home, 404)."""
    if _RELEASE_PAGE.match(path):
        return "release"
    return "listing" if re.match(r"^(?:[a-z]{2}/)?news/", path) else "other"


def bytes_by_page_kind(site: Path) -> dict[str, tuple[int, int, int]]:
    """Page kind -> (pages, bytes, bytes of their <head>)."""
    kinds: dict[str, tuple[int, int, int]] = {}
    for page in site.rglob("*.html"):
        data = page.read_bytes()
        head = data.find(b"</head>")
        pages, total, heads = kinds.get(page_kind(page.relative_to(site).as_posix()), (0, 0, 0))
        kinds[page_kind(page.relative_to(site).as_posix())] = (pages + 1, total + len(data), heads + max(head, 0))
    return dict(sorted(kinds.items()))


def describe_bytes(name: str, size: SiteSize, n: int) -> str:
    per_release = size.total_bytes / (2 * n)
    at_10000 = per_release * 20_000
    return (
        f"{name:<6} {size.total_bytes / 1e6:8.1f} MB total  HTML {size.html_bytes / 1e6:7.1f} MB "
        f"in {size.html_files:6d} pages ({size.html_bytes / max(size.html_files, 1) / 1e3:5.1f} KB each)  "
        f"search {size.search_bytes / 1e6:6.1f} MB"
        f"  {size.files:7d} files  {per_release / 1e3:6.1f} KB per release  "
        f"at 2 x 10,000: {at_10000 / 1e6:6.0f} MB ({at_10000 / GITHUB_PAGES_CAP:.0%} of the 1 GB Pages cap;"
        f" cap at about 2 x {GITHUB_PAGES_CAP / per_release / 2:,.0f} releases)"
    )


def report_bytes(sites: dict[str, Path], n: int) -> None:
    sizes = {name: measure_site(path) for name, path in sites.items()}
    for name, size in sizes.items():
        print(describe_bytes(name, size, n))
    for name, path in sites.items():
        for kind, (pages, total, heads) in bytes_by_page_kind(path).items():
            print(
                f"{name:<6} {kind:<8} {pages:6d} pages {total / 1e6:7.1f} MB  "
                f"{total / pages / 1e3:5.1f} KB a page, <head> {heads / pages / 1e3:4.1f} KB"
            )
    if "site" in sizes and "plain" in sizes:
        site, plain = sizes["site"], sizes["plain"]
        print(
            f"bytes: n={n} site_mb={site.total_bytes / 1e6:.1f} plain_mb={plain.total_bytes / 1e6:.1f} "
            f"bytes_ratio={site.total_bytes / plain.total_bytes:.2f} "
            f"site_mb_at_10000={site.total_bytes * 10_000 / n / 1e6:.0f} "
            f"plain_mb_at_10000={plain.total_bytes * 10_000 / n / 1e6:.0f}"
        )


def describe(result: Result) -> str:
    return (
        f"{result.name:<6} wall {result.wall_s:8.2f} s  cpu {result.cpu_s:8.2f} s  "
        f"peak {result.peak_mib:7.0f} MiB  pages {result.pages:6d}  "
        f"{result.per_page_ms:6.2f} ms/page wall  {result.cpu_per_page_ms:6.2f} ms/page cpu"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="releases per language (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder with both built sites")
    parser.add_argument("--only", choices=("site", "plain"), help="build only one of the two")
    parser.add_argument("--repeat", type=int, default=1, help="build each R times, alternating; keep the fastest")
    parser.add_argument("--no-queries", action="store_true", help="skip the search figures measured in Chromium")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix=f"bench-{args.n}-"))
    if work.exists() and args.work:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"# {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, n={args.n} per language, work {work}",
        flush=True,
    )
    try:
        start = time.perf_counter()
        config = make_site(work, args.n, seed=args.seed, realistic=True)
        print(f"generated 2 x {args.n} releases in {time.perf_counter() - start:.1f} s", flush=True)
        commands = {
            "site": site_command(config, work / "site-out"),
            "plain": [
                *(sys.executable, "-m", "mkdocs", "build", "-f", str(plain_config(work, work / "docs"))),
                *("-d", str(work / "plain-out")),
            ],
        }
        names = [name for name in ("site", "plain") if args.only in (None, name)]
        results: dict[str, Result] = {}
        for round_number in range(args.repeat):
            # Alternate the order so that a change in the machine's load hits both builds alike.
            for name in names if round_number % 2 == 0 else names[::-1]:
                out = work / f"{name}-out"
                result = run_build(name, commands[name], out, work, work / f"{name}.log")
                print(describe(result), flush=True)
                best = results.get(name)
                # The fastest of the repeats: other processes on the machine only ever add time.
                results[name] = result if best is None or result.wall_s < best.wall_s else best
        report_bytes({name: work / f"{name}-out" for name in results}, args.n)
        if "site" in results:
            search_figures(work / "site-out", args.n, queries=not args.no_queries)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    site, plain = results.get("site"), results.get("plain")
    main_result = site or plain
    assert main_result is not None
    ratio = f"{site.wall_s / plain.wall_s:.2f}" if site and plain else "nan"
    if site and plain:
        print(
            f"cpu: site_cpu_s={site.cpu_s:.2f} plain_cpu_s={plain.cpu_s:.2f} cpu_ratio={site.cpu_s / plain.cpu_s:.2f} "
            f"site_cpu_per_page_ms={site.cpu_per_page_ms:.2f} plain_peak_mib={plain.peak_mib:.0f}"
        )
    print(
        f"bench: n={args.n} site_s={site.wall_s if site else float('nan'):.2f} "
        f"plain_s={plain.wall_s if plain else float('nan'):.2f} ratio={ratio} "
        f"per_page_ms={main_result.per_page_ms:.2f} peak_mib={main_result.peak_mib:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

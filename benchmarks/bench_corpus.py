"""Converter accuracy on a folder of real releases (not a test): ``python benchmarks/bench_corpus.py DIR``.

Every release file in DIR is read, parsed and turned into pages (nothing is written) in its own forked
process, under a memory cap (``resource.setrlimit``), so one file that blows up cannot take the run with it.
When DIR holds a ``listing.jsonl`` (one object per file: ``file``, ``title``, ``date``, ``division``,
``contact``, as a ministry's board lists them), each converted release is graded against it:

- headline: equal after normalising spaces, quotes, dots and ``&nbsp;``, and leaving out a board tag such as
  "(관계부처합동)"; a board title that joins the headline and its subtitle counts too. A board title that is the
  headline cut at a word boundary counts as "shortened" (right, but listed apart so it can be looked at);
- department: the board's division is the last part of the converted ``department`` (or equal to it);
- date: the converted ``date`` is the board's date or at most ``--date-slack`` days from it (the board shows the
  day it was posted, which is the 배포 or embargo day);
- contacts: the board's contact (a name and/or a telephone number) is among the converted contacts.

Prints the rates, every miss, and median and worst time and peak memory per file. The last line is
machine-readable::

    bench_corpus: files=N converted=… headline=… department=… date=… contacts=… median_ms=… worst_ms=… peak_mib=…
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import multiprocessing
import os
import re
import resource
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from newsroom.compose import ConvertError, compose_release  # noqa: E402
from newsroom.compose.options import Options  # noqa: E402
from newsroom.parse import parse_blocks  # noqa: E402
from newsroom.read import ReadError, read  # noqa: E402

MEMORY_CAP_MIB = 1024
TIMEOUT_S = 60.0
QUOTES_RE = re.compile(r"[\"'“”‘’「」『』《》〈〉<>｢｣＂＇`]")
DOTS_RE = re.compile(r"[.…·‧ㆍ・･∙,:：]")
# Fields the board sometimes leaves empty (releases of agencies under the ministry): graded only when given.
BOARD_FIELD = {"department": "division", "contacts": "contact"}
BOARD_TAG_RE = re.compile(r"^\s*\([^()]{1,12}\)\s*")
PHONE_DIGITS_RE = re.compile(r"0\d{1,2}-?\d{3,4}-?\d{4}")


@dataclass
class Result:
    file: str
    status: str  # converted / refused / crashed / killed
    error: str | None = None
    meta: dict[str, Any] | None = None
    languages: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_mib: float = 0.0


def normalise(text: str) -> str:
    """The comparison form of a title: no entities, quotes, dots or spaces."""
    text = html.unescape(html.unescape(text)).replace("\xa0", " ")
    text = QUOTES_RE.sub("", text)
    text = DOTS_RE.sub("", text)
    return re.sub(r"\s+", "", text)


def _convert_one(path: Path, send: Any) -> None:
    """Child process: cap memory, convert, send one JSON-able dict back."""
    cap = MEMORY_CAP_MIB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    started = time.perf_counter()
    result: dict[str, Any] = {"file": path.name}
    try:
        document = read(path)
        parsed = parse_blocks(document.blocks)
        built = [
            page.meta
            for page in compose_release(path.name, path.read_bytes(), parsed, Options(docs_dir=Path("/nonexistent")))
        ]
        ko = next((meta for meta in built if meta.lang == "ko"), built[0])
        result["status"] = "converted"
        result["meta"] = ko.model_dump(mode="json", exclude_none=True)
        result["languages"] = [meta.lang for meta in built]
    except (ReadError, ConvertError) as error:
        result["status"] = "refused"
        result["error"] = str(error)
    except MemoryError:
        result["status"] = "killed"
        result["error"] = f"over the {MEMORY_CAP_MIB} MiB memory cap"
    except Exception as error:  # a crash is a finding of the benchmark, not a reason to stop it
        result["status"] = "crashed"
        result["error"] = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}"
    result["seconds"] = time.perf_counter() - started
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    send.send(result)
    send.close()


def convert_isolated(path: Path) -> Result:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_convert_one, args=(path, send))
    started = time.perf_counter()
    process.start()
    send.close()
    data: dict[str, Any] | None = None
    if receive.poll(TIMEOUT_S):
        try:
            data = receive.recv()
        except EOFError:
            data = None
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
    if data is None:
        reason = f"exit code {process.exitcode}" if process.exitcode else f"no answer within {TIMEOUT_S:.0f} s"
        return Result(path.name, "killed", reason, seconds=time.perf_counter() - started)
    return Result(
        data["file"],
        data["status"],
        data.get("error"),
        data.get("meta"),
        data.get("languages", []),
        data["seconds"],
        data["peak_mib"],
    )


def headline_matches(title: str, subtitles: list[str], board: str) -> str | None:
    """``"exact"``, ``"shortened"`` (the board shows the headline's first words) or ``None`` (a miss)."""
    # The board's editors prefix some titles with a tag the release does not carry: "(관계부처합동) …", "(대교협) …".
    board = BOARD_TAG_RE.sub("", board)
    ours, theirs = normalise(title), normalise(board)
    if not theirs:
        return None
    if ours == theirs:
        return "exact"
    joined = ours
    for subtitle in subtitles:
        joined += normalise(subtitle)
        if joined == theirs:
            return "exact"
    # Shortened on the board: the board's title is our headline cut at a word or phrase boundary.
    for match in re.finditer(r"[\s,:!?]", title):
        if normalise(title[: match.start()]) == theirs:
            return "shortened"
    if board.rstrip().endswith(("...", "…", "..")) and ours.startswith(theirs):
        return "shortened"
    return None


def department_matches(department: str | None, division: str) -> bool:
    if not department or not division.strip():
        return False
    ours, theirs = normalise(department), normalise(division)
    parts = [normalise(part) for part in department.split()]
    return ours == theirs or ours.endswith(theirs) or theirs in parts


def date_matches(date: str | None, board: str, slack: int) -> bool:
    if not date or not board:
        return False
    return abs((dt.date.fromisoformat(date) - dt.date.fromisoformat(board)).days) <= slack


def contact_matches(contacts: list[dict[str, Any]], board: str) -> bool:
    board = board.strip()
    if not board:
        return False
    phones = {re.sub(r"\D", "", p) for p in PHONE_DIGITS_RE.findall(board)}
    name = re.sub(r"\(.*?\)", "", board).strip()
    for contact in contacts:
        if phones and re.sub(r"\D", "", contact.get("phone") or "") in phones:
            return True
        if name and normalise(contact.get("name") or "") == normalise(name):
            return True
    return False


def _rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:.1f}% ({hits}/{total})" if total else "n/a"


def run(folder: Path, slack: int, show_misses: bool) -> int:
    listing: dict[str, dict[str, Any]] = {}
    listing_path = folder / "listing.jsonl"
    if listing_path.exists():
        for line in listing_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                listing[row["file"]] = row
    # The listing and a README describe the corpus; everything else in the folder is a release to convert.
    skip = (".", "README", "listing.jsonl")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(skip))
    if not files:
        print(f"bench_corpus: no files in {folder}", file=sys.stderr)
        return 2
    results = [convert_isolated(path) for path in files]
    converted = [r for r in results if r.status == "converted"]
    misses: dict[str, list[str]] = {"refused": [], "headline": [], "department": [], "date": [], "contacts": []}
    hits = {"headline": 0, "department": 0, "date": 0, "contacts": 0}
    graded_by = dict.fromkeys(hits, 0)
    shortened: list[str] = []
    graded = 0
    for result in results:
        if result.status != "converted":
            misses["refused"].append(f"{result.file}: {result.status}: {(result.error or '').splitlines()[0]}")
            continue
        row = listing.get(result.file)
        if row is None or result.meta is None:
            continue
        graded += 1
        meta = result.meta
        checks = {
            "headline": (
                headline_matches(meta.get("title", ""), meta.get("subtitle", []), row.get("title", "")),
                f"{meta.get('title')!r} vs board {row.get('title')!r}",
            ),
            "department": (
                department_matches(meta.get("department"), row.get("division", "")),
                f"{meta.get('department')!r} vs board {row.get('division')!r}",
            ),
            "date": (
                date_matches(meta.get("date"), row.get("date", ""), slack),
                f"{meta.get('date')} (from {meta.get('date_source', '?')}) vs board {row.get('date')}",
            ),
            "contacts": (
                contact_matches(meta.get("contacts", []), row.get("contact", "")),
                f"{[(c.get('name'), c.get('phone')) for c in meta.get('contacts', [])][:4]}"
                f" vs board {row.get('contact')!r}",
            ),
        }
        if checks["headline"][0] == "shortened":
            shortened.append(f"{result.file}: {checks['headline'][1]}")
        for key, (ok, detail) in checks.items():
            if key in BOARD_FIELD and not str(row.get(BOARD_FIELD[key]) or "").strip():
                continue  # the board names no division (or contact) for this release: nothing to grade
            graded_by[key] += 1
            if ok:
                hits[key] += 1
            else:
                misses[key].append(f"{result.file}: {detail}")
    total = len(results)
    graded_of_listed = sum(1 for r in results if r.file in listing)
    print(f"corpus: {folder} ({total} files, {len(listing)} listing rows)")
    print(f"converted:  {_rate(len(converted), total)}")
    if listing:
        print(f"graded:     {graded} converted files with a listing row (of {graded_of_listed} listed)")
        for key in hits:
            print(f"{key + ':':<11} {_rate(hits[key], graded_by[key])}")
    times = sorted(r.seconds for r in results)
    peaks = sorted(r.peak_mib for r in results)
    worst_time = max(results, key=lambda r: r.seconds)
    worst_peak = max(results, key=lambda r: r.peak_mib)
    print(
        f"time/file:  median {1000 * statistics.median(times):.0f} ms, worst {1000 * times[-1]:.0f} ms "
        f"({worst_time.file})"
    )
    print(f"peak memory/file: median {statistics.median(peaks):.0f} MiB, worst {peaks[-1]:.0f} MiB ({worst_peak.file})")
    if show_misses:
        if shortened:
            print(f"\nheadlines the board shows shortened (counted as right, {len(shortened)}):")
            for line in shortened:
                print(f"  {line}")
        for key, lines in misses.items():
            if lines:
                print(f"\n{key} misses ({len(lines)}):")
                for line in lines:
                    print(f"  {line}")
    rates = {key: (f"{100 * hits[key] / graded_by[key]:.1f}" if graded_by[key] else "n/a") for key in hits}
    print(
        f"\nbench_corpus: files={total} converted={100 * len(converted) / total:.1f} "
        + " ".join(f"{key}={value}" for key, value in rates.items())
        + f" median_ms={1000 * statistics.median(times):.0f} worst_ms={1000 * times[-1]:.0f}"
        f" peak_mib={peaks[-1]:.0f}"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of release files (with listing.jsonl to grade)")
    parser.add_argument("--date-slack", type=int, default=3, help="days the board's date may differ (default 3)")
    parser.add_argument("--no-misses", action="store_true", help="print the rates only")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"bench_corpus: {args.folder} is not a folder", file=sys.stderr)
        return 2
    os.environ.setdefault("PYTHONHASHSEED", "0")
    return run(args.folder, args.date_slack, not args.no_misses)


if __name__ == "__main__":
    raise SystemExit(main())

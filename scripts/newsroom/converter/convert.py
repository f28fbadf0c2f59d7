"""``newsroom convert``, ``newsroom inbox`` and ``newsroom preview`` convert through here: orchestration only.

One source takes one path, :func:`convert_source`: in a forked worker under memory and time limits
(:mod:`newsroom.converter.isolate`), :func:`prepare` reads it (:mod:`newsroom.read`), parses it (:mod:`newsroom.parse`),
and composes its pages (:mod:`newsroom.compose`); back in the calling process, :func:`commit` hands them to the disk
guard once (:func:`newsroom.converter.write.put_pages`: every page planned, then written unless it is a dry
run). Options are declared in :mod:`newsroom.compose.options`. One bad file never stops a batch; each source ends
with one :class:`Outcome`.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from newsroom.compose import ConvertError, compose_release
from newsroom.compose.options import Options
from newsroom.converter import isolate
from newsroom.converter.write import Planned, WriteError, put_pages
from newsroom.messages import N_, _
from newsroom.model import privacy
from newsroom.model.release import TOPICS, Lang, is_slug
from newsroom.parse import parse_blocks
from newsroom.paths import shown_path
from newsroom.read import SUPPORTED, ReadError, read, supported

Status = Literal["converted", "unchanged", "skipped", "failed"]


@dataclass
class Outcome:
    source: str
    status: Status
    error: str | None = None
    pages: dict[Lang, str | None] = field(default_factory=lambda: {"ko": None, "en": None})
    meta: dict[Lang, dict[str, Any] | None] = field(default_factory=lambda: {"ko": None, "en": None})
    unplaced: list[str] = field(default_factory=list)
    # Personal numbers the pages would publish (masked): kept as the release says, for the press office to decide.
    privacy: list[dict[str, Any]] = field(default_factory=list)
    # Republication noise left out (bylines, datelines, footers): shown to the person converting.
    dropped: list[str] = field(default_factory=list)
    # The composed pages (path, text), planned against the disk and written by commit() in the calling process.
    composed: list[tuple[Path, str]] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    # Re-encoded pictures to write beside the pages (path, bytes), written before the pages that show them.
    images: list[tuple[Path, bytes]] = field(default_factory=list)
    # Set by a worker process: which limit stopped it (memory, time, crash), its CPU time and peak memory.
    failure: str | None = None
    seconds: float = 0.0
    peak_mib: float = 0.0

    def to_json(self) -> str:
        data = {
            "source": self.source,
            "status": self.status,
            "error": self.error,
            "pages": self.pages,
            "meta": self.meta,
            "unplaced": self.unplaced,
            "privacy": self.privacy,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=False)


def collect(sources: Iterable[Path]) -> list[tuple[Path, str | None]]:
    """Files to convert, folders expanded (sorted, hidden files left out); unsupported files in folders are skipped."""
    found: list[tuple[Path, str | None]] = []
    for source in sources:
        if source.is_dir():
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in path.relative_to(source).parts):
                    continue
                reason = (
                    None
                    if supported(path)
                    else _("unsupported type '{suffix}'").format(suffix=path.suffix or _("(none)"))
                )
                found.append((path, reason))
        else:
            found.append((source, None))
    return found


def prepare(path: Path, options: Options) -> Outcome:
    """Read, parse and compose one source; touches no page. Runs in the worker (:func:`convert_source`)."""
    outcome = Outcome(source=shown_path(path), status="failed")
    try:
        if not path.is_file():
            raise ReadError(_("does not exist or is not a file; check the path"))
        document = read(path)
        parsed = parse_blocks(document.blocks, date=options.date, title_ko=options.title_ko, title_en=options.title_en)
        outcome.dropped = [text for part in (parsed.ko, parsed.en) if part for text in part.dropped]
        composed = compose_release(path.name, path.read_bytes(), parsed, options)
        outcome.unplaced = parsed.unplaced + [text for page in composed for text in page.unplaced]
        outcome.composed = [(page.path, page.text) for page in composed]
        for page in composed:
            outcome.privacy += [
                {"page": shown_path(page.path), "line": hit.line, "kind": hit.kind, "number": hit.masked}
                for hit in privacy.find(page.text)
            ]
            outcome.pages[page.meta.lang] = shown_path(page.path)
            outcome.meta[page.meta.lang] = page.front_matter
            outcome.images += page.images
        outcome.status = "converted"
    except (ReadError, ConvertError) as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        outcome.error = f"{where}: {error}"
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        outcome.error = f"{path}: " + _("the release does not fit the page schema ({problems})").format(
            problems=problems
        )
    except OSError as error:
        problem = _("cannot be read ({error}); check that it exists and is readable")
        outcome.error = f"{path}: " + problem.format(error=error.strerror or error)
    return outcome


def commit(outcome: Outcome, options: Options) -> Outcome:
    """Plan the composed pages against the disk and write them (in the calling process; a dry run plans only).

    Every page of the release is checked before any is written: a refusal writes nothing.
    """
    if outcome.status != "converted":
        return outcome
    try:
        outcome.planned = put_pages(outcome.composed, outcome.images, force=options.force, dry_run=options.dry_run)
        if all(planned.status == "unchanged" for planned in outcome.planned):
            outcome.status = "unchanged"
    except WriteError as error:
        outcome.status = "failed"
        outcome.error = f"{outcome.source}: {error}"
    except OSError as error:
        outcome.status = "failed"
        problem = _("a page could not be written ({error}); check docs/").format(error=error.strerror or error)
        outcome.error = f"{outcome.source}: {problem}"
    return outcome


def convert_source(
    path: Path, options: Options, skip_reason: str | None = None, limits: isolate.Limits | None = None
) -> Outcome:
    """The one way a source becomes pages: read, parsed and composed in a worker with limits; written here.

    A crash, blow-up or hang while reading ends in a ``failed`` outcome with the reason; pages already
    written by other sources are never touched, since only this process writes. A source skipped for its
    type is never opened.
    """
    if skip_reason:
        return Outcome(source=shown_path(path), status="skipped", error=skip_reason)
    result = isolate.run(functools.partial(prepare, path, options), limits)
    if isinstance(result.value, isolate.Failure):
        outcome = Outcome(source=shown_path(path), status="failed", error=f"{path}: {result.value.reason}")
        outcome.failure = result.value.kind
    else:
        outcome = result.value
    outcome.seconds, outcome.peak_mib = result.seconds, result.peak_mib
    return commit(outcome, options)


def check_options(options: Options, count: int) -> None:
    unknown = [topic for topic in options.topics if topic not in TOPICS]
    if unknown:
        problem = _("unknown topic(s) {topics}; choose from: {choices}")
        raise ConvertError(problem.format(topics=", ".join(unknown), choices=", ".join(TOPICS)))
    if options.slug is not None and not is_slug(options.slug):
        problem = _(
            "--slug '{slug}' must be lowercase ASCII words joined by hyphens (not 'index'), "
            "e.g. mayor-visits-cloud-firms"
        )
        raise ConvertError(problem.format(slug=options.slug))
    single = [name for name, value in (("--slug", options.slug), ("--title-ko", options.title_ko)) if value]
    single += ["--title-en"] if options.title_en else []
    if single and count > 1:
        problem = _("{options} name one release; convert that file on its own ({count} files given)")
        raise ConvertError(problem.format(options=", ".join(single), count=count))


def convert_all(
    found: list[tuple[Path, str | None]], options: Options, on_progress: Callable[[Outcome], None] | None = None
) -> list[Outcome]:
    """Convert every collected source (see :func:`collect`); call ``on_progress`` after each."""
    check_options(options, len([1 for _, reason in found if reason is None]))
    outcomes: list[Outcome] = []
    for path, reason in found:
        outcome = convert_source(path, options, reason)
        outcomes.append(outcome)
        if on_progress:
            on_progress(outcome)
    return outcomes


def dry_run_text(planned: Planned) -> str:
    """What a dry run would write: the whole page when new, a unified diff when changed."""
    if planned.status == "new":
        return planned.text
    if planned.status == "unchanged":
        return ""
    return "".join(
        difflib.unified_diff(
            (planned.previous or "").splitlines(keepends=True),
            planned.text.splitlines(keepends=True),
            fromfile=f"{planned.path} (now)",
            tofile=f"{planned.path} (converted)",
        )
    )


SUPPORTED_TEXT = ", ".join(SUPPORTED)
# What the batch table and totals call each status (the JSON lines keep the English codes).
STATUS_WORDS = {
    "converted": N_("converted"),
    "unchanged": N_("unchanged"),
    "skipped": N_("skipped"),
    "failed": N_("failed"),
}
DRY_RUN_VERBS = {"new": N_("would create"), "changed": N_("would change"), "unchanged": N_("unchanged")}


def run_convert(sources: list[Path], options: Options, *, as_json: bool) -> int:
    """The command: progress bar for batches, then a summary table (or JSON lines). Returns the exit status."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    out = Console(soft_wrap=True, highlight=False)
    err = Console(stderr=True, soft_wrap=True, highlight=False)
    found = collect(sources)
    try:
        check_options(options, len([1 for _, reason in found if reason is None]))
    except ConvertError as error:
        err.print(_("newsroom convert: {error}").format(error=error), markup=False)
        return 2
    if not found:
        err.print(_("newsroom convert: no files found in the given folders; nothing to do"), markup=False)
        return 1
    batch = len(found) > 1 or any(source.is_dir() for source in sources)
    outcomes: list[Outcome] = []
    if batch and not as_json:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task(_("converting"), total=len(found))
            outcomes = convert_all(found, options, lambda _: progress.advance(task))
    else:
        outcomes = convert_all(found, options)
    if as_json:
        for outcome in outcomes:
            out.out(outcome.to_json(), highlight=False)
    else:
        for outcome in outcomes:
            if outcome.error and outcome.status == "failed":
                err.print(_("error: {error}").format(error=outcome.error), markup=False)
            for text in outcome.unplaced:
                note = _("note: {source}: left out of the page: {text}")
                err.print(note.format(source=outcome.source, text=text), markup=False)
            for hit in outcome.privacy:
                warning = _(
                    "warning: {page}:{line}: publishes {what}, kept as the release says; "
                    "remove it before publishing unless the person agreed"
                )
                what = privacy.describe(str(hit["kind"]), str(hit["number"]))
                err.print(warning.format(page=hit["page"], line=hit["line"], what=what), markup=False)
            for text in outcome.dropped:
                note = _("note: {source}: left out as republication noise: {text}")
                err.print(note.format(source=outcome.source, text=text), markup=False)
            if options.dry_run:
                for planned in outcome.planned:
                    verb = _(DRY_RUN_VERBS[planned.status])
                    out.print(f"[bold]{verb}[/bold] {shown_path(planned.path)}")
                    shown = dry_run_text(planned)
                    if shown:
                        out.out(shown, highlight=False)
        table = Table(
            title=_("newsroom convert (dry run: nothing written)") if options.dry_run else _("newsroom convert")
        )
        for column in (_("source"), _("status"), _("pages / reason")):
            table.add_column(column, overflow="fold")
        for outcome in outcomes:
            detail = outcome.error or "\n".join(p for p in outcome.pages.values() if p)
            style = {"failed": "red", "skipped": "yellow", "converted": "green"}.get(outcome.status, "")
            status = _(STATUS_WORDS[outcome.status])
            table.add_row(outcome.source, f"[{style}]{status}[/{style}]" if style else status, detail)
        out.print(table)
        counts = {s: sum(1 for o in outcomes if o.status == s) for s in STATUS_WORDS}
        totals = _("{converted} converted, {unchanged} unchanged, {skipped} skipped, {failed} failed")
        out.print(totals.format(**counts), markup=False)
    return 1 if any(outcome.status == "failed" for outcome in outcomes) else 0

"""``newsroom convert``: release files in, paired ko/en pages out. Orchestration only.

read (bytes → blocks) → parse (blocks → ParsedRelease) → model (ReleaseMeta) → write (pages).
One bad file never stops a batch; each source ends with one :class:`Outcome`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from newsroom import isolate, pages, privacy
from newsroom.messages import N_, _
from newsroom.model import TOPICS, DateSource, Lang, ReleaseMeta, Source, Translation, is_slug
from newsroom.parse import ParsedLanguage, ParsedRelease, parse_release
from newsroom.parse.elements import Element, Figure
from newsroom.paths import shown_path
from newsroom.read import SUPPORTED, ReadError, read, supported
from newsroom.write import (
    Planned,
    WriteError,
    encode_image,
    front_matter,
    page_path,
    plan,
    render_body,
    write_atomic,
    write_bytes_atomic,
)

Status = Literal["converted", "unchanged", "skipped", "failed"]
EMPTY_BODY: dict[Lang, str] = {
    "ko": N_("has a Korean headline but no text under it; check that the whole release was copied into the file"),
    "en": N_("has an English headline but no text under it; check that the whole English part was copied"),
}
SLUG_MAX = 60
SUMMARY_MAX = 300


class ConvertError(ValueError):
    """A release that cannot be converted as given; the message says which option to pass."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Setting:
    """How a person gives one option as text (a command-line flag, a line of a pull request's description).

    Kept beside the option so its name, default, meaning, example and reading live in one place; the
    command line is generated from these (``newsroom.cli.with_convert_options``).
    """

    flag: str
    help: str
    example: str
    read: Callable[[str], Any] | None = None  # text -> value, ValueError saying what is expected; None: a switch
    metavar: str = "TEXT"  # what the help shows after the flag


def read_date(text: str) -> dt.date:
    """A date the person converting typed (an option, a line of a pull request's description)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        # repr: the value is quoted as typed, a line break or control character shown, not acted on
        raise ValueError(_("{value} is not YYYY-MM-DD, e.g. 2025-02-03").format(value=repr(text))) from None


def _read_topics(text: str) -> tuple[str, ...]:
    return tuple(topic.strip() for topic in text.split(",") if topic.strip())


def _read_translation(text: str) -> Translation:
    if text.strip() not in (Translation.MACHINE, Translation.FULL):
        raise ValueError(_("{value} is neither 'machine' nor 'full'").format(value=repr(text)))
    return Translation(text.strip())


def _read_text(text: str) -> str:
    return text


def _setting(
    flag: str, help: str, example: str, read: Callable[[str], Any] | None = None, metavar: str = "TEXT"
) -> dict[str, Setting]:
    return {"setting": Setting(flag, help, example, read, metavar)}


@dataclass(frozen=True)
class Options:
    """What the person converting may add to or decide about a release; the one declaration of each option."""

    date: dt.date | None = field(
        default=None,
        metadata=_setting(
            "--date",
            "Release date YYYY-MM-DD, when the header has none; relative dates such as '3일' resolve against it.",
            "2025-02-03",
            read_date,
            "YYYY-MM-DD",
        ),
    )
    title_ko: str | None = field(
        default=None,
        metadata=_setting(
            "--title-ko",
            "Korean headline, for a release sent without one (required then).",
            "'박상돈 천안시장, AI·클라우드 기술 천안 접목 방안 모색'",
            _read_text,
        ),
    )
    title_en: str | None = field(
        default=None,
        metadata=_setting("--title-en", "English headline, when the English part has none.", "'Mayor …'", _read_text),
    )
    slug: str | None = field(
        default=None,
        metadata=_setting(
            "--slug",
            "ASCII page name for both languages (default: from the English headline, else the Korean one "
            "in Revised Romanization).",
            "mayor-visits-cloud-firms",
            _read_text,
            "SLUG",
        ),
    )
    topics: tuple[str, ...] = field(
        default=(),
        metadata=_setting(
            "--topics",
            f"Comma-separated topic ids, from: {', '.join(TOPICS)}.",
            "smart-city,ai,cloud",
            _read_topics,
            "TOPIC,…",
        ),
    )
    docs_dir: Path = field(
        default=Path("docs"),
        metadata=_setting(
            "--docs-dir",
            "Folder holding ko/ and en/; pages go to <lang>/news/YYYY/<slug>.md inside it, never elsewhere.",
            "/tmp/try-docs",
            Path,
            "FOLDER",
        ),
    )
    dry_run: bool = field(
        default=False,
        metadata=_setting("--dry-run", "Write nothing; show each page (new) or a diff (changed).", ""),
    )
    force: bool = field(
        default=False,
        metadata=_setting(
            "--force", "Overwrite pages edited by hand since conversion (detected from body_sha256).", ""
        ),
    )
    en_translation: Translation = field(
        default=Translation.MACHINE,
        metadata=_setting(
            "--en-translation",
            "How the English part of a bilingual release was made: 'machine' or 'full' (human).",
            "full",
            _read_translation,
            "machine|full",
        ),
    )


def option_settings() -> dict[str, Setting]:
    """Each option's name and how it is given as text, in declaration order."""
    return {option.name: option.metadata["setting"] for option in fields(Options)}


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


def slugify(title: str) -> str:
    """ASCII words of a headline, joined by hyphens, cut at a word boundary."""
    # Punctuation outside ASCII (·, 「」, …) separates words too; accents only fall away.
    spaced = re.sub(r"[^\w]", " ", title)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug


def plain(text: str) -> str:
    """Front-matter text for templates that print it unescaped (MkDocs' Jinja does not autoescape).

    Angle brackets become their full-width forms, so no tag can ever form; the reader sees the same text.
    """
    return text.replace("<", "\uff1c").replace(">", "\uff1e")


def summary_of(text: str) -> str:
    """The first sentences of the lead paragraph, up to ``SUMMARY_MAX`` characters."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_MAX:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    out = ""
    for sentence in sentences:
        if len(out) + len(sentence) + 1 > SUMMARY_MAX:
            break
        out = f"{out} {sentence}".strip()
    return out or text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


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


def _slug(parsed: ParsedRelease, digest: str, options: Options) -> str:
    if options.slug:
        return options.slug
    if parsed.en and parsed.en.title:
        slug = slugify(parsed.en.title)
        if is_slug(slug):
            return slug
    # A Korean-only release: its headline in Revised Romanization. Never the file name: press offices
    # name files by department and day ("보도자료 0521.txt"), which would give unrelated releases one page.
    if parsed.ko and parsed.ko.title:
        slug = slugify(romanise(parsed.ko.title))
        if is_slug(slug):
            return slug
    return f"release-{digest[:8]}"


def romanise(text: str) -> str:
    """Hangul in Revised Romanization (korean-romanizer); other characters are kept as they are."""
    from korean_romanizer.romanizer import Romanizer

    # Only complete syllables and ASCII letters and digits can end up in a slug; the romanizer fails on
    # lone jamo, so everything else is a word break before it sees the text.
    words = re.sub(r"[^\uac00-\ud7a3A-Za-z0-9]+", " ", text).split()
    return " ".join(_romanise_word(Romanizer, word) for word in words)


def _romanise_word(romanizer: Any, word: str) -> str:
    try:
        return str(romanizer(word).romanize())
    except (KeyError, IndexError, ValueError):
        # korean-romanizer 0.28 lacks some final-consonant clusters (ㄶ before certain syllables): syllable by
        # syllable then, leaving out the ones it cannot spell.
        out = []
        for syllable in word:
            try:
                out.append(str(romanizer(syllable).romanize()))
            except (KeyError, IndexError, ValueError):
                continue
        return "".join(out)


def _meta(
    part: ParsedLanguage,
    parsed: ParsedRelease,
    *,
    date: dt.date,
    slug: str,
    languages: list[Lang],
    translation: Translation,
    source: Source,
    options: Options,
    translated_from: str | None,
) -> ReleaseMeta:
    assert part.title is not None
    return ReleaseMeta(
        title=plain(part.title),
        subtitle=[plain(line) for line in part.subtitles],
        date=date,
        distributed_at=parsed.distributed_at,
        embargo_until=parsed.embargo_until,
        department=plain(parsed.department) if parsed.department else None,
        contacts=parsed.contacts,
        topics=list(options.topics),
        summary=plain(summary_of(part.summary)),
        lang=part.lang,
        slug=slug,
        translation_key=f"{date.isoformat()}-{slug}",
        translation=translation,
        kind=parsed.kind,
        date_source=None if parsed.date_source in (None, "given", "header") else DateSource(parsed.date_source),
        languages=languages,
        source=source,
        translated_from_sha256=translated_from,
    )


def build_pages(path: Path, data: bytes, parsed: ParsedRelease, options: Options) -> list[tuple[ReleaseMeta, str]]:
    """Front matter and body of each language version, Korean first."""
    if parsed.ko is None and parsed.en is None:
        raise ConvertError(_("has no release text after removing the header; check the file"))
    if parsed.ko is not None and not parsed.ko.title:
        looked_at = "; ".join(f"'{line}'" for line in parsed.ko.candidates)
        raise ConvertError(
            _(
                "has no Korean headline (none of the lines after the header reads as one{looked_at}); "
                "pass the headline with --title-ko '…'"
            ).format(looked_at=f": {looked_at}" if looked_at else "")
        )
    if parsed.ko is None and parsed.en is not None and not parsed.en.title:
        raise ConvertError(_("has no English headline; pass it with --title-en '…'"))
    if parsed.ko is not None and parsed.en is not None and not parsed.en.title:
        raise ConvertError(_("has an English part without a headline; pass it with --title-en '…'"))
    if parsed.date is None:
        raise ConvertError(_("has no release date in its header (배포 / 보도시점); pass it with --date YYYY-MM-DD"))
    digest = hashlib.sha256(data).hexdigest()
    source = Source(file=path.name, sha256=digest)
    slug = _slug(parsed, digest, options)
    languages: list[Lang] = [part.lang for part in (parsed.ko, parsed.en) if part is not None]
    out: list[tuple[ReleaseMeta, str]] = []
    original_hash: str | None = None
    for part in (parsed.ko, parsed.en):
        if part is None:
            continue
        _place_figures(part, slug)
        body = render_body(part.body)
        if not body.strip():  # a headline alone: the rest was not copied, or the file holds only its cover
            raise ConvertError(_(EMPTY_BODY[part.lang]))
        original = part.lang == languages[0]
        meta = _meta(
            part,
            parsed,
            date=parsed.date,
            slug=slug,
            languages=languages,
            translation=Translation.ORIGINAL if original else options.en_translation,
            source=source,
            options=options,
            translated_from=None if original else original_hash,
        )
        if original:
            original_hash = pages.body_hash(body)
        out.append((meta, body))
    return out


def _place_figures(part: ParsedLanguage, slug: str) -> None:
    """Give each figure its file beside the page (``<slug>/01.jpg``), re-encoded; an undecodable one is listed."""
    part.images.clear()
    body: list[Element] = []
    for element in part.body:
        if not isinstance(element, Figure):
            body.append(element)
            continue
        try:
            data, suffix = encode_image(element.picture.data)
        except WriteError as error:
            part.unplaced.append(f"image {element.picture.name}: {error}")
            continue
        name = f"{len(part.images) + 1:02d}{suffix}"
        part.images.append((name, data))
        body.append(replace(element, file=f"{slug}/{name}"))
    part.body = body


def prepare(path: Path, options: Options, skip_reason: str | None = None) -> Outcome:
    """Read, parse and plan one source; writes nothing. Its outcome says what :func:`commit` would write."""
    outcome = Outcome(source=shown_path(path), status="failed")
    if skip_reason:
        outcome.status, outcome.error = "skipped", skip_reason
        return outcome
    try:
        if not path.is_file():
            raise ReadError(_("does not exist or is not a file; check the path"))
        document = read(path)
        parsed = parse_release(document.blocks, date=options.date, title_ko=options.title_ko, title_en=options.title_en)
        outcome.unplaced = parsed.unplaced
        outcome.dropped = [text for part in (parsed.ko, parsed.en) if part for text in part.dropped]
        built = build_pages(path, path.read_bytes(), parsed, options)
        planned: list[Planned] = []
        for meta, body in built:
            target = page_path(options.docs_dir, meta)
            data = front_matter(meta, body)
            text = pages.join(data, body)
            planned.append(plan(target, text, force=options.force))
            outcome.privacy += [
                {"page": shown_path(target), "line": hit.line, "kind": hit.kind, "number": hit.masked}
                for hit in privacy.find(text)
            ]
            outcome.pages[meta.lang] = shown_path(target)
            outcome.meta[meta.lang] = data
        outcome.images = [
            (target.with_suffix("") / name, data)
            for part, target in _image_targets(parsed, options.docs_dir, built)
            for name, data in part.images
        ]
        outcome.planned = planned
        outcome.status = "unchanged" if all(p.status == "unchanged" for p in planned) else "converted"
    except (ReadError, ConvertError) as error:
        where = f"{path}:{error.line}" if error.line else str(path)
        outcome.error = f"{where}: {error}"
    except WriteError as error:
        outcome.error = f"{path}: {error}"
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        outcome.error = f"{path}: " + _("the release does not fit the page schema ({problems})").format(
            problems=problems
        )
    except OSError as error:
        problem = _("cannot be read ({error}); check that it exists and is readable")
        outcome.error = f"{path}: " + problem.format(error=error.strerror or error)
    return outcome


def _image_targets(
    parsed: ParsedRelease, docs_dir: Path, built: list[tuple[ReleaseMeta, str]]
) -> list[tuple[ParsedLanguage, Path]]:
    """Each language version with its page's path: its images go in the folder named after the page."""
    parts = {part.lang: part for part in (parsed.ko, parsed.en) if part is not None}
    return [(parts[meta.lang], page_path(docs_dir, meta)) for meta, _ in built if meta.lang in parts]


def commit(outcome: Outcome, options: Options) -> Outcome:
    """Write the pages an outcome planned. Every page was checked before any is written."""
    if outcome.status != "converted" or options.dry_run:
        return outcome
    try:
        for image_path, data in outcome.images:
            # Images first, so that a page never points at a file not yet there.
            if not image_path.is_file() or image_path.read_bytes() != data:
                write_bytes_atomic(image_path, data)
        for page in outcome.planned:
            if page.status != "unchanged":
                write_atomic(page.path, page.text)
    except OSError as error:
        outcome.status = "failed"
        problem = _("a page could not be written ({error}); check docs/").format(error=error.strerror or error)
        outcome.error = f"{outcome.source}: {problem}"
    return outcome


def convert_file(path: Path, options: Options, skip_reason: str | None = None) -> Outcome:
    """Convert one source in this process (for one trusted call, e.g. a preview)."""
    return commit(prepare(path, options, skip_reason), options)


def convert_isolated(path: Path, options: Options, limits: isolate.Limits | None = None) -> Outcome:
    """Convert one source with its reading in a worker process (memory and time limits); written here.

    A crash, blow-up or hang while reading ends in a ``failed`` outcome with the reason; pages already
    written by other sources are never touched, since only this process writes.
    """
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
    isolated = isolate.enabled()
    for path, reason in found:
        if reason is None and isolated:
            outcome = convert_isolated(path, options)
        else:
            outcome = convert_file(path, options, reason)
        outcomes.append(outcome)
        if on_progress:
            on_progress(outcome)
    return outcomes


def preview(planned: Planned) -> str:
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
                    shown = preview(planned)
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

"""``newsroom inbox``: a release uploaded to ``inbox/`` in a pull request becomes pages on the same branch.

A press officer uploads a release file through GitHub's web page ("Upload files", then "Create a new
branch and start a pull request"). The inbox workflow (.github/workflows/inbox.yml) runs this command
on that branch. For every file in ``inbox/`` it runs the converter's one entry (``convert_source``: read in a
worker process under memory and time limits, since anyone with write access can upload); when the converter asks for the
release date or the Korean headline, it takes them from the pull request's description lines
``date: YYYY-MM-DD`` and ``title-ko: …``. Converted files leave ``inbox/`` and their pages are
committed in one commit; files that need attention stay, with the reason in the summary table that
the workflow posts as a pull-request comment. Then ``newsroom check`` runs on the result.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsroom.check import check_docs, has_errors
from newsroom.compose.options import Options, read_date
from newsroom.converter.convert import Outcome, collect, convert_source
from newsroom.messages import _

DATE_LINE = re.compile(r"^\s*date\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE | re.MULTILINE)
TITLE_KO_LINE = re.compile(r"^\s*title-ko\s*:\s*(?P<value>.*?)\s*$", re.IGNORECASE | re.MULTILINE)
# The converter's refusals name the option a person would pass on the command line.
ASKS_FOR_DATE = "--date"
ASKS_FOR_TITLE_KO = "--title-ko"
TITLE_MAX = 300  # a headline, not a paragraph: the description is untrusted text
CHECK_LINES_SHOWN = 20


class InboxError(RuntimeError):
    """The inbox cannot be processed at all (not a git work tree, git failed)."""


@dataclass(frozen=True)
class Description:
    """What the pull request's description says for the converter."""

    date: dt.date | None = None
    title_ko: str | None = None
    problems: tuple[str, ...] = ()


@dataclass
class Row:
    source: str
    converted: bool
    detail: str  # the pages written, or why the file needs attention


@dataclass
class InboxReport:
    rows: list[Row] = field(default_factory=list)
    check_errors: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return all(row.converted for row in self.rows) and not self.check_errors


def read_description(text: str) -> Description:
    """The ``date:`` and ``title-ko:`` lines of a pull request's description (the first of each)."""
    problems: list[str] = []
    date: dt.date | None = None
    title: str | None = None
    if match := DATE_LINE.search(text):
        try:
            date = read_date(match["value"])
        except ValueError as error:
            problems.append(_("the description's 'date:' line: {error}").format(error=error))
    if match := TITLE_KO_LINE.search(text):
        value = match["value"]
        if not value or len(value) > TITLE_MAX:
            problems.append(_("the description's 'title-ko:' line must hold the headline (up to 300 characters)"))
        else:
            title = value
    return Description(date, title, tuple(problems))


def _asks(outcome: Outcome, option: str) -> bool:
    return outcome.status == "failed" and option in (outcome.error or "")


def convert_one(path: Path, docs: Path, description: Description, may_use_title: bool) -> tuple[Outcome, str | None]:
    """Convert one file, giving the description's date or headline only when the converter asks for them.

    Returns the outcome and, when the file needs attention, what the press officer can do about it.
    """
    options = Options(docs_dir=docs)
    outcome = convert_source(path, options)
    for _attempt in range(2):  # the date and the headline may each be asked for, one after the other
        wants_date = _asks(outcome, ASKS_FOR_DATE) and options.date is None
        wants_title = _asks(outcome, ASKS_FOR_TITLE_KO) and options.title_ko is None
        if wants_date and description.date is not None:
            options = replace(options, date=description.date)
        elif wants_title and description.title_ko is not None and may_use_title:
            options = replace(options, title_ko=description.title_ko)
        else:
            break
        outcome = convert_source(path, options)
    if outcome.status in ("converted", "unchanged"):
        return outcome, None
    if _asks(outcome, ASKS_FOR_DATE):
        return outcome, _("no release date found: add a line 'date: YYYY-MM-DD' to the pull request's description")
    if _asks(outcome, ASKS_FOR_TITLE_KO):
        if description.title_ko is not None and not may_use_title:
            return outcome, _(
                "no Korean headline found, and 'title-ko:' can name only one release: upload this file "
                "in a pull request of its own"
            )
        return outcome, _("no Korean headline found: add a line 'title-ko: …' to the pull request's description")
    if outcome.status == "skipped":
        return outcome, _("not a release file the converter reads (.txt .md .hwpx .hwp .docx)")
    return outcome, None


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise InboxError(f"git {' '.join(args)}: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def process_inbox(repo: Path, inbox: Path, docs: Path, description: Description, commit: bool = True) -> InboxReport:
    """Convert ``inbox`` into ``docs`` (both inside the git work tree ``repo``), commit, then check."""
    report = InboxReport()
    found = collect([inbox]) if inbox.is_dir() else []
    asking_title = 0
    outcomes: list[tuple[Path, Outcome, str | None]] = []
    for path, skip_reason in found:
        if skip_reason:
            outcome = convert_source(path, Options(docs_dir=docs), skip_reason)
            outcomes.append((path, outcome, _("not a release file the converter reads (.txt .md .hwpx .hwp .docx)")))
            continue
        # A first, option-free pass tells how many releases ask for a headline: one title-ko line fits one.
        outcome, hint = convert_one(path, docs, Description(date=description.date), may_use_title=False)
        asking_title += _asks(outcome, ASKS_FOR_TITLE_KO)
        outcomes.append((path, outcome, hint))
    if description.title_ko is not None and asking_title:
        # Second pass for the releases without a headline; one 'title-ko:' line can only be one release's.
        outcomes = [
            (path, *convert_one(path, docs, description, may_use_title=asking_title == 1))
            if _asks(outcome, ASKS_FOR_TITLE_KO)
            else (path, outcome, hint)
            for path, outcome, hint in outcomes
        ]
    done: list[Path] = []
    written: list[Path] = []
    for path, outcome, hint in outcomes:
        shown = path.relative_to(repo).as_posix() if path.is_relative_to(repo) else str(path)
        if outcome.status in ("converted", "unchanged"):
            pages = [planned.path for planned in outcome.planned]
            written += pages
            done.append(path)
            names = ", ".join(p.relative_to(repo).as_posix() if p.is_relative_to(repo) else str(p) for p in pages)
            report.rows.append(Row(shown, True, names))
        else:
            # The row names the file already: the converter's own "path:" prefix (a runner's path) is left out.
            error = (outcome.error or "").removeprefix(f"{path}:").strip()
            reason = hint or error or outcome.status
            if hint and error and outcome.status == "failed":
                reason = f"{hint} ({error})"
            report.rows.append(Row(shown, False, reason))
    for problem in description.problems:
        report.rows.append(Row(_("pull request description"), False, problem))
    if commit and done:
        _git(repo, "add", "--", *(str(p) for p in written))
        _git(repo, "rm", "-q", "--", *(str(p) for p in done))
        message = _("inbox: {count} release(s) converted into pages").format(count=len(done))
        _git(repo, "commit", "-q", "-m", message)
        report.committed = True
    findings = check_docs(docs) if (docs / "ko").is_dir() else []
    if has_errors(findings):
        report.check_errors = [f.as_text() for f in findings if f.severity == "error"]
    return report


def _cell(text: str) -> str:
    """Text for one Markdown table cell: no line breaks, no column separators."""
    return " ".join(text.split()).replace("|", "\\|")


def summary_markdown(report: InboxReport) -> str:
    """The pull-request comment: one row per file, then what `newsroom check` says."""
    # No _() inside f-strings: the catalogue's extractor does not see into them.
    heading, file_header, result_header, detail = _("Release inbox"), _("File"), _("Result"), _("Pages or reason")
    lines = [f"### {heading}", ""]
    if not report.rows:
        lines.append(_("The inbox/ folder holds no file."))
    else:
        lines += [f"| {file_header} | {result_header} | {detail} |", "|---|---|---|"]
        for row in report.rows:
            result = _("converted") if row.converted else _("needs attention")
            lines.append(f"| {_cell(row.source)} | {result} | {_cell(row.detail)} |")
    lines.append("")
    if report.committed:
        lines.append(_("The pages are committed on this branch and the converted files removed from inbox/."))
    if report.check_errors:
        lines.append(_("`newsroom check` found {count} error(s):").format(count=len(report.check_errors)))
        lines.append("")
        lines += ["```", *report.check_errors[:CHECK_LINES_SHOWN], "```"]
    else:
        lines.append(_("`newsroom check` found no error."))
    return "\n".join(lines) + "\n"


def push(repo: Path) -> None:
    """Push the branch the work tree is on to its remote branch of the same name."""
    branch = _git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    if branch == "HEAD":
        raise InboxError("the work tree is not on a branch (detached HEAD): check out the pull request's branch")
    _git(repo, "push", "-q", "origin", f"HEAD:refs/heads/{branch}")

"""What a check reports, and the two ways of printing it (terminal and GitHub annotations)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from newsroom.messages import N_, _


class Severity(StrEnum):
    ERROR = "error"  # blocks the merge
    WARNING = "warning"  # worth fixing, does not block
    INFO = "info"  # for the press office's attention only


# The word a terminal line shows (Korean under a Korean locale); GitHub's commands below keep their own names.
_SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}
# GitHub's workflow commands know error, warning and notice.
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: Severity
    message: str  # says what is wrong and what to do about it

    def as_text(self) -> str:
        # One finding, one line: text quoted from a page (a key holding a line break) is shown escaped.
        one_line = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.path}:{self.line}: {_(_SEVERITY_WORDS[self.severity])}: {one_line}"

    def as_github(self) -> str:
        command = _GITHUB_COMMAND[self.severity]
        return (
            f"::{command} file={_escape_property(self.path)},line={self.line},title=newsroom check::"
            f"{_escape_data(self.message)}"
        )


def _escape_data(value: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)

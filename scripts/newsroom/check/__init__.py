"""``newsroom check``: everything a press officer can get wrong in docs/, found before merge.

Plain Python over the docs tree (no MkDocs): it reads pages, validates their front matter against
newsroom.model.release, and reports findings. It never rewrites a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding, Severity, has_errors
from newsroom.check.history import BaseRefError, history_findings
from newsroom.check.leaks import public_leaks
from newsroom.check.rules import ALL

__all__ = ["BaseRefError", "Finding", "Severity", "check_docs", "has_errors"]


def check_docs(
    docs_dir: Path, paths: Sequence[Path] = (), now: dt.datetime | None = None, base: str | None = None
) -> list[Finding]:
    """Check the whole docs tree (pairs need both languages); report only on ``paths`` if given.

    With ``base`` (a git ref, e.g. the pull request's target branch), also report published releases of the
    base that this tree deletes, moves without a redirect or changes without a change note
    (raises ``BaseRefError`` when the base cannot be read). In GitHub Actions on a public repository, also
    a release under embargo that this change adds or edits (newsroom.check.leaks).
    """
    moment = now or dt.datetime.now(dt.UTC)
    corpus = Corpus.read(docs_dir, moment)
    found = {finding for rule in ALL for finding in rule(corpus, moment)}
    if base is not None:
        found.update(history_findings(corpus, base, moment))
    found.update(public_leaks(docs_dir, moment, base, corpus=corpus))
    findings = sorted(found)
    if not paths:
        return findings
    wanted = [path.resolve() for path in paths]
    return [finding for finding in findings if _within(Path(finding.path).resolve(), wanted)]


def _within(path: Path, wanted: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in wanted)

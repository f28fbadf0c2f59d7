"""An embargo that cannot leak: on a public repository, a release under embargo must not be pushed at all.

The site leaves an embargoed release out until its ``embargo_until``, but the Markdown itself is readable
by anyone the moment it reaches a public repository (the pull request, its branch, ``main``): that is
publication before 보도시점. In GitHub Actions the event payload (``GITHUB_EVENT_PATH``) says whether the
repository is private; on a public one, every release this change adds or edits that is still under
embargo is an error. Outside GitHub Actions nothing is known about visibility and nothing is reported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding, Severity
from newsroom.messages import _
from newsroom.model.release import KST

EVENT_PATH_ENV = "GITHUB_EVENT_PATH"
# A webhook payload is at most 25 MB (GitHub's limit); a bigger file is not an event payload.
MAX_EVENT_BYTES = 25 * 1024 * 1024
NO_COMMIT = "0" * 40  # `before` of a push that created its branch


def event_payload(environ: Mapping[str, str] = os.environ) -> dict[str, object] | None:
    """The GitHub Actions event that started this run, or None outside GitHub Actions or when unreadable."""
    raw = environ.get(EVENT_PATH_ENV, "")
    if not raw:
        return None
    path = Path(raw)
    try:
        if path.stat().st_size > MAX_EVENT_BYTES:
            return None
        payload = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def repository_is_public(payload: Mapping[str, object] | None) -> bool:
    """True only when the event says so (``repository.private`` is false): unknown visibility is not public."""
    repository = payload.get("repository") if payload else None
    return isinstance(repository, dict) and repository.get("private") is False


def pushed_from(payload: Mapping[str, object] | None) -> str | None:
    """The commit a push started from (its ``before``), when the event is a push onto an existing branch."""
    before = payload.get("before") if payload else None
    return before if isinstance(before, str) and before and before != NO_COMMIT else None


def changed_files(docs_dir: Path, base: str) -> set[Path] | None:
    """Files below ``docs_dir`` that differ from ``base`` (added or edited), or None when git cannot tell."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=docs_dir, capture_output=True, text=True, check=True
        ).stdout.strip()
        listed = subprocess.run(
            ["git", "diff", "--name-only", "--no-renames", "-z", "--diff-filter=AM", base, "--", "."],
            cwd=docs_dir,
            capture_output=True,
            check=True,
        ).stdout
        untracked = subprocess.run(
            ["git", "ls-files", "--others", "--exclude-standard", "-z", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    names = [name for name in listed.decode("utf-8").split("\0") if name]
    found = {(Path(top) / name).resolve() for name in names}
    found |= {(docs_dir / name).resolve() for name in untracked.decode("utf-8").split("\0") if name}
    return found


def leak_message(until: dt.datetime) -> str:
    return _(
        "under embargo until {until}, and this repository is public: its text can be read by anyone the moment "
        "it is pushed (the pull request, its branch, main), which is publication before 보도시점. "
        "Either merge it at 보도시점 (keep the file out of this repository until then), "
        "or keep the source repository private (the site can still be published from it)"
    ).format(until=until.astimezone(KST).strftime("%Y-%m-%d %H:%M KST"))


def embargo_leaks(corpus: Corpus, now: dt.datetime, changed: Iterable[Path] | None = None) -> list[Finding]:
    """Releases under embargo that this change puts in a public repository (all of them when ``changed`` is None)."""
    wanted = None if changed is None else {path.resolve() for path in changed}
    findings: list[Finding] = []
    for document in corpus.documents:
        meta = corpus.release_meta.get(document.path)
        if meta is None or meta.embargo_until is None or not meta.is_embargoed(now):
            continue
        if wanted is not None and document.path.resolve() not in wanted:
            continue
        findings.append(document.finding_at("embargo_until", Severity.ERROR, leak_message(meta.embargo_until)))
    return findings


def public_leaks(
    docs_dir: Path,
    now: dt.datetime,
    base: str | None,
    environ: Mapping[str, str] = os.environ,
    corpus: Corpus | None = None,
) -> list[Finding]:
    """The leak guard as the check and the inbox run it: nothing unless GitHub says the repository is public.

    What counts as this change: the files that differ from ``base`` (a pull request's target branch), else
    from the commit a push started from; with neither, every embargoed release in the tree. ``corpus``: the
    tree as the check already read it (read here when not given).
    """
    payload = event_payload(environ)
    if not repository_is_public(payload):
        return []
    since = base or pushed_from(payload)
    changed = changed_files(docs_dir, since) if since else None
    return embargo_leaks(corpus or Corpus.read(docs_dir, now), now, changed)

"""``newsroom check --base REF``: nothing published disappears between the base branch and this tree.

A pull request may add, correct or withdraw releases. It may not delete a published release, move one
without leaving a redirect at its old address, or change a published release's date, slug or
translation_key without a change note. Releases still under embargo may go: nobody has seen them.
The base is read straight from git (``git ls-tree``, ``git cat-file --batch``); nothing is checked out.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsroom.check.corpus import Corpus
from newsroom.check.documents import CheckedPage, shown_path
from newsroom.check.findings import Finding, Severity
from newsroom.messages import _
from newsroom.model.corpus import read_page
from newsroom.model.release import LANGUAGES, ReleaseMeta
from newsroom.site.catalogue import is_release_source

# Fields whose change alters what a published release says about itself (its day, its address, its identity).
RECORD_FIELDS: tuple[str, ...] = ("date", "slug", "translation_key")


class BaseRefError(ValueError):
    """The base cannot be read: not a git repository, or a ref git does not know."""


@dataclass(frozen=True)
class BaseRelease:
    source: str  # below the docs folder, e.g. 'ko/news/2025/<slug>.md'
    meta: ReleaseMeta


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise BaseRefError(_("git is not installed; --base needs it")) from error
    if result.returncode != 0:
        raise BaseRefError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def base_releases(docs_dir: Path, base: str) -> list[BaseRelease]:
    """The releases in ``docs_dir`` as they were at ``base`` (unreadable ones were never published: skipped)."""
    docs = docs_dir.resolve()
    try:
        top = Path(_git(docs, "rev-parse", "--show-toplevel").decode().strip())
    except BaseRefError as error:
        problem = _("{docs} is not inside a git repository, so there is no base to compare with")
        raise BaseRefError(problem.format(docs=docs_dir)) from error
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except BaseRefError as error:
        problem = _("--base '{base}' is not a commit in this repository; fetch it first, e.g. 'git fetch origin main'")
        raise BaseRefError(problem.format(base=base)) from error
    prefix = docs.relative_to(top).as_posix()
    prefix = "" if prefix == "." else f"{prefix}/"
    listed = _git(
        top, "ls-tree", "-r", "-z", "--name-only", base, "--", *(f"{prefix}{lang}/news" for lang in LANGUAGES)
    )
    paths = [p for p in listed.decode("utf-8").split("\0") if p and is_release_source(p.removeprefix(prefix))]
    if not paths:
        return []
    batch = _git(top, "cat-file", "--batch", stdin="".join(f"{base}:{p}\n" for p in paths).encode("utf-8"))
    found: list[BaseRelease] = []
    offset = 0
    for path in paths:
        header_end = batch.index(b"\n", offset)
        header = batch[offset:header_end].split()
        if len(header) != 3:  # '<name> missing': git printed no content for it
            offset = header_end + 1
            continue
        size = int(header[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        # Read by the same page reader as the tree being checked; a release unreadable there was never published.
        meta = read_page(path.removeprefix(prefix), body).release
        if meta is not None:
            found.append(BaseRelease(path.removeprefix(prefix), meta))
    return found


def history_findings(corpus: Corpus, base: str, now: dt.datetime) -> list[Finding]:
    """Published releases at ``base`` that this tree deletes, moves without a redirect or changes silently."""
    by_source: dict[str, tuple[CheckedPage, ReleaseMeta]] = {}
    by_key: dict[tuple[str, str], tuple[CheckedPage, ReleaseMeta]] = {}
    by_old_address: dict[tuple[str, str], tuple[CheckedPage, ReleaseMeta]] = {}
    for document in corpus.documents:
        meta = corpus.release_meta.get(document.path)
        if meta is None:
            continue
        entry = (document, meta)
        by_source[f"{document.lang}/{document.rel.as_posix()}"] = entry
        by_key.setdefault((meta.lang, meta.translation_key), entry)
        for old in meta.redirect_from:
            by_old_address.setdefault((meta.lang, old), entry)
    findings: list[Finding] = []
    for old in base_releases(corpus.docs_dir, base):
        meta = old.meta
        if meta.is_embargoed(now):
            continue  # never published: the press office may still drop it
        current = (
            by_source.get(old.source)
            or by_key.get((meta.lang, meta.translation_key))
            or by_old_address.get((meta.lang, meta.url_path))
        )
        if current is None:
            if corpus.source(old.source) is not None:
                continue  # still there, with front matter broken: reported by the front-matter rule
            findings.append(
                Finding(
                    shown_path(corpus.docs_dir / old.source),
                    1,
                    Severity.ERROR,
                    _(
                        "published release deleted (it is in {base}): a published release stays at its address. "
                        "To take it back, restore the file and withdraw it in both languages with "
                        "'withdrawn: {{at: <ISO 8601 +09:00>, explanation: <why>}}'; if it moved, list "
                        "'{address}' under 'redirect_from' in its new file"
                    ).format(base=base, address=meta.url_path),
                )
            )
            continue
        document, now_meta = current
        if now_meta.url_path != meta.url_path and meta.url_path not in now_meta.redirect_from:
            findings.append(
                document.finding_at(
                    "slug",
                    Severity.ERROR,
                    _(
                        "moved from {old} (address {address}, published in {base}) without a redirect: "
                        "add 'redirect_from: [{address}]' so that links to the old address keep working"
                    ).format(old=old.source, address=meta.url_path, base=base),
                )
            )
        changed = [name for name in RECORD_FIELDS if getattr(meta, name) != getattr(now_meta, name)]
        new_notes = set(now_meta.changes) - set(meta.changes)
        if changed and not new_notes:
            what = ", ".join(f"{name} ({getattr(meta, name)} → {getattr(now_meta, name)})" for name in changed)
            findings.append(
                document.finding_at(
                    changed[0],
                    Severity.ERROR,
                    _(
                        "{fields} changed since {base} without a change note: a published release is corrected in "
                        "the open; add to 'changes' an entry with 'at' (ISO 8601 +09:00) and a 'note' saying what "
                        "changed"
                    ).format(fields=what, base=base),
                )
            )
    return findings

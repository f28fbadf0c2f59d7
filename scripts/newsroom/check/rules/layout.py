"""Folder names static-i18n would misread, and releases still under embargo."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding, Severity
from newsroom.messages import _
from newsroom.model.release import KST, LANGUAGES
from newsroom.paths import shown_path

# mkdocs_static_i18n/config.py RE_LOCALE: a folder named like this is taken for a language and its pages
# go missing from the site without a warning (see the stack notes).
LOCALE_RE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")


def locale_like_folders(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    docs = corpus.docs_dir
    suspects = [folder for folder in docs.iterdir() if folder.is_dir() and folder.name not in LANGUAGES]
    for lang in LANGUAGES:
        if (docs / lang).is_dir():
            suspects += [folder for folder in (docs / lang).rglob("*") if folder.is_dir()]
    for folder in sorted(suspects):
        if LOCALE_RE.match(folder.name):
            yield Finding(
                _first_file(folder),
                1,
                Severity.ERROR,
                _(
                    "folder '{folder}' has a language-code name, so static-i18n may drop its pages silently; "
                    "rename it to a longer name (e.g. '{name}-pages')"
                ).format(folder=shown_path(folder), name=folder.name),
            )


def _first_file(folder: Path) -> str:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return shown_path(files[0] if files else folder)


def embargoed_releases(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for document in corpus.documents:
        meta = corpus.release_meta.get(document.path)
        if meta is not None and meta.embargo_held is not None:
            yield document.finding_at(
                "embargo_held",
                Severity.WARNING,
                _(
                    "held: its 보도시점 is a condition ('{condition}'), not a moment, so the site never publishes it; "
                    "when the moment is announced, set embargo_until to it and remove embargo_held"
                ).format(condition=meta.embargo_held),
            )
        elif meta is not None and meta.embargo_until is not None and meta.is_embargoed(now):
            until = meta.embargo_until.astimezone(KST).strftime("%Y-%m-%d %H:%M KST")
            yield document.finding_at(
                "embargo_until",
                Severity.INFO,
                _(
                    "under embargo until {until}: the site leaves it out (page, listings, feeds, search) "
                    "until a build after that time"
                ).format(until=until),
            )

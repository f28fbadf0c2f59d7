"""Every fault the page reader (newsroom.model.corpus) finds, as findings: the same words the build stops with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding, Severity
from newsroom.messages import N_, _
from newsroom.model.corpus import PageFault, key_clashes

_LANGUAGE_NAMES = {"ko": N_("Korean"), "en": N_("English")}


def unreadable_pages(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for page in corpus.unreadable:
        yield Finding(page.shown, page.line, Severity.ERROR, page.message)


def page_faults(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    """The front matter against the model, a release's place against its fields, one key per language."""
    shown = {document.reading.source: document.shown for document in corpus.documents}
    faults: list[PageFault] = [fault for document in corpus.documents for fault in document.reading.faults]
    faults += key_clashes(document.reading for document in corpus.documents)
    for fault in faults:
        yield Finding(shown[fault.source], fault.line, Severity.ERROR, fault.problem)


def language_name(lang: str) -> str:
    """The language's name in the reader's language (Korean -> 한국어 under a Korean locale)."""
    return _(_LANGUAGE_NAMES[lang]) if lang in _LANGUAGE_NAMES else lang

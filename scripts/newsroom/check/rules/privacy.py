"""Personal numbers in a release: a warning naming the line, the number masked (newsroom.model.privacy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding, Severity
from newsroom.messages import _
from newsroom.model import privacy


def personal_numbers(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for document in corpus.documents:
        if not document.is_release:
            continue
        hits = privacy.find(document.front, first_line=2) + privacy.find(document.body, document.body_line)
        for hit in hits:
            yield Finding(
                document.shown,
                hit.line,
                Severity.WARNING,
                _(
                    "publishes {what}; a release gives office numbers only: remove it or replace it "
                    "with the office's number, unless the person agreed to publish it"
                ).format(what=hit.describe()),
            )

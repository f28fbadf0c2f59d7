"""A release is a public record: withdrawn in every language at once, and old addresses lead to one release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding, Severity
from newsroom.check.rules.front_matter import language_name
from newsroom.messages import _
from newsroom.model.release import LANGUAGES
from newsroom.site.catalogue import ReleaseError


def withdrawn_together(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    """A release withdrawn in one language and not in the other would tell two stories: both or neither."""
    for document in corpus.documents:
        meta = corpus.release_meta.get(document.path)
        if meta is None or meta.withdrawn is not None:
            continue
        for lang in LANGUAGES:
            if lang == document.lang:
                continue
            twin = corpus.counterpart(document, lang)
            twin_meta = corpus.release_meta.get(twin.path) if twin is not None else None
            if twin is not None and twin_meta is not None and twin_meta.withdrawn is not None:
                at = twin_meta.withdrawn.at.isoformat()
                yield document.finding_at(
                    "title",
                    Severity.ERROR,
                    _(
                        "the {other_language} version {twin} is withdrawn but this one is not: withdraw both "
                        "versions together; add 'withdrawn: {{at: {at}, explanation: …}}' here, with the "
                        "explanation in {own_language}"
                    ).format(
                        other_language=language_name(lang),
                        twin=twin.shown,
                        at=at,
                        own_language=language_name(document.lang),
                    ),
                )


def redirect_clashes(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    """An old address (redirect_from) that is some release's own address, or listed by two releases."""
    try:
        corpus.catalogue.redirects  # noqa: B018 - computing them is the check
    except ReleaseError as error:
        document = corpus.source(error.source)
        if document is not None:
            yield document.finding_at("redirect_from", Severity.ERROR, str(error).removeprefix(f"{error.source}: "))

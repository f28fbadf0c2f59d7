"""Each page has its translation (or says it has none); translations are current and keep the structure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from newsroom.check.corpus import Corpus
from newsroom.check.documents import CheckedPage
from newsroom.check.findings import Finding, Severity
from newsroom.check.rules.front_matter import language_name
from newsroom.messages import N_, _
from newsroom.model import pages
from newsroom.model.release import DEFAULT_LANG, LANGUAGES, Translation


def translations_exist(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for document in corpus.documents:
        declared = corpus.declared_languages(document)
        if declared is None:
            continue  # its front matter is reported as invalid already
        for lang in LANGUAGES:
            if lang == document.lang:
                continue
            counterpart = corpus.counterpart(document, lang)
            name = language_name(lang)
            if counterpart is None and _invalid_twin(corpus, document, lang):
                continue  # the other version exists but its front matter is broken: reported on that file
            if lang in declared and counterpart is None:
                yield document.finding_at("languages", Severity.ERROR, _missing(document, lang, corpus))
            elif lang not in declared and counterpart is not None:
                yield document.finding_at(
                    "languages",
                    Severity.ERROR,
                    _(
                        "'languages: {declared}' says there is no {language} version, but {other} exists; "
                        "add '{lang}' to 'languages'"
                    ).format(declared=declared, language=name, other=counterpart.shown, lang=lang),
                )


def _invalid_twin(corpus: Corpus, document: CheckedPage, lang: str) -> bool:
    twin = corpus.source(f"{lang}/{document.rel.as_posix()}")
    return twin is not None and twin.path in corpus.invalid


def _missing(document: CheckedPage, lang: str, corpus: Corpus) -> str:
    name = language_name(lang)
    own = [language for language in (corpus.declared_languages(document) or []) if language != lang]
    meta = corpus.release_meta.get(document.path)
    if meta is not None:
        where = _("docs/{lang}/{path}.md with translation_key '{key}'").format(
            lang=lang, path=meta.url_path.rstrip("/"), key=meta.translation_key
        )
    else:
        where = f"docs/{lang}/{document.rel.as_posix()}"
    return _(
        "no {language} version: add {where}, or, if there will be none, write 'languages: {own}' in the front matter"
    ).format(language=name, where=where, own=own)


def stale_translations(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    """A translation records the hash of the body it was made from; a changed original makes it stale."""
    for document in corpus.documents:
        meta = corpus.release_meta.get(document.path) or corpus.page_meta.get(document.path)
        recorded = getattr(meta, "translated_from_sha256", None)
        if recorded is None:
            continue
        for lang in LANGUAGES:
            counterpart = corpus.counterpart(document, lang) if lang != document.lang else None
            if counterpart is None:
                continue
            current = pages.body_hash(counterpart.body)
            if current != recorded:
                yield document.finding_at(
                    "translated_from_sha256",
                    Severity.ERROR,
                    _(
                        "stale translation: {original} has changed since this page was translated from it; "
                        "bring this page up to date, then set 'translated_from_sha256: {sha256}'"
                    ).format(original=counterpart.shown, sha256=current),
                )


def structural_parity(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    """Both versions of a page have as many headings, links, images and tables (reported on the translation)."""
    for document in corpus.documents:
        original = _original_of(document, corpus)
        if original is None:
            continue
        mine, theirs = corpus.structure(document), corpus.structure(original)
        counts = {
            N_("{here} headings here, {there} there"): (len(mine.headings), len(theirs.headings)),
            N_("{here} links here, {there} there"): (len(mine.links), len(theirs.links)),
            N_("{here} images here, {there} there"): (len(mine.images), len(theirs.images)),
            N_("{here} tables here, {there} there"): (mine.tables, theirs.tables),
        }
        differences = [
            _(template).format(here=here, there=there) for template, (here, there) in counts.items() if here != there
        ]
        if differences:
            yield Finding(
                document.shown,
                document.body_line,
                Severity.ERROR,
                _(
                    "structure differs from {original}: {differences}; "
                    "a translation keeps the same headings, links, images and tables"
                ).format(original=original.shown, differences="; ".join(differences)),
            )


def _original_of(document: CheckedPage, corpus: Corpus) -> CheckedPage | None:
    """The page this one translates, so that a pair is compared once, from the translation's side."""
    meta = corpus.release_meta.get(document.path)
    if meta is not None:
        if meta.translation is Translation.ORIGINAL:
            return None
        for lang in LANGUAGES:
            other = corpus.counterpart(document, lang) if lang != document.lang else None
            if other is not None:
                return other
        return None
    if document.lang == DEFAULT_LANG or document.is_release:
        return None
    return corpus.counterpart(document, DEFAULT_LANG)

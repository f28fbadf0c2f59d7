"""Front matter against the one schema in newsroom.model (releases: ReleaseMeta; other pages: PageMeta)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from newsroom.check.corpus import Corpus
from newsroom.check.documents import Document
from newsroom.check.findings import Finding, Severity
from newsroom.messages import N_, _
from newsroom.model import FRONT_MATTER_FIELDS, LANGUAGES, Licence

_LANGUAGE_NAMES = {"ko": N_("Korean"), "en": N_("English")}


def unreadable_pages(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for page in corpus.unreadable:
        yield Finding(page.shown, page.line, Severity.ERROR, page.message)


def front_matter(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for document in corpus.documents:
        error = corpus.errors.get(document.path)
        if error is not None:
            yield from _schema_findings(document, error)
        meta = corpus.page_meta.get(document.path)
        if meta is not None and document.lang not in meta.languages:
            yield document.finding_at(
                "languages",
                Severity.ERROR,
                _("'languages: {languages}' leaves out this page's own language '{lang}'; add it").format(
                    languages=meta.languages, lang=document.lang
                ),
            )


def release_location(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    """A release's folder must agree with its front matter, or its URL and language will be wrong."""
    for document in corpus.documents:
        meta = corpus.release_meta.get(document.path)
        if meta is None:
            continue
        if meta.lang != document.lang:
            yield document.finding_at(
                "lang",
                Severity.ERROR,
                _(
                    "'lang: {declared}' but the page is in docs/{folder}/; "
                    "move it to docs/{declared}/ or correct 'lang'"
                ).format(declared=meta.lang, folder=document.lang),
            )
        expected = f"{meta.url_path.rstrip('/')}.md"
        if document.rel.as_posix() != expected:
            yield document.finding_at(
                "slug",
                Severity.ERROR,
                _(
                    "a release dated {date} with slug '{slug}' belongs at docs/{lang}/{expected}; "
                    "move the file there or correct 'date'/'slug'"
                ).format(date=meta.date.isoformat(), slug=meta.slug, lang=meta.lang, expected=expected),
            )
        for other in corpus.same_key(document):
            yield document.finding_at(
                "translation_key",
                Severity.ERROR,
                _(
                    "{other} has the same translation_key '{key}' in the same language; each release needs its own key"
                ).format(other=other.shown, key=meta.translation_key),
            )


def _schema_findings(document: Document, error: ValidationError) -> Iterator[Finding]:
    template = _("release front matter: {problem}") if document.is_release else _("page front matter: {problem}")
    for detail in error.errors():
        loc = tuple(detail["loc"])
        line = document.line_of(loc) if loc else _line_for_model_error(document, detail["msg"])
        yield Finding(document.shown, line, Severity.ERROR, template.format(problem=_describe(detail)))


def _describe(detail: ErrorDetails) -> str:
    loc = tuple(detail["loc"])
    name = ".".join(str(part) for part in loc)
    kind = detail["type"]
    message = detail["msg"].removeprefix("Value error, ")
    if kind == "missing":
        return _("required field '{name}' is missing; add a line '{name}: …'").format(name=name)
    if kind == "extra_forbidden":
        return _("unknown field '{name}'; check its spelling (release fields: {fields})").format(
            name=name, fields=", ".join(FRONT_MATTER_FIELDS)
        )
    if not loc:
        return message
    # pydantic's own explanation ({message}) stays in English: it comes from the library, not the catalogue.
    if kind.startswith("date_") or name == "date":
        template = _("field '{name}': {message}; write an ISO 8601 date, e.g. 2025-02-03")
    elif kind.startswith("datetime_") or kind == "timezone_aware":
        template = _(
            "field '{name}': {message}; write an ISO 8601 date and time with its offset, e.g. 2025-02-03T06:00:00+09:00"
        )
    elif name == "licence":
        template = _("field '{name}': {message}; use a 공공누리 (KOGL) type: {choices}")
    elif name.startswith("lang") and kind in ("literal_error", "list_type"):
        template = _("field '{name}': {message}; languages are written {choices}")
    else:
        template = _("field '{name}': {message}")
    choices = ", ".join(licence.value for licence in Licence) if name == "licence" else ", ".join(LANGUAGES)
    return template.format(name=name, message=message, choices=choices)


def _line_for_model_error(document: Document, message: str) -> int:
    """A whole-model error names the fields it is about: point at the first of them that is present."""
    for key in ("languages", "translation", "lang"):
        mentioned = f"{key} " in message or f"'{key}'" in message or message.startswith(key)
        if mentioned and (key,) in document.lines_of:
            return document.lines_of[(key,)]
    return 1


def language_name(lang: str) -> str:
    """The language's name in the reader's language (Korean -> 한국어 under a Korean locale)."""
    return _(_LANGUAGE_NAMES[lang]) if lang in _LANGUAGE_NAMES else lang

"""One reader of docs/: each page read once, validated once against the model, and each page rule stated once.

The build (``site/catalogue.py``, through ``mkdocs_adapter/news.py``) and ``newsroom check`` (``check/``) both
take what is wrong with a page from here, as ``PageFault``s: the build stops at the first (``mkdocs serve``
shows it at the page's address), the check annotates every one. Same fault, same words, same line.
Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from newsroom.messages import _
from newsroom.model import pages
from newsroom.model.release import FRONT_MATTER_FIELDS, LANGUAGES, Lang, Licence, PageMeta, ReleaseMeta, is_release_page

YamlPath = tuple[str | int, ...]
# libyaml's loader when PyYAML was built with it: several times faster on thousands of pages.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class PageFault:
    """Something on one page that stops it being published; ``problem`` says what and what to do."""

    source: str  # below the docs folder, e.g. 'ko/news/2025/<slug>.md'
    line: int
    problem: str


@dataclass(frozen=True)
class PageReading:
    """One page as read: its front matter validated by the model, and every fault found on the page alone."""

    source: str
    meta: dict[str, Any]  # the front matter as YAML gave it ({} when it could not be read)
    body: str
    body_line: int
    front: str  # the raw front matter, for line numbers
    readable: bool  # False when the encoding or the YAML stopped the reading
    release: ReleaseMeta | None
    page_meta: PageMeta | None
    faults: tuple[PageFault, ...]

    @property
    def lang(self) -> Lang | None:
        """The language folder the page sits in (static-i18n's folder mode), None outside them."""
        head = self.source.split("/", 1)[0]
        return head if head in LANGUAGES else None  # type: ignore[return-value]

    @property
    def rel(self) -> PurePosixPath:
        """The path below the language folder, e.g. news/2025/<slug>.md."""
        return PurePosixPath(self.source.split("/", 1)[1] if self.lang else self.source)

    @property
    def is_release(self) -> bool:
        return is_release_page(self.rel.as_posix(), self.meta)

    @cached_property
    def lines_of(self) -> dict[YamlPath, int]:
        """Front-matter key (and list item) → line in the file; computed only when something needs a line."""
        return yaml_lines(self.front, first_line=2)

    def line_of(self, loc: YamlPath) -> int:
        """File line of a front-matter field, or of its closest parent that exists; 1 if none does."""
        return _line_in(self.lines_of, loc)


def read_page(source: str, data: bytes | str) -> PageReading:
    """Read one page (``source`` below the docs folder) and apply every rule that needs this page alone."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            problem = _("file is not UTF-8 ({reason}); save it as UTF-8").format(reason=error.reason)
            return _unreadable(source, line, problem)
    else:
        text = data
    try:
        page = pages.split(text)
    except pages.FrontMatterError as error:
        problem = _("{error}; fix the front matter between the two '---' lines").format(error=error)
        return _unreadable(source, error.line or 1, problem)
    except ValueError as error:  # YAML that parses but holds a value Python cannot make
        problem = _("front matter holds a value that cannot be read: {error}").format(error=error)
        return _unreadable(source, 1, problem)
    front = "\n".join(text.removeprefix("\ufeff").split("\n")[1 : page.body_line - 2]) if page.meta else ""
    reading = PageReading(source, page.meta, page.body, page.body_line, front, True, None, None, ())
    if reading.is_release:
        return _as_release(reading)
    return _as_plain_page(reading)


def _unreadable(source: str, line: int, problem: str) -> PageReading:
    return PageReading(source, {}, "", 1, "", False, None, None, (PageFault(source, line, problem),))


def _with(reading: PageReading, **changes: Any) -> PageReading:
    values = {name: getattr(reading, name) for name in reading.__dataclass_fields__}
    return PageReading(**{**values, **changes})


def _as_release(reading: PageReading) -> PageReading:
    if not reading.meta:
        problem = _("no front matter: a release starts with '---', its fields, and '---'")
        return _with(reading, faults=(PageFault(reading.source, 1, problem),))
    try:
        meta = ReleaseMeta.from_front_matter(reading.meta)
    except ValidationError as error:
        return _with(reading, faults=_schema_faults(reading, error, _("release front matter: {problem}")))
    return _with(reading, release=meta, faults=tuple(_place_faults(reading, meta)))


def _as_plain_page(reading: PageReading) -> PageReading:
    try:
        meta = PageMeta.model_validate(reading.meta)
    except ValidationError as error:
        return _with(reading, faults=_schema_faults(reading, error, _("page front matter: {problem}")))
    faults = []
    if reading.lang is not None and reading.lang not in meta.languages:
        problem = _("'languages: {languages}' leaves out this page's own language '{lang}'; add it").format(
            languages=meta.languages, lang=reading.lang
        )
        faults.append(PageFault(reading.source, reading.line_of(("languages",)), problem))
    return _with(reading, page_meta=meta, faults=tuple(faults))


def _place_faults(reading: PageReading, meta: ReleaseMeta) -> Iterable[PageFault]:
    """A release's folder must agree with its front matter, or its address and language would be wrong."""
    if reading.lang is None:
        return
    if meta.lang != reading.lang:
        problem = _(
            "'lang: {declared}' but the page is in docs/{folder}/; move it to docs/{declared}/ or correct 'lang'"
        ).format(declared=meta.lang, folder=reading.lang)
        yield PageFault(reading.source, reading.line_of(("lang",)), problem)
    expected = f"{meta.url_path.rstrip('/')}.md"
    if reading.rel.as_posix() != expected:
        problem = _(
            "a release dated {date} with slug '{slug}' belongs at docs/{lang}/{expected}; "
            "move the file there or correct 'date'/'slug'"
        ).format(date=meta.date.isoformat(), slug=meta.slug, lang=meta.lang, expected=expected)
        yield PageFault(reading.source, reading.line_of(("slug",)), problem)


def key_clash_problem(key: str, other: str) -> str:
    """Two pages of one language sharing a translation key: the one wording the build and the check use."""
    return _(
        "translation_key '{key}' is also used by {other} in the same language: "
        "a release has at most one page per language, so give one of them its own key"
    ).format(key=key, other=other)


def key_clashes(readings: Iterable[PageReading]) -> list[PageFault]:
    """Each release page that shares its language and translation key with another, naming the other."""
    groups: dict[tuple[str, str], list[PageReading]] = defaultdict(list)
    for reading in readings:
        if reading.release is not None:
            groups[(reading.release.lang, reading.release.translation_key)].append(reading)
    faults = []
    for (_lang, key), group in groups.items():
        for reading in group:
            for other in group:
                if other is not reading:
                    line = reading.line_of(("translation_key",))
                    faults.append(PageFault(reading.source, line, key_clash_problem(key, other.source)))
    return sorted(faults)


def _schema_faults(reading: PageReading, error: ValidationError, template: str) -> tuple[PageFault, ...]:
    faults = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        line = reading.line_of(loc) if loc else _line_for_model_error(reading, detail["msg"])
        faults.append(PageFault(reading.source, line, template.format(problem=describe_refusal(detail))))
    return tuple(faults)


def describe_refusal(detail: ErrorDetails) -> str:
    """One refusal of the model in the press office's words (pydantic's own explanation stays in English)."""
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


def _line_for_model_error(reading: PageReading, message: str) -> int:
    """A whole-model error names the fields it is about: point at the first of them that is present."""
    for key in ("languages", "translation", "lang"):
        mentioned = f"{key} " in message or f"'{key}'" in message or message.startswith(key)
        if mentioned and (key,) in reading.lines_of:
            return reading.lines_of[(key,)]
    return 1


def _line_in(lines: dict[YamlPath, int], loc: YamlPath) -> int:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def yaml_lines(front: str, first_line: int) -> dict[YamlPath, int]:
    """Map each key (and list item) of the front matter to its line in the file."""
    if not front.strip():
        return {}
    lines: dict[YamlPath, int] = {}

    def walk(node: yaml.Node, loc: YamlPath) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*loc, str(key.value))
                lines[child] = key.start_mark.line + first_line
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*loc, index)] = item.start_mark.line + first_line
                walk(item, (*loc, index))

    root = yaml.compose(front, Loader=_LOADER)
    if root is not None:
        walk(root, ())
    return lines

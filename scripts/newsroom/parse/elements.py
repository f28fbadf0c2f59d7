"""What a parsed release body is made of. Plain data: the writer decides how it looks in Markdown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsroom.model.release import Contact, Kind, Lang
from newsroom.read.blocks import Picture


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class ListItem:
    text: str
    level: int
    mark: str


@dataclass(frozen=True)
class Note:
    """A ※ or * note: kept with its mark, shown apart from the body text."""

    text: str
    mark: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Caption:
    """A photo caption from a republished copy (▲ … 사진 © …)."""

    text: str


@dataclass(frozen=True)
class TableRows:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A photo or image of the release: ``alt`` is its own caption, or "" when it has none (check asks for one).

    ``file`` is the published file's name beside the page, set when the page is built.
    """

    picture: Picture
    alt: str
    file: str = ""


Element = Paragraph | ListItem | Note | Heading | Caption | TableRows | Figure


@dataclass
class ParsedLanguage:
    lang: Lang
    title: str | None
    subtitles: list[str] = field(default_factory=list)
    body: list[Element] = field(default_factory=list)
    # Text kept in the body that the parser could not place (e.g. a logo's alt text in the header).
    unplaced: list[str] = field(default_factory=list)
    # Republication noise that was dropped (bylines, datelines, footers), for the record.
    dropped: list[str] = field(default_factory=list)
    # Without a headline: the first lines looked at, so that a refusal can show them.
    candidates: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        first = next((e.text for e in self.body if isinstance(e, Paragraph)), "")
        return first


@dataclass
class ParsedRelease:
    ko: ParsedLanguage | None
    en: ParsedLanguage | None
    date: dt.date | None = None
    distributed_at: dt.datetime | None = None
    embargo_until: dt.datetime | None = None
    # The 보도시점 is a condition, not a moment ("국회 본회의 통과 시(별도안내)"): the release waits for one.
    embargo_held: str | None = None
    department: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    kind: Kind = Kind.RELEASE
    # What the parser set aside in the header, for the person converting (e.g. an impossible embargo).
    notes: list[str] = field(default_factory=list)
    # Where the date came from: given (--date), header (배포/보도시점), notice, cover, reprint, metadata.
    date_source: str | None = None

    @property
    def unplaced(self) -> list[str]:
        return [text for part in (self.ko, self.en) if part for text in part.unplaced] + self.notes

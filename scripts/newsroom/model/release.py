"""The press-release model: the one place that knows the front-matter fields.

Modelled on GOV.UK's publishing schemas: one explicit schema for a release, and one
``translation_key`` shared by every language version of the same release. The converter
writes it, the checker validates against it, the site adapter reads it. Nothing here
knows about MkDocs, Markdown rendering or file formats.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Lang = Literal["ko", "en"]
LANGUAGES: tuple[Lang, ...] = ("ko", "en")
DEFAULT_LANG: Lang = "ko"
KST = dt.timezone(dt.timedelta(hours=9), "KST")

# Lowercase ASCII words joined by hyphens: the one definition the converter, the writer and the schema use.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Taken by the site: news/<year>/index is the year's archive page.
RESERVED_SLUGS = frozenset({"index"})
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
# MkDocs renders templates without auto-escaping, so front-matter text reaches the page as HTML.
MARKUP_RE = re.compile(r"<[A-Za-z/!?]")


def parse_moment(text: str) -> dt.datetime:
    """A moment written by a person (``--now``, ``NEWSROOM_NOW``, the plugin's ``now``): ISO 8601, and without
    an offset it is Korean time, the press office's clock. The one parser of "now" for the build and the check."""
    value = dt.datetime.fromisoformat(text.strip())  # ValueError names the text: the caller says where it came from
    return value if value.tzinfo is not None else value.replace(tzinfo=KST)


def is_slug(value: str) -> bool:
    return SLUG_RE.fullmatch(value) is not None and value not in RESERVED_SLUGS


def slug_pattern() -> str:
    """``is_slug`` as one anchored regular expression, for an editor that checks slugs in the browser."""
    reserved = "|".join(sorted(RESERVED_SLUGS))
    return f"^(?!(?:{reserved})$){SLUG_RE.pattern}$"


def language_root(lang: str) -> str:
    """Site path of a language's home: '' for the default language, '<lang>/' for the others (folder mode)."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


class Translation(StrEnum):
    """How a language version came to be."""

    ORIGINAL = "original"  # written in this language by the city
    FULL = "full"  # a complete human translation
    MACHINE = "machine"  # a machine translation published as is


class Kind(StrEnum):
    """What sort of release this is (korea.kr keeps these apart; so do listings and feeds)."""

    RELEASE = "release"  # 보도자료
    EXPLANATION = "explanation"  # 보도설명자료, 해명자료
    REFERENCE = "reference"  # 참고자료, 보도참고자료
    CORRECTION = "correction"  # 정정보도자료


class DateSource(StrEnum):
    """Where a release's date was read when the official header (배포 / 보도시점) did not give it."""

    NOTICE = "notice"  # an agency's embargo notice: "… 조간으로 보도하여 주시기 바랍니다"
    METADATA = "metadata"  # a board's or an English release's Date / Upload Date field
    REPRINT = "reprint"  # a web reprint's own date line: 기사입력 …
    COVER = "cover"  # the date line of a report's cover page


class Licence(StrEnum):
    """공공누리 (Korea Open Government License) types."""

    KOGL_1 = "KOGL-1"  # attribution
    KOGL_2 = "KOGL-2"  # attribution, non-commercial
    KOGL_3 = "KOGL-3"  # attribution, no derivatives
    KOGL_4 = "KOGL-4"  # attribution, non-commercial, no derivatives


class ContactRole(StrEnum):
    LEAD = "책임자"
    OFFICER = "담당자"


# Topic ids are ASCII (they become URLs); names are per language.
TOPICS: dict[str, dict[Lang, str]] = {
    "smart-city": {"ko": "스마트도시", "en": "Smart city"},
    "ai": {"ko": "인공지능", "en": "Artificial intelligence"},
    "cloud": {"ko": "클라우드", "en": "Cloud"},
    "partnerships": {"ko": "기업 협력", "en": "Partnerships"},
    "digital-government": {"ko": "디지털 행정", "en": "Digital government"},
    "economy": {"ko": "지역 경제", "en": "Local economy"},
    "education": {"ko": "교육", "en": "Education"},
    "transport": {"ko": "교통", "en": "Transport"},
    "environment": {"ko": "환경", "en": "Environment"},
    "welfare": {"ko": "복지", "en": "Welfare"},
    "culture": {"ko": "문화", "en": "Culture"},
    "safety": {"ko": "안전", "en": "Safety"},
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Contact(_Strict):
    role: ContactRole
    name: str | None = None
    rank: str | None = None
    phone: str | None = None
    # Officials list an e-mail address instead of a phone number in some contact tables.
    email: str | None = None
    organisation: str | None = None


class Source(_Strict):
    file: str
    sha256: str

    @field_validator("sha256")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not SHA256_RE.match(value):
            raise ValueError("must be 64 lowercase hex digits")
        return value


class Change(_Strict):
    """A note shown under "last updated" when a published release is corrected."""

    at: dt.datetime
    note: str


class Withdrawal(_Strict):
    """A published release taken back: it stays at its address with this notice (GOV.UK's withdrawal banner)."""

    at: dt.datetime
    explanation: str = Field(min_length=1)

    @field_validator("at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("needs a UTC offset, e.g. 2026-03-02T10:00:00+09:00")
        return value

    @field_validator("explanation")
    @classmethod
    def _plain(cls, value: str) -> str:
        if MARKUP_RE.search(value):
            raise ValueError("contains HTML markup; the explanation is shown as plain text: remove the tag")
        return value


# Where a release's page lives below its language folder: news/<year>/<slug>.md.
RELEASE_PLACE_RE = re.compile(r"^news/(?P<year>\d{4})/(?P<slug>(?!index\.md$)[^/]+)\.md$")


def is_release_page(path_below_language: str, front_matter: dict[str, Any]) -> bool:
    """A page is a release where releases live, or when it names a translation key (even a broken one):
    then the release schema applies and a misplaced release is caught rather than passed as a plain page."""
    return RELEASE_PLACE_RE.match(path_below_language) is not None or "translation_key" in front_matter


# An old address of a release below its language root: news/<year>/<slug>/ (the trailing slash is optional).
REDIRECT_RE = re.compile(rf"^news/(?P<year>\d{{4}})/(?P<slug>{SLUG_RE.pattern})/?$")


class ReleaseMeta(_Strict):
    """Front matter of one language version of a release."""

    # Each description is the field's line in handbook/schema.md (`newsroom schema-doc` writes the table).
    title: str = Field(min_length=1, description="headline (plain text: HTML tags are refused)")
    subtitle: list[str] = Field(
        default_factory=list, description="subtitle lines under the headline (plain text: HTML tags are refused)"
    )
    date: dt.date = Field(description="release date (`YYYY-MM-DD`)")
    distributed_at: dt.datetime | None = Field(
        default=None, description="배포: when it was sent out, ISO 8601 with `+09:00`"
    )
    embargo_until: dt.datetime | None = Field(
        default=None,
        description="보도시점, ISO 8601 with `+09:00`; a future `embargo_until` keeps the release off the site",
    )
    embargo_held: str | None = Field(
        default=None,
        description="a 보도시점 the release words as a condition, not a moment (e.g. `국회 본회의 통과 시(별도안내)`): "
        "the release is held, never published, until the press officer sets `embargo_until` and removes this field",
    )
    department: str | None = Field(default=None, description="issuing department (full path)")
    contacts: list[Contact] = Field(
        default_factory=list,
        description="contacts with `role` (책임자/담당자), `rank`, `name`, `phone`, `email`, `organisation`",
    )
    topics: list[str] = Field(
        default_factory=list, description="topic ids from `TOPICS` in `model.py` (names per language there)"
    )
    summary: str = Field(default="", description="lead paragraph, used in listings, feeds and the description meta")
    lang: Lang = Field(description="this page's language")
    slug: str = Field(description="the ASCII slug, the page's name in `news/<year>/<slug>/`")
    translation_key: str = Field(description="the key shared by every language version of the release")
    translation: Translation = Field(
        description="how this version came to be: `full` is a human translation; a translated page says so"
    )
    kind: Kind = Field(
        default=Kind.RELEASE,
        description="`release` 보도자료, `explanation` 보도설명자료/해명자료, `reference` 참고자료, "
        "`correction` 정정 (label on the page, in listings and feeds; `/news/kinds/<kind>/`)",
    )
    # Set only when the date came from elsewhere than the header or --date: the press office should check it.
    date_source: DateSource | None = Field(
        default=None,
        description="where the date was read, only when not from the header or `--date` (the press office checks it)",
    )
    # Languages in which this release is published; a page whose counterpart is missing says so.
    languages: list[Lang] = Field(
        description="the languages this release is published in; a missing one is announced on the site"
    )
    source: Source | None = Field(default=None, description="the file converted (`file`, `sha256`)")
    licence: Licence = Field(default=Licence.KOGL_1, description="공공누리 (Korea Open Government License) type")
    changes: list[Change] = Field(
        default_factory=list, description='correction notes (`at`, `note`), shown under "last updated"'
    )
    # Set when the city takes the release back; the page stays, with a notice, out of the default listings.
    withdrawn: Withdrawal | None = Field(
        default=None,
        description="`{at: <ISO 8601 +09:00>, explanation: <text>}`: the release was taken back",
    )
    # Former addresses (news/<year>/<slug>/) of a release that moved; each becomes a redirect page.
    redirect_from: list[str] = Field(
        default_factory=list,
        description="former addresses (`news/<year>/<slug>/`) of a release that moved; each becomes a redirect page",
    )
    # sha256 of the page body as the converter wrote it: a different body means a hand edit.
    body_sha256: str | None = Field(
        default=None, description="sha256 of the body as the converter wrote it: the hand-edit guard"
    )
    # sha256 of the counterpart's body when this translation was made: detects stale translations.
    translated_from_sha256: str | None = Field(
        default=None,
        description="sha256 of the original's body when this translation was made: the stale-translation check",
    )

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not is_slug(value):
            raise ValueError(
                "must be lowercase ASCII words joined by hyphens, not 'index', e.g. 'mayor-visits-cloud-firms'"
            )
        return value

    @field_validator("title", "summary", "department", "embargo_held")
    @classmethod
    def _plain_text(cls, value: str | None) -> str | None:
        if value is not None and MARKUP_RE.search(value):
            raise ValueError("contains HTML markup; front-matter text is shown as plain text: remove the tag")
        return value

    @field_validator("subtitle")
    @classmethod
    def _plain_subtitles(cls, value: list[str]) -> list[str]:
        for line in value:
            cls._plain_text(line)
        return value

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in TOPICS]
        if unknown:
            raise ValueError(f"unknown topic(s) {unknown}; known topics: {', '.join(TOPICS)}")
        return value

    @field_validator("redirect_from")
    @classmethod
    def _old_addresses(cls, value: list[str]) -> list[str]:
        normalised = []
        for address in value:
            if not (match := REDIRECT_RE.match(address)) or not is_slug(match["slug"]):
                raise ValueError(
                    f"'{address}' is not an old release address; write it as news/<year>/<slug>/, "
                    "e.g. news/2025/mayor-visits-cloud-firms/"
                )
            normalised.append(address.rstrip("/") + "/")
        return normalised

    @field_validator("distributed_at", "embargo_until")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("needs a UTC offset, e.g. 2025-02-03T06:00:00+09:00")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ReleaseMeta:
        if self.lang not in self.languages:
            raise ValueError(f"languages {self.languages} must include this page's language '{self.lang}'")
        if self.url_path in self.redirect_from:
            raise ValueError(f"redirect_from lists the release's own address {self.url_path}: remove it")
        return self

    @property
    def url_path(self) -> str:
        """Path of the page below its language root, e.g. ``news/2025/<slug>/``."""
        return f"news/{self.date.year}/{self.slug}/"

    def is_embargoed(self, now: dt.datetime) -> bool:
        """Not to be published at ``now``: before its 보도시점, or held until a moment is set."""
        return self.embargo_held is not None or (self.embargo_until is not None and self.embargo_until > now)

    def to_front_matter(self) -> dict[str, Any]:
        """Plain data in field order, ready for YAML: no empty values, ISO 8601 dates."""
        data = self.model_dump(mode="json", exclude_none=True)
        return {k: v for k, v in data.items() if v not in ([], "")}

    @classmethod
    def from_front_matter(cls, data: dict[str, Any]) -> ReleaseMeta:
        return cls.model_validate(data)


class PageMeta(BaseModel):
    """Front matter of a plain (non-release) page: only the keys the project itself reads.

    Material's own keys (title, description, hide, …) pass through untouched. A page that
    exists in one language only says so with the same key a release uses: ``languages: [ko]``.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    languages: list[Lang] = Field(default_factory=lambda: list(LANGUAGES), min_length=1)
    # sha256 (pages.body_hash) of the counterpart's body when this translation was made.
    translated_from_sha256: str | None = None

    @field_validator("translated_from_sha256")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        if value is not None and not SHA256_RE.match(value):
            raise ValueError("must be 64 lowercase hex digits")
        return value


FRONT_MATTER_FIELDS: tuple[str, ...] = tuple(ReleaseMeta.model_fields)


# Two fields the converter reads from a page already in docs/ before deciding to replace it. That page may
# have been edited by hand until it no longer validates, so they are read one by one, not through ReleaseMeta.


def recorded_text(front_matter: dict[str, Any], *keys: str) -> str | None:
    """A text field of a page on disk that may not validate (a hand edit, an older page): None when absent or odd."""
    value: Any = front_matter
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) else None


def recorded_body_hash(front_matter: dict[str, Any]) -> str | None:
    return recorded_text(front_matter, "body_sha256")


def recorded_source_file(front_matter: dict[str, Any]) -> str | None:
    return recorded_text(front_matter, "source", "file")


def release_json_schema() -> dict[str, Any]:
    """JSON Schema of the front matter, for editors and other programs."""
    return ReleaseMeta.model_json_schema()

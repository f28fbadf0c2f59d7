"""Listings of one language: newest first, paginated, by year and by topic; latest five; neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from newsroom.model.release import TOPICS, Kind
from newsroom.site.catalogue import Catalogue, Release, language_root
from newsroom.site.labels import KIND_NAMES, OTHER_LANGUAGE, label

PAGE_SIZE = 20
LATEST_COUNT = 5
# Numbered links around the current page; the first and last page are always linked.
PAGE_WINDOW = 2

ListingKind = Literal["all", "year", "topic", "kind"]


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ('…') between numbered links
    path: str | None
    current: bool = False


@dataclass(frozen=True)
class Listing:
    """One page of a listing."""

    kind: ListingKind
    key: str  # '' for all releases, the year, or the topic id
    title: str
    number: int
    page_count: int
    path: str  # site path of this page, e.g. 'en/news/page/2/'
    releases: Sequence[Release]
    links: Sequence[PageLink]
    previous_path: str | None
    next_path: str | None
    # Releases of the same period or subject that exist only in the other language (shown on the first page):
    # no release is hidden from a reader because of the language it was published in.
    other_only: Sequence[Release] = ()


def listing_page_path(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def page_links(base: str, current: int, count: int) -> list[PageLink]:
    """Numbered links: 1 … current±2 … last, so that a long archive stays a short row."""
    shown = sorted({1, count, *range(max(1, current - PAGE_WINDOW), min(count, current + PAGE_WINDOW) + 1)})
    links: list[PageLink] = []
    for number in shown:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None, None))
        links.append(PageLink(number, listing_page_path(base, number), number == current))
    return links


def paginate(
    releases: Sequence[Release],
    base: str,
    kind: ListingKind,
    key: str,
    titles: tuple[str, str],
    other_only: Sequence[Release] = (),
) -> list[Listing]:
    """Split releases into pages of PAGE_SIZE; an empty listing still has its first page."""
    count = max(1, -(-len(releases) // PAGE_SIZE))
    listings = []
    for number in range(1, count + 1):
        title = titles[0] if number == 1 else titles[1].format(number=number)
        listings.append(
            Listing(
                kind=kind,
                key=key,
                title=title,
                number=number,
                page_count=count,
                path=listing_page_path(base, number),
                releases=releases[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
                links=page_links(base, number, count),
                previous_path=listing_page_path(base, number - 1) if number > 1 else None,
                next_path=listing_page_path(base, number + 1) if number < count else None,
                other_only=other_only if number == 1 else (),
            )
        )
    return listings


@dataclass(frozen=True)
class TopicLink:
    id: str
    name: str
    path: str
    count: int

    @property
    def atom_path(self) -> str:
        return f"{self.path}atom.xml"

    @property
    def rss_path(self) -> str:
        return f"{self.path}rss.xml"


@dataclass(frozen=True)
class YearLink:
    year: int
    path: str
    count: int


@dataclass(frozen=True)
class KindLink:
    id: str
    name: str
    path: str
    count: int


class NewsIndex:
    """Everything the news section of one language shows, computed once from the catalogue."""

    def __init__(self, catalogue: Catalogue, lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang
        self.root = language_root(lang) + "news/"
        # Every published release of the language, withdrawn ones included: they keep their page and year archive.
        self.all_releases: list[Release] = catalogue.in_language(lang)
        # What the default listings, topic pages, feeds' order and neighbours show: withdrawn ones left out.
        self.releases: list[Release] = [release for release in self.all_releases if not release.withdrawn]
        self.other_only: list[Release] = catalogue.only_in(OTHER_LANGUAGE[lang], lang)
        self._position = {release.source: index for index, release in enumerate(self.releases)}

    def topic_name(self, topic: str) -> str:
        return TOPICS[topic][self.lang]  # type: ignore[index]

    def year_path(self, year: int) -> str:
        return f"{self.root}{year}/"

    def topic_path(self, topic: str) -> str:
        return f"{self.root}topics/{topic}/"

    def kind_path(self, kind: str) -> str:
        return f"{self.root}kinds/{kind}/"

    def kind_name(self, kind: str) -> str:
        return KIND_NAMES[self.lang][Kind(kind)]

    @property
    def topics_path(self) -> str:
        return f"{self.root}topics/"

    def years(self) -> list[YearLink]:
        return self._years

    def topics(self) -> list[TopicLink]:
        """Topics that have releases in this language, in the model's order."""
        return self._topics

    def kinds(self) -> list[KindLink]:
        """Kinds that have listed releases in this language (or only in the other one), in the model's order."""
        return self._kinds

    @cached_property
    def _years(self) -> list[YearLink]:
        # A year with releases only in the other language still gets its archive: it lists them.
        counts: dict[int, int] = {release.meta.date.year: 0 for release in self.other_only}
        for release in self.all_releases:
            counts[release.meta.date.year] = counts.get(release.meta.date.year, 0) + 1
        return [YearLink(year, self.year_path(year), count) for year, count in sorted(counts.items(), reverse=True)]

    @cached_property
    def _kinds(self) -> list[KindLink]:
        counts = {kind.value: 0 for kind in Kind}
        for release in self.releases:
            counts[release.meta.kind.value] += 1
        elsewhere = {release.meta.kind.value for release in self.other_only}
        return [
            KindLink(kind, self.kind_name(kind), self.kind_path(kind), count)
            for kind, count in counts.items()
            if count or kind in elsewhere
        ]

    @cached_property
    def _topics(self) -> list[TopicLink]:
        counts = {topic: 0 for topic in TOPICS}
        for release in self.releases:
            for topic in release.meta.topics:
                counts[topic] += 1
        # A topic with releases only in the other language still has its page: it lists them.
        elsewhere = {topic for release in self.other_only for topic in release.meta.topics}
        return [
            TopicLink(topic, self.topic_name(topic), self.topic_path(topic), count)
            for topic, count in counts.items()
            if count or topic in elsewhere
        ]

    def listings(self) -> list[Listing]:
        """Every listing page: all releases, each year, each topic, each kind (one pass over the sorted releases).

        Withdrawn releases appear only in their year's archive (marked there); each listing's first page also
        names the releases of the same year, topic or kind that exist only in the other language.
        """
        lang = self.lang
        by_year: dict[int, list[Release]] = {year.year: [] for year in self._years}
        by_topic: dict[str, list[Release]] = {}
        by_kind: dict[str, list[Release]] = {}
        for release in self.all_releases:
            by_year[release.meta.date.year].append(release)
            if release.withdrawn:
                continue
            for topic in release.meta.topics:
                by_topic.setdefault(topic, []).append(release)
            by_kind.setdefault(release.meta.kind.value, []).append(release)
        other_by_year: dict[int, list[Release]] = {}
        other_by_topic: dict[str, list[Release]] = {}
        other_by_kind: dict[str, list[Release]] = {}
        for release in self.other_only:
            other_by_year.setdefault(release.meta.date.year, []).append(release)
            for topic in release.meta.topics:
                other_by_topic.setdefault(topic, []).append(release)
            other_by_kind.setdefault(release.meta.kind.value, []).append(release)
        news = label(lang, "news")
        pages = paginate(
            self.releases, self.root, "all", "", (news, label(lang, "news_page", number="{number}")), self.other_only
        )
        for year, releases in sorted(by_year.items(), reverse=True):
            titles = (label(lang, "year", year=year), label(lang, "year_page", year=year, number="{number}"))
            pages += paginate(releases, self.year_path(year), "year", str(year), titles, other_by_year.get(year, ()))
        for topic in TOPICS:
            if topic in by_topic or topic in other_by_topic:
                name = self.topic_name(topic)
                titles = (label(lang, "topic", name=name), label(lang, "topic_page", name=name, number="{number}"))
                pages += paginate(
                    by_topic.get(topic, []),
                    self.topic_path(topic),
                    "topic",
                    topic,
                    titles,
                    other_by_topic.get(topic, ()),
                )
        for kind in Kind:
            if kind.value in by_kind or kind.value in other_by_kind:
                name = self.kind_name(kind.value)
                titles = (label(lang, "kind", name=name), label(lang, "kind_page", name=name, number="{number}"))
                pages += paginate(
                    by_kind.get(kind.value, []),
                    self.kind_path(kind.value),
                    "kind",
                    kind.value,
                    titles,
                    other_by_kind.get(kind.value, ()),
                )
        return pages

    def latest(self, count: int = LATEST_COUNT) -> list[Release]:
        return self.releases[:count]

    def neighbours(self, release: Release) -> tuple[Release | None, Release | None]:
        """(previous, next) in time: the older and the newer release of this language."""
        index = self._position.get(release.source)
        if index is None:
            return None, None
        older = self.releases[index + 1] if index + 1 < len(self.releases) else None
        newer = self.releases[index - 1] if index > 0 else None
        return older, newer

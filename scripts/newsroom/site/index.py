"""Listings of one language: stable pages numbered from the oldest, by year, topic and kind; latest five; neighbours.

A listing's landing page (``news/``, ``news/2025/``, a topic's or kind's page) shows its newest PAGE_SIZE
releases. Its numbered pages are fixed blocks counted from the oldest: ``page/k/`` holds the k-th PAGE_SIZE
releases in publication order (shown newest first), and exists once that block is full. Adding a release
changes the landing page, opens a numbered page every PAGE_SIZE releases (and changes the few neighbours whose
row of links shows it); a full page never changes again unless one of its own releases does. A release dated
before the newest one (a back-filled release) moves the releases after it by one place: their pages change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Literal

from newsroom.model.release import TOPICS, Kind
from newsroom.site.catalogue import Catalogue, Release, language_root
from newsroom.site.labels import KIND_NAMES, OTHER_LANGUAGE, label

PAGE_SIZE = 20
LATEST_COUNT = 5
# Numbered links on each side of the current page. The landing page and page 1 (the oldest) are always linked;
# the highest number is not, so a page's row changes only when a page within reach opens.
PAGE_WINDOW = 2

ListingKind = Literal["all", "year", "topic", "kind"]


@dataclass(frozen=True)
class PageLink:
    """One place in a listing's row of page links: the landing page, a numbered page, or a gap ('…')."""

    number: int | None  # None: the landing page, or a gap when path is None too
    path: str | None
    current: bool = False
    far: bool = False  # the outer neighbours of the window (not page 1): a phone leaves them out

    @property
    def landing(self) -> bool:
        return self.number is None and self.path is not None


@dataclass(frozen=True)
class Listing:
    """One page of a listing: its landing page (number None) or a numbered page."""

    kind: ListingKind
    key: str  # '' for all releases, the year, or the topic id
    title: str
    number: int | None  # None: the landing page (the newest releases); k: the k-th block from the oldest
    path: str  # site path of this page, e.g. 'en/news/page/2/'
    releases: Sequence[Release]  # what the page shows, newest first
    links: Sequence[PageLink]  # empty when the listing has no numbered page
    newer_path: str | None
    older_path: str | None
    # Releases of the same period or subject that exist only in the other language (shown on the landing page):
    # no release is hidden from a reader because of the language it was published in.
    other_only: Sequence[Release] = ()


def news_root(lang: str) -> str:
    """Where a language's news section lives, e.g. 'en/news/'."""
    return language_root(lang) + "news/"


def year_path(root: str, year: int) -> str:
    return f"{root}{year}/"


def topic_path(root: str, topic: str) -> str:
    return f"{root}topics/{topic}/"


def kind_path(root: str, kind: str) -> str:
    return f"{root}kinds/{kind}/"


def listing_page_path(base: str, number: int | None) -> str:
    return base if number is None else f"{base}page/{number}/"


def page_links(base: str, current: int | None, full_pages: int) -> list[PageLink]:
    """The row: landing, a window of neighbours (newest first), page 1; '…' where numbers are skipped.

    ``current`` None is the landing page, which stands just above the newest numbered page. The row of page
    k does not depend on how many pages there are beyond k + PAGE_WINDOW + 1.
    """
    if full_pages == 0:
        return []
    position = full_pages + 1 if current is None else current
    top = min(full_pages, position + PAGE_WINDOW)
    bottom = max(1, position - PAGE_WINDOW)
    links = [PageLink(None, listing_page_path(base, None), current is None)]
    if top < full_pages:
        links.append(PageLink(None, None))
    links += [
        PageLink(n, listing_page_path(base, n), n == current, far=abs(n - position) == PAGE_WINDOW and n != 1)
        for n in range(top, bottom - 1, -1)
    ]
    if bottom > 2:
        links.append(PageLink(None, None))
    if bottom > 1:
        links.append(PageLink(1, listing_page_path(base, 1)))
    return links


def full_page_count(releases: int) -> int:
    """How many numbered pages a listing of ``releases`` has: every full block of PAGE_SIZE."""
    return releases // PAGE_SIZE


def paginate(
    releases: Sequence[Release],
    base: str,
    kind: ListingKind,
    key: str,
    titles: tuple[str, str],
    other_only: Sequence[Release] = (),
    shown: Callable[[Release], bool] = lambda release: True,
) -> list[Listing]:
    """The landing page and the full numbered pages of ``releases`` (newest first, as the catalogue sorts them).

    Blocks are counted over every release given, withdrawn ones too, and ``shown`` decides what a page lists:
    a release leaving a listing empties its own slot and moves no other release to another page.
    """
    oldest_first = list(reversed(releases))
    full_pages = full_page_count(len(oldest_first))
    block_of = {id(release): index // PAGE_SIZE + 1 for index, release in enumerate(oldest_first)}
    visible = [release for release in releases if shown(release)]
    landing = visible[:PAGE_SIZE]
    # "Older" from the landing page: the page of the newest release the landing page does not show.
    beyond = block_of[id(visible[PAGE_SIZE])] if len(visible) > PAGE_SIZE else None
    listings = [
        Listing(
            kind=kind,
            key=key,
            title=titles[0],
            number=None,
            path=base,
            releases=landing,
            links=page_links(base, None, full_pages),
            newer_path=None,
            older_path=listing_page_path(base, beyond) if beyond is not None else None,
            other_only=other_only,
        )
    ]
    for number in range(1, full_pages + 1):
        block = oldest_first[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        listings.append(
            Listing(
                kind=kind,
                key=key,
                title=titles[1].format(number=number),
                number=number,
                path=listing_page_path(base, number),
                releases=[release for release in reversed(block) if shown(release)],
                links=page_links(base, number, full_pages),
                newer_path=listing_page_path(base, number + 1 if number < full_pages else None),
                older_path=listing_page_path(base, number - 1) if number > 1 else None,
            )
        )
    return listings


def listed(release: Release) -> bool:
    """Whether the default listings (all releases, topics, kinds) show a release: withdrawn ones they do not."""
    return not release.withdrawn


@dataclass(frozen=True)
class TopicLink:
    id: str
    name: str
    path: str
    count: int | None  # None where a listing page leaves counts out (``views.listing_view``)

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
    count: int | None  # None where a listing page leaves counts out (``views.listing_view``)


@dataclass(frozen=True)
class KindLink:
    id: str
    name: str
    path: str
    count: int | None  # None where a listing page leaves counts out (``views.listing_view``)


class NewsIndex:
    """Everything the news section of one language shows, computed once from the catalogue."""

    def __init__(self, catalogue: Catalogue, lang: str) -> None:
        self.catalogue = catalogue
        self.lang = lang
        self.root = news_root(lang)
        # Every published release of the language, withdrawn ones included: they keep their page and year archive.
        self.all_releases: list[Release] = catalogue.in_language(lang)
        # What the default listings, topic pages, feeds' order and neighbours show: withdrawn ones left out.
        self.releases: list[Release] = [release for release in self.all_releases if not release.withdrawn]
        self.other_only: list[Release] = catalogue.only_in(OTHER_LANGUAGE[lang], lang)
        self._position = {release.source: index for index, release in enumerate(self.releases)}

    def topic_name(self, topic: str) -> str:
        return TOPICS[topic][self.lang]  # type: ignore[index]

    def year_path(self, year: int) -> str:
        return year_path(self.root, year)

    def topic_path(self, topic: str) -> str:
        return topic_path(self.root, topic)

    def kind_path(self, kind: str) -> str:
        return kind_path(self.root, kind)

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
    def _uncounted(self) -> tuple[list[YearLink], list[TopicLink], list[KindLink]]:
        return (
            [replace(link, count=None) for link in self._years],
            [replace(link, count=None) for link in self._topics],
            [replace(link, count=None) for link in self._kinds],
        )

    def uncounted_links(self) -> tuple[list[YearLink], list[TopicLink], list[KindLink]]:
        """The links by year, topic and kind without their counts, as every listing page but the first shows them."""
        return self._uncounted

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

        Withdrawn releases are listed only in their year's archive (marked there); elsewhere they keep their
        slot in their numbered page, unshown, so that withdrawing one moves no other release to another page.
        Each listing's landing page also names the releases of the same year, topic or kind that exist only in
        the other language.
        """
        return [page for group in self._groups() for page in paginate(**group)]

    def listing_paths(self) -> list[str]:
        """The path of every page ``listings`` gives, without making the pages."""
        return [
            listing_page_path(group["base"], number)
            for group in self._groups()
            for number in [None, *range(1, full_page_count(len(group["releases"])) + 1)]
        ]

    def _groups(self) -> list[dict[str, Any]]:
        """What each listing is paginated from (``paginate``'s arguments), in the order of the listings."""
        lang = self.lang
        by_year: dict[int, list[Release]] = {year.year: [] for year in self._years}
        by_topic: dict[str, list[Release]] = {}
        by_kind: dict[str, list[Release]] = {}
        for release in self.all_releases:
            by_year[release.meta.date.year].append(release)
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
        groups: list[dict[str, Any]] = [
            dict(
                releases=self.all_releases,
                base=self.root,
                kind="all",
                key="",
                titles=(news, label(lang, "news_page", number="{number}")),
                other_only=self.other_only,
                shown=listed,
            )
        ]
        for year, releases in sorted(by_year.items(), reverse=True):
            titles = (label(lang, "year", year=year), label(lang, "year_page", year=year, number="{number}"))
            groups.append(
                dict(
                    releases=releases,
                    base=self.year_path(year),
                    kind="year",
                    key=str(year),
                    titles=titles,
                    other_only=other_by_year.get(year, ()),
                )
            )
        topics = {link.id for link in self._topics}
        for topic in TOPICS:
            if topic in topics:
                name = self.topic_name(topic)
                titles = (label(lang, "topic", name=name), label(lang, "topic_page", name=name, number="{number}"))
                groups.append(
                    dict(
                        releases=by_topic.get(topic, []),
                        base=self.topic_path(topic),
                        kind="topic",
                        key=topic,
                        titles=titles,
                        other_only=other_by_topic.get(topic, ()),
                        shown=listed,
                    )
                )
        kinds = {link.id for link in self._kinds}
        for kind in Kind:
            if kind.value in kinds:
                name = self.kind_name(kind.value)
                titles = (label(lang, "kind", name=name), label(lang, "kind_page", name=name, number="{number}"))
                groups.append(
                    dict(
                        releases=by_kind.get(kind.value, []),
                        base=self.kind_path(kind.value),
                        kind="kind",
                        key=kind.value,
                        titles=titles,
                        other_only=other_by_kind.get(kind.value, ()),
                        shown=listed,
                    )
                )
        return groups

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

"""What the templates display: release pages, listing pages, the home page's latest releases, head tags.

Every value is final text or a site path (from the site root, no leading slash); templates turn
paths into relative links with MkDocs' ``url`` filter and add no wording or logic of their own.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsroom.model.release import KST, TOPICS, Translation, language_root
from newsroom.site.catalogue import Catalogue, PageError, Release
from newsroom.site.feeds import main_feed_paths
from newsroom.site.formats import Phone, format_date, format_datetime, format_phone
from newsroom.site.index import (
    KindLink,
    Listing,
    NewsIndex,
    PageLink,
    TopicLink,
    YearLink,
    kind_path,
    news_root,
    topic_path,
    year_path,
)
from newsroom.site.labels import (
    ATTRIBUTION,
    CONTACT_ROLES,
    KIND_NAMES,
    LABELS,
    LICENCE_NAMES,
    LICENCE_URLS,
    OTHER_LANGUAGE,
    TRANSLATION_NOTICES,
    label,
)

OG_LOCALES = {"ko": "ko_KR", "en": "en_GB"}


@dataclass(frozen=True)
class Link:
    text: str
    path: str
    lang: str | None = None  # set when the link text is in another language than the page


@dataclass(frozen=True)
class FeedLink:
    title: str
    atom_path: str
    rss_path: str


@dataclass(frozen=True)
class ListingItem:
    """A release as a listing shows it."""

    title: str
    path: str
    date_text: str
    date_iso: str
    summary: str
    department: str | None
    kind: str  # the kind's id, for a class name
    kind_label: str
    updated_text: str | None = None  # set on a corrected release: the listing marks it
    updated_iso: str | None = None
    withdrawn: bool = False  # only year archives list withdrawn releases, marked


@dataclass(frozen=True)
class ContactView:
    role: str
    name: str | None
    rank: str | None
    organisation: str | None
    phone: Phone | None


@dataclass(frozen=True)
class ChangeView:
    when_text: str
    when_iso: str
    note: str


@dataclass(frozen=True)
class ReleaseView:
    lang: str  # language of the text (a fallback page shows Korean text on an English page)
    title: str
    subtitles: Sequence[str]
    date_text: str
    date_iso: str
    department: str | None
    contacts: Sequence[ContactView]
    embargo: str | None
    embargo_iso: str | None
    updated_text: str | None
    updated_iso: str | None
    changes: Sequence[ChangeView]
    topics: Sequence[Link]
    licence_name: str
    licence_url: str
    attribution: str
    other_language: Link | None  # the counterpart in the other language
    not_available: str | None  # shown when there is no counterpart, in the page's language…
    not_available_other: str | None  # …and in the other language, for readers who came by the language switcher
    other_lang: str
    fallback_notice: str | None  # on a page built from the other language's file
    original: Link | None
    previous: Link | None
    next: Link | None
    labels: dict[str, str]
    kind: str = "release"
    kind_label: str = ""
    kind_path: str = ""
    withdrawn_notice: str | None = None  # the withdrawal banner, in the page's language
    withdrawn_iso: str | None = None
    translation_notice: str | None = None  # how this language version came to be (machine or human translation)
    translation_original: Link | None = None  # the original it was translated from
    breadcrumb: Sequence[Link] = ()  # home, news, the release's year: where the page sits (KRDS breadcrumb)


@dataclass(frozen=True)
class ListingView:
    title: str
    items: Sequence[ListingItem]
    links: Sequence[PageLink]
    newer_path: str | None
    older_path: str | None
    number: int | None  # None: the listing's landing page
    years: Sequence[YearLink]
    topics: Sequence[TopicLink]
    all_path: str
    feed: FeedLink
    labels: dict[str, str]
    kinds: Sequence[KindLink] = ()
    other_only: Sequence[Link] = ()  # releases of this listing published only in the other language
    other_only_text: str | None = None
    other_lang: str = "en"
    range_text: str | None = None  # on a numbered page: which releases it holds, by date


@dataclass(frozen=True)
class HeadView:
    """Tags for <head>: the language's feeds on every page; Open Graph and JSON-LD on release pages."""

    feeds: Sequence[FeedLink]
    open_graph: Sequence[tuple[str, str]] = ()
    json_ld: str | None = None
    noindex: bool = False


@dataclass(frozen=True)
class NewsContext:
    head: HeadView
    release: ReleaseView | None = None
    listing: ListingView | None = None
    labels: dict[str, str] = field(default_factory=dict)


def list_item(release: Release, lang: str) -> ListingItem:
    meta = release.meta
    last_change = max((change.at for change in meta.changes), default=None)
    return ListingItem(
        title=meta.title,
        path=release.path,
        date_text=format_date(meta.date, lang),
        date_iso=meta.date.isoformat(),
        summary=meta.summary,
        department=meta.department,
        kind=meta.kind.value,
        kind_label=KIND_NAMES[lang][meta.kind],
        updated_text=format_datetime(last_change, lang) if last_change else None,
        updated_iso=last_change.isoformat() if last_change else None,
        withdrawn=release.withdrawn,
    )


def withdrawn_notice(release: Release, lang: str) -> str | None:
    """The banner of a withdrawn release, e.g. 'This release was withdrawn on 2 March 2026: …'."""
    withdrawal = release.meta.withdrawn
    if withdrawal is None:
        return None
    day = format_date(withdrawal.at.astimezone(KST).date(), lang)
    return label(lang, "withdrawn", date=day, explanation=withdrawal.explanation)


def main_feed(lang: str, site_name: str) -> FeedLink:
    atom, rss = main_feed_paths(news_root(lang))
    return FeedLink(label(lang, "feed_title", site=site_name), atom, rss)


def topic_feed(lang: str, topic: str, site_name: str) -> FeedLink:
    path = topic_path(news_root(lang), topic)
    name = TOPICS[topic][lang]  # type: ignore[index]
    return FeedLink(label(lang, "topic_feed_title", site=site_name, name=name), f"{path}atom.xml", f"{path}rss.xml")


@dataclass(frozen=True)
class ListingInputs:
    """Everything a listing page shows: the listing, and the links by year, topic and kind as the page shows them.

    A listing page's view is made from this alone (``listing_page_view``), never from the index, so that an
    incremental build can key the page by it without making the view.
    """

    listing: Listing
    lang: str
    years: Sequence[YearLink]
    topics: Sequence[TopicLink]
    kinds: Sequence[KindLink]


def listing_inputs(index: NewsIndex, listing: Listing) -> ListingInputs:
    """What a listing page shows. Only the landing page of all releases shows the counts by year, topic and kind:
    elsewhere they would change, with every release, pages the release is not on (every year's archive, every
    numbered page), so a full numbered page is written once and a new release reaches only its own listings."""
    if listing.kind == "all" and listing.number is None:
        return ListingInputs(listing, index.lang, index.years(), index.topics(), index.kinds())
    uncounted = index.uncounted_links()
    return ListingInputs(listing, index.lang, *uncounted)


def listing_view(index: NewsIndex, listing: Listing, site_name: str) -> ListingView:
    return listing_page_view(listing_inputs(index, listing), site_name)


def listing_page_view(inputs: ListingInputs, site_name: str) -> ListingView:
    listing, lang = inputs.listing, inputs.lang
    feed = topic_feed(lang, listing.key, site_name) if listing.kind == "topic" else main_feed(lang, site_name)
    range_text = None
    if listing.number is not None and listing.releases:
        newest, oldest = listing.releases[0].meta.date, listing.releases[-1].meta.date
        range_text = label(
            lang,
            "page_range",
            number=listing.number,
            first=format_date(oldest, lang),
            last=format_date(newest, lang),
        )
    return ListingView(
        title=listing.title,
        items=[list_item(release, lang) for release in listing.releases],
        links=listing.links,
        newer_path=listing.newer_path,
        older_path=listing.older_path,
        number=listing.number,
        years=inputs.years,
        topics=inputs.topics,
        all_path=news_root(lang),
        feed=feed,
        labels=LABELS[lang],
        kinds=inputs.kinds,
        other_only=[Link(release.meta.title, release.path, release.lang) for release in listing.other_only],
        other_only_text=label(lang, "other_only", count=len(listing.other_only)) if listing.other_only else None,
        other_lang=OTHER_LANGUAGE[lang],
        range_text=range_text,
    )


def _contacts(release: Release, lang: str) -> list[ContactView]:
    return [
        ContactView(
            role=CONTACT_ROLES[lang][contact.role],
            name=contact.name,
            rank=contact.rank,
            organisation=contact.organisation,
            phone=format_phone(contact.phone, lang) if contact.phone else None,
        )
        for contact in release.meta.contacts
        # A role with nobody behind it tells a reader nothing.
        if contact.name or contact.phone or contact.organisation
    ]


@dataclass(frozen=True)
class ReleaseMention:
    """Another release as a release page mentions it (its translation, its neighbours): a headline and a link."""

    title: str
    path: str
    lang: str


def mention(release: Release | None) -> ReleaseMention | None:
    return ReleaseMention(release.meta.title, release.path, release.lang) if release is not None else None


@dataclass(frozen=True)
class ReleaseInputs:
    """Everything a release page shows: the release, and what the catalogue and the language's index say around it.

    A release page's views are made from this alone (``release_page_context``), never from the catalogue or the
    index, so that an incremental build can key the page by it (the release by its source file, the rest as it is)
    without making the views.
    """

    release: Release
    lang: str  # the page's language: a fallback page when it is not the release's
    counterpart: ReleaseMention | None  # the published version in the other language (None on a fallback page)
    previous: ReleaseMention | None  # the older and the newer release of the page's language (None on a fallback page)
    following: ReleaseMention | None
    kinds: tuple[str, ...]  # the kinds that have a listing in the page's language


def release_inputs(catalogue: Catalogue, index: NewsIndex, release: Release) -> ReleaseInputs:
    """What ``release``'s page in ``index``'s language shows (a fallback page when the languages differ)."""
    lang = index.lang
    fallback = release.lang != lang
    counterpart = None if fallback else catalogue.counterpart(release, OTHER_LANGUAGE[lang])
    previous, following = (None, None) if fallback else index.neighbours(release)
    return ReleaseInputs(
        release, lang, mention(counterpart), mention(previous), mention(following), tuple(k.id for k in index.kinds())
    )


def release_view(
    catalogue: Catalogue, index: NewsIndex, release: Release, page_lang: str, site_name: str
) -> ReleaseView:
    """The release page of ``release`` in the ``page_lang`` build (a fallback page when the two differ)."""
    assert index.lang == page_lang
    return release_page_view(release_inputs(catalogue, index, release), site_name)


def release_page_context(inputs: ReleaseInputs, site_name: str, site_url: str) -> NewsContext:
    """What the templates of a release page are given, made from its inputs alone."""
    release, lang = inputs.release, inputs.lang
    fallback = release.lang != lang
    head = HeadView(
        feeds=[main_feed(lang, site_name)],
        open_graph=[] if fallback else open_graph(release, site_url, site_name),
        json_ld=None if fallback else json_ld(release, inputs.counterpart, site_url),
        # The Korean text under /en/ duplicates the Korean page: keep it out of search engines.
        noindex=fallback,
    )
    return NewsContext(head=head, release=release_page_view(inputs, site_name), labels=LABELS[lang])


def release_page_view(inputs: ReleaseInputs, site_name: str) -> ReleaseView:
    release, lang = inputs.release, inputs.lang
    meta = release.meta
    other = OTHER_LANGUAGE[lang]
    root = news_root(lang)
    fallback = release.lang != lang
    counterpart, previous, following = inputs.counterpart, inputs.previous, inputs.following
    last_change = max(meta.changes, key=lambda change: change.at) if meta.changes else None
    licence_name = LICENCE_NAMES[lang][meta.licence]
    date_text = format_date(meta.date, lang)
    return ReleaseView(
        lang=release.lang,
        title=meta.title,
        subtitles=meta.subtitle,
        date_text=date_text,
        date_iso=meta.date.isoformat(),
        department=meta.department,
        contacts=_contacts(release, lang),
        embargo=label(lang, "embargo", moment=format_datetime(meta.embargo_until, lang))
        if meta.embargo_until
        else None,
        embargo_iso=meta.embargo_until.isoformat() if meta.embargo_until else None,
        updated_text=format_datetime(last_change.at, lang) if last_change else None,
        updated_iso=last_change.at.isoformat() if last_change else None,
        changes=[
            ChangeView(format_datetime(change.at, lang), change.at.isoformat(), change.note)
            for change in sorted(meta.changes, key=lambda change: change.at, reverse=True)
        ],
        topics=[Link(TOPICS[topic][lang], topic_path(root, topic)) for topic in meta.topics],  # type: ignore[index]
        licence_name=licence_name,
        licence_url=LICENCE_URLS[meta.licence],
        attribution=ATTRIBUTION[lang].format(
            year=meta.date.year, licence=licence_name, title=meta.title, date=date_text
        ),
        other_language=(
            Link(label(lang, "other_language", title=counterpart.title), counterpart.path, other)
            if counterpart
            else None
        ),
        not_available=None if counterpart or fallback else label(lang, "not_available"),
        not_available_other=None if counterpart or fallback else label(lang, "not_available_other"),
        other_lang=other,
        fallback_notice=label(lang, "fallback") if fallback else None,
        original=Link(label(lang, "fallback_link"), release.path, release.lang) if fallback else None,
        previous=Link(previous.title, previous.path) if previous else None,
        next=Link(following.title, following.path) if following else None,
        labels=LABELS[lang],
        kind=meta.kind.value,
        kind_label=KIND_NAMES[lang][meta.kind],
        # A withdrawn release may be the last of its kind: link the kind's listing only where one exists.
        kind_path=kind_path(root, meta.kind.value) if meta.kind.value in inputs.kinds else "",
        withdrawn_notice=withdrawn_notice(release, lang),
        withdrawn_iso=meta.withdrawn.at.isoformat() if meta.withdrawn else None,
        translation_notice=None if fallback else TRANSLATION_NOTICES[lang].get(meta.translation),
        translation_original=(
            Link(label(lang, "translation_link"), counterpart.path, other)
            if counterpart is not None and meta.translation in (Translation.MACHINE, Translation.FULL)
            else None
        ),
        breadcrumb=(
            Link(label(lang, "home"), language_root(lang)),
            Link(label(lang, "news"), root),
            Link(label(lang, "year_crumb", year=meta.date.year), year_path(root, meta.date.year)),
        ),
    )


def json_ld(release: Release, counterpart: Release | ReleaseMention | None, site_url: str) -> str:
    """schema.org NewsArticle, ready to sit inside <script type="application/ld+json">."""
    meta = release.meta
    organisation = {"@type": "GovernmentOrganization", "name": label(release.lang, "organisation")}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "datePublished": release.published_at.isoformat(),
        "dateModified": release.updated_at.isoformat(),
        "inLanguage": release.lang,
        "url": site_url + release.path,
        "mainEntityOfPage": site_url + release.path,
        "author": organisation,
        "publisher": organisation,
        "license": LICENCE_URLS[meta.licence],
        "isAccessibleForFree": True,
    }
    if meta.summary:
        data["description"] = meta.summary
    if meta.subtitle:
        data["alternativeHeadline"] = meta.subtitle[0]
    if meta.topics:
        data["keywords"] = [TOPICS[topic][release.lang] for topic in meta.topics]
    if meta.department:
        data["sourceOrganization"] = {"@type": "GovernmentOrganization", "name": meta.department}
    if meta.withdrawn is not None:
        data["creativeWorkStatus"] = "Withdrawn"
    if counterpart is not None:
        key = "translationOfWork" if meta.translation is not Translation.ORIGINAL else "workTranslation"
        data[key] = {"@type": "NewsArticle", "url": site_url + counterpart.path, "inLanguage": counterpart.lang}
    # '</' inside a string would end the script element early.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def open_graph(release: Release, site_url: str, site_name: str) -> list[tuple[str, str]]:
    meta = release.meta
    tags = [
        ("og:type", "article"),
        ("og:site_name", site_name),
        ("og:title", meta.title),
        ("og:url", site_url + release.path),
        ("og:locale", OG_LOCALES[release.lang]),
        ("article:published_time", release.published_at.isoformat()),
        ("article:modified_time", release.updated_at.isoformat()),
    ]
    if meta.summary or meta.subtitle:
        tags.append(("og:description", meta.summary or meta.subtitle[0]))
    if meta.department:
        tags.append(("article:section", meta.department))
    tags += [("article:tag", TOPICS[topic][release.lang]) for topic in meta.topics]  # type: ignore[index]
    return tags


def description(release: Release) -> str:
    meta = release.meta
    return meta.summary or (meta.subtitle[0] if meta.subtitle else meta.title)


def unreadable_page(error: PageError, lang: str) -> str:
    """What ``mkdocs serve`` shows at the address of a page it cannot read: the error, where, and what to do.

    Never published: a build for publishing stops on the same error instead.
    """
    words = LABELS[lang]
    # HTML, not a code block: a phone shows a code block's long line only by scrolling sideways.
    return (
        "---\nsearch:\n  exclude: true\n---\n\n"
        f"# {words['unreadable_title']}\n\n{words['unreadable_lead']}\n\n"
        f'<div class="nr-unreadable" role="alert">\n<p><code>{html.escape(error.where)}</code></p>\n'
        f"<p>{html.escape(error.problem)}</p>\n</div>\n\n{words['unreadable_next']}\n"
    )


def held_page(title: str, condition: str, body: str, lang: str) -> str:
    """What ``mkdocs serve`` shows at the address of a held release: a marker, the headline, then the body.

    Never published: a build for publishing leaves the release out (``Catalogue.withheld_keys``).
    """
    words = LABELS[lang]
    condition = html.escape(condition)
    heading = html.escape(words["held_title"])
    return (
        "---\nsearch:\n  exclude: true\n---\n\n"
        f'<div class="nr-unreadable nr-held" role="alert">\n<p><strong>{heading}</strong></p>\n'
        f"<p>{html.escape(words['held_lead']).format(condition=condition)}</p>\n</div>\n\n"
        f"# {html.escape(title)}\n\n{body}"
    )

"""Atom and RSS 2.0 feeds of one language, for all releases and for each topic (feedgen)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from newsroom.model.release import KST, TOPICS, language_root
from newsroom.site.catalogue import Release
from newsroom.site.formats import format_date, format_datetime
from newsroom.site.index import NewsIndex
from newsroom.site.labels import KIND_NAMES, label

# A feed carries the newest releases, like the first page of its listing.
FEED_SIZE = 20


@dataclass(frozen=True)
class Feed:
    title: str
    lang: str
    listing_path: str  # site path of the listing the feed follows
    atom_path: str
    rss_path: str
    releases: Sequence[Release]


EMPTY_FEED_UPDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def feeds_of(index: NewsIndex, site_name: str) -> list[Feed]:
    """The language's main feed first, then one per topic that has releases.

    Withdrawn releases stay in the feeds that held them, their entry saying so: a reader who got the
    release from a feed learns of the withdrawal there.
    """
    lang = index.lang
    feeds = [
        Feed(
            label(lang, "feed_title", site=site_name),
            lang,
            index.root,
            *main_feed_paths(index.root),
            index.all_releases[:FEED_SIZE],
        )
    ]
    by_topic: dict[str, list[Release]] = {}
    for release in index.all_releases:
        for topic in release.meta.topics:
            bucket = by_topic.setdefault(topic, [])
            if len(bucket) < FEED_SIZE:
                bucket.append(release)
    for topic in index.topics():
        feeds.append(
            Feed(
                label(lang, "topic_feed_title", site=site_name, name=topic.name),
                lang,
                topic.path,
                f"{topic.path}atom.xml",
                f"{topic.path}rss.xml",
                by_topic.get(topic.id, []),
            )
        )
    return feeds


def main_feed_paths(root: str) -> tuple[str, str]:
    """The Atom and RSS feeds of all releases of the news section at ``root``."""
    return f"{root}atom.xml", f"{root}rss.xml"


def _entry_text(release: Release, lang: str) -> tuple[str, str]:
    """(title, summary) of a feed entry: a withdrawal or the latest correction is said first."""
    meta = release.meta
    if meta.withdrawn is not None:
        day = format_date(meta.withdrawn.at.astimezone(KST).date(), lang)
        notice = label(lang, "withdrawn", date=day, explanation=meta.withdrawn.explanation)
        return label(lang, "withdrawn_feed_title", title=meta.title), notice
    if meta.changes:
        last = max(meta.changes, key=lambda change: change.at)
        note = label(lang, "updated_feed_note", moment=format_datetime(last.at, lang), note=last.note)
        return meta.title, f"{note} {meta.summary}".strip()
    return meta.title, meta.summary


def _generator(
    feed: Feed, site_url: str, topic_names: dict[str, str], author: str, self_link: tuple[str, str], rss: bool = False
) -> FeedGenerator:
    """The feed; ``self_link`` is (path, media type) of the feed file itself."""
    generator = FeedGenerator()
    listing_url = site_url + feed.listing_path
    generator.id(listing_url)
    generator.title(feed.title)
    generator.author({"name": author})
    generator.language(feed.lang)
    self_path, self_type = self_link
    # feedgen writes the last link added as RSS's channel <link>: the self link first, so that <link> names the
    # HTML listing (Atom keeps both, in the same order).
    generator.link(href=site_url + self_path, rel="self", type=self_type)
    generator.link(href=listing_url, rel="alternate", type="text/html", hreflang=feed.lang)
    generator.description(feed.title)
    generator.generator("newsroom")
    # An empty feed has no moment of its own: feedgen would take the clock, and no two builds would agree.
    latest = max((release.updated_at for release in feed.releases), default=EMPTY_FEED_UPDATED)
    generator.updated(latest)
    generator.lastBuildDate(latest)
    # feedgen writes entries in reverse order of adding; add oldest first so the newest comes first.
    kinds_url = f"{site_url}{language_root(feed.lang)}news/kinds/"
    for release in reversed(feed.releases):
        meta = release.meta
        url = site_url + release.path
        title, summary = _entry_text(release, feed.lang)
        entry = generator.add_entry()
        entry.id(url)
        entry.title(title)
        entry.link(href=url, rel="alternate", type="text/html", hreflang=release.lang)
        entry.published(release.published_at)
        # Atom readers see a correction or withdrawal by the entry's new <updated>.
        entry.updated(release.updated_at)
        if rss and release.updated_at != release.published_at:
            # RSS has no <updated>: a corrected or withdrawn release becomes a new item (new guid, dated then).
            moment = release.updated_at.astimezone(KST).strftime("%Y%m%dT%H%M")
            entry.guid(f"{url}#updated-{moment}", permalink=False)
            entry.pubDate(release.updated_at)
        else:
            entry.guid(url, permalink=True)
        if summary:
            entry.summary(summary)
            entry.description(summary)
        if meta.department:
            entry.author({"name": meta.department})
        entry.category(term=meta.kind.value, scheme=kinds_url, label=KIND_NAMES[feed.lang][meta.kind])
        for topic in meta.topics:
            entry.category(term=topic, label=topic_names.get(topic) or TOPICS[topic][feed.lang])  # type: ignore[index]
    return generator


def render(feed: Feed, site_url: str, topic_names: dict[str, str], author: str) -> tuple[bytes, bytes]:
    """(Atom, RSS) bytes of a feed, with absolute URLs below ``site_url`` (which ends in '/')."""
    atom = _generator(feed, site_url, topic_names, author, (feed.atom_path, "application/atom+xml")).atom_str(
        pretty=True
    )
    rss_generator = _generator(feed, site_url, topic_names, author, (feed.rss_path, "application/rss+xml"), rss=True)
    rss = rss_generator.rss_str(pretty=True)
    return atom, rss

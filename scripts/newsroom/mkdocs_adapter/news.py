"""The news section in the build: releases from front matter, embargo, generated listings, release pages, feeds.

All decisions live in ``newsroom.site``; this module only moves data between MkDocs and it:
- before static-i18n sees the files, embargoed releases are taken out (so no page, fallback,
  sitemap entry or search record exists for them);
- after it, listing, archive and topic pages of the build's language are added as generated files;
- each page gets a ``newsroom_news`` context that ``overrides/`` templates display;
- after the build, the language's Atom and RSS feeds, and redirect pages at the former addresses of
  moved releases, are written into its folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.csp import secured
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.model.pages import split as split_page
from newsroom.site import feeds as feed_module
from newsroom.site.catalogue import (
    Catalogue,
    PageError,
    Release,
    ReleaseError,
    forget_parsed,
    is_release_source,
    language_root,
    load_releases_apart,
    plain_page_errors,
)
from newsroom.site.index import Listing, NewsIndex
from newsroom.site.labels import LABELS, OTHER_LANGUAGE
from newsroom.site.redirects import redirect_html
from newsroom.site.views import (
    HeadView,
    ListingInputs,
    NewsContext,
    ReleaseInputs,
    description,
    held_page,
    list_item,
    listing_inputs,
    listing_page_view,
    listing_view,
    main_feed,
    release_inputs,
    release_page_context,
    topic_feed,
    unreadable_page,
)

LATEST_MARKER = "<!-- newsroom:latest -->"
RELEASE_TEMPLATE = "release.html"
LISTING_TEMPLATE = "news-listing.html"
TOPICS_TEMPLATE = "news-topics.html"
LATEST_PARTIAL = "partials/news-latest.html"
LEADING_H1 = re.compile(r"\A\s*#\s+[^\n]*\n")


def _src_uri(path: str) -> str:
    """A generated page's source name, shaped like its output: 'en/news/page/2/' -> 'en/news/page/2/index.md'."""
    return f"{path}index.md"


class NewsFeature(Feature):
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.index: NewsIndex | None = None
        self.listings: dict[str, Listing] = {}
        self.topics_page = ""
        self.unreadable: list[PageError] = []  # pages shown as their error, under `mkdocs serve` only
        self.held: dict[Path, tuple[str, str, str]] = {}  # held releases shown marked, under `mkdocs serve` only
        # Each release page's inputs, from its key (the incremental feature) to its page context (``release_context``).
        self.inputs: dict[str, ReleaseInputs] = {}
        self.ends_with_build = False  # a worker of the parallel build: nothing is read after its build

    # -- files -------------------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        now = self.options.now or dt.datetime.now(dt.UTC)
        try:
            self.catalogue = Catalogue(self._read_pages(docs_dir, files), now)
            _ = self.catalogue.redirects  # an old address that clashes stops the build here, naming the file
        except ReleaseError as error:
            raise PluginError(f"newsroom: {error}") from error
        self.index = NewsIndex(self.catalogue, build_language(config))
        self.inputs = {}
        # One held language version holds back its translations too: each is shown with the held condition.
        conditions = {
            r.meta.translation_key: r.meta.embargo_held for r in self.catalogue.releases if r.meta.embargo_held
        }
        held = {r.source: r for r in self.catalogue.releases if r.meta.translation_key in conditions}
        self.held = {}
        for source in self.catalogue.withheld_sources:
            file = files.get_file_from_path(source)
            if file is None:
                continue
            if self.serving and source in held:
                # The press officer previewing sees a held release, marked as held; publishing builds never do.
                release = held[source]
                condition = conditions[release.meta.translation_key] or ""
                self.held[(docs_dir / source).resolve()] = (release.meta.title, condition, release.lang)
                continue
            files.remove(file)
        return files

    def _read_pages(self, docs_dir: Path, files: Files) -> list[Release]:
        """Every release, after every page's front matter has been read.

        A page that cannot be read stops a build for publishing, naming the file and line. Under
        `mkdocs serve` it shows its error at its own address instead (``on_files_localized``), so the
        person editing sees it in the browser while the rest of the site is served.
        """
        releases, broken = load_releases_apart(docs_dir)
        plain = [f.src_uri for f in files.documentation_pages() if not is_release_source(f.src_uri)]
        unreadable: list[PageError] = [*broken, *plain_page_errors(docs_dir, plain)]
        if unreadable and not self.serving:
            raise PluginError(f"newsroom: {unreadable[0]}")
        for error in unreadable:
            # Printed, not logged: `mkdocs serve --strict` would count a logged error and refuse the whole site.
            print(f"ERROR    -  newsroom: {error}", file=sys.stderr)
        self.unreadable = unreadable
        return releases

    def _show_unreadable(self, files: Files, docs_dir: Path, lang: str) -> None:
        # After static-i18n has sorted the files: it replaces File objects, and in one language's build a path
        # may lead to the other language's version, so the page is matched by the file on disk.
        if not self.unreadable:
            return
        broken = {(docs_dir / error.source).resolve(): error for error in self.unreadable}
        for file in files.documentation_pages():
            error = broken.get(Path(file.abs_src_path).resolve()) if file.abs_src_path else None
            if error is not None:
                source = file.abs_src_path
                file.content_string = unreadable_page(error, lang)
                file.abs_src_path = source  # still the file on disk, for anything that sorts files by it

    def _show_held(self, files: Files) -> None:
        # As _show_unreadable: after static-i18n has sorted the files, matched by the file on disk.
        for file in files.documentation_pages():
            held = self.held.get(Path(file.abs_src_path).resolve()) if file.abs_src_path else None
            if held is not None:
                source = file.abs_src_path
                title, condition, lang = held
                file.content_string = held_page(title, condition, split_page(file.content_string).body, lang)
                file.abs_src_path = source

    def on_files_localized(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None and self.index is not None
        lang = self.index.lang
        self._show_unreadable(files, Path(config.docs_dir), lang)
        self._show_held(files)
        other = OTHER_LANGUAGE[lang]
        other_paths = set(NewsIndex(self.catalogue, other).listing_paths())
        existing = {file.url: file for file in files.documentation_pages()}
        self.listings = {}
        for listing in self.index.listings():
            self.listings[listing.path] = listing
            if listing.path in existing:  # the hand-written news/index.md introduces the first page
                continue
            meta = {"title": listing.title, "search": {"exclude": True}}
            counterpart = self._counterpart_path(listing.path, lang, other, other_paths)
            files.append(self._generated(config, listing.path, meta, listing.title, lang, counterpart))
        self.topics_page = self.index.topics_path
        if self.topics_page not in existing:
            title = LABELS[lang]["topics"]
            counterpart = language_root(other) + self.topics_page.removeprefix(language_root(lang))
            files.append(
                self._generated(
                    config, self.topics_page, {"title": title, "search": {"exclude": True}}, title, lang, counterpart
                )
            )
        return files

    @staticmethod
    def _counterpart_path(path: str, lang: str, other: str, other_paths: set[str]) -> str:
        candidate = language_root(other) + path.removeprefix(language_root(lang))
        return candidate if candidate in other_paths else language_root(other) + "news/"

    @staticmethod
    def _generated(config: MkDocsConfig, path: str, meta: dict[str, Any], title: str, lang: str, other: str) -> File:
        # Front matter as JSON, which YAML reads as it is: a fraction of yaml.safe_dump's time, for thousands of pages.
        content = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n# {title}\n"
        file = File.generated(config, _src_uri(path), content=content)
        counterpart = File(_src_uri(other), None, config.site_dir, config.use_directory_urls)
        key = _src_uri(path.removeprefix(language_root(lang)))
        internals.mark_localized(file, lang, key, {lang: file, OTHER_LANGUAGE[lang]: counterpart})
        return file

    # -- pages -------------------------------------------------------------------------------------

    def _release_of(self, page: Page) -> Release | None:
        return self.catalogue.by_source.get(page.file.src_uri) if self.catalogue else None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        release = self._release_of(page)
        if release is not None:
            page.meta["template"] = RELEASE_TEMPLATE
            page.meta.setdefault("description", description(release))
            # The release template shows the headline from front matter; a heading repeating it would double it.
            return LEADING_H1.sub("", markdown, count=1)
        if page.url in self.listings:
            page.meta["template"] = LISTING_TEMPLATE
        elif page.url == self.topics_page:
            page.meta["template"] = TOPICS_TEMPLATE
        return markdown

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        if self.catalogue is None or self.index is None:
            return
        index = self.index
        lang = index.lang
        site_name = str(config.site_name)
        feeds = [main_feed(lang, site_name)]
        release = self._release_of(page)
        listing = self.listings.get(page.url)
        news = NewsContext(head=HeadView(feeds=feeds), labels=LABELS[lang])
        if release is not None:
            news = self.release_context(release, config)
        elif listing is not None:
            if listing.kind == "topic":
                feeds = [*feeds, topic_feed(lang, listing.key, site_name)]
            view = listing_page_view(self.listing_inputs(listing), site_name)
            news = NewsContext(head=HeadView(feeds=feeds), listing=view, labels=LABELS[lang])
        elif page.url == self.topics_page:
            first = next(iter(self.listings.values()), None)
            if first is not None:
                news = NewsContext(
                    head=HeadView(feeds=feeds), listing=listing_view(index, first, site_name), labels=LABELS[lang]
                )
        context["newsroom_news"] = news
        if page.content and LATEST_MARKER in page.content:
            page.content = page.content.replace(LATEST_MARKER, self._latest_html(page, config))

    def page_inputs(self, release: Release) -> ReleaseInputs:
        """Everything ``release``'s page in this build shows (a fallback copy when languages differ).

        Plain Python over the catalogue: the incremental feature keys a release page by it before MkDocs reads it.
        Made once per page and build: kept until the page's context takes it (``release_context``).
        """
        assert self.catalogue is not None and self.index is not None
        inputs = self.inputs.get(release.source)
        if inputs is None:
            self.inputs[release.source] = inputs = release_inputs(self.catalogue, self.index, release)
        return inputs

    def listing_inputs(self, listing: Listing) -> ListingInputs:
        """Everything ``listing``'s page shows; plain Python over the index (the incremental feature keys by it)."""
        assert self.index is not None
        return listing_inputs(self.index, listing)

    def release_context(self, release: Release, config: MkDocsConfig) -> NewsContext:
        """What the templates of ``release``'s page in this build are given: made from ``page_inputs`` alone."""
        inputs = self.page_inputs(release)
        self.inputs.pop(release.source, None)  # a page's context is made once; its inputs are not needed again
        return release_page_context(inputs, str(config.site_name), str(config.site_url or "/"))

    def _latest_html(self, page: Page, config: MkDocsConfig) -> str:
        assert self.index is not None
        lang = self.index.lang
        items = [list_item(release, lang) for release in self.index.latest()]
        template = config.theme.get_env().get_template(LATEST_PARTIAL)
        return template.render(
            items=items,
            links={item.path: get_relative_url(item.path, page.url) for item in items},
            all_link=get_relative_url(self.index.root, page.url),
            labels=LABELS[lang],
        )

    # -- feeds -------------------------------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.index is None or self.catalogue is None:
            return
        self._write_redirects(config)
        site_dir = Path(config.site_dir)
        site_url = str(config.site_url or "/")
        site_name = str(config.site_name)
        topic_names = {topic.id: topic.name for topic in self.index.topics()}
        author = LABELS[self.index.lang]["organisation"]
        for feed in feed_module.feeds_of(self.index, site_name):
            atom, rss = feed_module.render(feed, site_url, topic_names, author)
            for path, data in ((feed.atom_path, atom), (feed.rss_path, rss)):
                target = site_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        if self.ends_with_build:
            self._forget()

    def _forget(self) -> None:
        """Drop the releases read for this build: the search index is built next, and at 2 x 10,000 releases they
        are about a hundred MB that its postings can use instead."""
        self.catalogue, self.index, self.listings, self.inputs = None, None, {}, {}
        forget_parsed()

    def _write_redirects(self, config: MkDocsConfig) -> None:
        assert self.catalogue is not None and self.index is not None
        site_dir = Path(config.site_dir)
        site_url = str(config.site_url or "/")
        try:
            redirects = self.catalogue.redirects
        except ReleaseError as error:
            raise PluginError(f"newsroom: {error}") from error
        for redirect in redirects:
            if redirect.release.lang != self.index.lang:
                continue
            target = site_dir / redirect.path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written after MkDocs rendered every page, so the CSP feature never sees it: secured here.
            html = secured(self, redirect.path, redirect_html(redirect, site_url))
            target.write_text(html, encoding="utf-8")

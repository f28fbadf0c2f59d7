"""Incremental builds in the build: a memoized page whose key is unchanged keeps its earlier output.

Active only in a worker of the parallel build given a state folder (``make build``); ``mkdocs build`` and
``mkdocs serve`` never see it. Memoized: release pages (and their fallback copies) and the generated listing and
topic pages. A page's key (``newsroom.incremental.state.page_key``) is taken from exactly what its templates are
given, on top of the global fingerprint (which covers config, theme, code, packages, plain pages and the embargo):

- a **release page** is keyed before MkDocs or static-i18n see the files (``on_files``), from the plain-Python
  model: the inputs its news view is made from (``NewsFeature.page_inputs``: the release by its source file and the
  hash of the bytes it was read from; its translation's and neighbours' headlines and links; the kinds listed), the
  site's name and address, the files of every language at its path (they make its language links and switcher) and,
  once the build knows it, the search layout. The views are never made for the key (``views.release_page_context``
  makes them from those inputs alone). When the key is the recorded one, its files leave the build there: nothing
  reads, converts or renders them; the earlier output stays in the site (the parallel build's ``update_site``), its
  search documents and sitemap entry come from the record, and a stand-in file (``internals.kept_page_file``) lets
  links from rebuilt pages to it resolve, anchors checked;
- a **listing or topic page** is keyed from its page context (the news and i18n views, switcher, search layout,
  title) and kept through ``internals.defer_page_builds``.

Rules that send a page down the full path: a release whose source names a Markdown file (a link to another page:
its output would follow that page's address) is always rendered; when pages were kept before the search layout
was known and the layout turns out not to be the recorded one, the language is built again without the state
(``LayoutChanged``, caught by the parallel build).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.incremental import state as incremental
from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.mkdocs_adapter.i18n import I18nFeature
from newsroom.mkdocs_adapter.news import NewsFeature
from newsroom.mkdocs_adapter.search import SearchFeature
from newsroom.search.index import IndexedPage
from newsroom.search.memo import StoredPage
from newsroom.site.catalogue import is_release_source, source_digest
from newsroom.site.views import ListingInputs, ReleaseInputs, list_item, mention

COMPILED_TEMPLATES = "templates"  # in the state folder
# A link to another page (MkDocs' Markdown extensions): such a release is rendered every time.
PAGE_LINK = re.compile(rb"\.(?:md|markdown|mdown|mkdn|mkd)\b")


def _inputs_token(docs_dir: Path, inputs: ReleaseInputs) -> str | None:
    """``inputs`` as text for a key: the release by its source file and the hash of the bytes it was read from, the
    rest as it is; None when the release was not read through the catalogue's reader (it is not memoized then)."""
    digest = source_digest(docs_dir, inputs.release.source)
    if digest is None:
        return None
    rest = (inputs.lang, inputs.counterpart, inputs.previous, inputs.following, inputs.kinds)
    return f"{inputs.release.source} {digest.hex()}\n{rest!r}"


def _listing_token(inputs: ListingInputs, items: dict[int, str], shared: dict[int, str]) -> str:
    """``inputs`` as text for a key: the listing as it is but for its releases, each shown as its listing item (made
    once per release: ``items``), and those published only in the other language, shown as headlines and links; the
    links by year, topic and kind (the same few lists on every page: ``shared``)."""
    listing = inputs.listing
    parts = [repr((inputs.lang, replace(listing, releases=(), other_only=())))]
    for links in (inputs.years, inputs.topics, inputs.kinds):
        text = shared.get(id(links))
        if text is None:
            shared[id(links)] = text = repr(links)
        parts.append(text)
    parts += [repr(mention(release)) for release in listing.other_only]
    parts.append("items")
    for release in listing.releases:
        item = items.get(id(release))
        if item is None:
            items[id(release)] = item = repr(list_item(release, inputs.lang))
        parts.append(item)
    return "\n".join(parts)


class IncrementalRun:
    """What a worker is given: the global fingerprint, the earlier state, and where to leave its own records."""

    def __init__(self, fingerprint: str, state_dir: Path, records_out: Path, use_state: bool) -> None:
        self.fingerprint = fingerprint
        self.state_dir = state_dir
        self.records_out = records_out
        self.use_state = use_state


class IncrementalFeature(Feature):
    def __init__(self, i18n: I18nFeature, news: NewsFeature, search: SearchFeature) -> None:
        self.i18n = i18n
        self.news = news
        self.search = search
        self.run: IncrementalRun | None = None
        self.fingerprint = ""
        self.previous: incremental.LanguageState | None = None
        self.store: incremental.OutputStore | None = None
        self.records: dict[str, incremental.PageRecord] = {}
        self.release_keys: dict[str, str] = {}  # release page output -> its key without the search layout
        self.listing_keys: dict[str, str] = {}  # listing page output -> its key without the search layout
        self.kept: list[tuple[str, str, incremental.PageRecord]] = []  # (output, source, record) kept in on_files
        self.kept_outputs: set[str] = set()  # outputs left to the parallel build to take from the state
        self.keys: dict[str, str] = {}
        self.marks: dict[str, int] = {}
        self.reused = 0
        self.rendered = 0

    # -- release pages: keyed from the model, before MkDocs reads them ---------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Before static-i18n (the plugin's raw files event) and after the news feature took embargoed releases out.
        if self.run is None or self.news.catalogue is None:
            return files
        self.fingerprint = incremental.with_embargo(self.run.fingerprint, self.news.catalogue.withheld_sources)
        previous = incremental.load_language_state(self.run.state_dir, build_language(config))
        if self.run.use_state and previous is not None and previous.fingerprint == self.fingerprint:
            self.previous = previous
            self.store = incremental.OutputStore(self.run.state_dir)
            self.search.earlier = {doc.url: doc for record in previous.records.values() for doc in record.search}
        leaving: set[int] = set()
        docs_dir = Path(config.docs_dir)
        site = f"{config.site_name}\n{config.site_url}"
        for dest, chosen, at_path in self._release_pages(files, config):
            release = self.news.catalogue.by_source.get(chosen.src_uri)
            inputs = self.news.page_inputs(release) if release is not None else None
            token = _inputs_token(docs_dir, inputs) if inputs is not None else None
            if token is None:
                continue
            views = (site, token, sorted(f.src_uri for f in at_path), chosen.src_uri)
            key = incremental.page_key(self.fingerprint, dest, b"", views)
            record = self._kept_record(dest, key)
            if record is not None:
                # Recorded with this key, so its source (these very bytes) names no Markdown file.
                self.release_keys[dest] = key
                leaving.update(id(file) for file in at_path)
                self.kept.append((dest, chosen.src_uri, record))
                continue
            source = Path(chosen.abs_src_path).read_bytes() if chosen.abs_src_path else b""
            if source and not PAGE_LINK.search(source):
                self.release_keys[dest] = key
        if not leaving:
            return files
        return Files([file for file in files if id(file) not in leaving])

    def _kept_record(self, dest: str, key: str) -> incremental.PageRecord | None:
        """The previous build's record of ``dest`` when it was made with ``key`` and its output is intact."""
        if self.previous is None or self.store is None:
            return None
        record = self.previous.records.get(dest)
        if (
            record is None
            or record.sitemap is None
            or record.key != incremental.with_layout(key, self.previous.shards)
            or not self.store.intact(dest)
        ):
            return None
        return record

    @staticmethod
    def _release_pages(files: Files, config: MkDocsConfig) -> list[tuple[str, File, list[File]]]:
        """Each release page this language's build makes: its output, the file it is made from, and every
        language's file at its path (static-i18n's choice in folder mode: the build language's own file, else the
        default language's as a fallback copy)."""
        lang = build_language(config)
        settings = internals.i18n_plugin_settings(config)
        default = settings.default_language if settings else lang
        fallback = settings.fallback_to_default if settings else False
        by_path: dict[str, dict[str, File]] = {}
        for file in files:
            if is_release_source(file.src_uri) and file.is_documentation_page() and file.inclusion.is_included():
                file_lang, path = file.src_uri.split("/", 1)
                by_path.setdefault(path, {})[file_lang] = file
        root = "" if lang == default else f"{lang}/"
        pages: list[tuple[str, File, list[File]]] = []
        for at_path in by_path.values():
            chosen_lang = lang if lang in at_path else default if fallback and default in at_path else None
            if chosen_lang is None:
                continue
            chosen = at_path[chosen_lang]
            pages.append((root + chosen.dest_uri.removeprefix(f"{chosen_lang}/"), chosen, list(at_path.values())))
        return pages

    def on_files_localized(self, files: Files, config: MkDocsConfig) -> Files:
        if self.run is None or self.news.catalogue is None:
            return files
        if self.store is not None and self.kept:
            # Their outputs are not written here: the parallel build leaves the kept files of the site as they are.
            for dest, src_uri, record in self.kept:
                files.append(internals.kept_page_file(config, src_uri, dest, record.anchors))
                self.search.documents.extend(record.search)
                self.records[dest] = record
                self.kept_outputs.add(dest)
            self.reused += len(self.kept)
        return self._keep_listings(files, config)

    # -- listing pages: keyed from the model once the news feature made their files, before MkDocs reads them ----

    def _keep_listings(self, files: Files, config: MkDocsConfig) -> Files:
        """Key each generated listing page from what it shows (``NewsFeature.listing_inputs``), its source (the
        generated front matter and heading) and its languages' files; a page whose key is the recorded one leaves
        the build as a kept release does, for a stand-in."""
        site = f"{config.site_name}\n{config.site_url}"
        items: dict[int, str] = {}  # each release's listing item, as text, made once for all the pages it is on
        shared: dict[int, str] = {}  # the links by year, topic and kind, as text, made once per variant
        stand_ins: list[tuple[File, File]] = []
        for file in list(files):
            listing = self.news.listings.get(file.url) if file.generated_by is not None else None
            if listing is None:
                continue
            inputs = self.news.listing_inputs(listing)
            token = _listing_token(inputs, items, shared)
            languages = sorted((lang, alt.src_uri) for lang, alt in internals.file_alternates(file).items())
            views = (site, token, languages, file.src_uri)
            dest = file.dest_uri
            self.listing_keys[dest] = key = incremental.page_key(self.fingerprint, dest, file.content_bytes, views)
            record = self._kept_record(dest, key)
            if record is not None:
                stand_ins.append((file, internals.kept_page_file(config, file.src_uri, dest, record.anchors)))
                self.search.documents.extend(record.search)
                self.records[dest] = record
                self.kept_outputs.add(dest)
                self.kept.append((dest, file.src_uri, record))
                self.reused += 1
        # In place: after static-i18n, ``files`` is its own collection, which finds each language's pages.
        for generated, stand_in in stand_ins:
            files.remove(generated)
            files.append(stand_in)
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # After the search feature counted the pages (the layout) and the i18n feature started its sitemap.
        if self.run is not None:
            env.bytecode_cache = self._compiled_templates(self.run)
        if not self.kept:
            return env
        assert self.previous is not None
        if self.search.shards != self.previous.shards:
            raise incremental.LayoutChanged(f"search layout {self.previous.shards} -> {self.search.shards} shards")
        for _dest, _src_uri, record in self.kept:
            assert record.sitemap is not None
            self.i18n.add_sitemap_entry(*record.sitemap)
        return env

    @staticmethod
    def _compiled_templates(run: IncrementalRun) -> FileSystemBytecodeCache:
        """Jinja's cache of compiled templates, in the state: each worker compiled the theme's fifty templates anew
        (a third of a second). Jinja checks each template's source; the folder is the global fingerprint's (the
        code, packages and theme that make the environment), and those of earlier fingerprints are removed."""
        root = run.state_dir / COMPILED_TEMPLATES
        folder = root / run.fingerprint[:16]
        if root.is_dir():
            for other in root.iterdir():
                if other != folder:
                    shutil.rmtree(other, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    # -- listing and topic pages: keyed from their context ----------------------------------------------------

    def memoized(self, page: Page) -> bool:
        file = page.file
        if is_release_source(file.src_uri):
            return file.dest_uri in self.release_keys
        return file.generated_by is not None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        if self.run is None or self.news.catalogue is None:
            return
        internals.defer_page_builds(self.patches, self._deferred, self._reuse)

    def _deferred(self, page: Page) -> bool:
        # The generated pages not keyed before MkDocs (the topics page): keyed from their context.
        if self.previous is None or self.store is None or page.file.generated_by is None:
            return False
        path = page.file.dest_uri
        if path in self.listing_keys:
            return False
        return path in self.previous.records and self.store.intact(path)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        if self.run is None or not self.memoized(page):
            return
        path = page.file.dest_uri
        early = self.release_keys.get(path) or self.listing_keys.get(path)
        if early is not None:
            self.keys[path] = incremental.with_layout(early, self.search.shards)
        else:
            views = (
                context.get("newsroom_news"),
                context.get("newsroom_i18n"),
                internals.switcher(config),
                self.search.shards,
                page.title,
            )
            self.keys[path] = incremental.page_key(self.fingerprint, path, page.file.content_bytes, views)
        self.marks[path] = len(self.search.documents)

    def _reuse(self, page: Page, context: dict[str, Any]) -> bool:
        assert self.previous is not None and self.store is not None
        path = page.file.dest_uri
        record = self.previous.records.get(path)
        if record is None or record.key != self.keys.get(path):
            return False
        self.kept_outputs.add(path)
        self.search.documents.extend(record.search)
        internals.set_anchor_ids(page, record.anchors)
        self.records[path] = record
        self.reused += 1
        return True

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        path = page.file.dest_uri
        if self.run is None:
            return output
        if path not in self.keys:
            if is_release_source(page.file.src_uri):
                self.rendered += 1  # a release that links to another page: rendered every time, never recorded
            return output
        entry = self.i18n.sitemap_entry(build_language(config), page.url)
        self.records[path] = incremental.PageRecord(
            key=self.keys[path],
            search=self.search.documents[self.marks[path] :],
            anchors=internals.anchor_ids(page),
            sitemap=(page.url, entry) if entry is not None else None,
        )
        self.rendered += 1
        return output

    def _store_documents(self) -> None:
        """The rendered pages' search documents as the state keeps them (``memo.StoredPage``), once the index is
        written (the search feature's ``on_post_build`` runs first). Not while the build runs: at 2 x 10,000 the
        pickled documents of the Korean build are about 75 MB, held beside the documents themselves through the
        index's own peak. Each document is pickled twice (for the index's digest, then here), a few tenths of a
        second at 2 x 10,000."""
        for record in self.records.values():
            if any(isinstance(doc, IndexedPage) for doc in record.search):
                record.search = [StoredPage.of(doc) if isinstance(doc, IndexedPage) else doc for doc in record.search]

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.run is None:
            return
        self._store_documents()
        state = incremental.LanguageState(self.fingerprint, self.records, self.search.shards, self.kept_outputs)
        incremental.save_language_state(self.run.records_out, state)
        digest = hashlib.sha256(self.fingerprint.encode()).hexdigest()[:12]
        print(
            f"INFO    -  [{build_language(config)}] incremental: {self.rendered} pages rendered, "
            f"{self.reused} kept (state {digest}), {time.process_time():.2f} s CPU",
            flush=True,
        )

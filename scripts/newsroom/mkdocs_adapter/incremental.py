"""Incremental builds in the build: a memoized page whose key is unchanged keeps its earlier output.

Active only in a worker of the parallel build given a state folder (``make build``); ``mkdocs build`` and
``mkdocs serve`` never see it. Memoized: release pages (and their fallback copies) and the generated
listing and topic pages. A page's key (``newsroom.incremental.state.page_key``) is taken from exactly what its
templates are given: its source bytes and the views the news and i18n features put in its context, the
switcher, and the search layout, on top of the global fingerprint (which covers config, theme, code,
packages, plain pages and the embargo). When the key is the recorded one, the earlier file is put in place
and what the build collects from a page (its search documents, its anchors) is taken from the record.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.incremental import state as incremental
from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.mkdocs_adapter.news import NewsFeature
from newsroom.mkdocs_adapter.search import SearchFeature
from newsroom.site.catalogue import is_release_source


class IncrementalRun:
    """What a worker is given: the global fingerprint, the earlier state, and where to leave its own records."""

    def __init__(self, fingerprint: str, state_dir: Path, records_out: Path, use_state: bool) -> None:
        self.fingerprint = fingerprint
        self.state_dir = state_dir
        self.records_out = records_out
        self.use_state = use_state


class IncrementalFeature(Feature):
    def __init__(self, news: NewsFeature, search: SearchFeature) -> None:
        self.news = news
        self.search = search
        self.run: IncrementalRun | None = None
        self.fingerprint = ""
        self.previous: incremental.LanguageState | None = None
        self.store: incremental.OutputStore | None = None
        self.records: dict[str, incremental.PageRecord] = {}
        self.keys: dict[str, str] = {}
        self.marks: dict[str, int] = {}
        self.reused = 0
        self.rendered = 0

    @staticmethod
    def memoized(page: Page) -> bool:
        file = page.file
        return is_release_source(file.src_uri) or file.generated_by is not None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        if self.run is None or self.news.catalogue is None:
            return
        self.fingerprint = incremental.with_embargo(self.run.fingerprint, self.news.catalogue.withheld_sources)
        previous = incremental.load_language_state(self.run.state_dir, build_language(config))
        if self.run.use_state and previous is not None and previous.fingerprint == self.fingerprint:
            self.previous = previous
            self.store = incremental.OutputStore(self.run.state_dir)
        internals.defer_page_builds(self.patches, self._deferred, self._reuse)

    def _deferred(self, page: Page) -> bool:
        if self.previous is None or self.store is None or not self.memoized(page):
            return False
        path = page.file.dest_uri
        return path in self.previous.records and self.store.intact(path)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        if self.run is None or not self.memoized(page):
            return
        views = (
            context.get("newsroom_news"),
            context.get("newsroom_i18n"),
            internals.switcher(config),
            self.search.shards,
            page.title,
        )
        path = page.file.dest_uri
        self.keys[path] = incremental.page_key(self.fingerprint, path, page.file.content_bytes, views)
        self.marks[path] = len(self.search.documents)

    def _reuse(self, page: Page, context: dict[str, Any]) -> bool:
        assert self.previous is not None and self.store is not None
        path = page.file.dest_uri
        record = self.previous.records.get(path)
        if record is None or record.key != self.keys.get(path):
            return False
        self.store.place(path, Path(page.file.abs_dest_path))
        self.search.documents.extend(record.search)
        internals.set_anchor_ids(page, record.anchors)
        self.records[path] = record
        self.reused += 1
        return True

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        path = page.file.dest_uri
        if self.run is None or path not in self.keys:
            return output
        self.records[path] = incremental.PageRecord(
            key=self.keys[path],
            search=list(self.search.documents[self.marks[path] :]),
            anchors=internals.anchor_ids(page),
        )
        self.rendered += 1
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.run is None:
            return
        state = incremental.LanguageState(self.fingerprint, self.records)
        incremental.save_language_state(self.run.records_out, state)
        digest = hashlib.sha256(self.fingerprint.encode()).hexdigest()[:12]
        print(
            f"INFO    -  [{build_language(config)}] incremental: {self.rendered} pages rendered, "
            f"{self.reused} kept (state {digest})",
            flush=True,
        )

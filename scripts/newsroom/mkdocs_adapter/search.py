"""Search feature: one small sharded index per language, written after each language's build.

Replaces Material's search plugin, which writes every language into one file that every visitor
downloads whole. The index logic is plain Python in ``newsroom.search``; this module only picks
the pages (those really written in the build language; embargoed releases are not built at all), hands their text over
and puts the result under ``/search/`` (Korean) or ``/en/search/`` (English). In a build with a state folder
(``make build``) the index is kept there, a new release is appended to it and an edited one changed in place
(``newsroom.search.memo``).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from types import SimpleNamespace

from babel.dates import format_date
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.model.release import ReleaseMeta, language_root
from newsroom.search.index import BUCKET, KEY_LENGTH, IndexedPage, shard_count, write_index
from newsroom.search.memo import StoredPage, write_kept_index
from newsroom.search.text import html_text
from newsroom.site.catalogue import is_release_source, load_release
from newsroom.site.labels import search_labels

INDEX_FOLDER = "search"
KEPT_FOLDER = "search"  # in the build's state folder: one kept index per language

log = logging.getLogger("mkdocs.plugins.newsroom.search")


class _HeaderSearchSlot:
    """Stands in for Material's search plugin under its name, ``material/search``.

    Material's header shows the search button and includes ``partials/search.html`` (our override)
    only when that name is among the plugins; static-i18n also looks the name up after each
    language and expects a ``search_index`` with ``entries`` and an ``on_post_build``. The slot
    offers both, empty, and is stored without registering any event, so it never runs or writes.
    """

    def __init__(self) -> None:
        self.config = SimpleNamespace(enabled=True)
        self.search_index = SimpleNamespace(entries=[])

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Called by static-i18n only; there is nothing to write."""


def _organisations(release: ReleaseMeta) -> tuple[str, ...]:
    """The contacts' organisations, each once, in order."""
    return tuple(dict.fromkeys(c.organisation.strip() for c in release.contacts if c.organisation))


class SearchFeature(Feature):
    def __init__(self) -> None:
        # A kept page's documents come from its record, as the state stores them (incremental feature).
        self.documents: list[IndexedPage | StoredPage] = []
        self.seconds = 0.0  # time spent indexing in this language build, logged at the end
        self.shards = shard_count(0)  # set per build in on_env, before any page tells the browser
        self.kept: tuple[Path, str, bool] | None = None  # state folder, fingerprint, whether to reuse what it keeps
        # The last build's documents by address (the incremental feature's records): a release changed in place is
        # taken out of the kept index as it was.
        self.earlier: dict[str, IndexedPage | StoredPage] = {}

    def keep_index(self, state_dir: Path, fingerprint: str, reuse: bool) -> None:
        """Keep the index in ``state_dir`` and append to the one kept there when the rule allows (parallel build)."""
        self.kept = (state_dir, fingerprint, reuse)

    @property
    def enabled(self) -> bool:
        # search_index: !ENV [NEWSROOM_SEARCH_INDEX, true]: benchmarks/bench_search.py times the build without it.
        return bool(self.options.search_index)

    def on_config(self, config: MkDocsConfig) -> None:
        if "material/search" not in config.plugins:
            internals.install_plugin_slot(config, "material/search", _HeaderSearchSlot())

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # A global rather than page context: 404.html renders the search box too.
        lang = build_language(config)
        prefix = language_root(lang)
        self.shards = shard_count(sum(1 for file in files if file.is_documentation_page()))
        env.globals["search_ui"] = {
            **search_labels(lang),
            "index_url": f"{prefix}{INDEX_FOLDER}/",
            "news_url": f"{prefix}news/",
            # The index layout, so that the browser's first query fetches a shard straight away.
            "key_length": KEY_LENGTH,
            "bucket": BUCKET,
            "shards": self.shards,
        }
        return env

    def indexable(self, page: Page, lang: str) -> bool:
        # static-i18n fallback pages carry Korean text under /en/: English readers must not get them.
        if (internals.file_locale(page.file) or lang) != lang:
            return False
        search_meta = (page.meta or {}).get("search")  # Material's own per-page switch
        return not (isinstance(search_meta, dict) and search_meta.get("exclude"))

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        lang = build_language(config)
        if not self.enabled or not self.indexable(page, lang):
            return output
        started = time.perf_counter()
        # A release as the news feature read it (the page reader's cache: validated once per build, not per feature);
        # its subtitles come from its front matter (the template shows them), not from its body. Other pages have
        # no date.
        source = page.file.src_uri
        release = load_release(Path(config.docs_dir), source).meta if is_release_source(source) else None
        # Embargoed releases never get here: the news feature removes them before the build (NEWSROOM_NOW aware).
        # A withdrawn release keeps its page but leaves search.
        if release is not None and (release.lang != lang or release.withdrawn is not None):
            return output
        date = release.date if release else None
        subtitles = release.subtitle if release else []
        self.documents.append(
            IndexedPage(
                url=page.url.removeprefix(language_root(lang)),
                # A plain page's own title (MkDocs' key), not its shorter navigation title.
                title=release.title if release else str(page.meta.get("title") or page.title or ""),
                text=" ".join([*subtitles, html_text(page.content or "")]).strip(),
                date=date,
                date_label=format_date(date, format="long", locale=lang) if date else "",
                department=(release.department or "").strip() if release else "",
                organisations=_organisations(release) if release else (),
            )
        )
        self.seconds += time.perf_counter() - started
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        lang = build_language(config)
        folder = Path(config.site_dir) / language_root(lang) / INDEX_FOLDER
        documents, self.documents = self.documents, []
        earlier, self.earlier = self.earlier, {}
        if not self.enabled:
            return
        started = time.perf_counter()
        if self.kept is None:
            files = len(write_index(folder, documents, lang, self.shards))
            how = ""
        else:
            state_dir, fingerprint, reuse = self.kept
            kept = state_dir / KEPT_FOLDER / lang
            written = write_kept_index(
                folder, documents, lang, self.shards, kept=kept, fingerprint=fingerprint, reuse=reuse, earlier=earlier
            )
            files = written.files
            appended = f"appended, {written.in_place} in place" if written.in_place else "appended"
            how = f" ({written.written} written, {appended if written.appended else 'whole: ' + written.reason})"
        seconds, self.seconds = self.seconds + time.perf_counter() - started, 0.0
        message = f"search: {len(documents)} {lang} pages, {files} index files{how}, {seconds:.2f} s"
        if self.kept is None:
            log.info(message)
        else:  # a worker of the parallel build, which shows its own summary lines, as the incremental feature does
            print(f"INFO    -  [{lang}] {message}", flush=True)

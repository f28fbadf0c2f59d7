"""One Markdown converter per build, reset between pages, instead of a new one per page; in the parallel build,
the default language's Markdown shared with a helper process.

MkDocs 1.6 builds a ``markdown.Markdown`` with every extension for each page: 0.66 ms a page
here, 7-8 % of the site's build CPU, spent loading the same extensions again and again.
Python-Markdown is made to be reused: ``reset()`` clears what a conversion leaves behind (its
own stash and references, and every extension's state through the extension's ``reset``). Its inline step
skips a pattern on a text that holds none of the characters the pattern needs (``internals.
skip_inline_patterns_that_cannot_match``: most text of a release holds no Markdown syntax at all).
This replaces ``Page.render`` with MkDocs 1.6.1's own body (``internals.render_reusing_converter``),
the converter taken from a pool keyed by the build's config. The output is the same (tests/build/
compares it with a build whose ``render_cache: false`` leaves MkDocs' own method).

**Sharing** (``share_with_helper``, the parallel build's worker of the default language only): Korean releases
are longer and carry tables, so the Korean worker spends about 1.8 times the English one's CPU, most of the
difference in Markdown (benchmarks/RESULTS.md, issue 21), and the build waits for it. At its first conversion the
worker forks a helper that reads and converts the last pages of the build (``HELPER_SHARE`` of the Markdown, by
source bytes) while the worker converts the first ones; the helper leaves each page's rendering
(``internals.RenderResult``) and the log records its conversion made in a temporary file, and the worker takes
them in place of converting those pages itself. Everything else stays in the worker: every plugin event runs there
as before (the helper's own events are discarded), so the build's state is what it was. A page the helper did not
leave (it stopped on an error, or it was not asked to) is converted by the worker, so an error is raised where it
was. The output is the same byte for byte (tests/build/ compares the parallel build with ``mkdocs build``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable
from typing import IO

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature, build_language

_converters: dict[int, tuple[MkDocsConfig, markdown.Markdown]] = {}
# The helper's part of the worker's Markdown, by source bytes. The worker goes on building pages only once every
# page is converted, so the two should finish their parts together: the worker also reads every page's source and
# runs the plugins' events, the helper reads its own pages again; about one half each (2 x 2,000 profile, RESULTS.md).
HELPER_SHARE = 0.5
# Fewer pages than this are converted by the worker alone: forking would cost more than it saves.
MIN_SHARED_PAGES = 16
RenderFunction = Callable[[Page, MkDocsConfig, Files], None]


def _converter(config: MkDocsConfig) -> markdown.Markdown:
    pooled = _converters.get(id(config))
    if pooled is not None and pooled[0] is config:
        return pooled[1].reset()
    extensions, options = config["markdown_extensions"], config["mdx_configs"] or {}
    converter = markdown.Markdown(extensions=extensions, extension_configs=options)
    internals.skip_inline_patterns_that_cannot_match(converter)
    _converters.clear()  # a new build: the previous config's converter is not needed any more
    _converters[id(config)] = (config, converter)
    return converter


def _source_size(file: File) -> int:
    if file.abs_src_path:
        try:
            return os.stat(file.abs_src_path).st_size
        except OSError:
            return 0
    return 0  # a generated page: a title and no more


def helper_part(files: list[File], share: float) -> set[str]:
    """The ``src_uri`` of the last ``files`` read from disk that hold ``share`` of all their source bytes (the first
    never). Generated pages (listings) stay with the worker: a title is nothing to convert, and an incremental build
    only reads the listing pages it keeps, which the helper would read again for nothing."""
    sizes = [_source_size(file) for file in files]
    wanted, taken = share * sum(sizes), 0
    part: set[str] = set()
    for file, size in zip(reversed(files[1:]), reversed(sizes[1:]), strict=True):
        if taken >= wanted:
            break
        if file.abs_src_path:
            part.add(file.src_uri)
            taken += size
    return part


class _Records(logging.Handler):
    """The helper's log records, kept while it converts a page (the worker logs them in its place)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.active = False
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.active:
            record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), (), None, None
            self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


class MarkdownReuseFeature(Feature):
    def __init__(self) -> None:
        self.sharing = False
        self.files: Files | None = None
        self.helper_pages: set[str] = set()
        self.helper: multiprocessing.process.BaseProcess | None = None
        self.results: IO[bytes] | None = None  # the helper's renderings, read by the worker
        self.waiting: dict[str, tuple[internals.RenderResult, list[logging.LogRecord]]] = {}
        self.started = False
        self.file_list: list[File] = []  # the build's files in order, for the helper's links between pages
        self.converted = 0  # pages whose rendering the helper gave
        self.out: IO[bytes] | None = None  # in the helper: where it leaves them
        self.places: dict[int, int] = {}  # in the helper: id(file) -> its place in the build's files
        self.sent: Page | None = None  # in the helper: the page last sent
        self.records = _Records()

    def share_with_helper(self) -> None:
        """This build's Markdown is shared with a helper process (the parallel build's default-language worker)."""
        self.sharing = True

    def on_config(self, config: MkDocsConfig) -> None:
        if self.options.render_cache:
            render = internals.render_reusing_converter(_converter)
            # Put back when the build ends (the plugin restores every patch).
            self.patches.replace(internals.page_class(), "render", self._shared(render) if self.sharing else render)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        self.files = files
        self.helper_pages, self.helper, self.results, self.waiting, self.started = set(), None, None, {}, False

    def _shared(self, render: RenderFunction) -> RenderFunction:
        def shared_render(page: Page, config: MkDocsConfig, files: Files) -> None:
            if self.out is not None:  # the helper: convert, and leave the result for the worker
                self._leave(render, page, config, files)
                return
            if not self.started and files is self.files:
                self._start_helper(config, files)
            taken = self._take(page.file.src_uri) if page.file.src_uri in self.helper_pages else None
            if taken is None:
                render(page, config, files)
                return
            result, records = taken
            internals.apply_render_result(page, result, self.file_list)
            self.converted += 1
            for record in records:
                logging.getLogger(record.name).handle(record)

        return shared_render

    def _start_helper(self, config: MkDocsConfig, files: Files) -> None:
        self.started = True
        pages = files.documentation_pages()
        if len(pages) < MIN_SHARED_PAGES:
            return
        self.helper_pages = helper_part(list(pages), HELPER_SHARE)
        self.file_list = list(files)
        self.results = tempfile.TemporaryFile()  # noqa: SIM115 - closed when read to its end or at the build's end
        context = multiprocessing.get_context("fork")
        self.helper = context.Process(
            target=self._help, args=(config, files, self.results.fileno()), name="markdown-helper", daemon=True
        )
        self.helper.start()

    def _help(self, config: MkDocsConfig, files: Files, fd: int) -> None:
        """The helper process: read and convert the pages of its part, in the build's order."""
        # Only what its conversions log goes to the worker; the rest the worker logs itself.
        logger = logging.getLogger("mkdocs")
        logger.handlers[:] = [self.records]
        self.places = {id(file): place for place, file in enumerate(files)}
        with open(fd, "wb", closefd=False) as out:
            self.out = out
            try:
                internals.populate_pages(config, files, self.helper_pages)
            except Exception:  # the worker converts what is left, and raises the error itself
                pass
            finally:
                out.flush()

    def _leave(self, render: RenderFunction, page: Page, config: MkDocsConfig, files: Files) -> None:
        assert self.out is not None
        if self.sent is not None:
            self.sent.content = None  # the helper holds no page's HTML once it is sent
        self.records.active = True
        try:
            render(page, config, files)
        finally:
            self.records.active = False
        result = internals.render_result(page, self.places)
        pickle.dump((page.file.src_uri, result, self.records.take()), self.out, protocol=pickle.HIGHEST_PROTOCOL)
        self.sent = page

    def _take(self, src_uri: str) -> tuple[internals.RenderResult, list[logging.LogRecord]] | None:
        """The helper's rendering of ``src_uri``; None when it left none (the worker converts the page)."""
        if self.helper is not None:
            self.helper.join()
            self.helper = None
            assert self.results is not None
            self.results.seek(0)
        while src_uri not in self.waiting and self.results is not None:
            try:
                source, result, records = pickle.load(self.results)
            except (EOFError, pickle.UnpicklingError):
                self.results.close()
                self.results = None
                break
            self.waiting[source] = (result, records)
        return self.waiting.pop(src_uri, None)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.results is not None:
            self.results.close()
        if self.sharing:  # a worker of the parallel build, which shows its own summary lines
            print(
                f"INFO    -  [{build_language(config)}] markdown: {self.converted} of "
                f"{len(self.helper_pages)} pages given to a helper process converted there",
                flush=True,
            )
        self.helper_pages, self.results, self.waiting, self.file_list, self.converted = set(), None, {}, [], 0

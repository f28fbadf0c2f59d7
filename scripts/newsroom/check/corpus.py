"""Every page of the docs tree, validated once, with the pairing and the URLs the rules need."""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from newsroom.check.documents import CheckedPage, Unreadable, load
from newsroom.check.markup import Structure
from newsroom.model.release import DEFAULT_LANG, LANGUAGES, Lang, PageMeta, ReleaseMeta, language_root
from newsroom.site.catalogue import Catalogue, Release
from newsroom.site.feeds import feeds_of
from newsroom.site.index import NewsIndex


def page_url(rel: PurePosixPath) -> str:
    """Site path of a page below its language root, as MkDocs writes it with use_directory_urls."""
    stem = rel.with_suffix("")
    if stem.name in ("index", "README"):
        parent = stem.parent.as_posix()
        return "" if parent == "." else f"{parent}/"
    return f"{stem.as_posix()}/"


@dataclass
class Corpus:
    """Every page of docs/ as read once by ``newsroom.model.corpus.read_page``, with the pairing and URLs rules need."""

    docs_dir: Path
    documents: list[CheckedPage]
    unreadable: list[Unreadable]
    now: dt.datetime  # embargoed releases are left out of the site until then
    release_meta: dict[Path, ReleaseMeta] = field(default_factory=dict)
    page_meta: dict[Path, PageMeta] = field(default_factory=dict)
    invalid: set[Path] = field(default_factory=set)  # front matter the model refused
    _structures: dict[Path, Structure] = field(default_factory=dict)

    @classmethod
    def read(cls, docs_dir: Path, now: dt.datetime) -> Corpus:
        documents, unreadable = load(docs_dir)
        corpus = cls(docs_dir, documents, unreadable, now)
        for document in documents:
            reading = document.reading
            if reading.release is not None:
                corpus.release_meta[document.path] = reading.release
            elif reading.page_meta is not None:
                corpus.page_meta[document.path] = reading.page_meta
            else:
                corpus.invalid.add(document.path)
        return corpus

    def structure(self, document: CheckedPage) -> Structure:
        if document.path not in self._structures:
            self._structures[document.path] = document.structure()
        return self._structures[document.path]

    def declared_languages(self, document: CheckedPage) -> list[Lang] | None:
        """The languages a page says it exists in; None when its front matter is invalid."""
        if document.path in self.release_meta:
            return self.release_meta[document.path].languages
        if document.path in self.page_meta:
            return self.page_meta[document.path].languages
        return None

    @cached_property
    def _by_source(self) -> dict[str, CheckedPage]:
        return {f"{document.lang}/{document.rel.as_posix()}": document for document in self.documents}

    @cached_property
    def _release_groups(self) -> dict[str, dict[Lang, list[CheckedPage]]]:
        groups: dict[str, dict[Lang, list[CheckedPage]]] = defaultdict(lambda: defaultdict(list))
        for document in self.documents:
            meta = self.release_meta.get(document.path)
            if meta is not None:
                groups[meta.translation_key][document.lang].append(document)
        return groups

    def counterpart(self, document: CheckedPage, lang: Lang) -> CheckedPage | None:
        """The same page in another language: releases pair by translation key, other pages by path."""
        meta = self.release_meta.get(document.path)
        if meta is not None:
            found = self._release_groups[meta.translation_key].get(lang, [])
            return found[0] if found else None
        if document.is_release:
            return None  # invalid front matter: its pairing is unknown until it is fixed
        other = self._by_source.get(f"{lang}/{document.rel.as_posix()}")
        return other if other is not None and not other.is_release else None

    def source(self, docs_relative: str) -> CheckedPage | None:
        return self._by_source.get(docs_relative)

    def fallback_source(self, docs_relative: str) -> CheckedPage | None:
        """The default-language page static-i18n builds in place of a missing translation."""
        lang, _, rest = docs_relative.partition("/")
        return self._by_source.get(f"{DEFAULT_LANG}/{rest}") if lang in LANGUAGES and lang != DEFAULT_LANG else None

    @cached_property
    def site_paths(self) -> frozenset[str]:
        """Every site path the build will have (without the leading slash), as far as files tell."""
        paths: set[str] = set()
        for document in self.documents:
            if document.is_release:
                continue  # published releases come with the news paths below; embargoed ones are left out
            page = page_url(document.rel)
            for lang in LANGUAGES:
                # static-i18n builds a missing translation from the default language (fallback_to_default).
                if lang == document.lang or document.lang == DEFAULT_LANG:
                    paths.add(language_root(lang) + page)
        paths.update(f"{language_root(lang)}404.html" for lang in LANGUAGES)
        paths.update(self._generated_news_paths())
        for path in self.docs_dir.rglob("*"):
            if not path.is_file() or path.suffix == ".md":
                continue
            relative = PurePosixPath(path.relative_to(self.docs_dir).as_posix())
            top = relative.parts[0]
            if top in LANGUAGES:
                paths.add(language_root(top) + PurePosixPath(*relative.parts[1:]).as_posix())  # type: ignore[arg-type]
            else:
                # Files outside the language folders are copied into every language's site.
                paths.update(language_root(lang) + relative.as_posix() for lang in LANGUAGES)
        return frozenset(paths)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The releases as the news feature sees them at ``now`` (it decides what the embargo holds back)."""
        releases: dict[tuple[Lang, str], Release] = {}
        for document in self.documents:
            meta = self.release_meta.get(document.path)
            if meta is not None:  # a clashing translation key is reported by its own rule
                releases.setdefault((meta.lang, meta.translation_key), Release(meta, f"{document.lang}/{document.rel}"))
        return Catalogue(list(releases.values()), self.now)

    def withheld(self, document: CheckedPage) -> bool:
        return f"{document.lang}/{document.rel}" in self.catalogue.withheld_sources

    def _generated_news_paths(self) -> set[str]:
        """Release pages, listings, archives, topic pages and feeds, as the news feature computes them."""
        paths: set[str] = set()
        for lang in LANGUAGES:
            index = NewsIndex(self.catalogue, lang)
            paths.add(index.topics_path)
            paths.update(listing.path for listing in index.listings())
            for feed in feeds_of(index, site_name=""):
                paths.update((feed.atom_path, feed.rss_path))
            paths.update(release.path for release in index.all_releases)
        # A clashing old address is reported by its own rule (record.redirect_clashes).
        with contextlib.suppress(ValueError):
            paths.update(redirect.path for redirect in self.catalogue.redirects)
        return paths

    def has_site_path(self, path: str) -> bool:
        path = path.lstrip("/")
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        return path in self.site_paths or f"{path}/" in self.site_paths


def docs_relative(document: CheckedPage, target: str) -> str | None:
    """A link target resolved like MkDocs does: relative to the source file, inside docs/."""
    joined = posixpath.normpath(posixpath.join(document.lang, document.rel.parent.as_posix(), target))
    return None if joined.startswith("..") else joined


def site_relative(document: CheckedPage, target: str) -> str:
    """A link target resolved like a browser does: relative to the page's URL (or the site root)."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/") + ("/" if target.endswith("/") else "")
    base = language_root(document.lang) + page_url(document.rel)
    joined = posixpath.normpath(posixpath.join("/" + base, target)).lstrip("/")
    return joined + ("/" if target.endswith("/") and joined else "")

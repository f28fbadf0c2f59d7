"""Language-aware head and notices: absolute hreflang with x-default, untranslated-page notice.

static-i18n builds the site once per language. What it leaves wrong, and what this feature does:
- head alternates are relative and lack x-default → the template shows the absolute set computed here;
- a page built from Korean text into /en/ (fallback) says ``<html lang="en">`` → its output is rewritten
  so that ``<html lang>`` is the language of the text, and the English interface around it is marked
  ``lang="en"``; the page shows a notice linking to the original and is left out of the sitemap;
- the switcher on a page with no English text points to the English home → it points to the fallback
  copy of the same page; a language with no version of the page at all is left out of the switcher;
- every build writes ``/404.html`` and the last one wins → each language's 404 is moved to its own folder;
- the sitemap lists fallback copies as English and has no x-default → it is rewritten from the pages built;
- no robots.txt → one naming the sitemap by its absolute address (``newsroom.hosting.rules.robots_txt``).
"""

from __future__ import annotations

import posixpath
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.hosting.rules import robots_txt
from newsroom.mkdocs_adapter import internals
from newsroom.mkdocs_adapter.feature import Feature, build_language
from newsroom.site.i18n import (
    FOOTER_PAGES,
    NOT_FOUND_PAGES,
    Hreflang,
    SitemapPage,
    absolute_url,
    gzip_bytes,
    hreflang_links,
    relabel_fallback_page,
    sitemap_xml,
)
from newsroom.site.labels import ui_text


@dataclass(frozen=True)
class TitledLink:
    title: str
    url: str  # relative to the site root, as MkDocs page URLs are; templates pass it through `| url`


@dataclass(frozen=True)
class PageLanguages:
    """What the templates need to know about the languages of the page being rendered."""

    site_language: str
    content_language: str
    canonical: str
    hreflang: list[Hreflang]
    original: TitledLink | None  # set on an untranslated fallback page only

    @property
    def is_fallback(self) -> bool:
        return self.content_language != self.site_language


I18nSettings = internals.I18nPluginSettings


def i18n_settings(config: MkDocsConfig) -> I18nSettings:
    """static-i18n's own settings; a one-language site without the plugin is a valid degenerate case."""
    settings = internals.i18n_plugin_settings(config)
    if settings is None:
        language = build_language(config)
        return I18nSettings(language, [language], False, [])
    return settings


def content_language(file: File, site_language: str) -> str:
    """The language of the file's text: the folder (docs/ko, docs/en) static-i18n placed it from."""
    return internals.file_locale(file) or site_language


language_key = internals.file_language_key


def translations_of(file: File) -> dict[str, File]:
    """The page's versions that are really written in their language (fallback copies excluded)."""
    alternates = internals.file_alternates(file)
    return {language: alt for language, alt in alternates.items() if content_language(alt, language) == language}


class I18nFeature(Feature):
    def __init__(self) -> None:
        self._pages: dict[str, SitemapPage] = {}
        self._default_404: bytes | None = None

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        settings = i18n_settings(config)
        language = build_language(config)
        if language == settings.default_language:
            self._pages = {}  # a new round of language builds (mkdocs serve rebuilds in the same process)
        # Templates rendered without a page (404.html, sitemap.xml) come before the pages in a build and
        # would see the switcher of the previous build's last page: give them the language homes.
        if settings.home_switcher:
            internals.set_switcher(config, deepcopy(settings.home_switcher))
        pages_by_key = {language_key(file): file for file in files.documentation_pages()}
        env.globals["newsroom_text"] = ui_text(language)
        env.globals["newsroom_footer_links"] = _links(pages_by_key, FOOTER_PAGES)
        env.globals["newsroom_not_found_links"] = _links(pages_by_key, NOT_FOUND_PAGES)
        return env

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        settings = i18n_settings(config)
        site_language = build_language(config)
        text_language = content_language(page.file, site_language)
        translations = translations_of(page.file)
        if text_language == site_language:
            translations[site_language] = page.file
        absolute = {language: absolute_url(config.site_url or "/", file.url) for language, file in translations.items()}
        original = translations.get(text_language)
        languages = PageLanguages(
            site_language=site_language,
            content_language=text_language,
            # A fallback copy is the original's duplicate: search engines should index the original.
            canonical=absolute.get(text_language) or absolute_url(config.site_url or "/", page.url),
            hreflang=hreflang_links(absolute, settings.default_language),
            original=TitledLink(page.title or "", original.url)
            if original and text_language != site_language
            else None,
        )
        context["newsroom_i18n"] = languages
        self._fix_switcher(config, page, settings, translations, text_language)
        self._pages[f"{site_language}:{page.url}"] = SitemapPage(
            key=language_key(page.file),
            url=absolute_url(config.site_url or "/", page.url),
            content_language=text_language,
            site_language=site_language,
        )

    def sitemap_entry(self, site_language: str, url: str) -> SitemapPage | None:
        """What the sitemap lists for the page at ``url`` of this language's build (None before its context)."""
        return self._pages.get(f"{site_language}:{url}")

    def add_sitemap_entry(self, url: str, entry: SitemapPage) -> None:
        """A page the build did not go through (an incremental build kept it) is listed as it was last time."""
        self._pages[f"{entry.site_language}:{url}"] = entry

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        site_language = build_language(config)
        text_language = content_language(page.file, site_language)
        if text_language == site_language:
            return output
        return relabel_fallback_page(output, text_language, site_language)

    def on_post_build(self, config: MkDocsConfig) -> None:
        settings = i18n_settings(config)
        language = build_language(config)
        site_dir = Path(config.site_dir)
        root_404 = site_dir / "404.html"
        if language == settings.default_language:
            self._default_404 = root_404.read_bytes() if root_404.exists() else None
        elif root_404.exists():
            # This build's 404 overwrote the default language's: move it to its language folder, put that back.
            own = site_dir / language / "404.html"
            own.parent.mkdir(parents=True, exist_ok=True)
            own.write_bytes(root_404.read_bytes())
            if self._default_404 is not None:
                root_404.write_bytes(self._default_404)
        # Each build rewrites it with every page seen so far: after the last language it is complete.
        sitemap = sitemap_xml(self._pages.values(), settings.default_language)
        (site_dir / "sitemap.xml").write_bytes(sitemap)
        (site_dir / "sitemap.xml.gz").write_bytes(gzip_bytes(sitemap))
        if config.site_url:
            (site_dir / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")

    @staticmethod
    def _fix_switcher(
        config: MkDocsConfig, page: Page, settings: I18nSettings, translations: dict[str, File], text_language: str
    ) -> None:
        """Every switcher entry leads to this page in that language, or is left out; never to a home page."""
        site_language = build_language(config)
        current = internals.switcher(config)
        if page.url.strip("/") in ("", site_language) or not current:
            return  # homes: static-i18n's links to the language homes are the right ones
        entries: list[dict[str, str]] = []
        for entry in current:
            language = entry.get("lang", "")
            if language == site_language:
                entries.append({**entry, "link": page.url})
            elif language in translations:
                entries.append({**entry, "link": translations[language].url})
            elif (
                settings.fallback_to_default
                and site_language == settings.default_language
                and text_language == settings.default_language
            ):
                # static-i18n builds a fallback copy of a default-language page into every other language.
                entries.append({**entry, "link": posixpath.join(language, page.url)})
        internals.set_switcher(config, entries)


def _links(pages_by_key: dict[str, File], keys: tuple[str, ...]) -> list[TitledLink]:
    return [
        TitledLink(pages_by_key[key].page.title or "", pages_by_key[key].url)
        for key in keys
        if key in pages_by_key and pages_by_key[key].page is not None
    ]

"""Language links of the bilingual site, in plain Python: hreflang sets, x-default, sitemap.

The words the site shows are in ``site/labels.py``.

Knows nothing of MkDocs: the adapter (``mkdocs_adapter/i18n.py``) hands it paths and languages.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


# Pages linked from every footer and 404 page, by their language-neutral source path (docs/<lang>/…).
FOOTER_PAGES: tuple[str, ...] = ("about/privacy.md", "about/copyright.md", "about/accessibility.md", "about/index.md")
NOT_FOUND_PAGES: tuple[str, ...] = ("index.md", "policy/index.md", "news/index.md", "about/index.md")


def absolute_url(site_url: str, path: str) -> str:
    """``path`` is relative to the site root, as MkDocs writes page URLs (``""``, ``"en/policy/"``)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, path.lstrip("/"))


@dataclass(frozen=True)
class Hreflang:
    hreflang: str
    href: str


def hreflang_links(translations: Mapping[str, str], default_language: str) -> list[Hreflang]:
    """Each real language version of one page, then ``x-default``.

    ``translations`` maps language → absolute URL of a page written in that language (never a
    fallback copy in another language's site). ``x-default`` is the default-language version, or,
    for a page that exists only in other languages, the first of those.
    """
    if not translations:
        return []
    links = [Hreflang(language, url) for language, url in sorted(translations.items())]
    default_url = translations.get(default_language) or links[0].href
    links.append(Hreflang("x-default", default_url))
    return links


@dataclass(frozen=True)
class SitemapPage:
    """One page of one language version of the site, as found in the build."""

    key: str  # the language-neutral source path shared by a page and its translations
    url: str  # absolute
    content_language: str  # the language the text is written in
    site_language: str  # the language site it was built into (differs for untranslated fallbacks)


def sitemap_xml(pages: Iterable[SitemapPage], default_language: str) -> bytes:
    """A sitemap listing each real page once, with the same hreflang set (and x-default) as its head.

    Fallback copies (Korean text under /en/) are left out: they are not English pages. Written as text, in
    the bytes ``xml.etree.ElementTree`` gives the same tree once indented (tests/site compare both): at
    2 × 10,000 releases the tree's serialiser took about a second of every build.
    """
    real = [page for page in pages if page.content_language == page.site_language]
    by_key: dict[str, dict[str, str]] = {}
    for page in real:
        by_key.setdefault(page.key, {})[page.content_language] = page.url
    links: dict[str, str] = {}  # by key: the same for every language version of a page
    for key, translations in by_key.items():
        links[key] = "".join(
            f'    <xhtml:link rel="alternate" hreflang="{_xml_attribute(link.hreflang)}" '
            f'href="{_xml_attribute(link.href)}" />\n'
            for link in hreflang_links(translations, default_language)
        )
    parts = [
        f"  <url>\n    <loc>{_xml_text(page.url)}</loc>\n{links[page.key]}  </url>\n"
        for page in sorted(real, key=lambda page: page.url)
    ]
    namespaces = f'xmlns="{SITEMAP_NS}"' + (f' xmlns:xhtml="{XHTML_NS}"' if any(links.values()) else "")
    body = f"<urlset {namespaces}>\n{''.join(parts)}</urlset>" if parts else f"<urlset {namespaces} />"
    return f"<?xml version='1.0' encoding='utf-8'?>\n{body}\n".encode("utf-8", "xmlcharrefreplace")


_XML_SPECIAL = re.compile('[&<>"\r\n\t]')


def _xml_text(text: str) -> str:
    if not _XML_SPECIAL.search(text):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attribute(text: str) -> str:
    if not _XML_SPECIAL.search(text):
        return text
    text = _xml_text(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


_SITEMAP_LOC = re.compile(r"<loc>([^<]*)</loc>")


def sitemap_urls(sitemap: bytes) -> list[str]:
    """The page addresses of a sitemap this module wrote (``sitemap_xml``), in its order."""
    return [
        url.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        for url in _SITEMAP_LOC.findall(sitemap.decode("utf-8"))
    ]


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0: the same sitemap gives the same .gz bytes on every build. Level 6: half the time of 9 (0.06 s
    # against 0.11 s for the 12 MB sitemap of 2 × 10,000 releases) for a file 2 % larger.
    return gzip.compress(data, compresslevel=6, mtime=0)


# The parts of Material's page that hold interface text rather than the page's own text.
_INTERFACE_OPENING_TAGS = re.compile(
    r'<(div class="nr-masthead"|a class="md-skip nr-skip"|header class="md-header[^"]*"'
    r'|div class="md-sidebar md-sidebar--primary"|footer class="md-footer"|div data-md-component="skip")'
)
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def relabel_fallback_page(html: str, content_lang: str, interface_lang: str) -> str:
    """``<html lang>`` becomes the language of the text; the interface around it keeps its own language."""
    html = _HTML_LANG.sub(f'<html lang="{content_lang}"', html, count=1)
    return _INTERFACE_OPENING_TAGS.sub(lambda match: f'<{match.group(1)} lang="{interface_lang}"', html)


def _sitemap_language_of(
    url: str, site_path: str, languages: list[str], default: str, site_prefix: str = ""
) -> tuple[str, str]:
    """The language folder a sitemap URL lives in, and its path below that folder (``site_prefix``: the site's
    scheme, host and path, where the URL's own path can be read without splitting it)."""
    if site_prefix and url.startswith(site_prefix) and "?" not in url and "#" not in url:
        path = url[len(site_prefix) :]
    else:
        path = urlsplit(url).path.removeprefix(site_path)
    head, _, rest = path.partition("/")
    if head in languages and head != default:
        return head, rest
    return default, path


def merge_sitemaps(sitemaps: list[bytes], site_url: str, languages: list[str], default: str) -> bytes:
    """One sitemap from each language build's own: every page once, hreflang across all languages.

    Each worker only saw its own language's pages, so its hreflang sets lack the others; pages
    are matched across languages by their path below the language folder (folder mode).
    """
    split = urlsplit(site_url or "/")
    site_path = split.path or "/"
    site_prefix = f"{split.scheme}://{split.netloc}{site_path}" if split.scheme and split.netloc else ""
    pages: list[SitemapPage] = []
    for data in sitemaps:
        for url in map(str.strip, sitemap_urls(data)):
            language, key = _sitemap_language_of(url, site_path, languages, default, site_prefix)
            pages.append(SitemapPage(key=key, url=url, content_language=language, site_language=language))
    return sitemap_xml(pages, default)

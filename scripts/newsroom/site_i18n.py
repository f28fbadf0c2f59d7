"""Language links of the bilingual site, in plain Python: hreflang sets, x-default, sitemap, interface text.

Knows nothing of MkDocs: the adapter (``mkdocs_adapter/i18n.py``) hands it paths and languages.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class UiText:
    """Interface text the templates display, one instance per language."""

    masthead: str  # KRDS official banner (공식 배너)
    operator: str  # KRDS operating-body identifier (운영기관 식별자), last in the footer
    address_label: str
    phone_label: str
    untranslated_notice: str
    untranslated_link: str
    not_found_title: str
    not_found_body: str
    not_found_links_heading: str
    footer_nav_label: str
    footer_note: str


UI_TEXT: dict[str, UiText] = {
    "ko": UiText(
        masthead="이 누리집은 대한민국 공식 전자정부 누리집입니다.",
        operator="이 누리집은 천안시 누리집입니다.",
        address_label="주소",
        phone_label="대표전화",
        untranslated_notice="이 문서는 아직 한국어로 번역되지 않았습니다. 아래 내용은 영어 원문입니다.",
        untranslated_link="영어 원문 보기",
        not_found_title="페이지를 찾을 수 없습니다",
        not_found_body=(
            "요청하신 주소의 페이지가 없거나 옮겨졌습니다. 주소를 다시 확인하시거나 아래 링크를 이용해 주십시오."
        ),
        not_found_links_heading="바로 가기",
        footer_nav_label="누리집 정책",
        footer_note=(
            "이 누리집은 쿠키와 방문 통계를 사용하지 않으며, 다른 누리집에서 글꼴이나 스크립트를 불러오지 않습니다."
        ),
    ),
    "en": UiText(
        # KRDS publishes the masthead in Korean only (krds-uiux 1.1.0): a plain English rendering of it.
        masthead="This is an official e-government website of the Republic of Korea.",
        operator="This is the website of Cheonan City.",
        address_label="Address",
        phone_label="Main phone",
        untranslated_notice=(
            "This page has not been translated into English yet. The text below is the Korean original."
        ),
        untranslated_link="Read the original Korean page",
        not_found_title="Page not found",
        not_found_body=(
            "There is no page at this address, or it has moved. Please check the address or use the links below."
        ),
        not_found_links_heading="Go to",
        footer_nav_label="Site policies",
        footer_note=(
            "This site sets no cookies, collects no visitor statistics and loads no fonts or scripts from other sites."
        ),
    ),
}

# Pages linked from every footer and 404 page, by their language-neutral source path (docs/<lang>/…).
FOOTER_PAGES: tuple[str, ...] = ("about/privacy.md", "about/copyright.md", "about/accessibility.md", "about/index.md")
NOT_FOUND_PAGES: tuple[str, ...] = ("index.md", "policy/index.md", "news/index.md", "about/index.md")


def ui_text(language: str) -> UiText:
    return UI_TEXT.get(language, UI_TEXT["en"])


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

    Fallback copies (Korean text under /en/) are left out: they are not English pages.
    """
    real = [page for page in pages if page.content_language == page.site_language]
    by_key: dict[str, dict[str, str]] = {}
    for page in real:
        by_key.setdefault(page.key, {})[page.content_language] = page.url
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in sorted(real, key=lambda page: page.url):
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page.url
        for link in hreflang_links(by_key[page.key], default_language):
            ElementTree.SubElement(
                url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": link.hreflang, "href": link.href}
            )
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0: the same sitemap gives the same .gz bytes on every build.
    return gzip.compress(data, mtime=0)

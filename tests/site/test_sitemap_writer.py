"""The sitemap is written as text: the same bytes as ``xml.etree.ElementTree`` serialising the same tree.

The oracle below builds the tree with the standard library's own serialiser (what the site did before it wrote
the text itself); any page set, addresses with characters XML escapes included, must give the same bytes, and
merging two languages' sitemaps reads back every address the writer wrote.
"""

from __future__ import annotations

from xml.etree import ElementTree  # builds and serialises a tree; parses nothing

from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.site.i18n import SITEMAP_NS, XHTML_NS, SitemapPage, hreflang_links, merge_sitemaps, sitemap_xml

SITE = "https://example.test/city/"


def _tree_sitemap(pages: list[SitemapPage], default_language: str) -> bytes:
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
            attributes = {"rel": "alternate", "hreflang": link.hreflang, "href": link.href}
            ElementTree.SubElement(url, f"{{{XHTML_NS}}}link", attributes)
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


LANGUAGES = st.sampled_from(["ko", "en", "ja"])
PATHS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
PAGES = st.lists(st.builds(SitemapPage, PATHS, PATHS.map(lambda path: SITE + path), LANGUAGES, LANGUAGES), max_size=8)


@settings(max_examples=300, deadline=None)
@given(PAGES, LANGUAGES)
def test_the_written_sitemap_is_the_serialised_tree(pages: list[SitemapPage], default_language: str) -> None:
    assert sitemap_xml(pages, default_language) == _tree_sitemap(pages, default_language)


# Page addresses: no query or fragment (MkDocs writes none), no surrounding space (a sitemap's reader strips it).
ADDRESSES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="?#"),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ADDRESSES, unique=True, max_size=6), st.lists(ADDRESSES, unique=True, max_size=6))
def test_merging_reads_back_every_address_of_both_languages(korean: list[str], english: list[str]) -> None:
    ko = [SitemapPage(path, SITE + path, "ko", "ko") for path in korean if not path.startswith("en/")]
    en = [SitemapPage(path, SITE + "en/" + path, "en", "en") for path in english]
    merged = merge_sitemaps([sitemap_xml(ko, "ko"), sitemap_xml(en, "ko")], SITE, ["ko", "en"], "ko")
    assert merged == _tree_sitemap(ko + en, "ko")

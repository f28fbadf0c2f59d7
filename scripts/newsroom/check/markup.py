"""What a page body contains once rendered: headings, links, images, tables and element ids.

The body is rendered with Python-Markdown and the same extensions as mkdocs.yml, so that the ids
the checker sees are the anchors the site has (pymdownx.slugs, attr_list, footnotes, ...).
Python-Markdown gives no source lines, so each link and image is found back in the source text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import lxml.html
import markdown
from pymdownx.slugs import slugify

# Keep in step with markdown_extensions in mkdocs.yml (tests/check/test_markup.py compares them).
EXTENSIONS: tuple[str, ...] = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tilde",
)
EXTENSION_CONFIGS = {"toc": {"permalink": True, "slugify": slugify(case="lower")}}

# Links the extensions add by themselves: a heading's permalink and the footnote arrows.
_GENERATED_LINK_CLASSES = {"headerlink", "footnote-ref", "footnote-backref"}


@dataclass(frozen=True)
class BodyLink:
    href: str
    line: int


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    line: int
    # alt="" written on purpose (Markdown's ![](…)), as opposed to no alt attribute at all.
    explicitly_empty: bool = False


@dataclass(frozen=True)
class Structure:
    headings: tuple[str, ...]  # their text, in order
    links: tuple[BodyLink, ...]
    images: tuple[Image, ...]
    tables: int
    ids: frozenset[str]


@cache
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def body_html(body: str) -> str:
    renderer = _renderer()
    renderer.reset()
    return renderer.convert(body)


def analyse(body: str, body_line: int) -> Structure:
    html = body_html(body)
    if not html.strip():
        return Structure((), (), (), 0, frozenset())
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    finder = _LineFinder(body, body_line)
    links = tuple(
        BodyLink(href, finder.find(href))
        for anchor in tree.iter("a")
        if (href := anchor.get("href")) is not None
        and not _GENERATED_LINK_CLASSES.intersection((anchor.get("class") or "").split())
    )
    images = tuple(
        Image(src, (image.get("alt") or "").strip(), finder.find(src), image.get("alt") == "")
        for image in tree.iter("img")
        if (src := image.get("src")) is not None
    )
    headings = tuple(
        " ".join(element.text_content().replace("¶", "").split())
        for element in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")
    )
    ids = frozenset(str(element.get("id")) for element in tree.iter() if element.get("id"))
    return Structure(headings, links, images, sum(1 for _ in tree.iter("table")), ids)


class _LineFinder:
    """Finds each target in the source, in order, so that a repeated link gets its own line.

    Links come out of Markdown in source order, so each search starts where the previous link was found:
    one pass over the body, even for a line holding thousands of links (searching each from the top was
    quadratic: 20,000 links on one line took seconds). A target met out of order (a reference definition)
    is searched for again from after its own last place.
    """

    def __init__(self, body: str, body_line: int) -> None:
        self.body = body
        # Where each line starts, from the line lengths (no Python step per character).
        self.starts = list(accumulate((len(line) + 1 for line in body.split("\n")[:-1]), initial=0))
        self.body_line = body_line
        self.cursor = 0
        self.after: dict[str, int] = {}

    def find(self, target: str) -> int:
        if not target:
            return self.body_line
        position = self.body.find(target, max(self.cursor, self.after.get(target, 0)))
        if position < 0:
            position = self.body.find(target, self.after.get(target, 0))
            if position < 0:
                return self.body_line
        else:
            self.cursor = position + len(target)
        self.after[target] = position + len(target)
        return self.body_line + bisect.bisect_right(self.starts, position) - 1

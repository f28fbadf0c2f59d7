"""Which characters go into which of the site's own font chunks: the font plan, read from the built site's text.

A Korean page shows a few hundred distinct characters out of Pretendard GOV's 22,000. The package's chunks group
characters by how often Korean text in general uses them, so a page of this site reaches 12-20 of them per
weight. The plan groups characters by how often *this site's* pages use them instead: first the Latin letters
and punctuation every page shows, then the characters on nearly every Korean page (banner, menu, footer), then
the rest in falling order of how many pages use them. Bold is planned from the text the site sets bold
(headings, menu and section labels, table headers, ``strong``), which is a small part of a page's text.

The plan is a committed file (``font-plan.json``, like a lock file), refreshed by ``newsroom font-plan`` from a
built site. Refreshing appends chunks for characters the plan does not know yet and leaves the existing chunks
as they are, so that a reader's cached font files stay valid; ``--fresh`` plans from scratch. A character the
plan does not name still renders in Pretendard GOV: it falls to the package's own chunks (``newsroom.site.fonts``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import html

PLAN_FILE = "font-plan.json"
PLAN_FORMAT = 1
MAX_PLAN_BYTES = 1_000_000  # a plan names at most the font's 22,000 characters: about 90 KB

# Latin letters, punctuation, the won and euro signs, arrows: those the site shows go into the first chunk.
LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x205E), (0x20A9, 0x20A9), (0x20AC, 0x20AC), (0x2190, 0x2193))
# Drawn by the browser, not in the page's text: list bullets (disc, circle, square) and the ellipsis of text cut
# by ``text-overflow: ellipsis`` (Material's header title and menu on a phone, in Bold).
BROWSER_DRAWN = "\u2022\u25e6\u25aa\u2026"
# A character used on at least this share of the Korean pages goes into the first Korean chunk.
COMMON_SHARE = 0.5
CHUNK_SIZE = 120  # characters per later chunk (benchmarks/bench_fonts.py compares sizes)
PRIOR_CHUNK_SIZE = 250  # characters per chunk of what only other releases (``--corpus``) use

# What the site's stylesheets set at weight 700 (docs/assets/css/site.css, news.css, Material's own for headings):
# the text in these elements is planned for Bold. The list need not be exact: a character set bold that the
# Bold plan misses still renders in Bold, from the package's chunks, and only costs bytes.
_BOLD_XPATH = (
    "//h1|//h2|//h3|//h4|//h5|//h6|//strong|//b|//th|//dt"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' md-header__title ')]"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' md-nav__link--active ')]"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' md-nav__item--section ')]/*[1]"
    "|//*[contains(@class, 'nr-pagination')]//a|//*[contains(@class, 'nr-kind')]"
    "|//*[contains(@class, 'nr-contact__role')]|//*[contains(@class, 'nr-kogl')]"
    "|//*[contains(@class, 'nr-release__embargo')]|//*[contains(@class, 'nr-withdrawn')]//p"
    "|//*[contains(@class, 'newsroom-footer__policies')]//a|//*[contains(@class, 'md-skip')]"
    "|//*[contains(@class, 'newsroom-banner')]//strong"
)
# Not shown as text, or shown in another family (code, and the language switcher's Korean name on English pages).
_HIDDEN = {"script", "style", "template", "noscript", "code", "pre", "kbd", "svg", "title"}


class FontPlanError(Exception):
    """The plan file is unreadable or not a plan."""


@dataclass(frozen=True)
class ShownCharacters:
    regular: frozenset[str]
    bold: frozenset[str]


def shown_characters(document: bytes | str) -> ShownCharacters:
    """The characters a page shows in the text face, split by weight (whitespace left out)."""
    root = html.fromstring(document)
    bold_elements = set(root.xpath(_BOLD_XPATH))
    regular: set[str] = set()
    bold: set[str] = set()

    def walk(element: html.HtmlElement, is_bold: bool) -> None:
        if not isinstance(element.tag, str) or element.tag in _HIDDEN:
            return
        is_bold = is_bold or element in bold_elements
        if element.text:
            (bold if is_bold else regular).update(element.text)
        placeholder = element.get("placeholder")
        if placeholder:
            regular.update(placeholder)
        for child in element:
            walk(child, is_bold)
            if child.tail:
                (bold if is_bold else regular).update(child.tail)

    body = root.find("body")
    walk(body if body is not None else root, False)
    return ShownCharacters(frozenset(_shown(regular)), frozenset(_shown(bold)))


def _shown(characters: Iterable[str]) -> Iterator[str]:
    return (c for c in characters if not c.isspace() and ord(c) >= 0x20)


def site_pages(site: Path) -> Iterator[Path]:
    """Every page of a built site that a reader sees (not the web editor)."""
    for path in sorted(site.rglob("*.html")):
        if "admin" not in path.relative_to(site).parts:
            yield path


def is_latin(codepoint: int) -> bool:
    return any(low <= codepoint <= high for low, high in LATIN_RANGES)


@dataclass(frozen=True)
class FontPlan:
    """Per weight, the characters of each chunk, in the order the chunks were planned."""

    chunks: dict[str, tuple[str, ...]]  # weight ("400", "700") -> chunk texts

    def planned(self, weight: str) -> frozenset[str]:
        return frozenset("".join(self.chunks.get(weight, ())))


def plan_chunks(
    pages: Iterable[frozenset[str]],
    covered: Iterable[int],
    known: tuple[str, ...] = (),
    chunk_size: int = CHUNK_SIZE,
    common_share: float = COMMON_SHARE,
    prior: Iterable[frozenset[str]] = (),
    latin_too: Iterable[frozenset[str]] = (),
) -> tuple[str, ...]:
    """Chunks for one weight: ``known`` kept as they are, then chunks for the characters of ``pages`` they miss.

    ``covered`` is the font's character map: characters the font does not draw are left out. With no ``known``
    chunks, the first chunk holds the Latin letters and punctuation the font draws (``LATIN_RANGES``)."""
    font = set(covered)
    chunks = list(known)
    planned = {c for chunk in chunks for c in chunk}
    page_list = list(pages)
    if not chunks:
        shown = {c for characters in [*page_list, *latin_too] for c in characters if is_latin(ord(c))}
        always = {chr(cp) for cp in range(0x20, 0x7F)} | set(BROWSER_DRAWN)
        latin = "".join(sorted(c for c in shown | always if ord(c) in font))
        chunks.append(latin)
        planned.update(latin)
    counts: Counter[str] = Counter()
    korean_pages = 0
    for characters in page_list:
        counts.update(c for c in characters if ord(c) in font and c not in planned)
        korean_pages += any("\uac00" <= c <= "\ud7a3" for c in characters)
    ranked = sorted(counts, key=lambda c: (-counts[c], ord(c)))
    threshold = common_share * max(korean_pages, 1)
    common = [c for c in ranked if counts[c] >= threshold] if not known else []
    if common:
        chunks.append("".join(sorted(common)))
    rest = ranked[len(common) :]
    chunks.extend("".join(sorted(rest[i : i + chunk_size])) for i in range(0, len(rest), chunk_size))
    planned.update(rest)
    planned.update(common)
    # Then what the site has not shown yet but real releases do, by how many of them use it: the next release's
    # characters are mostly here, in chunks a few times larger, before the font's coarse fallback chunks.
    prior_counts: Counter[str] = Counter()
    for characters in prior:
        prior_counts.update(c for c in characters if ord(c) in font and c not in planned)
    later = sorted(prior_counts, key=lambda c: (-prior_counts[c], ord(c)))
    chunks.extend("".join(sorted(later[i : i + PRIOR_CHUNK_SIZE])) for i in range(0, len(later), PRIOR_CHUNK_SIZE))
    return tuple(chunks)


def read_plan(path: Path) -> FontPlan:
    """The committed plan (FontPlanError: unreadable, too large, or not a plan)."""
    try:
        if path.stat().st_size > MAX_PLAN_BYTES:
            raise FontPlanError(f"{path}: larger than {MAX_PLAN_BYTES:,} bytes; run `newsroom font-plan --fresh`")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FontPlanError(f"{path}: {error}; run `newsroom font-plan --fresh` to write it again") from error
    if not isinstance(data, dict):
        data = {}
    chunks = data.get("chunks")
    if (
        data.get("format") != PLAN_FORMAT
        or not isinstance(chunks, dict)
        or not all(
            isinstance(weight, str) and isinstance(texts, list) and all(isinstance(t, str) and t for t in texts)
            for weight, texts in chunks.items()
        )
    ):
        raise FontPlanError(f"{path}: not a font plan of format {PLAN_FORMAT}; run `newsroom font-plan --fresh`")
    return FontPlan({weight: tuple(texts) for weight, texts in chunks.items()})


def write_plan(path: Path, plan: FontPlan) -> None:
    data = {
        "format": PLAN_FORMAT,
        "about": "Generated by `newsroom font-plan` from the built site; see newsroom/site/font_plan.py.",
        "chunks": {weight: list(texts) for weight, texts in sorted(plan.chunks.items())},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def site_plan(
    site: Path, covered: dict[str, Iterable[int]], known: FontPlan | None = None, prior: Iterable[frozenset[str]] = ()
) -> FontPlan:
    """The plan for a built site: Regular from all shown text, Bold from the text set bold; ``prior``: the texts
    of other real releases, for Regular (a release's bold text is its headline and headings: little)."""
    texts = [shown_characters(path.read_bytes()) for path in site_pages(site)]
    pages = {"400": [t.regular for t in texts], "700": [t.bold for t in texts]}
    priors: dict[str, Iterable[frozenset[str]]] = {"400": list(prior), "700": ()}
    # Bold's Latin chunk holds every Latin character and punctuation mark the site shows in either weight: the
    # few quotes and dashes a bold headline may hold cost less than a fallback chunk (18 KB) when one is missed.
    return FontPlan(
        {
            weight: plan_chunks(
                pages[weight],
                characters,
                known.chunks.get(weight, ()) if known else (),
                prior=priors[weight],
                latin_too=pages["400"],
            )
            for weight, characters in covered.items()
        }
    )

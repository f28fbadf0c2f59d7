"""Internal links and anchors resolve; every image says what it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from newsroom.check.corpus import Corpus, docs_relative, site_relative
from newsroom.check.documents import CheckedPage
from newsroom.check.findings import Finding, Severity
from newsroom.messages import _


def internal_links(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for document in corpus.documents:
        structure = corpus.structure(document)
        targets = [(link.href, link.line, "link") for link in structure.links]
        targets += [(image.src, image.line, "image") for image in structure.images]
        for href, line, kind in targets:
            problem = _problem(corpus, document, href, kind)
            if problem:
                yield Finding(document.shown, line, Severity.ERROR, problem)


def image_alt_text(corpus: Corpus, now: dt.datetime) -> Iterator[Finding]:
    for document in corpus.documents:
        for image in corpus.structure(document).images:
            if not image.alt and document.is_release and image.explicitly_empty:
                # The converter writes alt="" for a release photo without a caption: publishable, but ask for one.
                yield Finding(
                    document.shown,
                    image.line,
                    Severity.WARNING,
                    _(
                        "image '{src}' has no description (the release gave no caption); "
                        "say what it shows: ![what the image shows]({src})"
                    ).format(src=image.src),
                )
            elif not image.alt:
                yield Finding(
                    document.shown,
                    image.line,
                    Severity.ERROR,
                    _("image '{src}' has no alt text; say what it shows: ![what the image shows]({src})").format(
                        src=image.src
                    ),
                )


def _problem(corpus: Corpus, document: CheckedPage, href: str, kind: str) -> str | None:
    """What is wrong with an internal link, or None if it resolves (external links are not followed)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return _anchor_problem(corpus, document, document, fragment)
    if not path.startswith("/"):
        # MkDocs first resolves a link against the source file: that is how .md links work.
        source_path = docs_relative(document, path)
        if source_path is not None:
            target = corpus.source(source_path) or corpus.fallback_source(source_path)
            if target is not None and corpus.withheld(target) and not corpus.withheld(document):
                template = (
                    _("link '{href}' leads to a release still under embargo, which the site leaves out until then")
                    if kind == "link"
                    else _(
                        "image '{href}' leads to a release still under embargo, which the site leaves out until then"
                    )
                )
                return template.format(href=href)
            if target is not None:
                return _anchor_problem(corpus, document, target, fragment)
            if (corpus.docs_dir / source_path).is_file():
                return None
        if PurePosixPath(path).suffix == ".md":
            template = (
                _(
                    "link '{href}' points to a page that does not exist ({path}); "
                    "correct the path (it is relative to this file)"
                )
                if kind == "link"
                else _(
                    "image '{href}' points to a page that does not exist ({path}); "
                    "correct the path (it is relative to this file)"
                )
            )
            return template.format(href=href, path=source_path or path)
    # Anything else is left to the browser, which resolves it against the page's URL.
    site_path = site_relative(document, path)
    if corpus.has_site_path(site_path):
        return None
    template = (
        _(
            "link '{href}' leads to /{site_path}, which the site does not have; "
            "link to the page's .md file relative to this one, e.g. '../about/index.md'"
        )
        if kind == "link"
        else _(
            "image '{href}' leads to /{site_path}, which the site does not have; "
            "put the image in docs/assets/images/ and give its path relative to this file"
        )
    )
    return template.format(href=href, site_path=site_path)


def _anchor_problem(corpus: Corpus, document: CheckedPage, target: CheckedPage, fragment: str) -> str | None:
    if not fragment or fragment in corpus.structure(target).ids:
        return None
    headings = ", ".join(f"#{anchor}" for anchor in sorted(corpus.structure(target).ids)[:8]) or _("none")
    if target is document:
        template = _("anchor '#{fragment}' is not on this page; use one of its heading anchors ({headings})")
    else:
        template = _("anchor '#{fragment}' is not on {page}; use one of its heading anchors ({headings})")
    return template.format(fragment=fragment, page=target.shown, headings=headings)

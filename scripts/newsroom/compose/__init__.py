"""Parsed release → pages: the one home of what a converted page holds.

From a :class:`~newsroom.parse.ParsedRelease` (never changed here) :func:`compose_release` makes, per
language: the front matter (a :class:`~newsroom.model.release.ReleaseMeta` with its ``body_sha256``), the Markdown
body (:mod:`.markdown`), the page's path below ``docs/`` and its pictures re-encoded beside it
(:mod:`.pictures`). Nothing is read from or written to disk: :mod:`newsroom.converter.write` guards the disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.compose.errors import ConvertError
from newsroom.compose.markdown import render_body
from newsroom.compose.options import Options
from newsroom.compose.pictures import place_figures
from newsroom.messages import N_, _
from newsroom.model import pages
from newsroom.model.release import DateSource, Lang, ReleaseMeta, Source, Translation, is_slug
from newsroom.parse import ParsedLanguage, ParsedRelease

__all__ = [
    "ComposedPage",
    "ConvertError",
    "compose_release",
    "page_text",
    "release_page_path",
    "release_slug",
    "romanise",
    "slugify",
]

EMPTY_BODY: dict[Lang, str] = {
    "ko": N_("has a Korean headline but no text under it; check that the whole release was copied into the file"),
    "en": N_("has an English headline but no text under it; check that the whole English part was copied"),
}
SLUG_MAX = 60
SUMMARY_MAX = 300


@dataclass(frozen=True)
class ComposedPage:
    """One language version of a release, ready for the disk guard."""

    meta: ReleaseMeta  # body_sha256 set to the hash of exactly ``body``
    body: str
    path: Path  # docs/<lang>/news/<year>/<slug>.md, resolved
    text: str  # the whole page: front matter, then body
    front_matter: dict[str, Any]
    images: tuple[tuple[Path, bytes], ...]  # re-encoded pictures, in the folder named after the page
    unplaced: tuple[str, ...]  # pictures that could not be published, and why


def slugify(title: str) -> str:
    """ASCII words of a headline, joined by hyphens, cut at a word boundary."""
    # Punctuation outside ASCII (·, 「」, …) separates words too; accents only fall away.
    spaced = re.sub(r"[^\w]", " ", title)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug


def plain(text: str) -> str:
    """Front-matter text for templates that print it unescaped (MkDocs' Jinja does not autoescape).

    Angle brackets become their full-width forms, so no tag can ever form; the reader sees the same text.
    """
    return text.replace("<", "\uff1c").replace(">", "\uff1e")


def summary_of(text: str) -> str:
    """The first sentences of the lead paragraph, up to ``SUMMARY_MAX`` characters."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_MAX:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    out = ""
    for sentence in sentences:
        if len(out) + len(sentence) + 1 > SUMMARY_MAX:
            break
        out = f"{out} {sentence}".strip()
    return out or text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"


def romanise(text: str) -> str:
    """Hangul in Revised Romanization (korean-romanizer); other characters are kept as they are."""
    from korean_romanizer.romanizer import Romanizer

    # Only complete syllables and ASCII letters and digits can end up in a slug; the romanizer fails on
    # lone jamo, so everything else is a word break before it sees the text.
    words = re.sub(r"[^\uac00-\ud7a3A-Za-z0-9]+", " ", text).split()
    return " ".join(_romanise_word(Romanizer, word) for word in words)


def _romanise_word(romanizer: Any, word: str) -> str:
    try:
        return str(romanizer(word).romanize())
    except (KeyError, IndexError, ValueError):
        # korean-romanizer 0.28 lacks some final-consonant clusters (ㄶ before certain syllables): syllable by
        # syllable then, leaving out the ones it cannot spell.
        out = []
        for syllable in word:
            try:
                out.append(str(romanizer(syllable).romanize()))
            except (KeyError, IndexError, ValueError):
                continue
        return "".join(out)


def release_slug(parsed: ParsedRelease, digest: str, options: Options) -> str:
    """The page name both languages share: given, else from the English headline, else the Korean one."""
    if options.slug:
        return options.slug
    if parsed.en and parsed.en.title:
        slug = slugify(parsed.en.title)
        if is_slug(slug):
            return slug
    # A Korean-only release: its headline in Revised Romanization. Never the file name: press offices
    # name files by department and day ("보도자료 0521.txt"), which would give unrelated releases one page.
    if parsed.ko and parsed.ko.title:
        slug = slugify(romanise(parsed.ko.title))
        if is_slug(slug):
            return slug
    return f"release-{digest[:8]}"


def release_page_path(docs_dir: Path, meta: ReleaseMeta) -> Path:
    """``docs/<lang>/news/<year>/<slug>.md``, refusing anything that would land outside ``docs_dir``."""
    if not is_slug(meta.slug):
        raise ConvertError(
            _("slug '{slug}' is not lowercase ASCII words joined by hyphens; pass --slug").format(slug=meta.slug)
        )
    root = docs_dir.resolve()
    path = (root / meta.lang / "news" / f"{meta.date.year:04d}" / f"{meta.slug}.md").resolve()
    if root not in path.parents:
        raise ConvertError(_("page {path} would be outside {root}; refusing to write it").format(path=path, root=root))
    return path


def page_text(meta: ReleaseMeta, body: str) -> str:
    """A page from front matter and body, ``body_sha256`` set to this body's hash (for pages made by hand)."""
    return pages.join(meta.model_copy(update={"body_sha256": pages.body_hash(body)}).to_front_matter(), body)


def _refuse_incomplete(parsed: ParsedRelease) -> dt.date:
    """The release date, or the refusal naming the option that supplies what is missing."""
    if parsed.ko is None and parsed.en is None:
        raise ConvertError(_("has no release text after removing the header; check the file"))
    if parsed.ko is not None and not parsed.ko.title:
        looked_at = "; ".join(f"'{line}'" for line in parsed.ko.candidates)
        raise ConvertError(
            _(
                "has no Korean headline (none of the lines after the header reads as one{looked_at}); "
                "pass the headline with --title-ko '…'"
            ).format(looked_at=f": {looked_at}" if looked_at else "")
        )
    if parsed.ko is None and parsed.en is not None and not parsed.en.title:
        raise ConvertError(_("has no English headline; pass it with --title-en '…'"))
    if parsed.ko is not None and parsed.en is not None and not parsed.en.title:
        raise ConvertError(_("has an English part without a headline; pass it with --title-en '…'"))
    if parsed.date is None:
        raise ConvertError(_("has no release date in its header (배포 / 보도시점); pass it with --date YYYY-MM-DD"))
    return parsed.date


def _meta(part: ParsedLanguage, parsed: ParsedRelease, date: dt.date, slug: str, **fields: Any) -> ReleaseMeta:
    assert part.title is not None
    return ReleaseMeta(
        title=plain(part.title),
        subtitle=[plain(line) for line in part.subtitles],
        date=date,
        distributed_at=parsed.distributed_at,
        embargo_until=parsed.embargo_until,
        embargo_held=plain(parsed.embargo_held) if parsed.embargo_held else None,
        department=plain(parsed.department) if parsed.department else None,
        contacts=parsed.contacts,
        summary=plain(summary_of(part.summary)),
        lang=part.lang,
        slug=slug,
        translation_key=f"{date.isoformat()}-{slug}",
        kind=parsed.kind,
        date_source=None if parsed.date_source in (None, "given", "header") else DateSource(parsed.date_source),
        **fields,
    )


def compose_release(source_name: str, data: bytes, parsed: ParsedRelease, options: Options) -> list[ComposedPage]:
    """Each language version's page, Korean first; ``data`` is the source file's bytes (its hash is recorded)."""
    date = _refuse_incomplete(parsed)
    digest = hashlib.sha256(data).hexdigest()
    slug = release_slug(parsed, digest, options)
    parts = [part for part in (parsed.ko, parsed.en) if part is not None]
    languages: list[Lang] = [part.lang for part in parts]
    out: list[ComposedPage] = []
    original_hash: str | None = None
    for part in parts:
        body_elements, images, unplaced = place_figures(part.body, slug)
        body = render_body(body_elements)
        if not body.strip():  # a headline alone: the rest was not copied, or the file holds only its cover
            raise ConvertError(_(EMPTY_BODY[part.lang]))
        body_hash = pages.body_hash(body)
        original = part.lang == languages[0]
        meta = _meta(
            part,
            parsed,
            date,
            slug,
            topics=list(options.topics),
            translation=Translation.ORIGINAL if original else options.en_translation,
            languages=languages,
            source=Source(file=source_name, sha256=digest),
            translated_from_sha256=None if original else original_hash,
            body_sha256=body_hash,
        )
        if original:
            original_hash = body_hash
        path = release_page_path(options.docs_dir, meta)
        front = meta.to_front_matter()
        out.append(
            ComposedPage(
                meta=meta,
                body=body,
                path=path,
                text=pages.join(front, body),
                front_matter=front,
                images=tuple((path.with_suffix("") / name, image) for name, image in images),
                unplaced=tuple(unplaced),
            )
        )
    return out

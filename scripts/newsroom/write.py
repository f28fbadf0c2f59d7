"""A parsed release becomes Markdown pages: front matter from :mod:`newsroom.model`, body from the parser.

Release text is data, never markup: everything Markdown or HTML would act on is escaped.
Writes are atomic (a temporary file renamed over the page) and refuse to overwrite a page
edited by hand since it was converted (its body no longer matches its stored ``body_sha256``).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom import pages
from newsroom.messages import _
from newsroom.model import ReleaseMeta, is_slug, recorded_body_hash, recorded_source_file, recorded_text
from newsroom.parse.elements import Caption, Element, Figure, Heading, ListItem, Note, Paragraph, TableRows
from newsroom.read import limits

# Characters Python-Markdown (and the enabled extensions) give a meaning to, anywhere in a line.
INLINE_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]~|])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
# At the start of a line: headings, quotes, lists, rules, definition lists, admonitions.
LINE_START_RE = re.compile(r"^(\s*)([#>+\-:!?=]|\d+[.)])")


class WriteError(ValueError):
    """A page that must not be written; the message says why and what to do."""


def escape_inline(text: str) -> str:
    """Escape release text so that it renders as the same text, whatever characters it holds."""
    text = ENTITY_RE.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return INLINE_SPECIAL_RE.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    escaped = escape_inline(text)
    match = LINE_START_RE.match(escaped)
    if match:
        lead, mark = match.group(1), match.group(2)
        # Numeric character references read as the same character but start no block.
        first = f"&#{ord(mark[0])};"
        escaped = f"{lead}{first}{mark[1:]}{escaped[match.end() :]}"
    return escaped


def _lines(text: str) -> list[str]:
    return [escape_line(line.strip()) for line in text.split("\n") if line.strip()]


def render_body(elements: list[Element]) -> str:
    """Markdown for a release body; the same elements always give the same text."""
    out: list[str] = []
    previous: Element | None = None
    for element in elements:
        in_list = isinstance(previous, ListItem)
        if isinstance(element, ListItem):
            indent = "    " * element.level
            first, *rest = _lines(element.text) or [""]
            text = f"{indent}- {first}"
            # A new list needs a blank line before it; items of one list follow each other directly.
            lines = [text, *(f"{indent}  {line}" for line in rest)]
            if in_list:
                out.append("\n".join(lines))
            else:
                out.append("\n" + "\n".join(lines))
        elif isinstance(element, Note):
            indent = "    " * (previous.level + 1) if isinstance(previous, ListItem) else ""
            body = "\n".join(f"{indent}{line}" for line in _lines(f"{element.mark} {element.text}"))
            out.append(f"\n{body}\n{indent}{{: .news-note }}")
        elif isinstance(element, Paragraph):
            out.append("\n" + "\n".join(_lines(element.text)))
        elif isinstance(element, Heading):
            out.append(f"\n## {escape_inline(element.text)}")
        elif isinstance(element, Caption):
            out.append(f"\n{escape_line(element.text)}\n{{: .news-caption }}")
        elif isinstance(element, TableRows):
            out.append("\n" + render_table(element.rows))
        elif isinstance(element, Figure) and element.file:
            # The image file sits beside the page, in a folder named after it: <slug>/01.jpg.
            out.append(f"\n![{escape_inline(element.alt)}]({element.file})")
        previous = element
    return "\n".join(out).strip() + "\n"


def render_table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)

    def cell(text: str) -> str:
        # Paragraphs inside a cell become line breaks: the only markup the converter adds itself.
        return "<br>".join(escape_inline(line.strip()) for line in text.split("\n") if line.strip()) or " "

    lines = []
    for index, row in enumerate(rows):
        padded = list(row) + [""] * (width - len(row))
        lines.append("| " + " | ".join(cell(text) for text in padded) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def front_matter(meta: ReleaseMeta, body: str) -> dict[str, Any]:
    """The page's front matter, with ``body_sha256`` set to the hash of exactly this body."""
    return meta.model_copy(update={"body_sha256": pages.body_hash(body)}).to_front_matter()


def render_page(meta: ReleaseMeta, body: str) -> str:
    """The page text: front matter from the model, then the body."""
    return pages.join(front_matter(meta, body), body)


# Published images: at most this wide, and about this many bytes (JPEG quality steps down until it fits).
IMAGE_MAX_WIDTH = 1600
IMAGE_TARGET_BYTES = 300 * 1024
JPEG_QUALITIES = (85, 78, 70, 62, 55, 48, 40)
IMAGE_MIN_WIDTH = 480


def encode_image(data: bytes) -> tuple[bytes, str]:
    """Re-encode an embedded image for the web: scaled to ``IMAGE_MAX_WIDTH``, metadata (EXIF, GPS) dropped.

    Returns the bytes and the file suffix (``.png`` for images with transparency that stay small, else ``.jpg``).
    The same input always gives the same bytes. Raises :class:`WriteError` for an image that cannot be decoded.
    """
    import io
    import warnings

    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = limits.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                # The header's dimensions are bounded before a single pixel is decoded.
                limits.check_image(opened.width, opened.height, "embedded")
                image = ImageOps.exif_transpose(opened)
                image.load()
    except limits.ReadError as error:
        raise WriteError(str(error)) from error
    except Exception as error:  # Pillow raises many types for damaged or hostile images
        problem = _("an embedded image cannot be decoded ({error})").format(error=type(error).__name__)
        raise WriteError(problem) from error
    if image.width > IMAGE_MAX_WIDTH:
        height = max(1, round(image.height * IMAGE_MAX_WIDTH / image.width))
        image = image.resize((IMAGE_MAX_WIDTH, height), Image.Resampling.LANCZOS)
    transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if transparent and image.convert("RGBA").getchannel("A").getextrema() == (255, 255):
        transparent = False  # an alpha channel that hides nothing: a photo saved as RGBA
    if transparent:
        out = io.BytesIO()
        image.save(out, format="PNG")
        if out.tell() <= IMAGE_TARGET_BYTES:
            return out.getvalue(), ".png"
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = background
    image = image.convert("RGB")

    def jpeg(quality: int, optimize: bool = False) -> bytes:
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=optimize)
        return out.getvalue()

    while True:
        # The best quality that fits, by bisection (size grows with quality); optimised coding only shrinks it.
        low, high = 0, len(JPEG_QUALITIES) - 1
        if len(jpeg(JPEG_QUALITIES[high])) <= IMAGE_TARGET_BYTES:
            while low < high:
                middle = (low + high) // 2
                if len(jpeg(JPEG_QUALITIES[middle])) <= IMAGE_TARGET_BYTES:
                    high = middle
                else:
                    low = middle + 1
            return jpeg(JPEG_QUALITIES[low], optimize=True), ".jpg"
        if image.width <= IMAGE_MIN_WIDTH:
            return jpeg(JPEG_QUALITIES[-1], optimize=True), ".jpg"
        # Grain that no quality setting squeezes enough: fewer pixels, then try again.
        smaller = (max(IMAGE_MIN_WIDTH, image.width * 4 // 5), max(1, image.height * 4 // 5))
        image = image.resize(smaller, Image.Resampling.LANCZOS)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Planned:
    """A page the converter means to write."""

    path: Path
    text: str
    status: str  # "new", "changed" or "unchanged"
    previous: str | None


def page_path(docs_dir: Path, meta: ReleaseMeta) -> Path:
    """``docs/<lang>/news/<year>/<slug>.md``, refusing anything that would land outside ``docs_dir``."""
    if not is_slug(meta.slug):
        raise WriteError(
            _("slug '{slug}' is not lowercase ASCII words joined by hyphens; pass --slug").format(slug=meta.slug)
        )
    root = docs_dir.resolve()
    path = (root / meta.lang / "news" / f"{meta.date.year:04d}" / f"{meta.slug}.md").resolve()
    if root not in path.parents:
        raise WriteError(_("page {path} would be outside {root}; refusing to write it").format(path=path, root=root))
    return path


@dataclass(frozen=True)
class Owner:
    """Which release a page belongs to, from its front matter."""

    translation_key: str
    title: str
    source_file: str | None
    source_sha256: str | None

    @classmethod
    def of(cls, meta: dict[str, Any]) -> Owner | None:
        key = recorded_text(meta, "translation_key")
        if key is None:
            return None
        title = recorded_text(meta, "title") or ""
        return cls(key, title, recorded_source_file(meta), recorded_text(meta, "source", "sha256"))

    def same_release(self, other: Owner) -> bool:
        """The same release: one translation key, and the same source file (by name, or by content if renamed)."""
        if self.translation_key != other.translation_key:
            return False
        if self.source_file is None or other.source_file is None:
            return True
        return self.source_file == other.source_file or self.source_sha256 == other.source_sha256


def plan(path: Path, text: str, *, force: bool) -> Planned:
    """Compare with the page on disk; refuse to replace another release's page, or a hand edit without force.

    ``--force`` replaces a hand edit of the same release, never a different release.
    """
    if not path.exists():
        return Planned(path, text, "new", None)
    previous = path.read_text(encoding="utf-8")
    if previous == text:
        return Planned(path, text, "unchanged", previous)
    try:
        page = pages.split(previous)
    except pages.FrontMatterError as error:
        if force:
            return Planned(path, text, "changed", previous)
        problem = _("{path} has broken front matter ({error}); fix it or pass --force to replace it")
        raise WriteError(problem.format(path=path, error=error)) from error
    mine = pages.split(text).meta
    ours, theirs = Owner.of(mine), Owner.of(page.meta)
    if ours is not None and theirs is not None and not ours.same_release(theirs):
        raise WriteError(_taken(path, theirs, ours, mine.get("date")))
    if not force and recorded_body_hash(page.meta) != pages.body_hash(page.body):
        problem = _(
            "{path} was edited by hand since it was converted (its body no longer matches body_sha256); "
            "keep the edit, or pass --force to overwrite it"
        )
        raise WriteError(problem.format(path=path))
    return Planned(path, text, "changed", previous)


def _taken(path: Path, theirs: Owner, ours: Owner, date: object) -> str:
    """The refusal for a page name held by another release, with a free name to pass as --slug."""
    suffix = str(date)[5:10].replace("-", "") if date else "2"
    suggestion = f"{path.stem}-{suffix}"
    number = 2
    while (path.parent / f"{suggestion}.md").exists():
        suggestion = f"{path.stem}-{suffix}-{number}"
        number += 1
    if theirs.source_file:
        template = _(
            "{path} already holds another release: '{title}' (translation_key {key}, converted from {source}); "
            "give '{ours}' its own page name with --slug {suggestion} (--force never replaces another release)"
        )
    else:
        template = _(
            "{path} already holds another release: '{title}' (translation_key {key}); "
            "give '{ours}' its own page name with --slug {suggestion} (--force never replaces another release)"
        )
    return template.format(
        path=path,
        title=theirs.title,
        key=theirs.translation_key,
        source=theirs.source_file,
        ours=ours.title,
        suggestion=suggestion,
    )


def write_atomic(path: Path, text: str) -> None:
    """A page, as UTF-8 with the newlines it has (never the platform's), written atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))

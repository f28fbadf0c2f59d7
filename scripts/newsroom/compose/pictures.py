"""Pictures of a release as published: re-encoded for the web, each in a file beside its page."""

from __future__ import annotations

from dataclasses import replace

from newsroom.compose.errors import ConvertError
from newsroom.messages import _
from newsroom.parse.elements import Element, Figure
from newsroom.read import limits

# Published images: at most this wide, and about this many bytes (JPEG quality steps down until it fits).
IMAGE_MAX_WIDTH = 1600
IMAGE_TARGET_BYTES = 300 * 1024
JPEG_QUALITIES = (85, 78, 70, 62, 55, 48, 40)
IMAGE_MIN_WIDTH = 480


def encode_image(data: bytes) -> tuple[bytes, str]:
    """Re-encode an embedded image for the web: scaled to ``IMAGE_MAX_WIDTH``, metadata (EXIF, GPS) dropped.

    Returns the bytes and the file suffix (``.png`` for images with transparency that stay small, else ``.jpg``).
    The same input always gives the same bytes. Raises :class:`ConvertError` for an image that cannot be decoded.
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
        raise ConvertError(str(error)) from error
    except Exception as error:  # Pillow raises many types for damaged or hostile images
        problem = _("an embedded image cannot be decoded ({error})").format(error=type(error).__name__)
        raise ConvertError(problem) from error
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


def place_figures(body: list[Element], slug: str) -> tuple[list[Element], list[tuple[str, bytes]], list[str]]:
    """A body whose figures name their file beside the page (``<slug>/01.jpg``), the files, and what was left out.

    The parsed body is not changed: a new list is returned, each placed figure a copy with its ``file`` set.
    """
    placed: list[Element] = []
    images: list[tuple[str, bytes]] = []
    unplaced: list[str] = []
    for element in body:
        if not isinstance(element, Figure):
            placed.append(element)
            continue
        try:
            data, suffix = encode_image(element.picture.data)
        except ConvertError as error:
            unplaced.append(f"image {element.picture.name}: {error}")
            continue
        name = f"{len(images) + 1:02d}{suffix}"
        images.append((name, data))
        placed.append(replace(element, file=f"{slug}/{name}"))
    return placed, images, unplaced

"""Images embedded in release files: their pixel size from the image header, without decoding the pixels."""

from __future__ import annotations

import io
import warnings

from newsroom.read.blocks import Picture

# The embedded formats Hangul stores; anything else (WMF/EMF drawings, OLE objects) is listed, not published.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp")


def picture(data: bytes, name: str, caption: str = "") -> Picture:
    """A :class:`Picture` with its size; an image Pillow cannot read keeps size 0 (the parser lists it)."""
    from PIL import Image

    width = height = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Exception:  # an unreadable image is a finding for the parser, not a reason to stop reading
        width = height = 0
    return Picture(data, name, " ".join(caption.split()), width, height)

"""The site's typeface, KRDS's Pretendard GOV (OFL-1.1), served by the site itself in unicode-range chunks.

The pinned npm package (``pretendard-gov`` in package.json) ships the font cut into about 120 chunks per weight,
each with the unicode range it covers, so that a browser downloads only the chunks whose characters a page
shows. This module turns the package's stylesheet into the site's: two weights (regular for text, bold for
headings and emphasis), file names below ``fonts/``, and a fallback face whose line metrics are Pretendard
GOV's, so that lines keep their height when the font arrives. It reads the package and writes nothing.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path("node_modules/pretendard-gov")
STYLESHEET = PACKAGE / "dist/web/static/pretendard-gov-dynamic-subset.css"
CHUNKS = STYLESHEET.parent
WEIGHTS = ("400", "700")  # KRDS: Regular and Bold
FAMILY = "Pretendard GOV"
SITE_FOLDER = "assets/fonts"
SITE_STYLESHEET = "pretendard-gov.css"

# Pretendard GOV's vertical metrics (hhea of PretendardGOV-Regular: ascent 1950, descent 494, no line gap, on a
# 2048 unit em) put on the local fallback, so that swapping fonts moves no line. Its Hangul advance is 0.864 em
# where the common Korean system fonts have 1 em (Noto Sans CJK) or about 0.92 em (Malgun Gothic, Apple SD Gothic
# Neo); size-adjust brings each closer so that lines break near where they will break in Pretendard GOV.
_METRICS = "ascent-override: 95.2%; descent-override: 24.1%; line-gap-override: 0%;"
# (family, local fonts, size-adjust); docs/assets/css/site.css names both families after Pretendard GOV.
_FALLBACKS = (
    ("Pretendard GOV Fallback", 'local("Malgun Gothic"), local("Apple SD Gothic Neo")', "94%"),
    ("Pretendard GOV Fallback CJK", 'local("Noto Sans CJK KR"), local("Noto Sans KR")', "86.4%"),
)

_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
_URL = re.compile(r"url\(\./(?P<folder>[\w-]+)/(?P<name>[\w.-]+\.woff2)\)")
_RANGE = re.compile(r"unicode-range:\s*(?P<ranges>[^;]+);")
_WEIGHT = re.compile(r"font-weight:\s*(?P<weight>\d+)\s*;")
_LICENCE = re.compile(r"\A\s*/\*.*?\*/", re.DOTALL)


def _index(name: str) -> int:
    """The chunk's number in the package's file name (``PretendardGOV-Bold.subset.12.woff2``: 12)."""
    number = name.rsplit(".", 2)[-2]
    return int(number) if number.isdigit() else -1


class FontPackageError(Exception):
    """The pinned font package is missing or no longer shaped as this module expects."""


@dataclass(frozen=True)
class FontFiles:
    stylesheet: str  # the site's @font-face rules, with the font's licence notice
    chunks: tuple[Path, ...]  # woff2 files in the package, copied to ``SITE_FOLDER`` under their own names


def font_files(project: Path) -> FontFiles:
    """The site's font stylesheet and the package files it names, for ``WEIGHTS``."""
    source = project / STYLESHEET
    if not source.is_file():
        raise FontPackageError(f"{source} is missing: run `make setup` (npm ci installs pretendard-gov)")
    text = source.read_text(encoding="utf-8")
    licence = _LICENCE.match(text)
    if licence is None or "Open Font License" not in licence.group(0):
        raise FontPackageError(f"{source} no longer starts with the font's licence: review the pinned pretendard-gov")
    faces: list[tuple[int, str]] = []
    chunks: list[Path] = []
    for face in _FACE.finditer(text):
        body = face.group("body")
        weight, url = _WEIGHT.search(body), _URL.search(body)
        if weight is None or url is None or _RANGE.search(body) is None:
            raise FontPackageError(f"{source}: a face without weight, woff2 file or unicode-range: {body.strip()[:80]}")
        if weight.group("weight") not in WEIGHTS:
            continue
        chunk = CHUNKS / url.group("folder") / url.group("name")
        if not (project / chunk).is_file():
            raise FontPackageError(f"{project / chunk} is missing: the pinned pretendard-gov changed")
        chunks.append(chunk)
        ranges = "".join(_RANGE.search(body).group("ranges").split())  # type: ignore[union-attr]
        face = (
            f'@font-face{{font-family:"{FAMILY}";font-weight:{weight.group("weight")};font-display:swap;'
            f'src:url({chunk.name}) format("woff2");unicode-range:{ranges}}}'
        )
        faces.append((_index(chunk.name), face))
    if len(chunks) < 2 * len(WEIGHTS):
        raise FontPackageError(f"{source}: found {len(chunks)} chunks for weights {', '.join(WEIGHTS)}")
    fallbacks = [
        f'@font-face {{ font-family: "{family}"; src: {sources}; size-adjust: {size}; {_METRICS} }}'
        for family, sources, size in _FALLBACKS
    ]
    # Both weights of a chunk side by side: their unicode ranges are the same, which gzip then sends once.
    ordered = [face for _, face in sorted(faces, key=lambda item: item[0])]
    stylesheet = "\n".join([licence.group(0), *fallbacks, *ordered]) + "\n"
    return FontFiles(stylesheet, tuple(chunks))


def write_fonts(project: Path, site: Path) -> int:
    """Write the font stylesheet and chunks below ``site``; returns the number of chunks (FontPackageError: none)."""
    fonts = font_files(project)
    out = site / SITE_FOLDER
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for chunk in fonts.chunks:
        shutil.copyfile(project / chunk, out / chunk.name)
    (out / SITE_STYLESHEET).write_text(fonts.stylesheet, encoding="utf-8")
    return len(fonts.chunks)

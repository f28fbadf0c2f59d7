"""The site's typeface, KRDS's Pretendard GOV (OFL-1.1), served by the site itself in unicode-range chunks.

Two sets of chunks per weight (Regular for text, Bold for headings and emphasis), in one stylesheet:

- the site's own chunks, cut with fontTools from the package's full font to the committed font plan
  (``font_plan.py``: Latin first, then the characters of nearly every Korean page, then the rest of the site's
  characters by how many pages use them). Declared last, they come first for every character they hold.
- the package's own chunks (about 120 per weight, grouped by how often Korean text in general uses each
  character), declared first: every other glyph of the font stays reachable, so a character the plan did not
  foresee still renders in Pretendard GOV (CSS Fonts 4: faces with overlapping ranges are tried, and
  downloaded, last declared first).

Every file name carries a hash of its content, so that a reader's cached chunks stay valid until their glyphs
change. Cut chunks are cached below ``.cache/fonts/``, keyed by the package's version and the chunk's characters.
A local fallback face carries Pretendard GOV's line metrics, so that lines keep their height when the font arrives.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsroom.site.font_plan import PLAN_FILE, FontPlan, read_plan

PACKAGE = Path("node_modules/pretendard-gov")
STYLESHEET = PACKAGE / "dist/web/static/pretendard-gov-dynamic-subset.css"
FULL_FONTS = {"400": PACKAGE / "dist/web/static/woff2/PretendardGOV-Regular.woff2"}
FULL_FONTS["700"] = PACKAGE / "dist/web/static/woff2/PretendardGOV-Bold.woff2"
CACHE = Path(".cache/fonts")
# The OpenType features browsers apply to text by default (and the Hangul jamo ones); fontTools' default list
# also keeps fractions, numerators and the like, which this site never asks for: 2 KB more per Latin chunk.
# Copyright (0), family and style names (1-6), the licence's address (14). The licence's text (13) costs 400 bytes
# a file; it travels once, at the head of the font stylesheet, as OFL-1.1 allows ("human-readable headers").
NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 14, 16, 17)
FALLBACK_SIZE = 400  # characters per fallback chunk (benchmarks/bench_fonts.py)
FALLBACK_GROUP = 8  # fallback chunks cut from one trimmed copy of the font
LAYOUT_FEATURES = ("kern", "liga", "clig", "calt", "rlig", "locl", "ccmp", "mark", "mkmk", "ljmo", "vjmo", "tjmo")
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

_LICENCE = re.compile(r"\A\s*/\*.*?\*/", re.DOTALL)


class FontPackageError(Exception):
    """The pinned font package is missing or no longer shaped as this module expects."""


@dataclass(frozen=True)
class FontFiles:
    stylesheet: str  # the site's @font-face rules, with the font's licence notice
    files: dict[str, bytes]  # woff2 files by their name in ``SITE_FOLDER``


def _hashed(name: str, content: bytes) -> str:
    """``PretendardGOV-Bold.subset.12.woff2`` -> ``PretendardGOV-Bold.subset.12.<hash>.woff2``."""
    stem, suffix = name.rsplit(".", 1)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{suffix}"


def unicode_ranges(codepoints: set[int]) -> str:
    """``U+41-5A,U+AC00`` for a set of code points: runs collapsed, in order."""
    runs: list[str] = []
    ordered = sorted(codepoints)
    start = previous = ordered[0]
    for codepoint in [*ordered[1:], -1]:
        if codepoint == previous + 1:
            previous = codepoint
            continue
        runs.append(f"U+{start:X}" if start == previous else f"U+{start:X}-{previous:X}")
        start = previous = codepoint
    return ",".join(runs)


def _face(weight: str, name: str, ranges: str) -> str:
    return (
        f'@font-face{{font-family:"{FAMILY}";font-weight:{weight};font-display:swap;'
        f'src:url({name}) format("woff2");unicode-range:{ranges}}}'
    )


def package_version(project: Path) -> str:
    return str(json.loads((project / PACKAGE / "package.json").read_text(encoding="utf-8"))["version"])


def _options() -> object:
    from fontTools import subset

    options = subset.Options()
    options.hinting = False  # as the package's own chunks
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = list(NAME_IDS)
    options.drop_tables += ["vhea", "vmtx"]  # vertical metrics: the site sets no vertical text
    return options


def _how() -> str:
    return f"{','.join(LAYOUT_FEATURES)};{NAME_IDS};-vhea-vmtx;base2"


def base_font(project: Path, weight: str) -> Path:
    """The package's full font of ``weight``, uncompressed and trimmed once to the cutting options (cached).

    Every chunk is cut from it: reading the package's WOFF2 takes 10 s (Brotli), and the full font's layout
    tables (stylistic sets, fractions, ...) make each cut twice as slow."""
    key = hashlib.sha256(f"{weight}\n{_how()}".encode()).hexdigest()[:16]
    cached = project / CACHE / package_version(project) / f"{weight}-base-{key}.ttf"
    if cached.is_file():
        return cached
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(project / FULL_FONTS[weight])
    subsetter = subset.Subsetter(_options())  # type: ignore[arg-type]
    subsetter.populate(unicodes=font.getBestCmap())
    subsetter.subset(font)
    font.flavor = None
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    font.save(partial)
    partial.replace(cached)
    return cached


@cache
def font_characters(project: Path, weight: str) -> frozenset[int]:
    """The code points the package's full font of ``weight`` draws (cached: reading them takes 0.3 s a weight)."""
    cached = project / CACHE / package_version(project) / f"{weight}-cmap.json"
    if cached.is_file():
        return frozenset(json.loads(cached.read_text(encoding="utf-8")))
    from fontTools.ttLib import TTFont

    codepoints = sorted(TTFont(project / FULL_FONTS[weight], lazy=True).getBestCmap())
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    partial.write_text(json.dumps(codepoints), encoding="utf-8")
    partial.replace(cached)
    return frozenset(codepoints)


def _cache_path(project: Path, weight: str, characters: str, kind: str = "planned") -> Path:
    key = hashlib.sha256(f"{weight}\n{_how()}\n{kind}\n{characters}".encode()).hexdigest()[:24]
    return project / CACHE / package_version(project) / f"{weight}-{key}.woff2"


def _cut(font_file: Path | bytes, characters: str, cached: Path) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = _options()
    options.flavor = "woff2"  # type: ignore[attr-defined]
    font = TTFont(io.BytesIO(font_file) if isinstance(font_file, bytes) else font_file)
    subsetter = subset.Subsetter(options)  # type: ignore[arg-type]
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(cached)
    return data


def cut_chunk(project: Path, weight: str, characters: str) -> bytes:
    """The package's font of ``weight`` cut to ``characters``, as WOFF2 (cached below ``.cache/fonts/``)."""
    cached = _cache_path(project, weight, characters)
    if cached.is_file():
        return cached.read_bytes()
    return _cut(base_font(project, weight), characters, cached)


def _cut_group(project: Path, weight: str, members: tuple[str, ...]) -> None:
    """Cut fallback chunks from a font trimmed to their characters first: one reading of the whole font's layout
    tables for the group, not one per chunk (Hangul and Hanja have none of their own: 0.25 s a chunk, not 1.4 s)."""
    missing = [m for m in members if not _cache_path(project, weight, m, "fallback").is_file()]
    if not missing:
        return
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(base_font(project, weight))
    subsetter = subset.Subsetter(_options())  # type: ignore[arg-type]
    subsetter.populate(unicodes=[ord(c) for m in members for c in m])
    subsetter.subset(font)
    trimmed = io.BytesIO()
    font.save(trimmed)
    for characters in missing:
        _cut(trimmed.getvalue(), characters, _cache_path(project, weight, characters, "fallback"))


def _prepare_bases(project: Path) -> None:
    """``base_font`` of every weight, side by side on the cores when none is cached yet (10-25 s each)."""
    missing = [
        weight for weight in WEIGHTS if not any((project / CACHE / package_version(project)).glob(f"{weight}-base-*"))
    ]
    if len(missing) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1)) as pool:
            list(pool.map(base_font, [project] * len(missing), missing))


def fallback_files(project: Path, weight: str) -> list[bytes]:
    """The fallback chunks of ``weight`` (``fallback_chunks``) as WOFF2, cut on every core when not cached."""
    chunks = fallback_chunks(project, weight)
    groups = [chunks[i : i + FALLBACK_GROUP] for i in range(0, len(chunks), FALLBACK_GROUP)]
    if any(not _cache_path(project, weight, c, "fallback").is_file() for c in chunks):
        base_font(project, weight)  # once, before the workers that read it
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(len(groups), os.cpu_count() or 1)) as pool:
            list(pool.map(_cut_group, [project] * len(groups), [weight] * len(groups), groups))
    return [_cache_path(project, weight, c, "fallback").read_bytes() for c in chunks]


def fallback_chunks(project: Path, weight: str) -> tuple[str, ...]:
    """Every character the font draws, in code point order, ``FALLBACK_SIZE`` to a chunk.

    Each chunk's unicode-range is one span from its first to its last character: code points between them that
    the font does not draw cost nothing (no page shows them in this font), and the stylesheet stays small (the
    package's own chunks list their characters one by one: 23.5 KB gzipped per weight)."""
    drawn = sorted(font_characters(project, weight))
    return tuple("".join(map(chr, drawn[i : i + FALLBACK_SIZE])) for i in range(0, len(drawn), FALLBACK_SIZE))


def cut_chunks(project: Path, wanted: list[tuple[str, str]]) -> list[bytes]:
    """``cut_chunk`` for each (weight, characters), the ones not cached yet on every core."""
    missing = [(w, c) for w, c in wanted if not _cache_path(project, w, c).is_file()]
    for weight in sorted({w for w, _ in missing}):
        base_font(project, weight)  # once, before the workers that read it
    if len(missing) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1)) as pool:
            list(pool.map(cut_chunk, [project] * len(missing), *zip(*missing, strict=True)))
    return [cut_chunk(project, weight, characters) for weight, characters in wanted]


def _span(characters: str) -> str:
    """One range from the chunk's first to its last character.

    It overlaps the planned chunks' ranges: faces are tried last declared first, and only the face that draws a
    character is downloaded (CSS Fonts 4; Chromium measured on every sampled page: no fallback chunk fetched
    where a planned one holds the character). Leaving the planned characters out would split the spans into
    some 1,500 ranges: 4.8 KB more stylesheet on every page. Code points inside the span that the font does not
    draw cost nothing: no page shows them in this font."""
    first, last = ord(min(characters)), ord(max(characters))
    return f"U+{first:X}" if first == last else f"U+{first:X}-{last:X}"


def font_files(project: Path, plan_path: Path | None = None) -> FontFiles:
    """The site's font stylesheet and files: coarse fallback chunks of the whole font, then the plan's chunks."""
    source = project / STYLESHEET
    if not source.is_file():
        raise FontPackageError(f"{source} is missing: run `make setup` (npm ci installs pretendard-gov)")
    licence = _LICENCE.match(source.read_text(encoding="utf-8"))
    if licence is None or "Open Font License" not in licence.group(0):
        raise FontPackageError(f"{source} no longer starts with the font's licence: review the pinned pretendard-gov")
    for weight in WEIGHTS:
        if not (project / FULL_FONTS[weight]).is_file():
            raise FontPackageError(f"{project / FULL_FONTS[weight]} is missing: the pinned pretendard-gov changed")
    plan_path = project / PLAN_FILE if plan_path is None else plan_path
    plan = read_plan(plan_path) if plan_path.is_file() else FontPlan({})
    _prepare_bases(project)
    # (name, weight, unicode-range, file): fallback first, since the last declared face is tried first.
    chunks: list[tuple[str, str, str, bytes]] = []
    for weight in WEIGHTS:
        fallback = zip(fallback_chunks(project, weight), fallback_files(project, weight), strict=True)
        for number, (characters, data) in enumerate(fallback):
            chunks.append((f"pretendard-gov-{weight}-all{number}.woff2", weight, _span(characters), data))
    planned = [(weight, characters) for weight in WEIGHTS for characters in plan.chunks.get(weight, ())]
    contents = iter(cut_chunks(project, planned))
    for weight in WEIGHTS:
        # The plan names only characters the font draws (``newsroom font-plan``; tests/site/test_fonts.py checks).
        for number, characters in enumerate(plan.chunks.get(weight, ())):
            ranges = unicode_ranges({ord(c) for c in characters})
            chunks.append((f"pretendard-gov-{weight}-{number}.woff2", weight, ranges, next(contents)))
    files: dict[str, bytes] = {}
    faces: list[str] = []
    for name, weight, ranges, data in chunks:
        hashed = _hashed(name, data)
        files[hashed] = data
        faces.append(_face(weight, hashed, ranges))
    fallbacks = [
        f'@font-face {{ font-family: "{family}"; src: {sources}; size-adjust: {size}; {_METRICS} }}'
        for family, sources, size in _FALLBACKS
    ]
    stylesheet = "\n".join([licence.group(0), *fallbacks, *faces]) + "\n"
    return FontFiles(stylesheet, files)


def write_fonts(project: Path, site: Path) -> int:
    """Write the font stylesheet and chunks below ``site``; returns the number of chunks (FontPackageError: none)."""
    fonts = font_files(project)
    out = site / SITE_FOLDER
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        out.unlink()
    out.mkdir(parents=True, exist_ok=True)
    wanted = {*fonts.files, SITE_STYLESHEET}
    for path in out.iterdir():
        if path.name not in wanted:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    # A name carries its content's hash: a file already there under its name is already right (incremental builds).
    for name, data in fonts.files.items():
        target = out / name
        if not target.is_file() or target.stat().st_size != len(data):
            target.write_bytes(data)
    (out / SITE_STYLESHEET).write_text(fonts.stylesheet, encoding="utf-8")
    return len(fonts.files)

"""Font bytes per page under candidate font plans, so that the plan is chosen by measurement.

Usage: ``python benchmarks/bench_fonts.py [--site DIR] [--corpus DIR] [--unseen N]``. Without ``--site`` the
project's site is built first (``mkdocs build --strict``). For each candidate plan it cuts the plan's chunks from
Pretendard GOV with fontTools (cached below ``.cache/fonts/``, as the build does), then computes for every built
page the font bytes a browser fetches on a first visit: for each character the page shows in a weight, the
last declared face whose unicode-range holds it (as browsers choose), counted once per file. Plan ``package``
is the package's own chunks (the site before this plan). ``--corpus`` (default
``../shared/corpus/moe``, skipped when absent): its first half is the prior of plan ``chunks-120-prior``
(``newsroom font-plan --corpus``), its second half (``--unseen`` releases) releases no plan has seen, each one's
text on the frame of a Korean release page: the cost of the next release before the plan is refreshed. The
font stylesheet's gzipped size is printed per plan. ``--variable`` also cuts the Korean home page's characters
from the package's variable font (instanced to wght 400-700) and from Regular and Bold. Machine-readable lines::

    variable: characters=<n> regular=<bytes> bold=<bytes> variable_400_700=<bytes>

    plan: name=<plan> css_kb=<gz KB> chunks_400=<n> chunks_700=<n> cut_s=<s>
    page: plan=<plan> path=<path> font_kb=<KB> files=<n>
    all: plan=<plan> pages=<n> median_kb=<KB> max_kb=<KB> unseen_median_kb=<KB> unseen_max_kb=<KB>
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from newsroom.site import fonts  # noqa: E402
from newsroom.site.font_plan import FontPlan, ShownCharacters, plan_chunks, shown_characters, site_pages, write_plan  # noqa: E402

SAMPLES = ("index.html", "news/index.html", "policy/index.html", "en/index.html", "en/news/index.html")
SAMPLES += ("en/policy/index.html",)
_RANGE = re.compile(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", re.IGNORECASE)
_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")


@dataclass(frozen=True)
class Face:
    weight: str
    codepoints: frozenset[int]
    size: int


_FACE_PARTS = re.compile(r"font-weight:\s*(\d+).*?url\(([^)]+)\).*?unicode-range:([^;}]+)", re.DOTALL)


def faces(stylesheet: str, size_of: dict[str, int]) -> list[Face]:
    """The stylesheet's Pretendard GOV faces, last declared first (the order a browser tries them in)."""
    found = []
    for face in _FACE.finditer(stylesheet):
        parts = _FACE_PARTS.search(face.group("body"))
        if parts is None:
            continue
        weight, url, ranges = parts.groups()
        codepoints: set[int] = set()
        for low, high in _RANGE.findall(ranges):
            codepoints.update(range(int(low, 16), int(high or low, 16) + 1))
        found.append(Face(weight, frozenset(codepoints), size_of[url.split("/")[-1]]))
    return found[::-1]


def package_faces() -> list[Face]:
    folder = ROOT / fonts.STYLESHEET.parent
    sizes = {path.name: path.stat().st_size for path in folder.glob("woff2-dynamic-subset/*.woff2")}
    css = (ROOT / fonts.STYLESHEET).read_text(encoding="utf-8")
    return [f for f in faces(css, sizes) if f.weight in fonts.WEIGHTS]


def page_bytes(text: ShownCharacters, tried: list[Face]) -> tuple[int, int]:
    """Font bytes and files for a page: for each character, the first face (last declared) whose range holds it."""
    total = files = 0
    for weight, characters in (("400", text.regular), ("700", text.bold)):
        left = {ord(c) for c in characters}
        for face in tried:
            if face.weight == weight and left & face.codepoints:
                total += face.size
                files += 1
                left -= face.codepoints
    return total, files


def corpus_texts(corpus: Path) -> list[frozenset[str]]:
    """The characters of each real release in ``corpus`` (HWPX), in file order."""
    if not corpus.is_dir():
        return []
    from newsroom.read import ReadError, read

    texts = []
    for path in sorted(corpus.glob("*.hwpx")):
        try:
            texts.append(frozenset(repr(read(path).blocks)))
        except ReadError:
            continue
    return texts


def candidates(
    texts: list[ShownCharacters], covered: dict[str, frozenset[int]], prior: list[frozenset[str]]
) -> dict[str, FontPlan]:
    regular = [t.regular for t in texts]
    bold = [t.bold for t in texts]
    plans = {}
    for size in (60, 120, 250):
        plans[f"chunks-{size}"] = FontPlan(
            {
                "400": plan_chunks(regular, covered["400"], chunk_size=size),
                "700": plan_chunks(bold, covered["700"], chunk_size=size),
            }
        )
    same = plan_chunks(regular, covered["400"], chunk_size=120)
    plans["chunks-120-bold-as-regular"] = FontPlan({"400": same, "700": same})
    # Latin and the common Korean characters in one first chunk, as the package does.
    merged = plans["chunks-120"].chunks
    plans["chunks-120-latin-with-common"] = FontPlan(
        {w: (merged[w][0] + merged[w][1], *merged[w][2:]) if len(merged[w]) > 1 else merged[w] for w in merged}
    )
    plans["chunks-120-prior"] = FontPlan(
        {
            "400": plan_chunks(regular, covered["400"], chunk_size=120, prior=prior),
            "700": plan_chunks(bold, covered["700"], chunk_size=120),
        }
    )
    return plans


def variable_against_static(text: ShownCharacters) -> str:
    """The package's variable font instanced to wght 400-700 against Regular + Bold, cut to the same characters."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    characters = sorted({ord(c) for c in text.regular | text.bold} | set(range(0x20, 0x7F)))

    def cut(path: Path, limit: tuple[int, int] | None = None) -> int:
        font = TTFont(path)
        options = subset.Options()
        options.hinting = False
        options.layout_features = list(fonts.LAYOUT_FEATURES)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=characters)
        subsetter.subset(font)
        if limit:
            font = instancer.instantiateVariableFont(font, {"wght": limit})
        font.flavor = "woff2"
        out = io.BytesIO()
        font.save(out)
        return len(out.getvalue())

    web = ROOT / fonts.PACKAGE / "dist/web"
    regular = cut(web / "static/woff2/PretendardGOV-Regular.woff2")
    bold = cut(web / "static/woff2/PretendardGOV-Bold.woff2")
    variable = cut(web / "variable/woff2/PretendardGOVVariable.woff2", (400, 700))
    return f"variable: characters={len(characters)} regular={regular} bold={bold} variable_400_700={variable}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "moe")
    parser.add_argument("--unseen", type=int, default=40)
    parser.add_argument("--variable", action="store_true", help="also: variable font against two static weights")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site
        if site is None:
            site = Path(temporary) / "site"
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                cwd=ROOT,
                env=env,
                check=True,
            )
        paths = list(site_pages(site))
        texts = {path.relative_to(site).as_posix(): shown_characters(path.read_bytes()) for path in paths}
    samples = [s for s in SAMPLES if s in texts]
    for prefix in ("", "en/"):
        releases = sorted(p for p in texts if re.fullmatch(prefix + r"news/\d{4}/[^/]+/index\.html", p))
        samples += releases[-1:]
    if args.variable:
        print(variable_against_static(texts["index.html"]), flush=True)
    covered = {w: fonts.font_characters(ROOT, w) for w in fonts.WEIGHTS}
    frame = texts[samples[-2]] if len(samples) >= 2 else ShownCharacters(frozenset(), frozenset())
    # The first half of the corpus is the prior of plan "chunks-120-prior"; releases of the second half are the
    # unseen ones for every plan (each one's text on the frame of a Korean release page).
    releases = corpus_texts(args.corpus)
    prior, later = releases[: len(releases) // 2], releases[len(releases) // 2 :][: args.unseen]
    unseen = [ShownCharacters(frame.regular | text, frame.bold) for text in later]
    plans: dict[str, FontPlan | None] = {"package": None}
    plans.update(candidates(list(texts.values()), covered, prior))
    for name, plan in plans.items():
        started = time.perf_counter()
        if plan is None:
            tried = package_faces()
            css = (ROOT / fonts.STYLESHEET).read_text(encoding="utf-8")
            # As the site served them: both weights of a chunk side by side, so gzip sends each range list once.
            kept = [m.group(0) for m in _FACE.finditer(css) if re.search(r"font-weight:\s*(400|700)", m.group(0))]
            css = "\n".join(sorted(kept, key=lambda face: int(re.search(r"\.(\d+)\.woff2", face).group(1))))  # type: ignore[union-attr]
        else:
            with tempfile.TemporaryDirectory() as temporary:
                plan_path = Path(temporary) / "plan.json"
                write_plan(plan_path, plan)
                built = fonts.font_files(ROOT, plan_path)
            css = built.stylesheet
            tried = faces(css, {name: len(data) for name, data in built.files.items()})
        cut = time.perf_counter() - started
        counts = {w: len(plan.chunks.get(w, ())) if plan else 0 for w in fonts.WEIGHTS}
        css_kb = len(gzip.compress(css.encode(), compresslevel=6)) / 1000
        print(
            f"plan: name={name} css_kb={css_kb:.1f} chunks_400={counts['400']} chunks_700={counts['700']}",
            f"cut_s={cut:.1f}",
        )
        for path in samples:
            size, files = page_bytes(texts[path], tried)
            print(f"page: plan={name} path={path} font_kb={size / 1000:.1f} files={files}")
        every = [page_bytes(t, tried)[0] / 1000 for t in texts.values()]
        new = [page_bytes(t, tried)[0] / 1000 for t in unseen] or [0.0]
        print(
            f"all: plan={name} pages={len(every)} median_kb={statistics.median(every):.1f} max_kb={max(every):.1f} "
            f"unseen={len(unseen)} unseen_median_kb={statistics.median(new):.1f} unseen_max_kb={max(new):.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()

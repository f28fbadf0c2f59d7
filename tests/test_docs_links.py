"""Every relative link in the project's documentation resolves: the file exists and so does its #anchor.

Links to handbook pages that another branch writes fail here until that branch is merged: a dangling link
is a broken promise to the reader, whatever the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCUMENTS = sorted(
    [
        ROOT / "README.md",
        ROOT / "ARCHITECTURE.md",
        ROOT / "PRESS-OFFICE.ko.md",
        ROOT / "benchmarks" / "RESULTS.md",
        *(ROOT / "handbook").glob("*.md"),
    ]
)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\s[^>]*\bsrc=\"([^\"]+)\"")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def _prose(text: str) -> str:
    return CODE_SPAN.sub("", FENCE.sub("", text))


def anchor_of(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped (hyphens kept), spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(document: Path) -> set[str]:
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in HEADING.findall(FENCE.sub("", document.read_text(encoding="utf-8"))):
        anchor = anchor_of(heading)
        seen = counts.get(anchor, 0)
        counts[anchor] = seen + 1
        found.add(anchor if seen == 0 else f"{anchor}-{seen}")
    return found


def broken_links(document: Path) -> list[str]:
    broken = []
    for match in LINK.finditer(_prose(document.read_text(encoding="utf-8"))):
        target = match.group(1) or match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: …: not ours to resolve offline
            continue
        path_part, _, anchor = target.partition("#")
        resolved = (document.parent / path_part).resolve() if path_part else document
        if not resolved.exists():
            broken.append(
                f"{target}: no file {resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else resolved}"
            )
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading gives #{anchor}")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(document: Path) -> None:
    assert broken_links(document) == []


def test_a_broken_file_or_anchor_is_found(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Converting a news release\n\n## Two\n\n## Two\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md#converting-a-news-release) [twice](other.md#two-1) [gone](missing.md) "
        "[bad](other.md#nowhere) [web](https://example.org/x) `[code](nowhere.md)` [self](#here)\n\n# Here\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "missing.md: no file " + str((tmp_path / "missing.md").resolve()),
        "other.md#nowhere: no heading gives #nowhere",
    ]


def test_the_readme_is_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150

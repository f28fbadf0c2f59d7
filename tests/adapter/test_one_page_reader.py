"""Every page fault that the build and `newsroom check` both know is found by one reader (newsroom.model.corpus) and
worded the same way: the build (the real plugin's events) stops with the first, the check annotates it."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from newsroom.check import Severity, check_docs

from tests.adapter.conftest import EMBARGO, RELEASE, load

AFTER = (EMBARGO + dt.timedelta(minutes=1)).isoformat()
BUILD_ERROR = re.compile(r"^newsroom: (?P<source>[^:]+?)(?::(?P<line>\d+))?: (?P<problem>.*)$", re.S)


def _edit(root: Path, source: str, old: str, new: str) -> None:
    page = root / "docs" / source
    text = page.read_text(encoding="utf-8")
    assert old in text, text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def wrong_language_folder(root: Path) -> None:
    _edit(root, RELEASE, "lang: ko", "lang: en")
    _edit(root, RELEASE, "- ko", "- en")


def wrong_place(root: Path) -> None:
    _edit(root, RELEASE, "slug: test-release", "slug: another-release")


def two_releases_share_a_key(root: Path) -> None:
    text = (root / "docs" / RELEASE).read_text(encoding="utf-8").replace("slug: test-release", "slug: second")
    (root / "docs" / "ko/news/2025/second.md").write_text(text, encoding="utf-8")


def an_old_address_is_a_live_one(root: Path) -> None:
    text = (root / "docs" / RELEASE).read_text(encoding="utf-8")
    text = text.replace("slug: test-release", "slug: second").replace(
        "translation_key: test-release", "translation_key: second"
    )
    text = text.replace("title:", "redirect_from:\n- news/2025/test-release/\ntitle:", 1)
    (root / "docs" / "ko/news/2025/second.md").write_text(text, encoding="utf-8")


def refused_by_the_schema(root: Path) -> None:
    _edit(root, RELEASE, "- smart-city", "- robots")


def unreadable_yaml(root: Path) -> None:
    _edit(root, RELEASE, "title:", "\ttitle:")


def not_utf8(root: Path) -> None:
    page = root / "docs" / RELEASE
    page.write_bytes(page.read_bytes().replace("시험 문단".encode(), b"\xc3\x28"))


def release_without_front_matter(root: Path) -> None:
    (root / "docs" / "ko/news/2025/bare.md").write_text("본문만 있습니다.\n", encoding="utf-8")


def plain_page_leaves_out_its_language(root: Path) -> None:
    (root / "docs" / "ko/about.md").write_text("---\nlanguages: [en]\n---\n\n# 소개\n", encoding="utf-8")


def plain_page_refused_by_the_schema(root: Path) -> None:
    (root / "docs" / "ko/about.md").write_text("---\nlanguages: [fr]\n---\n\n# 소개\n", encoding="utf-8")


FAULTS: list[Callable[[Path], None]] = [
    wrong_language_folder,
    wrong_place,
    two_releases_share_a_key,
    an_old_address_is_a_live_one,
    refused_by_the_schema,
    unreadable_yaml,
    not_utf8,
    release_without_front_matter,
    plain_page_leaves_out_its_language,
    plain_page_refused_by_the_schema,
]


@pytest.mark.parametrize("inject", FAULTS, ids=lambda inject: inject.__name__)
def test_the_build_and_the_check_say_the_same(three_pages: Path, inject: Callable[[Path], None]) -> None:
    inject(three_pages)
    with pytest.raises(PluginError) as raised:
        load(three_pages, now=AFTER).to_files()
    match = BUILD_ERROR.match(str(raised.value))
    assert match is not None, str(raised.value)
    docs = three_pages / "docs"
    errors = [f for f in check_docs(docs, now=EMBARGO + dt.timedelta(minutes=1)) if f.severity is Severity.ERROR]
    same = [f for f in errors if Path(f.path).resolve() == (docs / match["source"]).resolve()]
    assert match["problem"] in [f.message for f in same], (str(raised.value), [f.as_text() for f in errors])
    if match["line"]:  # the key clash is found across pages, after each page was read: the build has no line
        assert int(match["line"]) in [f.line for f in same if f.message == match["problem"]]


# Faults of one page alone: under `mkdocs serve` the site is served and that page shows the fault at its address.
SHOWN_AT_ITS_ADDRESS = {
    refused_by_the_schema: "news/2025/test-release/",
    unreadable_yaml: "news/2025/test-release/",
    not_utf8: "news/2025/test-release/",
    plain_page_refused_by_the_schema: "about/",
}


@pytest.mark.parametrize("inject", list(SHOWN_AT_ITS_ADDRESS), ids=lambda inject: inject.__name__)
def test_serve_shows_the_same_words_at_the_pages_address(three_pages: Path, inject: Callable[[Path], None]) -> None:
    inject(three_pages)
    with pytest.raises(PluginError) as raised:
        load(three_pages, now=AFTER).to_files()
    match = BUILD_ERROR.match(str(raised.value))
    assert match is not None
    page = load(three_pages, now=AFTER, command="serve").to_env().html(SHOWN_AT_ITS_ADDRESS[inject])
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert match["problem"] in shown and f"{match['source']}:{match['line']}" in shown

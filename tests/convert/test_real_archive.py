"""Real releases of a ministry's archive (../shared/corpus/moe), graded against the ministry's own board listing,
and text copies of real HWPX files (cells joined by TAB, one paragraph a line) against the HWPX itself."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from newsroom.parse import parse_blocks
from newsroom.parse.elements import ParsedRelease
from newsroom.read import read

from benchmarks.bench_corpus import contact_matches, date_matches, department_matches, headline_matches
from tests.read.release_builders import text_copy

pytestmark = pytest.mark.shared

# One file per shape the archive showed: a headline over two and three lines, one opening with 「 or ending in !,
# an HWPX named .hwp, an agency's embargo notice instead of a header, an embargo typed a year early, a masthead
# holding the headline, a department over two rows, template hints in the cell, several organisations.
SHAPES = [
    "105052.hwpx",
    "105773.hwpx",
    "105350.hwpx",
    "105704.hwpx",
    "105811.hwp",
    "105757.hwpx",
    "105435.hwpx",
    "106040.hwpx",
    "105472.hwpx",
    "106651.hwpx",
    "105708.hwpx",
    "105555.hwpx",
]


def _listing(corpus: Path) -> dict[str, dict[str, str]]:
    rows = (json.loads(line) for line in (corpus / "listing.jsonl").read_text(encoding="utf-8").splitlines() if line)
    return {row["file"]: row for row in rows}


@pytest.mark.parametrize("name", SHAPES)
def test_real_release_matches_the_ministry_board(shared_dir: Path, name: str) -> None:
    corpus = shared_dir / "corpus" / "moe"
    board = _listing(corpus)[name]
    release = parse_blocks(read(corpus / name).blocks)
    assert release.ko is not None and release.ko.title is not None
    assert headline_matches(release.ko.title, release.ko.subtitles, board["title"]), (release.ko.title, board)
    assert release.date is not None and date_matches(release.date.isoformat(), board["date"], 3)
    if board["division"]:
        assert department_matches(release.department, board["division"]), (release.department, board)
    if board["contact"]:
        contacts = [contact.model_dump() for contact in release.contacts]
        assert contact_matches(contacts, board["contact"]), (contacts, board)
    # Every organisation keeps its own people: none is named after another's.
    assert all(contact.organisation for contact in release.contacts)


def _copied(path: Path) -> ParsedRelease:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"{path.stem}.txt"
        copy.write_text(text_copy(read(path).blocks), encoding="utf-8")
        return parse_blocks(read(copy).blocks)


def _real_hwpx(shared: Path) -> list[Path]:
    return sorted((shared / "fixtures" / "hwpx").glob("*.hwpx")) + [
        shared / "corpus" / "moe" / name for name in SHAPES if name.endswith(".hwpx")
    ]


def test_text_copies_of_real_hwpx_convert_like_the_hwpx(shared_dir: Path) -> None:
    for path in _real_hwpx(shared_dir):
        original = parse_blocks(read(path).blocks)
        copied = _copied(path)
        assert original.ko is not None and copied.ko is not None, path.name
        assert copied.ko.title == original.ko.title, path.name
        assert (copied.date, copied.distributed_at, copied.embargo_until) == (
            original.date,
            original.distributed_at,
            original.embargo_until,
        ), path.name
        assert copied.department == original.department, path.name
        assert copied.contacts == original.contacts, path.name


@pytest.mark.parametrize(
    ("name", "kind", "title"),
    [
        (
            "fixtures/hwp/moe-105999.hwp",
            "explanation",
            "정부는 모범적 사용자로서 공공부문 비정규직 처우개선과 공정한 고용관행 확립을 위해 적극 노력하겠습니다.",
        ),
        ("corpus/moe/105736.hwpx", "reference", "｢데이터로 읽는 우리 교육｣ 제2호 발간 : 학교급식 요모조모 알아보기"),
        ("corpus/moe/105052.hwpx", "release", "2026학년도 1학기 학자금대출 1월 5일부터 신청하세요!"),
    ],
)
def test_real_release_kinds_with_their_own_headline(shared_dir: Path, name: str, kind: str, title: str) -> None:
    release = parse_blocks(read(shared_dir / name).blocks)
    assert release.kind == kind
    assert release.ko is not None and release.ko.title == title


def test_a_contact_row_under_another_role_is_listed_not_guessed(shared_dir: Path) -> None:
    release = parse_blocks(read(shared_dir / "corpus" / "moe" / "106580.hwpx").blocks)
    assert "백승민" not in [contact.name for contact in release.contacts]
    assert any("백승민" in note and "(042-869-6330)" in note for note in release.unplaced)

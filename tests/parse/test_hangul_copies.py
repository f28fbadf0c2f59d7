"""The copies Hangul makes, and the header shapes of boards and newswires: each a class, built, never a file.

Tests write a release in HWPX with the official layout, copy it the ways Hangul does (``hangul_copy``: a
multi-line cell splits its row across lines; ``flatten_header``: the header tables without their grid),
and require the copy to convert like the HWPX.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from newsroom.model.release import KST
from newsroom.parse import parse_blocks
from newsroom.parse.elements import ParsedRelease
from newsroom.read import read

from tests.parse.test_official_layouts import BANNER, BODY, CONTACTS, RELEASE, TITLE_BOX
from tests.read.release_builders import hangul_copy, write_hwpx

# The print edition's embargo as the second paragraph of the 보도시점 cell: one cell, two lines.
HEADER_ONE_CELL = [
    [
        "배포",
        "2026. 7. 27.(월) 15:00",
        "",
        "보도시점",
        "(인터넷) 2026. 7. 28.(화) 12:00\n(지  면) 2026. 7. 28.(화) 석간",
    ]
]
HELD_HEADER = [
    [
        "배포",
        "2026. 5. 6.(수) 10:00",
        "",
        "보도시점",
        "(인터넷) 2026. 5. 7.(목) 국회 본회의 통과 시(별도안내)\n(지  면) 2026. 5. 8.(금) 조간",
    ]
]


def _facts(release: ParsedRelease) -> tuple[object, ...]:
    assert release.ko is not None
    return (
        release.ko.title,
        release.ko.subtitles,
        release.date,
        release.distributed_at,
        release.embargo_until,
        release.embargo_held,
        release.department,
        release.contacts,
    )


def _copied(tmp_path: Path, source: Path, *, flatten_header: bool = False) -> ParsedRelease:
    copy = tmp_path / "copied.txt"
    copy.write_text(hangul_copy(read(source).blocks, flatten_header=flatten_header), encoding="utf-8")
    return parse_blocks(read(copy).blocks)


@pytest.mark.parametrize("flatten_header", [False, True])
def test_a_hangul_copy_converts_like_the_hwpx(tmp_path: Path, flatten_header: bool) -> None:
    source = write_hwpx(tmp_path / "release.hwpx", RELEASE)
    copied = _copied(tmp_path, source, flatten_header=flatten_header)
    assert _facts(copied) == _facts(parse_blocks(read(source).blocks))


def test_the_copy_really_splits_cells_across_lines(tmp_path: Path) -> None:
    text = hangul_copy(read(write_hwpx(tmp_path / "release.hwpx", RELEASE)).blocks)
    # A cell's second paragraph opens the next line; the next cell follows its last line after a TAB.
    assert "\t서기관\n사무관\t배소영\n김하늘\t(044-203-6268)\n(044-203-6269)" in text


@pytest.mark.parametrize("flatten_header", [False, True])
def test_the_print_editions_line_is_no_part_of_the_headline(tmp_path: Path, flatten_header: bool) -> None:
    source = write_hwpx(tmp_path / "release.hwpx", [BANNER, HEADER_ONE_CELL, TITLE_BOX, BODY, CONTACTS])
    text = hangul_copy(read(source).blocks, flatten_header=flatten_header)
    assert "\n(지  면) 2026. 7. 28.(화) 석간\n" in text  # a bare line of its own, as the issue saw it
    copied = _copied(tmp_path, source, flatten_header=flatten_header)
    assert copied.ko is not None and copied.ko.title == "2026학년도 1학기 학자금대출 1월 5일부터 신청하세요!"
    assert copied.embargo_until == dt.datetime(2026, 7, 28, 12, 0, tzinfo=KST)
    assert _facts(copied) == _facts(parse_blocks(read(source).blocks))


@pytest.mark.parametrize("flatten_header", [False, True])
def test_a_conditional_embargo_is_held_in_the_file_and_its_copies(tmp_path: Path, flatten_header: bool) -> None:
    source = write_hwpx(tmp_path / "release.hwpx", [BANNER, HELD_HEADER, TITLE_BOX, BODY, CONTACTS])
    for release in (parse_blocks(read(source).blocks), _copied(tmp_path, source, flatten_header=flatten_header)):
        assert release.embargo_held == "2026. 5. 7.(목) 국회 본회의 통과 시(별도안내)"
        assert release.embargo_until is None and release.date == dt.date(2026, 5, 7)
        assert release.ko is not None and release.ko.title == "2026학년도 1학기 학자금대출 1월 5일부터 신청하세요!"


def _text(tmp_path: Path, *lines: str) -> ParsedRelease:
    path = tmp_path / "board.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return parse_blocks(read(path).blocks)


LEAD = "교육부는 12일 올해 업무계획을 발표했다고 밝혔다. 학생 중심의 교육을 강화한다."


@pytest.mark.parametrize("stamp", ["2016-02-12 09:20", "2016/02/12 [09:20]"])
def test_a_boards_bare_date_time_under_the_headline_dates_the_release(tmp_path: Path, stamp: str) -> None:
    release = _text(tmp_path, "교육부, 2016년 업무계획 발표", stamp, "- 학생 중심 교육 강화", LEAD)
    assert release.ko is not None and release.ko.title == "교육부, 2016년 업무계획 발표"
    assert release.ko.subtitles == ["학생 중심 교육 강화"]
    assert release.date == dt.date(2016, 2, 12) and release.date_source == "metadata"


@pytest.mark.parametrize("stamp", ["기사입력 2024/09/06 [16:57]", "입력 : 2024/09/06 [16:57]"])
def test_a_newswire_stamp_dates_the_release(tmp_path: Path, stamp: str) -> None:
    release = _text(tmp_path, "천안시, 스마트도시 센터 개소", stamp, LEAD)
    assert release.ko is not None and release.ko.title == "천안시, 스마트도시 센터 개소"
    assert release.date == dt.date(2024, 9, 6) and release.date_source == "reprint"
    assert stamp in release.ko.dropped


def test_an_english_boards_contact_line_gives_the_contact(tmp_path: Path) -> None:
    release = _text(
        tmp_path,
        "Ministry of Education announces its plan",
        "Name Kim Min-ho +82 (044) 201-4744 Inquiry 15",
        "Date 2026-03-02",
        "The Ministry of Education announced its plan on Monday. It covers schools nationwide.",
    )
    assert release.en is not None and release.en.subtitles == []
    assert [(c.name, c.phone) for c in release.contacts] == [("Kim Min-ho", "044-201-4744")]


# Headlines of two lines in a title box whose second line the length rule alone would not join: the first
# line is long ("…성인 누구나"), or the second ends like a sentence ("…만들겠습니다."). Real shapes (the
# ministry's 105371 and 105198); the copy loses the box, the marked subtitles after it remain.
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("인공지능(AI)·디지털 교육을 원하는 성인 누구나", "언제 어디서든 배울 수 있도록 지원"),
        ("교사가 안심하고 가르치는", "학교를 만들겠습니다."),
    ],
)
def test_a_two_line_headline_before_marked_subtitles_stays_whole(tmp_path: Path, first: str, second: str) -> None:
    title_box = [[f"{first}\n{second}"], TITLE_BOX[1]]
    source = write_hwpx(tmp_path / "release.hwpx", [BANNER, HEADER_ONE_CELL, title_box, BODY, CONTACTS])
    copied = _copied(tmp_path, source)
    assert copied.ko is not None and copied.ko.title == f"{first} {second}"
    assert _facts(copied) == _facts(parse_blocks(read(source).blocks))

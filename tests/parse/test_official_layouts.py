"""Official layouts on files the tests build: banner and header before the headline, title boxes, kinds,
agency notices, contact tables with several organisations, and the same releases as copied text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from newsroom.compose import ConvertError, compose_release
from newsroom.compose.options import Options
from newsroom.model.release import KST, ContactRole
from newsroom.parse import parse_blocks
from newsroom.parse.elements import Heading, ParsedRelease
from newsroom.read import read

from tests.read.release_builders import text_copy, write_hwp, write_hwpx

BANNER = [["교육부 로고", "보도자료", ""]]
HEADER = [
    ["배포", "2026. 1. 2.(금) 15:00", "", "보도시점", "(인터넷) 2026. 1. 4.(일) 9:00"],
    ["", "", "", "", "(지  면) 2026. 1. 5.(월) 조간"],
]
TITLE_BOX = [
    ["2026학년도 1학기 학자금대출\n1월 5일부터 신청하세요!"],
    ["- 학자금대출 금리는 6년 연속 1.7% 저금리 동결\n- 1월 5일(월)부터 신청‧접수 실시"],
]
CONTACTS = [
    ["담당 부서", "교육부", "책임자", "과  장", "최민호", "(044-203-6267)"],
    ["", "청년장학지원과", "담당자", "서기관\n사무관", "배소영\n김하늘", "(044-203-6268)\n(044-203-6269)"],
    ["담당 기관", "한국장학재단", "책임자", "부  장", "김도은", "(053-238-2300)"],
    ["", "학자금대출부", "담당자", "팀  장", "권순도", "(kwon@example.kr)"],
]
BODY = "  교육부(장관 최교진)와 한국장학재단은 1월 5일부터 학자금대출 신청을 받는다고 밝혔다."
RELEASE = [BANNER, HEADER, TITLE_BOX, BODY, "□ 대출 금리는 1.7%로 동결된다.", CONTACTS]


def _same(one: ParsedRelease, other: ParsedRelease) -> None:
    assert one.ko is not None and other.ko is not None
    assert (one.ko.title, one.ko.subtitles) == (other.ko.title, other.ko.subtitles)
    assert (one.date, one.distributed_at, one.embargo_until) == (other.date, other.distributed_at, other.embargo_until)
    assert (one.department, one.contacts, one.kind) == (other.department, other.contacts, other.kind)


@pytest.mark.parametrize("writer", [write_hwpx, write_hwp])
def test_official_layout_in_hwpx_hwp_and_a_text_copy(tmp_path: Path, writer: object) -> None:
    source = writer(tmp_path / f"release.{'hwpx' if writer is write_hwpx else 'hwp'}", RELEASE)  # type: ignore[operator]
    release = parse_blocks(read(source).blocks)
    assert release.ko is not None
    assert release.ko.title == "2026학년도 1학기 학자금대출 1월 5일부터 신청하세요!"
    assert release.ko.subtitles == ["학자금대출 금리는 6년 연속 1.7% 저금리 동결", "1월 5일(월)부터 신청‧접수 실시"]
    assert release.kind == "release" and release.date_source == "header"
    assert release.distributed_at == dt.datetime(2026, 1, 2, 15, 0, tzinfo=KST)
    assert release.embargo_until == dt.datetime(2026, 1, 4, 9, 0, tzinfo=KST)
    assert release.date == dt.date(2026, 1, 4)
    # The publisher's organisation over two rows; the agency apart, with its own people.
    assert release.department == "교육부 청년장학지원과"
    people = [(c.role, c.rank, c.name, c.phone, c.email, c.organisation) for c in release.contacts]
    assert people == [
        (ContactRole.LEAD, "과장", "최민호", "044-203-6267", None, "교육부 청년장학지원과"),
        (ContactRole.OFFICER, "서기관", "배소영", "044-203-6268", None, "교육부 청년장학지원과"),
        (ContactRole.OFFICER, "사무관", "김하늘", "044-203-6269", None, "교육부 청년장학지원과"),
        (ContactRole.LEAD, "부장", "김도은", "053-238-2300", None, "한국장학재단 학자금대출부"),
        (ContactRole.OFFICER, "팀장", "권순도", None, "kwon@example.kr", "한국장학재단 학자금대출부"),
    ]
    assert release.unplaced == ["교육부 로고"]

    copy = tmp_path / "copied.txt"
    copy.write_text(text_copy(read(source).blocks), encoding="utf-8")
    assert "배포\t2026. 1. 2.(금) 15:00" in copy.read_text(encoding="utf-8")
    _same(parse_blocks(read(copy).blocks), release)


@pytest.mark.parametrize(
    ("banner", "kind"),
    [
        ("보도참고자료", "reference"),
        ("보도설명자료", "explanation"),
        ("해명자료", "explanation"),
        ("정정보도자료", "correction"),
    ],
)
def test_banner_gives_the_kind(tmp_path: Path, banner: str, kind: str) -> None:
    source = write_hwpx(
        tmp_path / "r.hwpx",
        [
            [["로고", banner, ""]],
            [["보도시점", "2026. 4. 28.(화) 배포 즉시"]],
            [["정부는 공공부문 비정규직 처우개선을 위해 적극 노력하겠습니다."]],
            "1. 관련 기사",
            "□ 4.28.(화) 매일경제, “공정수당, 따라 할 일 아니다”",
            "2. 설명 내용",
            "□ 정부는 처우개선 대책을 발표하였음",
        ],
    )
    release = parse_blocks(read(source).blocks)
    assert release.kind == kind and release.date == dt.date(2026, 4, 28)
    assert release.ko is not None
    assert release.ko.title == "정부는 공공부문 비정규직 처우개선을 위해 적극 노력하겠습니다."
    assert release.ko.subtitles == []
    assert release.ko.body[0] == Heading("1. 관련 기사") and Heading("2. 설명 내용") in release.ko.body


def test_agency_notice_and_contact_lines_before_the_headline(tmp_path: Path) -> None:
    source = write_hwpx(
        tmp_path / "r.hwpx",
        [
            "★ 3월 31일(화) 11:00 이후 보도하여 주시기 바랍니다.",
            "(인터넷·방송·통신 : 3. 31.(화) 11:00 이후 보도 가능)",
            [["2026. 3. 31.(화)"]],
            [["홍보실 ☎ 043-000-0615"]],
            [["[ 자료 문의 ] 시험본부장 홍길동, 담당 김철수 ☎ 043-000-0632"]],
            [["2027학년도 대학수학능력시험 6월 모의평가\n시행계획 발표"]],
            "  평가원은 6월 모의평가 시행계획을 발표하였다.",
        ],
    )
    release = parse_blocks(read(source).blocks)
    assert release.ko is not None
    assert release.ko.title == "2027학년도 대학수학능력시험 6월 모의평가 시행계획 발표"
    assert release.date == dt.date(2026, 3, 31) and release.date_source == "notice"
    assert release.embargo_until == dt.datetime(2026, 3, 31, 11, 0, tzinfo=KST)
    # The contact lines stay in the release (at the end of its body), never lost.
    assert [getattr(e, "text", "") for e in release.ko.body][-2:] == [
        "홍보실 ☎ 043-000-0615",
        "[ 자료 문의 ] 시험본부장 홍길동, 담당 김철수 ☎ 043-000-0632",
    ]


def test_embargo_before_distribution_is_set_aside(tmp_path: Path) -> None:
    header = [["배포", "2026. 2. 26.(목) 08:30", "보도시점", "(인터넷)2025. 2. 26.(목) 12:00"]]
    source = write_hwpx(tmp_path / "r.hwpx", [BANNER, header, [["제목 줄입니다"]], BODY])
    release = parse_blocks(read(source).blocks)
    assert release.date == dt.date(2026, 2, 26) and release.embargo_until is None
    assert any("is before 배포" in note for note in release.unplaced)


def test_a_release_without_headline_is_refused_with_the_lines_considered(tmp_path: Path) -> None:
    source = write_hwpx(
        tmp_path / "r.hwpx",
        [BANNER, HEADER, "□ 교육부는 학자금대출 신청을 받는다고 밝혔다.", "□ 대출 금리는 동결된다."],
    )
    parsed = parse_blocks(read(source).blocks)
    with pytest.raises(ConvertError) as refused:
        compose_release(source.name, source.read_bytes(), parsed, Options(docs_dir=tmp_path))
    message = str(refused.value)
    assert "has no Korean headline" in message and "'□ 교육부는 학자금대출 신청을 받는다고 밝혔다.'" in message
    assert "--title-ko" in message

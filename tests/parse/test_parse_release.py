"""The parser on small blocks written here: languages, headline, header, body shapes, contacts, noise."""

from __future__ import annotations

import datetime as dt

import pytest
from newsroom.model.release import Contact, ContactRole
from newsroom.parse import parse_blocks
from newsroom.parse.elements import Caption, Heading, ListItem, Note, Paragraph, TableRows
from newsroom.read.blocks import Line, Table

KST = dt.timezone(dt.timedelta(hours=9))


def lines(*texts: str) -> list[Line]:
    return [Line(text, n) for n, text in enumerate(texts, start=1)]


def test_korean_then_english_split_like_the_seed() -> None:
    release = parse_blocks(
        lines(
            "3일, 박 시장은 NHN 클라우드를 방문할 예정이다.",
            "김동훈 대표는 “적극 협력하겠다”고 밝혔다.",
            "Mayor Park seeks ways to integrate AI into Cheonan",
            "Mayor Park is speeding up his steps.",
            "CEO Kim said, “We will cooperate.”",
        )
    )
    assert release.ko is not None and release.en is not None
    assert release.ko.title is None  # the Korean text has no headline: never invent one
    assert release.ko.body == [
        Paragraph("3일, 박 시장은 NHN 클라우드를 방문할 예정이다."),
        Paragraph("김동훈 대표는 “적극 협력하겠다”고 밝혔다."),  # quotes verbatim
    ]
    assert release.en.title == "Mayor Park seeks ways to integrate AI into Cheonan"
    assert [e.text for e in release.en.body] == [
        "Mayor Park is speeding up his steps.",
        "CEO Kim said, “We will cooperate.”",
    ]  # type: ignore[union-attr]


def test_title_ko_option_supplies_the_missing_headline() -> None:
    release = parse_blocks(lines("3일, 박 시장은 방문할 예정이다."), title_ko="박상돈 천안시장, 방안 모색")
    assert release.ko is not None and release.ko.title == "박상돈 천안시장, 방안 모색"
    assert release.ko.body == [Paragraph("3일, 박 시장은 방문할 예정이다.")]


def test_english_only_and_korean_only() -> None:
    english = parse_blocks(lines("Cheonan opens smart-city centre", "The city opened a centre on Monday."))
    assert english.ko is None and english.en is not None and english.en.title == "Cheonan opens smart-city centre"
    korean = parse_blocks(lines("천안시, 스마트도시 센터 개소", "천안시는 센터를 열었다."))
    assert korean.en is None and korean.ko is not None and korean.ko.title == "천안시, 스마트도시 센터 개소"


def test_headline_wrapping_over_two_lines_and_subtitles() -> None:
    release = parse_blocks(
        lines(
            "천안시, 스마트도시",
            "통합플랫폼 본격 가동",
            "- 교통·안전 데이터 한곳에서 관리",
            "- 시민 체감 서비스 확대",
            "천안시는 통합플랫폼을 가동한다고 밝혔다.",
        )
    )
    assert release.ko is not None
    assert release.ko.title == "천안시, 스마트도시 통합플랫폼 본격 가동"
    assert release.ko.subtitles == ["교통·안전 데이터 한곳에서 관리", "시민 체감 서비스 확대"]
    assert release.ko.body == [Paragraph("천안시는 통합플랫폼을 가동한다고 밝혔다.")]


def test_title_box_lines_of_one_cell_are_one_headline() -> None:
    box = Table((("학교의 안전하고 효과적인 학습지원 소프트웨어\n선정을 위한 기준 안내",), ("- 부제목 한 줄",)))
    release = parse_blocks([box, Line("교육부는 기준을 발표하였다.")], date=dt.date(2025, 12, 29))
    assert release.ko is not None
    assert release.ko.title == "학교의 안전하고 효과적인 학습지원 소프트웨어 선정을 위한 기준 안내"
    assert release.ko.subtitles == ["부제목 한 줄"]


def test_header_table_gives_iso_dates_in_korea_time() -> None:
    header = Table(
        (
            ("배포", "2026. 7. 27.(월) 15:30", "보도시점", "(인터넷) 2026. 7. 28.(화) 06:00"),
            (None, None, None, "(지  면) 2026. 7. 28.(화) 석간"),
        )
    )
    release = parse_blocks([Table((("광부", "보도자료", ""),)), header, *lines("제목 줄", "본문이다.")])
    assert release.distributed_at == dt.datetime(2026, 7, 27, 15, 30, tzinfo=KST)
    assert release.embargo_until == dt.datetime(2026, 7, 28, 6, 0, tzinfo=KST)
    assert release.distributed_at.isoformat() == "2026-07-27T15:30:00+09:00"
    assert release.date == dt.date(2026, 7, 28)
    # The logo's text beside the banner is no release text: left out of the body, and listed, never silently lost.
    assert release.unplaced == ["광부"]
    assert release.ko is not None and Paragraph("광부") not in release.ko.body
    assert release.kind == "release" and release.date_source == "header"


def test_header_lines_in_plain_text() -> None:
    release = parse_blocks(
        lines(
            "배포 2026. 7. 27.(월) 15:30",
            "보도시점 (인터넷) 2026. 7. 28.(화) 06:00 / (지 면) 2026. 7. 28.(화) 석간",
            "제목 줄",
            "본문이다.",
        )
    )
    assert release.embargo_until == dt.datetime(2026, 7, 28, 6, 0, tzinfo=KST)
    assert release.ko is not None and release.ko.title == "제목 줄"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("보도시점 ’26. 7. 28.(화) 06:00", dt.datetime(2026, 7, 28, 6, 0, tzinfo=KST)),
        ("보도시점 7월 28일(화) 06:00", dt.datetime(2025, 7, 28, 6, 0, tzinfo=KST)),
        ("보도시점 3일(월) 06:00", dt.datetime(2025, 2, 3, 6, 0, tzinfo=KST)),
    ],
)
def test_relative_dates_resolve_against_the_release_date_only(header: str, expected: dt.datetime) -> None:
    release = parse_blocks(lines(header, "제목 줄", "본문이다."), date=dt.date(2025, 2, 3))
    assert release.embargo_until == expected


def test_relative_date_without_release_date_stays_unresolved() -> None:
    release = parse_blocks(lines("보도시점 3일(월) 06:00", "제목 줄", "본문이다."))
    assert release.embargo_until is None and release.date is None


def test_bullets_become_nested_lists_and_notes() -> None:
    release = parse_blocks(
        lines(
            "제목 줄",
            "□ 첫째 항목",
            " ○ 세부 항목",
            "   - 더 세부",
            "   ※ 참고 사항",
            "□ 둘째 항목",
            "  * 각주 설명",
            "❖ 별도 항목",
            "-5는 목록이 아니다.",
            "◦ 둥근 점",
            " ∘ 작은 점",
            "  △ 세모",
            "  ▴ 작은 세모",
            "▲ 굵은 세모 (설명)",
        )
    )
    assert release.ko is not None
    assert release.ko.body == [
        ListItem("첫째 항목", 0, "□"),
        ListItem("세부 항목", 1, "○"),
        ListItem("더 세부", 2, "-"),
        Note("참고 사항", "※"),
        ListItem("둘째 항목", 0, "□"),
        Note("각주 설명", "*"),
        ListItem("별도 항목", 1, "❖"),
        Paragraph("-5는 목록이 아니다."),
        ListItem("둥근 점", 0, "◦"),
        ListItem("작은 점", 1, "∘"),
        ListItem("세모", 2, "△"),
        ListItem("작은 세모", 3, "▴"),
        ListItem("굵은 세모 (설명)", 4, "▲"),
    ]


def test_tab_rows_become_a_table() -> None:
    release = parse_blocks(lines("제목 줄", "구분\t2024년\t2025년", "예산\t10억\t12억", "본문이다."))
    assert release.ko is not None
    assert release.ko.body == [
        TableRows((("구분", "2024년", "2025년"), ("예산", "10억", "12억"))),
        Paragraph("본문이다."),
    ]


def test_contact_table_gives_department_and_contacts() -> None:
    contacts = Table(
        (
            ("담당 부서", "스마트도시과", "책임자", "과장", "홍길동", "(041-521-0000)"),
            (None, None, "담당자", "주무관", "김철수", "(041-521-0001)"),
            ("담당 기관", "천안시 정보센터", "책임자", "센터장", "이영희", "041-521-0002"),
        )
    )
    release = parse_blocks([*lines("제목 줄", "본문이다."), contacts])
    assert release.department == "스마트도시과"
    assert release.contacts == [
        Contact(role=ContactRole.LEAD, rank="과장", name="홍길동", phone="041-521-0000", organisation="스마트도시과"),
        Contact(
            role=ContactRole.OFFICER, rank="주무관", name="김철수", phone="041-521-0001", organisation="스마트도시과"
        ),
        Contact(
            role=ContactRole.LEAD, rank="센터장", name="이영희", phone="041-521-0002", organisation="천안시 정보센터"
        ),
    ]
    assert release.ko is not None and release.ko.body == [Paragraph("본문이다.")]


def test_tab_separated_contact_line() -> None:
    release = parse_blocks(
        lines("제목 줄", "본문이다.", "담당 부서\t스마트도시과\t담당자\t주무관\t김철수\t041-521-0001")
    )
    assert release.department == "스마트도시과"
    assert [c.name for c in release.contacts] == ["김철수"]


def test_attachments_stay_as_a_section() -> None:
    release = parse_blocks(
        lines("제목 줄", "본문이다.", "【붙임】 1. 추진 계획", "         2. 참고 자료", "【별첨】 가이드라인")
    )
    assert release.ko is not None
    assert release.ko.body[1:] == [
        Heading("붙임"),
        ListItem("1. 추진 계획", 0, "-"),
        ListItem("2. 참고 자료", 0, "-"),
        Heading("별첨"),
        ListItem("가이드라인", 0, "-"),
    ]


def test_web_reprint_noise_dropped_and_caption_kept() -> None:
    release = parse_blocks(
        lines(
            "천안시, 스마트도시 통합플랫폼 가동",
            "홍길동 기자 hong@example.com",
            "입력 2025.02.03 10:00",
            "▲ 박상돈 천안시장이 플랫폼을 살펴보고 있다. 사진 © 천안시",
            "서울--(뉴스와이어)-- 천안시는 통합플랫폼을 가동한다고 3일 밝혔다.",
            "천안시, 스마트도시 통합플랫폼 가동",
            "Translated by the city's machine translation service",
            "Copyright © 뉴스와이어. 무단전재 및 재배포 금지",
        ),
        date=dt.date(2025, 2, 3),
    )
    assert release.ko is not None and release.en is None
    assert release.ko.title == "천안시, 스마트도시 통합플랫폼 가동"
    assert release.ko.body == [
        Caption("박상돈 천안시장이 플랫폼을 살펴보고 있다. 사진 © 천안시"),
        Paragraph("천안시는 통합플랫폼을 가동한다고 3일 밝혔다."),
    ]
    assert "서울--(뉴스와이어)--" in release.ko.dropped
    assert release.unplaced == []


def test_raw_html_is_kept_as_text_for_the_writer_to_escape() -> None:
    release = parse_blocks(lines("제목 줄", "<script>alert(1)</script> 본문이다."))
    assert release.ko is not None and release.ko.body == [Paragraph("<script>alert(1)</script> 본문이다.")]


def test_a_body_line_starting_like_a_header_stays_in_the_body() -> None:
    release = parse_blocks(lines("제목 줄", "배포된 안내서는 시청에서 받을 수 있다.", "보도시점 미정"))
    assert release.ko is not None and release.date is None
    assert release.ko.body == [Paragraph("배포된 안내서는 시청에서 받을 수 있다."), Paragraph("보도시점 미정")]


def test_headline_ending_in_a_verb_without_full_stop() -> None:
    release = parse_blocks(lines("천안시, 스마트도시 조성에 나선다", "천안시는 조성사업을 시작한다고 밝혔다."))
    assert release.ko is not None and release.ko.title == "천안시, 스마트도시 조성에 나선다"

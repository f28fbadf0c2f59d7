"""Republished shapes: board labels become fields, a reprint's date line and an English release's metadata give the
date (and the front matter says so), a newswire's 연락처 footer and English contact lines become contacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsroom.compose import compose_release
from newsroom.compose.options import Options
from newsroom.model.release import ContactRole
from newsroom.parse import parse_blocks
from newsroom.parse.elements import Paragraph
from newsroom.read.blocks import Line, Table

ENGLISH_BODY = [
    "The Ministry of Education announced the detailed direction of the 2027 university admissions.",
    "Universities will publish their plans by the end of April.",
]


def _lines(*texts: str) -> list[Line]:
    return [Line(text, n) for n, text in enumerate(texts, start=1)]


def test_board_labels_become_fields_never_headline_text() -> None:
    release = parse_blocks(
        _lines(
            "Title Detailed Direction of the 2027 University Admissions",
            "Writer Ministry of Education",
            "Date 2026-01-05",
            "Hits 1,204",
            *ENGLISH_BODY,
        )
    )
    assert release.ko is None and release.en is not None
    assert release.en.title == "Detailed Direction of the 2027 University Admissions"
    assert release.date == dt.date(2026, 1, 5) and release.date_source == "metadata"
    assert release.department == "Ministry of Education"
    assert release.en.body == [Paragraph(text) for text in ENGLISH_BODY]
    assert "Hits 1,204" in release.en.dropped


def test_a_board_shown_as_a_table_of_labels() -> None:
    board = Table(
        (("제목", "천안시, 스마트도시 통합플랫폼 가동"), ("작성자", "스마트도시과"), ("등록일", "2025-02-03"))
    )
    release = parse_blocks([board, *_lines("천안시는 통합플랫폼을 가동한다고 밝혔다.")])
    assert release.ko is not None and release.ko.title == "천안시, 스마트도시 통합플랫폼 가동"
    assert release.date == dt.date(2025, 2, 3) and release.date_source == "metadata"
    assert release.department == "스마트도시과"


def test_a_web_reprints_date_line_is_the_date_when_there_is_no_header(tmp_path: Path) -> None:
    release = parse_blocks(
        _lines(
            "천안시, 스마트도시 통합플랫폼 가동",
            "홍길동 기자 hong@example.com",
            "기사입력 2025.02.03 10:00",
            "천안시는 통합플랫폼을 가동한다고 3일 밝혔다.",
        )
    )
    assert release.date == dt.date(2025, 2, 3) and release.date_source == "reprint"
    assert release.ko is not None and "기사입력 2025.02.03 10:00" in release.ko.dropped
    assert release.ko.body == [Paragraph("천안시는 통합플랫폼을 가동한다고 3일 밝혔다.")]
    source = tmp_path / "reprint.txt"
    source.write_text("reprint", encoding="utf-8")
    (page,) = compose_release(source.name, b"reprint", release, Options(docs_dir=tmp_path))
    meta = page.meta
    assert meta.date_source == "reprint"  # the front matter says where the date came from
    assert meta.to_front_matter()["date_source"] == "reprint"


def test_a_header_date_is_not_flagged_in_the_front_matter(tmp_path: Path) -> None:
    release = parse_blocks(_lines("배포 2025. 2. 3.(월) 09:00", "천안시, 센터 개소", "천안시는 센터를 열었다."))
    (page,) = compose_release("r.txt", b"r", release, Options(docs_dir=tmp_path))
    meta = page.meta
    assert release.date_source == "header" and "date_source" not in meta.to_front_matter()


def test_a_newswire_footer_gives_the_contact() -> None:
    release = parse_blocks(
        _lines(
            "천안시, 스마트도시 통합플랫폼 가동",
            "서울--(뉴스와이어)-- 천안시는 통합플랫폼을 가동한다고 3일 밝혔다.",
            "웹사이트: https://www.cheonan.go.kr",
            "연락처",
            "천안시청 스마트도시과",
            "홍길동 주무관",
            "041-521-0000",
            "hong@example.kr",
        ),
        date=dt.date(2025, 2, 3),
    )
    assert [(c.role, c.name, c.rank, c.phone, c.email, c.organisation) for c in release.contacts] == [
        (ContactRole.OFFICER, "홍길동", "주무관", "041-521-0000", "hong@example.kr", "천안시청 스마트도시과")
    ]
    assert release.department == "천안시청 스마트도시과"
    assert release.ko is not None
    assert [getattr(e, "text", "") for e in release.ko.body] == [
        "천안시는 통합플랫폼을 가동한다고 3일 밝혔다.",
        "웹사이트: https://www.cheonan.go.kr",
    ]


def test_an_english_government_releases_metadata_lines() -> None:
    release = parse_blocks(
        _lines(
            "Korea and Viet Nam widen higher education exchanges",
            "Upload Date 2026-03-05",
            *ENGLISH_BODY,
            "Contact: Kim Min-ho, Deputy Director, International Cooperation Division (+82-44-203-6267)",
            "For further information, please contact Lee Su-jin",
            "Tel: +82-44-203-6268",
        )
    )
    assert release.en is not None and release.en.title == "Korea and Viet Nam widen higher education exchanges"
    assert release.date == dt.date(2026, 3, 5) and release.date_source == "metadata"
    people = [(c.name, c.rank, c.phone, c.organisation) for c in release.contacts]
    assert people == [
        ("Kim Min-ho", "Deputy Director", "044-203-6267", "International Cooperation Division"),
        ("Lee Su-jin", None, "044-203-6268", None),
    ]
    assert release.en.body == [Paragraph(text) for text in ENGLISH_BODY]

"""An English block is the release's English version only when it follows the Korean body as a release of its own."""

from __future__ import annotations

from newsroom.parse import parse_blocks
from newsroom.parse.elements import Paragraph, TableRows
from newsroom.read.blocks import Line, Table

KOREAN = [
    "교육부, 베트남 교육훈련부와 교육협력 양해각서 체결",
    "교육부는 3일 베트남 교육훈련부와 고등교육 교류를 넓히는 양해각서를 체결했다고 밝혔다.",
    "양 기관은 교원 연수와 학생 교류를 함께 추진한다.",
]
MOU = [
    "Memorandum of Understanding between the Ministry of Education of Korea",
    "and the Ministry of Education and Training of Viet Nam",
    "The Participants intend to promote exchanges of students and teachers.",
    "This Memorandum will come into effect on the date of signature.",
]


def _lines(*texts: str) -> list[Line]:
    return [Line(text, n) for n, text in enumerate(texts, start=1)]


def test_english_after_an_attachment_mark_belongs_to_the_korean_release() -> None:
    release = parse_blocks(_lines(*KOREAN, "【붙임】 양해각서 영문본", *MOU))
    assert release.en is None and release.ko is not None
    body = [getattr(element, "text", "") for element in release.ko.body]
    assert MOU[2] in body and MOU[3] in body  # the MOU text stays, in the Korean page
    assert release.ko.summary == KOREAN[1]


def test_english_in_a_table_belongs_to_the_korean_release() -> None:
    table = Table((("Item", "Content"), ("Exchange", "Students and teachers"), ("Term", "Five years")))
    release = parse_blocks([*_lines(*KOREAN), table, *_lines("Both sides agreed to meet again.", "Next year.")])
    assert release.en is None and release.ko is not None
    assert TableRows((("Item", "Content"), ("Exchange", "Students and teachers"), ("Term", "Five years"))) in (
        release.ko.body
    )
    assert Paragraph("Both sides agreed to meet again.") in release.ko.body


def test_english_shorter_than_the_korean_lead_is_not_a_translation() -> None:
    release = parse_blocks(_lines(*KOREAN, "Ministry of Education", "Korea and Viet Nam.", "MOU signed."))
    assert release.en is None and release.ko is not None
    assert Paragraph("MOU signed.") in release.ko.body


def test_an_english_release_after_the_korean_one_is_its_english_version() -> None:
    english = [
        "Korea and Viet Nam sign education cooperation memorandum",
        "The Ministry of Education said on the 3rd that it signed a memorandum with Viet Nam's Ministry of "
        "Education and Training to widen exchanges in higher education.",
        "The two ministries will run teacher training and student exchanges together.",
    ]
    release = parse_blocks(_lines(*KOREAN, *english))
    assert release.ko is not None and release.en is not None
    assert release.en.title == english[0]
    assert release.en.summary == english[1]

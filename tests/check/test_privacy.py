"""Personal mobile numbers and resident registration numbers: check warns on the line, convert reports them."""

from __future__ import annotations

import json
from pathlib import Path

from newsroom.commands.cli import app
from newsroom.model import pages
from newsroom.model.privacy import find, mask
from typer.testing import CliRunner

from tests.check.helpers import KO_BODY, check, release_meta, write_page

KO_RELEASE = "ko/news/2025/mayor-visits-ai-cloud-firms.md"


def test_mobile_and_resident_numbers_are_found_office_numbers_are_not() -> None:
    text = (
        "문의: 스마트도시과 041-521-2000, 대표 1588-1234\n"
        "담당자 휴대전화 010-1234-5678\n"
        "연락처 01098765432 / +82 10-2222-3333\n"
        "주민등록번호 900101-1234567 기재\n"
        "2025.02.03 행사, 예산 1,234,567원"
    )
    assert [(hit.line, hit.kind, hit.masked) for hit in find(text)] == [
        (2, "mobile number", "010-****-**78"),
        (3, "mobile number", "010******32"),
        (3, "mobile number", "+82 1*-****-**33"),
        (4, "resident registration number", "900***-*****67"),
    ]
    assert mask("010-1234-5678") == "010-****-**78"


def test_check_warns_on_the_line_without_repeating_the_number(docs: Path) -> None:
    body = KO_BODY + "\n담당 주무관 홍길동(010-1234-5678)\n"
    meta = release_meta("ko", contacts=[{"role": "담당자", "name": "홍길동", "phone": "010-9876-5432"}])
    text = pages.join(meta, body)
    write_page(docs / KO_RELEASE, text)
    lines = text.split("\n")
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE) and "personal" in f.message]
    assert [(f.line, f.severity) for f in found] == [
        (next(i for i, line in enumerate(lines, 1) if "010-9876-5432" in line), "warning"),
        (next(i for i, line in enumerate(lines, 1) if "010-1234-5678" in line), "warning"),
    ]
    assert found[1].message.startswith("publishes a personal mobile number (010-****-**78); ")
    assert not any("1234-5678" in f.message or "9876-5432" in f.message for f in found)


def test_convert_keeps_the_text_and_reports_the_numbers_in_json(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text("천안시, 센터 개소\n천안시는 센터를 열었다.\n담당자 휴대전화 010-1234-5678\n")
    result = CliRunner().invoke(
        app, ["convert", str(source), "--date", "2025-03-03", "--docs-dir", str(tmp_path / "docs"), "--json"]
    )
    (line,) = [json.loads(text) for text in result.stdout.splitlines() if text.strip()]
    assert result.exit_code == 0 and line["status"] == "converted"
    page = Path(line["pages"]["ko"])
    assert "010-1234-5678" in page.read_text(encoding="utf-8")
    number_line = page.read_text(encoding="utf-8").split("\n").index("담당자 휴대전화 010-1234-5678") + 1
    assert line["privacy"] == [
        {"page": str(page), "line": number_line, "kind": "mobile number", "number": "010-****-**78"}
    ]

"""benchmarks/bench_corpus.py on a small folder the test writes: isolated conversion, grading against listing.jsonl."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.read.release_builders import write_hwpx

ROOT = Path(__file__).resolve().parents[2]
HEADER = [["배포", "2026. 1. 2.(금) 15:00", "보도시점", "(인터넷) 2026. 1. 4.(일) 9:00"]]
CONTACTS = [
    ["담당 부서", "교육부", "책임자", "과  장", "최민호", "(044-000-6267)"],
    ["", "청년장학지원과", "담당자", "서기관", "배소영", "(044-000-6268)"],
]


def test_bench_grades_against_the_listing_and_survives_a_broken_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_hwpx(
        corpus / "1.hwpx", [HEADER, [["학자금대출\n1월 5일부터 신청하세요!"]], "  교육부는 신청을 받는다.", CONTACTS]
    )
    (corpus / "2.hwpx").write_bytes(b"%PDF-1.7 not a release")
    rows = [
        {
            "file": "1.hwpx",
            "title": "학자금대출 1월 5일부터&nbsp;신청하세요!",
            "date": "2026-01-04",
            "division": "청년장학지원과",
            "contact": "배소영 (044-000-6268)",
        },
        {"file": "2.hwpx", "title": "무엇", "date": "2026-01-04", "division": "", "contact": ""},
    ]
    (corpus / "listing.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_corpus.py"), str(corpus)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("bench_corpus: files=2 converted=50.0 headline=100.0 department=100.0 date=100.0")
    assert "contacts=100.0" in last
    assert "2.hwpx: refused: is a PDF document" in result.stdout

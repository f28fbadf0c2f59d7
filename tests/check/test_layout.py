from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsroom.model import pages

from tests.check.helpers import KO_BODY, check, messages, release_meta, write_page


def test_two_letter_folder_under_a_language_is_an_error(docs: Path) -> None:
    for lang in ("ko", "en"):
        write_page(docs / lang / "pr/index.md", "# 홍보\n" if lang == "ko" else "# PR\n")
    found = check(docs)
    assert len(found) == 2
    assert all(f.severity == "error" and "language-code name" in f.message for f in found)
    assert found[0].path.endswith("en/pr/index.md")


def test_two_letter_folder_beside_the_languages(docs: Path) -> None:
    write_page(docs / "js/app.js", "")
    assert any("'" in m and "js" in m and "language-code name" in m for m in messages(check(docs)))


def test_longer_folder_names_pass(docs: Path) -> None:
    for lang in ("ko", "en"):
        write_page(docs / lang / "press/index.md", "# 홍보\n" if lang == "ko" else "# Press\n")
    assert messages(check(docs)) == []


def test_embargoed_release_is_information_only(docs: Path) -> None:
    ko = "ko/news/2025/mayor-visits-ai-cloud-firms.md"
    meta = release_meta("ko", embargo_until=dt.datetime(2025, 2, 3, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))))
    text = pages.join(meta, KO_BODY)
    write_page(docs / ko, text)
    found = check(docs, now=dt.datetime(2025, 2, 2, 20, 0, tzinfo=dt.UTC))
    assert [(f.severity, f.line) for f in found] == [
        (
            "info",
            text.split("\n").index(next(line for line in text.split("\n") if line.startswith("embargo_until:"))) + 1,
        )
    ]
    assert "under embargo until 2025-02-03 06:00 KST" in found[0].message
    assert check(docs, now=dt.datetime(2025, 2, 2, 21, 0, tzinfo=dt.UTC)) == []


def test_a_held_release_is_reported_with_what_to_do(docs: Path) -> None:
    ko = "ko/news/2025/mayor-visits-ai-cloud-firms.md"
    condition = "2025. 2. 3.(월) 국회 본회의 통과 시(별도안내)"
    write_page(docs / ko, pages.join(release_meta("ko", embargo_held=condition), KO_BODY))
    found = check(docs, now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert [f.severity for f in found] == ["warning"]
    assert condition in found[0].message and "set embargo_until" in found[0].message

"""Small docs trees written by each test, and a way to check them (the fixture is in conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsroom.check import Finding, check_docs
from newsroom.model import pages

NOW = dt.datetime(2025, 2, 1, 12, 0, tzinfo=dt.UTC)

KO_BODY = "천안시는 3일 AI·클라우드 기업을 방문했다.\n\n## 방문 기업\n\n[정책](../../policy/index.md)\n"
EN_BODY = "Cheonan City visited AI and cloud firms on the 3rd.\n\n## Firms visited\n\n[Policy](../../policy/index.md)\n"


def release_meta(lang: str, **changes: Any) -> dict[str, Any]:
    """A valid release's front matter; tests change one thing at a time."""
    meta: dict[str, Any] = {
        "title": "천안시장, AI·클라우드 기업 방문" if lang == "ko" else "Mayor visits AI and cloud firms",
        "date": dt.date(2025, 2, 3),
        "topics": ["ai", "cloud"],
        "lang": lang,
        "slug": "mayor-visits-ai-cloud-firms",
        "translation_key": "2025-02-03-ai-cloud",
        "translation": "original" if lang == "ko" else "machine",
        "languages": ["ko", "en"],
        "licence": "KOGL-1",
    }
    meta.update(changes)
    return {key: value for key, value in meta.items() if value is not None}


Write = Callable[[str, str], Path]


def make_docs(root: Path) -> Path:
    """A clean bilingual docs tree: home and policy pages, one release in both languages."""
    plain = {
        "index.md": (
            "# 천안시 스마트도시\n\n[정책](policy/index.md)\n",
            "# Cheonan Smart City\n\n[Policy](policy/index.md)\n",
        ),
        "policy/index.md": ("# 정책\n\n## 개요\n", "# Policy\n\n## Overview\n"),
    }
    for rel, (ko, en) in plain.items():
        write_page(root / "ko" / rel, ko)
        write_page(root / "en" / rel, en)
    write_page(root / "ko/news/2025/mayor-visits-ai-cloud-firms.md", pages.join(release_meta("ko"), KO_BODY))
    en = release_meta("en", translated_from_sha256=pages.body_hash(KO_BODY))
    write_page(root / "en/news/2025/mayor-visits-ai-cloud-firms.md", pages.join(en, EN_BODY))
    (root / "assets/images").mkdir(parents=True)
    (root / "assets/images/map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    return root


def write_page(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(docs: Path, now: dt.datetime = NOW) -> list[Finding]:
    return check_docs(docs, now=now)


def messages(findings: list[Finding]) -> list[str]:
    return [finding.as_text() for finding in findings]

"""A small built site for the public-record features: a release corrected, one withdrawn, one moved,
one in Korean only, and one of each kind. Written here by hand (the expectations in the tests are too),
on top of a copy of the project's own docs; built once per session (tests/conftest.py ``record_site``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.model.pages import join
from newsroom.model.release import KST, Change, Kind, ReleaseMeta, Translation, Withdrawal
from PIL import Image

from tests.conftest import mkdocs_build
from tests.sites import site_project

NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=KST)
SITE_URL = "https://news.example.test/city/"

CORRECTED_AT = dt.datetime(2026, 3, 11, 9, 30, tzinfo=KST)
WITHDRAWN_AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=KST)
WITHDRAWN_KO = "시험용 보도자료의 수치가 사실과 달라 철회합니다."
WITHDRAWN_EN = "The figures in this test release were wrong."
MOVED_FROM = "news/2025/record-moved-old/"
EDITOR_PHOTO = "/assets/images/news/record-photo.png"  # editor/cms_config.py: public_folder
EDITOR_PHOTO_ALT = "시험 사진"


@dataclass(frozen=True)
class RecordSite:
    out: Path
    docs: Path


def _write(docs: Path, body: str | None = None, **fields: Any) -> None:
    lang = fields["lang"]
    fields.setdefault("translation", Translation.ORIGINAL if lang == "ko" else Translation.FULL)
    fields.setdefault("languages", ["ko", "en"])
    fields.setdefault("translation_key", fields["slug"])
    fields.setdefault("summary", "시험용 요약." if lang == "ko" else "A test summary.")
    meta = ReleaseMeta(**fields)
    path = docs / lang / "news" / str(meta.date.year) / f"{meta.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = body or ("본문입니다." if lang == "ko" else "The body.")
    path.write_text(join(meta.to_front_matter(), body), encoding="utf-8")


def write_releases(docs: Path) -> None:
    for lang, title in (("ko", "정정된 시험 보도자료"), ("en", "Corrected test release")):
        note = "교통 수치를 바로잡았습니다." if lang == "ko" else "Traffic figures corrected."
        _write(
            docs,
            title=title,
            date=dt.date(2026, 3, 10),
            lang=lang,
            slug="record-corrected",
            kind=Kind.EXPLANATION,
            topics=["transport"],
            changes=[Change(at=CORRECTED_AT, note=note)],
        )
    for lang, title, why in (
        ("ko", "철회된 시험 보도자료", WITHDRAWN_KO),
        ("en", "Withdrawn test release", WITHDRAWN_EN),
    ):
        _write(
            docs,
            title=title,
            date=dt.date(2026, 2, 27),
            lang=lang,
            slug="record-withdrawn",
            topics=["safety"],
            withdrawn=Withdrawal(at=WITHDRAWN_AT, explanation=why),
        )
    for lang, title in (("ko", "안전 시험 보도자료"), ("en", "Safety test release")):
        # A photo as the web editor inserts one: uploaded to its media folder, linked from the site root.
        body = f"![{EDITOR_PHOTO_ALT}]({EDITOR_PHOTO})\n\n본문입니다." if lang == "ko" else None
        _write(docs, body, title=title, date=dt.date(2026, 2, 20), lang=lang, slug="record-listed", topics=["safety"])
    photo = docs / EDITOR_PHOTO.lstrip("/")
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), (200, 40, 40)).save(photo)
    for lang, title in (("ko", "주소를 옮긴 시험 보도자료"), ("en", "Moved test release")):
        note = "주소를 옮겼습니다." if lang == "ko" else "Moved to a new address."
        _write(
            docs,
            title=title,
            date=dt.date(2026, 1, 15),
            lang=lang,
            slug="record-moved-new",
            kind=Kind.REFERENCE,
            topics=["economy"],
            redirect_from=[MOVED_FROM],
            changes=[Change(at=dt.datetime(2026, 1, 20, 9, 0, tzinfo=KST), note=note)],
        )
    _write(
        docs,
        title="한국어로만 낸 정정 보도자료",
        date=dt.date(2026, 4, 1),
        lang="ko",
        slug="record-korean-only",
        kind=Kind.CORRECTION,
        topics=["safety"],
        languages=["ko"],
    )


def build_record_site(root: Path) -> RecordSite:
    config = site_project(root / "src", 0)
    docs = root / "src" / "docs"
    write_releases(docs)
    out = root / "site"
    mkdocs_build(config, out, {"NEWSROOM_NOW": NOW.isoformat(), "SITE_URL": SITE_URL})
    return RecordSite(out, docs)

"""``index`` is the year archive's name (news/<year>/index): no release, former address or converted page takes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsroom.compose import release_slug
from newsroom.compose.options import Options
from newsroom.model import pages
from newsroom.model.release import ReleaseMeta, is_release_page
from newsroom.parse import ParsedLanguage, ParsedRelease
from pydantic import ValidationError

from tests.check.helpers import KO_BODY, check, release_meta


def test_the_schema_refuses_index_as_a_slug_or_a_former_address() -> None:
    with pytest.raises(ValidationError, match="not 'index'"):
        ReleaseMeta.model_validate(release_meta("ko", slug="index"))
    with pytest.raises(ValidationError, match="not an old release address"):
        ReleaseMeta.model_validate(release_meta("ko", redirect_from=["news/2024/index/"]))
    assert ReleaseMeta.model_validate(release_meta("ko", slug="index-of-prices")).slug == "index-of-prices"


def test_a_year_archive_page_is_not_a_release_place() -> None:
    assert not is_release_page("news/2025/index.md", {})
    assert is_release_page("news/2025/indexes.md", {})


def test_check_names_the_field_when_a_release_says_index(docs: Path) -> None:
    path = docs / "ko/news/2025/mayor-visits-ai-cloud-firms.md"
    path.write_text(pages.join(release_meta("ko", slug="index"), KO_BODY), encoding="utf-8")
    found = [f for f in check(docs) if f.path == path.as_posix()]
    assert any("slug" in f.message and "index" in f.message for f in found), found


def test_a_headline_that_slugifies_to_index_falls_back_to_the_korean_one() -> None:
    parsed = ParsedRelease(
        ko=ParsedLanguage(lang="ko", title="물가 지수 발표"), en=ParsedLanguage(lang="en", title="Index")
    )
    slug = release_slug(parsed, "0" * 64, Options())
    assert slug != "index" and slug.startswith("mulga")

from __future__ import annotations

from pathlib import Path

from newsroom.model import pages

from tests.check.helpers import EN_BODY, KO_BODY, check, messages, release_meta, write_page

EN_RELEASE = "en/news/2025/mayor-visits-ai-cloud-firms.md"
KO_RELEASE = "ko/news/2025/mayor-visits-ai-cloud-firms.md"


def test_plain_page_without_translation_is_an_error(docs: Path) -> None:
    (docs / "en/policy/index.md").unlink()
    found = messages(check(docs))
    assert found == [
        f"{(docs / 'ko/policy/index.md').as_posix()}:1: error: no English version: add docs/en/policy/index.md, "
        "or, if there will be none, write 'languages: ['ko']' in the front matter"
    ]


def test_plain_page_that_says_it_has_no_translation_passes(docs: Path) -> None:
    (docs / "en/policy/index.md").unlink()
    write_page(docs / "ko/policy/index.md", "---\nlanguages: [ko]\n---\n\n# 정책\n\n## 개요\n")
    assert messages(check(docs)) == []


def test_page_that_denies_an_existing_translation(docs: Path) -> None:
    write_page(docs / "ko/policy/index.md", "---\nlanguages: [ko]\n---\n\n# 정책\n\n## 개요\n")
    found = messages(check(docs))
    assert len(found) == 1 and "says there is no English version, but" in found[0] and ":2: error:" in found[0]


def test_release_without_its_english_version(docs: Path) -> None:
    (docs / EN_RELEASE).unlink()
    found = check(docs)
    assert len(found) == 1 and found[0].path.endswith(KO_RELEASE)
    assert "docs/en/news/2025/mayor-visits-ai-cloud-firms.md with translation_key '2025-02-03-ai-cloud'" in (
        found[0].message
    )
    write_page(docs / KO_RELEASE, pages.join(release_meta("ko", languages=["ko"]), KO_BODY))
    assert messages(check(docs)) == []


def test_releases_pair_by_translation_key_not_by_file_name(docs: Path) -> None:
    (docs / EN_RELEASE).unlink()
    meta = release_meta("en", slug="mayor-meets-cloud-firms", translated_from_sha256=pages.body_hash(KO_BODY))
    write_page(docs / "en/news/2025/mayor-meets-cloud-firms.md", pages.join(meta, EN_BODY))
    assert messages(check(docs)) == []


def test_stale_translation_is_reported_with_the_new_hash(docs: Path) -> None:
    changed = KO_BODY.replace("3일", "4일")
    write_page(docs / KO_RELEASE, pages.join(release_meta("ko"), changed))
    found = [f for f in check(docs) if "stale" in f.message]
    assert len(found) == 1 and found[0].path.endswith(EN_RELEASE)
    assert pages.body_hash(changed) in found[0].message
    text = (docs / EN_RELEASE).read_text(encoding="utf-8")
    assert text.split("\n")[found[0].line - 1].startswith("translated_from_sha256:")


def test_white_space_changes_do_not_make_a_translation_stale(docs: Path) -> None:
    write_page(docs / KO_RELEASE, pages.join(release_meta("ko"), KO_BODY.replace("\n", "  \r\n")))
    assert messages(check(docs)) == []


def test_stale_plain_page(docs: Path) -> None:
    hash_now = pages.body_hash("# 정책\n\n## 개요\n")
    write_page(
        docs / "en/policy/index.md", f"---\ntranslated_from_sha256: {hash_now}\n---\n\n# Policy\n\n## Overview\n"
    )
    assert messages(check(docs)) == []
    write_page(docs / "ko/policy/index.md", "# 정책\n\n## 개요\n\n새 문단.\n")
    assert any("stale translation" in m for m in messages(check(docs)))


def test_structural_parity_counts(docs: Path) -> None:
    write_page(
        docs / "en/policy/index.md",
        "# Policy\n\n## Overview\n\n## Extra\n\n[home](../index.md)\n\n| a |\n|---|\n| 1 |\n\n"
        "![Map](../../assets/images/map.svg)\n",
    )
    found = [f for f in check(docs) if "structure differs" in f.message]
    assert len(found) == 1 and found[0].path.endswith("en/policy/index.md")
    for part in (
        "3 headings here, 2 there",
        "1 links here, 0 there",
        "1 images here, 0 there",
        "1 tables here, 0 there",
    ):
        assert part in found[0].message


def test_structural_parity_on_releases(docs: Path) -> None:
    en = release_meta("en", translated_from_sha256=pages.body_hash(KO_BODY))
    write_page(docs / EN_RELEASE, pages.join(en, EN_BODY.replace("## Firms visited\n", "")))
    found = [f for f in check(docs) if "structure differs" in f.message]
    assert len(found) == 1 and "1 headings here, 2 there" not in found[0].message
    assert "0 headings here, 1 there" in found[0].message


def test_broken_counterpart_is_not_reported_as_missing(docs: Path) -> None:
    write_page(docs / KO_RELEASE, pages.join(release_meta("ko", licence="CC-BY"), KO_BODY))
    found = check(docs)
    assert len(found) == 1 and found[0].path.endswith(KO_RELEASE) and "licence" in found[0].message

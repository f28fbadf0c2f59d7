from __future__ import annotations

from pathlib import Path

from newsroom.model import pages

from tests.check.helpers import EN_BODY, KO_BODY, check, messages, release_meta, write_page

KO_RELEASE = "ko/news/2025/mayor-visits-ai-cloud-firms.md"


def _rewrite(docs: Path, rel: str, text: str) -> Path:
    return write_page(docs / rel, text)


def test_missing_required_field_is_reported_on_the_front_matter(docs: Path) -> None:
    meta = release_meta("ko")
    del meta["translation_key"]
    path = _rewrite(docs, KO_RELEASE, pages.join(meta, KO_BODY))
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert [f.severity for f in found] == ["error"]
    assert found[0].line == 1
    assert "required field 'translation_key' is missing" in found[0].message
    assert found[0].path == path.as_posix()


def test_bad_date_points_at_its_yaml_line(docs: Path) -> None:
    text = pages.join(release_meta("ko"), KO_BODY).replace("date: 2025-02-03", "date: 3 February 2025")
    _rewrite(docs, KO_RELEASE, text)
    line = text.split("\n").index("date: 3 February 2025") + 1
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert any(f.line == line and "field 'date'" in f.message and "2025-02-03" in f.message for f in found), found


def test_unknown_topic_wrong_type_and_licence_are_named(docs: Path) -> None:
    meta = release_meta("ko", topics=["ai", "robots"], licence="CC-BY", title=["not", "a", "string"])
    text = pages.join(meta, KO_BODY)
    _rewrite(docs, KO_RELEASE, text)
    lines = text.split("\n")
    found = {f.line: f.message for f in check(docs) if f.path.endswith(KO_RELEASE)}
    topic_line = lines.index("- robots") + 1
    assert "unknown topic(s) ['robots']" in found[lines.index("topics:") + 1] or "robots" in found.get(topic_line, "")
    assert "KOGL-1" in found[lines.index("licence: CC-BY") + 1]
    assert "field 'title'" in found[lines.index("title:") + 1]


def test_nested_contact_error_points_at_the_contact(docs: Path) -> None:
    meta = release_meta("ko", contacts=[{"role": "담당자"}, {"role": "팀장"}])
    text = pages.join(meta, KO_BODY)
    _rewrite(docs, KO_RELEASE, text)
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert len(found) == 1
    assert "contacts.1.role" in found[0].message
    assert text.split("\n")[found[0].line - 1].strip() == "- role: 팀장"


def test_unknown_field_is_reported_with_its_line(docs: Path) -> None:
    text = pages.join(release_meta("ko", tpoics=["ai"]), KO_BODY)
    _rewrite(docs, KO_RELEASE, text)
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert [f.line for f in found] == [text.split("\n").index("tpoics:") + 1]
    assert "unknown field 'tpoics'" in found[0].message


def test_broken_yaml_is_reported_not_raised(docs: Path) -> None:
    _rewrite(docs, KO_RELEASE, "---\ntitle: [unclosed\ndate: 2025-02-03\n---\n\nbody\n")
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert found and found[0].severity == "error" and "not valid YAML" in found[0].message


def test_unclosed_front_matter_and_non_utf8(docs: Path) -> None:
    _rewrite(docs, "ko/policy/index.md", "---\ntitle: 정책\n\n# 정책\n")
    (docs / "ko/index.md").write_bytes("# 천안시".encode("cp949"))
    text = messages(check(docs))
    assert any("ko/policy/index.md:1: error: front matter opened with '---'" in m for m in text), text
    assert any("ko/index.md:1: error: file is not UTF-8" in m for m in text), text


def test_release_in_the_wrong_place_or_language(docs: Path) -> None:
    _rewrite(docs, "ko/news/2024/mayor-visits-ai-cloud-firms.md", pages.join(release_meta("ko"), KO_BODY))
    (docs / KO_RELEASE).unlink()
    found = messages(check(docs))
    assert any("belongs at docs/ko/news/2025/mayor-visits-ai-cloud-firms.md" in m for m in found), found
    _rewrite(docs, KO_RELEASE, pages.join(release_meta("en", languages=["en", "ko"]), EN_BODY))
    found = messages(check(docs))
    assert any("'lang: en' but the page is in docs/ko/" in m for m in found), found


def test_plain_page_language_list_is_validated(docs: Path) -> None:
    _rewrite(docs, "en/policy/index.md", "---\nlanguages: [en, fr]\n---\n\n# Policy\n\n## Overview\n")
    found = [f for f in check(docs) if f.path.endswith("en/policy/index.md")]
    assert any(f.line == 2 and "languages.1" in f.message for f in found), found


def test_material_keys_on_plain_pages_are_accepted(docs: Path) -> None:
    _rewrite(docs, "ko/policy/index.md", "---\ntitle: 정책\nhide:\n  - toc\n---\n\n# 정책\n\n## 개요\n")
    assert messages(check(docs)) == []


def test_markup_in_front_matter_text_is_refused_on_its_line(docs: Path) -> None:
    # Templates print front-matter text unescaped, so a tag there would run on the page.
    text = pages.join(release_meta("ko", title="시장 <script>alert(1)</script> 방문"), KO_BODY)
    _rewrite(docs, KO_RELEASE, text)
    line = next(i for i, row in enumerate(text.split("\n"), 1) if row.startswith("title:"))
    found = [f for f in check(docs) if f.path.endswith(KO_RELEASE)]
    assert [(f.severity, f.line) for f in found] == [("error", line)], found
    assert "HTML markup" in found[0].message


def test_a_comparison_sign_is_not_markup(docs: Path) -> None:
    _rewrite(docs, KO_RELEASE, pages.join(release_meta("ko", title="예산 < 작년"), KO_BODY))
    assert not [f for f in check(docs) if f.path.endswith(KO_RELEASE) and f.severity == "error"]


def test_a_page_naming_a_translation_key_is_checked_as_a_release_wherever_it_sits(docs: Path) -> None:
    """Even a key that is not text marks a release: it is refused by the release schema, not passed as a page."""
    body = "# 제목\n\n본문.\n"
    misplaced = _rewrite(docs, "ko/about/old-release.md", pages.join(release_meta("ko", translation_key=7), body))
    plain = _rewrite(docs, "ko/about/plain.md", pages.join({"title": "소개"}, body))
    found = check(docs)
    about = [f.message for f in found if f.path == misplaced.as_posix()]
    assert any("release front matter" in message and "translation_key" in message for message in about), about
    assert not [f for f in found if f.path == plain.as_posix() and "release front matter" in f.message]

"""The writer: escaped Markdown that renders back to the release text, atomic and guarded writes."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import markdown
import pytest
from newsroom.check.markup import EXTENSIONS  # the site's own extensions, kept in step with mkdocs.yml
from newsroom.compose import ConvertError, release_page_path
from newsroom.compose import page_text as render_page
from newsroom.compose.markdown import render_body
from newsroom.converter.write import WriteError, plan, write_atomic
from newsroom.model import pages
from newsroom.model.release import ReleaseMeta, Translation
from newsroom.parse.elements import Caption, Heading, ListItem, Note, Paragraph, TableRows

HOSTILE = [
    "<script>alert('x')</script> 본문",
    "<img src=x onerror=alert(1)> &amp; &#60; R&D",
    "*강조* _밑줄_ `코드` [링크](http://example.com) ~~취소~~ ~아래~",
    "# 제목 아님",
    "> 인용 아님",
    "1. 번호 아님",
    "- 목록 아님",
    "+ 목록 아님",
    "!!! note 경고 아님",
    "??? 접기 아님",
    ": 정의 아님",
    "=== 탭 아님",
    "---",
    "{: .class } 속성 아님",
    "a | b | c",
    "[^1] *[HTML]: 각주와 약어 아님",
    "<!-- 주석 아님 -->",
    "백슬래시 \\ 그대로",
    "```",
]


def _rendered_text(markdown_text: str) -> str:
    out = markdown.markdown(markdown_text, extensions=EXTENSIONS)
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_release_text_renders_as_the_same_text(text: str) -> None:
    rendered = markdown.markdown(render_body([Paragraph(text)]), extensions=EXTENSIONS)
    assert rendered.startswith("<p>") and rendered.count("<p>") == 1
    assert "<script" not in rendered and "<img" not in rendered and "<!--" not in rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == text


def test_lists_notes_tables_headings_and_captions_render() -> None:
    body = render_body(
        [
            Paragraph("문단이다."),
            ListItem("첫째 *항목*", 0, "□"),
            ListItem("세부 항목", 1, "○"),
            Note("참고 <b>사항</b>", "※"),
            ListItem("둘째 항목", 0, "□"),
            Heading("붙임"),
            TableRows((("구분", "내용"), ("가 | 나", "첫 줄\n둘째 줄"))),
            Caption("박상돈 시장 사진 © 천안시"),
        ]
    )
    out = markdown.markdown(body, extensions=EXTENSIONS)
    assert re.search(r"<ul>\s*<li>\s*(<p>)?첫째 \*항목\*(</p>)?\s*<ul>\s*<li>\s*(<p>)?세부 항목", out)
    assert '<p class="news-note">※ 참고 &lt;b&gt;사항&lt;/b&gt;</p>' in out
    assert "<h2" in out and "붙임</h2>" in out
    assert "<td>가 | 나</td>" in out and "<td>첫 줄<br>둘째 줄</td>" in out
    assert '<p class="news-caption">박상돈 시장 사진 © 천안시</p>' in out


def _meta(**changes: object) -> ReleaseMeta:
    data: dict[str, object] = {
        "title": "제목",
        "date": dt.date(2025, 2, 3),
        "lang": "ko",
        "slug": "mayor-visits",
        "translation_key": "2025-02-03-mayor-visits",
        "translation": Translation.ORIGINAL,
        "languages": ["ko"],
        "source": {"file": "a.txt", "sha256": "0" * 64},
    }
    data.update(changes)
    return ReleaseMeta.model_validate(data)


def test_page_is_deterministic_and_stamped_with_its_body_hash() -> None:
    body = render_body([Paragraph("본문이다.")])
    first, second = render_page(_meta(), body), render_page(_meta(), body)
    assert first == second
    page = pages.split(first)
    assert page.meta["body_sha256"] == pages.body_hash(page.body)
    assert ReleaseMeta.from_front_matter(page.meta).title == "제목"


def test_path_stays_inside_docs(tmp_path: Path) -> None:
    assert release_page_path(tmp_path, _meta()) == (tmp_path / "ko" / "news" / "2025" / "mayor-visits.md").resolve()
    with pytest.raises(ValueError, match="slug"):
        _meta(slug="../../etc/passwd")
    sneaky = _meta().model_copy(update={"slug": "../../../outside"})  # model_copy skips validation
    with pytest.raises(ConvertError):
        release_page_path(tmp_path, sneaky)


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "ko" / "news" / "2025" / "a.md"
    write_atomic(target, "첫 판\n")
    write_atomic(target, "둘째 판\n")
    assert target.read_text(encoding="utf-8") == "둘째 판\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]


def test_hand_edit_guard(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    original = render_page(_meta(), render_body([Paragraph("본문이다.")]))
    write_atomic(target, original)
    assert plan(target, original, force=False).status == "unchanged"
    newer = render_page(_meta(), render_body([Paragraph("고친 본문이다.")]))
    assert plan(target, newer, force=False).status == "changed"
    target.write_text(original.replace("본문이다.", "사람이 고친 본문이다."), encoding="utf-8")
    with pytest.raises(WriteError, match=r"edited by hand.*--force"):
        plan(target, newer, force=False)
    assert plan(target, newer, force=True).status == "changed"


def test_page_of_another_release_is_not_replaced_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "mayor-visits.md"
    write_atomic(target, render_page(_meta(), render_body([Paragraph("본문이다.")])))
    # Another file with other content under the same key, or another key (the "0521.txt" of another month).
    others = [
        _meta(title="다른 보도", source={"file": "b.txt", "sha256": "1" * 64}),
        _meta(
            title="다른 보도", translation_key="2025-05-21-mayor-visits", source={"file": "a.txt", "sha256": "1" * 64}
        ),
    ]
    for meta in others:
        other = render_page(meta, render_body([Paragraph("다른 글.")]))
        for force in (False, True):
            with pytest.raises(WriteError) as refused:
                plan(target, other, force=force)
            assert str(refused.value) == (
                f"{target} already holds another release: '제목' (translation_key 2025-02-03-mayor-visits, converted "
                "from a.txt); give '다른 보도' its own page name with --slug mayor-visits-0203 "
                "(--force never replaces another release)"
            )


def test_same_release_from_an_updated_or_renamed_file_may_replace_its_page(tmp_path: Path) -> None:
    target = tmp_path / "mayor-visits.md"
    write_atomic(target, render_page(_meta(), render_body([Paragraph("본문이다.")])))
    updated = _meta(source={"file": "a.txt", "sha256": "1" * 64})
    renamed = _meta(source={"file": "renamed.txt", "sha256": "0" * 64})
    for meta in (updated, renamed):
        assert plan(target, render_page(meta, render_body([Paragraph("고친 본문.")])), force=False).status == "changed"


def test_grainy_image_is_scaled_until_it_is_about_300_kb() -> None:
    import io
    import random

    from newsroom.compose.pictures import IMAGE_TARGET_BYTES, encode_image
    from PIL import Image

    rng = random.Random(7)
    grain = Image.frombytes("RGB", (2000, 1200), bytes(rng.getrandbits(8) for _ in range(2000 * 1200 * 3)))
    source = io.BytesIO()
    grain.save(source, format="PNG")
    data, suffix = encode_image(source.getvalue())
    assert suffix == ".jpg" and len(data) <= IMAGE_TARGET_BYTES
    with Image.open(io.BytesIO(data)) as image:
        assert image.width < 1600 and image.width / image.height == pytest.approx(2000 / 1200, rel=0.01)
    assert encode_image(source.getvalue())[0] == data  # the same image always gives the same file

"""``newsroom convert`` end to end: the seed, every input shape, batches, JSON, re-runs and guards."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import fields
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.commands.cli import app
from newsroom.compose.options import Options, option_settings
from newsroom.model import pages
from newsroom.model.release import ReleaseMeta
from typer.testing import CliRunner

from tests.read.release_builders import write_docx, write_hwp, write_hwpx

ROOT = Path(__file__).resolve().parents[2]
SEED_TITLE_KO = "박상돈 천안시장, AI·클라우드 기술 천안 접목 방안 모색"
SEED_SLUG = "mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai"
SEED_ARGS = ["--date", "2025-02-03", "--title-ko", SEED_TITLE_KO, "--topics", "smart-city,ai,cloud,partnerships"]

HEADER = [["배포", "2026. 7. 27.(월) 15:30", "보도시점", "(인터넷) 2026. 7. 28.(화) 06:00"]]
CONTACTS = [
    ["담당 부서", "스마트도시과", "책임자", "과장", "홍길동", "(041-521-0000)"],
    ["", "", "담당자", "주무관", "김철수", "(041-521-0001)"],
]
# The slug of a Korean-only release: its headline in Revised Romanization.
KO_SLUG = "cheonansi-seumateudosi-senteo-gaeso"
KOREAN_RELEASE = "천안시, 스마트도시 센터 개소\n천안시는 3일 스마트도시 센터를 열었다고 밝혔다.\n"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["convert", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def json_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.shared
def test_seed_needs_title_and_date_then_converts_to_the_committed_pages(shared_dir: Path, tmp_path: Path) -> None:
    seed = shared_dir / "releases" / "seed"
    code, out, err = run(seed, "--date", "2025-02-03", "--docs-dir", tmp_path)
    assert code == 1 and "--title-ko" in out + err
    code, out, err = run(seed, "--title-ko", SEED_TITLE_KO, "--docs-dir", tmp_path)
    assert code == 1 and "--date" in out + err
    assert not any(tmp_path.rglob("*.md"))

    code, out, _ = run(seed, *SEED_ARGS, "--docs-dir", tmp_path, "--json")
    assert code == 0
    (line,) = json_lines(out)
    assert line["status"] == "converted" and line["error"] is None and line["unplaced"] == []
    for lang in ("ko", "en"):
        written = tmp_path / lang / "news" / "2025" / f"{SEED_SLUG}.md"
        assert line["pages"][lang] == str(written)  # type: ignore[index]
        # The committed pages are exactly what the command writes.
        assert written.read_bytes() == (ROOT / "docs" / lang / "news" / "2025" / f"{SEED_SLUG}.md").read_bytes()

    source_file = next(seed.glob("*.txt"))
    ko = pages.read_page_file(tmp_path / "ko" / "news" / "2025" / f"{SEED_SLUG}.md")
    en = pages.read_page_file(tmp_path / "en" / "news" / "2025" / f"{SEED_SLUG}.md")
    ko_meta, en_meta = ReleaseMeta.from_front_matter(ko.meta), ReleaseMeta.from_front_matter(en.meta)
    assert ko_meta.title == SEED_TITLE_KO
    assert (
        en_meta.title == "Mayor Park Sang-don of Cheonan seeks ways to integrate AI and cloud technologies into Cheonan"
    )
    assert str(ko_meta.date) == str(en_meta.date) == "2025-02-03"
    assert ko_meta.translation.value == "original" and en_meta.translation.value == "machine"
    assert ko_meta.translation_key == en_meta.translation_key and ko_meta.languages == ["ko", "en"]
    assert en_meta.translated_from_sha256 == ko_meta.body_sha256 == pages.body_hash(ko.body)
    # Unknown in the text, so left empty.
    for meta in (ko_meta, en_meta):
        assert meta.department is None and meta.contacts == [] and meta.embargo_until is None
        assert meta.distributed_at is None and meta.subtitle == []
        assert meta.source is not None and meta.source.file == source_file.name
        assert meta.source.sha256 == hashlib.sha256(source_file.read_bytes()).hexdigest()
    assert "/" not in ko.meta["source"]["file"]
    # 11 Korean paragraphs (no lead), 12 English after the headline; "3일" stays as written.
    assert len([p for p in ko.body.split("\n\n") if p.strip()]) == 11
    assert len([p for p in en.body.split("\n\n") if p.strip()]) == 12
    assert ko.body.lstrip().startswith("3일, 박 시장은 NHN 클라우드와")
    assert "“NHN 클라우드는 천안시 거점형 스마트도시 조성사업의 일원으로," in ko.body

    code, out, _ = run(seed, *SEED_ARGS, "--docs-dir", tmp_path, "--json")
    assert code == 0 and json_lines(out)[0]["status"] == "unchanged"


def test_seed_page_is_on_the_built_site(built_site: Path) -> None:
    ko = (built_site / "news" / "2025" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "news" / "2025" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert SEED_TITLE_KO in ko and "지기성 사장은" in ko
    assert "Mayor Park Sang-don of Cheonan seeks ways" in en
    assert f"news/2025/{SEED_SLUG}/" in (built_site / "index.html").read_text(encoding="utf-8")


# Korean-only text releases: headline and its slug in Revised Romanization (written out by hand).
TEXT_RELEASES = {
    "cp949.txt": ("천안시, 스마트도시 센터 개소", "cheonansi-seumateudosi-senteo-gaeso"),
    "bom-crlf.txt": ("천안시, 데이터 센터 개소", "cheonansi-deiteo-senteo-gaeso"),
    "mojibake.txt": ("천안시, 교통 센터 개소", "cheonansi-gyotong-senteo-gaeso"),
}


def _korean(name: str) -> str:
    return KOREAN_RELEASE.replace("천안시, 스마트도시 센터 개소", TEXT_RELEASES[name][0])


def _inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "cp949.txt").write_bytes(("배포 2025. 3. 4.(화) 09:00\n" + _korean("cp949.txt")).encode("cp949"))
    (folder / "bom-crlf.txt").write_bytes(
        b"\xef\xbb\xbf" + ("배포 2025. 3. 5.(수) 09:00\n" + _korean("bom-crlf.txt")).replace("\n", "\r\n").encode()
    )
    (folder / "mojibake.txt").write_text(
        ("배포 2025. 3. 6.(목) 09:00\n" + _korean("mojibake.txt")).encode("cp949").decode("latin-1"), encoding="utf-8"
    )
    (folder / "english.txt").write_text(
        "Distributed: March 7, 2025 09:00\nCheonan opens a smart-city centre\nThe city opened a centre on Monday.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    write_hwpx(
        folder / "hwpx-release.hwpx", [HEADER, "학교 역사교육 현장 지원 본격화", "교육부는 발표하였다.", CONTACTS]
    )
    write_docx(folder / "docx-release.docx", [HEADER, "천안시 스마트도시 포럼 개최", "천안시는 포럼을 연다.", CONTACTS])
    write_hwp(folder / "hwp-release.hwp", [HEADER, "천안시 데이터센터 착공", "천안시는 착공식을 열었다.", CONTACTS])


def test_batch_of_every_shape_with_one_bad_file(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _inputs(inbox)
    docs = tmp_path / "docs"
    code, out, _ = run(inbox, "--docs-dir", docs, "--json")
    assert code == 1  # one failed
    results = {Path(str(line["source"])).name: line for line in json_lines(out)}
    assert set(results) == {p.name for p in inbox.iterdir()}
    for line in results.values():
        assert list(line) == ["source", "status", "error", "pages", "meta", "unplaced", "privacy"]
    assert results["empty.txt"]["status"] == "failed" and "empty.txt: is empty" in str(results["empty.txt"]["error"])
    assert results["notes.pdf"]["status"] == "skipped" and "unsupported" in str(results["notes.pdf"]["error"])
    converted = {name for name, line in results.items() if line["status"] == "converted"}
    assert converted == {p.name for p in inbox.iterdir()} - {"empty.txt", "notes.pdf"}

    for name, (title, slug) in TEXT_RELEASES.items():
        meta = results[name]["meta"]["ko"]  # type: ignore[index]
        assert meta["title"] == title, name
        assert results[name]["meta"]["en"] is None and results[name]["pages"]["en"] is None  # type: ignore[index]
        assert meta["languages"] == ["ko"] and meta["slug"] == slug
    english = results["english.txt"]["meta"]["en"]  # type: ignore[index]
    assert english["title"] == "Cheonan opens a smart-city centre" and english["languages"] == ["en"]
    assert english["translation"] == "original" and english["slug"] == "cheonan-opens-a-smart-city-centre"
    assert results["english.txt"]["meta"]["ko"] is None  # type: ignore[index]

    for name, title in (
        ("hwpx-release.hwpx", "학교 역사교육 현장 지원 본격화"),
        ("docx-release.docx", "천안시 스마트도시 포럼 개최"),
        ("hwp-release.hwp", "천안시 데이터센터 착공"),
    ):
        meta = results[name]["meta"]["ko"]  # type: ignore[index]
        assert meta["title"] == title
        assert meta["distributed_at"] == "2026-07-27T15:30:00+09:00"
        assert meta["embargo_until"] == "2026-07-28T06:00:00+09:00" and meta["date"] == "2026-07-28"
        assert meta["department"] == "스마트도시과"
        assert meta["contacts"] == [
            {
                "role": "책임자",
                "name": "홍길동",
                "rank": "과장",
                "phone": "041-521-0000",
                "organisation": "스마트도시과",
            },
            {
                "role": "담당자",
                "name": "김철수",
                "rank": "주무관",
                "phone": "041-521-0001",
                "organisation": "스마트도시과",
            },
        ]
        page = Path(str(results[name]["pages"]["ko"]))  # type: ignore[index]
        assert page.read_text(encoding="utf-8").rstrip().endswith("발표하였다." if "hwpx" in name else "다.")


def test_batch_human_output_has_a_summary_table(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _inputs(inbox)
    code, out, err = run(inbox, "--docs-dir", tmp_path / "docs")
    assert code == 1
    assert "7 converted, 0 unchanged, 1 skipped, 1 failed" in out
    assert "empty.txt: is empty" in err


def test_batch_output_in_korean_when_the_locale_is_korean(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "release.txt").write_text(KOREAN_RELEASE, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    korean = {"LANG": "ko_KR.UTF-8", "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}
    args = ["convert", str(inbox), "--docs-dir", str(tmp_path / "docs"), "--date", "2025-02-03"]
    result = CliRunner().invoke(app, args, env=korean)
    assert result.exit_code == 1
    assert "변환 1건, 변경 없음 0건, 건너뜀 0건, 실패 1건" in result.stdout
    assert "오류: " in result.stderr and "empty.txt: 빈 파일입니다" in result.stderr


def test_rerun_is_byte_identical_and_hand_edits_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(KOREAN_RELEASE, encoding="utf-8")
    docs = tmp_path / "docs"
    assert run(source, "--date", "2025-03-03", "--docs-dir", docs)[0] == 0
    page = docs / "ko" / "news" / "2025" / f"{KO_SLUG}.md"
    first = page.read_bytes()
    code, out, _ = run(source, "--date", "2025-03-03", "--docs-dir", docs, "--json")
    assert code == 0 and json_lines(out)[0]["status"] == "unchanged" and page.read_bytes() == first

    edited = first.decode().replace("열었다고", "활짝 열었다고")
    page.write_text(edited, encoding="utf-8")
    code, out, _ = run(source, "--date", "2025-03-03", "--docs-dir", docs, "--json")
    (line,) = json_lines(out)
    assert code == 1 and line["status"] == "failed" and "edited by hand" in str(line["error"])
    assert "--force" in str(line["error"]) and page.read_text(encoding="utf-8") == edited
    assert run(source, "--date", "2025-03-03", "--docs-dir", docs, "--force")[0] == 0
    assert page.read_bytes() == first
    assert [p.name for p in page.parent.iterdir()] == [f"{KO_SLUG}.md"]  # no temporary files left


def test_dry_run_writes_nothing_and_shows_the_page(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(KOREAN_RELEASE, encoding="utf-8")
    code, out, _ = run(source, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs", "--dry-run")
    assert code == 0 and not (tmp_path / "docs").exists()
    assert "would create" in out and "title: 천안시, 스마트도시 센터 개소" in out and "body_sha256:" in out

    assert run(source, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs")[0] == 0
    page = tmp_path / "docs" / "ko" / "news" / "2025" / f"{KO_SLUG}.md"
    before = page.read_bytes()
    source.write_text(KOREAN_RELEASE.replace("열었다고", "새로 열었다고"), encoding="utf-8")
    code, out, _ = run(source, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs", "--dry-run")
    assert code == 0 and "would change" in out and page.read_bytes() == before
    assert "-천안시는 3일 스마트도시 센터를 열었다고 밝혔다." in out
    assert "+천안시는 3일 스마트도시 센터를 새로 열었다고 밝혔다." in out


def test_markup_in_a_release_is_text_and_slugs_stay_inside_docs(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(
        "천안시 <b>스마트</b> 센터 개소\n<script>alert(1)</script> 천안시는 센터를 열었다.\n", encoding="utf-8"
    )
    docs = tmp_path / "docs"
    assert run(source, "--date", "2025-03-03", "--docs-dir", docs)[0] == 0
    (written,) = (docs / "ko" / "news" / "2025").glob("*.md")
    page = pages.read_page_file(written)
    assert "<" not in page.meta["title"] and "<" not in page.meta["summary"]
    rendered = markdown.markdown(page.body, extensions=["attr_list", "md_in_html", "tables"])
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered

    code, out, err = run(source, "--date", "2025-03-03", "--docs-dir", docs, "--slug", "../../outside")
    assert code == 2 and "--slug" in out + err
    code, out, err = run(source, "--date", "2025-03-03", "--docs-dir", docs, "--title-ko", "../../x")
    assert code == 0 and not (tmp_path / "x.md").exists() and not list(tmp_path.glob("*.md"))


def test_options_are_checked(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(KOREAN_RELEASE, encoding="utf-8")
    code, out, err = run(source, "--date", "2025-03-03", "--topics", "smart-city,nonsense", "--docs-dir", tmp_path)
    assert code == 2 and "nonsense" in out + err and "smart-city" in out + err
    code, out, err = run(source, "--date", "3 March", "--docs-dir", tmp_path)
    assert code == 2 and "YYYY-MM-DD" in out + err
    second = tmp_path / "other.txt"
    shutil.copy(source, second)
    code, out, err = run(source, second, "--slug", "one-slug", "--docs-dir", tmp_path)
    assert code == 2 and "one release" in out + err


def test_help_explains_every_option_with_an_example() -> None:
    result = CliRunner().invoke(app, ["convert", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for option in ("--date", "--title-ko", "--title-en", "--slug", "--topics", "--docs-dir", "--dry-run", "--force"):
        assert option in result.stdout
    assert "--json" in result.stdout and result.stdout.count("Example:") >= 10


def _flags(command: str) -> set[str]:
    import typer.main

    group: Any = typer.main.get_command(app)
    return {flag for param in group.commands[command].params for flag in param.opts if flag.startswith("--")}


def test_every_convert_option_is_a_flag_of_convert_and_preview_offers_the_release_ones() -> None:
    """The options are declared once (``Options``): a new field is a new flag without touching the CLI."""
    declared = {f.name: f.metadata["setting"].flag for f in fields(Options)}
    assert set(declared.values()) <= _flags("convert")
    assert _flags("convert") - set(declared.values()) == {"--json"}
    release_facts = {declared[name] for name in ("date", "title_ko", "title_en", "slug", "topics")}
    assert release_facts <= _flags("preview")
    assert not {declared["docs_dir"], declared["force"], declared["dry_run"]} & _flags("preview")


def test_options_reach_the_converter_as_typed_values(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(KOREAN_RELEASE, encoding="utf-8")
    docs = tmp_path / "docs"
    code, out, _ = run(source, "--date", "2025-03-03", "--topics", " ai , cloud", "--docs-dir", docs, "--json")
    assert code == 0, out
    (line,) = json_lines(out)
    assert line["meta"]["ko"]["date"] == "2025-03-03" and line["meta"]["ko"]["topics"] == ["ai", "cloud"]
    assert (docs / "ko" / "news" / "2025" / f"{KO_SLUG}.md").is_file()


def test_a_bad_option_value_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(KOREAN_RELEASE, encoding="utf-8")
    code, out, err = run(source, "--en-translation", "human", "--docs-dir", tmp_path / "docs")
    assert code == 2 and "--en-translation" in out + err and "'human'" in out + err and "machine" in out + err
    assert not (tmp_path / "docs").exists()


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "title", "department", "first_lead"),
    [
        (
            "hwpx/moe-105007.hwpx",
            "학교의 안전하고 효과적인 학습지원 소프트웨어 선정을 위한 기준 안내",
            "디지털교육기획관 디지털교육전환담당관",
            "황지혜",
        ),
        (
            "hwpx/moe-106229.hwpx",
            "2026년 고교교육 기여대학 지원사업 연차평가 결과 발표",
            "대학정책관 대입정책과",
            "신진용",
        ),
        (
            "hwp/moe-106244.hwp",
            "학교 역사교육 현장 지원 본격화, 역사 선도교사단 출범",
            "학교정책관 동북아역사대응팀",
            "이상모",
        ),
    ],
)
def test_real_releases(
    shared_dir: Path, tmp_path: Path, name: str, title: str, department: str, first_lead: str
) -> None:
    code, out, _ = run(shared_dir / "fixtures" / name, "--docs-dir", tmp_path, "--json")
    (line,) = json_lines(out)
    assert code == 0, line["error"]
    meta = line["meta"]["ko"]  # type: ignore[index]
    assert meta["title"] == title and meta["department"] == department
    assert meta["contacts"][0]["name"] == first_lead and meta["contacts"][0]["role"] == "책임자"
    assert meta["distributed_at"].endswith("+09:00") and meta["embargo_until"].endswith("+09:00")
    # The ministry logo's text and the logo and icon images: left out of the page, and listed.
    unplaced = [str(text) for text in line["unplaced"]]  # type: ignore[union-attr]
    assert "광부" in unplaced
    assert all(text == "광부" or (text.startswith("image ") and "a logo, icon or banner" in text) for text in unplaced)


def test_web_reprint_keeps_the_release_and_drops_the_noise(tmp_path: Path) -> None:
    source = tmp_path / "reprint.txt"
    source.write_text(
        "천안시, 스마트도시 통합플랫폼 가동\n"
        "홍길동 기자 hong@example.com\n"
        "▲ 박상돈 천안시장이 플랫폼을 살펴보고 있다. 사진 © 천안시\n"
        "서울--(뉴스와이어)-- 천안시는 통합플랫폼을 가동한다고 3일 밝혔다.\n"
        "천안시, 스마트도시 통합플랫폼 가동\n"
        "Copyright © 뉴스와이어. 무단전재 및 재배포 금지\n",
        encoding="utf-8",
    )
    code, out, _ = run(source, "--date", "2025-02-03", "--docs-dir", tmp_path / "docs", "--json")
    (line,) = json_lines(out)
    assert code == 0 and line["unplaced"] == []
    page = pages.read_page_file(Path(str(line["pages"]["ko"])))  # type: ignore[index]
    assert page.meta["title"] == "천안시, 스마트도시 통합플랫폼 가동"
    assert page.meta["summary"] == "천안시는 통합플랫폼을 가동한다고 3일 밝혔다."
    html = markdown.markdown(page.body, extensions=["attr_list"])
    assert '<p class="news-caption">박상돈 천안시장이 플랫폼을 살펴보고 있다. 사진 © 천안시</p>' in html
    for noise in ("기자", "뉴스와이어", "무단전재", "통합플랫폼 가동\n"):
        assert noise not in page.body
    # Without --json, what was left out is listed for the person converting.
    code, _, err = run(source, "--date", "2025-02-03", "--docs-dir", tmp_path / "docs")
    assert code == 0 and "left out as republication noise: 홍길동 기자 hong@example.com" in err


def test_a_page_belongs_to_its_source(tmp_path: Path) -> None:
    # Press offices name files by department and day: two months, one file name.
    may, june = tmp_path / "2021-05", tmp_path / "2021-06"
    may.mkdir()
    june.mkdir()
    name = "보도자료(스마트도시과) 0521.txt"
    (may / name).write_text("배포 2021. 5. 21.(금) 09:00\n천안시, 스마트도시 센터 개소\n천안시는 센터를 열었다.\n")
    (june / name).write_text("배포 2021. 6. 21.(월) 09:00\n천안시, 데이터 센터 개소\n천안시는 데이터 센터를 열었다.\n")
    docs = tmp_path / "docs"
    code, out, _ = run(may / name, june / name, "--docs-dir", docs, "--json")
    assert code == 0, out
    assert sorted(p.name for p in (docs / "ko/news/2021").iterdir()) == [
        "cheonansi-deiteo-senteo-gaeso.md",
        "cheonansi-seumateudosi-senteo-gaeso.md",
    ]

    # A later release with the same headline wants the same page: refused, even with --force.
    again = tmp_path / "2021-07" / name
    again.parent.mkdir()
    again.write_text("배포 2021. 7. 21.(수) 09:00\n천안시, 스마트도시 센터 개소\n천안시는 둘째 센터를 열었다.\n")
    page = docs / "ko/news/2021/cheonansi-seumateudosi-senteo-gaeso.md"
    before = page.read_bytes()
    for extra in ([], ["--force"]):
        code, out, _ = run(again, "--docs-dir", docs, "--json", *extra)
        (line,) = json_lines(out)
        assert code == 1 and line["status"] == "failed"
        assert str(line["error"]).endswith(
            f"{page} already holds another release: '천안시, 스마트도시 센터 개소' (translation_key "
            f"2021-05-21-cheonansi-seumateudosi-senteo-gaeso, converted from {name}); give '천안시, 스마트도시 센터 "
            "개소' its own page name with --slug cheonansi-seumateudosi-senteo-gaeso-0721 (--force never replaces "
            "another release)"
        )
        assert page.read_bytes() == before
    code, out, _ = run(again, "--docs-dir", docs, "--slug", "cheonansi-seumateudosi-senteo-gaeso-0721")
    assert code == 0 and (docs / "ko/news/2021/cheonansi-seumateudosi-senteo-gaeso-0721.md").exists()
    assert page.read_bytes() == before


def test_numeric_file_names_never_become_slugs(tmp_path: Path) -> None:
    source = tmp_path / "20250303.txt"
    source.write_text("천안시 \u00b7 「교통」 센터 개소\n천안시는 센터를 열었다.\n")
    code, out, _ = run(source, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs", "--json")
    (line,) = json_lines(out)
    assert code == 0 and line["meta"]["ko"]["slug"] == "cheonansi-gyotong-senteo-gaeso"  # type: ignore[index]


def test_lone_jamo_in_a_korean_headline_do_not_stop_the_slug(tmp_path: Path) -> None:
    # Found by the fuzz test: the romanizer raised KeyError on a lone final consonant (U+11B6).
    source = tmp_path / "r.txt"
    source.write_text("천안시 \u11b6 센터 개소\n천안시는 센터를 열었다.\n")
    # And on a final ㄶ before a tense consonant, which korean-romanizer 0.28 cannot spell ("갆꺧").
    second = tmp_path / "s.txt"
    second.write_text("갆꺧 천안시\n천안시는 센터를 열었다.\n")
    code, out, _ = run(second, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs", "--json")
    (line,) = json_lines(out)
    assert code == 0 and line["meta"]["ko"]["slug"].endswith("-cheonansi")  # type: ignore[index]
    code, out, _ = run(source, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs", "--json")
    (line,) = json_lines(out)
    assert code == 0 and line["meta"]["ko"]["slug"] == "cheonansi-senteo-gaeso"  # type: ignore[index]


def test_a_headline_without_text_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    """A file holding only its headline (the body was not copied) must not become an empty public page."""
    source = tmp_path / "release.txt"
    source.write_text(KOREAN_RELEASE.splitlines()[0] + "\n\n", encoding="utf-8")
    code, out, err = run(source, "--date", "2025-03-03", "--docs-dir", tmp_path / "docs")
    assert code == 1 and "no text under it" in out + err
    assert not (tmp_path / "docs").exists()


def test_a_command_cannot_ask_for_an_option_that_does_not_exist() -> None:
    from newsroom.commands.cli import with_convert_options

    with pytest.raises(ValueError, match="dates"):
        with_convert_options("dates")


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_option_readers_take_any_text_or_say_what_they_expect(text: str) -> None:
    """The typed text of every option: a value, or a ValueError the command line shows as its message."""
    for name, setting in option_settings().items():
        if setting.read is None:
            continue
        try:
            setting.read(text)
        except ValueError as error:
            assert str(error) and "\n" not in str(error), name

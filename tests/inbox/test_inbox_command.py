"""``newsroom inbox`` on a temporary git repository with a bare remote, as the inbox workflow runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
import pytest
from newsroom.commands.inbox import read_description
from newsroom.model.pages import read_page_file

from tests.conftest import ROOT
from tests.read.release_builders import write_docx

HEADER = [["배포", "2026. 7. 27.(월) 15:30", "보도시점", "(인터넷) 2026. 7. 28.(화) 06:00"]]
CONTACTS = [["담당 부서", "스마트도시과", "책임자", "과장", "홍길동", "(041-521-0000)"]]
UNDATED = "천안시, 스마트도시 센터 개소\n천안시는 3일 스마트도시 센터를 열었다고 밝혔다.\n"
BRANCH = "upload-release"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Press Office",
    "GIT_AUTHOR_EMAIL": "press@example.invalid",
    "GIT_COMMITTER_NAME": "newsroom inbox",
    "GIT_COMMITTER_EMAIL": "inbox@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


def inbox(work: Path, *args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "newsroom.commands.cli", "inbox", *args],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture()
def upload(tmp_path: Path) -> tuple[Path, Path]:
    """A clone of a bare remote whose branch holds what a press officer uploaded through the web page."""
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(tmp_path, "clone", "-q", str(remote), str(work))
    shutil.copytree(ROOT / "docs", work / "docs")
    git(work, "add", "docs")
    git(work, "commit", "-q", "-m", "site")
    git(work, "push", "-q", "origin", "HEAD:main")
    git(work, "checkout", "-q", "-b", BRANCH)
    (work / "inbox").mkdir()
    write_docx(
        work / "inbox" / "forum.docx", [HEADER, "천안시 스마트도시 포럼 개최", "천안시는 포럼을 연다.", CONTACTS]
    )
    (work / "inbox" / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (work / "inbox" / "photo.pdf").write_bytes(b"%PDF-1.4")
    git(work, "add", "inbox")
    git(work, "commit", "-q", "-m", "Upload files")
    git(work, "push", "-q", "origin", BRANCH)
    return remote, work


def remote_files(remote: Path) -> list[str]:
    return git(remote, "ls-tree", "-r", "--name-only", BRANCH).split()


def test_the_branch_gets_the_pages_instead_of_the_inbox_files(upload: tuple[Path, Path], tmp_path: Path) -> None:
    remote, work = upload
    summary = tmp_path / "summary.md"
    description = "새 보도자료입니다.\r\n\r\ndate: 2026-03-04\r\n"
    result = inbox(work, "--description", description, "--summary", str(summary), "--push")
    # The PDF is no release: it needs attention, so the command says so with its exit status.
    assert result.returncode == 1, result.stderr
    files = remote_files(remote)
    assert "inbox/forum.docx" not in files and "inbox/undated.txt" not in files
    assert "inbox/photo.pdf" in files
    new_pages = sorted(f for f in files if f.startswith("docs/") and not (ROOT / f).exists())
    # Both releases are in Korean only: one Korean page each, in the year of its date.
    assert [p.split("/")[:4] for p in new_pages] == [["docs", "ko", "news", "2026"]] * 2
    dates = {str(read_page_file(work / p).meta["date"]) for p in new_pages if p.startswith("docs/ko/")}
    assert dates == {"2026-07-28", "2026-03-04"}  # from the header (보도시점); from the description
    assert git(remote, "log", "-1", "--format=%s", BRANCH).startswith("inbox: 2 release(s) converted")
    table = summary.read_text(encoding="utf-8")
    assert table in result.stdout
    rows = [line for line in table.splitlines() if line.startswith("| inbox/")]
    assert len(rows) == 3
    by_file = {row.split("|")[1].strip(): row for row in rows}
    assert "| converted |" in by_file["inbox/forum.docx"] and "docs/ko/news/2026/" in by_file["inbox/forum.docx"]
    assert "| converted |" in by_file["inbox/undated.txt"]
    assert "| needs attention |" in by_file["inbox/photo.pdf"] and ".hwpx" in by_file["inbox/photo.pdf"]
    assert "`newsroom check` found no error." in table


def test_without_a_date_line_the_release_stays_with_the_reason(upload: tuple[Path, Path], tmp_path: Path) -> None:
    remote, work = upload
    (work / "inbox" / "photo.pdf").unlink()
    result = inbox(work, "--push")
    assert result.returncode == 1
    files = remote_files(remote)
    assert "inbox/undated.txt" in files and "inbox/forum.docx" not in files
    row = next(line for line in result.stdout.splitlines() if line.startswith("| inbox/undated.txt"))
    assert "needs attention" in row and "date: YYYY-MM-DD" in row and "--date" in row


def test_an_empty_inbox_commits_nothing(tmp_path: Path) -> None:
    work = tmp_path / "work"
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    shutil.copytree(ROOT / "docs", work / "docs")
    result = inbox(work, "--no-commit")
    assert result.returncode == 0, result.stderr
    assert "inbox/" in result.stdout


def test_description_lines() -> None:
    text = "Intro\n\nDate: 2025-02-03\ntitle-ko:  박상돈 천안시장, AI·클라우드 기술 천안 접목 방안 모색 \n"
    description = read_description(text)
    assert str(description.date) == "2025-02-03"
    assert description.title_ko == "박상돈 천안시장, AI·클라우드 기술 천안 접목 방안 모색"
    assert read_description("date: 3 March").problems
    assert read_description("title-ko: " + "가" * 400).problems
    assert read_description("no lines here") == read_description("")


def test_in_korean_as_the_workflow_runs_it(upload: tuple[Path, Path], tmp_path: Path) -> None:
    """LANG=ko_KR.UTF-8 (the workflow's): the table is Korean, and the converter's Korean refusals
    still lead to the description's date."""
    remote, work = upload
    # Without the date line the reason is Korean.
    first = inbox(work, "--no-commit", lang="ko_KR.UTF-8")
    row = next(line for line in first.stdout.splitlines() if line.startswith("| inbox/undated.txt"))
    assert "확인 필요" in row and "'date: YYYY-MM-DD' 줄을 넣으세요" in row, first.stdout
    # With it (the press officer edits the description), everything converts.
    result = inbox(work, "--description", "date: 2026-03-04", "--push", lang="ko_KR.UTF-8")
    assert result.returncode == 1, result.stdout + result.stderr  # the PDF stays, needing attention
    assert [f for f in remote_files(remote) if f.startswith("inbox/")] == ["inbox/photo.pdf"]
    assert "| 파일 | 결과 | 페이지 또는 사유 |" in result.stdout
    assert result.stdout.count("| 변환됨 |") == 2
    assert "`newsroom check` 결과 오류가 없습니다." in result.stdout
    assert git(remote, "log", "-1", "--format=%s", BRANCH).startswith("inbox: 보도자료 2건을 페이지로 변환")


@pytest.mark.browser
def test_the_comment_renders_as_a_table(upload: tuple[Path, Path], tmp_path: Path, browser: Any) -> None:
    """The summary is Markdown that GitHub renders: one table row per file, whatever the reasons say
    (a '|' in a reason must not split a cell). Rendered in Chromium; the guide shows the screenshot."""
    _remote, work = upload
    (work / "inbox" / "a|b.pdf").write_bytes(b"%PDF-1.4")
    result = inbox(work, "--no-commit", lang="ko_KR.UTF-8")
    html = markdown.markdown(result.stdout, extensions=["tables", "fenced_code"])
    page = browser.new_page(viewport={"width": 900, "height": 420})
    try:
        style = "body{font-family:sans-serif;margin:16px} th,td{border:1px solid #d0d7de;padding:6px 12px}"
        style += " td:nth-child(2){white-space:nowrap} table{border-collapse:collapse}"
        page.set_content(f'<html lang="ko"><head><style>{style}</style></head><body>{html}</body></html>')
        rows = page.locator("table tbody tr")
        assert rows.count() == 4
        for index in range(4):
            assert rows.nth(index).locator("td").count() == 3
        assert page.locator("table thead th").all_inner_texts() == ["파일", "결과", "페이지 또는 사유"]
        assert "/tmp" not in page.inner_text("table")  # no runner path in a reason
        if os.environ.get("NEWSROOM_SCREENSHOTS") == "1":
            page.screenshot(path=str(ROOT / "press-office" / "inbox-comment.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.shared
def test_the_citys_release_takes_its_headline_and_date_from_the_description(
    shared_dir: Path, upload: tuple[Path, Path]
) -> None:
    """The seed has neither a dated header nor a headline line: both come from the description."""
    remote, work = upload
    git(work, "rm", "-q", "-r", "inbox")
    (work / "inbox").mkdir()
    seed = next((shared_dir / "releases" / "seed").glob("*.txt"))
    shutil.copyfile(seed, work / "inbox" / seed.name)
    git(work, "add", "inbox")
    git(work, "commit", "-q", "-m", "Upload files")
    title = read_page_file(
        ROOT / "docs" / "ko" / "news" / "2025" / "mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai.md"
    )
    description = f"date: 2025-02-03\ntitle-ko: {title.meta['title']}\n"
    without = inbox(work, "--no-commit", "--description", "date: 2025-02-03")
    assert "title-ko: …" in without.stdout and without.returncode == 1
    result = inbox(work, "--description", description, "--push")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [f for f in remote_files(remote) if f.startswith("inbox/")]
    # The same pages as the committed ones: converting the city's release again changes nothing.
    row = next(line for line in result.stdout.splitlines() if line.startswith(f"| inbox/{seed.name}"))
    assert "| converted |" in row and "mayor-park-sang-don-of-cheonan-seeks-ways-to-integrate-ai.md" in row
    assert git(work, "status", "--porcelain") == ""

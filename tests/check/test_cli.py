"""``newsroom check`` as the press office and CI run it: a real subprocess in a project folder."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from newsroom.commands.cli import app
from typer.testing import CliRunner

from tests.check.helpers import write_page

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def _newsroom(cwd: Path, *args: str, github: bool = False, lang: str = "C.UTF-8") -> Outcome:
    """Run the command in-process (a subprocess costs seconds of imports); one test runs it for real."""
    env: dict[str, str | None] = {"GITHUB_ACTIONS": "true" if github else "", "LANG": lang}
    env.update(dict.fromkeys(("LANGUAGE", "LC_ALL", "LC_MESSAGES")))  # None: unset, so LANG decides
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["check", *args], env=env)
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def test_installed_command_runs_as_a_process(docs: Path) -> None:
    _break_a_link(docs)
    command = [sys.executable, "-m", "newsroom.commands.cli", "check"]
    result = subprocess.run(command, cwd=docs.parent, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/ko/policy/index.md:5: error: ")
    assert "1 error(s)" in result.stderr


def _break_a_link(docs: Path) -> None:
    write_page(docs / "ko/policy/index.md", "# 정책\n\n## 개요\n\n[소개](../about/index.md)\n")
    write_page(docs / "en/policy/index.md", "# Policy\n\n## Overview\n\n[Home](../index.md)\n")


def test_clean_tree_exits_zero(docs: Path) -> None:
    result = _newsroom(docs.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 error(s)" in result.stderr


def test_error_gives_path_line_and_non_zero_exit(docs: Path) -> None:
    _break_a_link(docs)
    result = _newsroom(docs.parent)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/ko/policy/index.md:5: error: link '../about/index.md' points to a page")
    assert "::error" not in result.stdout


def test_github_annotations_when_running_in_actions(docs: Path) -> None:
    _break_a_link(docs)
    result = _newsroom(docs.parent, github=True)
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=docs/ko/policy/index.md,line=5,title=newsroom check::link '../about/index.md' points to a page "
        "that does not exist (ko/about/index.md); correct the path (it is relative to this file)"
    ]


def test_annotations_speak_korean_when_the_locale_is_korean(docs: Path) -> None:
    _break_a_link(docs)
    result = _newsroom(docs.parent, github=True, lang="ko_KR.UTF-8")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=docs/ko/policy/index.md,line=5,title=newsroom check::'../about/index.md' 링크가 가리키는 "
        "페이지가 없습니다(ko/about/index.md). 경로를 고치세요(경로는 이 파일 위치를 기준으로 합니다)"
    ]
    assert "오류 1건" in result.stderr


def test_paths_limit_the_report_but_pairs_still_see_both_languages(docs: Path) -> None:
    _break_a_link(docs)
    assert _newsroom(docs.parent, "docs/en").returncode == 0
    assert _newsroom(docs.parent, "docs/ko/policy/index.md").returncode == 1


def test_missing_docs_folder_is_explained(tmp_path: Path) -> None:
    result = _newsroom(tmp_path)
    assert result.returncode == 2
    assert "docs/ko not found" in result.stderr


@pytest.mark.parametrize("now", ["2025-02-02T20:00:00+00:00", "2025-02-03 05:00"])
def test_embargo_info_does_not_fail(docs: Path, now: str) -> None:
    release = docs / "ko/news/2025/mayor-visits-ai-cloud-firms.md"
    text = release.read_text(encoding="utf-8").replace("date: ", "embargo_until: 2025-02-03T06:00:00+09:00\ndate: ", 1)
    release.write_text(text, encoding="utf-8")
    result = _newsroom(docs.parent, "--now", now, github=True)
    assert result.returncode == 0, result.stdout
    assert "info: under embargo until 2025-02-03 06:00 KST" in result.stdout
    assert "::notice file=docs/ko/news/2025/mayor-visits-ai-cloud-firms.md,line=" in result.stdout


def test_project_docs_are_clean() -> None:
    """What `make check` runs: the real docs/ must stay clean."""
    result = _newsroom(ROOT)
    assert result.returncode == 0, result.stdout

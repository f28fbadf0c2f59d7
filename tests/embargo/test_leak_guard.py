"""On a public repository, a release under embargo must not be pushed: `newsroom check` refuses it, in Korean."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from newsroom.model import pages

from tests.check.helpers import make_docs, release_meta, write_page

LATER = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
EMBARGOED = "ko/news/2025/embargoed-release.md"


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    make_docs(repo / "docs")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
    return repo


def _add_embargoed(docs: Path, slug: str = "embargoed-release") -> Path:
    meta = release_meta(
        "ko", slug=slug, translation_key=f"2025-02-03-{slug}", languages=["ko"], embargo_until=LATER.isoformat()
    )
    return write_page(docs / f"ko/news/2025/{slug}.md", pages.join(meta, "천안시는 3일 발표했다.\n"))


def _event(tmp_path: Path, private: bool | None, **extra: object) -> Path:
    payload: dict[str, object] = {**extra}
    if private is not None:
        payload["repository"] = {"private": private, "full_name": "city/site"}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def _check(repo: Path, event: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_EVENT_PATH"}
    env |= {"LANG": "ko_KR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "PYTHONUTF8": "1"}
    if event is not None:
        env["GITHUB_EVENT_PATH"] = str(event)
    return subprocess.run(
        [sys.executable, "-m", "newsroom.commands.cli", "check", "--docs", "docs", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
    )


def test_public_repository_refuses_an_embargoed_release_in_korean(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _add_embargoed(repo / "docs")
    result = _check(repo, _event(tmp_path, private=False))
    assert result.returncode == 1, result.stdout + result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "공개 저장소" in line]
    assert line.startswith(f"docs/{EMBARGOED}:")
    # What leaks, and the two ways out.
    assert "누구나 본문을 읽을 수 있으므로" in line
    assert "보도시점에 병합" in line and "비공개로 유지" in line


def test_private_repository_and_local_runs_keep_the_embargo_as_information(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _add_embargoed(repo / "docs")
    for event in (_event(tmp_path, private=True), None, _event(tmp_path, private=None)):
        result = _check(repo, event)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "공개 저장소" not in result.stdout
        assert "엠바고" in result.stdout  # the information finding is still there


def test_only_what_the_change_adds_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    # Already on the target branch (pushed before the guard existed): this pull request does not leak it.
    _add_embargoed(repo / "docs")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "embargoed")
    event = _event(tmp_path, private=False)
    clean = _check(repo, event, "--base", "HEAD")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _add_embargoed(repo / "docs", "second-embargoed")
    result = _check(repo, event, "--base", "HEAD")
    assert result.returncode == 1
    leaking = [line.split(":")[0] for line in result.stdout.splitlines() if "공개 저장소" in line]
    assert leaking == ["docs/ko/news/2025/second-embargoed.md"]


def test_a_push_is_compared_with_the_commit_it_started_from(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    before = _git(repo, "rev-parse", "HEAD")
    _add_embargoed(repo / "docs")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "push")
    pushed = _check(repo, _event(tmp_path, private=False, before=before))
    assert pushed.returncode == 1 and "공개 저장소" in pushed.stdout
    # A later push that leaves the release alone is not refused for it again.
    after = _git(repo, "rev-parse", "HEAD")
    later = _check(repo, _event(tmp_path, private=False, before=after))
    assert later.returncode == 0, later.stdout


def test_a_lifted_embargo_is_no_leak(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _add_embargoed(repo / "docs")
    moment = (LATER + dt.timedelta(seconds=1)).isoformat()
    result = _check(repo, _event(tmp_path, private=False), "--now", moment)
    assert "공개 저장소" not in result.stdout


def test_the_inbox_does_not_push_an_embargoed_release_on_a_public_repository(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "inbox").mkdir()
    _add_embargoed(repo / "docs")  # as the converter leaves it, before the inbox's own commit
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_EVENT_PATH"}
    env |= {"LANG": "ko_KR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "PYTHONUTF8": "1"}
    env["GITHUB_EVENT_PATH"] = str(_event(tmp_path, private=False))
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.cli", "inbox", "--no-commit", "--push", "--summary", str(summary)],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "올리지(push) 않았습니다" in result.stderr
    assert "공개 저장소" in summary.read_text(encoding="utf-8")  # the pull request comment says why

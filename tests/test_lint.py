"""The code stays ruff-clean (lint and format), so a pull request cannot drift from the style."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")
TREES = ["scripts", "tests", "benchmarks"]


def test_ruff_lint_is_clean() -> None:
    result = subprocess.run([RUFF, "check", *TREES], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = subprocess.run([RUFF, "format", "--check", *TREES], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

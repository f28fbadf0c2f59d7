"""The one factory for test sites: a copy of the project's own site, optionally with synthetic releases and
pages of the test's own, built by the real ``mkdocs build --strict``.

Every test that needs a site other than the project's own (the ``built_site`` fixture) makes it here, so a
change to how the project is laid out (config, overrides, docs) is made once. The synthetic releases come from
``benchmarks/synthetic.py``, the generator the archive-scale benchmarks use; tests keep its short templated text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from benchmarks.synthetic import make_site


def site_project(dest: Path, releases: int = 0, *, pages: Mapping[str, str] | None = None, **options: object) -> Path:
    """A copy of the project's site in ``dest``: its ``docs/`` with ``releases`` synthetic releases per language
    (``options`` as ``benchmarks.synthetic.generate`` takes them) and ``pages`` (path below docs/ → text) written
    over it, and its ``mkdocs.yml`` pointing at the copy (overrides and hooks stay the project's). Returns the config.
    """
    config = make_site(dest, releases, **options)
    for relative, text in (pages or {}).items():
        page = dest / "docs" / relative
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return config


def mkdocs_build(config: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs build --strict``; fail the test with MkDocs' own output if it fails."""
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env=run_env,
        cwd=config.parent,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result

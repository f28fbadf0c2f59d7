"""Two engines, one site: ProperDocs 1.6.7 builds the project's site byte for byte as MkDocs 1.6.1 does.

MkDocs 1.6.1 is the last 1.x release and its 2.0 has no plugin system; ProperDocs continues 1.x as a drop-in
(it answers ``import mkdocs.*`` with its own modules and runs ``mkdocs.plugins`` entry points). Same Material,
same static-i18n, same newsroom plugin: the day the site moves to ProperDocs, nothing a reader gets may change.
The MkDocs side is the session's ``built_site``, so this costs one extra build (about 3 s).
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from newsroom.engine_ledger import MATERIAL_PAGE_ASSETS

from tests.conftest import ROOT

# Material writes the engine's name into a generator meta unless `extra.generator: false` (this site sets it).
# Material's fingerprinted bundle and stylesheets, as a page names them.
MATERIAL_ASSET = re.compile(r"assets/(?:javascripts/bundle|stylesheets/(?:main|palette))\.[0-9a-f]+\.min\.(?:js|css)")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def differing_files(first: Path, second: Path, files: list[str]) -> list[str]:
    """Files whose bytes differ, once a generator meta naming the engine is taken out of both."""
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    return [
        name
        for name in mismatch + errors
        if not ((first / name).is_file() and (second / name).is_file())
        or GENERATOR.sub(b"", (first / name).read_bytes()) != GENERATOR.sub(b"", (second / name).read_bytes())
    ]


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("properdocs-site")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        cwd=ROOT,
    )
    if result.returncode != 0:
        pytest.fail(f"properdocs build failed:\n{result.stdout}\n{result.stderr}")
    return out


def test_properdocs_is_the_engine_it_claims() -> None:
    # ProperDocs' command imports properdocs.replacement: every `import mkdocs…` of the plugins is then ProperDocs,
    # and the newsroom plugin checks ProperDocs' pin, not MkDocs'.
    probe = (
        "import properdocs.replacement, mkdocs.plugins, newsroom.engine_ledger as ledger; "
        "print(mkdocs.plugins.__name__, ledger.running_engine())"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["properdocs.plugins", "properdocs"]


def test_same_files(built_site: Path, properdocs_site: Path) -> None:
    assert _tree(properdocs_site) == _tree(built_site)


def test_same_bytes(built_site: Path, properdocs_site: Path) -> None:
    files = sorted(_tree(built_site))
    assert len(files) > 100
    assert differing_files(built_site, properdocs_site, files) == []


def test_a_differing_byte_is_found(tmp_path: Path) -> None:
    # The comparison is not blind: a changed byte counts, a differing generator name does not.
    first, second = tmp_path / "a", tmp_path / "b"
    for root, engine in ((first, b"mkdocs-1.6.1"), (second, b"properdocs-1.6.7")):
        root.mkdir()
        (root / "index.html").write_bytes(b'<head><meta name="generator" content="' + engine + b'"></head>')
        (root / "page.html").write_bytes(b"<p>" + engine[:1] + b"</p>")
    assert differing_files(first, second, ["index.html", "page.html"]) == ["page.html"]


def test_ci_compares_the_engines_on_both_pythons() -> None:
    # The check workflow runs the whole suite on the lock's Python and on Debian's own 3.13, and runs this file
    # as its own step, so a pull request shows "same site from both engines" by name.
    workflow = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["check"]
    images = {entry["python"]: entry["image"] for entry in job["strategy"]["matrix"]["include"]}
    assert images == {"3.11": "python:3.11.7-bookworm", "3.13": "debian:trixie"}
    assert job["container"]["image"] == "${{ matrix.image }}"
    runs = [step.get("run", "") for step in job["steps"]]
    assert ".venv/bin/pytest tests/build/test_engines.py" in runs
    assert any("apt-get install" in run and "python3-venv" in run for run in runs)
    assert "--python-version 3.13" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_pages_load_only_the_audited_material_assets(built_site: Path) -> None:
    # Material's end of life leaves its bundle in every published page: each page loads the audited files, no other.
    loaded: set[str] = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loaded |= set(
            re.findall(r"assets/(?:javascripts/bundle|stylesheets/(?:main|palette))\.[0-9a-f]+\.min\.(?:js|css)", html)
        )
    assert loaded == set(MATERIAL_PAGE_ASSETS)
    for path, sha256 in MATERIAL_PAGE_ASSETS.items():
        assert hashlib.sha256((built_site / path).read_bytes()).hexdigest() == sha256, path

"""The publish schedule's due-check: a build only when an embargo lifted since the last publication."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom.commands import due
from newsroom.model import pages

from tests.check.helpers import make_docs, release_meta, write_page
from tests.conftest import ROOT, served

LIFT = dt.datetime(2025, 2, 3, 6, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = make_docs(tmp_path / "docs")
    meta = release_meta(
        "ko", slug="held", translation_key="2025-02-03-held", languages=["ko"], embargo_until=LIFT.isoformat()
    )
    write_page(docs / "ko/news/2025/held.md", pages.join(meta, "천안시는 3일 발표했다.\n"))
    return docs


def test_due_only_once_the_embargo_lifted_after_the_last_publication(docs: Path) -> None:
    held = ("ko/news/2025/held.md", LIFT)
    assert due.embargoes_passed(docs, since=LIFT - SECOND * 600, now=LIFT - SECOND) == []
    assert due.embargoes_passed(docs, since=LIFT - SECOND * 600, now=LIFT) == [held]
    # Published by a build at or after the lift: nothing more to do.
    assert due.embargoes_passed(docs, since=LIFT, now=LIFT + SECOND * 600) == []
    assert due.embargoes_passed(docs, since=None, now=LIFT) == [held]


def _due(docs: Path, *args: str, now: dt.datetime) -> tuple[str, str]:
    env = {**os.environ, "NEWSROOM_NOW": now.isoformat()}
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.due", "--docs", str(docs), *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout.strip(), result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "published"
    folder.mkdir()
    with served(folder) as url:
        yield url, folder


def test_the_record_is_read_from_the_published_site(docs: Path, site: tuple[str, Path]) -> None:
    url, folder = site
    # No record online (first publication, or another host): build.
    assert _due(docs, "--site-url", url, now=LIFT - SECOND)[0] == "due=true"
    (folder / due.RECORD_NAME).write_text((LIFT - SECOND * 300).isoformat() + "\n", encoding="ascii")
    assert _due(docs, "--site-url", url, now=LIFT - SECOND)[0] == "due=false"
    output, reason = _due(docs, "--site-url", url, now=LIFT)
    assert output == "due=true" and "ko/news/2025/held.md" in reason
    (folder / due.RECORD_NAME).write_text(LIFT.isoformat(), encoding="ascii")
    assert _due(docs, "--site-url", url, now=LIFT + SECOND * 600)[0] == "due=false"
    # A record that is not a moment counts as none.
    (folder / due.RECORD_NAME).write_text("<html>not found</html>", encoding="ascii")
    assert _due(docs, "--site-url", url, now=LIFT + SECOND * 600)[0] == "due=true"


def test_needs_only_the_packages_it_installs(docs: Path) -> None:
    # The workflow installs DUE_PACKAGES and nothing else: anything more imported would fail there.
    allowed = {"yaml", "_yaml", "pydantic", "pydantic_core", "annotated_types", "typing_extensions"}
    allowed |= {"typing_inspection", "babel", "newsroom"}
    # Modules from site-packages that running the check loaded (the interpreter's own start-up excluded).
    probe = (
        "import sys, runpy; before = set(sys.modules)\n"
        "sys.argv = ['due', '--docs', sys.argv[1], '--since', '2025-02-03T06:00:00+00:00']\n"
        "try:\n    runpy.run_module('newsroom.commands.due', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "new = [(n, str(getattr(m, '__file__', ''))) for n, m in sys.modules.items() if n not in before]\n"
        "loaded = {n for n, file in new if 'site-packages' in file}\n"
        "print(' '.join(sorted({n.split('.')[0] for n in loaded})))"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(docs)], capture_output=True, text=True, check=True)
    imported = set(result.stdout.splitlines()[-1].split())
    assert "pydantic" in imported and "yaml" in imported  # the probe saw the check's imports
    assert imported - allowed == set()
    pinned = due.requirements(ROOT / "requirements.lock")
    names = {line.split("==")[0] for line in pinned.splitlines() if "==" in line}
    assert names == set(due.DUE_PACKAGES)
    assert "--hash=sha256:" in pinned

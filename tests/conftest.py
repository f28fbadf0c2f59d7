"""Fixtures shared by every test folder: the real site, built once per session, served, and a browser."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.sites import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


# What makes a test slow: a whole site built with MkDocs. `make unit` runs everything else (-m "not build").
# A test is a build test when it lives in a folder of built-site tests, uses a fixture that builds, or its
# module says so (pytestmark = pytest.mark.build); tests/test_markers.py keeps this list honest.
BUILD_FOLDERS = frozenset({"site", "build", "browser"})
BUILD_FIXTURES = frozenset({"built_site", "site_url", "record_site", "paged_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(str(item.path)).relative_to(ROOT / "tests").parts[0]
        if folder in BUILD_FOLDERS or BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(autouse=True)
def _outside_github_event(monkeypatch: pytest.MonkeyPatch) -> None:
    # Run in GitHub Actions on a public repository, `newsroom check` refuses embargoed releases (the leak guard):
    # the tests' own pages are not the repository's, so each test decides the event it runs under.
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT / "mkdocs.yml", out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve a folder on a free loopback port; yields the base URL (ending in '/'). The one loopback server of the
    tests and benchmarks (``served`` in a ``with``)."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


served = contextmanager(serve)


@pytest.fixture(scope="session")
def record_site() -> Iterator[Any]:
    """A small site with a release corrected, withdrawn, moved and in Korean only (tests/site/record_site.py)."""
    from tests.site.record_site import build_record_site

    # Not pytest's tmp_path: concurrent pytest sessions prune each other's numbered temp folders.
    with tempfile.TemporaryDirectory(prefix="newsroom-record-") as temp:
        yield build_record_site(Path(temp))


@pytest.fixture(scope="session")
def paged_site() -> Iterator[Path]:
    """The project's site with 130 synthetic releases a language: listings with numbered pages, for the gates
    (axe, KWCAG, Nu) on the pagination row that the project's own few releases never show."""
    from tests.sites import site_project

    with tempfile.TemporaryDirectory(prefix="newsroom-paged-") as temp:
        config = site_project(Path(temp) / "src", 130, seed=7, ko_only=2, en_only=2)
        mkdocs_build(config, Path(temp) / "site", {"NEWSROOM_NOW": "2026-03-02T09:00:00+09:00"})
        yield Path(temp) / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (which never downloads a browser here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: 'make test' installs it (scripts/install-debian.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

"""`make unit` leaves out exactly the slow tests: every test module that builds a whole site is marked `build`."""

from __future__ import annotations

import re

import pytest

from tests.conftest import BUILD_FOLDERS, ROOT

# What builds a whole site: MkDocs run on a project, the parallel build, a preview. (A test that uses one of the
# shared built sites through a fixture, BUILD_FIXTURES, is marked by conftest.py itself.)
BUILDS = re.compile(
    r"mkdocs_build\(|corpus_site\(|build_preview\(|build_record_site\(|newsroom\.build|\"mkdocs\", \"build\""
    r"|NEWSROOM, \"preview\""
)
MARKED = re.compile(r"pytest\.mark\.(build|browser)\b")


def unmarked_build_modules() -> list[str]:
    found = []
    for module in sorted((ROOT / "tests").rglob("test_*.py")):
        relative = module.relative_to(ROOT / "tests")
        if relative.parts[0] in BUILD_FOLDERS or relative.name == "test_markers.py":
            continue
        text = module.read_text(encoding="utf-8")
        if BUILDS.search(text) and not MARKED.search(text):
            found.append(relative.as_posix())
    return found


def test_every_module_that_builds_a_site_is_marked() -> None:
    assert unmarked_build_modules() == []


def test_a_test_using_a_built_site_is_marked_build(request: pytest.FixtureRequest) -> None:
    from tests.conftest import BUILD_FIXTURES

    assert {"built_site", "site_url", "record_site"} <= BUILD_FIXTURES
    assert request.node.get_closest_marker("build") is None  # this test builds nothing


def test_test_sites_come_from_the_one_factory() -> None:
    # tests/sites.py is where a test site is made; the synthetic generator is imported nowhere else in tests/.
    importers = sorted(
        module.relative_to(ROOT / "tests").as_posix()
        for module in (ROOT / "tests").rglob("*.py")
        if re.search(r"^\s*(from|import) benchmarks\.synthetic\b", module.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert importers == ["sites.py"]

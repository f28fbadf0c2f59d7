"""The W3C Nu HTML checker (npm ``vnu-jar``, the validator a KWCAG 2.2 certifier uses) on every built page.

KWCAG 2.2 8.1.1 (markup error prevention) counts duplicate ids, duplicate attributes and misnested or
unclosed elements; the site goes further and keeps the checker at zero errors of any kind on every page the
build writes, except the web editor at /admin/ (Sveltia CMS's own page, not built from these templates), and on
the record site's releases (corrected, withdrawn, moved, Korean only).
All pages go through one Java process (the checker takes many files), with one deliberately broken page
beside them so that the same run shows the checker finds what 8.1.1 counts.

Material's markup the checker rejected (148 errors on 36 pages) is fixed where it is written: the
partials nav-item.html and toc.html in overrides/partials/ (copies of Material's with the changes below,
checked against the installed Material here) and, for base.html's body, newsroom/site/markup.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EXCLUDED = ("admin/",)
BROKEN_PAGE = (
    "<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'><title>t</title></head><body><main>"
    "<p id='a'>one</p><p id='a'>two</p><ul><div>not a list item</div></ul>"
    "<p><a href='/'>outer <a href='/x'>inner</a></a></p><p><em><strong>crossed</em></strong></p>"
    "</main></body></html>"
)

# Material's partials as overridden: (Material's text, the project's) in order; the override is Material's
# file with these replacements and a leading comment, nothing else.
PARTIAL_CHANGES: dict[str, list[tuple[str, str]]] = {
    # navigation.sections: a section label that is not focusable got tabindex="" (not an integer).
    "nav-item.html": [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    # navigation.indexes and pages outside the nav: no __toc toggle, so the title's for= pointed at nothing.
    "toc.html": [
        (
            '{% set title = lang.t("toc") %}',
            "{% set toc_toggled = page in nav.pages and not (\n"
            '  "navigation.indexes" in config.theme.features and page.is_index and page.parent) %}\n'
            '{% set title = lang.t("toc") %}',
        ),
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if toc_toggled %} for="__toc"{% endif %}>',
        ),
    ],
}


@cache
def nu_messages(files: tuple[Path, ...]) -> list[dict[str, Any]]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: 'make test' installs it (scripts/install-debian.sh)")
    if not VNU.is_file():
        pytest.fail("node_modules/vnu-jar is missing: run 'make test' (it runs npm ci)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return list(json.loads(result.stdout)["messages"])
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu checker did not run (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def checked_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if not path.relative_to(site).as_posix().startswith(EXCLUDED))


def paged_listings(site: Path) -> list[Path]:
    """The landing pages and the first three numbered pages of each listing: every shape the pagination row takes."""
    shape = re.compile(r"(en/)?news/(\d{4}/|(topics|kinds)/[^/]+/)?(page/[123]/)?index\.html")
    return sorted(path for path in site.rglob("index.html") if shape.fullmatch(path.relative_to(site).as_posix()))


@pytest.fixture(scope="module")
def nu_run(
    built_site: Path, record_site: Any, paged_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Path], Path]:
    """The project's site, the small site whose releases are corrected, withdrawn, moved (redirect pages)
    and in Korean only, so that every state a release page can be in is checked too, and listing pages with
    numbered pages (the project's own few releases fit on one)."""
    broken = tmp_path_factory.mktemp("nu") / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    return checked_pages(built_site) + checked_pages(record_site.out) + paged_listings(paged_site), broken


def message_file(message: dict[str, Any]) -> Path | None:
    """The file a message is about (the checker writes file:/path, not file:///path)."""
    url = urlsplit(str(message.get("url", "")))
    return Path(unquote(url.path)).resolve() if url.scheme == "file" else None


def errors_in(path: Path, messages: list[dict[str, Any]]) -> list[str]:
    return [
        f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message['message']}"
        for message in messages
        if message_file(message) == path.resolve()
    ]


def test_every_built_page_has_no_nu_error(nu_run: tuple[list[Path], Path], built_site: Path, record_site: Any) -> None:
    pages, broken = nu_run
    assert len(checked_pages(built_site)) >= 30, "the build has fewer pages than the site's navigation and news"
    assert len(pages) > len(checked_pages(built_site)), "the record site's pages are missing"
    assert any(page.as_posix().endswith("en/news/page/3/index.html") for page in pages), "no numbered listing page"
    messages = nu_messages((*pages, broken))
    known = {path.resolve() for path in (*pages, broken)}
    stray = [message for message in messages if message_file(message) not in known]
    assert stray == [], "the checker reported something not tied to a checked file (could not read a page?)"
    found = {_shown(page, built_site, record_site.out): errors_in(page, messages) for page in pages}
    assert {page: errors for page, errors in found.items() if errors} == {}


def _shown(page: Path, site: Path, record: Path) -> str:
    if page.is_relative_to(site):
        return page.relative_to(site).as_posix()
    if page.is_relative_to(record):
        return "record site: " + page.relative_to(record).as_posix()
    return "paged site: " + page.as_posix()


def test_the_same_run_finds_duplicate_ids_and_misnesting(nu_run: tuple[list[Path], Path]) -> None:
    pages, broken = nu_run
    errors = "\n".join(errors_in(broken, nu_messages((*pages, broken))))
    assert re.search(r"Duplicate ID “a”", errors), errors
    assert re.search(r"Element “div” not allowed as child of element “ul”", errors), errors
    assert re.search(r"Start tag “a” seen but an element of the same type was already open", errors), errors
    assert re.search(r"End tag “em” violates nesting rules", errors), errors


def test_the_checker_skips_only_the_web_editor(built_site: Path) -> None:
    skipped = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")} - {
        p.relative_to(built_site).as_posix() for p in checked_pages(built_site)
    }
    assert skipped and all(path.startswith("admin/") for path in skipped), skipped


@pytest.mark.parametrize("name", sorted(PARTIAL_CHANGES))
def test_overridden_partial_is_materials_own_with_the_listed_changes(name: str) -> None:
    """Fails when Material's partial changes (an upgrade): re-copy it and re-apply PARTIAL_CHANGES."""
    text = (Path(material.__file__).parent / "templates" / "partials" / name).read_text(encoding="utf-8")
    for old, new in PARTIAL_CHANGES[name]:
        assert old in text, f"Material's partials/{name} no longer holds {old!r}: review the override"
        text = text.replace(old, new)
    ours = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")
    leading_comment = re.match(r"\{#-.*?-#\}\n", ours, re.DOTALL)
    assert leading_comment, f"overrides/partials/{name} should start with a comment saying why it exists"
    assert ours[leading_comment.end() :] == text

"""HTML validity of every built page, with html-validate (npm, pinned in package-lock.json).

The preset is ``html-validate:standard``: the spec checks (duplicate ids, content models and nesting,
attributes, unclosed or stray elements) without the stylistic rules of ``recommended``; accessibility
is the axe-core gate's job (tests/browser/test_accessibility.py), and the W3C Nu checker's verdict is
tests/site/test_nu_valid.py. The rule changes in .htmlvalidate.json are for markup Material writes and the
project cannot change without copying Material's templates; each is justified in RULE_CHANGES below, and
KNOWN_MATERIAL_MESSAGES lists single messages let through.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".htmlvalidate.json"
RUNNER = Path(__file__).with_name("html_validate.mjs")

RULE_CHANGES = {
    # Material's ids start with "__" (__drawer, __search, __palette_0, __nav_2): valid HTML5 ids (any
    # non-empty string without spaces); the strict mode of the rule only wants a style of id.
    "valid-id": "relaxed: HTML5 validity only; Material's ids start with underscores",
}

# (rule, message, selector) patterns for single Material messages let through; everything else fails the test.
# None left: Material's autocomplete on checkbox toggles and tabindex="" on section labels are fixed where they
# are written (newsroom/site/markup.py, overrides/partials/nav-item.html; tests/site/test_nu_valid.py).
KNOWN_MATERIAL_MESSAGES: list[tuple[str, str, str]] = []


def validate(files: list[Path]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Node.js, then 'make test' installs html-validate (npm ci)")
    if not (ROOT / "node_modules" / "html-validate").is_dir():
        pytest.fail("node_modules/html-validate is missing: run 'make test' (it runs npm ci)")
    result = subprocess.run(
        [node, str(RUNNER), str(CONFIG), *map(str, files)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"html-validate did not run:\n{result.stderr}")
    return json.loads(result.stdout)


def problems(results: list[dict[str, Any]], base: Path) -> list[str]:
    found = []
    for result in results:
        path = Path(result["filePath"]).relative_to(base).as_posix()
        for message in result["messages"]:
            if _known(message):
                continue
            found.append(f"{path}:{message['line']}:{message['column']}: {message['ruleId']}: {message['message']}")
    return found


def _known(message: dict[str, Any]) -> bool:
    return any(
        message["ruleId"] == rule
        and re.search(text, message["message"])
        and re.search(selector, message.get("selector") or "")
        for rule, text, selector in KNOWN_MATERIAL_MESSAGES
    )


def test_every_built_page_is_valid_html(built_site: Path) -> None:
    files = sorted(built_site.rglob("*.html"))
    assert len(files) >= 20, "the build has fewer pages than the site's own navigation"
    assert problems(validate(files), built_site) == []


def test_rule_changes_are_justified() -> None:
    config = json.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["extends"] == ["html-validate:standard"]
    assert set(config.get("rules", {})) == set(RULE_CHANGES)


def test_duplicate_ids_and_bad_nesting_are_caught(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html lang='ko'><head><title>t</title></head><body>"
        "<main><p id='a'>one</p><p id='a'>two</p><ul><div>not a list item</div></ul>"
        "<a href='/'>outer <a href='/x'>inner</a></a></main></body></html>",
        encoding="utf-8",
    )
    rules = {line.split(": ")[1] for line in problems(validate([page]), tmp_path)}
    assert {"no-dup-id", "element-permitted-content"} <= rules, rules

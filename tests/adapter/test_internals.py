"""Every private or undocumented engine touchpoint is recorded in the engine ledger, and used nowhere else.

The scan reads the package's source (not the tests'): no module may reach a private attribute (``x._name`` on
anything but ``self``/``cls``), read or set the attributes static-i18n and Jinja keep undocumented, bypass a class
with ``dict.__setitem__``, or assign to an attribute of an engine module, unless the ledger
(``newsroom/engine_ledger.py``) names that file and that attribute. The site's own JavaScript, templates and
stylesheets are scanned the same way for what they assume of Material's bundle and markup.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import re
from pathlib import Path

import pytest
from newsroom import engine_ledger
from newsroom.engine_ledger import TOUCHPOINTS
from newsroom.mkdocs_adapter import internals

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "newsroom"
ENGINES = ("mkdocs", "material", "mkdocs_static_i18n", "jinja2", "markdown", "docx")
# Attributes static-i18n puts on files, config and itself, and Jinja's compiled render function.
UNDOCUMENTED = frozenset(
    {
        "locale",
        "localization",
        "locale_alternate_of",
        "norm_src_uri",
        "alternates",
        "current_language",
        "building",
        "extra_alternate",
        "root_render_func",
    }
)
BYPASSES = frozenset({"__setitem__", "__setattr__", "__getattribute__", "__dict__"})
# What the site's scripts, templates and stylesheets may assume of Material's bundle only where the ledger says so:
# a browser prototype replaced, Material's private element ids (#__search, #__drawer), its component hooks and
# its class names.
FRONT_END_TOUCHES = re.compile(
    r"\.prototype\.\w+\s*=|getElementById\(\s*[\"']__|for=\"__|\bdata-md-|"
    r"class(?:Name)?\s*=\s*\"[^\"]*\bmd-|^\s*\.md-[a-z]|[\s,>+~]\.md-[a-z]",
    re.MULTILINE,
)
FRONT_END_FILES = ("docs/assets/javascripts/*.js", "overrides/**/*.html", "docs/assets/css/*.css")


def _imported_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names bound by imports of an engine, and by imports of anything else (the standard library, newsroom)."""
    engines: set[str] = set()
    others: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                (engines if alias.name.startswith(ENGINES) else others).add(bound)
        elif isinstance(node, ast.ImportFrom):
            bound_names = {alias.asname or alias.name for alias in node.names}
            (engines if (node.module or "").startswith(ENGINES) else others).update(bound_names)
    return engines, others


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def touched_attributes(source: str) -> list[tuple[int, str, str]]:
    """``(line, attribute, what)`` for each engine touchpoint in one module's source."""
    tree = ast.parse(source)
    engine_names, other_modules = _imported_names(tree)
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            private = node.attr.startswith("_") and not node.attr.endswith("__")
            if private and owner not in ("self", "cls") and owner not in other_modules:
                found.append((node.lineno, node.attr, "private attribute"))
            elif node.attr in UNDOCUMENTED or node.attr in BYPASSES:
                found.append((node.lineno, node.attr, "undocumented attribute"))
            elif isinstance(node.ctx, ast.Store) and _root(node) in engine_names:
                found.append((node.lineno, node.attr, f"assigns to {_root(node)}…"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) >= 2:
            attribute = node.args[1]
            reflective = node.func.id in ("getattr", "setattr", "hasattr")
            if reflective and isinstance(attribute, ast.Constant) and attribute.value in UNDOCUMENTED:
                found.append((node.lineno, str(attribute.value), f"{node.func.id}(…)"))
    return found


def touchpoints_in(source: str, name: str) -> list[str]:
    """``file:line: what .attribute`` for each engine touchpoint in one module's source."""
    return [f"{name}:{line}: {what} .{attribute}" for line, attribute, what in touched_attributes(source)]


def _recorded(file: str, attribute: str) -> bool:
    """The ledger names this file and, in what it says is relied on there, this attribute."""
    word = re.compile(rf"(?<![\w]){re.escape(attribute)}(?![\w])")
    return any(point.file == file and word.search(point.what) for point in TOUCHPOINTS)


def test_every_touchpoint_in_the_package_is_in_the_ledger() -> None:
    unrecorded: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        file = path.relative_to(ROOT).as_posix()
        for line, attribute, what in touched_attributes(path.read_text(encoding="utf-8")):
            if not _recorded(file, attribute):
                unrecorded.append(f"{file}:{line}: {what} .{attribute}")
    assert unrecorded == []


def test_touchpoints_live_in_two_files_only() -> None:
    # The adapter's patches for one build, and the readers' python-docx accessors on the ground floor.
    python_files = {point.file for point in TOUCHPOINTS if point.file.endswith(".py")}
    assert python_files == {engine_ledger.INTERNALS, engine_ledger.LEDGER}


def test_the_front_end_assumes_of_material_only_what_the_ledger_records() -> None:
    named = " ".join(f"{point.file} {point.where}" for point in TOUCHPOINTS)
    unrecorded = [
        path.relative_to(ROOT).as_posix()
        for pattern in FRONT_END_FILES
        for path in sorted(ROOT.glob(pattern))
        if FRONT_END_TOUCHES.search(path.read_text(encoding="utf-8")) and path.relative_to(ROOT).as_posix() not in named
    ]
    assert unrecorded == []
    # The scan is not blind: the files the ledger names for Material's bundle are found by it.
    found = {
        path.relative_to(ROOT).as_posix()
        for pattern in FRONT_END_FILES
        for path in ROOT.glob(pattern)
        if FRONT_END_TOUCHES.search(path.read_text(encoding="utf-8"))
    }
    assert {"docs/assets/javascripts/alternate-lookups.js", "docs/assets/javascripts/search.js"} <= found


def test_every_file_the_ledger_names_exists() -> None:
    assert [point.file for point in TOUCHPOINTS if not (ROOT / point.file).is_file()] == []


@pytest.mark.parametrize(
    "source",
    [
        "from mkdocs.structure import pages\nx = pages._RawHTMLPreprocessor()\n",
        "def f(file):\n    return file.alternates\n",
        "def f(file):\n    return getattr(file, 'locale', None)\n",
        "def f(config, slot):\n    dict.__setitem__(config.plugins, 'x', slot)\n",
        "from mkdocs.structure import pages\npages.Page.render = None\n",
        "def f(cell):\n    return cell._tc\n",
    ],
)
def test_the_scan_finds_a_touchpoint(source: str) -> None:
    assert touchpoints_in(source, "x.py")


@pytest.mark.parametrize(
    "source",
    [
        "XMLHttpRequest.prototype.open = function () {};",
        'const toggle = document.getElementById("__search");',
        '<label class="md-search__icon md-icon" for="__search"></label>',
        ".md-typeset h1 { color: red; }",
    ],
)
def test_the_front_end_scan_finds_a_touchpoint(source: str) -> None:
    assert FRONT_END_TOUCHES.search(source)


def test_a_touchpoint_in_an_unrecorded_place_is_unrecorded() -> None:
    assert _recorded(engine_ledger.LEDGER, "_tc")
    assert not _recorded("scripts/newsroom/read/docx.py", "_tc")
    assert not _recorded(engine_ledger.INTERNALS, "_tc")


def test_the_ledger_and_internals_hold_the_touchpoints() -> None:
    # The scan is not blind: run on the two files, it finds what they are there for.
    internals_source = (ROOT / engine_ledger.INTERNALS).read_text(encoding="utf-8")
    found = "\n".join(touchpoints_in(internals_source, "internals.py"))
    for what in ("._RawHTMLPreprocessor", ".root_render_func", ".current_language", ".alternates"):
        assert what in found
    ledger_source = (ROOT / engine_ledger.LEDGER).read_text(encoding="utf-8")
    assert "._tc" in "\n".join(touchpoints_in(ledger_source, "engine_ledger.py"))


def test_each_touchpoint_function_is_named_with_its_reason() -> None:
    named = " ".join(point.where for point in TOUCHPOINTS)
    helpers = {"installed_versions", "version_problems", "check_versions", "running_engine", "page_class"}
    for module in (internals, engine_ledger):
        functions = [
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
        ]
        assert [name for name in functions if name not in helpers and name not in named] == []
    assert all(point.why and point.package in engine_ledger.PINNED for point in TOUCHPOINTS)


def test_the_pins_are_the_locked_versions() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    for package, version in engine_ledger.PINNED.items():
        assert re.search(rf"^{re.escape(package.lower())}=={re.escape(version)}\b", lock, re.MULTILINE), package


def test_a_version_mismatch_names_what_to_review() -> None:
    installed = {**engine_ledger.PINNED, "mkdocs-static-i18n": "1.4.0"}
    (problem,) = engine_ledger.version_problems(installed)
    assert problem.startswith("mkdocs-static-i18n is 1.4.0, the newsroom adapter was checked against 1.3.1")
    assert "plugin.current_language" in problem and "mkdocs_adapter/internals.py" in problem
    assert "engine_ledger.py" in problem
    assert engine_ledger.version_problems(dict(engine_ledger.PINNED)) == []


def test_only_the_running_build_engine_counts() -> None:
    # ProperDocs may be absent when MkDocs runs; under ProperDocs, MkDocs' own version does not matter.
    assert engine_ledger.version_problems({**engine_ledger.PINNED, "properdocs": None}, "mkdocs") == []
    assert engine_ledger.version_problems({**engine_ledger.PINNED, "mkdocs": "2.0.0"}, "properdocs") == []
    (problem,) = engine_ledger.version_problems({**engine_ledger.PINNED, "properdocs": "1.7.0"}, "properdocs")
    assert problem.startswith("properdocs is 1.7.0") and "replacement.py" in problem


def test_the_ledger_is_the_ground_floor() -> None:
    # Below every layer: it imports nothing of the project and no engine, so the readers may use it.
    tree = ast.parse((ROOT / engine_ledger.LEDGER).read_text(encoding="utf-8"))
    imported = [
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert [name for name in imported if name.startswith(("newsroom", *ENGINES))] == []


def test_patches_are_put_back_newest_first() -> None:
    class Owner:
        value = "original"

    patches = internals.Patches()
    patches.replace(Owner, "value", "first")
    patches.replace(Owner, "value", "second")
    assert Owner.value == "second"
    patches.restore()
    assert Owner.value == "original" and len(patches) == 0


def test_no_reader_or_parser_imports_the_adapter() -> None:
    for folder in ("read", "parse"):
        for path in (PACKAGE / folder).rglob("*.py"):
            assert "mkdocs_adapter" not in Path(path).read_text(encoding="utf-8"), path


def test_material_ships_the_audited_page_assets() -> None:
    # The files every page loads from Material are the bytes that were read; another build of the theme stops here.
    from importlib.resources import files

    theme = files("material") / "templates"
    for path, sha256 in engine_ledger.MATERIAL_PAGE_ASSETS.items():
        assert hashlib.sha256((theme / path).read_bytes()).hexdigest() == sha256, path

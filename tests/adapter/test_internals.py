"""Every private or undocumented engine touchpoint lives in mkdocs_adapter/internals.py, and nowhere else.

The scan reads the package's source (not the tests'): outside internals.py no module may reach a private
attribute (``x._name`` on anything but ``self``/``cls``), read or set the attributes static-i18n and Jinja
keep undocumented, bypass a class with ``dict.__setitem__``, or assign to an attribute of an engine module.
"""

from __future__ import annotations

import ast
import inspect
import re

import pytest
from newsroom.mkdocs_adapter import internals

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "newsroom"
INTERNALS = PACKAGE / "mkdocs_adapter" / "internals.py"
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


def touchpoints_in(source: str, name: str) -> list[str]:
    """``file:line: what`` for each engine touchpoint in one module's source."""
    tree = ast.parse(source)
    engine_names, other_modules = _imported_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            private = node.attr.startswith("_") and not node.attr.endswith("__")
            if private and owner not in ("self", "cls") and owner not in other_modules:
                found.append(f"{name}:{node.lineno}: private attribute .{node.attr}")
            elif node.attr in UNDOCUMENTED or node.attr in BYPASSES:
                found.append(f"{name}:{node.lineno}: undocumented .{node.attr}")
            elif isinstance(node.ctx, ast.Store) and _root(node) in engine_names:
                found.append(f"{name}:{node.lineno}: assigns {_root(node)}….{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) >= 2:
            attribute = node.args[1]
            reflective = node.func.id in ("getattr", "setattr", "hasattr")
            if reflective and isinstance(attribute, ast.Constant) and attribute.value in UNDOCUMENTED:
                found.append(f"{name}:{node.lineno}: {node.func.id}(…, {attribute.value!r})")
    return found


def test_no_touchpoint_outside_internals() -> None:
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != INTERNALS:
            found += touchpoints_in(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert found == []


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


def test_internals_itself_holds_the_touchpoints() -> None:
    # The scan is not blind: run on internals.py, it finds what internals.py is there for.
    found = "\n".join(touchpoints_in(INTERNALS.read_text(encoding="utf-8"), "internals.py"))
    for what in ("._RawHTMLPreprocessor", ".root_render_func", ".current_language", ".alternates", "._tc"):
        assert what in found


def test_each_touchpoint_function_is_named_with_its_reason() -> None:
    named = " ".join(point.where for point in internals.TOUCHPOINTS)
    functions = [
        name
        for name, value in vars(internals).items()
        if inspect.isfunction(value) and value.__module__ == internals.__name__ and not name.startswith("_")
    ]
    helpers = {"installed_versions", "version_problems", "check_versions", "page_class"}
    assert [name for name in functions if name not in helpers and name not in named] == []
    assert all(point.why and point.package in internals.PINNED for point in internals.TOUCHPOINTS)


def test_the_pins_are_the_locked_versions() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    for package, version in internals.PINNED.items():
        assert re.search(rf"^{re.escape(package.lower())}=={re.escape(version)}\b", lock, re.MULTILINE), package


def test_a_version_mismatch_names_what_to_review() -> None:
    installed = {**internals.PINNED, "mkdocs-static-i18n": "1.4.0"}
    (problem,) = internals.version_problems(installed)
    assert problem.startswith("mkdocs-static-i18n is 1.4.0, the newsroom adapter was checked against 1.3.1")
    assert "plugin.current_language" in problem and "internals.py" in problem
    assert internals.version_problems(dict(internals.PINNED)) == []


def test_patches_are_put_back_newest_first() -> None:
    class Owner:
        value = "original"

    patches = internals.Patches()
    patches.replace(Owner, "value", "first")
    patches.replace(Owner, "value", "second")
    assert Owner.value == "second"
    patches.restore()
    assert Owner.value == "original" and len(patches) == 0

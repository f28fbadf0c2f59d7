"""Names that say one thing: no two public classes or functions in scripts/newsroom/ share a name."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "newsroom"


def public_names(package: Path) -> dict[str, list[str]]:
    """Every module-level public class and function, by name, with the modules that define it."""
    found: dict[str, list[str]] = defaultdict(list)
    for module in sorted(package.rglob("*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            public = not node.name.startswith("_") if hasattr(node, "name") else False
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and public:
                found[node.name].append(module.relative_to(package).as_posix())
    return found


def clashes(package: Path) -> dict[str, list[str]]:
    return {name: modules for name, modules in public_names(package).items() if len(modules) > 1}


def test_no_two_public_names_are_the_same() -> None:
    assert clashes(PACKAGE) == {}


def test_a_clash_is_found(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("class Document: ...\ndef _private(): ...\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.py").write_text("def Document(): ...\ndef _private(): ...\n", encoding="utf-8")
    assert clashes(tmp_path) == {"Document": ["a.py", "b/c.py"]}

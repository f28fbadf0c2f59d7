"""No import arrow from a lower layer to a higher one, with ARCHITECTURE.md's layer table as the data.

The table lists the layers from the ground floor up, each with its folder (``read/``, ``site/``…) or, for the few
loose modules at the top of the package, its modules (``messages.py``…), relative to ``scripts/newsroom/``. Every
module of the package must be named by one row, and may import only from its own row and the rows before it.
Every import counts: at the top, inside a function, or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "newsroom"
ARCHITECTURE = ROOT / "ARCHITECTURE.md"


@dataclass(frozen=True)
class Layer:
    name: str
    modules: tuple[str, ...]  # files (``model.py``) and folders (``read/``) of scripts/newsroom/, or of the repository


def layers_of(architecture: str) -> list[Layer]:
    """The rows of the table under ``## Layers``, ground floor first."""
    section = architecture.split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header, _separator, *body = rows
    assert header.replace(" ", "").startswith("|layer|modules|"), header
    layers = []
    for row in body:
        name, modules = (cell.strip() for cell in row.strip("|").split("|")[:2])
        layers.append(Layer(name, tuple(re.findall(r"`([^`]+)`", modules))))
    return layers


def layer_index(layers: list[Layer], module: str) -> int | None:
    """The row naming a module (its path below scripts/newsroom/), by a file entry or a folder entry."""
    for index, layer in enumerate(layers):
        for entry in layer.modules:
            if module == entry or (entry.endswith("/") and module.startswith(entry)):
                return index
    return None


def module_file(name: str, package: Path) -> str | None:
    """``newsroom.read.docx`` → ``read/docx.py`` (or ``…/__init__.py``); None when no such file exists."""
    parts = name.split(".")[1:]
    for candidate in (Path(*parts).with_suffix(".py") if parts else None, Path(*parts, "__init__.py")):
        if candidate is not None and (package / candidate).is_file():
            return candidate.as_posix()
    return None


def imports_of(source: str, module: str, package: Path) -> list[tuple[int, str]]:
    """``(line, imported file)`` for each import of the package in one module (``module`` below scripts/newsroom/)."""
    found: list[tuple[int, str]] = []
    own_package = ["newsroom", *Path(module).parent.parts]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*own_package[: len(own_package) - node.level + 1], *([base] if base else [])])
            # `from newsroom import messages` imports a module; `from newsroom.model.release import X` imports from one.
            names = [
                f"{base}.{alias.name}" if module_file(f"{base}.{alias.name}", package) else base for alias in node.names
            ]
        else:
            continue
        for name in dict.fromkeys(names):  # one arrow per imported module, in order
            if name == "newsroom" or name.startswith("newsroom."):
                target = module_file(name, package)
                if target is not None and target != "__init__.py":
                    found.append((node.lineno, target))
    return found


def arrows_up(layers: list[Layer], package: Path) -> list[str]:
    """Each import from a lower layer to a higher one, and each module no layer names."""
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        if module == "__init__.py":
            continue
        own = layer_index(layers, module)
        if own is None:
            problems.append(f"{module}: no row of the layer table names it")
            continue
        for line, target in imports_of(path.read_text(encoding="utf-8"), module, package):
            other = layer_index(layers, target)
            if other is not None and other > own:
                problems.append(
                    f"{module}:{line} imports {target}: {layers[own].name} → {layers[other].name}, "
                    "an arrow from a lower layer to a higher one"
                )
    return problems


def test_no_import_runs_upwards() -> None:
    layers = layers_of(ARCHITECTURE.read_text(encoding="utf-8"))
    assert arrows_up(layers, PACKAGE) == []


def test_every_entry_of_the_table_exists() -> None:
    layers = layers_of(ARCHITECTURE.read_text(encoding="utf-8"))
    entries = [entry for layer in layers for entry in layer.modules]
    assert len(entries) == len(set(entries)), "a module is named by two rows"
    assert [entry for entry in entries if not ((PACKAGE / entry).exists() or (ROOT / entry).exists())] == []
    assert layers[0].name == "ground floor" and "engine_ledger.py" in layers[0].modules


def test_layers_are_folders() -> None:
    # Each folder of the package is one layer, named by one row; a row never names a module inside a folder, so
    # a module's layer is its folder's. Loose modules at the top of the package are named one by one.
    layers = layers_of(ARCHITECTURE.read_text(encoding="utf-8"))
    entries = [entry for layer in layers for entry in layer.modules]
    folders = sorted(f"{path.parent.name}/" for path in PACKAGE.glob("*/__init__.py"))
    assert [folder for folder in folders if entries.count(folder) != 1] == []
    assert [entry for entry in entries if "/" in entry.rstrip("/")] == []
    assert [layer.name for layer in layers if len([e for e in layer.modules if e.endswith("/")]) > 1] == []


def test_the_ground_floor_imports_nothing_of_the_project() -> None:
    layers = layers_of(ARCHITECTURE.read_text(encoding="utf-8"))
    for module in layers[0].modules:
        assert imports_of((PACKAGE / module).read_text(encoding="utf-8"), module, PACKAGE) == [], module


def test_an_upward_arrow_is_found(tmp_path: Path) -> None:
    # The scan is not blind: a reader importing the adapter (the arrow issue 23 removed), in each import form.
    package = tmp_path / "newsroom"
    for module in ("read/__init__.py", "read/docx.py", "mkdocs_adapter/__init__.py", "mkdocs_adapter/internals.py"):
        (package / module).parent.mkdir(parents=True, exist_ok=True)
        (package / module).write_text("", encoding="utf-8")
    layers = [Layer("readers", ("read/",)), Layer("adapter", ("mkdocs_adapter/",))]
    for source in (
        "from newsroom.mkdocs_adapter.internals import docx_cell_element\n",
        "import newsroom.mkdocs_adapter.internals\n",
        "from newsroom.mkdocs_adapter import internals\n",
        "from ..mkdocs_adapter import internals\n",
        "def f():\n    from newsroom.mkdocs_adapter import internals\n",
    ):
        (package / "read/docx.py").write_text(source, encoding="utf-8")
        (problem,) = arrows_up(layers, package)
        assert problem.startswith("read/docx.py:") and "readers → adapter" in problem, source
    (package / "read/docx.py").write_text("", encoding="utf-8")
    (package / "loose.py").write_text("", encoding="utf-8")
    assert arrows_up(layers, package) == ["loose.py: no row of the layer table names it"]

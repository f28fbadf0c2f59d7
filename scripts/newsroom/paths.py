"""How a file's path is shown to the person running a command: relative to where they are, when it is below it."""

from __future__ import annotations

from pathlib import Path


def shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()

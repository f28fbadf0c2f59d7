from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.helpers import make_docs


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return make_docs(tmp_path / "docs")

"""The clean fixture passes every rule: the other tests break it one thing at a time."""

from __future__ import annotations

from pathlib import Path

from tests.check.helpers import check, messages


def test_clean_tree_has_no_findings(docs: Path) -> None:
    assert messages(check(docs)) == []

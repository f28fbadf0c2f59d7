"""The schema table in handbook/schema.md is the model's, word for word (generated, never hand-written)."""

from __future__ import annotations

import pytest
from newsroom.commands.schema_doc import END, START, replace_table, schema_table
from newsroom.model.release import Contact, ReleaseMeta

from tests.conftest import ROOT

HANDBOOK = ROOT / "handbook" / "schema.md"


def test_the_handbook_table_is_the_models() -> None:
    document = HANDBOOK.read_text(encoding="utf-8")
    assert replace_table(document, schema_table()) == document, (
        "handbook/schema.md differs from model.ReleaseMeta: run `newsroom schema-doc --write handbook/schema.md`"
    )


def test_every_field_has_one_row_and_kind_only_once() -> None:
    rows = [line for line in schema_table().splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(ReleaseMeta.model_fields)
    assert sum(row.startswith("| `kind` ") for row in rows) == 1


def test_a_changed_description_makes_the_handbook_stale() -> None:
    document = HANDBOOK.read_text(encoding="utf-8")
    edited = document.replace("release date (`YYYY-MM-DD`)", "publication day")
    assert edited != document
    assert replace_table(edited, schema_table()) != edited


def test_a_field_without_description_is_refused() -> None:
    with pytest.raises(ValueError, match=r"Contact\.role has no description"):
        schema_table(Contact)


def test_markers_are_required() -> None:
    with pytest.raises(ValueError, match="markers"):
        replace_table("no markers here", schema_table())
    assert START in HANDBOOK.read_text(encoding="utf-8") and END in HANDBOOK.read_text(encoding="utf-8")

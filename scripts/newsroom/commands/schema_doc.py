"""The release schema as a Markdown table, generated from ``ReleaseMeta``'s field descriptions.

handbook/schema.md holds the table between two markers; ``newsroom schema-doc --write`` replaces it, and
tests/test_schema_doc.py fails when the handbook and the model differ. The words live on the model only.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from newsroom.model.release import ReleaseMeta

START = "<!-- schema-table: generated from newsroom/model/release.py by `newsroom schema-doc --write`; do not edit -->"
END = "<!-- /schema-table -->"


def type_name(annotation: Any) -> str:
    """A short, reader-facing name for a field's type: ``list[Contact]``, ``date``, ``'ko' or 'en'``."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Literal:
        return " or ".join(f"`{value}`" for value in arguments)
    if origin in (typing.Union, types.UnionType):
        shown = [type_name(argument) for argument in arguments if argument is not type(None)]
        return " or ".join(shown)
    if origin is list:
        return f"list of {type_name(arguments[0])}"
    if annotation is dt.datetime:
        return "date-time"
    if annotation is dt.date:
        return "date"
    if annotation is str:
        return "text"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    return getattr(annotation, "__name__", str(annotation))


def _presence(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    default = field.get_default(call_default_factory=True)
    if default is None or default == [] or default == "":
        return "optional"
    value = default.value if isinstance(default, enum.Enum) else default
    return f"default `{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_table(model: type[BaseModel] = ReleaseMeta) -> str:
    """One row per field in schema order; a field without a description is a programming error."""
    rows = ["| field | type | presence | meaning |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        if not field.description:
            raise ValueError(f"{model.__name__}.{name} has no description: give it Field(description=…)")
        cells = (f"`{name}`", type_name(field.annotation), _presence(field), field.description)
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def replace_table(document: str, table: str) -> str:
    """The document with the text between its markers replaced by ``table``."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {START!r} and {END!r} are missing")
    return document[: start + len(START)] + "\n" + table + document[end:]


def write_schema_doc(path: Path) -> bool:
    """Regenerate the table in ``path``; True when the file changed."""
    document = path.read_text(encoding="utf-8")
    updated = replace_table(document, schema_table())
    if updated == document:
        return False
    path.write_text(updated, encoding="utf-8")
    return True

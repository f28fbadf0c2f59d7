"""What the person converting may add to or decide about a release: each option declared once.

Each option carries how a person gives it as text (:class:`Setting`); the command line's flags
(``newsroom.commands.cli.with_convert_options``) and the inbox's pull-request lines are generated from these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsroom.messages import _
from newsroom.model.release import TOPICS, Translation


@dataclass(frozen=True)
class Setting:
    """How a person gives one option as text (a command-line flag, a line of a pull request's description).

    Kept beside the option so its name, default, meaning, example and reading live in one place; the
    command line is generated from these (``newsroom.commands.cli.with_convert_options``).
    """

    flag: str
    help: str
    example: str
    read: Callable[[str], Any] | None = None  # text -> value, ValueError saying what is expected; None: a switch
    metavar: str = "TEXT"  # what the help shows after the flag


def read_date(text: str) -> dt.date:
    """A date the person converting typed (an option, a line of a pull request's description)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        # repr: the value is quoted as typed, a line break or control character shown, not acted on
        raise ValueError(_("{value} is not YYYY-MM-DD, e.g. 2025-02-03").format(value=repr(text))) from None


def _read_topics(text: str) -> tuple[str, ...]:
    return tuple(topic.strip() for topic in text.split(",") if topic.strip())


def _read_translation(text: str) -> Translation:
    if text.strip() not in (Translation.MACHINE, Translation.FULL):
        raise ValueError(_("{value} is neither 'machine' nor 'full'").format(value=repr(text)))
    return Translation(text.strip())


def _read_text(text: str) -> str:
    return text


def _setting(
    flag: str, help: str, example: str, read: Callable[[str], Any] | None = None, metavar: str = "TEXT"
) -> dict[str, Setting]:
    return {"setting": Setting(flag, help, example, read, metavar)}


@dataclass(frozen=True)
class Options:
    """What the person converting may add to or decide about a release; the one declaration of each option."""

    date: dt.date | None = field(
        default=None,
        metadata=_setting(
            "--date",
            "Release date YYYY-MM-DD, when the header has none; relative dates such as '3일' resolve against it.",
            "2025-02-03",
            read_date,
            "YYYY-MM-DD",
        ),
    )
    title_ko: str | None = field(
        default=None,
        metadata=_setting(
            "--title-ko",
            "Korean headline, for a release sent without one (required then).",
            "'박상돈 천안시장, AI·클라우드 기술 천안 접목 방안 모색'",
            _read_text,
        ),
    )
    title_en: str | None = field(
        default=None,
        metadata=_setting("--title-en", "English headline, when the English part has none.", "'Mayor …'", _read_text),
    )
    slug: str | None = field(
        default=None,
        metadata=_setting(
            "--slug",
            "ASCII page name for both languages (default: from the English headline, else the Korean one "
            "in Revised Romanization).",
            "mayor-visits-cloud-firms",
            _read_text,
            "SLUG",
        ),
    )
    topics: tuple[str, ...] = field(
        default=(),
        metadata=_setting(
            "--topics",
            f"Comma-separated topic ids, from: {', '.join(TOPICS)}.",
            "smart-city,ai,cloud",
            _read_topics,
            "TOPIC,…",
        ),
    )
    docs_dir: Path = field(
        default=Path("docs"),
        metadata=_setting(
            "--docs-dir",
            "Folder holding ko/ and en/; pages go to <lang>/news/YYYY/<slug>.md inside it, never elsewhere.",
            "/tmp/try-docs",
            Path,
            "FOLDER",
        ),
    )
    dry_run: bool = field(
        default=False,
        metadata=_setting("--dry-run", "Write nothing; show each page (new) or a diff (changed).", ""),
    )
    force: bool = field(
        default=False,
        metadata=_setting(
            "--force", "Overwrite pages edited by hand since conversion (detected from body_sha256).", ""
        ),
    )
    en_translation: Translation = field(
        default=Translation.MACHINE,
        metadata=_setting(
            "--en-translation",
            "How the English part of a bilingual release was made: 'machine' or 'full' (human).",
            "full",
            _read_translation,
            "machine|full",
        ),
    )


def option_settings() -> dict[str, Setting]:
    """Each option's name and how it is given as text, in declaration order."""
    return {option.name: option.metadata["setting"] for option in fields(Options)}

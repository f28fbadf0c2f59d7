"""One message catalogue: every message a press officer can read has its Korean, in step with the code."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from newsroom.messages import catalogue_path, environment_language, gettext_in

from tests.conftest import ROOT

PACKAGE = ROOT / "scripts" / "newsroom"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@functools.cache
def code_messages() -> frozenset[str]:
    """Every message id in the code: the arguments of _() and N_() (what `pybabel extract` finds)."""
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None})
    return frozenset(message for _file, _line, message, _comments, _context in found if isinstance(message, str))


def korean_catalogue() -> Catalog:
    with catalogue_path("ko").open("rb") as handle:
        return read_po(handle, locale="ko")


def without_korean(catalogue: Catalog, ids: set[str] | frozenset[str]) -> list[str]:
    """Ids with no usable Korean: absent, empty, or marked fuzzy (a guess nobody checked)."""
    missing = []
    for message_id in sorted(ids):
        entry = catalogue.get(message_id)
        if entry is None or not entry.string or entry.fuzzy:
            missing.append(message_id)
    return missing


def test_every_message_in_the_code_has_its_korean() -> None:
    ids = code_messages()
    assert len(ids) > 50  # the extractor really read the code
    assert without_korean(korean_catalogue(), ids) == []


def test_the_check_fails_when_a_message_lacks_its_korean() -> None:
    catalogue = korean_catalogue()
    catalogue.delete("needs attention")
    catalogue["converted"].flags.add("fuzzy")
    catalogue.add("A new message", "")
    assert without_korean(catalogue, {"needs attention", "converted", "A new message", "Headline"}) == [
        "A new message",
        "converted",
        "needs attention",
    ]


def test_the_catalogue_holds_no_message_the_code_no_longer_has() -> None:
    stale = sorted(entry.id for entry in korean_catalogue() if entry.id and entry.id not in code_messages())
    assert stale == []


def test_placeholders_survive_translation() -> None:
    for entry in korean_catalogue():
        if entry.id:
            assert sorted(PLACEHOLDER.findall(entry.string)) == sorted(PLACEHOLDER.findall(entry.id)), entry.id


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "ko_KR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "ko:en"}, "ko"),
    ],
)
def test_the_language_follows_the_posix_locale_variables(environ: dict[str, str], lang: str) -> None:
    assert environment_language(environ) == lang


def test_korean_and_english_come_from_the_same_id() -> None:
    assert gettext_in("ko", "needs attention") == "확인 필요"
    assert gettext_in("en", "needs attention") == "needs attention"


def _check_summary(tmp_path: Path, lang: str) -> str:
    env = {**os.environ, "LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    result = subprocess.run(
        [sys.executable, "-m", "newsroom.commands.cli", "check", "--docs", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2
    return result.stderr


def test_newsroom_check_speaks_korean_when_the_locale_is_korean(tmp_path: Path) -> None:
    assert "폴더가 없습니다" in _check_summary(tmp_path, "ko_KR.UTF-8")
    assert "not found" in _check_summary(tmp_path, "C.UTF-8")

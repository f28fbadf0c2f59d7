"""Dates and phone numbers in each language's convention (babel, phonenumbers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from babel.dates import format_date as babel_format_date

from newsroom.model.release import KST

# Korean government style `2025. 2. 3.(월)`; British-style English `3 February 2025` as in the city's English text.
DATE_PATTERNS: dict[str, str] = {"ko": "y. M. d.(E)", "en": "d MMMM y"}


# Pure functions called for every release and listing item of a build (babel parses its locale on each call):
# an archive has a few thousand distinct dates and contacts.
@lru_cache(maxsize=1 << 16)
def format_date(value: dt.date, lang: str) -> str:
    return babel_format_date(value, DATE_PATTERNS[lang], locale=lang)


def format_datetime(value: dt.datetime, lang: str) -> str:
    """A moment in Korean time, e.g. `2025. 2. 3.(월) 06:00` or `3 February 2025, 06:00 KST`."""
    local = value.astimezone(KST)
    clock = f"{local:%H:%M}"
    if lang == "ko":
        return f"{format_date(local.date(), lang)} {clock}"
    return f"{format_date(local.date(), lang)}, {clock} KST"


@dataclass(frozen=True)
class Phone:
    text: str  # as shown
    uri: str | None  # tel: link, when the number parses


@lru_cache(maxsize=1 << 16)
def format_phone(raw: str, lang: str) -> Phone:
    """Korean numbers nationally for Korean readers (041-…), internationally for English ones (+82 41-…)."""
    try:
        number = phonenumbers.parse(raw, "KR")
    except phonenumbers.NumberParseException:
        return Phone(raw, None)
    if not phonenumbers.is_possible_number(number):
        return Phone(raw, None)
    style = phonenumbers.PhoneNumberFormat.NATIONAL if lang == "ko" else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return Phone(
        phonenumbers.format_number(number, style),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966),
    )

"""Dates as Korean releases write them, resolved against the release date only, never today."""

from __future__ import annotations

import datetime as dt
import re

from newsroom.model.release import KST

FULL_RE = re.compile(r"(?<!\d)(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})(?!\d)")
SHORT_YEAR_RE = re.compile(r"[’'‘](\d{2})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})(?!\d)")
MONTH_DAY_RE = re.compile(r"(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일")
DAY_RE = re.compile(r"(?<![\d.])(\d{1,2})\s*일")
# "3. 31.(화)": month and day with the weekday, no year (embargo notices write them so).
MONTH_DOT_DAY_RE = re.compile(r"(?<![\d.])(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*\(\s*[월화수목금토일]\s*\)")
HOUR_RE = re.compile(r"(?<![\d:])(\d{1,2})\s*시(?![간각행점도청군장설민])")
TIME_RE = re.compile(r"(?<!\d)(\d{1,2})\s*:\s*(\d{2})(?!\d)")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
EN_MDY_RE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
EN_DMY_RE = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
PM_RE = re.compile(r"오후|PM|p\.m\.", re.IGNORECASE)


def find_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    """The first date in ``text``; a date without year (or month) takes them from ``reference``."""
    for pattern, century in ((FULL_RE, 0), (SHORT_YEAR_RE, 2000)):
        match = pattern.search(text)
        if match:
            return _date(int(match.group(1)) + century, int(match.group(2)), int(match.group(3)))
    match = EN_MDY_RE.search(text)
    if match:
        return _date(int(match.group(3)), _month(match.group(1)), int(match.group(2)))
    match = EN_DMY_RE.search(text)
    if match:
        return _date(int(match.group(3)), _month(match.group(2)), int(match.group(1)))
    if reference is None:
        return None
    match = MONTH_DAY_RE.search(text) or MONTH_DOT_DAY_RE.search(text)
    if match:
        return _date(reference.year, int(match.group(1)), int(match.group(2)))
    match = DAY_RE.search(text)
    if match:
        return _date(reference.year, reference.month, int(match.group(1)))
    return None


def find_datetime(text: str, reference: dt.date | None = None) -> dt.datetime | None:
    """A date with a clock time (Korea time); ``None`` when either is missing ("석간", "배포 즉시")."""
    day = find_date(text, reference)
    clock = TIME_RE.search(text)
    hour_only = None if clock else HOUR_RE.search(text)
    if day is None or (clock is None and hour_only is None):
        return None
    hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (int(hour_only.group(1)), 0)  # type: ignore[union-attr]
    if PM_RE.search(text) and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=KST)


def _month(name: str) -> int:
    return next(i for i, month in enumerate(MONTHS, start=1) if month.startswith(name[:3].lower()))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None

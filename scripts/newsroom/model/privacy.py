"""Personal numbers a release should not publish: mobile numbers and resident registration numbers.

A release gives office numbers (041-…) for its contacts. A personal mobile number (010-…) or a
resident registration number (주민등록번호, YYMMDD-NNNNNNN) is most likely pasted by mistake, so
``newsroom check`` warns and the converter reports it; neither changes what the release says.
Numbers are shown masked, so that the warning itself (in CI logs, on a terminal) does not repeat them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from newsroom.messages import N_, _

MOBILE = "mobile number"
RESIDENT = "resident registration number"
# YYMMDD, a hyphen (or space), then a first digit 1-8 (century and sex; 5-8 for foreign residents) and six more.
RESIDENT_RE = re.compile(r"(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s?-\s?[1-8]\d{6}(?!\d)")
# Phone numbers need at least this many digits in a row (with separators); cheap test before the parser.
DIGITS_RE = re.compile(r"\d[\d\s().+-]{7,}\d")
MAX_LINE = 10_000  # longer lines are scanned only up to here: the warning is about the line anyway


@dataclass(frozen=True)
class Hit:
    line: int  # 1-based, within the text scanned
    kind: str  # MOBILE or RESIDENT
    masked: str

    def describe(self) -> str:
        return describe(self.kind, self.masked)


# Whole phrases per kind, so that each reads naturally in Korean.
_DESCRIPTIONS = {
    MOBILE: N_("a personal mobile number ({number})"),
    RESIDENT: N_("a personal resident registration number ({number})"),
}


def describe(kind: str, masked: str) -> str:
    """'a personal mobile number (010-****-**78)', in the reader's language."""
    return _(_DESCRIPTIONS[kind]).format(number=masked) if kind in _DESCRIPTIONS else f"{kind} ({masked})"


def mask(number: str) -> str:
    """Keep the first three and last two digits, e.g. 010-****-**78."""
    digits = [index for index, char in enumerate(number) if char.isdigit()]
    keep = set(digits[:3] + digits[-2:])
    return "".join(char if not char.isdigit() or index in keep else "*" for index, char in enumerate(number))


def find(text: str, first_line: int = 1) -> list[Hit]:
    """Personal numbers in ``text``, by line (``first_line`` is the number of its first line)."""
    hits: list[Hit] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        line = line[:MAX_LINE]
        if not DIGITS_RE.search(line):
            continue
        residents = [match.span() for match in RESIDENT_RE.finditer(line)]
        hits += [Hit(number, RESIDENT, mask(line[start:end])) for start, end in residents]
        for match in phonenumbers.PhoneNumberMatcher(line, "KR"):
            inside = any(start <= match.start < end for start, end in residents)
            if not inside and phonenumbers.number_type(match.number) == phonenumbers.PhoneNumberType.MOBILE:
                # The matcher may take in a bracket around the number: "(010-1234-5678".
                hits.append(Hit(number, MOBILE, mask(match.raw_string.strip("()[]{} "))))
    return hits

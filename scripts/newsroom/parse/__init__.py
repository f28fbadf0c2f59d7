"""Parser: reader blocks become a :class:`ParsedRelease`, one part per language."""

from newsroom.parse.elements import ParsedLanguage, ParsedRelease
from newsroom.parse.release import parse_blocks

__all__ = ["ParsedLanguage", "ParsedRelease", "parse_blocks"]

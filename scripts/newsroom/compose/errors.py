"""The one refusal of composing: a release that cannot become pages as given."""

from __future__ import annotations


class ConvertError(ValueError):
    """A release that cannot be converted as given; the message says which option to pass."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line

"""The rules: each takes the whole corpus and yields findings. ``ALL`` is the order they run in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from newsroom.check.corpus import Corpus
from newsroom.check.findings import Finding
from newsroom.check.rules.front_matter import page_faults, unreadable_pages
from newsroom.check.rules.layout import embargoed_releases, locale_like_folders
from newsroom.check.rules.links import image_alt_text, internal_links
from newsroom.check.rules.privacy import personal_numbers
from newsroom.check.rules.record import redirect_clashes, withdrawn_together
from newsroom.check.rules.translations import stale_translations, structural_parity, translations_exist

Rule = Callable[[Corpus, dt.datetime], Iterable[Finding]]

ALL: tuple[Rule, ...] = (
    unreadable_pages,
    page_faults,
    locale_like_folders,
    translations_exist,
    stale_translations,
    structural_parity,
    internal_links,
    image_alt_text,
    personal_numbers,
    embargoed_releases,
    withdrawn_together,
    redirect_clashes,
)

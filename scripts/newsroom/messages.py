"""Messages a press officer reads, in Korean or English, from one gettext catalogue.

The English text in the code is the message id; ``locale/ko/LC_MESSAGES/newsroom.po`` holds its Korean.
Babel reads the ``.po`` file directly (no compiled ``.mo`` to keep in step), and
``tests/test_messages.py`` extracts every ``_()`` call from the code and fails when one has no Korean.

The language follows the POSIX locale variables, as gettext does: the first of ``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides; ``ko_KR.UTF-8`` gives Korean, anything
else English. The inbox and check workflows set ``LANG=ko_KR.UTF-8``.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "newsroom"
LOCALE_DIR = Path(__file__).with_name("locale")
CATALOGUE_LANGUAGES = ("ko",)


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def environment_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """'ko' when the locale variables ask for Korean, else 'en' (gettext's order of precedence)."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            first = value.split(":")[0]
            return "ko" if first.lower().startswith("ko") else "en"
    return "en"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of one language (English is the message ids themselves)."""
    path = catalogue_path(lang)
    if lang not in CATALOGUE_LANGUAGES or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_in(lang: str, message: str) -> str:
    """``message`` in ``lang`` ('ko' or 'en'), whatever the environment says."""
    return translations(lang).gettext(message)


def _(message: str) -> str:
    """``message`` in the language of the environment (LANG=ko_KR.UTF-8 gives Korean)."""
    return gettext_in(environment_language(), message)


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it yet (translated where it is shown)."""
    return message

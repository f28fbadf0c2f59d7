"""Tokenizers for the search index, one rule set per script, mirrored in ``search.js``.

Korean: text is split on anything that is not a Hangul syllable, letter or digit, so that
``(천안시)`` and ``「천안시」`` give ``천안시``. Every Hangul token is indexed with all its suffixes
(``거점형스마트도시`` → ``점형스마트도시``, ``형스마트도시``, ``스마트도시``, …) and the browser matches
query terms as prefixes of indexed terms: a word is found at any position inside a compound,
and ``천안시`` finds ``천안시는`` and ``천안시의``. A particle (josa) is stripped from a Korean
query term, so ``천안시는`` looks for ``천안시`` and also finds ``천안시의``.

English: lowercase words reduced by Harman's S-stemmer (1991: ``-ies`` → ``-y``, ``-es`` → ``-e``,
``-s`` dropped, with its documented exceptions), which the browser repeats in a few lines:
``clouds`` finds ``cloud``, ``cities`` finds ``city``. Hyphenated names split into parts, so
``Park Sang-don`` is the three terms ``park``, ``sang``, ``don`` that must all occur.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A Hangul-syllable run, or a run of other letters/digits (Latin, digits, Hanja...), never mixed:
# "NHN클라우드" is "nhn" and "클라우드".
_TOKEN = re.compile(r"([\uac00-\ud7a3]+)|((?:(?![\uac00-\ud7a3])[^\W_])+)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# The other kind of run, found apart when indexing (findall returns its list in C, with no Python step per token:
# the build indexes every page); Hangul runs are indexed by their suffixes (_HANGUL_SUFFIX).
_OTHER_RUN = re.compile(r"[^\W_\uac00-\ud7a3]+")

# Particles stripped from a Korean query term, longest first. Only one is stripped, and only if
# two syllables stay: "도로" and "회의" are nouns, not "도"+"로" or "회"+"의".
_PARTICLES = """
    에서는 으로는 에게서 까지는 부터는 이라고 이라며 이라는 에서도 으로도
    에서 에게 으로 까지 부터 처럼 보다 과의 와의 에는 에도 에의 이나 이며 이고
    로서 로써 한테 께서 라고 라며 라는 로는 로도
    은 는 이 가 을 를 의 에 도 로 와 과 만
"""
JOSA: tuple[str, ...] = tuple(sorted(set(_PARTICLES.split()), key=lambda josa: (-len(josa), josa)))
MIN_STEM_SYLLABLES = 2
# Suffixes of very long Hangul runs (usually unspaced lists) add size without helping anyone.
MAX_SUFFIX_STARTS = 16
MIN_LATIN_LENGTH = 2
# A pasted page must not cost a fetch per word: a query keeps its first terms, each cut short.
MAX_QUERY_TERMS = 8
MAX_TERM_LENGTH = 32


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lowercase, as in the browser."""
    return unicodedata.normalize("NFKC", text).lower()


def is_hangul(token: str) -> bool:
    return bool(_HANGUL.match(token))


def words(text: str) -> list[str]:
    """Tokens of normalised text in order; Latin tokens shorter than two letters dropped."""
    return [
        korean or rest
        for korean, rest in _TOKEN.findall(normalise(text))
        if korean or len(rest) >= MIN_LATIN_LENGTH or rest.isnumeric()
    ]


def strip_josa(token: str) -> str:
    """``천안시는`` → ``천안시``; leaves the token alone when fewer than two syllables would stay."""
    for josa in JOSA:
        if token.endswith(josa) and len(token) - len(josa) >= MIN_STEM_SYLLABLES:
            return token[: -len(josa)]
    return token


def stem_english(word: str) -> str:
    """Harman's S-stemmer: ``policies`` → ``policy``, ``clouds`` → ``cloud``, ``glass`` stays."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


# Every suffix of every Hangul run that starts at one of its first MAX_SUFFIX_STARTS letters, found in one
# findall (in C): a zero-width match at each such letter (not preceded by MAX_SUFFIX_STARTS Hangul letters of its
# run) captures the rest of the run. Faster than cutting each distinct word's suffixes in Python, even with the
# words cached (the build indexes every page; most of a page's suffixes are new strings either way). The look
# ahead comes first: it fails at once on any other letter, which is most of an English page.
_HANGUL_SUFFIX = re.compile(rf"(?=([\uac00-\ud7a3]+))(?<![\uac00-\ud7a3]{{{MAX_SUFFIX_STARTS}}})")
# An archive's English words repeat from page to page (Zipf): each is stemmed once while it stays this common.
# Bounded, so that its long tail of rare words and numbers does not stay in memory.
STEM_CACHE_WORDS = 1 << 16


@lru_cache(maxsize=STEM_CACHE_WORDS)
def _other_term(token: str) -> str | None:
    """The term of a run that is not Hangul, or None for a letter alone (the "s" of "Google's"; numbers are kept)."""
    return stem_english(token) if len(token) >= MIN_LATIN_LENGTH or token.isnumeric() else None


def index_terms(text: str) -> set[str]:
    """Every term under which a page is stored."""
    text = normalise(text)
    terms = set(_HANGUL_SUFFIX.findall(text))
    # Cached terms through map and filter: no Python step per token once a word has been seen.
    terms.update(filter(None, map(_other_term, set(_OTHER_RUN.findall(text)))))
    return terms


def clear_index_caches() -> None:
    """Forget cached terms once an index's postings are built."""
    _other_term.cache_clear()


def query_terms(query: str) -> list[str]:
    """The terms a query looks up, in order, without repeats; each is matched as a prefix."""
    terms: list[str] = []
    for token in words(query):
        term = (strip_josa(token) if is_hangul(token) else stem_english(token))[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return terms

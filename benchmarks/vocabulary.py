"""Learn the frequency table that benchmarks/synthetic.py writes its text from, from real releases.

Usage: ``python benchmarks/vocabulary.py CONVERTED_DOCS...`` where each folder holds releases converted
with ``newsroom convert`` (e.g. ``../shared/corpus/moe`` converted into a temporary docs folder; the
project's own ``docs/`` adds the city's release in both languages). Writes ``benchmarks/vocabulary.json``.

What is kept is counts, never text: words (space-separated, with their particles and punctuation, as a
reader sees them) that occur in at least ``MIN_RELEASES`` releases, with their frequency; histograms of
words per sentence, sentences per paragraph, blocks per release, table sizes; the share of word
occurrences that are rare (seen in one release only), which synthetic.py makes up as new compounds so
that vocabulary keeps growing with the archive as real vocabulary does. People's names from contacts,
and the word after a title (장관 …), are left out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from newsroom.model.pages import read_page_file  # noqa: E402

TABLE = Path(__file__).with_name("vocabulary.json")
MIN_RELEASES = 2
MAX_WORDS = {"ko": 6000, "en": 1500}
_TITLES = re.compile(r"(?:장관|차관|총리|시장|대표|사장|원장|총장|교수|위원장)\s+([\uac00-\ud7a3]{2,4})")
_SENTENCE_END = re.compile(r"(?<=[다요음함됨.!?])\.?\s+|(?<=[.!?])\s+")
_UNESCAPE = re.compile(r"\\(.)")
# Words that would be Markdown markup in the synthetic pages are not kept.
_MARKUP = re.compile(r"[|*_`\[\]<>#\\{}]")


def _blocks(body: str) -> list[tuple[str, list[str]]]:
    """(kind, lines) of a Markdown body: table, note, heading, list, paragraph; attribute lines dropped."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", body):
        lines = [line for line in chunk.splitlines() if line.strip() and not line.startswith("{:")]
        if not lines:
            continue
        first = lines[0].lstrip()
        if first.startswith("|"):
            kind = "table"
        elif first.startswith(("※", "*")):
            kind = "note"
        elif first.startswith("#") or re.match(r"^[①-⑳□○◦▶▲]", first) or len(first) < 40:
            kind = "heading"
        elif first.startswith(("- ", "* ", "1. ")):
            kind = "list"
        else:
            kind = "paragraph"
        blocks.append((kind, [_UNESCAPE.sub(r"\1", line) for line in lines]))
    return blocks


def _hidden_names(meta: dict[str, Any], body: str) -> set[str]:
    names = {str(c.get("name") or "") for c in meta.get("contacts") or [] if isinstance(c, dict)}
    names |= set(_TITLES.findall(body + " " + str(meta.get("summary") or "")))
    return {name for name in names if name}


def learn(pages: list[Path], lang: str) -> dict[str, Any]:
    words: Counter[str] = Counter()
    releases_with: Counter[str] = Counter()
    sentence_words: Counter[int] = Counter()
    paragraph_sentences: Counter[int] = Counter()
    blocks_per_release: Counter[int] = Counter()
    kinds: Counter[str] = Counter()
    table_rows: Counter[int] = Counter()
    table_cols: Counter[int] = Counter()
    cell_words: Counter[int] = Counter()
    hidden: set[str] = set()
    for path in pages:
        page = read_page_file(path)
        hidden |= _hidden_names(page.meta, page.body)
        seen: set[str] = set()
        blocks = _blocks(page.body)
        blocks_per_release[len(blocks)] += 1
        for kind, lines in blocks:
            kinds[kind] += 1
            if kind == "table":
                rows = [line for line in lines if not re.match(r"^\|[\s:|-]+\|$", line.strip())]
                table_rows[min(len(rows), 30)] += 1
                cells = [cell.strip() for cell in rows[0].strip().strip("|").split("|")] if rows else []
                table_cols[min(len(cells), 10)] += 1
                for row in rows:
                    for cell in row.strip().strip("|").split("|"):
                        tokens = cell.split()
                        cell_words[min(len(tokens), 30)] += 1
                        words.update(tokens)
                        seen.update(tokens)
                continue
            text = " ".join(line.lstrip("-*#> ").strip() for line in lines)
            sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
            paragraph_sentences[min(len(sentences), 20)] += 1
            for sentence in sentences:
                tokens = sentence.split()
                sentence_words[min(len(tokens), 80)] += 1
                words.update(tokens)
                seen.update(tokens)
        releases_with.update(seen)
    total = sum(words.values())
    # With a single release (English: the city's own translation), "rare" means seen once.
    least = MIN_RELEASES if len(pages) >= MIN_RELEASES else 1
    rare = sum(c for w, c in words.items() if releases_with[w] < least or (least == 1 and c == 1))
    kept = [
        [word, count]
        for word, count in words.most_common()
        if releases_with[word] >= least
        and not _MARKUP.search(word)
        and not any(name in word for name in hidden)
        and (lang == "ko" or word == word.lower())  # English capitals are mostly names
    ][: MAX_WORDS[lang]]
    return {
        "releases": len(pages),
        "rare_share": round(rare / max(total, 1), 4),
        "words": kept,
        "sentence_words": sorted(sentence_words.items()),
        "paragraph_sentences": sorted(paragraph_sentences.items()),
        "blocks_per_release": sorted(blocks_per_release.items()),
        "kinds": dict(sorted(kinds.items())),
        "table_rows": sorted(table_rows.items()),
        "table_cols": sorted(table_cols.items()),
        "cell_words": sorted(cell_words.items()),
    }


def release_pages(folder: Path, lang: str) -> list[Path]:
    return sorted((folder / lang / "news").glob("*/*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", type=Path, nargs="+", help="docs folders holding converted releases")
    args = parser.parse_args(argv)
    table = {lang: learn([p for d in args.docs for p in release_pages(d, lang)], lang) for lang in ("ko", "en")}
    TABLE.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    for lang, part in table.items():
        print(f"{lang}: {part['releases']} releases, {len(part['words'])} words kept, rare share {part['rare_share']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

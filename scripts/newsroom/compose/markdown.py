"""Release elements as Markdown: release text is data, never markup.

Everything Markdown or HTML would act on is escaped; the same elements always give the same text.
"""

from __future__ import annotations

import re

from newsroom.parse.elements import Caption, Element, Figure, Heading, ListItem, Note, Paragraph, TableRows

# Characters Python-Markdown (and the enabled extensions) give a meaning to, anywhere in a line.
INLINE_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]~|])")
ENTITY_RE = re.compile(r"&(?=#?\w+;)")
# At the start of a line: headings, quotes, lists, rules, definition lists, admonitions.
LINE_START_RE = re.compile(r"^(\s*)([#>+\-:!?=]|\d+[.)])")


def escape_inline(text: str) -> str:
    """Escape release text so that it renders as the same text, whatever characters it holds."""
    text = ENTITY_RE.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return INLINE_SPECIAL_RE.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    escaped = escape_inline(text)
    match = LINE_START_RE.match(escaped)
    if match:
        lead, mark = match.group(1), match.group(2)
        # Numeric character references read as the same character but start no block.
        first = f"&#{ord(mark[0])};"
        escaped = f"{lead}{first}{mark[1:]}{escaped[match.end() :]}"
    return escaped


def _lines(text: str) -> list[str]:
    return [escape_line(line.strip()) for line in text.split("\n") if line.strip()]


def render_body(elements: list[Element]) -> str:
    """Markdown for a release body; the same elements always give the same text."""
    out: list[str] = []
    previous: Element | None = None
    for element in elements:
        in_list = isinstance(previous, ListItem)
        if isinstance(element, ListItem):
            indent = "    " * element.level
            first, *rest = _lines(element.text) or [""]
            text = f"{indent}- {first}"
            # A new list needs a blank line before it; items of one list follow each other directly.
            lines = [text, *(f"{indent}  {line}" for line in rest)]
            if in_list:
                out.append("\n".join(lines))
            else:
                out.append("\n" + "\n".join(lines))
        elif isinstance(element, Note):
            indent = "    " * (previous.level + 1) if isinstance(previous, ListItem) else ""
            body = "\n".join(f"{indent}{line}" for line in _lines(f"{element.mark} {element.text}"))
            out.append(f"\n{body}\n{indent}{{: .news-note }}")
        elif isinstance(element, Paragraph):
            out.append("\n" + "\n".join(_lines(element.text)))
        elif isinstance(element, Heading):
            out.append(f"\n## {escape_inline(element.text)}")
        elif isinstance(element, Caption):
            out.append(f"\n{escape_line(element.text)}\n{{: .news-caption }}")
        elif isinstance(element, TableRows):
            out.append("\n" + render_table(element.rows))
        elif isinstance(element, Figure) and element.file:
            # The image file sits beside the page, in a folder named after it: <slug>/01.jpg.
            out.append(f"\n![{escape_inline(element.alt)}]({element.file})")
        previous = element
    return "\n".join(out).strip() + "\n"


def render_table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)

    def cell(text: str) -> str:
        # Paragraphs inside a cell become line breaks: the only markup the converter adds itself.
        return "<br>".join(escape_inline(line.strip()) for line in text.split("\n") if line.strip()) or " "

    lines = []
    for index, row in enumerate(rows):
        padded = list(row) + [""] * (width - len(row))
        lines.append("| " + " | ".join(cell(text) for text in padded) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)

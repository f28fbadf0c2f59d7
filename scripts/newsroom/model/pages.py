"""Markdown pages with YAML front matter: split, join and hash.

Shared by the writer, the checker and the site adapter so that all three agree, to the
byte, on where front matter ends and what a page body's hash is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsroom.messages import _

FENCE = "---"
# libyaml's safe loader when PyYAML has it: about 7 times faster, which the site feels with thousands of releases.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Front matter is untrusted text: a release's is about 2 KB, so these are generous.
MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_FRONT_MATTER_LINE = 16 * 1024
MAX_FRONT_MATTER_DEPTH = 16
# Characters without which YAML can neither refer back (&, *) nor nest in flow style ([, {).
_SCAN_CHARS_RE = re.compile(r"[&*\[{]|^ {24,}", re.MULTILINE)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class FrontMatterError(ValueError):
    """Front matter that is not a YAML mapping between two ``---`` lines; the message is one line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class _Loader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key given twice (YAML would silently keep the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    problem = _("the field '{name}' is given twice").format(name=key_node.value)
                    raise yaml.constructor.ConstructorError(None, None, problem, key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Page:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line number where the body starts in the file


def split(text: str) -> Page:
    """Split a page into its front matter and body. A page without front matter has empty meta.

    Any front matter that is not a plain mapping raises :class:`FrontMatterError` with the line to fix.
    """
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return Page({}, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            meta = load_front_matter("\n".join(lines[1:index]))
            return Page(meta, "\n".join(lines[index + 1 :]), index + 2)
    raise FrontMatterError(_("front matter opened with '---' on line 1 is never closed"), 1)


def load_front_matter(raw: str, first_line: int = 2) -> dict[str, Any]:
    """The mapping in the front matter text ``raw`` (which starts on file line ``first_line``)."""
    _check_size(raw, first_line)
    if _SCAN_CHARS_RE.search(raw):
        _check_shape(raw, first_line)
    try:
        meta = yaml.load(raw, Loader=_Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        raw_lines = raw.split("\n")
        if mark is not None and mark.line < len(raw_lines) and "\t" in raw_lines[mark.line]:
            template = _("front matter is not valid YAML: {problem}; YAML cannot indent with tabs: use spaces")
        else:
            template = _("front matter is not valid YAML: {problem}")
        raise FrontMatterError(template.format(problem=_yaml_problem(error)), line) from error
    except (ValueError, TypeError, OverflowError) as error:
        # A value YAML recognises but cannot build, e.g. date: 2025-13-45.
        line, value = _unbuildable_scalar(raw, first_line)
        problem = _(
            "front matter holds an impossible date or time '{value}' ({error}); "
            "write it as a real date, YYYY-MM-DD, or a time such as 2025-02-03T09:00:00+09:00"
        )
        raise FrontMatterError(problem.format(value=value, error=_one_line(error)), line) from error
    if not isinstance(meta, dict):
        raise FrontMatterError(_("front matter must be a mapping of 'field: value' lines"), first_line)
    return meta


def _check_size(raw: str, first_line: int) -> None:
    if len(raw) <= MAX_FRONT_MATTER_LINE:
        return
    for number, line in enumerate(raw.split("\n"), start=first_line):
        if len(line) > MAX_FRONT_MATTER_LINE:
            problem = _(
                "front matter line is {length} characters long (limit {limit}); "
                "shorten it: long text belongs in the body"
            )
            raise FrontMatterError(problem.format(length=f"{len(line):,}", limit=f"{MAX_FRONT_MATTER_LINE:,}"), number)
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        problem = _("front matter is larger than {limit} KB; long text belongs in the body")
        raise FrontMatterError(problem.format(limit=MAX_FRONT_MATTER_BYTES // 1024), first_line)


def _check_shape(raw: str, first_line: int) -> None:
    """Refuse anchors and aliases (a few can expand exponentially) and deep nesting, before building values."""
    depth = 0
    try:
        for event in yaml.parse(raw, Loader=_SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(
                    _(
                        "front matter uses a YAML anchor or alias (& or *), which page fields never need; "
                        "write the value out (quote text that starts with & or *)"
                    ),
                    event.start_mark.line + first_line,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH:
                    problem = _("front matter nests lists or fields deeper than {limit} levels; flatten it")
                    raise FrontMatterError(
                        problem.format(limit=MAX_FRONT_MATTER_DEPTH), event.start_mark.line + first_line
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the loader reports broken YAML with its line


def _unbuildable_scalar(raw: str, first_line: int) -> tuple[int, str]:
    """Line and text of the first value tagged as a date or time that cannot be built."""
    constructor = yaml.constructor.SafeConstructor()
    try:
        root = yaml.compose(raw, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        root = None
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP_TAG:
            try:
                constructor.construct_yaml_timestamp(node)
            except (ValueError, TypeError, OverflowError):
                return node.start_mark.line + first_line, str(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack[:0] = [item for pair in node.value for item in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack[:0] = list(node.value)
    return first_line, ""


def _yaml_problem(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    return _one_line(f"{problem} ({context})" if context else problem)


def _one_line(error: object) -> str:
    return " ".join(str(error).split())


def read_page_file(path: Path) -> Page:
    return split(path.read_text(encoding="utf-8"))


def join(meta: dict[str, Any], body: str) -> str:
    """Render a page; the same inputs always give the same bytes."""
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return f"{FENCE}\n{dumped}{FENCE}\n\n{body.strip()}\n"


def body_hash(body: str) -> str:
    """Hash of a body, insensitive to trailing white space and line-ending style."""
    normal = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").strip().split("\n"))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()

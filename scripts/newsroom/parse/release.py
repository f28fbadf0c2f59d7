"""Blocks → a parsed release: language split, headline, subtitles, body, header dates, contacts.

Pure functions over reader blocks. Everything the parser does not recognise stays in the body,
in order; noise from republished copies (bylines, datelines, footers) is dropped and recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsroom.model import Lang
from newsroom.parse.contacts import is_contact_table, parse_contacts
from newsroom.parse.dates import find_date, find_datetime
from newsroom.parse.elements import (
    Caption,
    Heading,
    ListItem,
    Note,
    Paragraph,
    ParsedLanguage,
    ParsedRelease,
    TableRows,
)
from newsroom.read.blocks import Block, Line, Table

HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
LATIN_RE = re.compile(r"[A-Za-z]")
PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")

# Government bullet marks, outermost first as releases usually nest them.
LIST_MARKS = "□■○◦∘ㅇ-–•▪❖△▴▲▸▶◆◇◎●"
NOTE_MARKS = ("※", "*", "☞")
BULLET_RE = re.compile(rf"^\s*([{re.escape(LIST_MARKS)}])\s*(?=\S)(.*)$")
# "-" and "ㅇ" are only marks when a space follows ("-5", "ㅇㅇ시" are text).
NEEDS_SPACE = {"-", "–", "ㅇ"}
SUBTITLE_MARKS = {"-", "–", "○", "◦", "∘", "•", "▪"}
NOTE_RE = re.compile(r"^\s*(※|\*{1,3}|☞)\s*(.*)$")
ATTACHMENT_RE = re.compile(r"^\s*【\s*(붙\s*임|별\s*첨)\s*】\s*(.*)$")
ATTACHMENT_ITEM_RE = re.compile(r"^\s+\d+\s*[.)]\s*\S")
ATTACHMENT_BANNER_RE = re.compile(r"^(붙\s*임|별\s*첨|참\s*고)\s*\d*$")
BANNER_LABELS = {"보도자료", "보도설명자료", "보도참고자료", "보도해명자료", "설명자료", "참고자료", "PressRelease"}
# A sentence ends with a full stop (Korean "…다." too); 개조식 lines end in 음/함/임/됨 without one.
SENTENCE_END_RE = re.compile(r"[.!?。][”\"’')]*\s*$|(음|함|임|됨)\s*$")
HEADER_LABEL_RE = re.compile(
    r"^\s*(배\s*포(\s*일\s*시)?|보도\s*시점|보도\s*일시|엠바고"
    r"|embargo(ed)?|distributed|for release|release date)(?![가-힣])",
    re.IGNORECASE,
)

NOISE_RES = (
    re.compile(r"^\s*[가-힣]{2,4}\s*(기자|특파원|통신원)\s*(\S+@\S+)?\s*$"),
    re.compile(r"^\s*(\S+@\S+\.\S+)\s*$"),
    re.compile(r"^\s*[\[(]?\s*[가-힣]{2,4}\s*(기자|특파원)\s*[\])]?\s*[=|]"),
    re.compile(r"^\s*(by|written by|reporter)\s+[A-Z][\w.\-]*(\s+[A-Z][\w.\-]*){0,3}\s*$", re.IGNORECASE),
    re.compile(r"^\s*(translated|translation)\s+by\b", re.IGNORECASE),
    re.compile(r"^\s*(번역|영문\s*번역)\s*[:：]"),
    re.compile(r"(무단\s*전재|재배포\s*금지|저작권자\s*[©ⓒ(]|all rights reserved|copyright\s*[©ⓒ(])", re.IGNORECASE),
    re.compile(r"^\s*(입력|수정|등록|승인|발행|기사입력|최종수정)\s*[:：]?\s*\d{4}[.\-/]"),
    re.compile(r"^\s*(관련\s*기사|기사\s*원문|원문\s*보기|목록으로|공유하기)\s*$"),
)
DATELINE_RES = (
    # 서울--(뉴스와이어)-- / SEOUL, Feb. 3, 2025 /PRNewswire/ --
    re.compile(r"^\s*[^\s-]{1,15}(\s[^\s-]{1,15})?\s*[-–—]{2}\s*\(?[^()\-]{1,20}\)?\s*[-–—]{2}\s*"),
    re.compile(r"^\s*[\[(][^\[\]()]{1,12}=\s*[^\[\]()]{1,12}[\])]\s*"),
    re.compile(r"^\s*[A-Z][A-Za-z .]{1,30},\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4}\s*/[^/]{2,30}/\s*[-–—]+\s*"),
)
# Any date will do to ask "does this text hold a date at all?" (relative ones included).
ANY_DAY = dt.date(2000, 1, 1)
CAPTION_RE = re.compile(r"^\s*▲\s*(.+?)\s*$")
PHOTO_CREDIT_RE = re.compile(r"사진|©|ⓒ|\(c\)|photo|제공", re.IGNORECASE)


@dataclass(frozen=True)
class _Item:
    """A line with where it came from: lines of one table cell share a group."""

    text: str
    group: int = 0


Item = _Item | Table


def language_of(text: str) -> Lang | None:
    hangul = len(HANGUL_RE.findall(text))
    latin = len(LATIN_RE.findall(text))
    if hangul == 0 and latin == 0:
        return None
    return "en" if hangul * 10 < latin and hangul <= 2 else "ko"


def _cells(table: Table) -> list[str]:
    return [cell for row in table.rows for cell in row if cell and cell.strip()]


def _flatten(blocks: tuple[Block, ...] | list[Block]) -> list[Item]:
    """Tab rows become tables; layout tables (one column, or one filled cell) become lines."""
    items: list[Item] = []
    group = 0
    tab_run: list[str] = []

    def flush_tabs() -> None:
        rows = [tuple(cell.strip() for cell in line.split("\t")) for line in tab_run]
        if len(rows) >= 2 or (rows and is_contact_table((rows[0],))):
            width = max(len(r) for r in rows)
            items.append(Table(tuple(r + ("",) * (width - len(r)) for r in rows)))
        else:
            for line in tab_run:
                items.append(_Item(re.sub(r"\s*\t\s*", " ", line)))
        tab_run.clear()

    for block in blocks:
        if isinstance(block, Line):
            text = block.text.rstrip()
            if "\t" in text.strip() and len([c for c in text.split("\t") if c.strip()]) >= 2:
                tab_run.append(text.strip())
                continue
            flush_tabs()
            if text.strip():
                items.append(_Item(text.replace("\t", " ")))
            continue
        flush_tabs()
        cells = _cells(block)
        if not cells:
            continue
        # A box drawn as a table (one filled cell per row) holds lines, not data.
        if block.width == 1 or all(len([c for c in row if c and c.strip()]) <= 1 for row in block.rows):
            for cell in cells:
                group += 1
                items.extend(_Item(line, group) for line in cell.split("\n") if line.strip())
        else:
            items.append(block)
    flush_tabs()
    return items


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class _Header:
    distributed_text: str | None = None
    embargo_text: str | None = None
    print_text: str | None = None
    all_text: str = ""


def _take_header(items: list[Item], unplaced: list[str]) -> tuple[list[Item], _Header]:
    """Remove the banner ("보도자료") and the 배포 / 보도시점 block from the top of the release."""
    header = _Header()
    rest: list[Item] = []
    for index, item in enumerate(items):
        near_top = index < 12
        texts = _cells(item) if isinstance(item, Table) else [item.text]
        squashed = [_squash(t) for t in texts]
        if near_top and isinstance(item, Table) and any(s in BANNER_LABELS for s in squashed) and len(texts) <= 4:
            unplaced.extend(t for t, s in zip(texts, squashed, strict=True) if s not in BANNER_LABELS)
            continue
        if near_top and isinstance(item, _Item) and _squash(item.text) in BANNER_LABELS:
            continue
        joined = " ".join(texts)
        # Only a short labelled block with a date in it is the header; anything else stays in the body.
        if (
            near_top
            and any(HEADER_LABEL_RE.match(t) for t in texts)
            and (isinstance(item, Table) or len(joined) <= 160)
            and find_date(joined, ANY_DAY) is not None
        ):
            _read_header(joined, header)
            continue
        rest.append(item)
    return rest, header


def _read_header(text: str, header: _Header) -> None:
    text = " ".join(text.split())
    header.all_text = f"{header.all_text} {text}".strip()
    distributed = re.search(
        r"(?:배\s*포\s*(?:일시)?|distributed|release date)\s*[:：]?\s*(.+?)(?=보도\s*(?:시점|일시)|embargo|$)",
        text,
        re.IGNORECASE,
    )
    if distributed and re.search(r"\d", distributed.group(1)):
        header.distributed_text = distributed.group(1)
    internet = re.search(r"\(\s*인터넷[^)]*\)\s*(.+?)(?=\(\s*지\s*면|/|$)", text)
    paper = re.search(r"\(\s*지\s*면\s*\)\s*(.+?)$", text)
    when = re.search(
        r"(?:보도\s*(?:시점|일시)|엠바고|embargo(?:ed)?(?:\s+until)?|for release)\s*[:：]?\s*(.+?)$",
        text,
        re.IGNORECASE,
    )
    if internet:
        header.embargo_text = internet.group(1)
    elif when and "즉시" not in when.group(1) and not paper:
        header.embargo_text = when.group(1)
    if paper:
        header.print_text = paper.group(1)


def _split_languages(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Korean first, English after (as in the city's releases): find where the English tail starts."""
    langs = [
        language_of(item.text) if isinstance(item, _Item) else language_of(" ".join(_cells(item))) for item in items
    ]
    if "ko" not in langs:
        return [], items
    for start in range(len(items)):
        if langs[start] != "en" or "ko" not in langs[:start]:
            continue
        tail = [lang for lang in langs[start:] if lang]
        english = tail.count("en")
        if english >= 2 and english >= 0.8 * len(tail):
            return items[:start], items[start:]
    return items, []


def _is_noise(text: str) -> bool:
    return any(pattern.search(text) for pattern in NOISE_RES)


def _strip_dateline(text: str) -> str:
    for pattern in DATELINE_RES:
        stripped = pattern.sub("", text, count=1)
        if stripped != text and stripped.strip():
            return stripped
    return text


def _title_candidate(text: str) -> bool:
    stripped = text.strip()
    return (
        0 < len(stripped) <= 160
        and not SENTENCE_END_RE.search(stripped)
        and not BULLET_RE.match(stripped)
        and not NOTE_RE.match(stripped)
        and not ATTACHMENT_RE.match(stripped)
        and not CAPTION_RE.match(stripped)
        and stripped[0] not in "“\"‘'「『(["
    )


def _wraps(first: _Item, second: _Item, lang: Lang) -> bool:
    """Is ``second`` the headline's second line rather than a subtitle?"""
    text = second.text.strip()
    if not _title_candidate(text) or BULLET_RE.match(text) or _is_noise(text):
        return False
    if first.group and first.group == second.group:
        return True  # two paragraphs of the same title box
    if lang == "en":
        return text[:1].islower()
    head = first.text.strip()
    return (head.endswith((",", "·", "‧", "및", "와", "과")) or len(head) <= 25) and len(head) + len(text) <= 80


def _subtitle_text(text: str) -> str:
    match = BULLET_RE.match(text)
    return (match.group(2) if match else text).strip()


def _headline(items: list[Item], lang: Lang, dropped: list[str]) -> tuple[str | None, list[str], list[Item]]:
    """Headline (one or two lines) and up to three subtitle lines before the first body paragraph."""
    index = 0
    while index < len(items) and isinstance(items[index], _Item) and _is_noise(items[index].text):
        dropped.append(items[index].text.strip())
        index += 1
    first = items[index] if index < len(items) else None
    if not isinstance(first, _Item) or not _title_candidate(first.text):
        return None, [], items
    title = first.text.strip()
    index += 1
    if index < len(items) and isinstance(items[index], _Item) and _wraps(first, items[index], lang):
        title = f"{title} {items[index].text.strip()}"
        index += 1
    subtitles: list[str] = []
    while index < len(items) and len(subtitles) < 3:
        item = items[index]
        if not isinstance(item, _Item):
            break
        text = item.text.strip()
        bullet = BULLET_RE.match(text)
        if bullet and bullet.group(1) not in SUBTITLE_MARKS:
            break  # □ and the like open the body
        marked = bool(bullet)
        if _is_noise(text):
            dropped.append(text)
        elif (marked or _title_candidate(text)) and not SENTENCE_END_RE.search(text) and len(text) <= 200:
            subtitles.append(_subtitle_text(text))
        else:
            break
        index += 1
    return " ".join(title.split()), subtitles, items[index:]


def _mark_of(text: str) -> tuple[str, str] | None:
    stripped = text.strip()
    if PRIVATE_USE_RE.match(stripped):
        # Hangul's own symbol font: a bullet whose glyph has no Unicode equivalent.
        return "•", stripped[1:].strip()
    match = BULLET_RE.match(text)
    if not match:
        return None
    mark, rest = match.group(1), match.group(2)
    after = stripped[1:2]
    if mark in NEEDS_SPACE and not after.isspace():
        return None
    return mark, rest.strip()


def _body(items: list[Item], title: str | None, part: ParsedLanguage, release: ParsedRelease) -> None:
    marks: list[str] = []  # the marks of the list being built, outermost first
    in_attachments = False
    squashed_title = _squash(title or "")
    for item in items:
        if isinstance(item, Table):
            if is_contact_table(item.rows):
                department, contacts = parse_contacts(item.rows)
                release.department = release.department or department
                release.contacts.extend(contacts)
                marks.clear()
                continue
            cells = _cells(item)
            if len(item.rows) == 1 and cells and ATTACHMENT_BANNER_RE.match(_squash(cells[0])):
                part.body.append(Heading(" ".join(" ".join(c.split()) for c in cells)))
                marks.clear()
                continue
            rows = tuple(tuple(" ".join((c or "").split("\n")).strip() for c in row) for row in item.rows)
            part.body.append(TableRows(rows))
            marks.clear()
            continue
        raw = item.text
        text = raw.strip()
        if _is_noise(text) or (squashed_title and _squash(text) == squashed_title):
            part.dropped.append(text)
            continue
        stripped = _strip_dateline(raw)
        if stripped != raw:
            part.dropped.append(raw[: len(raw) - len(stripped)].strip())
            text = stripped.strip()
        caption = CAPTION_RE.match(text)
        if caption and PHOTO_CREDIT_RE.search(text):
            part.body.append(Caption(caption.group(1)))
            continue
        attachment = ATTACHMENT_RE.match(text)
        if attachment:
            label = _squash(attachment.group(1))
            part.body.append(Heading(label))
            if attachment.group(2).strip():
                part.body.append(ListItem(attachment.group(2).strip(), 0, "-"))
            in_attachments = True
            marks[:] = ["-"]
            continue
        if in_attachments and ATTACHMENT_ITEM_RE.match(raw):
            part.body.append(ListItem(text, 0, "-"))
            continue
        in_attachments = False
        note = NOTE_RE.match(text)
        if note and note.group(2).strip():
            part.body.append(Note(note.group(2).strip(), note.group(1)))
            continue
        marked = _mark_of(text)
        if marked:
            mark, rest = marked
            if mark in marks:
                del marks[marks.index(mark) + 1 :]
            else:
                marks.append(mark)
            part.body.append(ListItem(rest, len(marks) - 1, mark))
            continue
        previous = part.body[-1] if part.body else None
        if isinstance(previous, ListItem) and len(raw) - len(raw.lstrip()) >= 4:
            # An indented line under a bullet continues that bullet.
            part.body[-1] = ListItem(f"{previous.text}\n{text}", previous.level, previous.mark)
            continue
        marks.clear()
        part.body.append(Paragraph(" ".join(text.split())))


def parse_release(
    blocks: tuple[Block, ...] | list[Block],
    *,
    date: dt.date | None = None,
    title_ko: str | None = None,
    title_en: str | None = None,
) -> ParsedRelease:
    """Parse reader blocks. ``date`` is the release date given by the press office, if any."""
    unplaced: list[str] = []
    items, header = _take_header(_flatten(blocks), unplaced)
    release = ParsedRelease(ko=None, en=None)
    absolute = find_date(header.distributed_text or "") or find_date(header.embargo_text or "")
    reference = date or absolute
    release.distributed_at = find_datetime(header.distributed_text or "", reference)
    release.embargo_until = find_datetime(header.embargo_text or "", reference)
    header_date = (
        (release.embargo_until.date() if release.embargo_until else None)
        or find_date(header.embargo_text or "", reference)
        or find_date(header.print_text or "", reference)
        or (release.distributed_at.date() if release.distributed_at else None)
        or find_date(header.distributed_text or "", reference)
        or find_date(header.all_text, reference)
    )
    release.date = date or header_date
    korean, english = _split_languages(items)
    for lang, part_items, given in (("ko", korean, title_ko), ("en", english, title_en)):
        if not part_items and not (given and lang == "ko" and korean):
            continue
        dropped: list[str] = []
        title, subtitles, rest = _headline(part_items, lang, dropped)  # type: ignore[arg-type]
        if given:
            # The press office's headline wins; a headline found in the text is then body text.
            if title is not None and _squash(title) != _squash(given):
                rest = part_items
                subtitles = []
                dropped = []
            title = given
        part = ParsedLanguage(lang=lang, title=title, subtitles=subtitles, dropped=dropped)  # type: ignore[arg-type]
        _body(rest, title, part, release)
        if lang == "ko":
            part.unplaced.extend(unplaced)
            part.body.extend(Paragraph(text) for text in unplaced)
            release.ko = part
        else:
            release.en = part
    if release.ko is None and unplaced and release.en is not None:
        release.en.unplaced.extend(unplaced)
        release.en.body.extend(Paragraph(text) for text in unplaced)
    return release

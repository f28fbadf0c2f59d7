"""Blocks → a parsed release: language split, headline, subtitles, body, header dates, contacts.

Pure functions over reader blocks. Everything the parser does not recognise stays in the body,
in order; noise from republished copies (bylines, datelines, footers) is dropped and recorded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field, replace

from newsroom.model.release import Contact, Kind, Lang
from newsroom.parse.contacts import EMAIL_RE, is_contact_table, parse_contacts
from newsroom.parse.dates import find_date, find_datetime
from newsroom.parse.elements import (
    Caption,
    Figure,
    Heading,
    ListItem,
    Note,
    Paragraph,
    ParsedLanguage,
    ParsedRelease,
    TableRows,
)
from newsroom.parse.republished import (
    EN_PHONE_LINE_RE,
    FOOTER_LINES_MAX,
    NEWSWIRE_CONTACT_RE,
    board_field,
    english_board_contact,
    english_contact,
    newswire_contact,
    reprint_date,
)
from newsroom.read.blocks import Block, Line, Picture, Table

HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
LATIN_RE = re.compile(r"[A-Za-z]")
PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010ffff]")

# Government bullet marks, outermost first as releases usually nest them.
LIST_MARKS = "□■○◦∘ㅇ-–•▪❖◈△▴▲▸▶◆◇◎●"
NOTE_MARKS = ("※", "*", "☞")
BULLET_RE = re.compile(rf"^\s*([{re.escape(LIST_MARKS)}])\s*(?=\S)(.*)$")
# "-" and "ㅇ" are only marks when a space follows ("-5", "ㅇㅇ시" are text).
NEEDS_SPACE = {"-", "–", "ㅇ"}
SUBTITLE_MARKS = {"-", "–", "○", "◦", "∘", "•", "▪"}
NOTE_RE = re.compile(r"^\s*(※|\*{1,3}|☞)\s*(.*)$")
ATTACHMENT_RE = re.compile(r"^\s*【\s*(붙\s*임|별\s*첨)\s*】\s*(.*)$")
ATTACHMENT_ITEM_RE = re.compile(r"^\s+\d+\s*[.)]\s*\S")
ATTACHMENT_BANNER_RE = re.compile(r"^(붙\s*임|별\s*첨|참\s*고)\s*\d*$")
# The banner over an official release says what kind of release it is.
KIND_LABELS: dict[str, Kind] = {
    "보도자료": Kind.RELEASE,
    "PressRelease": Kind.RELEASE,
    "보도설명자료": Kind.EXPLANATION,
    "설명자료": Kind.EXPLANATION,
    "보도해명자료": Kind.EXPLANATION,
    "해명자료": Kind.EXPLANATION,
    "보도참고자료": Kind.REFERENCE,
    "참고자료": Kind.REFERENCE,
    "정정보도자료": Kind.CORRECTION,
    "정정자료": Kind.CORRECTION,
    "정정보도": Kind.CORRECTION,
}
BANNER_LABELS = set(KIND_LABELS)
# "채점 결과 보도자료": a banner with a word or two in front of the label.
BANNER_SUFFIX_RE = re.compile(r"^[가-힣]{2,8}(" + "|".join(sorted(KIND_LABELS, key=len, reverse=True)) + r")$")
# Embargo notices of agencies that print no header table: "★ 5월 28일(목) 조간으로 보도하여 주시기 바랍니다."
NOTICE_RE = re.compile(
    r"(보도|사용|게재)\s*(하여|해)\s*주시기\s*바랍니다|이후\s*보도|보도\s*가능|보도\s*바랍니다|\bembargoed?\b",
    re.IGNORECASE,
)
# A line that is only a date (a cover page's "2026. 4. 9.", "2026. 7. 1.(수)").
DATE_ONLY_RE = re.compile(
    r"^\s*(\d{4}|[’'‘]\d{2})\s*[.년]\s*\d{1,2}\s*[.월]?\s*(\d{1,2}\s*[.일]?)?\s*(\([월화수목금토일]\))?\s*$"
)
# A board's or newswire's bare post time on a line of its own: "2016-02-12 09:20", "2024/09/06 [16:57]".
BARE_DATETIME_RE = re.compile(r"^\s*\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}\.?\s+\[?\d{1,2}:\d{2}(:\d{2})?\]?\s*$")
# A 보도시점 that is a condition, not a moment: "국회 본회의 통과 시(별도안내)", "발표 후", "추후 안내".
HELD_CONDITION_RE = re.compile(
    r"별도\s*(안내|공지|통보|알림)|추후\s*(안내|공지|통보|결정)|미\s*정(?![가-힣])"
    r"|(통과|의결|발표|공포|서명|체결|종료|승인|확정|결정|개최|선고)\s*(시|후|이후|직후|즉시)(?![가-힣])"
    r"|upon\s+(passage|approval|announcement)|to\s+be\s+announced",
    re.IGNORECASE,
)
# Lines in front of the headline that give a phone number or a "자료 문의" (press contact) are not the headline.
FRONT_CONTACT_RE = re.compile(r"[☎☏]|자료\s*문의|^\s*[\[<(]?\s*문\s*의\s*[\]>)]?\s*[:：]?|홍보실|대변인실")
# A sentence ends with a full stop (Korean "…다." too); 개조식 lines end in 음/함/임/됨 without one.
SENTENCE_END_RE = re.compile(r"[.!?。][”\"’')]*\s*$|(음|함|임|됨)\s*$")
# A Korean body sentence: "…했다.", "…입니다.", "…바랍니다." (a headline ends with "!" or "?" or no mark at all).
KO_SENTENCE_END_RE = re.compile(r"[가-힣][.。][”\"’')]*\s*$|[a-z)][.]\s*$")
# 개조식 endings ("…추진함", "…예정임") end a sentence; a short headline line may end in such a noun ("한 걸음").
KO_BRIEF_END_RE = re.compile(r"(음|함|임|됨)\s*$")
BRIEF_MIN = 30
# A headline line ending like this carries on in the next line ("…을 위한", "…및", "…,").
CONTINUING_ENDS = (
    ",",
    "·",
    "‧",
    "및",
    "와",
    "과",
    "의",
    "을",
    "를",
    "로",
    "에",
    "에서",
    "위한",
    "위해",
    "통해",
    "하는",
    "한",
)
FRONT_MAX = 6
# A caption line under a photo; the mark and any closing bracket are not part of the text.
PICTURE_CAPTION_RE = re.compile(
    r"^\s*(?:▲|△|\[\s*사진\s*\]|[<〈(]\s*사진|사진\s*[:：]|\[?\s*Photo\s*\]?\s*[:：]?)\s*(.+)$"
)
# Smaller than this on both sides, a picture is a ministry's logo or an icon, not a photo of the release.
ICON_MAX_WIDTH = 240
ATTACHMENT_TITLE_RE = re.compile(r"^(?:붙\s*임|별\s*첨|참\s*고)\s*\d*\s+(\S.{3,})$")
ICON_MAX_HEIGHT = 120
# A strip this low is a banner or a rule, whatever its width.
BANNER_MAX_HEIGHT = 80
# An agency's web address under its masthead.
URL_LINE_RE = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)
# The sections of a 보도설명자료 / 해명자료: "1. 관련 기사", "2. 설명 내용".
SECTION_RE = re.compile(
    r"^\s*\d\s*[.)]\s*(관련\s*(기사|보도)|기사\s*(내용|요지)|보도\s*(내용|요지)|(설명|해명|반박)\s*(내용|자료)?"
    r"|참고\s*(사항|자료)?|향후\s*계획)\s*$"
)
CLASSIFICATION_RE = re.compile(r"^[(<\[]?\s*(비\s*)?공\s*개\s*[)>\]]?$")
TITLE_LINES_MAX = 3
# A copied table row split by multi-line cells spans at most this many lines.
SPLIT_ROW_LINES_MAX = 8
# A header label alone on its line ("배포", "보도시점"), as a header copied without its grid gives it.
HEADER_LABEL_ONLY_RE = re.compile(
    r"^\s*(배\s*포(\s*일\s*시)?|보\s*도\s*시\s*점|보\s*도\s*일\s*시|엠\s*바\s*고)\s*[:：]?\s*$"
)
HEADER_TOP = 12
# A header value without a date: "배포 즉시", "(인터넷) …", or a condition (HELD_CONDITION_RE).
HEADER_VALUE_RE = re.compile(
    r"즉\s*시|조\s*간|석\s*간|\(\s*(인\s*터\s*넷|지\s*면)\s*\)|별도\s*안내|통과\s*시|종료\s*시"
)
# How far around a row the widest line gives the table's width (rows of a table that split several lines).
WIDTH_WINDOW = 12
CELL_LINE_MAX = 24
NUMBERED_RE = re.compile(r"^\d{1,2}\s*[.)]\s")
SUBTITLES_MAX = 5
CANDIDATES_SHOWN = 4
MASTHEAD_GROUP = 100_000
PHONE_TEXT_RE = re.compile(r"(?<!\d)0\d{1,2}[-.)\s]\s*\d{3,4}[-.\s]\d{4}(?!\d)")
HEADER_LABEL_RE = re.compile(
    r"^\s*(배\s*포(\s*일\s*시)?|보도\s*시점|보도\s*일시|엠바고|\(\s*(지\s*면|인\s*터\s*넷|방\s*송|온\s*라\s*인)\s*\)"
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


Item = _Item | Table | Picture


def language_of(text: str) -> Lang | None:
    hangul = len(HANGUL_RE.findall(text))
    latin = len(LATIN_RE.findall(text))
    if hangul == 0 and latin == 0:
        return None
    return "en" if hangul * 10 < latin and hangul <= 2 else "ko"


def _cells(table: Table) -> list[str]:
    return [cell for row in table.rows for cell in row if cell and cell.strip()]


def _is_banner_row(row: tuple[str, ...]) -> bool:
    """A row of a copied table that opens a table of its own: the 보도자료 banner or a 붙임 attachment's title."""
    squashed = [_squash(cell) for cell in row if cell.strip()]
    return bool(squashed) and (
        any(cell in KIND_LABELS for cell in squashed) or bool(ATTACHMENT_BANNER_RE.match(squashed[0]))
    )


def _table_segments(rows: list[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """Copied tables follow each other with nothing between them: a banner row starts a table and ends it."""
    segments: list[list[tuple[str, ...]]] = []
    for row in rows:
        banner = _is_banner_row(row)
        if not segments or banner or (segments[-1] and _is_banner_row(segments[-1][-1]) and not banner):
            segments.append([])
        segments[-1].append(row)
    return segments


def _copied_rows(lines: list[str]) -> list[tuple[str, ...]]:
    """Rows of a table copied as text: cells joined by TAB, a row over several lines where a cell holds several.

    Hangul's "paste as text" writes a cell's paragraphs on lines of their own, so one row of W cells may
    arrive as a few lines whose TABs add up to exactly W - 1 (W: the widest line near them, in the same
    table): such lines are joined back into one row, each break a line break inside the cell it splits.
    Any other line is a row of its own (a copy that writes a cell's further paragraphs on lines below
    its row keeps them apart so).
    """
    rows: list[tuple[str, ...]] = []
    opening = [index for index, line in enumerate(lines) if _is_banner_row(tuple(line.split("\t")))]
    bounds = [0, *[index for index in opening if index], len(lines)]
    for first, last in itertools.pairwise(bounds):
        table = lines[first:last]
        start = 0
        while start < len(table):
            # Tables follow each other in a copy: a row's width is the widest line near it.
            near = table[max(0, start - WIDTH_WINDOW) : start + WIDTH_WINDOW]
            end = _row_end(table, start, max(line.count("\t") for line in near) + 1)
            cells: list[str] = [""]
            for line in table[start : end + 1]:
                head, *rest = line.split("\t")
                cells[-1] = f"{cells[-1]}\n{head}" if cells[-1] else head
                cells += rest
            split = end > start  # only a row that came split across lines has its last cell's lines below it
            start = end + 1
            # The last cell's further paragraphs, when the next row opens with an empty cell (or none follows).
            tail = start
            while tail < len(table) and "\t" not in table[tail] and _cell_line(table[tail]):
                tail += 1
            below = table[start:tail]
            last_cell_lines = tail == len(table) or table[tail].startswith("\t") or _same_shape(cells[-1], below)
            if split and tail > start and last_cell_lines:
                cells[-1] = "\n".join([cells[-1], *table[start:tail]])
                start = tail
            rows.append(tuple("\n".join(p.strip() for p in cell.split("\n") if p.strip()) for cell in cells))
    return rows


def _shape(text: str) -> str:
    """What a line looks like, not what it says: "(044-203-6268)" and "(044-203-6269)" look alike."""
    return re.sub(r"\d+", "0", re.sub(r"[가-힣]+", "가", re.sub(r"[A-Za-z]+", "a", text.strip())))


def _same_shape(cell: str, lines: list[str]) -> bool:
    """Lines below a row that look like its last cell's first line (a second telephone number, e-mail)."""
    first = _shape(cell.split("\n")[0])
    return bool(first) and any(ch in first for ch in "0@") and all(_shape(line) == first for line in lines)


def _cell_line(text: str) -> bool:
    """Could this line (no TAB in it) be one paragraph of a table cell split across lines?"""
    stripped = text.strip()
    return len(stripped) <= CELL_LINE_MAX and not _marked(stripped) and not NUMBERED_RE.match(stripped)


def _row_end(lines: list[str], start: int, width: int) -> int:
    """The last line of the row starting at ``start``: where its TABs reach W - 1 (at most a few lines on)."""
    tabs = 0
    for end in range(start, min(len(lines), start + SPLIT_ROW_LINES_MAX)):
        if end > start and lines[end].startswith("\t"):
            break  # a line opening with an empty cell opens a row
        if "\t" not in lines[end] and not _cell_line(lines[end]):
            break  # a sentence, an attachment or list line between two tables is no cell's line
        tabs += lines[end].count("\t")
        if tabs >= width - 1:
            return end if tabs == width - 1 else start
    return start


def _flatten(blocks: tuple[Block, ...] | list[Block]) -> list[Item]:
    """Tab rows become tables; layout tables (one column, or one filled cell) become lines."""
    items: list[Item] = []
    group = 0
    tab_run: list[str] = []
    pending: list[str] = []

    def flush_tabs() -> None:
        rows = _copied_rows(tab_run)
        held = [_Item(line) for line in pending]
        pending.clear()
        for segment in _table_segments(rows):
            if len(segment) >= 2 or is_contact_table(segment) or _is_banner_row(segment[0]):
                width = max(len(r) for r in segment)
                items.append(Table(tuple(r + ("",) * (width - len(r)) for r in segment)))
            else:
                items.extend(_Item(" ".join(cell for cell in row if cell)) for row in segment)
        tab_run.clear()
        items.extend(held)

    for block in blocks:
        if isinstance(block, Line):
            text = block.text.rstrip()
            # Leading and trailing tabs are empty cells of a copied table row (merged cells): they keep the
            # columns in place, and tell a row a multi-line cell split across lines from a complete one.
            row = block.text.strip(" \r\n")
            filled = len([cell for cell in row.split("\t") if cell.strip()])
            # Only TABs after the text: a cell's last line with the empty cells after it, inside a copied table.
            trailing = bool(tab_run) and row.endswith("\t") and filled == 1 and _cell_line(row.strip("\t"))
            is_row = "\t" in row.strip("\t") or (row.startswith("\t") and filled > 0) or trailing
            if is_row and (filled >= 2 or (tab_run and filled)):
                # A cell of several lines breaks a copied row: lines without a TAB between rows belong to it.
                tab_run.extend(pending)
                pending.clear()
                tab_run.append(row)
                continue
            if tab_run and text.strip() and len(pending) < 2 and len(text.strip()) <= 40:
                pending.append(text.strip())
                continue
            flush_tabs()
            if text.strip():
                items.append(_Item(text.replace("\t", " ")))
            continue
        flush_tabs()
        if isinstance(block, Picture):
            items.append(block)
            continue
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
    kind: Kind | None = None
    # An agency's embargo notice ("… 조간으로 보도하여 주시기 바랍니다") and a cover page's date line.
    notice_text: str = ""
    cover_date_text: str = ""
    # A republished copy's own metadata: a board's Date/Writer fields, a web reprint's 기사입력 line.
    metadata_date_text: str = ""
    reprint_date_text: str = ""
    writer: str | None = None
    # An English board's contact header line ("Name … +82 (044) … Inquiry 3").
    contacts: list[Contact] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _republished_field(item: _Item, header: _Header, rest: list[Item]) -> bool:
    """A board's labelled field or a web reprint's date line near the top: take it as a field, not as text."""
    text = item.text.strip()
    when = reprint_date(text)
    if when is not None:
        header.reprint_date_text = header.reprint_date_text or when
        header.dropped.append(text)
        return True
    if BARE_DATETIME_RE.match(text):
        # A board's post time under the headline: the board's date, not a line of the release.
        header.metadata_date_text = header.metadata_date_text or text
        header.dropped.append(text)
        return True
    contact = english_board_contact(text)
    if contact is not None:
        header.contacts.append(contact)
        header.dropped.append(text)
        return True
    found = board_field(text)
    if found is None:
        return False
    if found.field == "title":
        rest.append(_Item(found.value, item.group))  # the headline, without its label
    elif found.field == "writer":
        header.writer = header.writer or found.value
    elif found.field == "date":
        header.metadata_date_text = header.metadata_date_text or found.value
    else:
        header.dropped.append(text)  # a view count
    return True


def _board_table(table: Table, header: _Header, rest: list[Item]) -> bool:
    """A board's post shown as a table of label | value rows."""
    rows = [[cell for cell in row if cell and cell.strip()] for row in table.rows]
    rows = [row for row in rows if row]
    if not rows or not all(len(row) == 2 and board_field(f"{row[0]}: {row[1]}") for row in rows):
        return False
    for label, value in rows:
        _republished_field(_Item(f"{label.strip()}: {' '.join(value.split())}"), header, rest)
    return True


def _masthead_text(text: str) -> bool:
    return (
        len(HANGUL_RE.findall(text)) < 6
        or bool(FRONT_CONTACT_RE.search(text) or PHONE_TEXT_RE.search(text))
        or "http" in text
        or "www." in text
    )


def _banner_kind(squashed: str) -> Kind | None:
    if squashed in KIND_LABELS:
        return KIND_LABELS[squashed]
    match = BANNER_SUFFIX_RE.match(squashed)
    return KIND_LABELS[match.group(1)] if match else None


def _join_header_labels(items: list[Item]) -> list[Item]:
    """A header copied without its grid gives a label on a line of its own ("배포", then "2026. 1. 6.(화) 08:30"):
    the label and the dated lines under it are one header line again."""
    out: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        label = isinstance(item, _Item) and index < HEADER_TOP and HEADER_LABEL_ONLY_RE.match(item.text)
        if not label:
            out.append(item)
            index += 1
            continue
        parts = [item.text.strip()]  # type: ignore[union-attr]
        index += 1
        while index < len(items) and len(parts) <= 2:
            following = items[index]
            if not isinstance(following, _Item) or HEADER_LABEL_ONLY_RE.match(following.text):
                break
            if find_date(following.text, ANY_DAY) is None and not HEADER_VALUE_RE.search(following.text):
                break
            parts.append(following.text.strip())
            index += 1
        out.append(_Item(" ".join(parts), item.group))  # type: ignore[union-attr]
    return out


def _take_header(items: list[Item], unplaced: list[str]) -> tuple[list[Item], _Header]:
    """Remove the banner ("보도자료"), the 배포 / 보도시점 block and embargo notices from the top of the release."""
    header = _Header()
    rest: list[Item] = []
    items = _join_header_labels(items)
    for index, item in enumerate(items):
        near_top = index < 12
        if isinstance(item, Picture):
            rest.append(item)
            continue
        texts = _cells(item) if isinstance(item, Table) else [item.text]
        squashed = [_squash(t) for t in texts]
        kinds = [_banner_kind(s) for s in squashed]
        if near_top and isinstance(item, Table) and any(kinds) and len(texts) <= 8:
            header.kind = header.kind or next(k for k in kinds if k)
            for text, kind in zip(texts, kinds, strict=True):
                if kind is not None:
                    continue
                if _masthead_text(text):
                    # The logo's alt text, the agency's name, address or phone beside the banner: listed, not release.
                    unplaced.append(" ".join(text.split()))
                else:
                    # An agency's masthead may hold the headline box itself.
                    rest.extend(_Item(line, MASTHEAD_GROUP + index) for line in text.split("\n") if line.strip())
            continue
        if near_top and isinstance(item, _Item) and squashed[0] in KIND_LABELS:
            header.kind = header.kind or KIND_LABELS[squashed[0]]
            # Above the banner, copied without its table: the logo's alt text or the agency's name.
            while rest and isinstance(rest[-1], _Item) and len(rest) <= 2 and _masthead_text(rest[-1].text):
                unplaced.insert(0, " ".join(rest.pop().text.split()))  # type: ignore[union-attr]
            continue
        joined = " ".join(texts)
        # Only a short labelled block with a date in it is the header; anything else stays in the body.
        if (
            near_top
            and any(HEADER_LABEL_RE.match(t) for t in texts)
            and (isinstance(item, Table) or len(joined) <= 160)
            and (find_date(joined, ANY_DAY) is not None or HEADER_VALUE_RE.search(joined) is not None)
        ):
            _read_header(joined, header)
            continue
        if near_top and isinstance(item, _Item) and _republished_field(item, header, rest):
            continue
        if near_top and isinstance(item, Table) and _board_table(item, header, rest):
            continue
        if near_top and isinstance(item, _Item) and len(joined) <= 160 and NOTICE_RE.search(joined):
            header.notice_text = f"{header.notice_text} {' '.join(joined.split())}".strip()
            continue
        if near_top and isinstance(item, _Item) and DATE_ONLY_RE.match(joined) and not header.cover_date_text:
            header.cover_date_text = joined.strip()
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
    """Korean first, English after (as in the city's releases): find where the English version starts.

    Only an English block that follows the Korean body as a release of its own (a headline line, then
    paragraphs at least as long as the Korean lead) is a translation. English after 【붙임】/【별첨】, inside
    a table, or shorter than that is part of the Korean release (an MOU text, a quoted statement).
    """
    langs = [
        None
        if isinstance(item, Picture)
        else language_of(item.text)
        if isinstance(item, _Item)
        else language_of(" ".join(_cells(item)))
        for item in items
    ]
    if "ko" not in langs:
        return [], items
    for start in range(len(items)):
        if langs[start] != "en" or "ko" not in langs[:start]:
            continue
        tail = [lang for lang in langs[start:] if lang]
        english = tail.count("en")
        if english >= 2 and english >= 0.8 * len(tail):
            if _is_translation(items[:start], items[start:]):
                return items[:start], items[start:]
            return items, []
    return items, []


def _is_translation(korean: list[Item], english: list[Item]) -> bool:
    head = english[0]
    if not isinstance(head, _Item) or not _title_candidate(head.text, "en") or head.group:
        return False  # an English table or box, or a block opening with a sentence: not a release's headline
    if any(isinstance(item, _Item) and ATTACHMENT_RE.match(item.text) for item in korean):
        return False  # after 【붙임】 everything is the attachments
    banners = [_squash((_cells(item) or [""])[0]) for item in korean if isinstance(item, Table)]
    if any(ATTACHMENT_BANNER_RE.match(banner) for banner in banners):
        return False
    paragraphs = [item.text for item in english[1:] if isinstance(item, _Item) and language_of(item.text) == "en"]
    if not paragraphs:
        return False
    lead = next(
        (item.text.strip() for item in korean if isinstance(item, _Item) and _sentence(item.text.strip(), "ko")), ""
    )
    return sum(len(text.strip()) for text in paragraphs) >= len(lead)


def _is_noise(text: str) -> bool:
    return any(pattern.search(text) for pattern in NOISE_RES)


def _strip_dateline(text: str) -> str:
    for pattern in DATELINE_RES:
        stripped = pattern.sub("", text, count=1)
        if stripped != text and stripped.strip():
            return stripped
    return text


def _title_candidate(text: str, lang: Lang, boxed: bool = False) -> bool:
    """Could this line open a headline? A line of a title box may end like a sentence ("…만들겠습니다.")."""
    stripped = text.strip()
    if not 0 < len(stripped) <= 200 or _is_noise(stripped):
        return False
    if BULLET_RE.match(stripped) or NOTE_RE.match(stripped) or ATTACHMENT_RE.match(stripped):
        return False
    if CAPTION_RE.match(stripped) or FRONT_CONTACT_RE.search(stripped):
        return False
    if boxed:
        return len(stripped) <= 160
    # Korean headlines end with "!" or "?" often, with a full stop almost never; body sentences end with "다.".
    return len(stripped) <= 160 and not _sentence(stripped, lang)


def _sentence(text: str, lang: Lang) -> bool:
    """Does the line end like a body sentence rather than a headline?"""
    if lang == "en":
        return bool(SENTENCE_END_RE.search(text))
    return bool(KO_SENTENCE_END_RE.search(text)) or (len(text) > BRIEF_MIN and bool(KO_BRIEF_END_RE.search(text)))


def _marked(text: str) -> bool:
    stripped = text.strip()
    return bool(BULLET_RE.match(stripped) or NOTE_RE.match(stripped) or ATTACHMENT_RE.match(stripped)) or (
        stripped.startswith(("【", "[", "<", "〈"))
    )


def _front_matter(items: list[Item], item: _Item) -> bool:
    """A contact line or a report cover's label box in front of the headline."""
    if (FRONT_CONTACT_RE.search(item.text) and len(item.text.strip()) <= 200) or URL_LINE_RE.match(item.text):
        return True
    return bool(item.group) and _cover_label_box(items, item.group)


def _cover_label_box(items: list[Item], group: int) -> bool:
    """A report's cover box naming the meeting ("관계장관 TF", "(공개)"), not the headline that follows it."""
    lines = [item.text.strip() for item in items if isinstance(item, _Item) and item.group == group]
    return any(CLASSIFICATION_RE.match(line) for line in lines)


def _continues(head: str, text: str, lang: Lang) -> bool:
    """Does ``text`` (on a line of its own, outside a title box) carry on the headline ``head``?"""
    if lang == "en":
        return text[:1].islower()
    if text.startswith(("「", "｢", "『")):
        return True  # the 「…」 line names what the headline announces
    if head.startswith(("“", "‘", '"')) and head.endswith(("”", "’", '"')):
        return True  # a quoted slogan heads the headline: “미래 창업가 400팀 키운다” / 2026 학생 창업유망팀 …
    return head.endswith(CONTINUING_ENDS) or len(head) <= 25


def _leads_marked_subtitles(items: list[Item], index: int) -> bool:
    """Is the line at ``index`` followed by a marked subtitle ("- …")?

    A release marks its subtitles alike, so an unmarked line between the headline's first line and the
    marked subtitles is the headline's second line: a title box copied as text ("교사가 안심하고 가르치는" /
    "학교를 만들겠습니다." / "- 중대한 …") loses the box that said so, and that line may end like a sentence.
    """
    following = items[index + 1] if index + 1 < len(items) else None
    if not isinstance(following, _Item):
        return False
    bullet = BULLET_RE.match(following.text.strip())
    return bool(bullet) and bullet.group(1) in SUBTITLE_MARKS


def _headline(
    items: list[Item], lang: Lang, dropped: list[str], front: list[str]
) -> tuple[str | None, list[str], list[Item]]:
    """Headline (one to three lines) and up to five subtitle lines before the first body paragraph.

    Official layouts put contact lines, a cover date or an agency box before the headline: those are skipped
    (into ``front``). A headline in a title box (one group) takes every unmarked line of that box.
    """
    index = 0
    pictures: list[Picture] = []  # pictures over the headline (a photo, a logo) go to the body's start
    while index < len(items) and index < FRONT_MAX + len(pictures):
        item = items[index]
        if isinstance(item, Picture):
            pictures.append(item)
        elif isinstance(item, _Item) and _is_noise(item.text):
            dropped.append(item.text.strip())
        elif isinstance(item, _Item) and _front_matter(items, item):
            front.append(item.text.strip())
        else:
            break
        index += 1
    first = items[index] if index < len(items) else None
    if not isinstance(first, _Item) or not _title_candidate(first.text, lang, boxed=first.group > 0):
        return None, [], items
    lines = [first.text.strip()]
    index += 1
    while index < len(items) and len(lines) < TITLE_LINES_MAX:
        item = items[index]
        if not isinstance(item, _Item) or _marked(item.text) or _is_noise(item.text):
            break
        text = item.text.strip()
        if first.group:
            if item.group != first.group or len(text) > 160:
                break
        elif not (
            _title_candidate(text, lang, boxed=_leads_marked_subtitles(items, index))
            and (_continues(lines[-1], text, lang) or _leads_marked_subtitles(items, index))
            and sum(map(len, lines)) + len(text) <= 120
        ):
            break
        lines.append(text)
        index += 1
    title = " ".join(lines)
    subtitles: list[str] = []
    while index < len(items) and len(subtitles) < SUBTITLES_MAX:
        item = items[index]
        if not isinstance(item, _Item):
            break
        text = item.text.strip()
        bullet = BULLET_RE.match(text)
        if (bullet and bullet.group(1) not in SUBTITLE_MARKS) or SECTION_RE.match(text):
            break  # □ and the like open the body, as does an explanation's "1. 관련 기사"
        marked = bool(bullet)
        boxed = bool(first.group) and item.group > 0 and not text.startswith(" ")
        if _is_noise(text):
            dropped.append(text)
        elif (
            (marked or boxed or _title_candidate(text, lang))
            and not _sentence(text, "ko")
            and not (lang == "en" and SENTENCE_END_RE.search(text))
            and len(text) <= 200
        ):
            subtitles.append(_subtitle_text(text))
        else:
            break
        index += 1
    return " ".join(title.split()), subtitles, [*pictures, *items[index:]]


def _subtitle_text(text: str) -> str:
    match = BULLET_RE.match(text)
    inner = (match.group(2) if match else text).strip()
    # "- … 노정 간담회 개최 -": a subtitle framed by dashes on both sides.
    return inner[:-1].rstrip() if inner.endswith((" -", " –")) else inner


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


def _with_captions(items: list[Item]) -> list[Item]:
    """A caption line right under a picture ("▲ …", "[사진] …", "< 사진 … >") becomes the picture's caption."""
    out: list[Item] = []
    for item in items:
        previous = out[-1] if out else None
        if (
            isinstance(item, _Item)
            and isinstance(previous, Picture)
            and not previous.caption
            and (match := PICTURE_CAPTION_RE.match(item.text))
        ):
            out[-1] = replace(previous, caption=" ".join(match.group(1).strip(" >〉)]").split()))
            continue
        out.append(item)
    return out


def _figure(picture: Picture, part: ParsedLanguage) -> Figure | None:
    """A picture to publish, or ``None`` (listed in ``unplaced``) for an unreadable image or a logo-sized icon."""
    if not picture.width or not picture.height:
        part.unplaced.append(f"image {picture.name}: not a readable picture")
        return None
    if (picture.width < ICON_MAX_WIDTH and picture.height < ICON_MAX_HEIGHT) or picture.height < BANNER_MAX_HEIGHT:
        part.unplaced.append(f"image {picture.name} ({picture.width}×{picture.height} px): a logo, icon or banner")
        return None
    return Figure(picture, picture.caption)


def _footer_contacts(items: list[Item], release: ParsedRelease) -> list[Item]:
    """Take a newswire's 연락처 footer and an English release's contact lines out of the body, as contacts."""
    kept: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        if not isinstance(item, _Item):
            kept.append(item)
            index += 1
            continue
        following = [i.text.strip() for i in items[index + 1 : index + 1 + FOOTER_LINES_MAX] if isinstance(i, _Item)]
        wire = NEWSWIRE_CONTACT_RE.match(item.text)
        if wire:
            lines = [wire.group(2)] if wire.group(2).strip() else []
            for text in following:
                noise = _is_noise(text) and not EMAIL_RE.fullmatch(text)
                if not text or len(text) > 60 or noise or BULLET_RE.match(text) or ":" in text[:8]:
                    break
                lines.append(text)
            contact = newswire_contact(lines)
            if contact is not None:
                release.contacts.append(contact)
                release.department = release.department or contact.organisation
                index += 1 + len(lines) - (1 if wire.group(2).strip() else 0)
                continue
        contact = english_contact(item.text, following[0] if following else "")
        if contact is not None:
            release.contacts.append(contact)
            index += 1
            if following and EN_PHONE_LINE_RE.match(following[0]) and contact.phone:
                index += 1
            continue
        kept.append(item)
        index += 1
    return kept


def _body(items: list[Item], title: str | None, part: ParsedLanguage, release: ParsedRelease) -> None:
    marks: list[str] = []  # the marks of the list being built, outermost first
    in_attachments = False
    squashed_title = _squash(title or "")
    for item in _with_captions(items):
        if isinstance(item, Picture):
            figure = _figure(item, part)
            previous = part.body[-1] if part.body else None
            if figure is not None and not figure.alt and isinstance(previous, Heading):
                # "붙임 1 … 홍보 포스터" right above a picture names what it shows.
                named = ATTACHMENT_TITLE_RE.match(previous.text)
                figure = replace(figure, alt=named.group(1)) if named else figure
            if figure is not None:
                part.body.append(figure)
            continue
        if isinstance(item, Table):
            if is_contact_table(item.rows):
                department, contacts = parse_contacts(item.rows, part.unplaced)
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
        if SECTION_RE.match(text):
            part.body.append(Heading(" ".join(text.split())))
            marks.clear()
            continue
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


def parse_blocks(
    blocks: tuple[Block, ...] | list[Block],
    *,
    date: dt.date | None = None,
    title_ko: str | None = None,
    title_en: str | None = None,
) -> ParsedRelease:
    """Parse reader blocks. ``date`` is the release date given by the press office, if any."""
    unplaced: list[str] = []
    items, header = _take_header(_flatten(blocks), unplaced)
    release = ParsedRelease(ko=None, en=None, kind=header.kind or Kind.RELEASE)
    _dates(release, header, date)
    korean, english = _split_languages(items)
    for lang, part_items, given in (("ko", korean, title_ko), ("en", english, title_en)):
        if not part_items and not (given and lang == "ko" and korean):
            continue
        dropped: list[str] = []
        front: list[str] = []
        title, subtitles, rest = _headline(part_items, lang, dropped, front)  # type: ignore[arg-type]
        if given:
            # The press office's headline wins; a headline found in the text is then body text.
            if title is not None and _squash(title) != _squash(given):
                rest = part_items
                subtitles = []
                dropped = []
                front = []
            title = given
        part = ParsedLanguage(lang=lang, title=title, subtitles=subtitles, dropped=dropped)  # type: ignore[arg-type]
        if title is None:
            part.candidates = _candidates(part_items)
        part.dropped.extend(header.dropped)
        _body(_footer_contacts(rest, release), title, part, release)
        # Contact lines in front of the headline stay in the release, at the end of its body.
        part.body.extend(Paragraph(" ".join(text.split())) for text in front)
        if lang == "ko":
            part.unplaced.extend(unplaced)
            release.ko = part
        else:
            release.en = part
    # A board's "Writer" names who issued the post: the department when no contact table named one.
    release.department = release.department or header.writer
    release.contacts.extend(contact for contact in header.contacts if contact not in release.contacts)
    if release.ko is None and unplaced and release.en is not None:
        release.en.unplaced.extend(unplaced)
    return release


def _dates(release: ParsedRelease, header: _Header, given: dt.date | None) -> None:
    """Release date, 배포 and embargo times from the header; else from a notice or a cover date (recorded)."""
    absolute = (
        find_date(header.distributed_text or "")
        or find_date(header.embargo_text or "")
        or find_date(header.cover_date_text)
        or find_date(header.notice_text)
    )
    reference = given or absolute
    if header.embargo_text and HELD_CONDITION_RE.search(header.embargo_text):
        # The moment is announced later: held, never published, until the press office sets it.
        release.embargo_held = " ".join(header.embargo_text.split())
        header.embargo_text = None
    release.distributed_at = find_datetime(header.distributed_text or "", reference)
    release.embargo_until = find_datetime(header.embargo_text or "", reference)
    distributed_day = find_date(header.distributed_text or "", reference)
    embargo_day = find_date(header.embargo_text or "", reference)
    if distributed_day and embargo_day and embargo_day < distributed_day - dt.timedelta(days=1):
        # An embargo before the release was even sent is a typo in the header (a year not yet changed in
        # January's template): the 배포 date stands, and the embargo is left for the press office to fill in.
        release.notes.append(f"보도시점 '{header.embargo_text}' is before 배포 '{header.distributed_text}'; left out")
        header.embargo_text = header.print_text = None
        release.embargo_until = None
    header_date = (
        (release.embargo_until.date() if release.embargo_until else None)
        or find_date(header.embargo_text or "", reference)
        or find_date(release.embargo_held or "", reference)
        or find_date(header.print_text or "", reference)
        or (release.distributed_at.date() if release.distributed_at else None)
        or find_date(header.distributed_text or "", reference)
        or find_date(header.all_text, reference)
    )
    if given is not None:
        release.date, release.date_source = given, "given"
    elif header_date is not None:
        release.date, release.date_source = header_date, "header"
    elif header.notice_text and (notice_date := find_date(header.notice_text, reference)) is not None:
        release.date, release.date_source = notice_date, "notice"
        release.embargo_until = release.embargo_until or find_datetime(header.notice_text, reference)
    elif header.metadata_date_text and (board_date := find_date(header.metadata_date_text)) is not None:
        release.date, release.date_source = board_date, "metadata"
    elif header.reprint_date_text and (reprint_day := find_date(header.reprint_date_text)) is not None:
        release.date, release.date_source = reprint_day, "reprint"
    elif header.cover_date_text:
        release.date, release.date_source = find_date(header.cover_date_text), "cover"


def _candidates(items: list[Item]) -> list[str]:
    """The first lines the headline search looked at, for a refusal that shows what was there."""
    out: list[str] = []
    for item in items[:CANDIDATES_SHOWN]:
        if isinstance(item, Picture):
            continue
        text = item.text if isinstance(item, _Item) else " | ".join(_cells(item))
        text = " ".join(text.split())
        out.append(text if len(text) <= 80 else f"{text[:79]}…")
    return out

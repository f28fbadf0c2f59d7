"""The contact table at the end of a Korean release: organisations, each with its 책임자 and 담당자.

An official contact table lists one or more organisations (담당 부서, 담당 기관, a joint ministry), each as a
block of rows: the organisation's path in the columns before the role (over one or several cells and lines,
e.g. ``교육부`` then ``청년장학지원과``), a 책임자 row, then 담당자 rows. A block ends where the next one begins:
at a new 책임자 or a new 담당 부서/기관 label once the block has its 담당자. The first block is the publisher's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers

from newsroom.model.release import Contact, ContactRole

PHONE_RE = re.compile(r"\(?\s*(0\d{1,2}[-.)\s]\s*\d{3,4}[-.\s]\d{4})\s*\)?")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
DEPARTMENT_LABEL_RE = re.compile(r"^(담당부서|담당과|부서|담당기관|기관|수행기관|협조기관|공동작성|공동)(명)?($|<|\()")
# A first-column cell that labels a block rather than naming an organisation.
LABEL_CELL_RE = re.compile(r"부서|기관|담당|작성|총괄|공동|협조|^[<〈(\[]|[>〉]$")
# "(국)", "(부서)": a template's hint left in the cell, not part of the organisation's name.
FORM_HINT_RE = re.compile(r"\s*\((국|실|관|부서|과|팀|기관|부처)\)")
NOTE_IN_CELL_RE = re.compile(r"[<〈][^<>〈〉]*[>〉]")
ROLES = {"책임자": ContactRole.LEAD, "담당자": ContactRole.OFFICER}
# An empty role cell, or only the note under a role ("(장애인 이용권)") that a copy put on a line of its own.
ROLE_NOTE_RE = re.compile(r"^\s*(\(.*\)|<.*>)?\s*$")
ROLE_RE = re.compile(r"^(책임자|담당자)(\(.*\)|<.*>)?$")

Rows = tuple[tuple[str | None, ...], ...]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _role(text: str) -> ContactRole | None:
    match = ROLE_RE.match(_squash(text))
    return ROLES[match.group(1)] if match else None


def is_contact_table(rows: Rows) -> bool:
    has_role = any(_role(cell) for row in rows for cell in row if cell)
    return has_role and any(PHONE_RE.search(cell or "") or EMAIL_RE.search(cell or "") for row in rows for cell in row)


def _filled(rows: Rows) -> list[list[tuple[str, bool]]]:
    """Merged positions take the text of the cell above (row spans), else of the cell to the left.

    Each cell comes with whether it is the row's own (``True``) or carried over from a merge.
    """
    out: list[list[tuple[str, bool]]] = []
    for r, row in enumerate(rows):
        filled: list[tuple[str, bool]] = []
        for c, cell in enumerate(row):
            if cell is not None:
                filled.append((cell, True))
            elif r > 0 and c < len(out[r - 1]):
                filled.append((out[r - 1][c][0], False))
            else:
                filled.append((filled[-1][0] if filled else "", False))
        out.append(filled)
    return out


def _phone(text: str) -> str | None:
    match = PHONE_RE.search(text)
    if not match:
        return None
    number = re.sub(r"[\s.)]+", "-", match.group(1)).strip("-")
    try:
        parsed = phonenumbers.parse(number, "KR")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(parsed) else None


@dataclass
class _Block:
    """One organisation of the table: its name parts and its contacts."""

    parts: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    has_officer: bool = False
    has_lead: bool = False

    @property
    def name(self) -> str | None:
        return " ".join(self.parts) or None


def _organisation_parts(row: tuple[str | None, ...], role_at: int) -> list[str]:
    """The organisation's name cells of a row: the row's own cells before the role, labels left out."""
    parts: list[str] = []
    for column, cell in enumerate(row[:role_at]):
        if not cell or not cell.strip():
            continue
        # "<초·중등\n교육법>": a note on what the block covers, over one or more lines.
        cell = NOTE_IN_CELL_RE.sub("", cell)
        for line in cell.split("\n"):
            text = FORM_HINT_RE.sub("", " ".join(line.split())).strip()
            squashed = _squash(text)
            if not squashed or (column == 0 and LABEL_CELL_RE.search(squashed)) or squashed[0] in "<〈[":
                continue
            if DEPARTMENT_LABEL_RE.match(squashed):
                continue
            parts.append(text)
    return parts


def _people(cells: list[tuple[str, bool]]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """(rank, name, phone, email) of the people in the cells after the role; a cell may list several, one a line."""
    columns: list[list[str]] = [[line.strip() for line in text.split("\n") if line.strip()] for text, _ in cells]
    columns = [column for column in columns if column]
    height = max((len(column) for column in columns), default=0)
    if height > 1 and all(len(column) in (1, height) for column in columns):
        rows = [[column[i] if len(column) == height else column[0] for column in columns] for i in range(height)]
    else:
        rows = [[" ".join(column) for column in columns]]
    people: list[tuple[str | None, str | None, str | None, str | None]] = []
    for texts in rows:
        phone: str | None = None
        email: str | None = None
        words: list[str] = []
        for text in texts:
            found_phone = _phone(text)
            found_email = EMAIL_RE.search(text)
            phone = phone or found_phone
            email = email or (found_email.group(0) if found_email else None)
            rest = PHONE_RE.sub("", text) if found_phone else text
            rest = EMAIL_RE.sub("", rest) if found_email else rest
            rest = re.sub(r"\(\s*\)", "", rest).strip()
            if rest:
                words.append(" ".join(rest.split()))
        rank: str | None = None
        name: str | None = None
        if len(words) >= 2:
            rank, name = _squash(words[0]), " ".join(words[1:])
        elif words:
            split = words[0].split()
            rank, name = (split[0], " ".join(split[1:])) if len(split) >= 2 else (None, split[0])
        if name is not None and re.fullmatch(r"[가-힣]\s+[가-힣]{1,2}", name):
            name = _squash(name)  # "성  민": a two-syllable name spaced out to line up with three-syllable ones
        if name is not None or phone is not None:
            people.append((rank, name, phone, email))
    return people


def parse_contacts(rows: Rows, unplaced: list[str] | None = None) -> tuple[str | None, list[Contact]]:
    """The publishing organisation (the first block's full path) and every contact, each with its organisation.

    A row naming someone (a telephone or e-mail) under a role other than 책임자/담당자 ("실장") is not guessed
    into one: its text goes to ``unplaced``.
    """
    blocks: list[_Block] = [_Block()]
    # In a copied table (TAB-separated text) a merged role cell arrives as an empty cell: carry the role down.
    role_column = next((i for row in rows for i, cell in enumerate(row) if cell and _role(cell)), None)
    if role_column is not None:
        rows = tuple(
            tuple(
                None if i == role_column and r > 0 and cell is not None and ROLE_NOTE_RE.match(cell) else cell
                for i, cell in enumerate(row)
            )
            for r, row in enumerate(rows)
        )
    filled = _filled(rows)
    role_columns = [next((i for i, (text, _) in enumerate(row) if _role(text)), None) for row in filled]
    usual_role_at = next((at for at in role_columns if at is not None), 0)
    first_role_row = next((r for r, at in enumerate(role_columns) if at is not None), 0)
    for number, (original, row, role_at) in enumerate(zip(rows, filled, role_columns, strict=True)):
        if number < first_role_row:
            continue  # a title row over the table ("붙임 주요과제별 소관 부서 및 담당자") names no organisation
        block = blocks[-1]
        role = _role(row[role_at][0]) if role_at is not None else None
        own_role = role_at is not None and original[role_at] is not None and bool(original[role_at])
        first = original[0] if original else None
        labels_a_block = bool(first) and DEPARTMENT_LABEL_RE.match(_squash(first or "")) is not None
        starts_block = (own_role and role == ContactRole.LEAD and (block.has_lead or block.has_officer)) or (
            labels_a_block and block.has_officer
        )
        if starts_block:
            block = _Block()
            blocks.append(block)
        for part in _organisation_parts(original, role_at if role_at is not None else usual_role_at):
            if part not in block.parts:
                block.parts.append(part)
        if role is None or role_at is None:
            own = [" ".join(cell.split()) for cell in original if cell and cell.strip()]
            if unplaced is not None and any(PHONE_RE.search(c) or EMAIL_RE.search(c) for c in own):
                unplaced.append("contact table row: " + " | ".join(own))
            continue
        after = row[role_at + 1 :]
        if not any(is_own and text.strip() for text, is_own in after):
            continue  # a row that only carries merged cells down names nobody new
        if role == ContactRole.LEAD:
            block.has_lead = True
        else:
            block.has_officer = True
        for rank, name, phone, email in _people(after):
            block.contacts.append(Contact(role=role, rank=rank, name=name, phone=phone, email=email, organisation=None))
    contacts = [
        contact.model_copy(update={"organisation": block.name}) for block in blocks for contact in block.contacts
    ]
    department = next((block.name for block in blocks if block.name), None)
    return department, contacts

"""The contact table at the end of a Korean release: department, 책임자 and 담당자."""

from __future__ import annotations

import re

import phonenumbers

from newsroom.model import Contact, ContactRole

PHONE_RE = re.compile(r"\(?\s*(0\d{1,2}[-.)\s]\s*\d{3,4}[-.\s]\d{4})\s*\)?")
DEPARTMENT_LABEL_RE = re.compile(r"^(담당부서|담당과|부서|담당기관|기관)(명)?($|<|\()")
ROLES = {"책임자": ContactRole.LEAD, "담당자": ContactRole.OFFICER}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_contact_table(rows: tuple[tuple[str | None, ...], ...]) -> bool:
    cells = {_squash(cell) for row in rows for cell in row if cell}
    return bool(cells & set(ROLES)) and any(PHONE_RE.search(cell or "") for row in rows for cell in row)


def _filled(rows: tuple[tuple[str | None, ...], ...]) -> list[list[tuple[str, bool]]]:
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


def parse_contacts(rows: tuple[tuple[str | None, ...], ...]) -> tuple[str | None, list[Contact]]:
    """Department (the first one named) and the contacts, in table order."""
    department: str | None = None
    organisation: str | None = None
    contacts: list[Contact] = []
    for row in _filled(rows):
        texts = [text for text, _ in row]
        squashed = [_squash(text) for text in texts]
        for i, cell in enumerate(squashed):
            if DEPARTMENT_LABEL_RE.match(cell) and i + 1 < len(texts) and texts[i + 1].strip():
                organisation = " ".join(texts[i + 1].split())
                if department is None and "기관" not in cell:
                    department = organisation
                break
        role_at = next((i for i, cell in enumerate(squashed) if cell in ROLES), None)
        if role_at is None:
            continue
        phone: str | None = None
        cells: list[str] = []
        own = False
        for text, is_own in row[role_at + 1 :]:
            found = _phone(text)
            own = own or (is_own and bool(text.strip()))
            if found:
                phone = phone or found
            elif text.strip():
                cells.append(" ".join(text.split()))
        if not own:
            continue  # a row that only carries merged cells down names nobody new
        rank: str | None = None
        name: str | None = None
        if len(cells) >= 2:
            rank, name = _squash(cells[0]), " ".join(cells[1:])
        elif cells:
            words = cells[0].split()
            rank, name = (words[0], " ".join(words[1:])) if len(words) >= 2 else (None, words[0])
        if name is None and phone is None:
            continue
        contacts.append(
            Contact(role=ROLES[squashed[role_at]], rank=rank, name=name, phone=phone, organisation=organisation)
        )
    return department, contacts

"""Shapes of republished releases: a board's field labels, a web reprint's date line, a newswire's 연락처
footer, and an English government release's metadata lines (upload date, contact name and telephone).

Pure functions over text lines; :mod:`newsroom.parse.release` decides where they apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsroom.model.release import Contact, ContactRole
from newsroom.parse.contacts import EMAIL_RE
from newsroom.parse.contacts import _phone as korean_phone

# A board's view of a post: "Title Detailed Direction of …", "Writer Ministry of …", "Date 2025-02-03", "Hits 120".
# Korean labels need their colon ("제목 줄" is a headline that starts with the word 제목).
BOARD_LABEL_RE = re.compile(
    r"^\s*(?:(?P<label>Title|Subject|Writer|Author|Upload(?:ed)?\s*Date|Date|Posted(?:\s+on)?|Hits?|Views?)"
    r"\s*(?:[:：|]\s*|\s+)"
    r"|(?P<ko_label>제\s*목|작\s*성\s*자|작\s*성\s*일|등\s*록\s*일|게\s*시\s*일|조\s*회\s*수?)\s*[:：|]\s*)"
    r"(?P<value>\S.*)$"
)
FIELD_OF_LABEL = {
    "title": "title",
    "subject": "title",
    "제목": "title",
    "writer": "writer",
    "author": "writer",
    "작성자": "writer",
    "date": "date",
    "uploaddate": "date",
    "uploadeddate": "date",
    "posted": "date",
    "postedon": "date",
    "작성일": "date",
    "등록일": "date",
    "게시일": "date",
    "hit": "count",
    "hits": "count",
    "view": "count",
    "views": "count",
    "조회": "count",
    "조회수": "count",
}
# A web reprint's own date line: "기사입력 2025.02.03 10:00", "입력 2025-02-03".
REPRINT_DATE_RE = re.compile(
    r"^\s*(기사\s*입력|입력|등록|발행|게재|승인|송고|Posted|Published)\s*[:：]?\s*(\d{4}\s*[.\-/년]\s*\d{1,2}.*)$",
    re.IGNORECASE,
)
# A newswire's footer: "연락처" then organisation, name and rank, telephone, e-mail (one a line or on one line).
NEWSWIRE_CONTACT_RE = re.compile(r"^\s*(연락처|문의처|보도\s*문의|언론\s*연락처)\s*[:：]?\s*(.*)$")
FOOTER_LINES_MAX = 6
RANKS = (
    "주무관|사무관|서기관|팀장|과장|계장|담당관|담당자|담당|대리|주임|선임|책임|매니저|부장|차장|실장|국장"
    "|대표|이사|연구원|홍보팀|홍보담당"
)
PERSON_RE = re.compile(
    rf"^(?P<name>[가-힣]{{2,4}})\s*(?P<rank>{RANKS})?$|^(?P<rank2>{RANKS})\s*(?P<name2>[가-힣]{{2,4}})$"
)
# English releases: "Contact: Kim Min-ho, Deputy Director (+82-44-203-6267)", "For further information, contact …".
EN_CONTACT_RE = re.compile(
    r"^\s*(?:(?:Contacts?(?:\s+(?:person|information))?|Press\s+contact|Media\s+contact|Inquiries)\s*[:：]"
    r"|For\s+(?:further|more)\s+(?:information|inquiries|details)\s*,?\s*(?:please\s+)?(?:contact|call|reach)?"
    r"\s*[:：]?)\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
EN_PHONE_LINE_RE = re.compile(r"^\s*(?:Tel(?:ephone)?|Phone)\.?\s*[:：]?\s*(?P<rest>.+)$", re.IGNORECASE)
# "+82-44-203-6267", "+82 (0)44 203 6267", "+82 (044) 201-4744": the area code with or without its 0 and brackets.
INTERNATIONAL_PHONE_RE = re.compile(
    r"\+\s*82[\s-]*\(?\s*0?\s*\)?\s*\(?0?(\d{1,2})\)?[\s-]*(\d{3,4})[\s-]+(\d{4})(?!\d)"
)
# An English board's contact header: "Name Kim Min-ho +82 (044) 201-4744 Inquiry 15" (the post's inquiry count).
EN_BOARD_CONTACT_RE = re.compile(
    r"^\s*Name\s*[:：]?\s*(?P<name>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})\s*"
    r"(?:Tel(?:ephone)?\.?|Phone)?\s*[:：]?\s*(?P<phone>\+\s*82[\d\s()\-]{8,20}?\d{4})(?!\d)"
    r"(?:\s*(?:Inquiry|Inquiries|Hits?|Views?)\s*[:：]?\s*[\d,]+)?\s*$"
)
EN_NAME_RE = re.compile(r"^(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>[A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+){1,3})\b")


@dataclass(frozen=True)
class BoardField:
    field: str  # title, writer, date, count
    value: str


def board_field(text: str) -> BoardField | None:
    """A board's labelled field in a line of its own; ``None`` for any other line."""
    match = BOARD_LABEL_RE.match(text)
    if not match:
        return None
    raw_label = match.group("label") or match.group("ko_label")
    label = re.sub(r"\s+", "", raw_label).lower()
    field = FIELD_OF_LABEL.get(label) or FIELD_OF_LABEL.get(re.sub(r"수$", "", label))
    if field is None:
        return None
    value = " ".join(match.group("value").split())
    if field == "count" and not re.fullmatch(r"[\d,]+", value):
        return None
    if field == "date" and not re.search(r"\d", value):
        return None
    # "Title" and "Date" open English sentences too ("Date palms…"): only a label when English is capitalised.
    if raw_label[:1].islower():
        return None
    return BoardField(field, value)


def reprint_date(text: str) -> str | None:
    match = REPRINT_DATE_RE.match(text)
    return match.group(2).strip() if match else None


def phone_in(text: str) -> str | None:
    """A Korean telephone number, written domestically (044-…) or internationally (+82-44-…)."""
    international = INTERNATIONAL_PHONE_RE.search(text)
    if international:
        return korean_phone(f"0{international.group(1)}-{international.group(2)}-{international.group(3)}")
    return korean_phone(text)


def newswire_contact(lines: list[str]) -> Contact | None:
    """A 연락처 footer's lines (the label's own remainder first): organisation, person, telephone, e-mail."""
    organisation: list[str] = []
    name: str | None = None
    rank: str | None = None
    phone: str | None = None
    email: str | None = None
    for line in lines:
        for part in re.split(r"\s*[,/|]\s*|\s{2,}", line.strip()):
            if not part:
                continue
            found_phone = phone_in(part)
            found_email = EMAIL_RE.search(part)
            if found_phone or found_email:
                phone = phone or found_phone
                email = email or (found_email.group(0) if found_email else None)
                continue
            person = PERSON_RE.match(part)
            if person and name is None and organisation:
                name = person.group("name") or person.group("name2")
                rank = person.group("rank") or person.group("rank2")
                continue
            organisation.append(part)
    if name is None and phone is None and email is None:
        return None
    return Contact(
        role=ContactRole.OFFICER,
        name=name,
        rank=rank,
        phone=phone,
        email=email,
        organisation=" ".join(organisation) or None,
    )


def english_board_contact(text: str) -> Contact | None:
    """An English board's header line naming the contact person and telephone, or ``None``."""
    match = EN_BOARD_CONTACT_RE.match(text)
    if not match:
        return None
    return Contact(role=ContactRole.OFFICER, name=match.group("name"), phone=phone_in(match.group("phone")))


def english_contact(text: str, following: str = "") -> Contact | None:
    """An English release's contact line ("Contact: Kim Min-ho, Deputy Director (+82-44-203-6267)")."""
    match = EN_CONTACT_RE.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    phone_line = EN_PHONE_LINE_RE.match(following)
    phone = phone_in(rest) or (phone_in(phone_line.group("rest")) if phone_line else None)
    email_match = EMAIL_RE.search(rest)
    words = re.split(r"\s*[,(]\s*", INTERNATIONAL_PHONE_RE.sub("", rest))
    name_match = EN_NAME_RE.match(words[0]) if words else None
    if name_match is None and phone is None:
        return None
    details = [w.strip(" )") for w in words[1:] if w.strip(" )") and not re.search(r"\d|@", w)]
    return Contact(
        role=ContactRole.OFFICER,
        name=name_match.group("name") if name_match else None,
        rank=details[0] if details else None,
        phone=phone,
        email=email_match.group(0) if email_match else None,
        organisation=", ".join(details[1:]) or None,
    )

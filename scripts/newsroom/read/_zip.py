"""Safe opening of zip-based documents (HWPX, DOCX): size limits and no XML entities."""

from __future__ import annotations

import zipfile
from pathlib import Path

from newsroom.read.blocks import MAX_FILE_BYTES, ReadError

MAX_MEMBER_BYTES = 30 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
# A ratio far above what text compresses to means a zip bomb.
MAX_RATIO = 200


def open_zip(path: Path, kind: str) -> zipfile.ZipFile:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ReadError(f"is larger than {MAX_FILE_BYTES // 2**20} MB; split the {kind} or remove images")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ReadError(f"is not a valid {kind} file (not a zip archive); re-save it from the editor") from error
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise ReadError(f"unpacks to more than the size limit ({info.filename}); re-save it without large media")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 2**20:
            raise ReadError(f"member {info.filename} is compressed suspiciously well (zip bomb?); refusing to unpack")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        data = archive.read(name)
    except KeyError as error:
        raise ReadError(f"has no {name}; is it really this format? Re-save it from the editor") from error
    # Entities are never needed in these formats; refusing them closes XXE and billion-laughs doors.
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise ReadError(f"{name} declares a DOCTYPE or entities, which these documents never need; refusing to read it")
    return data

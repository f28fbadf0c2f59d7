"""Safe opening of zip-based documents (HWPX, DOCX): size limits and no XML entities."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from newsroom.messages import _
from newsroom.read import limits
from newsroom.read.blocks import ReadError


def open_zip(path: Path, kind: str) -> zipfile.ZipFile:
    limits.check_input_size(path.stat().st_size, kind)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as error:
        problem = _("is not a valid {kind} file (not a zip archive); re-save it from the editor")
        raise ReadError(problem.format(kind=kind)) from error
    total = 0
    for count, info in enumerate(archive.infolist(), start=1):
        total += info.file_size
        limits.check_zip_member(info.filename, info.file_size, info.compress_size, total, count)
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        problem = _("has no {name}; is it really this format? Re-save it from the editor")
        raise ReadError(problem.format(name=name)) from error
    limits.check_xml_member(name, info.file_size)
    data = read_binary(archive, info)
    # Entities are never needed in these formats; refusing them closes XXE and billion-laughs doors.
    head = data[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        problem = _("{name} declares a DOCTYPE or entities, which these documents never need; refusing to read it")
        raise ReadError(problem.format(name=name))
    return data


def read_binary(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes (a picture, or XML before its checks); a damaged member is refused in one line.

    Bounded by what the archive declares (``limits.check_zip_member`` ran when it was opened): zipfile stops at
    the declared size and checks the CRC, so a member cannot unpack to more than it declares.
    """
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        problem = _("member {name} is damaged ({error}); re-save the file from the editor")
        raise ReadError(problem.format(name=info.filename, error=error)) from error

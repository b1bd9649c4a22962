"""Format sniffing and dispatch: decide what a file is from its bytes, then read it."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from extractor import limits
from extractor.document import Document
from extractor.errors import CorruptError, EmptyFileError, EncryptedError, UnsupportedFormatError
from extractor.limits import OLE_MAGIC
from extractor.script import to_simplified

#: The file names a folder walk picks up (the bytes, not the suffix, decide how a file is read).
SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".xlsx", ".xls", ".html", ".htm", ".md", ".markdown", ".txt"})


def sniff(data: bytes, name: str) -> str:
    """The format of ``data``: pdf, docx, xlsx, doc, xls, html, md or txt (doc/xls are read as docx/xlsx)."""
    head = data[:2048].lstrip()
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            import io

            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile as e:
            raise CorruptError(name, "broken zip container") from e
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise UnsupportedFormatError(name, "a zip archive that is neither DOCX nor XLSX")
    if data[:8] == OLE_MAGIC:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise EncryptedError(name, "password-protected Office file")
        from extractor.legacy import ole_kind

        kind = ole_kind(data, name)
        if kind is None:
            raise UnsupportedFormatError(name, "an OLE2 container that is neither a Word .doc nor an Excel .xls")
        return kind
    lower = head[:512].lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<table" in data[:200000].lower():
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise UnsupportedFormatError(name, "binary data of an unknown kind")
    return "txt"


def read(path: str | Path, *, max_pages: int | None = None) -> Document:
    """Read one file into a ``Document``; raise ``ExtractionError`` when it cannot be read."""
    path = Path(path)
    name = path.name
    try:
        limits.check_file_size(path, name, sniff)  # an oversized file is refused unread
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise UnsupportedFormatError(name, "no such file") from e
    except IsADirectoryError as e:
        raise UnsupportedFormatError(name, "a directory, not a file") from e
    if not data:
        raise EmptyFileError(name)
    fmt = sniff(data, name)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        from extractor import pdf

        doc = pdf.read_pdf(data, name, max_pages=max_pages)
    elif fmt == "docx":
        from extractor import docx

        doc = docx.read_docx(data, name)
    elif fmt == "xlsx":
        from extractor import xlsx

        doc = xlsx.read_xlsx(data, name)
    elif fmt == "doc":
        from extractor import legacy

        doc = legacy.read_doc(data, name)
    elif fmt == "xls":
        from extractor import legacy

        doc = legacy.read_xls(data, name)
    elif fmt == "html":
        from extractor import markdown

        doc = markdown.read_html_file(data, name)
    elif fmt == "md":
        from extractor import markdown

        doc = markdown.read_markdown(data, name)
    else:
        from extractor import text

        doc = text.read_text(data, name)
    doc.sha256 = sha
    doc.file = name
    return to_simplified(doc)

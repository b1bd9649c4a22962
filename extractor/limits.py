"""Safety limits that keep one hostile file from stalling a batch.

A DOCX whose document.xml inflates to gigabytes, or a PDF page with hundreds of
thousands of text objects, would take minutes and gigabytes before any parser fails.
The checks here look at declared and decompressed sizes first, cheaply, and refuse.

Text, Markdown and HTML have no container to inspect: a 200 MB ``.txt`` used to be read,
decoded and split whole (14.6 GB before it was stopped). They are refused by size before
the file is read (``check_file_size``, from the file's length and a sniffed head) and by
characters once decoded (``check_chars``), each with the one-line error that names the
file and the limit.

Every limit is a module constant (tests shrink them with ``monkeypatch``) whose default an
environment variable of the same name with a ``JIXIAO_`` prefix replaces, e.g.
``JIXIAO_MAX_TEXT_BYTES=33554432 jixiao check big.txt``.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from typing import Any

from extractor.errors import CorruptError, TooLargeError


def _configured(name: str, default: int) -> int:
    """``default``, or the whole number in the environment variable ``JIXIAO_<name>``."""
    raw = os.environ.get(f"JIXIAO_{name}", "").strip().replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


MAX_ZIP_MEMBER = _configured("MAX_ZIP_MEMBER", 256 * 1024 * 1024)  # bytes of one inflated part (document.xml)
MAX_ZIP_TOTAL = _configured("MAX_ZIP_TOTAL", 512 * 1024 * 1024)
MAX_ZIP_RATIO = _configured("MAX_ZIP_RATIO", 200)  # inflated / compressed, for parts larger than 16 MB
MAX_PAGE_CONTENT = _configured("MAX_PAGE_CONTENT", 3 * 1024 * 1024)  # decoded bytes of one PDF page's content
# Plain text and Markdown: 4 MB and 1 million characters, about 500 pages of Chinese prose and
# five times the longest real report; 0.95 million characters are checked in 70 s of CPU
# with a peak of 0.5 GB, so a file at the limit stays under the 1 GB of tests/hostile.
MAX_TEXT_BYTES = _configured("MAX_TEXT_BYTES", 4 * 1024 * 1024)
MAX_TEXT_CHARS = _configured("MAX_TEXT_CHARS", 1_000_000)
# HTML carries its markup: a 20,000-row table is 1.5 million characters (70 s, 0.54 GB), one of
# 40,000 rows 2.9 million (227 s, 0.89 GB: too close to 1 GB).
MAX_HTML_BYTES = _configured("MAX_HTML_BYTES", 16 * 1024 * 1024)
MAX_HTML_CHARS = _configured("MAX_HTML_CHARS", 2_000_000)
SNIFF_HEAD = 256 * 1024  # bytes read to tell a text format from the others without reading the file

_TEXT_FORMATS = {"txt": ("plain text", "TEXT"), "md": ("Markdown", "TEXT"), "html": ("HTML", "HTML")}


def _limit(fmt: str, what: str) -> int:
    """The current limit (read at call time, so that ``monkeypatch`` and the environment apply)."""
    return globals()[f"MAX_{_TEXT_FORMATS[fmt][1]}_{what}"]


def _size(n: int) -> str:
    """``8 MB``, ``200.5 MB``, ``64 KB``, ``100 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n // scale:,} {unit}" if n % scale == 0 else f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


def check_bytes(size: int, fmt: str, name: str) -> None:
    """``TooLargeError`` when a text, Markdown or HTML file of ``size`` bytes is over its byte limit."""
    if fmt not in _TEXT_FORMATS:
        return
    limit = _limit(fmt, "BYTES")
    if size > limit:
        label, key = _TEXT_FORMATS[fmt]
        raise TooLargeError(name, f"{_size(size)} of {label}; the limit is {_size(limit)}, "
                                  f"set JIXIAO_MAX_{key}_BYTES to change it")


def check_chars(text: str, fmt: str, name: str) -> None:
    """``TooLargeError`` when a decoded text, Markdown or HTML file has more characters than its limit."""
    limit = _limit(fmt, "CHARS")
    if len(text) > limit:
        label, key = _TEXT_FORMATS[fmt]
        raise TooLargeError(name, f"{len(text):,} characters of {label}; the limit is {limit:,}, "
                                  f"set JIXIAO_MAX_{key}_CHARS to change it")


def check_file_size(path: Any, name: str) -> None:
    """Refuse an oversized text, Markdown or HTML file from its length and its first bytes only.

    A file longer than the smallest text limit has its head sniffed: PDF, Office and zip
    files go on to their own limits; a text format over its limit is refused before the
    rest of the file is read.
    """
    try:
        size = os.stat(path).st_size
    except OSError:
        return  # the caller's read reports it
    if size <= min(MAX_TEXT_BYTES, MAX_HTML_BYTES):
        return
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_HEAD)
    from extractor.sniff import OLE_MAGIC, sniff

    if head[:1024].find(b"%PDF-") != -1 or head[:4] == b"PK\x03\x04" or head[:8] == OLE_MAGIC:
        return
    check_bytes(size, sniff(head, name), name)


def check_zip(data: bytes, name: str) -> None:
    """Raise ``TooLargeError`` for a zip bomb, ``CorruptError`` for a broken container."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorruptError(name, "broken zip container") from e
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > 16 * 1024 * 1024
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ZIP_MEMBER or (big and ratio > MAX_ZIP_RATIO):
            raise TooLargeError(name, f"{info.filename} inflates to {info.file_size // (1024 * 1024)} MB")
    if total > MAX_ZIP_TOTAL:
        raise TooLargeError(name, f"the parts inflate to {total // (1024 * 1024)} MB")


def page_content_size(page: Any, limit: int = MAX_PAGE_CONTENT) -> int:
    """Decoded size of a PDF page's content streams, counting at most ``limit + 1`` bytes.

    Flate streams are inflated incrementally so that a compressed bomb is measured
    without being held in memory; other filters are decoded by pdfminer.
    """
    from pdfminer.pdftypes import resolve1

    contents = resolve1(page.page_obj.attrs.get("Contents"))
    streams = contents if isinstance(contents, list) else [contents]
    size = 0
    for ref in streams:
        stream = resolve1(ref)
        if stream is None or not hasattr(stream, "attrs"):
            continue
        filters = resolve1(stream.attrs.get("Filter"))
        names = [str(getattr(f, "name", f)) for f in (filters if isinstance(filters, list) else [filters])]
        raw = getattr(stream, "rawdata", None)
        if names == ["FlateDecode"] and raw is not None:
            try:
                size += len(zlib.decompressobj().decompress(raw, limit + 1 - size))
            except zlib.error:
                continue
        else:
            try:
                size += len(stream.get_data())
            except Exception:
                continue
        if size > limit:
            break
    return size

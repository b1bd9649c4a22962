"""Safety limits that keep one hostile file from stalling a batch.

A DOCX whose document.xml inflates to gigabytes, or a PDF page with hundreds of
thousands of text objects, would take minutes and gigabytes before any parser fails.
The checks here look at declared and decompressed sizes first, cheaply, and refuse.

Text, Markdown and HTML have no container to inspect: a 200 MB ``.txt`` used to be read,
decoded and split whole (14.6 GB before it was stopped). They are refused by size before
the file is read (``check_file_size``, from the file's length and a sniffed head) and by
characters once decoded (``check_chars``), each with the one-line error that names the
file and the limit.

PDF, DOCX and XLSX are refused by bytes from the file's length before it is read (the zip's
central directory tells DOCX from XLSX), then by what they hold before the parser builds it:
a PDF by its page count, a DOCX by the table rows and cells of its inflated document.xml and
an XLSX by the rows and cells of its sheets, both counted on the inflated XML streamed in
1 MB pieces and stopped at the limit (``check_docx_tables``, ``check_xlsx_sheets``). A
1,048,576-row XLSX took 150 s and 808 MB in openpyxl; counted here, it is refused at once.

Every limit is a module constant (tests shrink them with ``monkeypatch``) whose default an
environment variable of the same name with a ``JIXIAO_`` prefix replaces, e.g.
``JIXIAO_MAX_TEXT_BYTES=33554432 jixiao check big.txt``.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from extractor.errors import CorruptError, TooLargeError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and old .doc/.xls (no size limit)


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
# PDF: bytes of the file and pages read. 1,000 pages are checked in 111 s of CPU and 193 MB
# (read page by page); the longest real report has about 100 pages.
MAX_PDF_BYTES = _configured("MAX_PDF_BYTES", 256 * 1024 * 1024)
MAX_PDF_PAGES = _configured("MAX_PDF_PAGES", 1_000)
# DOCX: the file, then the rows and cells of all its tables (a 10,000 × 10 table took 54 s;
# 5,000 × 10 are checked in 12 s of CPU and 209 MB).
MAX_DOCX_BYTES = _configured("MAX_DOCX_BYTES", 64 * 1024 * 1024)
MAX_DOCX_ROWS = _configured("MAX_DOCX_ROWS", 5_000)
MAX_DOCX_CELLS = _configured("MAX_DOCX_CELLS", 50_000)
# XLSX: the file, then the rows and the written cells of all its sheets; 50,000 rows × 4 cells are
# checked in 50 s of CPU and 672 MB (benchmarks/README.md).
MAX_XLSX_BYTES = _configured("MAX_XLSX_BYTES", 64 * 1024 * 1024)
MAX_XLSX_ROWS = _configured("MAX_XLSX_ROWS", 50_000)
MAX_XLSX_CELLS = _configured("MAX_XLSX_CELLS", 200_000)
SNIFF_HEAD = 256 * 1024  # bytes read to tell a text format from the others without reading the file

#: format → (what a message calls it, the key of its limits: MAX_<key>_BYTES …)
_FORMATS = {"txt": ("plain text", "TEXT"), "md": ("Markdown", "TEXT"), "html": ("HTML", "HTML"),
            "pdf": ("PDF", "PDF"), "docx": ("DOCX", "DOCX"), "xlsx": ("XLSX", "XLSX")}
_TEXT_FORMATS = ("txt", "md", "html")
_CHUNK = 1024 * 1024  # bytes of inflated XML scanned at a time
_TAIL = 16  # longest tag start counted (``<abcdefgh:row ``): kept from one piece for the next


def _limit(fmt: str, what: str) -> int:
    """The current limit (read at call time, so that ``monkeypatch`` and the environment apply)."""
    return globals()[f"MAX_{_FORMATS[fmt][1]}_{what}"]


def _refuse(name: str, fmt: str, what: str, amount: str, limit: str) -> TooLargeError:
    """The one-line error: what the file holds, the limit, and the variable that changes it."""
    label, key = _FORMATS[fmt]
    return TooLargeError(name, f"{amount} of {label}; the limit is {limit}, set JIXIAO_MAX_{key}_{what} to change it")


def check_count(count: int, fmt: str, what: str, name: str, noun: str, *, partial: bool = False) -> None:
    """``TooLargeError`` when ``count`` ``noun`` (pages, table rows …) are over the format's limit ``what``.

    ``partial``: counting stopped once past the limit, so the file holds at least ``count``.
    """
    limit = _limit(fmt, what)
    if count > limit:
        raise _refuse(name, fmt, what, f"{'at least ' if partial else ''}{count:,} {noun}", f"{limit:,}")


def _size(n: int) -> str:
    """``8 MB``, ``200.5 MB``, ``64 KB``, ``100 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n // scale:,} {unit}" if n % scale == 0 else f"{n / scale:,.1f} {unit}"
    return f"{n:,} bytes"


def check_bytes(size: int, fmt: str, name: str) -> None:
    """``TooLargeError`` when a file of ``size`` bytes is over its format's byte limit (.doc/.xls have none)."""
    if fmt not in _FORMATS:
        return
    limit = _limit(fmt, "BYTES")
    if size > limit:
        raise _refuse(name, fmt, "BYTES", _size(size), _size(limit))


def check_chars(text: str, fmt: str, name: str) -> None:
    """``TooLargeError`` when a decoded text, Markdown or HTML file has more characters than its limit."""
    limit = _limit(fmt, "CHARS")
    if len(text) > limit:
        raise _refuse(name, fmt, "CHARS", f"{len(text):,} characters", f"{limit:,}")


def check_file_size(path: Any, name: str, sniff: Callable[[bytes, str], str]) -> None:
    """Refuse an oversized file from its length, its first bytes and (a zip) its directory only.

    A file longer than the smallest byte limit has its head sniffed: a PDF, a DOCX or XLSX
    (told apart by the zip's central directory, read from the end of the file) or a text
    format over its limit is refused before the file is read; .doc and .xls have no limit.
    ``sniff`` is ``extractor.sniff.sniff``, handed in by its module (which imports this
    one: no import cycle).
    """
    try:
        size = os.stat(path).st_size
    except OSError:
        return  # the caller's read reports it
    if size <= min(_limit(fmt, "BYTES") for fmt in _FORMATS):
        return
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_HEAD)
    if head[:8] == OLE_MAGIC:
        return
    if head[:1024].find(b"%PDF-") != -1:
        fmt = "pdf"
    elif head[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(path).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return  # the reader reports a broken container
        fmt = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else ""
    else:
        fmt = sniff(head, name)
    check_bytes(size, fmt, name)


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


_DOCX_ROW = re.compile(rb"<(?:\w{1,8}:)?tr[\s/>]")
_DOCX_CELL = re.compile(rb"<(?:\w{1,8}:)?tc[\s/>]")
_XLSX_ROW = re.compile(rb"<(?:\w{1,8}:)?row[\s/>]")
_XLSX_CELL = re.compile(rb"<(?:\w{1,8}:)?c[\s/>]")


def _count_tags(zf: zipfile.ZipFile, members: list[str], rows: re.Pattern[bytes], cells: re.Pattern[bytes],
                stop: tuple[int, int]) -> tuple[int, int]:
    """Row and cell start tags in the inflated ``members``, streamed; stops once either passes ``stop``.

    Memory stays at one piece of XML however large the part inflates; the work is bounded
    by the limit, since counting ends as soon as it is passed.
    """
    n_rows = n_cells = 0
    for member in members:
        carry = b""
        with zf.open(member) as fh:
            while True:
                piece = fh.read(_CHUNK)
                buf = carry + piece
                end = len(buf) if not piece else max(len(buf) - _TAIL, 0)  # a tag cut in two waits for its rest
                n_rows += sum(1 for m in rows.finditer(buf) if m.start() < end)
                n_cells += sum(1 for m in cells.finditer(buf) if m.start() < end)
                if not piece or n_rows > stop[0] or n_cells > stop[1]:
                    break
                carry = buf[end:]
        if n_rows > stop[0] or n_cells > stop[1]:
            break
    return n_rows, n_cells


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorruptError(name, "broken zip container") from e


def _check_rows_cells(fmt: str, counts: tuple[int, int], name: str, noun: str) -> None:
    check_count(counts[0], fmt, "ROWS", name, f"{noun} rows", partial=True)
    check_count(counts[1], fmt, "CELLS", name, f"{noun} cells", partial=True)


def check_docx_tables(data: bytes, name: str) -> None:
    """Refuse a DOCX whose tables have more rows or cells than the limits, before python-docx parses it.

    ``<w:tr>`` and ``<w:tc>`` are counted in the inflated ``word/document.xml`` (nested
    tables included); a count past its limit is reported as "at least" what was counted.
    """
    check_bytes(len(data), "docx", name)
    with _open_zip(data, name) as zf:
        if "word/document.xml" not in zf.namelist():
            return  # the reader reports what is missing
        try:
            counts = _count_tags(zf, ["word/document.xml"], _DOCX_ROW, _DOCX_CELL, (MAX_DOCX_ROWS, MAX_DOCX_CELLS))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
            raise CorruptError(name, "broken zip container") from e
    _check_rows_cells("docx", counts, name, "table")


def check_xlsx_sheets(data: bytes, name: str) -> None:
    """Refuse an XLSX whose sheets have more rows or written cells than the limits, before openpyxl loads it.

    ``<row>`` and ``<c>`` are counted in the inflated ``xl/worksheets/*.xml``, all sheets
    together (hidden ones too: openpyxl loads them); counting stops at the limit.
    """
    check_bytes(len(data), "xlsx", name)
    with _open_zip(data, name) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        try:
            counts = _count_tags(zf, sheets, _XLSX_ROW, _XLSX_CELL, (MAX_XLSX_ROWS, MAX_XLSX_CELLS))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
            raise CorruptError(name, "broken zip container") from e
    _check_rows_cells("xlsx", counts, name, "sheet")


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

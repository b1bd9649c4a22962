"""Safety limits that keep one hostile file from stalling a batch.

A DOCX whose document.xml inflates to gigabytes, or a PDF page with hundreds of
thousands of text objects, would take minutes and gigabytes before any parser fails.
The checks here look at declared and decompressed sizes first, cheaply, and refuse.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from extractor.errors import CorruptError, TooLargeError

MAX_ZIP_MEMBER = 256 * 1024 * 1024  # bytes of one inflated part (document.xml, sheet1.xml)
MAX_ZIP_TOTAL = 512 * 1024 * 1024
MAX_ZIP_RATIO = 200  # inflated / compressed, for parts larger than 16 MB
MAX_PAGE_CONTENT = 3 * 1024 * 1024  # decoded bytes of one PDF page's content streams


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

"""Admission of an uploaded file: size, type from the bytes, page count.

Checked before anything is stored or parsed, so that a wrong or oversized file gets a
clear message at once instead of a failed job later. The extension the browser sent is
never trusted: ``extractor.sniff.sniff`` decides the format from the content.
"""

from __future__ import annotations

from extractor.errors import ExtractionError
from extractor.limits import check_bytes
from extractor.sniff import sniff
from jixiao.web.pages import PDFIUM_LOCK
from jixiao.web.settings import Settings


class UploadRejected(ValueError):
    """A file the server will not take; ``str()`` is the message shown to the user."""


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF, read by pdfium without parsing any content."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise UploadRejected(f"不是可读的 PDF 文件 (not a readable PDF: {e})") from e
        try:
            return len(pdf)
        finally:
            pdf.close()


def admit(name: str, data: bytes, settings: Settings) -> tuple[str, int | None]:
    """The sniffed format and page count of an acceptable upload; ``UploadRejected`` otherwise."""
    if not data:
        raise UploadRejected("文件为空 (the file is empty)")
    if len(data) > settings.max_upload_bytes:
        raise UploadRejected(f"文件超过 {settings.max_upload_mb:g} MB 上限 "
                             f"(the file is {len(data) / 1048576:.1f} MB; limit {settings.max_upload_mb:g} MB)")
    try:
        fmt = sniff(data, name)
    except ExtractionError as e:
        detail = e.detail or e.reason
        raise UploadRejected(f"不支持的文件类型 (not a supported document: {detail}); "
                             "请上传 PDF、DOCX、XLSX、HTML、Markdown 或 TXT") from e
    try:
        check_bytes(len(data), fmt, name)  # text, Markdown and HTML have their own, smaller limits
    except ExtractionError as e:
        raise UploadRejected(f"文件过大 (too large: {e.detail})") from e
    pages = None
    if fmt == "pdf":
        pages = pdf_page_count(data)
        if pages > settings.max_pages:
            raise UploadRejected(f"PDF 共 {pages} 页，超过 {settings.max_pages} 页上限 "
                                 f"(too many pages; start the server with a higher --max-pages)")
    elif fmt == "txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode("gb18030")
            except UnicodeDecodeError as e:
                raise UploadRejected("不支持的文件类型 (binary data, not a document); "
                                     "请上传 PDF、DOCX、XLSX、HTML、Markdown 或 TXT") from e
    return fmt, pages

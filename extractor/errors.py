"""Errors a reader raises when a file cannot be read at all.

Each carries the file name and a one-line reason in words a user understands, so the CLI
and the batch can print ``文件名: reason`` and go on. Partial problems are not errors:
they go to ``Document.warnings``.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """A file that could not be read; ``str()`` is the one-line message."""

    reason = "could not be read"

    def __init__(self, file: str, detail: str | None = None) -> None:
        self.file = file
        self.detail = detail
        super().__init__(f"{file}: {self.reason}" + (f" ({detail})" if detail else ""))


class EmptyFileError(ExtractionError):
    reason = "the file is empty (0 bytes)"


class EncryptedError(ExtractionError):
    reason = "the file is encrypted or password-protected; decrypt it first"


class CorruptError(ExtractionError):
    reason = "the file is corrupt or truncated"


class UnsupportedFormatError(ExtractionError):
    reason = "not a supported format (pdf, docx, doc, xlsx, xls, html, md, txt)"


class ImageOnlyError(ExtractionError):
    reason = "the PDF has no text layer (scanned pages); OCR is needed: pip install 'jixiao[ocr]'"


class TooLargeError(ExtractionError):
    reason = "the file exceeds a safety limit"


class NotPerformanceDocumentError(ExtractionError):
    """Raised after reading, by ``jixiao.pipeline``: the text is readable but is not about
    budget performance (a meeting notice, an English paper), so no result would mean anything."""

    reason = "not a budget-performance document (no 绩效 indicators, targets, scores or budget found)"

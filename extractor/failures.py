"""One-line descriptions of library exceptions, for ``ExtractionError`` details.

pdfminer and zipfile messages can span lines; the CLI prints ``file: reason`` as a
single line, so the detail is flattened and cut short here.
"""

from __future__ import annotations


def detail(e: BaseException, limit: int = 120) -> str:
    """``Type: message`` on one line, at most ``limit`` characters of message."""
    message = " ".join(str(e).split())
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return f"{type(e).__name__}: {message}" if message else type(e).__name__

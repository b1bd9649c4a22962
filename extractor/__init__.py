"""extractor/: text and tables out of PDF, DOCX, XLSX, HTML, Markdown and plain text.

``read(path)`` is the one entry point: it sniffs the format from the bytes (not the
extension), hands the file to the matching reader and returns a ``Document``. A file
that cannot be read raises an ``ExtractionError`` whose message names the file and
the cause.
"""

from __future__ import annotations

from extractor.document import Block, Cell, Document, Table
from extractor.errors import ExtractionError
from extractor.sniff import read

__all__ = ["Block", "Cell", "Document", "ExtractionError", "Table", "read"]

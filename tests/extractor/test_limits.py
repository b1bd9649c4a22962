"""Safety limits: zip bombs and oversized PDF pages are refused quickly, not parsed."""

from __future__ import annotations

import io
import zipfile

import pytest

import extractor.limits as limits
import extractor.pdf as pdf_reader
from extractor.docx import read_docx
from extractor.errors import TooLargeError
from extractor.xlsx import read_xlsx
from tests.extractor.pdfgen import Page, build


def _zip(member: str, size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, b"<a>" + b"A" * size + b"</a>")
    return buf.getvalue()


def test_zip_bombs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ZIP_MEMBER", 1000)
    with pytest.raises(TooLargeError, match="word/document.xml"):
        read_docx(_zip("word/document.xml", 5000), "bomb.docx")
    with pytest.raises(TooLargeError, match="sheet1.xml"):
        read_xlsx(_zip("xl/worksheets/sheet1.xml", 5000), "bomb.xlsx")


def test_oversized_pdf_page_is_skipped_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    small, big = Page(), Page()
    small.text(72, 100, "Readable page.")
    for k in range(400):
        big.text(72, 100 + k % 600, f"object {k}")
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_CONTENT", 2000)
    doc = pdf_reader.read_pdf(build([small, big]), "big.pdf")
    assert [b.text for b in doc.blocks] == ["Readable page."]
    assert any("page 2 skipped" in w for w in doc.warnings)
    with pytest.raises(TooLargeError):
        pdf_reader.read_pdf(build([big]), "big.pdf")

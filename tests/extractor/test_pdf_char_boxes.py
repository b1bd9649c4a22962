"""The PDFium reader's characters are pdfminer's: same text, same boxes.

Why: lines, spaces and table cells are built from character boxes, and the golden
figures were set on pdfminer's boxes. The reader takes each advance from PDFium
(``FPDFFont_GetGlyphWidth``, checked against the loose box) and each descent from the
font dictionaries without building pdfminer's font objects (``extractor.pdf_fonts``);
these tests hold both to what pdfplumber itself reads.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import dict_value, resolve1
from pdfminer.psparser import LIT

from extractor import pdf as pdf_reader
from extractor.pdf_fonts import descent_of

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [
    ROOT / "samples" / "eval_report_2022_xinfang.pdf",  # character spacing (Tc) on every line
    ROOT / "samples" / "monitoring_2023_qingyunpu.pdf",
    ROOT / "samples" / "real" / "shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf",
    ROOT / "samples" / "target_decl_2023_songjiang.pdf",
]


def _key(c: dict) -> tuple:
    return (round(c["top"], 1), round(c["x0"], 1), c["text"])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_char_boxes_are_pdfminers(path: Path) -> None:
    source = pdf_reader._PdfiumSource(path.read_bytes(), path.name)
    try:
        with pdfplumber.open(path) as plumber:
            for index in range(min(source.total, 4)):
                page, turn = source.page(index)
                assert turn == 0
                ours = sorted((c for c in page.chars if c["text"].strip()), key=_key)
                theirs = sorted((c for c in plumber.pages[index].chars if c["text"].strip()), key=_key)
                assert [c["text"] for c in ours] == [c["text"] for c in theirs]
                worst = max(
                    (abs(a[k] - b[k]) for a, b in zip(ours, theirs, strict=True) for k in ("x0", "x1", "top", "bottom")),
                    default=0.0,
                )
                assert worst < 1e-3, f"{path.name} page {index + 1}: a box is {worst:.4f} pt from pdfminer's"
    finally:
        source.close()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_descent_read_from_dictionaries_is_pdfminers(path: Path) -> None:
    manager = PDFResourceManager()
    fonts = 0
    with path.open("rb") as fh:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(fh))):
            for ref in dict_value(dict_value(page.resources).get("Font") or {}).values():
                spec = dict_value(resolve1(ref))
                font = manager.get_font(getattr(ref, "objid", None), spec)
                assert descent_of(spec) == font.get_descent()
                fonts += 1
    assert fonts > 0


def test_descent_rules_follow_pdfminer() -> None:
    """The standard 14 take the AFM's descent, a positive /Descent counts as negative,
    a Type 3 font is left to pdfminer's font object, a vertical CID font is not measured."""
    helvetica = {"Type": LIT("Font"), "Subtype": LIT("Type1"), "BaseFont": LIT("Helvetica")}
    assert descent_of(helvetica) == PDFResourceManager().get_font(None, helvetica).get_descent() == pytest.approx(-0.207)
    positive = {
        "Subtype": LIT("TrueType"),
        "BaseFont": LIT("ABCDEF+SimSun"),
        "FontDescriptor": {"Descent": 141, "Ascent": 859},
    }
    assert descent_of(positive) == pytest.approx(-0.141)
    assert descent_of({"Subtype": LIT("Type3"), "FontBBox": [0, -200, 1000, 800]}) is None
    vertical = {
        "Subtype": LIT("Type0"),
        "BaseFont": LIT("SimSun"),
        "Encoding": LIT("Identity-V"),
        "DescendantFonts": [{"Subtype": LIT("CIDFontType2"), "FontDescriptor": {"Descent": -141}}],
    }
    assert descent_of(vertical) is False
    horizontal = dict(vertical, Encoding=LIT("Identity-H"))
    assert descent_of(horizontal) == pytest.approx(-0.141)


def test_calls_bind_the_loaded_library_without_ctypesgen_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``bindings._libs`` the library file is opened by name: the same loaded copy,
    so the handles pypdfium2 gives are valid for the bound functions."""
    import ctypes

    from pypdfium2_raw import bindings

    from extractor import pdfium_calls

    loaded = bindings._libs["pdfium"]
    monkeypatch.delattr(bindings, "_libs")
    pdfium_calls.calls.cache_clear()
    try:
        fallback = pdfium_calls.calls()
        assert ctypes.cast(fallback.count_chars, ctypes.c_void_p).value == ctypes.cast(
            loaded["FPDFText_CountChars"], ctypes.c_void_p
        ).value
    finally:
        pdfium_calls.calls.cache_clear()

"""Where the OCR looks for text: lines in table cells from the ink, the detector elsewhere.

``ocr_tables.text_bands`` is tested on drawn ink (no model); the fallback to the detection
model for a cell whose lines touch is tested on a real scanned cell, squeezed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pytest

from extractor import ocr

ROOT = Path(__file__).resolve().parents[2]
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")


def _ink(h: int, w: int, rects: list[tuple[int, int, int, int]]) -> np.ndarray:
    img = np.zeros((h, w), np.uint8)
    for x0, y0, x1, y1 in rects:
        img[y0:y1, x0:x1] = 255
    return img


@needs_ocr
def test_rows_with_ink_are_lines_and_wide_gaps_split_them() -> None:
    from extractor import ocr_tables

    glyphs = [
        (20, 10, 46, 38), (50, 10, 76, 38),  # line 1: two glyphs
        (20, 60, 46, 70), (20, 72, 46, 88),  # line 2: one glyph broken by a 1-px gap (二)
        (300, 60, 326, 88),  # same rows, far right (> 1.5 line heights away): its own piece
        (200, 120, 202, 122),  # a speck: not text
    ]
    bands = ocr_tables.text_bands(_ink(140, 400, glyphs), (0, 0, 400, 140), 200)
    assert bands == [(20, 10, 76, 38), (20, 60, 46, 88), (300, 60, 326, 88)]
    # the box is a window: offsets are page pixels, ink outside it is not seen
    assert ocr_tables.text_bands(_ink(140, 400, glyphs), (10, 50, 100, 100), 200) == [(20, 60, 46, 88)]
    assert ocr_tables.text_bands(_ink(140, 400, glyphs), (5, 5, 5, 5), 200) == []


@needs_ocr
def test_a_cell_whose_lines_touch_is_split_by_the_detector() -> None:
    """A real 12-line cell of a scan, once as printed and once with its lines pushed together."""
    import pypdfium2 as pdfium

    from extractor import ocr_tables

    pdf = pdfium.PdfDocument(str(ROOT / "samples" / "scanned" / "eval_report_2022_xinfang_p18_scanned.pdf"))
    gray = pdf[0].render(scale=ocr.DPI / 72, grayscale=True).to_numpy()
    pdf.close()
    gray = np.ascontiguousarray(ocr_tables.rotate(gray, ocr_tables.skew_angle(gray, ocr.DPI)))
    tables = ocr_tables.find_tables(gray, ocr.DPI)
    gray[tables.rulings > 0] = 255
    _, bands = max(((c, ocr_tables.text_bands(tables.text, c, ocr.DPI)) for g in tables.grids for c in g.pixels),
                   key=lambda cb: len(cb[1]))
    assert len(bands) == 12  # 业绩值 of A12: 本次项目的立项依据包括…
    x0, x1 = min(b[0] for b in bands) - 6, max(b[2] for b in bands) + 6
    printed = gray[bands[0][1] - 6 : bands[-1][3] + 6, x0:x1]
    touching = np.vstack([gray[b[1] : b[3], x0:x1] for b in bands])
    w, h = printed.shape[1] + 20, printed.shape[0] + 40
    page = np.full((h, 2 * w), 255, np.uint8)
    page[20 : 20 + printed.shape[0], 10 : 10 + printed.shape[1]] = printed
    page[20 : 20 + touching.shape[0], w + 10 : w + 10 + touching.shape[1]] = touching
    cells = [(0, 0, w, h), (w, 0, 2 * w, h)]
    grid = ocr_tables.Grid(cells=[], bbox=(0, 0, 0, 0), pixels=cells)
    found = ocr_tables.Tables(grids=[grid], rulings=np.zeros_like(page), text=ocr_tables.binarize(page))
    boxes = ocr._cell_lines(page, found)
    texts = dict(zip(boxes, ocr._recognise(page, boxes), strict=True))

    def read(x_from: int) -> tuple[int, str]:
        mine = sorted((b for b in boxes if b[0] >= x_from and b[0] < x_from + w), key=lambda b: b[1])
        return len(mine), "".join(texts[b] for b in mine)

    n_printed, printed_text = read(0)
    n_touching, touching_text = read(w)
    assert n_printed == 12 and n_touching >= 11  # one ink band on the right, split into lines
    assert "《党的二十大期间闵行区信访稳定专项工作方案》" in touching_text
    assert difflib.SequenceMatcher(None, printed_text, touching_text).ratio() > 0.95

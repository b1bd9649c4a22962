"""Scanned pages: OCR with tables rebuilt from the page image (the ``ocr`` extra).

The scans in ``samples/scanned/`` are pages of the committed sample PDFs, rotated, noisy
and JPEG-compressed (``samples/make_scanned.py``), so the text layer of the same page says
what the OCR must give. OCR runs once per module (a few seconds a page); speed and
accuracy figures come from ``evals/scanned.py`` (``make eval``) and ``benchmarks/ocr.py``
(``make bench``), never from assertions here.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from extractor import ocr
from extractor.document import Document, Table
from extractor.errors import ImageOnlyError
from extractor.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "samples" / "scanned"
EVAL = ROOT / "samples" / "eval_report_2022_xinfang.pdf"
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")


def _scan(name: str) -> bytes:
    path = SCANNED / name
    if not path.exists():
        pytest.fail(f"{path} missing: run samples/make_scanned.py")
    return path.read_bytes()


def _mixed() -> bytes:
    """Page 5 of the evaluation report (text layer), then the scans of pages 6 and 18."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(EVAL)), [4])
    for name in ("eval_report_2022_xinfang_p6_scanned.pdf", "eval_report_2022_xinfang_p18_scanned.pdf"):
        out.import_pages(pdfium.PdfDocument(_scan(name)))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def mixed() -> Document:
    return read_pdf(_mixed(), "mixed.pdf")


def _table(doc: Document, caption_word: str) -> Table:
    return next(t for t in doc.tables if caption_word in (t.caption or ""))


@needs_ocr
def test_scanned_pages_are_reported_and_the_text_page_is_not(mixed: Document) -> None:
    assert mixed.ocr_pages == [2, 3]
    assert any("OCR" in w and "2-3" in w for w in mixed.warnings)
    assert any(b.page == 1 for b in mixed.blocks)  # the text layer page still read as text


@needs_ocr
def test_budget_table_from_a_scan_has_its_totals_exact(mixed: Document) -> None:
    from patterns.numbers import parse_number

    t = _table(mixed, "预算执行情况表")
    assert t.unit == "元" and t.pages == [2]
    assert (t.n_rows, t.n_cols) == (8, 6)
    rows = t.grid()
    assert rows[0] == ["项目构成", "指标名称", "年初预算", "调整后预算", "支付金额", "执行率"]
    total = rows[-1]
    assert total[0] == "合计" and [7, 0, 1, 2] in t.spans()  # 合计 spans two columns
    values = [parse_number(x) for x in total[2:5]]
    assert [v.value for v in values if v] == [2_500_000.00, 2_302_740.00, 2_302_740.00]
    assert all(c.page == 2 and c.bbox is not None for c in t.cells)


@needs_ocr
def test_scanned_table_boxes_are_in_pdf_points_where_the_text_layer_has_them(mixed: Document) -> None:
    from evals.scanned import one_page

    truth = _table(read_pdf(one_page(EVAL, 6), "p6.pdf"), "预算执行情况表")
    got = _table(mixed, "预算执行情况表")
    assert got.bbox is not None and truth.bbox is not None
    assert all(abs(a - b) < 4.0 for a, b in zip(got.bbox, truth.bbox, strict=True))


@needs_ocr
def test_score_table_from_a_scan_keeps_merges_and_scores(mixed: Document) -> None:
    t = _table(mixed, "指标体系表")
    rows = t.grid()
    header = rows[0]
    assert header[4] == "分值" and header[7] == "得分"
    assert [r[4] for r in rows[1:]] == ["2", "2", "2", "2", "2"]
    assert [r[7] for r in rows[1:]] == ["2", "2", "2", "2", "1"]
    assert sorted(t.spans()) == [[1, 0, 5, 1], [1, 1, 5, 1], [1, 2, 2, 1], [3, 2, 2, 1]]
    assert [r[3].replace(" ", "") for r in rows[1:3]] == ["A11部门工作职能关联性", "A12立项依据充分性"]


@needs_ocr
def test_recognised_report_marks_the_ocr_pages(mixed: Document) -> None:
    from patterns.recognise import recognise

    report = recognise(mixed)
    assert report.source.ocr_pages == [2, 3]
    names = {i.name for p in report.projects for i in p.indicators}
    assert {"部门工作职能关联性", "预算编制科学性"} <= names


def test_without_the_extra_an_image_only_pdf_gives_the_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr -> ImportError
    assert not ocr.available()
    with pytest.raises(ImageOnlyError, match=r"jixiao\[ocr\]"):
        read_pdf(_scan("target_decl_2023_songjiang_scanned.pdf"), "scan.pdf")


def test_without_the_extra_scanned_pages_of_a_mixed_pdf_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    doc = read_pdf(_mixed(), "mixed.pdf")
    assert doc.ocr_pages == []
    assert any("pages 2-3" in w and "jixiao[ocr]" in w for w in doc.warnings)


def test_a_text_layer_of_unmapped_glyphs_is_garbage() -> None:
    def chars(texts: list[str]) -> list[dict[str, object]]:
        return [{"text": t} for t in texts]

    assert ocr.garbage_text(chars(["(cid:12)", "(cid:40)", "(cid:7)", "a"]))
    assert ocr.garbage_text(chars(["\ue001", "\ue002", "年"]))
    assert not ocr.garbage_text(chars(list("项目预算执行情况表")))
    assert not ocr.garbage_text(chars([" ", "\n"]))


def test_an_ocr_box_over_two_cells_is_split_by_its_characters() -> None:
    """Two amounts read as one box fall into their own cells by character centre."""
    chars = ocr.boxes_to_chars([[(0, 0), (200, 0), (200, 20), (0, 20)]], ["64,800.0029,300.00"], 1.0)
    left = "".join(c["text"] for c in chars if (c["x0"] + c["x1"]) / 2 < 100)
    assert left == "64,800.00"
    assert all(c["size"] == pytest.approx(16.0) for c in chars)


@pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
def test_grid_with_merges_and_skew_is_recovered_from_pixels() -> None:
    """A drawn 3×3 grid, its left column merged over rows 2-3, turned by 0.8°."""
    import cv2
    import numpy as np

    from extractor import ocr_tables

    dpi = 200
    img = np.full((1200, 1000), 255, np.uint8)
    xs, ys = [100, 400, 650, 900], [200, 300, 400, 500]
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 0, 2)
    cv2.line(img, (xs[0] + 2, ys[2]), (xs[1] - 2, ys[2]), 255, 4)  # no ruling: (1,0) and (2,0) merge
    m = cv2.getRotationMatrix2D((500, 600), 0.8, 1.0)
    skewed = cv2.warpAffine(img, m, (1000, 1200), borderValue=255)
    angle = ocr_tables.skew_angle(skewed, dpi)
    assert angle == pytest.approx(0.8, abs=0.15)
    grids = ocr_tables.find_grids(ocr_tables.rotate(skewed, angle), dpi)
    assert len(grids) == 1
    scale = 72 / dpi
    merged = [b for b in grids[0].cells if (b[3] - b[1]) > 150 * scale]
    assert len(grids[0].cells) == 8 and len(merged) == 1
    assert merged[0][0] == pytest.approx(xs[0] * scale, abs=3) and merged[0][1] == pytest.approx(ys[1] * scale, abs=3)

"""``evals.scanned`` (the scanned-sample accuracy of ``make eval``): its yardstick and one page.

The scoring is tested on text-layer documents with one figure or one indicator changed
by hand, so a slip is known to be there; the OCR is tested on one scanned page (the first
申报表 of the Songjiang sample: a key-value block over a merged indicator block).
"""

from __future__ import annotations

import copy

import pytest

from evals import scanned
from extractor import ocr
from extractor.pdf import read_pdf

XINFANG = scanned.SAMPLES / "eval_report_2022_xinfang.pdf"
SONGJIANG = scanned.SAMPLES / "target_decl_2023_songjiang.pdf"


def test_the_scanned_set_is_the_plan_and_the_150_dpi_fixture() -> None:
    pages = scanned.scan_pages()
    assert len(pages) == 4 and all(p.scan.exists() and p.source.exists() for p in pages)
    assert {p.dpi for p in pages} == {150, 200}


def test_a_changed_figure_is_a_numeric_miss() -> None:
    truth = read_pdf(scanned.one_page(XINFANG, 6), "p6.pdf")
    slipped = copy.deepcopy(truth)
    cell = next(c for t in slipped.tables for c in t.cells if c.text == "2,302,740.00")
    cell.text = "2,302,746.00"
    same, off = scanned.PageScore("same"), scanned.PageScore("off")
    scanned.score_cells(truth, truth, same)
    scanned.score_cells(truth, slipped, off)
    assert same.numeric >= 20 and same.numeric_ok == same.numeric and same.cells_ok == same.cells
    assert (off.numeric, off.numeric_ok) == (same.numeric, same.numeric - 1)
    assert any("2,302,746.00" in m for m in off.mismatches)


def test_a_changed_indicator_costs_precision_and_recall() -> None:
    truth = read_pdf(scanned.one_page(SONGJIANG, 2), "p2.pdf")
    slipped = copy.deepcopy(truth)
    cell = next(c for t in slipped.tables for c in t.cells if c.text.strip() == ">=85%")
    cell.text = ">=86%"
    s = scanned.PageScore("p2")
    scanned.score_records(truth, slipped, s)
    assert (s.tp, s.fp, s.fn) == (8, 1, 1)
    assert s.f1 == pytest.approx(8 / 9)
    assert (s.key_tp, s.key_fp, s.key_fn) == (9, 0, 0)  # the target text is not a key field


@pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
def test_one_scanned_page_meets_the_bars() -> None:
    page = next(p for p in scanned.scan_pages() if p.source == SONGJIANG)
    s = scanned.score_page(page)
    assert s.ocr_pages == [1]
    assert s.numeric >= 7 and s.numeric_ok == s.numeric, s.mismatches
    assert s.tp == 9 and s.fp == s.fn == 0, s.mismatches  # every indicator record, target texts too
    assert scanned.passes(scanned.total([s]))
    assert s.wall > 0 and s.cpu > 0

"""A table merged over a page break locates each row on its own page (``TableOut.row_pages``).

Before ``row_pages`` every row of a merged table was placed on the table's first page, so a
finding about a row printed on page 8 said 第 7 页 and the review linked to the wrong page.
These tests read real multi-page tables and check the page of rows on both sides of the
break, the indicators read from them, the findings' locations and the HTML review's links.
"""

from __future__ import annotations

import io
import re

import pytest

import checker
import patterns
from checker.finding import at_table, row_page
from extractor import ocr
from extractor.contract import Report, TableOut
from extractor.document import Cell, Table
from extractor.pdf import read_pdf
from extractor.sniff import read
from patterns.tables import page_list
from tests.conftest import validate_report
from tests.extractor.helpers import real_pdf, sample


def _report(path) -> Report:
    return patterns.recognise(read(path))


@pytest.fixture(scope="module")
def eval_report() -> Report:
    return _report(sample("eval_report_2022_xinfang.pdf"))


@pytest.fixture(scope="module")
def monitoring() -> Report:
    report = _report(sample("monitoring_2023_qingyunpu.pdf"))
    report.findings = checker.check(report)
    return report


def _table(report: Report, word: str) -> TableOut:
    found = [t for t in report.tables if word in (t.caption or "")]
    assert len(found) == 1, [t.caption for t in report.tables]
    return found[0]


def _row(table: TableOut, code: str) -> int:
    """The row whose 三级指标 cell starts with ``code`` (A31, B11, …)."""
    rows = [r for r, row in enumerate(table.rows) if any(re.match(rf"{code}\s", c) for c in row)]
    assert len(rows) == 1, (code, rows)
    return rows[0]


# --- page_list on hand-made tables -------------------------------------------------------


def _cells(pages: list[int | None]) -> list[Cell]:
    return [Cell(text=f"r{r}", row=r, col=1, page=p) for r, p in enumerate(pages)]


def test_rows_keep_the_page_their_cells_were_read_on() -> None:
    t = Table(id="p7-t1", n_rows=4, n_cols=2, cells=_cells([7, 7, 8, 8]), pages=[7, 8])
    assert page_list(t) == [7, 7, 8, 8]


def test_a_row_covered_by_a_merge_takes_the_next_rows_page() -> None:
    """The top row of a continuation page, every cell an 一级指标 extended over the break."""
    cells = [Cell(text="A 决策", row=0, col=0, rowspan=3, page=7), Cell(text="a", row=0, col=1, page=7),
             Cell(text="b", row=1, col=1, rowspan=2, page=7), Cell(text="c", row=3, col=0, colspan=2, page=8)]
    # row 2 has no origin cell: both its cells reach down from rows 0 and 1 on page 7
    t = Table(id="p7-t1", n_rows=5, n_cols=2, cells=cells, pages=[7, 8])
    assert page_list(t) == [7, 7, 8, 8, 8]  # row 4 (nothing after it) keeps the last page


def test_no_pages_gives_an_empty_list() -> None:
    t = Table(id="t1", n_rows=3, n_cols=2, cells=_cells([None, None, None]))
    assert page_list(t) == []


def test_formats_without_pages_leave_row_pages_empty() -> None:
    report = patterns.recognise(read(sample("target_decl_2023_songjiang.docx")))
    assert report.tables and all(t.row_pages == [] for t in report.tables)


def test_an_ocr_text_is_one_page() -> None:
    report = patterns.recognise(read(sample("self_assessment_2022_songjiang_ocr.txt")))
    assert report.tables
    for t in report.tables:
        assert t.row_pages == [1] * len(t.rows)


# --- the helper the rules use ------------------------------------------------------------


def test_row_page_falls_back_to_the_first_page_where_rows_have_none() -> None:
    t = TableOut(id="p7-t1", pages=[7, 8], rows=[["a"], ["b"], ["c"]], row_pages=[7, 8, 8])
    assert [row_page(t, r) for r in range(3)] == [7, 8, 8]
    assert row_page(t) == 7 and row_page(t, 9) == 7 and row_page(t, -1) == 7
    old = TableOut(id="p7-t1", pages=[7, 8], rows=[["a"], ["b"]])  # a JSON from before row_pages
    assert row_page(old, 1) == 7 and at_table(old, 1, 0).page == 7
    edited = TableOut(id="p7-t1", pages=[7, 8], rows=[["a"], ["b"]], row_pages=[7, 8, 8])  # rows deleted by hand
    assert row_page(edited, 1) == 7
    assert row_page(TableOut(id="t1", rows=[["a"]]), 0) is None
    assert at_table(t, 2, 1).model_dump() == {"page": 8, "table": "p7-t1", "row": 2, "col": 1}


# --- real multi-page tables --------------------------------------------------------------


def test_eval_report_scoring_table_rows_on_each_of_its_four_pages(eval_report: Report) -> None:
    t = _table(eval_report, "指标体系")
    assert t.pages == [18, 19, 20, 21]
    assert len(t.row_pages) == len(t.rows)
    assert t.row_pages == sorted(t.row_pages) and set(t.row_pages) == {18, 19, 20, 21}
    # either side of each break, as pdfplumber prints the pages
    assert t.row_pages[_row(t, "A31")] == 18 and t.row_pages[_row(t, "B11")] == 19
    assert t.row_pages[_row(t, "B23")] == 19 and t.row_pages[_row(t, "B24")] == 20
    assert t.row_pages[_row(t, "C22")] == 20 and t.row_pages[_row(t, "C31")] == 21
    assert t.row_pages[-1] == 21 and t.rows[-1][0] == "合计"


def test_repeated_headers_are_dropped_and_a_cut_row_stays_on_its_first_page(eval_report: Report) -> None:
    t = _table(eval_report, "指标体系")
    assert sum(1 for row in t.rows if row[0] == "一级指标") == 1  # three repeated headers dropped
    a31 = _row(t, "A31")
    # A31's 业绩值 runs from page 18 onto page 19 (“…因年初未安排预算进行了追加…”): one row, on 18
    assert "行了追加" in "".join(t.rows[a31]) and t.row_pages[a31] == 18
    assert t.row_pages[a31 + 1] == 19


def test_indicators_take_their_rows_page(eval_report: Report) -> None:
    t = _table(eval_report, "指标体系")
    inds = {i.code: i for p in eval_report.projects for i in p.indicators if i.source.table == t.id}
    assert len(inds) == 22
    assert inds["A31"].source.page == 18 and inds["B11"].source.page == 19 and inds["D32"].source.page == 21
    for ind in inds.values():
        assert ind.source.page == t.row_pages[ind.source.row]


def test_monitoring_tables_over_two_pages(monitoring: Report) -> None:
    t = _table(monitoring, "对比表")
    assert t.pages == [7, 8]
    row = next(r for r, cells in enumerate(t.rows) if any("注重涉及环保方面政策的落实" in c for c in cells))
    assert t.row_pages[row] == 8 and t.row_pages[row - 1] == 7
    ind = next(i for p in monitoring.projects for i in p.indicators if i.source.row == row and i.source.table == t.id)
    assert ind.source.page == 8
    validate_report(monitoring.to_json())


def test_a_finding_on_a_continued_row_names_its_page(monitoring: Report) -> None:
    t = _table(monitoring, "对比表")
    on_8 = {r for r, p in enumerate(t.row_pages) if p == 8}
    locs = [loc for f in monitoring.findings for loc in f.locations if loc.table == t.id and loc.row in on_8]
    assert locs, "the sample's tracking mismatch on 表4 page 8 is found"
    assert any(loc.page == 8 for loc in locs)
    assert at_table(t, min(on_8)).page == 8


def test_html_review_links_each_finding_to_its_row_and_page(monitoring: Report) -> None:
    from jixiao.web.review import review_html

    data = monitoring.model_dump(mode="json")
    html = review_html(data, "monitoring.pdf")
    t = _table(monitoring, "对比表")
    k = next(i for i, x in enumerate(monitoring.tables) if x.id == t.id)
    row = next(r for r, p in enumerate(t.row_pages) if p == 8)
    assert f'<tr id="t{k}-r{row}" title="第 8 页 行 {row}">' in html
    assert re.search(rf'<a href="#t{k}-r(\d+)">第8页 {t.id} 行\1</a>', html)
    for m in re.finditer(r'<a href="#(t\d+-r\d+)">', html):
        assert f'id="{m.group(1)}"' in html
    assert "<script" not in html


def test_real_budget_rows_sit_on_the_page_pdfplumber_prints_them() -> None:
    """The 35-page Putuo budget: its 收入预算总表 runs over pages 11-14, the 经济分类 table 26-27."""
    import pdfplumber

    report = _report(real_pdf())
    with pdfplumber.open(real_pdf()) as pdf:
        text = {n: re.sub(r"\s", "", pdf.pages[n - 1].extract_text() or "") for n in range(11, 28)}
    checked = 0
    for t in report.tables:
        if len(t.pages) < 2:
            continue
        assert len(t.row_pages) == len(t.rows) and t.row_pages == sorted(t.row_pages)
        for r, row in enumerate(t.rows):
            amounts = [c for c in row if re.fullmatch(r"\d{1,3}(,\d{3})+", c)]
            name = next((c for c in row if re.search(r"[\u4e00-\u9fff]{2}", c)), "")
            on = [p for p in t.pages if all(a in text[p] for a in amounts) and re.sub(r"\s", "", name)[:6] in text[p]]
            if amounts and len(on) == 1:  # the row's figures print on one page only
                assert t.row_pages[r] == on[0], (t.id, r, row)
                checked += 1
    assert checked > 150
    income = _table(report, "部门收入预算总表")
    assert income.pages == [11, 12, 13, 14]
    first_on = {p: income.row_pages.index(p) for p in income.pages}
    assert income.rows[first_on[12]][3] == "公共安全支出" and income.rows[first_on[12] - 1][4] == "146,200"


@pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
def test_a_scanned_table_over_two_pages_keeps_row_pages() -> None:
    """The OCR path joins tables with the same code as the text layer: pages 18-19 scanned."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(sample("eval_report_2022_xinfang.pdf")))
    images = [src[i].render(scale=150 / 72).to_pil().convert("L") for i in (17, 18)]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    report = patterns.recognise(read_pdf(buf.getvalue(), "scan.pdf"))
    assert report.source.ocr_pages == [1, 2]
    t = next(t for t in report.tables if t.pages == [1, 2])
    codes = {c[:3]: r for r, row in enumerate(t.rows) for c in row if re.match(r"[A-D]\d{2}\s", c)}
    assert t.row_pages[codes["A31"]] == 1 and t.row_pages[codes["B11"]] == 2

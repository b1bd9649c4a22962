"""A 总分 row whose figures stand off the 分值/得分 columns, and one declared figure printed twice.

Seed 002's OCR moved the 宣传与推广 总分 row one column left (``总分 | | 100 | 98. 00`` under
分值 | 得分): the column walk summed 分值 rows against the 得分 total (80 vs 98). Read against
its own columns the sheet is 80 + 10 = 90 of 100 and 78 + 10 = 88 of 98: one 10-point row
(成本控制) lost, an ``extract.loss`` warning. Seed 000's 基础表1 prints 2,610,000 as both
项目资金总额 and 年度资金申请总额: one ``crossref.declared`` finding naming both places.
"""

from __future__ import annotations

from functools import cache

from checker import check
from extractor.contract import Report, TableOut
from tests.checker.reports import report_000, report_002
from tests.conftest import ROOT


@cache
def _ocr_sample() -> Report:
    from jixiao.pipeline import process

    return process(ROOT / "samples" / "self_assessment_2022_songjiang_ocr.txt")


def _table(report: Report, tid: str) -> TableOut:
    return next(t for t in report.tables if t.id == tid)


def _at(findings, rule: str, table: str, row: int) -> list:
    return [f for f in findings if f.rule == rule and f.locations and (f.locations[0].table, f.locations[0].row) == (table, row)]


# --- the OCR'd sample, its four sheets -------------------------------------------------


def test_shifted_total_row_of_the_ocr_sample_is_a_lost_row_not_a_sum_error():
    got = _ocr_sample().findings
    assert not [f for f in got if f.rule == "sum.rows"], [f.message for f in got if f.rule == "sum.rows"]
    assert not [f for f in got if f.expected == 80.0 and f.actual == 98.0]
    (loss,) = _at(got, "extract.loss", "t1", 83)  # the 宣传与推广 总分 row, at its printed 100
    assert loss.severity == "warning" and loss.locations[0].col == 5
    assert (loss.expected, loss.actual) == (100.0, 90.0)
    assert loss.message == (
        "项目“宣传与推广”评分表（t1）各行分值之和 80，加预算执行率 10 分为 90，较总分 100 少 10，"
        "恰为一行指标的分值，可能有一行在识别中丢失（得分同样少 10），请对照原件"
    )


def test_the_other_three_sheets_keep_their_results():
    got = _ocr_sample().findings
    assert not [f for f in got if f.severity == "error"]
    loss = [f for f in got if f.rule == "extract.loss"]
    # 维稳工作 as before; 宣传与推广 once, from its 总分 row (the project-level copy is not repeated)
    assert [(f.locations[0].row, f.message.split("评分表")[0]) for f in loss] == [(57, "项目“维稳工作”"), (83, "项目“宣传与推广”")]
    # 课题与规划 (100 = 90 + 10) and 网络信息系统运行与 (总分 row shifted three columns, 90 + 10 = 100): silent
    assert not [f for f in got if f.rule in ("sum.rows", "score.total", "extract.loss") and f.locations and f.locations[0].row in (22, 103)]
    assert not [f for f in got if f.rule == "score.total"]


# --- the hand-built seed-002 report with its 总分 row shifted ------------------------


def test_total_row_with_two_figures_off_its_columns_is_read_against_them():
    """No OCR page: a 总分 row holding exactly the two totals, printed in fewer cells."""
    r = report_002()
    r.source.ocr_pages = []
    t = _table(r, "p3-t2")
    last = len(t.rows) - 1
    t.rows[last] = ["总分", "100", "98. 00"]
    t.spans = []
    got = check(r)
    assert not [f for f in got if f.rule == "sum.rows" and f.locations[0].table == "p3-t2"]
    (loss,) = _at(got, "extract.loss", "p3-t2", last)
    assert loss.locations[0].col == 1 and "较总分 100 少 10" in loss.message


def test_shifted_detail_rows_are_aligned_row_by_row_on_an_ocr_page():
    """宣传与推广 as the OCR printed it: the rows below 时效指标 one cell short, and the 总分 row too."""
    r = report_002()
    t = _table(r, "p3-t2")
    last = len(t.rows) - 1
    for k in range(16, last):  # 专业人员业务提升度 … 受益对象满意度: 分值/得分 one column left
        row = t.rows[k]
        t.rows[k] = row[:4] + row[5:7] + ["", row[7]]
    t.rows[last] = ["", "", "总分", "", "100", "98. 00", "", ""]  # under 实际完成值 | 分值, as the scan printed it
    t.spans = []
    got = check(r)
    # the column walk summed 分值 rows and shifted 得分 rows under 分值 (80) against the 得分 total 98
    assert not [f for f in got if f.rule == "sum.rows" and f.locations[0].table == "p3-t2"]
    (loss,) = _at(got, "extract.loss", "p3-t2", last)
    assert "各行分值之和 80，加预算执行率 10 分为 90，较总分 100 少 10" in loss.message and "得分同样少 10" in loss.message


def test_a_wrong_total_in_a_shifted_row_is_compared_column_for_column():
    """A real mismatch still shows, 得分 rows against the 得分 total, the budget block named."""
    r = report_002()
    r.source.ocr_pages = []
    t = _table(r, "p3-t2")
    last = len(t.rows) - 1
    t.rows[last] = ["总分", "100", "100.00"]  # 得分 78 + 10 = 88 of a printed 100: 12 more than the lost row
    t.spans = []
    got = [f for f in check(r) if f.rule == "sum.rows" and f.locations[0].table == "p3-t2"]
    assert [(f.expected, f.actual) for f in got] == [(80.0, 100.0), (78.0, 100.0)]
    score = got[1]
    assert score.message == (
        "p3-t2“得分”列第 1–14 行之和为 78.00，加预算执行率 10 分为 88.00，"
        "而总分行印为 100.00（总分行的数字较表头错位，按“得分”列读）（差 12.00）；差异超出打印精度（2 位小数）可解释的范围"
    )
    assert [(loc.row, loc.col) for loc in score.locations] == [(last, 2), (1, 6)]


def test_an_aligned_or_crowded_total_row_keeps_the_column_walk():
    """Three figures off the columns on a page not read by OCR: no guess, the columns as printed."""
    r = report_002()
    r.source.ocr_pages = []
    t = _table(r, "p3-t2")
    last = len(t.rows) - 1
    t.rows[last] = ["总分", "3", "100", "98.00", "", "", "", ""]
    t.spans = []
    assert not _at(check(r), "extract.loss", "p3-t2", last)


# --- seed 000: one declared figure, two places ---------------------------------------


def test_declared_figure_printed_twice_is_one_finding_with_both_places():
    got = [f for f in check(report_000()) if f.rule == "crossref.declared"]
    assert len(got) == 1
    (f,) = got
    assert (f.severity, f.expected, f.actual) == ("warning", 2500000.0, 2610000.0)
    assert [(loc.table, loc.row, loc.col) for loc in f.locations] == [("p37-t1", 5, 2), ("p37-t1", 5, 4)]
    assert f.message == (
        "基础表 1：项目绩效目标表“项目资金总额”、“年度资金申请总额”均印为 2,610,000.00 元，"
        "而项目“信访办维稳专项”年初预算为 2,500,000.00 元（差 110,000.00 元）"
    )


def test_two_different_declared_figures_stay_two_findings():
    r = report_000()
    t = _table(r, "p37-t1")
    t.rows[5][4] = "2600000"
    got = sorted((f.actual, len(f.locations)) for f in check(r) if f.rule == "crossref.declared")
    assert got == [(2600000.0, 1), (2610000.0, 1)]


def test_aligned_totals_helper_maps_printed_columns_to_score_columns():
    from checker.tables import aligned_score_totals

    r = report_002()
    t = _table(r, "p3-t2")
    last = len(t.rows) - 1
    assert aligned_score_totals(t, last) is None  # printed under 分值 | 得分 already
    t.rows[last] = ["总分", "100", "98. 00"]
    got = aligned_score_totals(t, last)
    assert got is not None and got.printed == {1: 5, 2: 6} and got.header == 0
    assert sum(p.value for _, p in got.runs[5]) == 80.0 and sum(p.value for _, p in got.runs[6]) == 78.0
    t.rows[last] = ["总分", "3", "100", "98.00"]
    assert aligned_score_totals(t, last) is None  # three figures, no OCR: which two are the totals is a guess
    assert aligned_score_totals(t, last, ocr=True).printed == {2: 5, 3: 6}  # on a scan: the last two

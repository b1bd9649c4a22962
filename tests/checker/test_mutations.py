"""Mutate one real number, see it caught; restore it, see silence."""

from __future__ import annotations

from checker import CheckConfig, check
from tests.checker.build import ind
from tests.checker.reports import report_000, report_001, report_002, report_004


def _table(report, tid):
    return next(t for t in report.tables if t.id == tid)


def _rules(report, severity="error"):
    return {(f.rule, f.expected, f.actual) for f in check(report) if f.severity == severity}


def test_column_sum_caught_and_restored():
    r = report_000()
    t = _table(r, "p7-t1")
    t.rows[2][4] = "29,400.00"
    got = _rules(r)
    assert ("sum.rows", 2302840.0, 2302740.0) in got
    # 29,400 ÷ 29,300 = 100.34 %, which a whole-percent column may print as 100 %: rounding, named
    assert any(f.rule == "budget.execution_rate" and f.severity == "rounding" for f in check(r))
    t.rows[2][4] = "29,300.00"
    assert not {g for g in _rules(r) if g[0] in ("sum.rows", "budget.execution_rate")}


def test_subtotal_covers_rows_since_previous_subtotal():
    r = report_000()
    t = _table(r, "p20-t1")
    t.rows[6][5] = "8"
    assert ("sum.rows", 9.0, 8.0) in _rules(r)
    t.rows[6][5] = "9"
    assert not {g for g in _rules(r) if g[0] == "sum.rows"}


def test_total_row_over_a_page_break_header():
    r = report_000()
    t = _table(r, "p19-t1")
    t.rows[14][5] = "5"  # C12 得分 6 → 5: the 合计 91 must now disagree (the walk skips the repeated header)
    assert ("sum.rows", 90.0, 91.0) in _rules(r)


def test_detail_quantity_times_price():
    r = report_000()
    t = _table(r, "p38-t1")
    t.rows[5][1] = "4400"  # 居委人员 (5 人, 4 天) at 200 元/人/天 (remark merged from above) = 4,000
    got = _rules(r)
    assert ("recompute.detail", 4000.0, 4400.0) in got
    assert ("recompute.detail", 183400.0, 183000.0) in got  # and the detail total no longer matches 表1
    t.rows[5][1] = "4000"
    assert {g for g in _rules(r) if g[0] == "recompute.detail"} == {("recompute.detail", 29800.0, 29300.0)}


def test_fixing_the_aid_table_silences_it():
    r = report_000()
    _table(r, "p39-t1").rows[3][2] = "17500"  # what 表1 implies if 35, not 36, were paid
    assert not {g for g in _rules(r) if g[0] == "recompute.detail" and g[1] == 29800.0}
    assert ("recompute.detail", 18000.0, 17500.0) in _rules(r)  # …but 36 × 500 is 18,000


def test_score_bounds_total_and_grade():
    r = report_000()
    d11 = next(i for i in r.projects[0].indicators if i.code == "D11")
    d11.score = 6.0
    got = _rules(r)
    assert ("score.bounds", 5.0, 6.0) in got
    assert ("score.total", 92.0, 91.0) in got
    d11.score = 5.0
    r.projects[0].score.grade = "良"
    assert ("grade.band", None, 91.0) in _rules(r)
    r.projects[0].score.grade = "优"
    assert not {g for g in _rules(r) if g[0] in ("score.bounds", "score.total", "grade.band")}


def test_grade_bands_are_configurable():
    r = report_000()
    five = CheckConfig(bands=((95.0, "优"), (90.0, "良"), (80.0, "中"), (60.0, "合格"), (0.0, "差")))
    assert any(f.rule == "grade.band" for f in check(r, five))


def test_level1_weight():
    r = report_000()
    a11 = next(i for i in r.projects[0].indicators if i.code == "A11")
    a11.weight = 3.0
    assert ("score.level1_weight", 10.0, 11.0) in _rules(r)


def test_lost_row_restored_is_silent_and_a_wrong_total_is_an_error():
    r = report_002()
    p = next(p for p in r.projects if p.name == "维稳工作")
    t = _table(r, "p2-t2")
    t.rows[1] = ["产出指标", "数量指标", "下基层与约谈次数完成率", "=100%", "100", "10", "10", ""]
    p.indicators.insert(0, ind(None, "产出指标", "数量指标", "下基层与约谈次数完成率", "10", "10", (2, "p2-t2", 1)))
    arithmetic = ("sum.rows", "score.total", "extract.loss")
    assert not [f for f in check(r) if f.rule in arithmetic and f.locations and f.locations[0].table == "p2-t2"]
    t.rows[1][5] = "9"  # a gap of 1 is no row's weight: an arithmetic error, not a lost row
    p.indicators[0].weight = 9.0
    # seed 002 was read by OCR: a mismatch there is first a doubt about the reading
    assert ("sum.rows", 89.0, 100.0) in _rules(r, "warning")
    assert all("OCR" in f.message for f in check(r) if f.rule in ("sum.rows", "score.total"))
    r.source.ocr_pages = []
    got = _rules(r)
    assert ("sum.rows", 89.0, 100.0) in got  # the table's rows; the budget block's 10 is named in the message
    assert ("score.total", 99.0, 100.0) in got


def test_rounding_becomes_error_beyond_precision():
    r = report_001()
    c = r.claims[0]
    c.value, c.value_text = 2915200.0, "291.52 万元"
    assert ("crossref.claims", 2914171.0, 2915200.0) in _rules(r)


def test_cost_lines_that_add_up_are_silent():
    r = report_004()
    trans = r.projects[0].indicators[0]
    trans.actual.value = 26504.5
    assert not {g for g in _rules(r) if g[0] == "target.cost_sum"}


def test_printed_rate_error():
    r = report_004()
    r.projects[0].budget.execution_rate = 62.22
    assert any(g[0] == "budget.execution_rate" for g in _rules(r))


def test_time_progress():
    r = report_004()
    c = next(c for c in r.claims if c.subject == "序时进度")
    assert not {g for g in _rules(r) if g[0] == "recompute.time_progress"}
    c.value, c.value_text = 75.0, "75.00%"
    assert ("recompute.time_progress", 83.333333, 75.0) in _rules(r)

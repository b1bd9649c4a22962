"""Mutate one real number, see it caught; restore it, see silence.

The hand-picked cases come first; the seeded suite of ``evals/mutations.py`` runs on a
small subset at the end (``python -m evals.mutations`` runs the full one).
"""

from __future__ import annotations

import random

import pytest

from checker import CheckConfig, check
from evals.mutations import PROSE, ROOT, find_relations, mutate_text, parse, run_document, tally
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


def test_a_detail_table_is_held_against_its_own_reports_line():
    """Two reports in one file, each with its 表1 and its 基础表3: report A's aid table (29,800)
    against report B's 表1 line is no finding; against its own (29,300, the seed's real slip) it is,
    once. Before, every detail table was set against every same-named line: N reports, N² findings."""
    a, b = report_000(), report_000()
    for t in b.tables:
        t.id = "b-" + t.id
    _table(b, "b-p39-t1").rows[3][2] = "17500"  # B's aid table now sums to 29,300 = B's 表1
    both = a.model_copy(update={"tables": a.tables + b.tables})
    got = [f for f in check(both) if f.rule == "recompute.detail" and f.actual == 29300.0]
    assert [(f.expected, f.actual) for f in got] == [(29800.0, 29300.0)]
    assert {loc.table for loc in got[0].locations} == {"p39-t1", "p7-t1"}  # A's tables, not B's


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


def test_a_grade_jixiao_derived_is_never_judged_as_printed():
    """Issue 20: with five bands, 91 is 良; a grade filled from the default bands (优) was
    never printed, so nothing contradicts the document."""
    r = report_000()
    r.claims = [c for c in r.claims if not any(w in c.subject for w in ("评级", "等级"))]  # its text states no grade
    five = CheckConfig(bands=((95.0, "优"), (90.0, "良"), (80.0, "中"), (60.0, "合格"), (0.0, "差")))
    r.projects[0].score.grade, r.projects[0].score.grade_source = "优", "derived"
    assert not [f for f in check(r, five) if f.rule == "grade.band"]
    r.projects[0].score.grade_source = "printed"
    assert [(f.expected, f.actual) for f in check(r, five) if f.rule == "grade.band"] == [(None, 91.0)]
    r.projects[0].score.grade_source = None  # a schema-1 report without the field: read as printed
    assert [f.rule for f in check(r, five) if f.rule == "grade.band"] == ["grade.band"]


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


# ---- the seeded mutation suite (evals/mutations.py) on a small subset ----------------

PUTUO = "samples/real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf"
TABLE_SUBSET = (
    ("samples/eval_report_2022_xinfang.docx", 14),
    ("samples/target_decl_2023_songjiang.pdf", 12),
    (PUTUO, 14),
)


@pytest.fixture(scope="module")
def table_results():
    return [run_document(ROOT / p, n, 0, seed=7) for p, n in TABLE_SUBSET]


def test_slips_keep_the_printed_form():
    rng = random.Random(1)
    for text in ("2,302,740.00", "29,300.00", "5.6", "100%", "164,978,640", "0.00", "7"):
        for _ in range(20):
            op, new = mutate_text(text, rng)
            a, b = parse(text), parse(new)
            assert new != text and b is not None and op in ("digit", "plusminus", "transpose", "tenfold")
            assert (a.decimals, a.commas, a.pct) == (b.decimals, b.commas, b.pct)


def test_yardstick_finds_the_documented_relations():
    import extractor

    rels = find_relations(extractor.read(ROOT / PUTUO))
    kinds = {(r.kind, r.total[0]) for r in rels}
    # 三公经费 (万元): 合计 22.91 = 0 + 1.35 + 小计 21.56; 小计 21.56 = 0 + 21.56
    assert any(r.kind == "cross" and r.total == ("p28-t1", 3, 0) and len(r.items) == 3 for r in rels)
    assert any(r.kind == "cross" and r.total == ("p28-t1", 3, 3) and len(r.items) == 2 for r in rels)
    # 20105 统计信息事务 627,600 = 26,300 + 601,300; the form money block of every 填报表 but p35's 年度 block
    assert ("nested", "p11-t1") in kinds and ("form", "p31-t1") in kinds
    assert not any(r.kind == "form" and r.total == ("p35-t1", 5, 7) for r in rels)  # broken as printed
    assert any(r.total[0] == PROSE for r in rels)
    # the 编制说明 lines, read by the yardstick's own expressions: 增减 % of each line that holds
    # as printed (items 3 and 16 do not), Σ 其中 parts, a line's amount = its 功能分类 row
    growth = [r for r in rels if r.kind.startswith("growth:")]
    assert len(growth) == 30 and {r.kind for r in growth} == {"growth:+", "growth:-"}
    assert {len(r.items) for r in rels if r.kind == "sum" and r.total[0] == PROSE} == {2, 3, 4}
    assert any(r.total[0] == PROSE and r.items == (("p20-t1", 5, 4),) for r in rels)  # 统计管理 2.63 万元 = 26,300


def test_table_mutations_recall_and_precision(table_results):
    outcomes = [o for r in table_results for o in r.outcomes]
    c = tally(outcomes)
    assert c["mutations"] == 40 and c["detectable"] >= 30
    misses = [o.mutation for o in outcomes if o.detectable and not o.detected]
    alarms = [(o.mutation, o.false_alarms) for o in outcomes if o.false_alarms]
    assert c["recall"] >= 0.95, misses
    assert c["precision"] >= 0.98, alarms


def test_no_error_on_figures_that_agree(table_results):
    for r in table_results:
        assert r.baseline_alarms == [], r.name


def test_prose_mutations_raise_no_false_alarm():
    r = run_document(ROOT / "samples/monitoring_2023_qingyunpu.pdf", 0, 12, seed=7)
    c = tally(r.outcomes)
    assert c["mutations"] == 12 and c["precision"] >= 0.98
    # 执行率, 支出 and 序时进度 in the monitoring report's prose: every breaking slip is caught
    assert c["recall"] >= 0.95, [o.mutation for o in r.outcomes if o.detectable and not o.detected]


PROSE_SUBSET = (
    ("samples/eval_report_2022_xinfang.pdf", 8),  # 执行率 in the sentences of other years
    ("samples/target_decl_2023_songjiang.pdf", 6),  # unnamed claims in a project's section
    (PUTUO, 14),  # the 部门预算编制说明, line by line
)


def test_prose_mutations_recall_and_precision():
    outcomes = [o for p, n in PROSE_SUBSET for o in run_document(ROOT / p, 0, n, seed=7).outcomes]
    c = tally(outcomes)
    assert c["mutations"] == 28 and c["detectable"] >= 24
    assert c["recall"] >= 0.95, [o.mutation for o in outcomes if o.detectable and not o.detected]
    assert c["precision"] >= 0.98, [(o.mutation, o.false_alarms) for o in outcomes if o.false_alarms]

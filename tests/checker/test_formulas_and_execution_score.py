"""xlsx.formula and budget.execution_score (issue 17) on the zoo's real-shaped forms."""

from __future__ import annotations

from functools import cache

from checker.engine import CheckConfig, check
from evals.zoo import ZOO
from extractor import read
from patterns.recognise import recognise


@cache
def _report(name: str):
    return recognise(read(ZOO / "docs" / name))


def _findings(report, rule: str):
    return [f for f in check(report, CheckConfig(rules={rule})) if f.rule == rule]


def test_cached_value_against_its_formula() -> None:
    """The slipped 执行率 of sc_self is a formula cell whose cached 92.52% is not =E105/D105;
    every other formula of the sheet (总额, 执行率, 合计 of four forms) agrees."""
    fs = _findings(_report("sc_self.xlsx"), "xlsx.formula")
    assert len(fs) == 1
    f = fs[0]
    assert f.severity == "error" and "=E105/D105" in f.message and "92.52%" in f.message and "91.52%" in f.message
    assert abs(f.expected - 91.52) < 0.01 and f.actual == 92.52


def test_formula_total_typed_over() -> None:
    report = _report("sc_self.xlsx").model_copy(deep=True)
    t = report.tables[0]
    f = next(f for f in t.formulas if f.text.startswith("=SUM(J"))
    printed = float(t.rows[f.row][f.col])
    t.rows[f.row][f.col] = f"{printed + 2:.2f}"  # a 合计 typed over its =SUM
    msgs = [x.message for x in _findings(report, "xlsx.formula") if x.locations[0].row == f.row]
    assert len(msgs) == 1 and f.text in msgs[0] and f"{printed:.2f}" in msgs[0]


def _block(report):
    return [i for p in report.projects for i in p.indicators if i.level1 == "预算执行率"]


def test_execution_score_by_the_printed_rule() -> None:
    """重庆 部门整体绩效自评表 prints 执行率90%以上计满分，每低于5%扣1分: its scores agree; a
    score lowered under a 96 % rate is an error naming the rule."""
    report = _report("cq_dept_self.docx")
    assert not _findings(report, "budget.execution_score")
    report = report.model_copy(deep=True)
    ind = _block(report)[0]
    ind.score, ind.score_text = ind.weight - 2, f"{ind.weight - 2:g}"
    fs = _findings(report, "budget.execution_score")
    assert len(fs) == 1 and fs[0].severity == "error"
    assert "执行率90%以上计满分" in fs[0].message and "每低于5%扣1分" in fs[0].message
    assert f"应得 {ind.weight:g} 分" in fs[0].message and "所印" in fs[0].message


def test_execution_score_pro_rata_without_a_printed_rule() -> None:
    """The Ministry's 自评表 prints no rule: 分值 × 执行率 is assumed, so a score off it is a warning."""
    report = _report("mof_dept_self.xlsx")
    assert not [f for f in _findings(report, "budget.execution_score")]
    report = report.model_copy(deep=True)
    ind = next(i for i in _block(report) if i.score and i.score < i.weight)
    ind.score, ind.score_text = ind.weight, f"{ind.weight:g}"
    fs = _findings(report, "budget.execution_score")
    assert len(fs) == 1 and fs[0].severity == "warning" and "分值 × 执行率" in fs[0].message


def test_fraction_rate_named_in_the_finding() -> None:
    """prov_self 动物疫病防控 prints 执行率 0.97 (a fraction) for B/A = 96.34 %."""
    fs = [f for f in _findings(_report("prov_self.xlsx"), "budget.execution_rate") if f.severity == "error"]
    assert len(fs) == 1 and "0.97（以小数印出，即 97%）" in fs[0].message


def test_total_above_its_details() -> None:
    """dept_target's workbook prints 金额合计 first, under the header: it covers the task rows
    below it. The 总额 column was slipped on every form; the 财政拨款 column adds up."""
    report = _report("dept_target.xlsx")
    fs = _findings(report, "sum.rows")
    assert len(fs) == 3
    for f in fs:
        total_row, first_detail = f.locations[0].row, f.locations[1].row
        t = next(t for t in report.tables if t.id == f.locations[0].table)
        assert "金额合计" in t.rows[total_row] and first_detail == total_row + 1
        assert "“总额”列" in f.message


def test_a_huge_range_is_clipped_to_the_table() -> None:
    """=SUM(A1:XFD1048576) reads the table's cells only, and the cells all formulas of a table
    may read are bounded: a hostile workbook cannot make the check run for hours."""
    from checker.rules.formulas import CELL_BUDGET, recompute
    from extractor.contract import Formula

    t = _report("sc_self.xlsx").tables[0]
    whole = Formula(row=0, col=0, text="=SUM(A1:XFD1048576)", grid="=SUM(R0C0:R1048575C16383)")
    assert recompute(t, whole) is not None
    many = [whole] * (CELL_BUDGET // (len(t.rows) * len(t.rows[0])) + 2)
    from checker.rules.formulas import _Budget

    budget = _Budget()
    results = [recompute(t, f, budget) for f in many]
    assert results[0] is not None and results[-1] is None

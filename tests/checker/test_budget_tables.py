"""Budget-document tables (from the real Putuo 万里街道 2023 部门预算, hand-copied): 类/款/项
nesting, cross-sums under spanned headers, and the 填报表 money block."""

from __future__ import annotations

from checker import check
from extractor.contract import Report, Source
from tests.checker.build import table
from tests.conftest import validate_report

FUNCTIONAL = table("p15-t1", [15], "2023年部门支出预算总表", """
项目||||支出预算||
功能分类科目编码|||功能分类科目名称|合计|基本支出|项目支出
类|款|项||||
201|||一般公共服务支出|2,976,800|0|2,976,800
201|05||统计信息事务|627,600|0|627,600
201|05|06|统计管理|26,300|0|26,300
201|05|07|专项普查活动|601,300|0|601,300
201|06||财务事务|2,349,200|0|2,349,200
201|06|01|行政运行|2,349,200|0|2,349,200
204|||公共安全支出|1,252,300|0|1,252,300
204|02||公安|1,252,300|0|1,252,300
204|02|99|其他公安支出|1,252,300|0|1,252,300
合计||||4,229,100|0|4,229,100
""", unit="元", spans=[[0, 0, 1, 4], [0, 4, 1, 3], [1, 0, 1, 3], [1, 3, 2, 1], [1, 4, 2, 1], [1, 5, 2, 1], [1, 6, 2, 1]])

THREE_PUBLIC = table("p28-t1", [28], "2023年部门“三公”经费和机关运行经费预算表", """
2023年“三公”经费预算数||||||2023年机关运行经费预算数
合计|因公出国(境)费|公务接待费|公务用车购置及运行费|||
|||小计|购置费|运行费|
22.91|0|1.35|21.56|0|21.56|786.09
""", unit="万元", spans=[[0, 0, 1, 6], [0, 6, 3, 1], [1, 0, 2, 1], [1, 1, 2, 1], [1, 2, 2, 1], [1, 3, 1, 3]])

FORM = table("p35-t1", [35], "财政项目支出绩效目标填报表", """
项目名称||公共服务设施运行经费||项目性质|经常性项目|项目类别|其他运转类
项目资金（元）||项目资金总额||10,903,043.00|年度资金申请总额||10,903,043.00
||其中：财政资金||10,903,043.00|其中：当年财政拨款||11,419,043.00
|||||上年结转资金||0.00
||其他资金||0.00|其他资金||0.00
""")


def _report(*tables) -> Report:
    return Report(source=Source(file="putuo.pdf", sha256="5" * 64, format="pdf"), tables=[t.model_copy(deep=True) for t in tables])


def _got(report):
    return {(f.rule, f.severity, f.expected, f.actual) for f in check(report)}


def test_nested_classification_is_consistent_and_total_counts_top_level_only():
    r = _report(FUNCTIONAL)
    assert not _got(r)
    validate_report(r.to_json())


def test_nested_child_error_is_caught():
    r = _report(FUNCTIONAL)
    r.tables[0].rows[5][4] = "26,400"  # 统计管理; 20105 统计信息事务 no longer adds up
    assert ("sum.nested", "error", 627700.0, 627600.0) in _got(r)
    assert ("sum.cross", "error", 26300.0, 26400.0) in _got(r)  # 基本支出 0 + 项目支出 26,300


def test_cross_sums_follow_header_spans():
    r = _report(THREE_PUBLIC)
    assert not _got(r)  # 22.91 = 0 + 1.35 + 21.56 (小计 stands for its group); 21.56 = 0 + 21.56
    r.tables[0].rows[3][2] = "1.45"
    assert ("sum.cross", "error", 23.01, 22.91) in _got(r)


def test_form_money_block_real_error():
    """The real 填报表 prints 年度资金申请总额 10,903,043 but 当年财政拨款 11,419,043."""
    got = _got(_report(FORM))
    assert got == {("sum.form", "error", 11419043.0, 10903043.0)}


def test_a_form_in_wan_yuan_declares_its_budget_in_wan_yuan():
    """项目资金（万元）: 年度资金总额 343.00 is 3,430,000 元, the project's own budget (zoo mof_self)."""
    from pathlib import Path

    from jixiao.pipeline import process

    report = process(Path(__file__).resolve().parents[2] / "samples" / "zoo" / "docs" / "mof_self.xlsx")
    assert report.projects and all(p.budget.initial for p in report.projects)
    assert [f.message for f in report.findings if f.rule == "crossref.declared"] == []


# an Anhui 2022 项目支出绩效自评表 as filed: the total row left at 0, the 财政拨款 row filled
SELF_FUNDS = table("t1", [1], "项目支出绩效自评表", """
项目资金(万元)||年初预算数|全年预算数|全年执行数|分值|执行率|得分
|年度资金总额:|0|0|0|10|0|0
|其中:本年财政拨款|90|89.974|89.974|—||—
|上年结转资金||||—||—
""")


def test_form_total_below_its_printed_parts_despite_a_blank_part():
    """A blank 上年结转资金 can only add: 0 against 90 is wrong whatever it holds."""
    got = [f for f in check(_report(SELF_FUNDS)) if f.rule == "sum.form"]
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 90.0, 0.0)]
    assert "“年度资金总额”（年初预算数）印为 0" in got[0].message and "上年结转资金未填" in got[0].message


def test_form_total_above_printed_parts_with_a_blank_part_is_left_to_funds_blank():
    r = _report(SELF_FUNDS)
    r.tables[0].rows[1][2:5] = ["100", "95", "95"]  # over 90 / 89.974: the blank 上年结转资金 may hold the rest
    assert not [f for f in check(r) if f.rule == "sum.form"]

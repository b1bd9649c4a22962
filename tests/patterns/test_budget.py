"""Budgets from 预算执行情况表, the 自评表 block, the 申报表 项目资金 block and prose."""

from __future__ import annotations

from _docbuild import table_from_rows

from extractor.contract import Amount, Claim
from patterns.budget import budget_from_form, budget_from_prose, merge, read_budget_table
from patterns.numbers import parse_number
from patterns.values import parse_value

TABLE1 = [
    ["项目构成", "指标名称", "年初预算", "调整后预算", "支付金额", "执行率"],
    ["维稳劝返", "车辆租赁", "150,000.00", "64,800.00", "64,800.00", "100%"],
    ["帮困经费", "帮困补助经费", "60,000.00", "29,300.00", "29,300.00", "100%"],
    ["合计", "<", "2,500,000.00", "2,302,740.00", "2,302,740.00", "100%"],
]


def read(table, unit="元"):
    return read_budget_table(table, unit, parse_number, parse_value)


def test_execution_table_total_row():
    got = read(table_from_rows(TABLE1, id="p6-t1", page=6))
    b = got.budget
    assert (b.initial, b.adjusted, b.spent, b.execution_rate) == (2500000.0, 2302740.0, 2302740.0, 100.0)
    assert b.source.model_dump() == {"page": 6, "table": "p6-t1", "row": 3}
    assert got.indicator is None


def test_unit_wan_yuan_is_scaled_to_yuan():
    rows = [TABLE1[0], ["合计", "", "250", "230.274", "230.274", "100%"]]
    b = read(table_from_rows(rows), unit="万元").budget
    assert (b.initial, b.adjusted, b.spent) == (2500000.0, 2302740.0, 2302740.0)


SELF = [
    ["", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["项目资金 (元)", "年度资金总额", "2805000.00", "3852396. 53", "3, 852, 396. 53", "10", "100.00%", "10"],
    ["^", "其中: 当年财政拨款", "2805000.00", "3852396. 53", "3852396.53", "_", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "改进措施"],
    ["总分", "", "", "", "", "100", "100.00", ""],
]


def test_self_assessment_block_and_its_rate_indicator():
    got = read(table_from_rows(SELF))
    b = got.budget
    assert (b.initial, b.adjusted, b.spent, b.execution_rate) == (2805000.0, 3852396.53, 3852396.53, 100.0)
    assert b.source.row == 1  # the 年度资金总额 row, not the indicator table's 总分
    ind = got.indicator
    assert (ind.level1, ind.name, ind.weight, ind.score) == ("预算执行率", "预算执行率", 10.0, 10.0)
    assert ind.actual.value == 100.0 and ind.actual.unit == "%"


def test_declaration_form_total():
    assert budget_from_form({"total": "4,100,000.00"}, parse_number).total == 4100000.0
    assert budget_from_form({"annual_total": "214167.00"}, parse_number).total == 214167.0
    assert budget_from_form({"annual_total": "2805000.00"}, parse_number, annual=False).total is None


def test_merge_keeps_first_source():
    a = budget_from_form({"total": "100"}, parse_number)
    b = budget_from_form({"total": "200"}, parse_number)
    assert merge(a, b).total == 100.0


def test_budget_from_prose_claims_and_amounts():
    claims = [
        Claim(subject="实际支出", text="实际支出198676.5元", value=198676.5, unit="元"),
        Claim(subject="资金执行率", text="资金执行率为66.22%", value=66.22, unit="%"),
    ]
    amounts = [Amount(text="30万元", value=300000.0, context="项目预算安排共计30万元，均为财政拨款")]
    b = budget_from_prose(claims, amounts)
    assert (b.total, b.spent, b.execution_rate) == (300000.0, 198676.5, 66.22)


def test_budget_from_prose_remembers_the_page_it_was_stated_on():
    from extractor import read
    from patterns import recognise
    from tests.conftest import sample

    report = recognise(read(sample("monitoring_2023_qingyunpu.pdf")))
    b = report.projects[0].budget
    assert (b.total, b.spent, b.execution_rate) == (300000.0, 198676.5, 66.22)
    assert b.source is not None and b.source.page == 4  # 资金使用情况: 实际支出198676.5元，资金执行率为66.22%

"""Budget blocks in the unit the form states, and a 执行率 printed as a fraction (issue 17)."""

from __future__ import annotations

import pytest
from _docbuild import table_from_rows

from patterns.budget import budget_from_form, read_budget_table, read_rate
from patterns.forms import as_dict, read_form, unit_label
from patterns.numbers import parse_number
from patterns.values import parse_value


@pytest.mark.parametrize(("text", "amounts", "rate", "form"), [
    ("0.88", (2068000.0, 2068000.0, 1824600.0), 88.0, "fraction"),  # B / A = 0.8823
    ("0.96", (1617700.0, 1470000.0, 1558500.0), 96.0, "fraction"),
    ("1.00", (100.0, 100.0, 100.0), 100.0, "fraction"),
    ("88.23%", (2068000.0, 2068000.0, 1824600.0), 88.23, "percent"),
    ("88", (2068000.0, 2068000.0, 1824600.0), 88.0, "percent"),
    ("1", (100.0, 100.0, 1.0), 1.0, "percent"),  # 1 % of the budget spent: a percent
    ("0.5", (None, None, None), 50.0, "fraction"),  # nothing to ask: a decimal at most 1
    ("100", (None, None, None), 100.0, "percent"),
    ("", (1.0, 1.0, 1.0), None, None),
])
def test_rate_printed_as_percent_or_fraction(text, amounts, rate, form) -> None:
    got, how = read_rate(text, amounts, parse_number)
    assert (got, how) == ((pytest.approx(rate) if rate is not None else None), form)


PROVINCIAL_BLOCK = [
    ["项目资金\n（万元）", "", "<", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["^", "年度资金总额", "<", "206.80", "206.80", "182.46", "10", "0.88", "8.8"],
    ["^", "其中：财政拨款", "<", "196.46", "196.46", "172.12", "", "", ""],
    ["^", "上年结转", "<", "0.00", "0.00", "0.00", "", "", ""],
    ["^", "其他资金", "<", "10.34", "10.34", "10.34", "", "", ""],
]


def test_self_assessment_block_in_wan_yuan_with_fraction_rate() -> None:
    read = read_budget_table(table_from_rows(PROVINCIAL_BLOCK), None, parse_number, parse_value)
    b = read.budget
    assert (b.initial, b.adjusted, b.spent) == (2068000.0, 2068000.0, 1824600.0)
    assert (b.execution_rate, b.rate_form) == (88.0, "fraction")
    ind = read.indicator
    assert (ind.name, ind.weight, ind.score) == ("预算执行率", 10.0, 8.8)
    assert (ind.actual.text, ind.actual.value, ind.actual.unit) == ("0.88", 88.0, "%")


def test_total_row_by_its_label_when_the_block_has_no_total_word() -> None:
    rows = [
        ["年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["总额", "0.00", "3.36", "3.36", "100.00%", "10", "10"],
        ["其中：财政资金", "0.00", "3.36", "3.36", "100.00%", "/", "/"],
    ]
    b = read_budget_table(table_from_rows(rows), None, parse_number, parse_value).budget
    assert (b.initial, b.adjusted, b.spent, b.execution_rate, b.rate_form) == (0.0, 33600.0, 33600.0, 100.0, "percent")


DECLARATION_2020 = [
    ["项目名称", "老旧小区改造", "<", "<", "<", "<"],
    ["主管部门", "延安市宝塔区住房和城乡建设局", "<", "实施单位", "延安市宝塔区城市建设服务中心", "<"],
    ["项目资金\n（万元）", "资金总额", "<", "266.19", "<", "<"],
    ["^", "其中：财政拨款", "<", "252.88", "<", "<"],
    ["^", "其他资金", "<", "13.31", "<", "<"],
]


def test_declaration_money_in_the_unit_its_label_states() -> None:
    form = as_dict(read_form(table_from_rows(DECLARATION_2020)))
    assert (form["unit"], form["total"], form["fiscal"], form["other"]) == ("万元", "266.19", "252.88", "13.31")
    assert budget_from_form(form, parse_number).total == 2661900.0


def test_label_in_yuan_changes_nothing() -> None:
    rows = [["项目资金\n（元）", "<", "项目资金总额", "<", "4,100,000.00"]]
    form = as_dict(read_form(table_from_rows(rows)))
    assert budget_from_form(form, parse_number).total == 4100000.0


@pytest.mark.parametrize(("text", "unit"), [
    ("项目资金（万元）", "万元"), ("预算金额（万元）", "万元"), ("项目资金\n（元）", "元"), ("金额单位：万元", "万元"),
    ("项目名称", None), ("年初预算数", None), ("其中：财政资金（万元）的说明文字很长很长很长很长", None),
])
def test_unit_labels(text, unit) -> None:
    assert unit_label(text) == unit

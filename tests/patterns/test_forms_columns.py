"""Indicator columns by meaning (issue 17): every province's header words, the comparison and
the unit printed in columns of their own, a unit printed in the name, 一级指标 from the 二级."""

from __future__ import annotations

import pytest
from _docbuild import table_from_rows

from patterns.headers import level1_of, match_kind
from patterns.indicators import join_target, read_indicator_tables, unit_from_name
from patterns.numbers import parse_number
from patterns.values import parse_value


@pytest.mark.parametrize(("text", "kind"), [
    ("指标性质", "op"), ("符号", "op"), ("计量单位", "unit"), ("度量单位", "unit"),
    ("指标内容", "name"), ("三级指标", "name"), ("指标名称", "name"),
    ("指标值", "target"), ("年度指标值", "target"), ("目标值", "target"),
    ("全年完成值", "actual"), ("实际完成值", "actual"), ("完成值", "actual"),
    ("分值", "weight"), ("指标权重", "level1_weight"), ("评价标准", "criteria"), ("评分标准", "criteria"),
    ("偏差原因分析及改进措施", "remark"), ("未完成原因分析", "remark"), ("指标类型", "level1"),
])
def test_header_words_of_every_layout(text: str, kind: str) -> None:
    assert match_kind(text, "indicator_columns") == kind


def test_level1_of_level2_heading() -> None:
    assert level1_of("数量指标") == "产出指标"
    assert level1_of("社会效益指标") == "效益指标"
    assert level1_of("经济成本指标") == "成本指标"
    assert level1_of("服务对象满意度指标") == "满意度指标"
    assert level1_of("成本指标") is None  # a 一级 in 2021 forms, a 二级 of 产出 in 2020 ones


@pytest.mark.parametrize(("op", "value", "unit", "joined"), [
    ("≥", "95", "%", "≥95%"),
    ("≤", "90", "万元", "≤90万元"),
    ("=", "100", "%", "=100%"),
    ("定性", "健全", "", "健全"),
    ("正向", "500", "人次", "≥500人次"),
    ("反向", "15", "天", "≤15天"),
    ("定量", "12", "次", "12次"),
    ("≥", "≥95%", "%", "≥95%"),  # a value that carries its own comparison and unit keeps them
    ("", "明显提升", "", "明显提升"),
])
def test_comparison_and_unit_columns_join_into_the_target(op, value, unit, joined) -> None:
    assert join_target(op, value, unit) == joined


PROVINCIAL = [
    ["绩效指标", "指标类型", "指标名称", "指标性质", "指标值", "计量单位", "指标权重", "全年完成值", "评价标准", "得分"],
    ["^", "数量指标", "检查企业数量", "≥", "150", "家", "7", "144", "达到目标值得满分", "6.72"],
    ["^", "^", "维修农村道路长度", "≥", "12.5", "公里", "7", "12.5", "达到目标值得满分", "7"],
    ["^", "经济成本指标", "项目总成本", "≤", "90", "万元", "10", "89.97", "达到目标值得满分", "10"],
    ["^", "可持续影响指标", "长效管理机制", "定性", "健全", "", "5", "基本健全", "达成预期得满分", "4"],
    ["^", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "10", "92", "达到目标值得满分", "10"],
    ["总分", "<", "<", "<", "<", "<", "39", "", "", "37.72"],
]


def test_provincial_self_assessment_reads_every_field() -> None:
    [section] = read_indicator_tables(table_from_rows(PROVINCIAL), parse_value, parse_number)
    got = {i.name: i for i in section.indicators}
    assert len(got) == 5
    firms = got["检查企业数量"]
    assert (firms.level1, firms.level2) == ("产出指标", "数量指标")
    assert (firms.target.op, firms.target.value, firms.target.unit) == (">=", 150.0, "家")
    assert (firms.actual.value, firms.actual.unit) == (144.0, "家")
    assert (firms.weight, firms.score, firms.criteria) == (7.0, 6.72, "达到目标值得满分")
    road = got["维修农村道路长度"]
    assert (road.level1, road.level2, road.target.unit) == ("产出指标", "数量指标", "公里")
    cost = got["项目总成本"]
    assert (cost.level1, cost.level2) == ("成本指标", "经济成本指标")
    assert (cost.target.op, cost.target.value, cost.target.unit) == ("<=", 900000.0, "元")
    assert cost.actual.value == pytest.approx(899700.0)
    lasting = got["长效管理机制"]
    assert (lasting.level1, lasting.target.op, lasting.actual.text) == ("效益指标", "qualitative", "基本健全")
    assert got["服务对象满意度"].level1 == "满意度指标"
    assert section.totals[0].weight == 39.0


DECLARATION_2020 = [
    ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值", "备注"],
    ["^", "产出指标", "数量指标", "城镇新增就业人数（人）", "≥500", ""],
    ["^", "^", "质量指标", "补贴发放准确率", "≥98%", ""],
    ["^", "^", "成本指标", "项目总成本（万元）", "≤90", ""],
    ["^", "效益指标", "社会效益指标", "群众办事便利程度", "明显提升", "较上年"],
]


def test_declaration_with_indicator_content_column_and_units_in_names() -> None:
    [section] = read_indicator_tables(table_from_rows(DECLARATION_2020), parse_value, parse_number)
    got = {i.name: i for i in section.indicators}
    assert list(got) == ["城镇新增就业人数（人）", "补贴发放准确率", "项目总成本（万元）", "群众办事便利程度"]
    jobs = got["城镇新增就业人数（人）"]
    assert (jobs.level1, jobs.level2, jobs.target.op, jobs.target.value, jobs.target.unit) == (
        "产出指标", "数量指标", ">=", 500.0, "人")
    assert (got["补贴发放准确率"].target.value, got["补贴发放准确率"].target.unit) == (98.0, "%")
    cost = got["项目总成本（万元）"]
    assert (cost.level2, cost.target.op, cost.target.value, cost.target.unit) == ("成本指标", "<=", 900000.0, "元")
    assert got["群众办事便利程度"].target.op == "increase"
    assert got["群众办事便利程度"].remark == "较上年"


def test_unit_in_the_name_only_fills_a_missing_unit() -> None:
    assert unit_from_name("培训人次（人次）", parse_value("≥500")).unit == "人次"
    assert unit_from_name("城镇新增就业人数（人）", parse_value("≥5%")).unit == "%"  # the value's own unit wins
    assert unit_from_name("资金到位率（试行）", parse_value("100")).unit is None  # no unit in the bracket
    assert unit_from_name("宣传活动（场）", parse_value("健全")).value is None  # no figure to give a unit


def test_type_column_holding_level1_words_stays_level1() -> None:
    rows = [
        ["指标类型", "指标名称", "指标值", "指标权重"],
        ["产出指标", "培训人次", "≥500人次", "20"],
        ["^", "培训合格率", "≥90%", "20"],
        ["满意度指标", "服务对象满意度", "≥90%", "10"],
    ]
    [section] = read_indicator_tables(table_from_rows(rows), parse_value, parse_number)
    assert [(i.level1, i.level2, i.weight) for i in section.indicators] == [
        ("产出指标", None, 20.0), ("产出指标", None, 20.0), ("满意度指标", None, 10.0)]


def test_target_form_without_level3_column_reads_names_under_level2() -> None:
    """鄂州 2022 市直 目标表: 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 — the 一级 column prints
    the 二级 heading (数量指标) and the 二级 column the indicator names; no 三级指标 column."""
    rows = [
        ["一级指标", "二级指标", "绩效标准", "当年预期实现值"],
        ["数量指标", "办公大楼日常维修维护次数", "反映办公大楼全年维修维护情况", "2280次"],
        ["^", "大楼安检巡察次数", "反映大楼保卫巡检情况", "200次"],
        ["质量指标", "重要设备维修维保验收合格率", "反映设备设施维保质量情况", "95%"],
    ]
    [section] = read_indicator_tables(table_from_rows(rows), parse_value, parse_number)
    assert [(i.level1, i.level2, i.name, i.target.text) for i in section.indicators] == [
        ("产出指标", "数量指标", "办公大楼日常维修维护次数", "2280次"),
        ("产出指标", "数量指标", "大楼安检巡察次数", "200次"),
        ("产出指标", "质量指标", "重要设备维修维保验收合格率", "95%"),
    ]


def test_level2_header_spanning_the_names_column() -> None:
    """二级指标 printed over two columns (heading, then the names) with no 三级指标 header."""
    rows = [
        ["一级指标", "二级指标", "<", "当年预期实现值"],
        ["产出指标", "数量指标", "大楼安检巡察次数", "200次"],
        ["^", "质量指标", "验收合格率", "≥92%"],
    ]
    [section] = read_indicator_tables(table_from_rows(rows), parse_value, parse_number)
    assert [(i.level1, i.level2, i.name, i.target.text) for i in section.indicators] == [
        ("产出指标", "数量指标", "大楼安检巡察次数", "200次"),
        ("产出指标", "质量指标", "验收合格率", "≥92%"),
    ]

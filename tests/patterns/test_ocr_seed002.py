"""Seed 002 (松江区信访办 2022 年四张绩效自评表, OCR): its four projects with their names,
budgets and every indicator row whose text survived the OCR — on the seed as given and on
variants garbled differently, so that the reading rests on general rules, not one string."""

from __future__ import annotations

from collections import Counter

import pytest

from extractor.text import read_text
from patterns.recognise import recognise
from tests.conftest import sample, validate_report

SEED = sample("self_assessment_2022_songjiang_ocr.txt").read_text(encoding="utf-8")


def _replace(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


# other misreadings of the same scan: another character of the lost name (课颗 for 课题),
# budget labels one character off (箅 for 算, 彳 for 行), a heading one character off
# (措 for 指), a heading split over two lines, and the name's OCR markup spread otherwise
VARIANT = _replace(SEED, [
    ("果题与规划", "课颗与规划"),
    ("年初预算数", "年初预箅数"),
    ("全年执行数", "全年执彳数"),
    ("\t成本指标\t成本控制\t良好\t良好\t5", "\t成本措标\t成本控制\t良好\t良好\t5"),
    ("满意度指标\t服务对象满意度指标\t\t\t\t\t\t\n", "满意度指\t服务对象\t\t\t\t\t\t\n\t标\t满意度指 标\t\t\t\t\t\n"),
    ("(2022 年 ^{网络信.}) 息系统运行与", "(2022 年 ^{网络信息.}) 系统运行与"),
])

# every label of the budget block of project 1 (the one OCR read column by column) garbled
# past repair: the four figures and 执行数 / 全年 = 执行率 still tell the columns apart
NO_LABELS = _replace(SEED[:SEED.index("级指标\t\t三级指标")], [
    ("年初预算数", "牛祠预舁效"), ("全年预算数", "仝年预箅效"), ("全年执行数", "仝年热彳效"), ("执行率", "热彳举"),
]) + SEED[SEED.index("级指标\t\t三级指标"):]


def report(text: str):
    rep = recognise(read_text(text.encode("utf-8"), "self_assessment.txt"))
    validate_report(rep.to_json())
    return rep


NAMES = ["课题与规划", "维稳工作", "宣传与推广", "网络信息系统运行与"]  # the scan lost 维护
BUDGETS = [  # initial, adjusted, spent, execution_rate
    (30000.0, 100000.0, 100000.0, 100.0),
    (2805000.0, 3852396.53, 3852396.53, 100.0),
    (120000.0, 115056.0, 115056.0, 100.0),
    (78504.0, 75248.0, 75248.0, 100.0),
]
COUNTS = [10, 21, 14, 9]  # 预算执行率 and the rows that survived (维稳工作 and 宣传与推广 each lost one)


@pytest.mark.parametrize("text", [SEED, VARIANT], ids=["seed", "variant"])
def test_four_projects_names_budgets_and_indicator_counts(text):
    ps = report(text).projects
    assert [p.name for p in ps] == NAMES
    assert [(p.budget.initial, p.budget.adjusted, p.budget.spent, p.budget.execution_rate) for p in ps] == BUDGETS
    assert [len(p.indicators) for p in ps] == COUNTS
    # the points add up to the 总分 each form prints, but for the rows lost to OCR
    assert [sum(i.weight for i in p.indicators) for p in ps] == [100.0, 90.0, 90.0, 100.0]
    for p in ps:
        rate = p.indicators[0]
        assert (rate.name, rate.weight, rate.score) == ("预算执行率", 10.0, 10.0)


@pytest.mark.parametrize("text", [SEED, VARIANT], ids=["seed", "variant"])
def test_every_indicator_under_its_headings(text):
    ps = report(text).projects
    groups = [Counter((i.level1, i.level2) for i in p.indicators[1:]) for p in ps]
    assert groups[0] == {("产出指标", "数量指标"): 1, ("产出指标", "质量指标"): 1, ("产出指标", "时效指标"): 1,
                         ("产出指标", "成本指标"): 1, ("效益指标", "社会效益指标"): 3,
                         ("满意度指标", "服务对象满意度指标"): 2}
    assert groups[1] == {("产出指标", "数量指标"): 1, ("产出指标", "质量指标"): 3, ("产出指标", "时效指标"): 2,
                         ("产出指标", "成本指标"): 1, ("效益指标", "社会效益指标"): 10,
                         ("效益指标", "可持续影响指标"): 2, ("满意度指标", "服务对象满意度指标"): 1}
    wei = {i.name: i.level2 for i in ps[1].indicators}
    assert {wei[n] for n in ("越级信访量", "信访总量")} == {"社会效益指标"}  # not 成本指标 filled down
    assert groups[2] == {("产出指标", "数量指标"): 3, ("产出指标", "质量指标"): 1, ("产出指标", "时效指标"): 2,
                         ("效益指标", "经济效益指标"): 1, ("效益指标", "社会效益指标"): 1,
                         ("效益指标", "可持续影响指标"): 2, ("满意度指标", "服务对象满意度指标"): 3}
    assert "信访宣传活动开展及时率" in [i.name for i in ps[2].indicators]  # 率 stood on a line of its own
    assert groups[3] == {("产出指标", "数量指标"): 1, ("产出指标", "质量指标"): 1, ("产出指标", "时效指标"): 1,
                         ("效益指标", "经济效益指标"): 1, ("效益指标", "社会效益指标"): 1,
                         ("效益指标", "可持续影响指标"): 1, ("满意度指标", "服务对象满意度指标"): 2}


def test_project1_targets_and_actuals_under_a_header_that_lost_their_labels():
    first = report(SEED).projects[0].indicators[1:]
    assert [(i.target.text, i.actual.text) for i in first[:4]] == [
        ("=100%", "100%"), (">=85%", "100%"), ("=100%", "100%"), ("良好", "良好")]
    assert all(i.target is not None and i.actual is not None for i in first)


def test_budget_labels_garbled_past_repair_are_told_by_their_figures():
    p = report(NO_LABELS).projects[0]  # (with its label went what told the name from it)
    assert (p.budget.initial, p.budget.adjusted, p.budget.spent, p.budget.execution_rate) == BUDGETS[0]
    assert p.indicators[0].weight == 10.0  # the lone 10 between 执行数 and 执行率

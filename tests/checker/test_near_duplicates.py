"""indicator.near_duplicate: one indicator listed twice under two spellings, on the Songjiang
declarations (PDF sample of seed 001) and self-assessments (seed 002, OCR text)."""

from __future__ import annotations

import pytest

from checker.rules.targets import near_duplicate_names
from jixiao.pipeline import process
from tests.conftest import ROOT

PAIRS = {
    ("维稳工作", "社会防控面影响力", "社会面防控影响力"),
    ("维稳工作", "维稳工作开展及时率", "维稳工作开展及时性"),
    ("宣传与推广", "来访来电登记单印刷率", "来访登记单印刷率"),
    ("宣传与推广", "宣传活动开展及时率", "信访宣传活动开展及时率"),
    ("课题与规划", "信访课题研究成果", "课题研究成果"),
    ("课题与规划", "提高群众信访满意度", "群众信访满意度"),
}


def _pairs(report):
    out = {}
    for f in report.findings:
        if f.rule == "indicator.near_duplicate":
            project = f.message.split("”", 1)[0].removeprefix("项目“")
            names = tuple(n.split("”", 1)[0] for n in f.message.split("三级指标 ", 1)[1].split("“")[1:3])
            out[(project, *names)] = f
    return out


@pytest.mark.parametrize("path, severity", [
    ("samples/target_decl_2023_songjiang.pdf", "info"),  # declarations: no points
    ("samples/self_assessment_2022_songjiang_ocr.txt", "warning"),  # both copies scored: counted twice
])
def test_the_six_pairs_and_nothing_else(path, severity):
    got = _pairs(process(ROOT / path))
    assert set(got) == PAIRS
    assert {f.severity for f in got.values()} == {severity}
    assert all(len(f.locations) == 2 and f.locations[0].row != f.locations[1].row for f in got.values())
    if severity == "warning":
        f = got[("维稳工作", "社会防控面影响力", "社会面防控影响力")]
        assert "3 分" in f.message and "2 分" in f.message and "字序颠倒" in f.message and "重复计分" in f.message


@pytest.mark.parametrize("a, b", [
    ("初次信访事项办结率", "初次信访事项化解率"),  # seed 000 表2: two measures
    ("全国省市“两会”等重大活动现场值守交通经费", "全国省市“两会”等重大活动现场值守住宿经费"),  # seed 004: two costs
    ("寒托班、暑托班开设班级数", "寒托班、暑托班完成班级数"),  # real Putuo form
    ("信访事项办理效率", "信访事项办理率"),  # seed 001: efficiency against a rate
    ("维稳工作开展有效性", "维稳工作开展及时性"),
    ("受益群众满意度", "受益对象满意度"),
    ("第1期业务培训完成率", "第2期业务培训完成率"),  # figures name two things
    ("年度指标1234", "年度指标11234"),  # the hostile generated table
])
def test_other_indicators_with_close_names_are_not_duplicates(a, b):
    assert near_duplicate_names(a, b) is None

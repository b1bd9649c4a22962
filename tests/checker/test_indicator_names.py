"""consistency.indicator_name: seed 000 prints ``B12 资金使用情况`` in 表3, the 过程类 table and
附件1, and heads its paragraph ``B12 资金使用合规性``; every other code keeps one name."""

from __future__ import annotations

import pytest

from checker import check
from extractor import read
from extractor.contract import Project, Report
from patterns import recognise
from tests.checker.build import claim, table
from tests.checker.reports import report_000
from tests.conftest import ROOT

DOCX = ROOT / "samples" / "eval_report_2022_xinfang.docx"
B12_TEXT = "该指标满分3分,根据评分标准,得3分。"


def _with_headings(r: Report, b12: str = "资金使用合规性") -> Report:
    """Seed 000 with its section headings read into claim subjects, as patterns/prose.py does."""
    for code, name in (("B11", "预算执行率"), ("B12", b12), ("D31", "管理部门满意度")):
        for what in ("满分", "得分"):
            r.claims.append(claim(f"{code} {name}.{what}", B12_TEXT, 3.0, "分", 21, "3分"))
    return r


def _found(r: Report):
    return [f for f in check(r) if f.rule == "consistency.indicator_name"]


def test_b12_heading_against_the_tables():
    (f,) = _found(_with_headings(report_000()))
    assert f.severity == "warning"
    for part in ("指标编号 B12 有 2 个名称", "表 3：项目具体指标评分表（第 19 页 行 7）", "2022 年信访办维稳专项绩效评价指标体系表",
                 "作“B12 资金使用情况”", "而正文小标题（第 21 页）作“B12 资金使用合规性”"):
        assert part in f.message, part
    assert {loc.table for loc in f.locations} >= {"p19-t1", "p30-t1", None}


def test_same_name_spaced_or_punctuated_is_silent():
    """A wrapped cell (``资金使用 情况``) or a full-width bracket is the same name."""
    assert _found(_with_headings(report_000(), b12="资金使用 情况")) == []
    assert _found(_with_headings(report_000(), b12="资金使用情况。")) == []
    assert _found(report_000()) == []  # the hand-built seed has no headings: the tables agree


def test_misread_on_an_ocr_page_is_not_a_second_name():
    r = _with_headings(report_000(), b12="资金使用晴况")
    assert len(_found(r)) == 1
    r.source.ocr_pages = [21]
    assert _found(r) == []
    r = _with_headings(report_000())  # 合规性 is three edits away: not a misread
    r.source.ocr_pages = [21]
    assert len(_found(r)) == 1


def test_codes_that_are_not_indicators_and_multi_project_documents_are_silent():
    r = _with_headings(report_000())
    r.tables.append(table("p40-t1", [40], "附表", "地点|说明\nG60 科创走廊|一\nG60 云廊科创广场|二"))
    assert len(_found(r)) == 1  # G60 is a place, not an indicator code
    r.projects.append(Project(name="另一项目", indicators=[i.model_copy() for i in r.projects[0].indicators]))
    assert _found(r) == []


@pytest.fixture(scope="module")
def docx_findings():
    return check(recognise(read(DOCX)))


def test_end_to_end_on_the_docx(docx_findings):
    """The three auditor's items on samples/eval_report_2022_xinfang.docx, read by the real pipeline."""
    by_rule = {}
    for f in docx_findings:
        by_rule.setdefault(f.rule, []).append(f)
    (name,) = by_rule["consistency.indicator_name"]
    assert "“B12 资金使用情况”" in name.message and "“B12 资金使用合规性”" in name.message
    (sat,) = by_rule["recompute.stated_satisfaction"]
    assert (sat.expected, sat.actual) == (1.75, 5.6) and "不低于 91%" in sat.message and "80% × 分值 7" in sat.message
    (ex,) = by_rule["recompute.execution_score"]
    assert (ex.severity, ex.expected, ex.actual) == ("info", 4.85, 5.0) and "评分用的是调整后预算" in ex.message
    assert [f.severity for f in (name, sat, ex)] == ["warning", "warning", "info"]  # never an error on agreeing figures

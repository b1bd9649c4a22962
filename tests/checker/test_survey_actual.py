"""recompute.survey_actual on the real evaluation report (seed 000 rebuilt as samples/*.pdf): the
survey in 附件4 gives 84 % and 86 %, while 表2 states the 满意度 完成值 as >90 %."""

from __future__ import annotations

import copy

import pytest

from checker import check
from extractor import read
from patterns import recognise
from tests.conftest import ROOT

EVAL = ROOT / "samples" / "eval_report_2022_xinfang.pdf"


@pytest.fixture(scope="module")
def doc():
    return read(EVAL)


def _found(doc):
    return [f for f in check(recognise(doc)) if f.rule == "recompute.survey_actual"]


def test_table_actual_above_what_the_survey_gives(doc):
    (f,) = _found(doc)
    assert (f.severity, f.expected, f.actual) == ("warning", 86.0, 90.0)
    assert [(loc.page, loc.table, loc.row) for loc in f.locations] == [(8, "p8-t1", 15), (24, None, None)]
    for part in ("信访市民对信访办满意度", "完成值为“>90%”", "84%（38%×1 + 44%×0.8 + 18%×0.6）", "86%（42%×1 + 46%×0.8 + 12%×0.6）",
                 "均不高于 90%", "同为社会公众（居民、市民、群众等）的满意度另有指标称 “80%以上”"):
        assert part in f.message, part


def test_agreeing_figures_and_other_respondents_are_silent(doc):
    """D32 (居民) says 80%以上, which 84–86 % bear out; D31's 80%以上 is the 管理部门's, not surveyed."""
    changed = copy.deepcopy(doc)
    (t,) = [t for t in changed.tables if t.caption and t.caption.startswith("表 2")]
    (name,) = [c for c in t.cells if c.text == "信访市民对信访办满意度"]
    (actual,) = [c for c in t.cells if c.row == name.row and c.col == t.n_cols - 1]
    assert actual.text == ">90%"
    actual.text = ">80%"
    assert _found(changed) == []


def test_survey_that_bears_the_figure_out_is_silent(doc):
    changed = copy.deepcopy(doc)
    for b in changed.blocks:  # first survey sentence: 78 + 14 × 0.8 + 8 × 0.6 = 94 %
        b.text = b.text.replace("38%的居民表示非常满意,44%的居民表示比较满意,18%", "78%的居民表示非常满意,14%的居民表示比较满意,8%")
    assert _found(changed) == []

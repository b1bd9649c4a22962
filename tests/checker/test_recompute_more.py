"""recompute.stated_satisfaction and recompute.execution_score on seed 000's real figures.

D31 管理部门满意度 (分值 7) is given 5.6 on the strength of ``满意度为80%以上`` alone: by its
criteria (95 % full, each 1 % below −5 % of the weight) 80 % earns 7 − 15 × 0.35 = 1.75, and 5.6
needs ≥ 91 %; 5.6 is 80 % × 7. B11 预算执行率 (分值 5): 230.274 万元 spent is 100 % of the
adjusted budget (5 分, printed) and 92.11 % of the 250 万元 年初预算 (5 − 3 × 0.05 = 4.85).
"""

from __future__ import annotations

import pytest

from checker import check
from extractor.contract import Report
from tests.checker.build import claim, value
from tests.checker.reports import report_000

D31_SAID = "根据调研结果显示，管理部门对2022年信访维稳日常工作的总体满意度为80%以上。"
D32_SAID = "根据调研结果显示,园区居民群众对2022年信访维稳日常工作的总体满意度为80%以上。"


def _with_stated(r: Report, d31: str = D31_SAID) -> Report:
    """Seed 000 with D31/D32's 业绩值 cells and the two prose sentences as the recogniser reads them."""
    inds = {i.code: i for i in r.projects[0].indicators}
    inds["D31"].actual = value(d31)
    inds["D32"].actual = value(D32_SAID)
    for text, page in ((d31, 26), (D32_SAID, 26)):
        r.claims.append(claim("满意度", text, 80.0, "%", page, "80%以上"))
    return r


def _found(r: Report, rule: str):
    return [f for f in check(r) if f.rule == rule]


def _set_score(r: Report, code: str, score: str) -> None:
    (i,) = [i for i in r.projects[0].indicators if i.code == code]
    i.score, i.score_text = float(score), score


# ---------------------------------------------------------------- stated satisfaction


def test_d31_score_needs_more_than_the_stated_figure():
    (f,) = _found(_with_stated(report_000()), "recompute.stated_satisfaction")
    assert (f.severity, f.expected, f.actual) == ("warning", 1.75, 5.6)
    assert [(loc.table, loc.row, loc.page) for loc in f.locations] == [("p19-t1", 22, 20), (None, None, 26)]
    for part in ("D31 管理部门满意度", "95% 以上得满分", "每下降 1% 扣权重 5%（0.35 分）", "“80%以上”", "正文（第 26 页）",
                 "按 80% 应得 7 − 15 × 0.35 = 1.75 分", "需满意度不低于 91%（7 − 4 × 0.35 = 5.6）", "只能支持 80%",
                 "恰为所称满意度 80% × 分值 7"):
        assert part in f.message, part


def test_surveyed_indicator_is_left_to_the_survey_rule_which_names_the_product():
    """D32 (居民) has 附件4's survey: recompute.satisfaction speaks, and now says 6.4 = 80 % × 8."""
    r = _with_stated(report_000())
    assert all("D32" not in f.message for f in _found(r, "recompute.stated_satisfaction"))
    (s,) = _found(r, "recompute.satisfaction")
    assert "恰为所称满意度 80% × 分值 8" in s.message


def test_score_the_stated_figure_earns_is_silent():
    r = _with_stated(report_000())
    _set_score(r, "D31", "1.75")
    assert _found(r, "recompute.stated_satisfaction") == []


def test_product_is_named_only_when_exact():
    """5.25 (needs 90 %) is not 80 % × 7: the finding stands, without the multiplication remark."""
    r = _with_stated(report_000())
    _set_score(r, "D31", "5.25")
    (f,) = _found(r, "recompute.stated_satisfaction")
    assert "需满意度不低于 90%（7 − 5 × 0.35 = 5.25）" in f.message and "恰为" not in f.message


def test_no_stated_figure_no_finding():
    r = report_000()  # the hand-built seed has no 业绩值 text for D31 and no prose figure
    assert _found(r, "recompute.stated_satisfaction") == []
    r = _with_stated(report_000(), d31="根据调研结果显示，管理部门对2022年信访维稳日常工作总体满意。")
    r.claims = [c for c in r.claims if "管理部门" not in c.text]
    assert _found(r, "recompute.stated_satisfaction") == []


def test_exact_stated_figure_is_held_to_its_score():
    """A plain ``91%`` gives exactly 5.6: silent; ``85%`` gives 3.5: the finding says so."""
    r = _with_stated(report_000(), d31="管理部门总体满意度为91%。")
    r.claims = [c for c in r.claims if "管理部门" not in c.text]
    assert _found(r, "recompute.stated_satisfaction") == []
    r = _with_stated(report_000(), d31="管理部门总体满意度为85%。")
    r.claims = [c for c in r.claims if "管理部门" not in c.text]
    (f,) = _found(r, "recompute.stated_satisfaction")
    assert (f.expected, f.actual) == (3.5, 5.6) and "按 85% 应得 7 − 10 × 0.35 = 3.5 分" in f.message


# ---------------------------------------------------------------- 执行率 score by budget


def test_b11_scored_against_the_adjusted_budget():
    (f,) = _found(report_000(), "recompute.execution_score")
    assert (f.severity, f.expected, f.actual) == ("info", 4.85, 5.0)
    for part in ("B11 预算执行率", "95% 以上得满分、每下降 1% 扣权重 1%、70% 以下不得分",
                 "以调整后预算 2,302,740.00 元计，执行率 100.00%，得满分 5 分", "评分用的是调整后预算",
                 "以年初预算 2,500,000.00 元计，执行率 92.11%", "应得 5 − 3 × 0.05 = 4.85 分", "按比例折算 4.86 分"):
        assert part in f.message, part


def test_b11_scored_against_the_initial_budget_says_so():
    r = report_000()
    _set_score(r, "B11", "4.85")
    (f,) = _found(r, "recompute.execution_score")
    assert "评分用的是年初预算" in f.message and f.expected == 5.0


def test_one_budget_or_both_full_is_silent():
    r = report_000()
    r.projects[0].budget.initial = 2302740.0
    assert _found(r, "recompute.execution_score") == []
    r = report_000()
    r.projects[0].budget.initial = 2400000.0  # 95.95 %: full marks either way
    assert _found(r, "recompute.execution_score") == []


@pytest.mark.parametrize("score,word", [("4.5", "均不能复现")])
def test_neither_budget_reproduces(score, word):
    r = report_000()
    _set_score(r, "B11", score)
    (f,) = _found(r, "recompute.execution_score")
    assert word in f.message and f.severity == "info"

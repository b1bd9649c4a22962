"""完成率 = 实际完成值 ÷ 目标值 in one clause (checker/rules/completion.py), and rate.bounds
leaving alone a rate above 100 % that its own clause accounts for.

Built from the wording of 宁德 人才驿站补助资金 2023 自评报告 (0477ly.com copy): each indicator's
``绩效目标值是28次，实际完成值为40次，目标完成率为143%`` — over-fulfilment, not a broken bound.
"""

from __future__ import annotations

from checker import check
from patterns.completion import completion_clauses
from tests.checker.build import read_written

REPORT = """人才驿站补助资金项目绩效自评报告（2023年度）
一、项目基本情况
本项目累计安排资金12万元，由市委人才办组织实施，年度绩效自评得分88分。
二、项目绩效目标完成情况
1.产出目标完成情况
（1）数量目标：当年人才驿站组织活动数量绩效目标值是30次，实际完成值为42次，目标完成率为{rate}；每年人才驿站服务人次绩效目标值是600人，实际完成值为1800人，目标完成率为300%。
（2）成本目标：项目资金投入绩效目标值是≤12万元，实际完成值为9万元，目标完成率为100%。
（3）时效目标：补助资金到位时间绩效目标值是2023年12月前，实际完成值为2023年12月前，目标完成率为100%。
"""


def _findings(tmp_path, rate: str, rule: str):
    return [f for f in check(read_written(tmp_path, "rencai.txt", REPORT.format(rate=rate))) if f.rule == rule]


def test_clauses_read_target_actual_and_rate_but_not_a_cap_or_a_date():
    got = completion_clauses(REPORT.format(rate="140%"))
    assert [(c.target, c.actual, c.unit, c.rate) for c in got] == [(30.0, 42.0, "次", 140.0), (600.0, 1800.0, "人", 300.0)]


def test_over_fulfilment_its_clause_gives_is_not_a_bound_broken(tmp_path):
    """42 ÷ 30 = 140 %, 1800 ÷ 600 = 300 %: before, two rate.bounds warnings (完成率 above 100 %)."""
    assert _findings(tmp_path, "140%", "rate.bounds") == []
    assert _findings(tmp_path, "140%", "statement.completion_rate") == []


def test_a_rate_the_clause_does_not_give_is_an_error_naming_both_figures(tmp_path):
    got = _findings(tmp_path, "124%", "statement.completion_rate")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", 140.0, 124.0)]
    assert "完成率印为 124%" in got[0].message and "42 次 ÷ 目标值 30 次 = 140.00%" in got[0].message
    assert _findings(tmp_path, "124%", "rate.bounds") == []  # 42 > 30: above 100 % is right, the figure is not


def test_a_rate_rounded_to_its_printed_digits_agrees(tmp_path):
    """28 → 40 gives 142.857 %: 143 % and 142.86 % both agree."""
    text = "绩效目标值是28次，实际完成值为40次，目标完成率为143%；绩效目标值是28次，实际完成值为40次，目标完成率为142.86%。"
    assert [c.rate for c in completion_clauses(text)] == [143.0, 142.86]
    assert [f for f in check(read_written(tmp_path, "r.txt", REPORT.format(rate="140%") + text)) if f.rule in ("statement.completion_rate", "rate.bounds")] == []


# ---- statement.paid_rate: 支付率 = 支付 ÷ (支付 + 未支付) in one clause ----------------------

SPENDING = """乡村振兴衔接资金项目绩效自评报告
一、项目基本情况
20xx年，用于巩固拓展脱贫攻坚成果和乡村振兴建设任务安排资金12806.5万元，资金已全部到位。
二、绩效目标完成情况分析
（一）预算执行进度情况分析。
20xx年，衔接资金支付12304.5万元，未支502万元，支付率{rate}。未支付资金属于预留的质保金。
"""


def _spending(tmp_path, rate: str):
    return [f for f in check(read_written(tmp_path, "xczx.txt", SPENDING.format(rate=rate))) if f.rule == "statement.paid_rate"]


def test_a_paid_rate_its_clause_gives_is_silent(tmp_path):
    """12,304.5 ÷ (12,304.5 + 502) = 96.08 %."""
    assert _spending(tmp_path, "96.08%") == [] and _spending(tmp_path, "96%") == []


def test_a_paid_rate_the_clause_does_not_give_is_an_error(tmp_path):
    """The 范文's own slip: 18,501.096 paid, 703 unpaid, printed 95 % (it is 96.34 %); here 95 % for 96.08 %."""
    got = _spending(tmp_path, "95%")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", 96.08, 95.0)]
    assert "已支付 12,304.5 万元 ÷ （已支付 12,304.5 万元 + 未支付 502 万元 = 12,806.5 万元） = 96.08%" in got[0].message

"""完成率 = 实际完成值 ÷ 目标值 and 支付率 = 支付 ÷ (支付 + 未支付), recomputed from the clause
that states all three.

A self-assessment report may say of each indicator ``绩效目标值是28次，实际完成值为40次，
目标完成率为143%`` (宁德 人才驿站 2023). The clause is read by ``patterns.completion``;
the rate is judged here at its printed decimals (``checker.completion`` holds what
``rate.bounds`` shares: a rate above 100 % that its clause gives is no broken bound).
"""

from __future__ import annotations

from checker.completion import agrees, clauses, computed, decimals
from checker.finding import finding, on_page
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tolerance import explain, severity, verdict
from extractor.contract import Finding, Location, Report
from patterns.completion import spending_clauses


@rule("statement.completion_rate", "error", "句中完成率与实际完成值÷目标值不符")
def completion_rate(report: Report, config: CheckConfig) -> list[Finding]:
    """完成率 against 实际完成值 ÷ 目标值 of the same clause (same unit, target not a cap).

    宁德 人才驿站 2023: 40 次 ÷ 28 次 = 142.86 % printed 143 % ✓; 1700 ÷ 500 = 340 % ✓.
    """
    out: list[Finding] = []
    for page, c in clauses(report):
        value = computed(c)
        if value is None or agrees(c):
            continue
        u = f" {c.unit}" if c.unit else ""
        how = f"实际完成值 {fmt(c.actual)}{u} ÷ 目标值 {fmt(c.target)}{u}"
        out += _judged("statement.completion_rate", page, f"“{c.text}”中完成率", c.rate_text, c.rate, value, how)
    return out


def _judged(rule_id: str, page: int | None, said: str, rate_text: str, rate: float, value: float, how: str) -> list[Finding]:
    """The finding (none, rounding or error) for a printed rate against ``value`` = ``how``."""
    d = decimals(rate_text)
    v = verdict(value, rate, d)
    if round(value, d) == round(rate, d) or not (sev := severity(v)):
        return []
    msg = f"正文{on_page(page)}{said}印为 {rate_text}%，而{how} = {value:.2f}%；{explain(v, d, '%')}"
    return [finding(rule_id, sev, msg, value, rate, [Location(page=page)])]


@rule("statement.paid_rate", "error", "句中支付率与已支付÷(已支付+未支付)不符")
def paid_rate(report: Report, config: CheckConfig) -> list[Finding]:
    """支付率/执行率 against 支付 ÷ (支付 + 未支付) of the same clause.

    乡村振兴项目绩效自评报告 (范文): ``资金支付18501.096万元，未支703万元，支付率95%`` —
    18,501.096 ÷ 19,204.096 = 96.34 %, not 95 % → error.
    """
    out: list[Finding] = []
    for b in report.blocks:
        for c in spending_clauses(b.text):
            if not (whole := c.paid + c.unpaid):
                continue
            u = f" {c.unit}" if c.unit else ""
            how = f"已支付 {fmt(c.paid)}{u} ÷ （已支付 {fmt(c.paid)}{u} + 未支付 {fmt(c.unpaid)}{u} = {fmt(whole)}{u}）"
            out += _judged("statement.paid_rate", b.page, f"“{c.text}”中比率", c.rate_text, c.rate, c.paid / whole * 100.0, how)
    return out

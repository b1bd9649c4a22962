"""完成率 = 实际完成值 ÷ 目标值, recomputed from the clause that states all three.

A self-assessment report may say of each indicator ``绩效目标值是28次，实际完成值为40次，
目标完成率为143%`` (宁德 人才驿站 2023). The clause is read by ``patterns.completion``;
the rate is judged here at its printed decimals (``checker.completion`` holds what
``rate.bounds`` shares: a rate above 100 % that its clause gives is no broken bound).
"""

from __future__ import annotations

from checker.completion import agrees, computed, decimals
from checker.finding import finding, on_page
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tolerance import explain, severity, verdict
from extractor.contract import Finding, Location, Report
from patterns.completion import completion_clauses


@rule("statement.completion_rate", "error", "句中完成率与实际完成值÷目标值不符")
def completion_rate(report: Report, config: CheckConfig) -> list[Finding]:
    """完成率 against 实际完成值 ÷ 目标值 of the same clause (same unit, target not a cap).

    宁德 人才驿站 2023: 40 次 ÷ 28 次 = 142.86 % printed 143 % ✓; 1700 ÷ 500 = 340 % ✓.
    """
    out: list[Finding] = []
    for b in report.blocks:
        for c in completion_clauses(b.text):
            value = computed(c)
            if value is None or agrees(c):
                continue
            d = decimals(c.rate_text)
            v = verdict(value, c.rate, d)
            if sev := severity(v):
                u = f" {c.unit}" if c.unit else ""
                msg = (
                    f"正文{on_page(b.page)}“{c.text}”中完成率印为 {c.rate_text}%，"
                    f"而实际完成值 {fmt(c.actual)}{u} ÷ 目标值 {fmt(c.target)}{u} = {value:.2f}%；{explain(v, d, '%')}"
                )
                out.append(finding("statement.completion_rate", sev, msg, value, c.rate, [Location(page=b.page)]))
    return out

"""Targets against actuals: met but deducted, missed but full marks; cost lines against the budget."""

from __future__ import annotations

from checker.engine import CheckConfig, rule
from checker.finding import at_indicator, finding, ind_name, proj_label
from checker.numbers import fmt
from checker.rules.bounds import score_decimals
from checker.tolerance import around
from extractor.contract import Finding, Indicator, Location, Report


def met(ind: Indicator) -> bool | None:
    """Whether the actual meets the target (None when either is not a comparable number)."""
    t, a = ind.target, ind.actual
    if t is None or a is None or t.value is None or a.value is None or t.op is None:
        return None
    if a.unit and t.unit and a.unit != t.unit:
        return None
    x, y = a.value, t.value
    return {
        ">=": x >= y - 1e-9,
        ">": x > y,
        "<=": x <= y + 1e-9,
        "<": x < y,
        "=": abs(x - y) <= 1e-9,
    }.get(t.op)


@rule("target.score", "warning", "达标却扣分，或未达标却得满分")
def target_score(report: Report, config: CheckConfig) -> list[Finding]:
    """财预〔2020〕10号: a quantitative indicator that is met earns full points; one that is
    not earns points in proportion. Met but deducted is a warning (the remark may give a
    reason, seed 002: 98% ≥ 95% yet 5 of 6); missed with full points is an error."""
    out: list[Finding] = []
    for p in report.projects:
        sd = score_decimals(p)
        for ind in p.indicators:
            ok = met(ind)
            if ok is None or ind.weight is None or ind.score is None:
                continue
            full = around(ind.score, sd).contains(ind.weight)
            if ok and not full:
                why = f"；偏差说明：{ind.remark}" if ind.remark else ""
                out.append(
                    finding(
                        "target.score",
                        "warning",
                        f"指标“{ind_name(ind)}”目标 {ind.target.text}，实际 {ind.actual.text}，已达标，"
                        f"但得分 {fmt(ind.score)} 低于分值 {fmt(ind.weight)}{why}",
                        ind.weight,
                        ind.score,
                        [at_indicator(ind)],
                    )
                )
            elif ok is False and full:
                out.append(
                    finding(
                        "target.score",
                        "error",
                        f"指标“{ind_name(ind)}”目标 {ind.target.text}，实际 {ind.actual.text}，未达标，却得满分 {fmt(ind.score)}",
                        None,
                        ind.score,
                        [at_indicator(ind)],
                    )
                )
    return out


@rule("target.cost_sum", "error", "成本指标实际数之和与实际支出不符")
def cost_sum(report: Report, config: CheckConfig) -> list[Finding]:
    """When the 成本指标 caps in 元 add up to the budget exactly (they partition it), their
    actuals must add up to the amount spent (seed 004: 198,660 vs 198,676.5 元)."""
    out: list[Finding] = []
    for p in report.projects:
        b = p.budget
        budget = b.total if b.total is not None else (b.adjusted if b.adjusted is not None else b.initial)
        cost = [
            i
            for i in p.indicators
            if "成本" in (i.level1 or "") and i.target and i.target.unit == "元" and i.target.value is not None
        ]
        if budget is None or b.spent is None or len(cost) < 2:
            continue
        caps = sum(i.target.value for i in cost)
        if abs(caps - budget) > 1e-6 or any(i.actual is None or i.actual.value is None for i in cost):
            continue
        actual = sum(i.actual.value for i in cost)
        if abs(actual - b.spent) < 1e-6:
            continue
        shares = {round(i.actual.value / i.target.value * 100, 4) for i in cost}
        note = f"；各项实际数均为其目标值的 {fmt(next(iter(shares)))}%，疑按执行率折算而来" if len(shares) == 1 else ""
        names = "、".join(f"{fmt(i.actual.value, 2)}" for i in cost)
        loc = [at_indicator(cost[0])]
        if b.source:
            loc.append(Location(page=b.source.page, table=b.source.table, row=b.source.row))
        out.append(
            finding(
                "target.cost_sum",
                "error",
                f"{proj_label(p)}成本指标目标值之和 {fmt(caps, 2)} 元等于预算，其实际数 {names} 之和为 {fmt(actual, 2)} 元，"
                f"而实际支出为 {fmt(b.spent, 2)} 元（差 {fmt(b.spent - actual, 2)} 元）{note}",
                b.spent,
                actual,
                loc,
            )
        )
    return out


@rule("indicator.duplicate", "info", "同一项目中三级指标重复出现")
def duplicate(report: Report, config: CheckConfig) -> list[Finding]:
    """The same 三级指标 listed twice in one project (seed 001/002 维稳工作: 市信访工作目标责任
    考核成绩 under 质量指标 and 社会效益指标). Scored twice it counts double: warning; else info."""
    out: list[Finding] = []
    for p in report.projects:
        seen: dict[str, list[Indicator]] = {}
        for i in p.indicators:
            seen.setdefault("".join(i.name.split()), []).append(i)
        for name, inds in seen.items():
            if len(inds) < 2:
                continue
            scored = sum(1 for i in inds if i.weight) > 1
            where = "、".join(f"{i.level1 or ''}/{i.level2 or ''}" + (f"（{fmt(i.weight)} 分）" if i.weight else "") for i in inds)
            out.append(
                finding(
                    "indicator.duplicate",
                    "warning" if scored else "info",
                    f"{proj_label(p)}的三级指标“{name}”出现 {len(inds)} 次：{where}" + ("，重复计分" if scored else ""),
                    None,
                    float(len(inds)),
                    [at_indicator(i) for i in inds],
                )
            )
    return out

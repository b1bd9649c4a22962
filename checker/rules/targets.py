"""Targets against actuals: met but deducted, missed but full marks; cost lines against the budget."""

from __future__ import annotations

from checker.finding import at_indicator, finding, ind_name, proj_label
from checker.helpers import score_decimals
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tables import norm
from checker.tolerance import around
from extractor.contract import Finding, Indicator, Location, Report
from patterns.headers import edit_distance
from patterns.lazyre import re


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
            if ok and not full and ind.score < ind.weight:  # above the points: score.bounds says so
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


_BOUNDS = (">=", ">", "<=", "<")


def _bound_copied(ind: Indicator) -> bool:
    """Whether the actual is the target's own bound (``>=95%`` for ``>=95%``), not a measurement."""
    t, a = ind.target, ind.actual
    return (t is not None and a is not None and a.op in _BOUNDS and a.op == t.op and a.value is not None
            and a.value == t.value and (a.unit or "") == (t.unit or ""))


@rule("target.actual_unmeasured", "info", "实际完成值照抄目标值的区间，未填实测数")
def actual_unmeasured(report: Report, config: CheckConfig) -> list[Finding]:
    """An actual written as the target's own bound (target ``>=95%``, actual ``>=95%``) states
    that the target was met without the figure that shows it: the reader cannot tell 96 % from
    100 %, and a satisfaction rate, a rate of repeat petitions, any measured quantity has one
    value. One finding per project, every such indicator named. Seed 004 表4 接待对象满意率 and
    社会公众满意度率 ``>=95%`` (the text says only ``良好``). Info: some forms ask only whether the
    bound was kept."""
    out: list[Finding] = []
    for p in report.projects:
        copied = [ind for ind in p.indicators if _bound_copied(ind)]
        if not copied:
            continue
        names = "、".join(f"“{ind_name(i)}”（目标 {i.target.text}，实际 {i.actual.text}）" for i in copied)
        out.append(
            finding(
                "target.actual_unmeasured", "info",
                f"{proj_label(p)}有 {len(copied)} 个指标的实际完成值照抄目标值的区间而未填实测数：{names}；"
                "无从判断实际完成程度，请补填实际数值",
                None, None, [at_indicator(i) for i in copied],
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
            where = "、".join(f"{i.level1 or ''}/{i.level2 or ''}" + (f"（{fmt(i.weight)} 分）" if i.weight else "") for i in inds)
            out.append(_listed_twice("indicator.duplicate", p, inds, f"“{name}”出现 {len(inds)} 次：{where}"))
    return out


def _listed_twice(rule_id: str, project, inds: list[Indicator], said: str) -> Finding:
    """One indicator listed more than once: a warning when two copies carry points (counted twice)."""
    scored = sum(1 for i in inds if i.weight) > 1
    return finding(
        rule_id, "warning" if scored else "info",
        f"{proj_label(project)}的三级指标{said}" + ("，重复计分" if scored else ""),
        None, float(len(inds)), [at_indicator(i) for i in inds],
    )


# ---------------------------------------------------------------- near-duplicate indicator names

_MEASURE = {"性": "率", "度": "率"}  # 及时性 / 及时率, 满意度 / 满意率: one measure


def _canon(name: str) -> str:
    n = re.sub(r"[\s\W_]", "", name)
    return n[:-1] + _MEASURE.get(n[-1], n[-1]) if n else n



def _inserted(short: str, long: str) -> str | None:
    """The characters ``long`` adds to ``short`` when it only adds some (in order), else None."""
    extra, i = [], 0
    for ch in long:
        if i < len(short) and ch == short[i]:
            i += 1
        else:
            extra.append(ch)
    return "".join(extra) if i == len(short) else None


def _suffix(a: str, b: str) -> int:
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    return k


_NOT_DIGIT = re.compile(r"\D")


def near_duplicate_names(a: str, b: str) -> str | None:
    """How two indicator names are one name written twice, else None.

    Names of five characters or more, at most two edits apart, that differ only by the same
    measure word (及时率 / 及时性), by characters in another order (社会防控面 / 社会面防控), or by
    a qualifier added (信访宣传活动开展及时率 / 宣传活动开展及时率) away from the measure they end
    in (办理效率 / 办理率 are two measures; 办结率 / 化解率 and 交通经费 / 住宿经费 are other things).
    """
    x, y = _canon(a), _canon(b)
    raw = (re.sub(r"[\s\W_]", "", a), re.sub(r"[\s\W_]", "", b))
    if raw[0] == raw[1] or min(len(x), len(y)) < 5 or _NOT_DIGIT.sub("", x) != _NOT_DIGIT.sub("", y):
        return None  # 指标12 / 指标112, 第1期 / 第2期: a figure that differs names another thing
    if x == y:
        return f"“{raw[0][-1]}”与“{raw[1][-1]}”同义"
    if abs(len(x) - len(y)) > 2 or _suffix(x, y) < 2:
        return None
    if sorted(x) == sorted(y):
        return "字序颠倒" if edit_distance(x, y) <= 2 else None
    short, long = sorted((x, y), key=len)
    extra = _inserted(short, long)  # at most two characters added: at most two edits
    return f"多出“{extra}”" if extra else None


_MOST_ALIKE = 300


def _candidate_pairs(inds: list[Indicator]) -> list[tuple[Indicator, Indicator]]:
    """Pairs that may be near duplicates, in list order: names of five characters or more ending
    in the same two (canonical) characters and holding the same figures, at most two apart in
    length, under the same 二级指标 (or one without), codes not different. Bucketing by the ending
    and the figures keeps a table of thousands of
    rows from costing millions of comparisons; a bucket of more than ``_MOST_ALIKE`` names is
    passed over (hundreds of names with one ending are a generated list, not a form)."""
    buckets: dict[tuple[str, str], list[tuple[int, Indicator, int, str, frozenset]]] = {}
    for k, ind in enumerate(inds):
        c = _canon(ind.name)
        if len(c) >= 5:
            buckets.setdefault((c[-2:], _NOT_DIGIT.sub("", c)), []).append((k, ind, len(c), norm(ind.level2 or ""), frozenset(c)))
    pairs = []
    for group in buckets.values():
        if len(group) > _MOST_ALIKE:
            continue
        for i, (ka, a, na, la, ca) in enumerate(group):
            for kb, b, nb, lb, cb in group[i + 1 :]:
                if abs(na - nb) > 2 or not (ca == cb if na == nb else (ca <= cb if na < nb else cb <= ca)):
                    continue  # neither a reordering nor characters added
                if (not la or not lb or la == lb) and not (a.code and b.code and a.code != b.code):
                    pairs.append((ka, kb, a, b))
    return [(a, b) for _, _, a, b in sorted(pairs, key=lambda x: (x[0], x[1]))]


@rule("indicator.near_duplicate", "info", "同一项目中三级指标名称几乎相同")
def near_duplicate(report: Report, config: CheckConfig) -> list[Finding]:
    """Two 三级指标 of one project whose names differ by a measure synonym, a reordering or a
    qualifier (``near_duplicate_names``) and that stand under the same 二级指标 (or one has none),
    unless both carry codes that differ (C21 / C22 are two items of a scoring table). Both
    scored: warning (counted twice); else info. Seeds 001/002 维稳工作: 社会防控面影响力 (3 分) /
    社会面防控影响力 (2 分), 维稳工作开展及时率 / 及时性; 宣传与推广: 来访来电登记单印刷率 / 来访登记单印刷率,
    宣传活动开展及时率 / 信访宣传活动开展及时率; 课题与规划: 信访课题研究成果 / 课题研究成果, 提高群众信访
    满意度 / 群众信访满意度.
    """
    out: list[Finding] = []
    for p in report.projects:
        for a, b in _candidate_pairs(p.indicators):
            how = near_duplicate_names(a.name, b.name)
            if how is None:
                continue
            where = "、".join(
                f"“{norm(i.name)}”（{i.level1 or ''}/{i.level2 or ''}" + (f"，{fmt(i.weight)} 分" if i.weight else "") + "）" for i in (a, b)
            )
            out.append(_listed_twice("indicator.near_duplicate", p, [a, b], f" {where} 名称几乎相同（{how}），疑为同一指标列了两次"))
    return out

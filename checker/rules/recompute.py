"""Figures recomputed from their parts: 执行率, formula scores, deductions, satisfaction, details."""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import cache
from typing import Any

from checker import ledger
from checker.claims import about, printed_of, quantity, statement_claim
from checker.finding import at_indicator, at_table, finding, ind_name, on_page, proj_label, table_name
from checker.helpers import denominators, months_elapsed, rate_findings, score_decimals
from checker.numbers import decimals_of_float, fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.tables import cell, filled, find_col, find_cols, header_like, norm, says, total_label
from checker.tolerance import around, explain, severity, verdict
from extractor.contract import Finding, Indicator, Location, Report, TableOut, Value
from patterns.lazyre import re
from patterns.rule_words import survey_words
from patterns.table_roles import caption_subject
from patterns.values import parse_value

# ---------------------------------------------------------------- 执行率


@rule("budget.execution_rate", "error", "执行率与支出÷预算不符")
def execution_rate(report: Report, config: CheckConfig) -> list[Finding]:
    """执行率 = spent / budget, trying 调整后, 年初 and 总额 and naming the one that reproduces it;
    also per row of any table with 预算, 支出/支付/执行数 and 执行率 columns."""
    out: list[Finding] = []
    for p in report.projects:
        b = p.budget
        if b.spent is None or b.execution_rate is None:
            continue
        locs = [Location(page=b.source.page, table=b.source.table, row=b.source.row)] if b.source else []
        out += rate_findings("budget.execution_rate", f"{proj_label(p)}", b.spent, denominators(b), b.execution_rate,
                             decimals_of_float(b.execution_rate), locs, fraction=b.rate_form == "fraction")
    for t in report.tables:
        out += _table_rates(t)
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _table_rates(t: TableOut) -> list[Finding]:
    out: list[Finding] = []
    for h, head in enumerate(t.rows):
        rc = find_col(t, h, "recompute.rate")
        sc = find_col(t, h, "recompute.spent")
        if rc is None or sc is None or any(parse_cell(x) for x in head):
            continue
        bcols = [c for c in find_cols(t, h, "recompute.budget") if c != sc]
        bcols.sort(key=lambda c: 0 if says(t, h, c, "recompute.budget_preferred") else 1)
        seen = False
        for r in range(h + 1, len(t.rows)):
            if seen and (header_like(t.rows[r]) or _CJK.search(norm(cell(t, r, rc)))):
                break  # the block ended: what follows has other columns (得分系数（%） under 执行率（%）)
            rate, spent = parse_cell(cell(t, r, rc)), parse_cell(cell(t, r, sc))
            if rate is None or spent is None or (rate.unit != "%" and not (rate.unit is None and "%" in norm(head[rc]))):
                continue  # a rate is printed with its % or under a 执行率（%） header
            seen = True
            dens = []
            for c in bcols:
                d = parse_cell(cell(t, r, c))
                if d and d.value and all(abs(d.value - w) > 1e-9 for _, w in dens):
                    dens.append((norm(head[c]), d.value))
            if not dens:
                continue
            label = next((norm(x) for x in t.rows[r] if norm(x) and parse_cell(x) is None), f"第 {r} 行")
            out += rate_findings("budget.execution_rate", f"{table_name(t)}“{label}”", spent.value, dens, rate.value, rate.decimals, [at_table(t, r, rc)])
        break
    return out


# ---------------------------------------------------------------- formula scores

_FORMULA = re.compile(r"最终得分\s*=\s*([^*×【】\]]+?)\s*[*×]\s*分值")


def _completion(ind: Indicator, factor: str) -> tuple[float, str] | None:
    """The rate the formula multiplies by, and how it was obtained."""
    t, a = ind.target, ind.actual
    if a is None or a.value is None:
        return None
    if "完成率" in factor and t is not None and t.value and (a.unit or t.unit) and (a.unit or t.unit) != "%":
        if a.unit and t.unit and a.unit != t.unit:
            return None
        u = a.unit or t.unit or ""
        return min(a.value / t.value, 1.0), f"完成率 {fmt(a.value)} {u} ÷ {fmt(t.value)} {u} = {a.value / t.value * 100:.4g}%"
    if (a.unit == "%") or (t is not None and t.unit == "%"):
        return min(a.value / 100.0, 1.0), f"{factor} {fmt(a.value)}%"
    return None


def _inferred_completion(report: Report, ind: Indicator) -> tuple[float, str] | None:
    """Completion read from prose when the indicator has no numeric target/actual.

    The actual is the sum of the head counts in its 业绩值 (``发放补助11人…7人…36人`` = 54)
    and the target a claim in 人 about the same thing (``计划帮困救助计划人数为 120 人``),
    matched by a shared word. An inference, so the finding is a warning.
    """
    if ind.actual is None or not ind.actual.text:
        return None
    counts = [int(x) for x in _PEOPLE.findall(norm(ind.actual.text))]
    words = _words(ind.name)
    targets = [
        c for c in report.claims
        if c.unit == "人" and c.value and not statement_claim(c) and "计划" in c.subject + c.text and any(w in norm(c.subject) for w in words)
    ]
    if not counts or not targets:
        return None
    a, t = sum(counts), targets[0].value
    return min(a / t, 1.0), (
        f"业绩值所列人数 {' + '.join(map(str, counts))} = {a} 人，正文{on_page(targets[0].page)}计划 {fmt(t)} 人，完成率 {a / t * 100:.4g}%"
    )


@rule("recompute.formula", "error", "得分与评分标准公式（完成率×分值）不符")
def formula(report: Report, config: CheckConfig) -> list[Finding]:
    """Criteria ``【最终得分=完成率*分值】`` recomputed from target and actual (C13: 54/120 × 6 = 2.7).

    Where the indicator carries no numeric target/actual, they may be inferred from prose
    (``_inferred_completion``); such findings are warnings.
    """
    out: list[Finding] = []
    for p in report.projects:
        sd = score_decimals(p)
        for ind in p.indicators:
            m = _FORMULA.search(norm(ind.criteria))
            if not m or ind.weight is None or ind.score is None:
                continue
            comp, inferred = _completion(ind, m.group(1)), False
            if comp is None and "完成率" in m.group(1):
                comp, inferred = _inferred_completion(report, ind), True
            if comp is None:
                continue
            rate, how = comp
            expected = rate * ind.weight
            v = verdict(expected, ind.score, sd)
            if (sev := severity(v)) is None:
                continue
            if inferred and sev == "error":
                sev = "warning"
            out.append(
                finding(
                    "recompute.formula",
                    sev,
                    f"指标“{ind_name(ind)}”评分标准为“{m.group(0)}”，{how}，应得 {fmt(ind.weight)} × {rate * 100:.4g}% = "
                    f"{fmt(expected, 2)} 分，表中得分 {_as_printed(ind, sd)}（差 {fmt(ind.score - expected, 2)}）；{explain(v, sd)}",
                    expected,
                    ind.score,
                    [at_indicator(ind)],
                )
            )
    return out


def _as_printed(ind: Indicator, column_decimals: int | None) -> str:
    """The score as printed, and how precisely it is read when its column prints finer: a 3 in a
    column that also prints 5.6 stands for 2.95–3.05, not 2.5–3.5."""
    text = (ind.score_text or "").strip() or fmt(ind.score, column_decimals)
    own = len(text.split(".", 1)[1]) if "." in text else 0
    if column_decimals and own < column_decimals:
        return f"{text}（得分列印至 {column_decimals} 位小数，按 {fmt(ind.score, column_decimals)} 计）"
    return text


# ---------------------------------------------------------------- deduction steps

_STEP = re.compile(r"扣(?:除)?(?:权重|分值)?(?:的|比例)?\s*(\d+(?:\.\d+)?)\s*%")
_PER_ITEM = re.compile(r"每(?:发现|存在|缺少)|缺少一项|一项不符合|每一项")


def reachable(weight: float, steps: list[float], floor_zero: bool = True) -> list[float]:
    """Scores a deduction rule can give: weight minus whole steps (fractions of the weight)."""
    vals = {weight, 0.0} if floor_zero else {weight}
    frontier = {0.0}
    for _ in range(int(1 / min(steps)) + 1 if steps else 0):
        frontier = {f + s for f in frontier for s in steps if f + s <= 1.0 + 1e-9}
        vals |= {weight * (1 - f) for f in frontier}
    return sorted(vals)


@rule("recompute.deduction", "error", "得分不能由评分标准的扣分步长得出")
def deduction(report: Report, config: CheckConfig) -> list[Finding]:
    """``每发现 1 项…扣 25%权重`` allows only weight − k × step: C31 10 → 7.5 or 5, never 8.

    Per-item rules give ``error``; per-percent rules (``每下降1%，扣权重5%``) give
    ``warning``, since some evaluators interpolate between whole percents.
    """
    out: list[Finding] = []
    for p in report.projects:
        sd = score_decimals(p)
        for ind in p.indicators:
            crit = norm(ind.criteria)
            steps = sorted({float(s) / 100 for s in _STEP.findall(crit) if 0 < float(s) <= 100})
            if not steps or ind.weight is None or ind.score is None or _FORMULA.search(crit):
                continue
            vals = reachable(ind.weight, steps)
            band = around(ind.score, sd)
            if any(band.contains(v) for v in vals):
                continue
            sev = "error" if _PER_ITEM.search(crit) and "每下降" not in crit else "warning"
            near = sorted(vals, key=lambda v: abs(v - ind.score))[:2]
            stp = "、".join(f"{s * 100:g}%（{fmt(s * ind.weight, 2)} 分）" for s in steps)
            out.append(
                finding(
                    "recompute.deduction",
                    sev,
                    f"指标“{ind_name(ind)}”分值 {fmt(ind.weight)}，评分标准按权重的 {stp}逐项扣分，"
                    f"可得分值为 {'、'.join(fmt(v, 2) for v in vals)}；表中得分 {fmt(ind.score, sd)} 不在其中"
                    f"（最接近 {' 或 '.join(fmt(v, 2) for v in near)}）",
                    near[0],
                    ind.score,
                    [at_indicator(ind)],
                )
            )
    return out


# ---------------------------------------------------------------- 执行率 score, against which budget

_RATE_FULL = re.compile(r"(\d+(?:\.\d+)?)%\s*(?:[-－—–~至到]\s*100%|及?以上)[^；;。]{0,4}?[，,]?(?:得|计)满分")


def _told(t: tuple[str, float, float, float, float], weight: float, threshold: float, per: float, step: float, zero: float | None) -> str:
    """``以年初预算 2,500,000.00 元计，执行率 92.11%，…应得 5 − 3 × 0.05 = 4.85 分``: one budget's score."""
    name, den, rate, whole, pro = t
    s = f"以{name} {fmt(den, 2)} 元计，执行率 {rate:.2f}%"
    if whole >= weight - 1e-9:
        return s + f"，得满分 {fmt(weight)} 分"
    if zero is not None and rate < zero - 1e-9:
        return s + f"，低于 {fmt(zero)}%，不得分"
    drops = math.ceil(round((threshold - rate) / per, 9))
    s += f"，低于 {fmt(threshold)}% {threshold - rate:.2f} 个百分点，应得 {fmt(weight)} − {drops} × {fmt(step * weight, 2)} = {fmt(whole, 2)} 分"
    return s + (f"（按比例折算 {fmt(pro, 2)} 分）" if abs(pro - whole) > 0.005 else "")


@rule("recompute.execution_score", "info", "执行率得分随所用预算（年初/调整后）而不同")
def execution_score(report: Report, config: CheckConfig) -> list[Finding]:
    """A 预算执行率 indicator scored by a threshold rule (``95%-100%得满分；95%以下，每下降1%，
    扣权重1%；70%以下不得分``) re-scored with spent ÷ each budget the project prints.

    ``项目预算数`` does not say which budget; when 年初 and 调整后 give different scores the
    reader should know which the printed score rests on. Seed 000 B11: 230.274 ÷ 230.274 万元 =
    100 % → 5 (printed); ÷ 250 万元 = 92.11 % → 5 − 3 × 0.05 = 4.85. Information, not an error:
    the criteria leave the choice open.
    """
    out: list[Finding] = []
    for p in report.projects:
        b, sd = p.budget, score_decimals(p)
        dens = denominators(b)
        if b.spent is None or len(dens) < 2:
            continue
        for ind in p.indicators:
            crit = norm(ind.criteria)
            full, drop = _RATE_FULL.search(crit), _PER_DROP.search(crit)
            if not (full and drop) or "执行率" not in norm(ind.name) or ind.weight is None or ind.score is None or ind.weight <= 0:
                continue
            zm = _ZERO.search(crit)
            threshold, per, step = float(full.group(1)), float(drop.group(1)), float(drop.group(2)) / 100
            zero = float(zm.group(1)) if zm else None
            tries = []
            for name, den in dens:
                rate = min(b.spent / den * 100, 100.0)
                whole, pro = ladder(ind.weight, rate, threshold, per, step, zero)
                tries.append((name, den, b.spent / den * 100, whole, pro))
            if max(t[3] for t in tries) - min(t[3] for t in tries) < 1e-9:
                continue  # every budget gives the same score: nothing to tell
            band = around(ind.score, sd)
            fits = [t for t in tries if band.contains(t[3]) or band.contains(t[4])]

            rule_text = (f"评分标准为执行率 {fmt(threshold)}% 以上得满分、每下降 {fmt(per)}% 扣权重 {fmt(step * 100)}%"
                         + (f"、{fmt(zero)}% 以下不得分" if zero is not None else ""))
            head = f"指标“{ind_name(ind)}”（分值 {fmt(ind.weight)}，表中得分 {ind.score_text or fmt(ind.score, sd)}）{rule_text}，未言明以哪一预算为分母："
            if len(fits) == 1:
                used, others = fits[0], [t for t in tries if t is not fits[0]]
                msg = (f"{head}{_told(used, ind.weight, threshold, per, step, zero)}，与表中得分相符，可知评分用的是{used[0]}；"
                       + "；".join(_told(t, ind.weight, threshold, per, step, zero) for t in others))
                other = others[0][3]
            else:
                msg = f"{head}" + "；".join(_told(t, ind.weight, threshold, per, step, zero) for t in tries) + (
                    "，均与表中得分相符" if fits else f"，均不能复现表中得分 {ind.score_text or fmt(ind.score, sd)}")
                other = tries[-1][3]
            locs = [at_indicator(ind)]
            if b.source:
                locs.append(Location(page=b.source.page, table=b.source.table, row=b.source.row))
            out.append(finding("recompute.execution_score", "info", msg, other, ind.score, locs))
    return out


# ---------------------------------------------------------------- satisfaction


@cache
def _coef_pattern() -> Any:
    """``“比较满意”选项样本数×0.8``: an answer the criteria weight, and its weight (compiled once)."""
    return re.compile(r"[“\"]?(" + "|".join(map(re.escape, survey_words().formula_answers)) + r")[”\"]?选项样本数(?:[×*]([\d.]+))?")
_FULL = re.compile(r"满意度(\d+(?:\.\d+)?)%以上[，,]?得满分")
_PER_DROP = re.compile(r"每下降(\d+(?:\.\d+)?)%[，,]?扣(?:权重)?的?(\d+(?:\.\d+)?)%")


def survey_groups(report: Report) -> list[tuple[str, int | None, dict[str, float]]]:
    """Survey shares from claims, one group per sentence: (text, page, {answer: percent})."""
    groups: dict[tuple[str, int | None], dict[str, float]] = {}
    for cl in report.claims:
        ans = quantity(cl)
        if ans in survey_words().coefficients and not statement_claim(cl) and cl.unit == "%" and cl.value is not None:
            groups.setdefault((cl.text, cl.page), {})[ans] = cl.value
    return [(t, pg, g) for (t, pg), g in groups.items()]


def coefficients(criteria: str) -> dict[str, float]:
    """Each answer's weight in the satisfaction formula the criteria print (``“比较满意”选项样本数×0.8``),
    the usual 1 / 0.8 / 0.6 / 0.3 / 0 for answers they do not name."""
    coef = dict(survey_words().coefficients)
    for ans, k in _coef_pattern().findall(norm(criteria)):
        coef[ans] = float(k) if k else 1.0
    return coef


def _words(name: str) -> set[str]:
    core = norm(name)
    for w in survey_words().name_without:
        core = core.replace(w, "")
    core = re.sub(r"^[A-Z]\d+", "", core)
    return {core[i : i + 2] for i in range(len(core) - 1)}


@rule("recompute.satisfaction", "warning", "满意度得分与问卷比例按公式折算的结果不符")
def satisfaction(report: Report, config: CheckConfig) -> list[Finding]:
    """Satisfaction = Σ share × coefficient (非常满意×1, 比较满意×0.8, 一般×0.6, 较不满意×0.3);
    the score then follows the criteria's 满分 threshold and per-drop deduction.

    Which survey question feeds which indicator is an interpretation (matched by the
    respondents named, e.g. 居民), so findings are warnings.
    """
    out: list[Finding] = []
    groups = survey_groups(report)
    if not groups:
        return out
    for p in report.projects:
        for ind in p.indicators:
            crit = norm(ind.criteria)
            full, drop = _FULL.search(crit), _PER_DROP.search(crit)
            if not (_coef_pattern().search(crit) and full and drop) or ind.weight is None or ind.score is None:
                continue
            coef = coefficients(crit)
            words = _words(ind.name)
            mine = [g for g in groups if any(w in norm(g[0]) for w in words)]
            if not mine:
                continue
            threshold, per, step = float(full.group(1)), float(drop.group(1)), float(drop.group(2)) / 100
            results = []
            for _text, page, shares in mine:
                sat = sum(v * coef.get(a, 0.0) for a, v in shares.items())
                drops = max(0.0, math.ceil(round((threshold - sat) / per, 9)))
                results.append((sat, max(0.0, ind.weight * (1 - drops * step)), page))
            if any(abs(s - ind.score) <= 0.5 * 10 ** -score_decimals(p) for _, s, _ in results):
                continue
            implied = threshold - (1 - ind.score / ind.weight) / step * per
            parts = "；".join(f"问卷{on_page(pg)}满意度 {sat:.4g}%，应得 {fmt(s, 2)} 分" for sat, s, pg in results)
            best = min(results, key=lambda x: abs(x[1] - ind.score))
            out.append(
                finding(
                    "recompute.satisfaction",
                    "warning",
                    f"指标“{ind_name(ind)}”（分值 {fmt(ind.weight)}）按评分标准（满意度 {fmt(threshold)}% 以上满分，每下降 "
                    f"{fmt(per)}% 扣权重 {fmt(step * 100)}%）：{parts}；表中得分 {fmt(ind.score)}，对应满意度约 {implied:.4g}%"
                    + times_weight_note(ind, [v.value for v, _, _ in stated_evidence(report, ind) if v.value is not None]),
                    best[1],
                    ind.score,
                    [at_indicator(ind)] + [Location(page=pg) for _, _, pg in results[:1]],
                )
            )
    return out


# ---------------------------------------------------------------- stated satisfaction

_ZERO = re.compile(r"(\d+(?:\.\d+)?)%以下[，,]?(?:不得分|不计分|得0分)")


def ladder(weight: float, rate: float, full: float, per: float, step: float, zero: float | None = None) -> tuple[float, float]:
    """The score a 满分-threshold rule gives a rate: whole drops (a part of ``per`` counts as one)
    and pro rata, since evaluators do both (85.5 % under 95 % is 10 drops or 9.5).

    ``满意度95%以上得满分，每下降1%扣权重5%`` with 80 % and weight 7: 7 − 15 × 0.35 = 1.75.
    Scores stop at 0 (扣完为止); a rate under ``zero`` (``70%以下不得分``) scores 0.
    """
    if rate >= full - 1e-9:
        return weight, weight
    if zero is not None and rate < zero - 1e-9:
        return 0.0, 0.0
    gap = (full - rate) / per
    whole = max(0.0, weight * (1 - math.ceil(round(gap, 9)) * step))
    return whole, max(0.0, weight * (1 - gap * step))


def needed_rate(weight: float, score: float, full: float, per: float, step: float) -> tuple[float, int]:
    """The lowest rate whose whole drops still leave ``score`` (5.6 of 7 at 0.35 a drop: 4 drops,
    95 − 4 = 91 %), and the number of drops."""
    drops = max(0, math.floor(round((1 - score / weight) / step, 9)))
    return full - drops * per, drops


def _indicator_place(report: Report, ind: Indicator) -> str:
    """``附件1…（第 30 页 行 21）业绩值``: where an indicator's own 业绩值/完成值 cell stands."""
    t = next((t for t in report.tables if ind.source and t.id == ind.source.table), None)
    head = None
    if t is not None:
        head = next((norm(t.rows[h][c]) for h in range(min(3, len(t.rows))) if (c := find_col(t, h, ACTUAL)) is not None), None)
    loc = at_indicator(ind)
    return f"{_table_label(report, loc) if loc.table else '指标表'}{head or '完成值'}"


def stated_evidence(report: Report, ind: Indicator) -> list[tuple[Value, list[str], list[Location]]]:
    """Satisfaction figures stated for an indicator, each with where it is said: its own 业绩值 /
    完成值 (``总体满意度为80%以上``), a claim under its heading (``D31 管理部门满意度.…``), or a
    prose satisfaction claim naming the same people (管理部门) and a word of the name."""
    found: list[tuple[Value, str, Location]] = []
    a = ind.actual
    if a is not None:
        v = a if a.value is not None and a.unit == "%" else (_stated_value(a.text) if a.text else None)
        if v is not None:
            found.append((v, _indicator_place(report, ind), at_indicator(ind)))
    words, whom = _words(ind.name), respondents(ind.name)
    for cl in report.claims:
        last = quantity(cl)
        if cl.unit != "%" or cl.value is None or statement_claim(cl) or last in survey_words().coefficients or survey_words().satisfaction not in last:
            continue
        own = bool(ind.code) and about(cl).startswith(norm(f"{ind.code}{ind.name}"))
        if not own and not (whom and respondents(cl.text) == whom and any(w in norm(cl.text) for w in words)):
            continue
        if (v := _stated_value(cl.value_text or "")) is not None:
            found.append((v, f"正文{on_page(cl.page)}", Location(page=cl.page)))
    merged: dict[tuple, tuple[Value, list[str], list[Location]]] = {}
    for v, where, loc in found:
        key = (v.op, v.value, v.upper)
        entry = merged.setdefault(key, (v, [], []))
        if where not in entry[1]:
            entry[1].append(where)
        if loc not in entry[2]:
            entry[2].append(loc)
    return list(merged.values())


def _figure_text(v: Value) -> str:
    """A stated figure as printed (``80%以上``); rebuilt (``≥85%``) when the text is a whole sentence."""
    if len(norm(v.text)) <= 10:
        return v.text
    return {">=": "≥", ">": ">", "<=": "≤", "<": "<"}.get(v.op or "", "") + f"{fmt(v.value)}%"


def _times_weight(ind: Indicator, rate: float) -> bool:
    """The score is exactly rate × 分值 (80 % × 7 = 5.6), to the score's own printed digits."""
    if ind.score is None or ind.weight is None or rate >= 100:
        return False
    product = rate / 100 * ind.weight
    p = parse_cell(ind.score_text) if ind.score_text else None
    d = p.decimals if p else decimals_of_float(ind.score)
    return abs(product - ind.score) < 1e-9 or (abs(round(product, d) - product) < 1e-9 and abs(round(product, d) - ind.score) < 1e-9)


def times_weight_note(ind: Indicator, rates: list[float]) -> str:
    """``；得分 6.4 恰为 80% × 8`` when a stated rate times the weight gives the printed score."""
    for r in rates:
        if _times_weight(ind, r):
            return (f"；得分 {fmt(ind.score)} 恰为所称满意度 {fmt(r)}% × 分值 {fmt(ind.weight)}，"
                    "疑为以满意度直接乘以分值，而非按评分标准扣分")
    return ""


@rule("recompute.stated_satisfaction", "warning", "满意度得分无法由所称满意度按评分标准得出")
def stated_satisfaction(report: Report, config: CheckConfig) -> list[Finding]:
    """A satisfaction score whose only evidence is a stated figure (``满意度为80%以上``) rather
    than a survey: the criteria's threshold and per-drop deduction give the score that figure
    earns and the figure the printed score needs. Seed 000 D31 管理部门满意度 (no survey asked
    the 管理部门): 80 % earns 7 − 15 × 0.35 = 1.75, while 5.6 needs ≥ 91 %; 5.6 is 80 % × 7.

    Indicators a survey speaks to are left to ``recompute.satisfaction``. A warning: the text
    may understate a better result (``80%以上`` does not exclude 91 %), but it is all the
    document shows.
    """
    out: list[Finding] = []
    groups = survey_groups(report)
    for p in report.projects:
        sd = score_decimals(p)
        for ind in p.indicators:
            crit = norm(ind.criteria)
            full, drop = _FULL.search(crit), _PER_DROP.search(crit)
            if not (full and drop) or survey_words().satisfaction not in norm(ind.name) or ind.weight is None or ind.score is None or ind.weight <= 0:
                continue
            words = _words(ind.name)
            if any(any(w in norm(g[0]) for w in words) for g in groups):
                continue  # a survey is the evidence: recompute.satisfaction
            zm = _ZERO.search(crit)
            threshold, per, step = float(full.group(1)), float(drop.group(1)), float(drop.group(2)) / 100
            zero = float(zm.group(1)) if zm else None
            band = around(ind.score, sd)
            verdicts = []
            for v, wheres, locs in stated_evidence(report, ind):
                if v.op not in (None, "=", ">", ">=") or v.value is None:
                    continue
                whole, pro = ladder(ind.weight, v.value, threshold, per, step, zero)
                if band.contains(whole) or band.contains(pro):
                    verdicts = []
                    break  # one statement that bears the score out is enough
                if v.op in (">", ">=") and ind.score < min(whole, pro):
                    continue  # harsher than the figure: the rate may be known more exactly elsewhere
                verdicts.append((v, wheres, locs, whole, pro))
            if not verdicts:
                continue
            v, wheres, locs, whole, pro = max(verdicts, key=lambda x: x[3])
            drops = math.ceil(round((threshold - v.value) / per, 9)) if v.value < threshold else 0
            earned = (f"{fmt(ind.weight)} − {drops} × {fmt(step * ind.weight, 2)} = {fmt(round(whole, 6))} 分"
                      if 0 < whole < ind.weight else f"{fmt(round(whole, 6))} 分")
            if abs(pro - whole) > 1e-9:
                earned += f"（按比例折算 {fmt(pro, 2)} 分）"
            need, nd = needed_rate(ind.weight, ind.score, threshold, per, step)
            if ind.score > whole:
                gap = (f"表中得分 {fmt(ind.score, sd)} 需满意度不低于 {fmt(need)}%（{fmt(ind.weight)} − {nd} × {fmt(step * ind.weight, 2)}"
                       f" = {fmt(round(ind.weight * (1 - nd * step), 6))}），"
                       f"而所称只能支持 {fmt(v.value)}%")
            else:
                gap = f"表中得分 {fmt(ind.score, sd)} 与之不符"
            surveyed = "，文中未见该对象的问卷结果"
            out.append(
                finding(
                    "recompute.stated_satisfaction",
                    "warning",
                    f"指标“{ind_name(ind)}”（分值 {fmt(ind.weight)}）评分标准为满意度 {fmt(threshold)}% 以上得满分、每下降 {fmt(per)}% "
                    f"扣权重 {fmt(step * 100)}%（{fmt(step * ind.weight, 2)} 分）"
                    + (f"、{fmt(zero)}% 以下不得分" if zero is not None else "")
                    + f"；其依据为{'与'.join(wheres)}所称满意度“{_figure_text(v)}”{surveyed}。按 {fmt(v.value)}% 应得 {earned}；{gap}"
                    + times_weight_note(ind, [v.value]),
                    whole,
                    ind.score,
                    [at_indicator(ind)] + [loc for loc in locs if loc != at_indicator(ind)],
                )
            )
    return out


# ---------------------------------------------------------------- survey against stated actuals

ACTUAL, NAME = "recompute.actual", "recompute.name"  # a form's 实际完成值 and 三级指标 columns
_SAT_FIGURE = re.compile(r"满意[度率][^，,。；;%\d]{0,6}?(?:为|达到|达|是)?\s*((?:[<>≥≤]=?|不低于|高于|低于)?\s*\d+(?:\.\d+)?\s*%\s*(?:以上|以下)?)")


def respondents(text: str) -> str | None:
    """``public`` or ``internal`` by the people a text names (``survey.json``), else None."""
    t = norm(text)
    return next((who for who, words in survey_words().respondents if any(w in t for w in words)), None)


def _stated_value(text: str) -> Value | None:
    """A satisfaction figure in % as stated: a short cell (``>90%``) or the figure in a sentence."""
    t = norm(text)
    if len(t) > 14:
        m = _SAT_FIGURE.search(t)
        if not m:
            return None
        t = m.group(1)
    v = parse_value(t)
    return v if v.value is not None and v.unit == "%" else None


def _stated_in_tables(report: Report) -> list[tuple[str, str, Value, str, Location]]:
    """(name, whom, value, what the column calls it, place) of each satisfaction row's actual."""
    out = []
    for t in report.tables:
        for h, head in enumerate(t.rows[:3]):
            nc, ac = find_col(t, h, NAME), find_col(t, h, ACTUAL)
            if nc is None or ac is None or ac == nc:
                continue
            grid = filled(t)
            for r in range(h + 1, len(t.rows)):
                name = norm(cell(t, r, nc))
                if survey_words().satisfaction not in name or (v := _stated_value(cell(t, r, ac))) is None:
                    continue
                whom = respondents(" ".join(grid[r][: nc + 1])) or respondents(cell(t, r, ac))
                out.append((name, whom, v, norm(head[ac]), at_table(t, r, ac)))
            break
    return out


def _stated_in_prose(report: Report) -> list[tuple[str, str, Value, str, Location]]:
    out = []
    for cl in report.claims:
        last = quantity(cl)
        if cl.unit != "%" or cl.value is None or statement_claim(cl) or last in survey_words().coefficients:
            continue  # an answer's share is the survey itself, not a stated result
        if survey_words().satisfaction not in last or (v := _stated_value(cl.value_text or "")) is None:
            continue
        out.append((last, respondents(cl.text), v, "正文所称", Location(page=cl.page)))
    return out


def _contradicts(v: Value, sats: list[float]) -> str | None:
    """How the survey results contradict a stated figure (``均不高于 90%``), else None."""
    x, half = v.value, 0.5 * 10 ** -(v.decimals or 0)
    cands = sats + ([sum(sats) / len(sats)] if len(sats) > 1 else [])
    if v.op == ">" and max(cands) <= x:
        return f"均不高于 {fmt(x)}%"
    if v.op == ">=" and max(cands) < x - half:
        return f"均低于 {fmt(x)}%"
    if v.op == "<" and min(cands) >= x:
        return f"均不低于 {fmt(x)}%"
    if v.op == "<=" and min(cands) > x + half:
        return f"均高于 {fmt(x)}%"
    if v.op in (None, "=") and not any(abs(c - x) <= half + 1e-9 for c in cands):
        return f"与 {fmt(x)}% 不符"
    return None


@rule("recompute.survey_actual", "warning", "问卷折算的满意度与所称满意度完成值不符")
def survey_actual(report: Report, config: CheckConfig) -> list[Finding]:
    """The survey's satisfaction (Σ share × coefficient, the coefficients of the document's own
    criteria) against every actual stated for a satisfaction indicator of the same respondents
    (居民/市民/群众/服务对象 vs 管理部门): a table's 完成值/实际完成值/业绩值 cell or a prose claim.
    ``>90%`` needs a result above 90 %, ``80%以上`` one of at least 79.5 %, a plain figure one
    that rounds to it (each survey sentence, or their mean). Seed 000: 表2 信访市民对信访办满意度
    完成值 ``>90%`` vs 84 % and 86 % → warning; D32's ``80%以上`` agrees; D31 (管理部门) is
    another population. Warning: which question a figure reports is a reading.
    """
    groups = survey_groups(report)
    if not groups:
        return []
    crit = next((i.criteria for p in report.projects for i in p.indicators if _coef_pattern().search(norm(i.criteria))), "")
    coef = coefficients(crit)
    surveys = []
    for text, page, shares in groups:
        sat = sum(v * coef.get(a, 0.0) for a, v in shares.items())
        how = " + ".join(f"{fmt(v)}%×{fmt(coef.get(a, 0.0))}" for a, v in shares.items())
        surveys.append((sat, f"{sat:.4g}%（{how}）", page, respondents(text)))
    out: list[Finding] = []
    seen: set[tuple] = set()
    stated = _stated_in_tables(report) + _stated_in_prose(report)
    for name, whom, v, label, loc in stated:
        mine = [s for s in surveys if s[3] is not None and s[3] == whom]
        key = (name, v.text, loc.page, loc.table, loc.row)
        if not mine or key in seen or (why := _contradicts(v, [s[0] for s in mine])) is None:
            continue
        seen.add(key)
        where = f"{_table_label(report, loc)}" if loc.table else f"正文{on_page(loc.page)}"
        pages = sorted({s[2] for s in mine if s[2] is not None})
        results = "、".join(s[1] for s in mine)
        best = max(s[0] for s in mine) if v.op in (">", ">=") else min((s[0] for s in mine), key=lambda x: abs(x - v.value))
        out.append(
            finding(
                "recompute.survey_actual",
                "warning",
                f"{where}称“{name}”{label if loc.table else ''}为“{v.text}”，而问卷{on_page(pages[0] if pages else None)}"
                f"按评分标准的系数折算，满意度为 {results}，{why}，与所称不符{_elsewhere(stated, whom, v)}",
                best,
                v.value,
                [loc] + [Location(page=pg) for pg in pages[:1]],
            )
        )
    return out


def _elsewhere(stated, whom: str | None, v: Value) -> str:
    """The other figures stated for the same respondents (``正文（第 16 页）“80%以上”``)."""
    others: dict[str, list[int]] = {}
    for _name, w, x, _label, loc in stated:
        if w == whom and x.text != v.text:
            others.setdefault(x.text, [])
            if loc.page is not None and loc.page not in others[x.text]:
                others[x.text].append(loc.page)
    if not others:
        return ""
    said = "；".join(f"“{t}”" + (f"（第 {'、'.join(map(str, sorted(pg)))} 页）" if pg else "") for t, pg in others.items())
    group = {"public": "同为社会公众（居民、市民、群众等）", "internal": "同为管理部门、职工等"}.get(whom or "", "同一对象")
    return f"；{group}的满意度另有指标称 {said}"


def _table_label(report: Report, loc: Location) -> str:
    t = next((t for t in report.tables if t.id == loc.table), None)
    name = table_name(t) if t is not None else loc.table
    return f"{name}（第 {loc.page} 页 行 {loc.row}）" if loc.page is not None else f"{name}（行 {loc.row}）"


# ---------------------------------------------------------------- detail tables

_PEOPLE = re.compile(r"(\d+)\s*人(?![次/])")
_DAYS = re.compile(r"(\d+)\s*天")
_EXC = re.compile(r"(一|二|两|三|\d+)\s*人\s*(\d+)\s*天")
_PER_DAY = re.compile(r"(\d+(?:\.\d+)?)\s*元\s*/\s*人\s*/\s*天")
_PER_HEAD = re.compile(r"每人\s*(\d+(?:\.\d+)?)\s*元|(\d+(?:\.\d+)?)\s*元\s*/\s*人(?!\s*/)")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3}


def _amount_col(t: TableOut) -> tuple[int, int] | None:
    """(header row, column) of a detail table's amount column (发放金额, 金额, 经费)."""
    for h, head in enumerate(t.rows[:3]):
        c = find_col(t, h, "recompute.detail_amount")
        if c is not None and parse_cell(head[c]) is None:
            return h, c
    return None


def _expected_amount(text: str, price: tuple[str, float] | None) -> tuple[float, str] | None:
    """Quantity × unit price read from a row's words, with how it was computed."""
    if price is None:
        return None
    kind, unit_price = price
    pm = _PEOPLE.search(text)
    if pm is None:
        return None
    n = int(pm.group(1))
    if kind == "day":
        dm = _DAYS.search(text[pm.end() :])
        if dm is None:
            return None
        d = int(dm.group(1))
        rest = text[pm.end() + dm.end() :]
        exc = [(_CN.get(a, None) or int(a), int(b)) for a, b in _EXC.findall(rest)]
        k = sum(a for a, _ in exc)
        pd = (n - k) * d + sum(a * b for a, b in exc)
        how = f"{n} 人 × {d} 天" if not exc else f"({n} − {k}) 人 × {d} 天 + " + " + ".join(f"{a} 人 × {b} 天" for a, b in exc)
        return pd * unit_price, f"{how} = {pd} 人天 × {fmt(unit_price)} 元/人/天"
    return n * unit_price, f"{n} 人 × {fmt(unit_price)} 元/人"


def _price(text: str) -> tuple[str, float] | None:
    if m := _PER_DAY.search(text):
        return "day", float(m.group(1))
    if m := _PER_HEAD.search(text):
        return "head", float(m.group(1) or m.group(2))
    return None


def _detail_total(t: TableOut) -> tuple[float, int, int] | None:
    """A detail table's total: its 合计 row, else the sum of its amount column."""
    ac = _amount_col(t)
    if ac is None:
        return None
    h, c = ac
    vals = []
    for r in range(h + 1, len(t.rows)):
        p = parse_cell(cell(t, r, c))
        if total_label(t, r) and p:
            return p.value, r, c
        if p:
            vals.append(p.value)
    return (sum(vals), h + 1, c) if vals else None


def _line_amount(u: TableOut, r: int) -> tuple[float, int] | None:
    """The amount of row ``r`` in a budget table: 支付/支出/实际, else 调整后, else last number."""
    for h in range(r - 1, -1, -1):
        head = u.rows[h]
        if any(parse_cell(x) for x in head):
            continue
        for key in ("recompute.spent", "recompute.adjusted", "recompute.any_amount"):
            c = find_col(u, h, key)
            if c is not None and (p := parse_cell(cell(u, r, c))):
                return p.value, c
        break
    nums = [(parse_cell(x), c) for c, x in enumerate(u.rows[r])]
    nums = [(p.value, c) for p, c in nums if p and p.unit != "%"]
    return nums[-1] if nums else None


@rule("recompute.detail", "error", "明细表数量×单价与金额不符，或明细合计与所分解的金额不符")
def detail(report: Report, config: CheckConfig) -> list[Finding]:
    """Quantity × unit price (× days) = amount in detail tables (``信访办 (7 人, 51 天)`` at
    ``200 元/人/天`` = 71,400), and a detail table's total against the line it breaks down
    in another table (基础表3 29,800 vs 表1 帮困补助经费 29,300)."""
    out: list[Finding] = []
    for t in report.tables:
        ac = _amount_col(t)
        if ac is None:
            continue
        h, c = ac
        grid = filled(t)
        price = None
        for r in range(h + 1, len(t.rows)):
            amount = parse_cell(cell(t, r, c))
            if amount is None or total_label(t, r):
                continue
            words = " ".join(x for k, x in enumerate(grid[r]) if k != c)
            price = _price(words) or price
            exp = _expected_amount(" ".join(x for k, x in enumerate(t.rows[r]) if k != c), price)
            if exp is None or abs(exp[0] - amount.value) < 1e-6:
                continue
            out.append(
                finding(
                    "recompute.detail",
                    "error",
                    f"{table_name(t)}第 {r} 行：{exp[1]} = {fmt(exp[0])} 元，而发放金额印为 {fmt(amount.value)} 元（差 {fmt(amount.value - exp[0])} 元）",
                    exp[0],
                    amount.value,
                    [at_table(t, r, c)],
                )
            )
    out += _detail_vs_line(report)
    return out


_GRAM = 5  # a name of at least this many characters matches inside a longer one


class _RowNames:
    """Each non-ledger table's rows with the names they print (words of ≥ 4 characters), read
    once and indexed: by name, and as one text of every name, so a caption's subject finds its
    lines without testing every name of the file in Python — a file of N reports has N detail
    tables and N times the rows, and that walk made the rule grow as N²."""

    def __init__(self, report: Report) -> None:
        self.rows: list[tuple[TableOut, int, list[str]]] = []
        self.exact: dict[str, list[int]] = {}
        starts: list[int] = []  # where each name of ``text`` starts, and its row's entry
        owners: list[int] = []
        pieces: list[str] = []
        at = 0
        for u in report.tables:
            if ledger.is_ledger(u):
                continue
            for r, row in enumerate(u.rows):
                names = [n for x in row if len(n := norm(x)) >= 4 and parse_cell(x) is None]
                if not names:
                    continue
                e = len(self.rows)
                self.rows.append((u, r, names))
                for n in names:
                    self.exact.setdefault(n, []).append(e)
                    starts.append(at)
                    owners.append(e)
                    pieces.append(n)
                    at += len(n) + 1
        self.text = "\n".join(pieces)
        self.starts, self.owners = starts, owners

    def naming(self, key: str) -> list[tuple[TableOut, int]]:
        """The rows (in file order) printing ``key``, a longer name holding it, or a name of at
        least ``_GRAM`` characters that ``key`` holds."""
        found: set[int] = set(self.exact.get(key, ()))
        for i in range(len(key)):
            for j in range(i + _GRAM, len(key) + 1):
                found.update(self.exact.get(key[i:j], ()))
        if len(key) >= _GRAM:
            k = self.text.find(key)
            while k >= 0:
                found.add(self.owners[bisect_right(self.starts, k) - 1])
                k = self.text.find(key, k + 1)
        return [(u, r) for e in sorted(found) for u, r, names in [self.rows[e]]
                if any(n == key or (len(n) >= _GRAM and n in key) or (len(key) >= _GRAM and key in n) for n in names)]


def _detail_vs_line(report: Report) -> list[Finding]:
    """A detail table's total against the line of another table its caption names. When the name
    stands on several lines (a file of several reports or projects, each with its own 表1), a line
    that agrees settles it, and otherwise only the nearest table before it is the one meant (a
    detail table follows the line it details; with none before, the nearest after): a detail
    table of one project is not held against the same-named line of another."""
    out: list[Finding] = []
    indexed: _RowNames | None = None
    position = {id(u): k for k, u in enumerate(report.tables)}
    for t in report.tables:
        key = caption_subject(t.caption)
        if len(key) < 4 or ledger.is_ledger(t):
            continue  # a 部门预算 table named in an index table is not a detail of that line
        tot = _detail_total(t)
        if tot is None:
            continue
        indexed = indexed if indexed is not None else _RowNames(report)
        lines = []
        for u, r in indexed.naming(key):
            if u.id == t.id:
                continue
            if (line := _line_amount(u, r)) is not None:
                d = position[id(t)] - position[id(u)]
                lines.append(((0, d) if d > 0 else (1, -d), u, r, line))
        if not lines or any(abs(line[0] - tot[0]) < 1e-6 for *_, line in lines):
            continue
        nearest = min(d for d, *_ in lines)
        for _d, u, r, line in (x for x in lines if x[0] == nearest):
            out.append(
                finding(
                    "recompute.detail",
                    "error",
                    f"{table_name(t)}金额合计 {fmt(tot[0])} 元，与{table_name(u)}“{key}”一行的 {fmt(line[0])} 元不符"
                    f"（差 {fmt(tot[0] - line[0])} 元）",
                    tot[0],
                    line[0],
                    [at_table(t, tot[1], tot[2]), at_table(u, r, line[1])],
                )
            )
    return out


# ---------------------------------------------------------------- 序时进度

@rule("recompute.time_progress", "error", "序时进度与监控截止月份不符")
def time_progress(report: Report, config: CheckConfig) -> list[Finding]:
    """序时进度 = months elapsed ÷ 12 (seed 004: to 10月31日, 10/12 = 83.33 %)."""
    out: list[Finding] = []
    for cl in report.claims:
        if "序时进度" not in cl.subject or cl.unit != "%" or cl.value is None:
            continue
        months = months_elapsed(report, cl.text)
        if not months or not 0 < months <= 12:
            continue
        expected = months / 12 * 100
        pr, _ = printed_of(cl)
        dec = pr.decimals if pr else None
        v = verdict(expected, cl.value, dec)
        if v in ("exact", "rounding"):
            continue
        out.append(
            finding(
                "recompute.time_progress",
                severity(v),
                f"正文{on_page(cl.page)}序时进度印为 {cl.value_text or fmt(cl.value)}，截至第 {months} 月末应为 {months}/12 = {expected:.4f}%；"
                f"{explain(v, dec, '%')}",
                expected,
                cl.value,
                [Location(page=cl.page)],
            )
        )
    return out


# ---------------------------------------------------------------- the budget block's 执行率 score

#: ``执行率90%以上计满分，每低于5%扣1分``: fixed points per step below the threshold
_POINTS_RULE = re.compile(
    r"(?:执行率)?(\d+(?:\.\d+)?)%(?:及)?以上(?:的)?[，,]?(?:计|得)满分[，,；;]?"
    r"(?:执行率)?每(?:低于|下降|减少|降低)(\d+(?:\.\d+)?)(?:%|个百分点)[，,]?扣(\d+(?:\.\d+)?)分")


def _printed_rule(report: Report, ind: Indicator) -> tuple[str, str] | None:
    """The 执行率 scoring rule the document prints (the indicator's criteria, a cell of any
    table, a line of text), with where it stands; None when it prints none."""
    places = [(ind.criteria or "", "评分标准")]
    places += [(c, table_name(t)) for t in report.tables for row in t.rows for c in row if "执行率" in c]
    places += [(b.text, f"正文{on_page(b.page)}") for b in report.blocks if "执行率" in b.text]
    for text, where in places:
        t = norm(text)
        if _POINTS_RULE.search(t) or (_RATE_FULL.search(t) and _PER_DROP.search(t) and "执行率" in t):
            return t, where
    return None


def execution_points(weight: float, rate: float, rule_text: str | None) -> tuple[list[float], str]:
    """The scores a 执行率 earns under ``rule_text`` (whole steps and pro rata, as evaluators do
    both), else under 财预〔2020〕10号's 分值 × 执行率 capped at 分值; and the rule in words."""
    if rule_text and (m := _POINTS_RULE.search(rule_text)):
        full, per, pts = float(m[1]), float(m[2]), float(m[3])
        if rate >= full - 1e-9:
            return [weight], f"“{m[0]}”"
        gap = (full - rate) / per
        return [max(0.0, weight - math.ceil(round(gap, 9)) * pts), max(0.0, weight - gap * pts)], f"“{m[0]}”"
    if rule_text and (full_m := _RATE_FULL.search(rule_text)) and (drop := _PER_DROP.search(rule_text)):
        zm = _ZERO.search(rule_text)
        whole, pro = ladder(weight, rate, float(full_m[1]), float(drop[1]), float(drop[2]) / 100,
                            float(zm[1]) if zm else None)
        return [whole, pro], f"“{full_m[0]}，{drop[0]}”"
    return [weight * min(rate, 100.0) / 100.0], "分值 × 执行率（不超过分值）"


@rule("budget.execution_score", "error", "预算执行率得分与执行率及评分规则不符")
def execution_score_block(report: Report, config: CheckConfig) -> list[Finding]:
    """The 预算执行率 points of a 自评表's budget block (分值 / 执行率 / 得分) recomputed.

    The rule is the one the form prints (``执行率90%以上计满分，每低于5%扣1分``; ``95%以上得满分，
    每下降1%扣权重1%``), else 财预〔2020〕10号's 分值 × 执行率, capped at the 分值. The rate is the
    printed one and, failing that, spent ÷ each budget (a wrong rate is ``budget.execution_rate``'s
    to report, not a second slip here). Error when the printed rule gives another score; a
    warning under the assumed 分值 × 执行率 (a form may score by a rule it does not print);
    rounding within the 得分's printed precision. A rate printed as a fraction is named so.
    """
    out: list[Finding] = []
    for p in report.projects:
        b = p.budget
        block = [i for i in p.indicators if i.level1 == "预算执行率" and i.name == "预算执行率"]
        if not block or b.execution_rate is None:
            continue
        ind = block[0]
        if ind.weight is None or ind.score is None or ind.weight <= 0:
            continue
        found = _printed_rule(report, ind)
        rates = [b.execution_rate] + ([b.spent / den * 100 for _n, den in denominators(b)] if b.spent is not None else [])
        sd = max(score_decimals(p), decimals_of_float(ind.score))
        tried = [(r, execution_points(ind.weight, r, found[0] if found else None)) for r in rates]
        if any(verdict(s, ind.score, sd) in ("exact", "rounding") for _r, (ss, _w) in tried for s in ss):
            continue  # the score as the 得分 column prints it (9.152 → 9.15)
        sev = "error" if found else "warning"
        scores, words = tried[0][1]
        d = decimals_of_float(b.execution_rate)
        rp = (f"{fmt(b.execution_rate / 100, d + 2)}（以小数印出，即 {fmt(b.execution_rate, d)}%）"
              if b.rate_form == "fraction" else f"{fmt(b.execution_rate, d)}%")
        source = f"（{found[1]}所印）" if found else "（表中未印评分规则，按财预〔2020〕10号）"
        got = "或".join(dict.fromkeys(fmt(s, 0) if abs(s - round(s)) < 1e-9 else fmt(s, max(sd, 2)) for s in scores))
        msg = (f"{proj_label(p)}预算执行率分值 {fmt(ind.weight)}，执行率印为 {rp}，按{words}{source}应得 {got} 分，"
               f"表中得分为 {ind.score_text or fmt(ind.score, sd)}")
        loc = [Location(page=b.source.page, table=b.source.table, row=b.source.row)] if b.source else [at_indicator(ind)]
        out.append(finding("budget.execution_score", sev, msg, scores[0], ind.score, loc))
    return out

"""Helpers more than one rule family uses, in one public place.

A rule module never imports another rule module: what two families share (the precision of
a 得分 column, the months a monitoring report covers, a printed 执行率 judged against each
budget it may be of) lives here.
"""

from __future__ import annotations

from checker.finding import finding
from checker.numbers import decimals_of_float, fmt, parse_cell
from checker.tables import norm
from checker.tolerance import explain, verdict
from extractor.contract import Budget, Finding, Project, Report
from patterns.lazyre import re

_UNTIL = re.compile(r"(?:截至|截止|至)\s*(?:20\d\d\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SPAN = re.compile(r"1\s*[-—–~至到]\s*(\d{1,2})\s*月")


def score_decimals(project: Project) -> int:
    """Precision of the 得分 column: the most decimals any score in it shows.

    A column that prints 5.6 could have printed 2.7, so its 3 stands for [2.95, 3.05].
    """
    ds = [0]
    for i in project.indicators:
        p = parse_cell(i.score_text) if i.score_text else None
        ds.append(p.decimals if p else (decimals_of_float(i.score) if i.score is not None else 0))
    return max(ds)


def months_elapsed(report: Report, text: str) -> int | None:
    """Months a monitoring report covers: ``截至…10月31日`` in ``text`` (a month ending before
    its 28th counts the month before), else ``1-10月`` in the title."""
    if m := _UNTIL.search(norm(text)):
        month, day = int(m.group(1)), int(m.group(2))
        return month if day >= 28 else month - 1
    if m := _SPAN.search(norm(report.document.title)):
        return int(m.group(1))
    return None


# ---------------------------------------------------------------- 执行率 (budget.execution_rate, crossref.claims)


def denominators(b: Budget) -> list[tuple[str, float]]:
    """Candidate denominators of 执行率, in the order documents most often mean them."""
    out: list[tuple[str, float]] = []
    for name, v in (("调整后预算", b.adjusted), ("年初预算", b.initial), ("预算总额", b.total)):
        if v and all(abs(v - w) > 1e-9 for _, w in out):
            out.append((name, v))
    return out


def judge_rate(spent: float, dens: list[tuple[str, float]], rate: float, decimals: int):
    """Each denominator's verdict; the best first (exact, then rounding/truncation)."""
    order = {"exact": 0, "rounding": 1, "truncation": 2, "error": 3}
    tries = [(name, den, spent / den * 100.0, verdict(spent / den * 100.0, rate, decimals)) for name, den in dens]
    return sorted(tries, key=lambda t: order[t[3]])


def rate_findings(rule_id: str, what: str, spent: float, dens, rate: float, decimals: int, locs,
                  fraction: bool = False) -> list[Finding]:
    """Findings for one printed 执行率: error if no denominator reproduces it, rounding if
    only within printed precision, info if it is reproduced by other than 调整后预算. A rate
    printed as a fraction (0.88, ``Budget.rate_form``) is quoted as printed and named so."""
    if not dens:
        return []
    tries = judge_rate(spent, dens, rate, decimals)
    name, den, value, v = tries[0]
    rp = f"{fmt(rate, decimals)}%"
    if fraction:
        rp = f"{fmt(rate / 100, decimals + 2)}（以小数印出，即 {rp}）"
    if v == "error":
        alts = "；".join(f"{n} {fmt(d, 2)} 元得 {value_:.4f}%" for n, d, value_, _ in tries)
        return [finding(rule_id, "error", f"{what}执行率印为 {rp}，以支出 {fmt(spent, 2)} 元计：{alts}，均不能复现", tries[0][2], rate, locs)]
    if v in ("rounding", "truncation"):
        return [
            finding(
                rule_id,
                "rounding",
                f"{what}执行率印为 {rp}，支出 {fmt(spent, 2)} 元 ÷ {name} {fmt(den, 2)} 元 = {value:.4f}%；{explain(v, decimals, '%')}",
                value,
                rate,
                locs,
            )
        ]
    if name != dens[0][0] and dens[0][0] == "调整后预算":
        return [
            finding(rule_id, "info", f"{what}执行率 {rp} 由支出 ÷ {name}（{fmt(den, 2)} 元）复现，而非调整后预算 {fmt(dens[0][1], 2)} 元", value, rate, locs)
        ]
    return []

"""Slips planted at random in the zoo's forms, as filers make them, with what a checker must say.

Each template's forms are filled right (``templates.py``); then, seeded by the template's key,
about half of its forms get one slip, written into the printed grid (and the XLSX number or
cached formula value behind it) and into the truth, which always holds what the form prints:

* ``total`` — the 总分/合计 row's 得分 off by a few points: ``sum.rows`` / ``score.total``;
* ``score_over`` — one indicator's 得分 above its 分值 (the 总分 moved with it, so only the
  row is wrong): ``score.bounds``;
* ``rate_step`` — the 执行率 one percentage step off (88.23 % → 89.23 %, 0.88 → 0.89):
  ``budget.execution_rate`` (and the execution score that rests on it);
* ``rate_trunc`` — the 执行率 truncated instead of rounded (88.2387 % → 88.23 %): a
  ``budget.execution_rate`` finding of severity ``rounding`` that says 截尾, never an error;
* ``money_total`` — a 申报表's 资金总额 (金额合计) off by a round sum: ``sum.form`` / ``sum.rows``;
* ``weight_total`` — a 申报表's 合计 of 指标权重 off by a point or two: ``sum.rows``.

In a workbook that computes the slipped cell by a formula (sc_self), the slip is the cached
value: ``xlsx.formula`` reports it as well.

Every slip is recorded as ``{"kind", "project", "where", "rules"}``; ``evals/zoo.py`` counts a
slip caught when a finding of one of ``rules`` falls on its project, and every error finding
that matches no slip as a false error.
"""

from __future__ import annotations

import math
import random
import re

from samples.zoo.projects import fmt
from samples.zoo.templates import Form, Template

RULES = {
    "total": ["sum.rows", "score.total", "xlsx.formula"],
    "score_over": ["score.bounds", "target.score", "score.total", "xlsx.formula"],
    "rate_step": ["budget.execution_rate", "budget.execution_score", "recompute.execution_score", "xlsx.formula"],
    "rate_trunc": ["budget.execution_rate"],
    "money_total": ["sum.form", "sum.rows", "sum.cross", "xlsx.formula"],
    "weight_total": ["sum.rows", "score.total", "xlsx.formula"],
}
#: the severity a slip must be reported with (default: error)
SEVERITY = {"rate_trunc": "rounding"}

_SCORE_HEADS = ("得分", "指标得分（分）")
_WEIGHT_HEADS = ("分值", "权重", "指标权重（分）", "指标权重")
_TOTAL_ROWS = ("总分", "合计")
_MONEY_ROWS = ("资金总额", "项目资金总额", "金额合计", "年度资金总额")


def _num(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _score_table(form: Form) -> tuple[int, int, int, list[int], int | None] | None:
    """(header row, 分值 col, 得分 col, indicator rows, 总分 row) of the form's indicator block."""
    for h, row in enumerate(form.rows):
        if not any(c in ("三级指标", "指标名称") for c in row):
            continue
        sc = next((c for c, x in enumerate(row) if x in _SCORE_HEADS), None)
        wc = next((c for c, x in enumerate(row) if x in _WEIGHT_HEADS), None)
        if sc is None or wc is None:
            return None
        rows, total = [], None
        for r in range(h + 1, len(form.rows)):
            if form.rows[r][0] in _TOTAL_ROWS:
                total = r
                break
            if _num(form.rows[r][sc]) is not None and _num(form.rows[r][wc]) is not None:
                rows.append(r)
        return h, wc, sc, rows, total
    return None


def _weight_total(form: Form) -> tuple[int, int] | None:
    """(合计 row, 指标权重 col) of an indicator block that prints weights but no 得分."""
    for h, row in enumerate(form.rows):
        if not any(c in ("三级指标", "指标名称") for c in row) or any(x in _SCORE_HEADS for x in row):
            continue
        wc = next((c for c, x in enumerate(row) if x in _WEIGHT_HEADS), None)
        total = next((r for r in range(h + 1, len(form.rows)) if form.rows[r][0] in _TOTAL_ROWS), None)
        if wc is not None and total is not None and _num(form.rows[total][wc]) is not None:
            return total, wc
    return None


def _rate_cell(form: Form) -> tuple[int, int] | None:
    """(row, col) of the printed 执行率 of the budget block."""
    for h, row in enumerate(form.rows[:-1]):
        for c, x in enumerate(row):
            if "执行率" in x and "预计" not in x and "权重" not in x and "得分" not in x:
                below = form.rows[h + 1][c]
                if re.fullmatch(r"\d+(\.\d+)?%?", below):
                    return h + 1, c
    return None


def _money_cell(form: Form) -> tuple[int, int] | None:
    """(row, col) of the form's money total (the 年度 column of a 中期/年度 block)."""
    year_col = None
    for r, row in enumerate(form.rows):
        if any(x.startswith("中期") for x in row):
            year_col = next((c for c, x in enumerate(row) if x.startswith("年度")), year_col)
        if any(x in _MONEY_ROWS for x in row):
            cols = [c for c, x in enumerate(row) if _num(x) is not None]
            if year_col is not None and year_col in cols:
                return r, year_col
            if cols:
                return r, cols[0]
    return None


def _set(form: Form, r: int, c: int, value: float, text: str) -> None:
    form.rows[r][c] = text
    if (r, c) in form.numbers:
        fmt_ = form.numbers[(r, c)][1]
        form.numbers[(r, c)] = (value / 100 if fmt_.endswith("%") else value, fmt_)


def _rate_text(old: str, pct: float) -> str:
    if old.endswith("%"):
        d = len(old[:-1].split(".")[1]) if "." in old else 0
        return f"{pct:.{d}f}%"
    if _num(old) is not None and _num(old) < 2:  # a fraction 0.88
        return f"{pct / 100:.2f}"
    return f"{pct:.2f}"


def _rate_value(text: str) -> float:
    v = _num(text.rstrip("%")) or 0.0
    return v * 100 if not text.endswith("%") and v < 2 else v


def plant(t: Template) -> list[dict]:
    """Plant slips in ``t`` (forms and truth changed in place); the slips planted."""
    rng = random.Random(f"zoo-slips:{t.key}")
    out: list[dict] = []
    order = list(range(len(t.forms)))
    rng.shuffle(order)
    for n, k in enumerate(order):
        form, truth = t.forms[k], t.truth[k]
        if n >= 2 and rng.random() < 0.4:
            continue  # at least two forms slipped per template, the rest about half
        kinds = _applicable(form, truth)
        if not kinds:
            continue
        used = [s["kind"] for s in out]
        fewest = min(used.count(x) for x in kinds)
        kind = rng.choice([x for x in kinds if used.count(x) == fewest])  # every kind the form allows, in turn
        where = _apply(kind, form, truth, rng)
        out.append({"kind": kind, "project": truth["name"], "where": where, "rules": RULES[kind],
                    "severity": SEVERITY.get(kind, "error")})
    return out


def _applicable(form: Form, truth: dict) -> list[str]:
    kinds = []
    st = _score_table(form)
    if st is not None and st[4] is not None and _num(form.rows[st[4]][st[2]]) is not None:
        kinds.append("total")
    if st is not None and st[3]:
        kinds.append("score_over")
    rc = _rate_cell(form)
    if rc is not None:
        kinds.append("rate_step")
        if _trunc(form, truth, rc) is not None:
            kinds.append("rate_trunc")
    if st is None and _money_cell(form) is not None and "total" in truth.get("budget", {}):
        kinds.append("money_total")
    if st is None and _weight_total(form) is not None:
        kinds.append("weight_total")
    return kinds


def _trunc(form: Form, truth: dict, rc: tuple[int, int]) -> float | None:
    """The truncated rate when it differs from the rounded one printed (percent forms only)."""
    text = form.rows[rc[0]][rc[1]]
    b = truth.get("budget", {})
    den = b.get("adjusted") or b.get("initial")
    if not text.endswith("%") or not den or b.get("spent") is None:
        return None
    exact = b["spent"] / den * 100
    trunc = math.floor(exact * 100 + 1e-9) / 100
    return trunc if abs(trunc - round(exact, 2)) > 1e-9 else None


def _apply(kind: str, form: Form, truth: dict, rng: random.Random) -> str:
    if kind in ("total", "score_over"):
        _h, wc, sc, rows, total = _score_table(form)
        if kind == "total":
            old = _num(form.rows[total][sc])
            new = round(old + rng.choice([-2.0, -1.5, 1.0, 2.5]), 2)
            _set(form, total, sc, new, fmt(new))
            return f"{form.rows[total][0]} 得分 {fmt(old)} → {fmt(new)}"
        r = rng.choice(rows)
        weight, old = _num(form.rows[r][wc]), _num(form.rows[r][sc])
        new = round(weight + rng.choice([0.5, 1.0, 2.0]), 2)
        _set(form, r, sc, new, fmt(new))
        if total is not None and _num(form.rows[total][sc]) is not None:
            t_new = round(_num(form.rows[total][sc]) + new - old, 2)
            _set(form, total, sc, t_new, fmt(t_new))
        name = next(x for x in form.rows[r] if _is_name(x, truth))
        for ind in truth["indicators"]:
            if ind["name"] == name:
                ind["score"] = new
        return f"{name} 得分 {fmt(old)} → {fmt(new)}（分值 {fmt(weight)}）"
    if kind in ("rate_step", "rate_trunc"):
        r, c = _rate_cell(form)
        old = form.rows[r][c]
        pct = _trunc(form, truth, (r, c)) if kind == "rate_trunc" else round(_rate_value(old) + rng.choice([-1.0, 1.0]), 6)
        text = _rate_text(old, pct)
        _set(form, r, c, pct if old.endswith("%") or _num(old) >= 2 else pct / 100, text)
        printed = _rate_value(text)
        truth["budget"]["execution_rate"] = round(printed, 6)
        for ind in truth["indicators"]:
            if ind["name"] == "预算执行率" and ind["actual"]:
                ind["actual"]["value"] = round(printed, 6)
        return f"执行率 {old} → {text}"
    if kind == "weight_total":
        r, c = _weight_total(form)
        old = _num(form.rows[r][c])
        new = round(old + rng.choice([-2.0, 1.0, 2.0]), 2)
        _set(form, r, c, new, fmt(new))
        return f"{form.rows[r][0]} 指标权重 {fmt(old)} → {fmt(new)}"
    r, c = _money_cell(form)
    old = _num(form.rows[r][c])
    new = round(old + rng.choice([10.0, -5.0, 20.0]), 2)
    _set(form, r, c, new, f"{new:,.2f}" if "," in form.rows[r][c] or "." in form.rows[r][c] else fmt(new))
    truth["budget"]["total"] = round(new * 10000, 2)
    return f"{form.rows[r][next(k for k, x in enumerate(form.rows[r]) if x in _MONEY_ROWS)]} {fmt(old)} → {fmt(new)} 万元"


def _is_name(text: str, truth: dict) -> bool:
    return any(ind["name"] == text for ind in truth["indicators"])

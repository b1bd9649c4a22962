"""Figures that one sentence or one numbered item of running text states together.

A sentence such as ``2021年项目预算金额为261万元，年中调整后的预算金额为152.16万元，实际支出金额为
150.26万元，项目调整后的预算执行率为98.75%`` carries its own arithmetic, whatever year or
project it speaks of; so does each numbered item of a 部门预算编制说明. Rules here re-compute
that arithmetic from the sentence alone, and compare the 编制说明's lines with the 功能分类
and 收支总表 tables of the same document.

The 编制说明 figures arrive as claims under ``功能分类.<类…款…项 name>.<field>`` (金额,
上年执行数, 本年预算, 比上年) and ``部门预算.<path>`` (``收入预算>财政拨款收入``, with
``.比上年`` for the change on last year), read by ``patterns/prose.py``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from checker import ledger
from checker.claims import printed_of, statement_claim
from checker.finding import at_table, finding, on_page, row_page, table_name
from checker.numbers import fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.tables import find_col, header_like, is_blank, norm, row_code, total_label
from checker.tolerance import Interval, around, explain, point, printed_interval, ratio, severity, verdict
from extractor.contract import Claim, Finding, Location, Report, TableOut
from extractor.subjects import item_key
from patterns.lazyre import re
from patterns.lexicon import reason_directions, restated_totals
from patterns.prose import LISTED
from patterns.rule_words import statement_words
from patterns.table_roles import identity_groups

WAN = 10000.0
_ALL_FUNDS = "财政拨款"  # TableOut.fund of a table of the grant's every fund
_FINAL = "决算"  # TableOut.stage of a 决算 table
_SANGONG_TABLE = frozenset({"三公经费表"})  # TableOut.identity


# ---------------------------------------------------------------- printed figures


def _interval(cl: Claim) -> Interval:
    """The interval a claimed amount stands for, in 元 (``2.63万元`` → 26,300 ± 50)."""
    pr, scale = printed_of(cl)
    if pr is None or cl.value is None:
        return point(cl.value or 0.0)
    return printed_interval(cl.value, pr.decimals, None, scale)


def _decimals(cl: Claim) -> int | None:
    pr, _ = printed_of(cl)
    return pr.decimals if pr else None


def _said(cl: Claim) -> str:
    return cl.value_text or fmt(cl.value)


def _at(cl: Claim) -> Location:
    return Location(page=cl.page)


# ---------------------------------------------------------------- 执行率 in one sentence


def _printing(v: str, computed: float, printed: float, decimals: int | None) -> bool:
    """A percentage is a rounded quotient by nature: 77.7027 % printed 77.70 % is how it is
    printed, not a difference worth a finding. Truncation (named) and differences only the
    inputs' own rounding explains are still reported as ``rounding``."""
    return v == "exact" or (v == "rounding" and decimals is not None and round(computed, decimals) == round(printed, decimals))


def _sentence_groups(report: Report) -> list[list[Claim]]:
    groups: dict[tuple[int | None, str], list[Claim]] = defaultdict(list)
    for cl in report.claims:
        if cl.value is not None and not statement_claim(cl):
            groups[(cl.page, cl.text)].append(cl)
    return list(groups.values())


def _budget_kind(cl: Claim) -> str | None:
    """``调整后预算`` / ``年初预算`` for a money claim naming a budget, else None."""
    s = norm(cl.subject)
    words = statement_words()
    if cl.unit not in ("元", "万元") or any(w in s for w in words.not_budget):
        return None
    return next((kind for kind, ws in words.budget_kinds if any(w in s for w in ws)), None)


def _one_unit_tail(decimals: int | None) -> str:
    """The note on a printed share one unit off in its last place: rounding, not a slip."""
    return f"末位相差一个单位（{decimals} 位小数%），属舍入差异"


@rule("statement.execution_rate", "error", "句中执行率与同句支出÷预算不符")
def execution_rate(report: Report, config: CheckConfig) -> list[Finding]:
    """执行率 = 支出 ÷ 预算 recomputed inside one sentence, for any year or project.

    Each budget the sentence states (调整后 and 年初/项目预算) is tried as the denominator;
    the message says which reproduces the printed rate. Xinfang p. 6: 2020 年 144.65 万元 ÷
    调整后 231 万元 = 62.619 % printed 62.62 % ✓; 2021 年 150.26 ÷ 152.16 = 98.75 % ✓.
    """
    out: list[Finding] = []
    for group in _sentence_groups(report):
        words = statement_words()
        rates = [c for c in group if c.unit == "%" and any(w in c.subject for w in words.rate_words)]
        spent = [c for c in group if c.unit in ("元", "万元") and any(w in c.subject for w in words.spent_words)]
        budgets = [(k, c) for c in group if (k := _budget_kind(c))]
        if len(rates) != 1 or len(spent) != 1 or not budgets:
            continue
        out += _rate_in_sentence(rates[0], spent[0], budgets)
    return out


def _rate_in_sentence(rate: Claim, spent: Claim, budgets: list[tuple[str, Claim]]) -> list[Finding]:
    dec = _decimals(rate)
    order = {"exact": 0, "rounding": 1, "truncation": 2, "error": 3}
    tries = []
    for kind, b in budgets:
        if not b.value:
            continue
        value = spent.value / b.value * 100.0
        tries.append((order[(v := verdict(value, rate.value, dec, computed_interval=ratio(_interval(spent), _interval(b))))], v, kind, b, value))
    if not tries:
        return []
    tries.sort(key=lambda t: t[0])
    _, v, kind, b, value = tries[0]
    if _printing(v, value, rate.value, dec):
        v = "exact"
    head = f"正文{on_page(rate.page)}“{rate.text}”中执行率印为 {_said(rate)}"
    if v == "error":
        alts = "；".join(f"实际支出 {_said(spent)} ÷ {k} {_said(bb)} = {val:.4f}%" for _, _, k, bb, val in tries)
        return [finding("statement.execution_rate", "error", f"{head}，而{alts}，均不能复现；{explain(v, dec, '%')}", value, rate.value, [_at(rate)])]
    if v in ("rounding", "truncation"):
        return [
            finding(
                "statement.execution_rate", "rounding",
                f"{head}，实际支出 {_said(spent)} ÷ {kind} {_said(b)} = {value:.4f}%；{explain(v, dec, '%')}",
                value, rate.value, [_at(rate)],
            )
        ]
    before = rate.text[: rate.text.find(rate.value_text or "") if rate.value_text in rate.text else len(rate.text)]
    said_adjusted = any(w in before for w in statement_words().adjusted_words)
    if said_adjusted and kind != "调整后预算" and any(k == "调整后预算" for k, _ in budgets):
        return [
            finding(
                "statement.execution_rate", "info",
                f"{head}，称调整后执行率，而由实际支出 {_said(spent)} ÷ {kind} {_said(b)} 复现，非调整后预算",
                value, rate.value, [_at(rate)],
            )
        ]
    return []


# ---------------------------------------------------------------- 功能分类 lines


@dataclass
class _Line:
    """One numbered 功能分类 line of a 部门预算编制说明."""

    name: str  # 一般公共服务支出（类）统计信息事务（款）统计管理（项）
    fields: dict[str, Claim]

    @property
    def page(self) -> int | None:
        return next(iter(self.fields.values())).page

    def short(self) -> str:
        """The 项 name for messages (``统计管理（项）``), with its 款 when the 项 name repeats."""
        parts = re.findall(r"[^（）()]+[（(][类款项][）)]", self.name)
        return "".join(parts[-2:]) if len(parts) >= 2 else self.name


def _lines(report: Report) -> list[_Line]:
    lines: dict[tuple[str, str], _Line] = {}
    for cl in report.claims:
        if cl.kind != "function_line" or not cl.path or cl.field is None or cl.value is None:
            continue
        name = cl.path[0]
        lines.setdefault((name, cl.text), _Line(name, {})).fields.setdefault(cl.field, cl)
    return list(lines.values())


def _differ(a: Claim, b: Claim) -> str | None:
    """None when two printed amounts agree; ``rounding`` within their intervals; else ``error``."""
    if abs(a.value - b.value) <= 1e-6:
        return None
    return "rounding" if _interval(a).meets(_interval(b)) else "error"


@rule("statement.repeated", "error", "编制说明同一科目两处金额不一致")
def repeated(report: Report, config: CheckConfig) -> list[Finding]:
    """A 功能分类 line states its amount twice (``“…（项）”2.63万元`` and ``2023年预算安排2.63万元``):
    the two must agree. Real Putuo budget, item 16: 职业年金缴费支出 220.63 万元 vs 预算安排
    441.25 万元 (copied from item 15)."""
    out: list[Finding] = []
    for line in _lines(report):
        a, b = line.fields.get("金额"), line.fields.get("本年预算")
        if a is None or b is None or (sev := _differ(a, b)) is None:
            continue
        out.append(
            finding(
                "statement.repeated", sev,
                f"正文{on_page(line.page)}“{line.short()}”金额印为 {_said(a)}，同项又称预算安排 {_said(b)}"
                f"（差 {fmt(b.value - a.value, 2)} 元）",
                a.value, b.value, [_at(a)],
            )
        )
    return out


def _growth_interval(this: Claim, last: Claim) -> Interval | None:
    iv = ratio(_interval(this), _interval(last))
    return None if iv is None else Interval(iv.lo - 100.0, iv.hi - 100.0)


@rule("statement.growth", "error", "编制说明增减幅度与两年金额不符")
def growth(report: Report, config: CheckConfig) -> list[Finding]:
    """比上年增加/减少 p % = (本年 − 上年) ÷ 上年, recomputed; 上年 0 gives 100.00 % (the
    document's convention), 持平 needs equal amounts, and 增加/减少 must have the sign of the
    difference. Putuo item 1: (2.63 − 1.48) ÷ 1.48 = 77.70 % ✓; item 3: (45.41 − 11.67) ÷
    11.67 = 289.12 %, printed 314.82 % → error. Lines that state the change as an amount
    (``X万元，比上年增加 D万元，增长 p%``) are recomputed from it: ``_change_rates``."""
    out: list[Finding] = []
    for line in _lines(report):
        ch, last = line.fields.get("比上年"), line.fields.get("上年执行数")
        stated = [c for c in (line.fields.get("本年预算"), line.fields.get("金额")) if c is not None]
        if ch is None or last is None or not stated:
            continue
        # a line that states its amount twice with two values (statement.repeated) is right
        # about its growth when either amount gives the printed rate
        found = [_growth_finding(line, ch, last, this) for this in stated]
        if all(found):
            out.append(found[0])
    return out + _change_rates(report)


def _growth_finding(line: _Line, ch: Claim, last: Claim, this: Claim) -> Finding | None:
    where = f"正文{on_page(line.page)}“{line.short()}”本年 {_said(this)}、上年 {_said(last)}"
    if ch.value_text == "持平":
        if (sev := _differ(this, last)) is None:
            return None
        return finding("statement.growth", sev, f"{where}，称持平而两数相差 {fmt(this.value - last.value, 2)} 元", last.value, this.value, [_at(ch)])
    if last.value == 0:
        expected, iv, how = (100.0 if this.value > 0 else 0.0), None, "上年为 0，按文件惯例记为 100.00%"
    else:
        expected = (this.value - last.value) / last.value * 100.0
        iv, how = _growth_interval(this, last), f"({_said(this)} − {_said(last)}) ÷ {_said(last)} = {expected:.4f}%"
    dec = _decimals(ch)
    if ch.value and expected and (ch.value > 0) != (expected > 0):
        return finding("statement.growth", "error", f"{where}，{how}，而文中称{_said(ch)}（增减方向相反）", expected, ch.value, [_at(ch)])
    v = verdict(expected, ch.value, dec, computed_interval=iv)
    if _printing(v, expected, ch.value, dec):
        return None
    sev = severity(v)
    return finding("statement.growth", sev, f"{where}，{how}，文中印为{_said(ch)}；{explain(v, dec, '%')}", expected, ch.value, [_at(ch)])


# ---------------------------------------------------------------- 增减 amount and % in running text

_BASE_YEAR = re.compile(r"(?:比|与|较)\s*(上年度?|上一年度?|20\d\d\s*年度?)")


def _changes(report: Report) -> list[dict[str, Claim]]:
    """field → claim of each ``分项.增减.`` statement (金额 or 上句金额, 增减额, 增减幅度)."""
    groups: dict[tuple[tuple[str, ...], str], dict[str, Claim]] = defaultdict(dict)
    for cl in report.claims:
        if cl.kind == "change" and cl.field is not None and cl.value is not None:
            groups[(_key(cl), cl.text)].setdefault(cl.field, cl)
    return [g for g in groups.values() if "增减额" in g and "增减幅度" in g and ("金额" in g or "上句金额" in g)]


def _wan(cl: Claim, value: float, decimals: int) -> str:
    """A money value in the unit its claim was printed in (``2630.96万元``)."""
    _, scale = printed_of(cl)
    if scale == WAN:
        return f"{fmt(value / WAN, decimals)}万元"
    return f"{fmt(value, decimals)}元"


def _one_unit(computed: float, printed: float, decimals: int | None) -> bool:
    """The computed rate rounded to the printed decimals differs from the printed one by one unit
    in the last digit (shares forced to add up to 100 %: 63.7399 % printed 63.75 %). Whole
    percentages are not so excused: one unit is a whole point there (29.15 % printed 30 %)."""
    if not decimals:
        return False
    return abs(round(computed, decimals) - printed) <= 10.0 ** (-decimals) * (1 + 1e-6)


def _at_decimals(cl: Claim, decimals: int) -> Interval:
    """A money claim's interval at the precision of the figures printed with it: ``110 万元`` beside
    ``156.55 万元`` is 110.00 (the 说明 drops trailing zeros), not 110 ± 0.5 万元."""
    pr, scale = printed_of(cl)
    if pr is None or cl.value is None:
        return point(cl.value or 0.0)
    return printed_interval(cl.value, max(pr.decimals, decimals), None, scale)


def _key(cl: Claim) -> tuple[str, ...]:
    """The names a statement claim is about, its leaf's repeat number kept (``item_key``)."""
    return item_key(cl.kind or "named", cl.path, cl.nth)


def _stated_name(cl: Claim) -> str:
    """The name a 增减 or 占比 statement gives the item (``办公费``, ``公务接待费``)."""
    return cl.path[-1] if cl.path else ""


def _change_finding(g: dict[str, Claim]) -> Finding | None:
    previous = "金额" not in g
    amount, ch, pct = g.get("金额") or g["上句金额"], g["增减额"], g["增减幅度"]
    if ch.value == 0 and pct.value == 0:
        return None
    down = ch.value < 0
    ambiguous = any(w in (ch.value_text or "") + (pct.value_text or "") for w in ("(", "（"))
    name = _stated_name(ch)
    year = m.group(1).replace(" ", "") if (m := _BASE_YEAR.search(ch.text)) else "上年"
    dec_money = max(_decimals(amount) or 0, _decimals(ch) or 0)
    last = amount.value - ch.value
    pages = list(dict.fromkeys(c.page for c in (pct, ch, amount)))
    where = f"正文{on_page(pct.page)}“{name}”{_said(amount)}{('（第 ' + str(amount.page) + ' 页）') if amount.page != pct.page else ''}，" \
            f"比{year}{_said(ch)}"
    sev_wrong = "warning" if previous else "error"
    pair = "；金额见于上一句，配对或有误" if previous else ""
    if last <= 0:
        return None  # an increase above the amount: statement.change's business
    dec = _decimals(pct)
    if amount.value == 0:  # 0 万元 that fell by D: −100 %, whatever else the text prints
        if abs(abs(pct.value) - 100.0) <= 1e-9 or not pct.value:
            return None
        base = abs(ch.value) / abs(pct.value) * 100.0
        return finding(
            "statement.growth", sev_wrong,
            f"{where}：{year}应为 {_wan(ch, last, dec_money)}，降至 0 即下降 100.00%，而文中印为{_said(pct)}；"
            f"按增减额与幅度，{year}约为 {_wan(ch, base, dec_money)}、本年约为 {_wan(ch, base + ch.value, dec_money)}：疑本年金额“{_said(amount)}”有误{pair}",
            base + ch.value, amount.value, [Location(page=p) for p in pages],
        )
    iv_amount, iv_change = _at_decimals(amount, dec_money), _at_decimals(ch, dec_money)
    iv_last = iv_amount - iv_change
    size = Interval(abs(iv_change.lo), abs(iv_change.hi)) if not down else Interval(abs(iv_change.hi), abs(iv_change.lo))
    iv = ratio(size, iv_last)
    expected = abs(ch.value) / last * 100.0
    how = (f"{year}应为 {_said(amount)} {'+' if down else '−'} {_said(ch).lstrip('增加减少了 ')} = {_wan(ch, last, dec_money)}，"
           f"{'降幅' if down else '增幅'} {_wan(ch, abs(ch.value), dec_money)} ÷ {_wan(ch, last, dec_money)} = {expected:.4f}%")
    if not ambiguous and pct.value and (pct.value < 0) != down:
        return finding("statement.growth", sev_wrong, f"{where}，而幅度称{_said(pct)}（增减方向相反）；{how}{pair}",
                       expected, abs(pct.value), [Location(page=p) for p in pages])
    printed = abs(pct.value)
    v = verdict(expected, printed, dec, computed_interval=iv)
    if _printing(v, expected, printed, dec):
        return None
    if v == "error" and _one_unit(expected, printed, dec):
        tail = _one_unit_tail(dec)
        sev = "rounding"
    elif v == "error":
        tail, sev = explain(v, dec, "%") + pair, sev_wrong
    else:
        tail, sev = explain(v, dec, "%"), "rounding"
    return finding("statement.growth", sev, f"{where}：{how}，文中印为{_said(pct)}；{tail}",
                   expected, printed, [Location(page=p) for p in pages])


def _change_rates(report: Report) -> list[Finding]:
    """``X万元，比上年增加 D万元，增长 p%``: p = D ÷ (X − D), or D ÷ (X + D) for a decrease, the
    base year named as printed. Amount, change and rate in one sentence → error beyond the
    printed precision; the amount in the sentence before (``项目支出预算数为 5533 万元。与上年相比
    减少 20万元，减少 0.36 %``) → warning, the pairing being a reading. One unit off in the last
    printed digit → rounding. An amount of 0 that fell by D fell 100 %: any other rate says the
    amount is wrong. Jiangsu 2017 检察院 p. 22: 6032.55 − 3401.59 = 2630.96, 3401.59 ÷ 2630.96 =
    129.29 %, printed 129.97 % → error. When the amount is the last part after ``其中`` and the
    sentence states the whole (``.总额``), a change and rate the whole's figures reproduce are
    the whole's: nothing is said (梧州 2025 民政局 事业运行经费 37,337,407.64 元 … 增长 265.6%)."""
    return [f for g in _changes(report) if (f := _change_finding(g)) is not None
            and ("总额" not in g or _change_finding({**g, "金额": g["总额"]}) is not None)]


# ---------------------------------------------------------------- 占比 in running text



def _shares(report: Report) -> list[tuple[str, Claim | None, list[tuple[Claim, Claim]]]]:
    """(base, whole or None, [(part, share)]) for each sentence's ``分项.占比.`` claims."""
    groups: dict[tuple[str, str], dict[tuple[tuple[str, ...], str | None], Claim]] = defaultdict(dict)
    for cl in report.claims:
        if cl.kind == "share" and cl.path and cl.value is not None:
            groups[(cl.path[0], cl.text)].setdefault((_key(cl), cl.field), cl)
    out = []
    for (base, _text), paths in groups.items():
        parts = [(c, paths[(k, "占比")]) for (k, field), c in paths.items() if len(k) > 1 and field is None and (k, "占比") in paths]
        if parts:
            out.append((base, paths.get(((base,), None)), parts))
    return out


def _sangong(base: str) -> bool:
    """A share's base that is the 三公经费 (``占“三公”经费的p%``)."""
    return any(w in base for w in statement_words().sangong_names)


def _san_gong_complete(parts: list[tuple[Claim, Claim]]) -> bool:
    """Whether the parts are the three kinds of 三公经费 (出国, 公务用车, 接待), each once."""
    names = [_stated_name(p) for p, _ in parts]
    return len(names) == 3 and all(sum(any(w in n for w in kind) for n in names) == 1 for kind in statement_words().sangong_kinds)


def _cells_within(report: Report, iv: Interval, identities: frozenset[str]) -> list[tuple[TableOut, int, int, float]]:
    """Numeric cells (in 元; a table without a unit read in 万元) of the tables of ``identities``
    whose value lies in ``iv``."""
    out = []
    for t in report.tables:
        if t.identity not in identities:
            continue
        scale = _stated_scale(t) or WAN  # a 三公 table saying no unit is read in the 说明's 万元
        for r, row in enumerate(t.rows):
            for c, x in enumerate(row):
                p = parse_cell(x)
                if p is not None and p.value and iv.contains(p.value * scale):
                    out.append((t, r, c, p.value * scale))
    return out


def _column_label(t: TableOut, r: int, c: int) -> str:
    """The header above a cell (the nearest non-numeric cell up its column)."""
    for rr in range(r - 1, -1, -1):
        x = norm(t.rows[rr][c]) if c < len(t.rows[rr]) else ""
        if x and parse_cell(x) is None:
            return x
    return ""


@rule("statement.share", "error", "说明所印占比与部分÷总数不符")
def share(report: Report, config: CheckConfig) -> list[Finding]:
    """``A a万元，占p%`` re-computed as a ÷ base: the whole the sentence states before ``其中`` /
    ``主要用于以下方面``, or for ``占“三公”经费的p%`` the sum of the three kinds the sentence lists
    (出国, 公务用车, 接待). Beyond the printed precision → error (the figures stand in one
    sentence); one unit in the last digit → rounding (shares forced to add up to 100 %). When
    the wrong shares all point at one other base, it is named, with a table cell of that value.
    Jiangsu 2017 检察院 p. 22: 110 ÷ (110 + 317.8 + 156.55) = 18.82 %, printed 18.85 %; 决算
    p. 21: 2106.66 ÷ 2940.05 = 71.65 %, printed 71.73 %."""
    out: list[Finding] = []
    shares = _shares(report)
    for base, whole, parts in shares:
        dec_money = max(_decimals(c) or 0 for c in [p for p, _ in parts] + ([whole] if whole is not None else []))
        cell_at: list[Location] = []
        if whole is not None:
            base_iv, base_value = _at_decimals(whole, dec_money), whole.value
            base_said = f"“{base}”{_said(whole)}"
        elif (_sangong(base) and _san_gong_complete(parts)) or base == LISTED:
            base_iv, base_value = sum((_at_decimals(p, dec_money) for p, _ in parts), point(0.0)), sum(p.value for p, _ in parts)
            base_said = ("“三公”经费为所列三项之和" if base != LISTED else "所印占比合计 100%，基数为所列各项之和") \
                + f" {' + '.join(_said(p) for p, _ in parts)} = {_wan(parts[0][0], base_value, dec_money)}"
            if _sangong(base + parts[0][0].text) and (cells := _cells_within(report, printed_interval(base_value, dec_money, None, WAN), _SANGONG_TABLE)):
                t, r, c, _v = cells[0]
                base_said += f"（与{table_name(t)}{on_page(row_page(t, r))}“{_column_label(t, r, c)}”相符）"
                cell_at = [at_table(t, r, c)]
        else:
            continue
        if not base_value:
            continue
        wrong = []
        for part, pct in parts:
            expected = part.value / base_value * 100.0
            dec = _decimals(pct)
            v = verdict(expected, pct.value, dec, computed_interval=ratio(_at_decimals(part, dec_money), base_iv))
            if _printing(v, expected, pct.value, dec):
                continue
            what = f"正文{on_page(pct.page)}“{_stated_name(part)}”{_said(part)}，占比印为 {_said(pct)}；{base_said}，" \
                   f"{_said(part)} ÷ {_wan(part, base_value, max(_decimals(part) or 0, 2))} = {expected:.4f}%"
            locs = [Location(page=pg) for pg in dict.fromkeys([pct.page] + ([whole.page] if whole is not None else []))] + cell_at
            if v == "error" and not _one_unit(expected, pct.value, dec):
                wrong.append((part, pct, what, expected, locs))
                continue
            total = sum(p.value for _, p in parts)
            tail = _one_unit_tail(dec) if v == "error" else explain(v, dec, "%")
            if abs(total - 100.0) <= 1e-6 and len(parts) > 1:
                tail += "；所列占比合计恰为 100%，疑为凑整调整"
            out.append(finding("statement.share", "rounding", f"{what}；{tail}", expected, pct.value, locs))
        out += _wrong_shares(report, wrong)
    return out + _unstated_base(shares)


def _implied_base(part: Claim, pct: Claim) -> Interval | None:
    """The whole a part and its printed share imply (``469500 元，占 19.62%`` → 2,392,966 ± …)."""
    return ratio(_interval(part), around(pct.value, _decimals(pct)), 100.0) if pct.value else None


def _unstated_base(shares: list) -> list[Finding]:
    """Parts in several sentences, each ``占<whole>的 p%`` of one whole the text never states
    (``基本支出预算 2476260.58 元,占一般公共预算支出的84.06%`` … ``项目支出 469500 元,占一般公共预算支出的
    19.62%``): each implies the whole (a ÷ p), and one whole has one figure. When the implied wholes
    disagree and the parts' sum lies in some of them (the list is complete), a part whose own
    implied whole misses that sum has its share wrong → error, ``expected`` its share of the sum.
    Implied wholes that disagree with no sum to settle them → warning. 三公 lists are left to the
    rule above (their whole is the three kinds' sum)."""
    groups: dict[str, list[tuple[Claim, Claim]]] = defaultdict(list)
    for base, whole, parts in shares:
        if whole is None and base != LISTED and not (_sangong(base) and _san_gong_complete(parts)):
            for part, pct in parts:
                if part.value and pct.value and all(_stated_name(part) != _stated_name(q) for q, _ in groups[norm(base)]):
                    groups[norm(base)].append((part, pct))
    out: list[Finding] = []
    for base, parts in groups.items():
        implied = [(part, pct, iv) for part, pct in parts if (iv := _implied_base(part, pct)) is not None]
        if len(implied) < 2 or all(iv.meets(implied[0][2]) for *_, iv in implied):
            continue
        dec_money = max(_decimals(p) or 0 for p, *_ in implied)
        summed = sum((_at_decimals(p, dec_money) for p, *_ in implied), point(0.0))
        total = sum(p.value for p, *_ in implied)
        agree = [x for x in implied if x[2].meets(summed)]
        listed = " + ".join(_said(p) for p, *_ in implied)
        if agree and len(agree) < len(implied):
            for part, pct, _iv in implied:
                if _iv.meets(summed):
                    continue
                expected = part.value / total * 100.0
                # one unit off in the last digit is rounding here as with a stated whole (梧州 2023:
                # 165,247.88 ÷ 881,300.39 = 18.7505 %, printed 18.76 %)
                unit = _one_unit(expected, pct.value, _decimals(pct))
                tail = _one_unit_tail(_decimals(pct)) if unit else explain("error", _decimals(pct), "%")
                out.append(finding(
                    "statement.share", "rounding" if unit else "error",
                    f"正文{on_page(pct.page)}“{_stated_name(part)}”{_said(part)}，印为占“{base}”{_said(pct)}；"
                    f"文中未印“{base}”之数，而所列各项 {listed} = {_wan(part, total, dec_money)}，"
                    f"{'、'.join('“' + _stated_name(p) + '”' for p, _, _ in agree)}的占比即以此为基数；"
                    f"{_said(part)} ÷ {_wan(part, total, dec_money)} = {expected:.4f}%；{tail}",
                    expected, pct.value, [Location(page=pg) for pg in dict.fromkeys([pct.page] + [q.page for _, q, _ in agree])],
                ))
            continue
        shown = "；".join(f"“{_stated_name(p)}”{_said(p)} 占 {_said(q)}，合“{base}”约 {_wan(p, p.value / q.value * 100.0, 2)}"
                         for p, q, _iv in implied)
        out.append(finding(
            "statement.share", "warning",
            f"正文各项所印占“{base}”的比例所含基数不一：{shown}；同一基数只有一个数，请核对",
            None, None, [Location(page=pg) for pg in dict.fromkeys(q.page for _, q, _ in implied)],
        ))
    return out


def _wrong_shares(report: Report, wrong: list) -> list[Finding]:
    """One error per wrong share; when two or more point at one other base, it is named."""
    other, at = "", []
    if len(wrong) >= 2:
        ivs = [ratio(_interval(part), around(pct.value, _decimals(pct)), 100.0) for part, pct, *_ in wrong]
        if all(ivs):
            lo, hi = max(iv.lo for iv in ivs), min(iv.hi for iv in ivs)
            if lo <= hi:
                mid = (lo + hi) / 2
                other = f"；各项所印占比均合以约 {_wan(wrong[0][0], mid, 2)} 为基数"
                cells = _cells_within(report, Interval(lo, hi), identity_groups()["spending_on"])
                if cells:
                    t, r, c, v = cells[0]
                    other += f"，即{table_name(t)}{on_page(row_page(t, r))}“{_column_label(t, r, c)}” {_wan(wrong[0][0], v, 2)}：疑用错基数"
                    at = [at_table(t, r, c)]
    return [
        finding("statement.share", "error", f"{what}；{explain('error', _decimals(pct), '%')}{other}", expected, pct.value, locs + at)
        for part, pct, what, expected, locs in wrong
    ]


# ---------------------------------------------------------------- lines against the 功能分类 tables

_LEVEL = re.compile(r"([^（）()]+)[（(]([类款项])[）)]")


def _coded_rows(t: TableOut) -> list[tuple[int, str, str, int]]:
    """(row, code, name, value column) of a 类/款/项 table; value column = 合计, else the first number.

    An annotated table gives them from its roles (a row's 科目 code and name, the 合计 money
    column, a parent's figure wherever its indented column put it); the header walk below
    serves tables without roles.
    """
    if t.parts and t.columns:
        out: list[tuple[int, str, str, int]] = []
        for k, part in enumerate(t.parts):
            cols = ledger.part_columns(t, k)
            col = next((c for c in cols if c.semantic == "合计"), cols[0] if cols else None)
            if col is None:
                continue
            for r, role in enumerate(part.rows):
                if role.role != "detail" or not role.code or not role.label:
                    continue
                f = ledger.figure(t, r, col)
                out.append((r, role.code, role.label, f.col if f else col.cols[0]))
        return out
    total_col = _total_col(t)
    out = []
    for r, row in enumerate(t.rows):
        code = row_code(row)
        if code is None:
            continue
        name = next((norm(x) for x in row[1:] if norm(x) and not norm(x).isdigit() and parse_cell(x) is None), "")
        col = total_col if total_col is not None else next((c for c, x in enumerate(row) if parse_cell(x) and not norm(x).isdigit()), None)
        if name and col is not None:
            out.append((r, code, name, col))
    return out


def _find_path(rows: list[tuple[int, str, str, int]], names: list[str]) -> tuple[int, str, int] | None:
    """The row whose 类 → 款 → 项 names match ``names`` in order, following code prefixes.

    A level printed as one name run together with its parent's (``人大事务行政运行（项）``, a
    numbered list that drops the 款 marker) is read as the parent row's name followed by a
    child row's: 20101 人大事务 → 2010101 行政运行.
    """
    prefix, hit = "", None
    for name in names:
        cands = [(r, code, col) for r, code, n, col in rows if n == name and code.startswith(prefix) and len(code) > len(prefix)]
        if not cands:
            cands = [
                (r, code, col)
                for pr, pcode, pn, _pc in rows
                if len(pn) >= 2 and name.startswith(pn) and pcode.startswith(prefix) and len(pcode) > len(prefix)
                for r, code, n, col in rows
                if n == name[len(pn):] and code.startswith(pcode) and len(code) > len(pcode)
            ]
        if not cands:
            return None
        hit = min(cands, key=lambda x: len(x[1]))
        prefix = hit[1]
    return hit


def _row_amount(t: TableOut, r: int, c: int) -> tuple[float, int] | None:
    """A 类/款/项 row's amount in 元: its value column, else (a column read off its cell) the first
    number right of the row's name that is not a code."""
    p = parse_cell(t.rows[r][c]) if c < len(t.rows[r]) else None
    if p is None:
        for k in range(len(t.rows[r])):
            x = norm(t.rows[r][k])
            q = parse_cell(x)
            if q is not None and not re.fullmatch(r"\d{3,7}", x) and any(parse_cell(y) is None and norm(y) for y in t.rows[r][:k]):
                p, c = q, k
                break
    return (p.value * _table_scale(t), c) if p is not None else None


def _fund_tables(report: Report) -> list[TableOut]:
    """The 财政拨款 expenditure tables by 功能分类 (identity and fund as ``patterns`` said): the
    one of the grant's every fund (财政拨款支出预算表), else one per fund (一般公共预算, 政府性基金,
    国有资本经营 …功能分类预算表), so that no 科目 is counted twice. Not the 基本支出 table: its
    codes are 经济分类 (30108 机关事业单位基本养老保险缴费), not 功能分类."""
    coded = [t for t in report.tables if t.identity in identity_groups()["by_function"] and any(row_code(r) for r in t.rows)]
    grant = [t for t in coded if t.fund == _ALL_FUNDS]
    return grant or [t for t in coded if t.fund not in (None, _ALL_FUNDS)]


def _stated_scale(t: TableOut) -> float | None:
    """10⁴ for a table in 万元, 1 in 元: its unit, else a ``单位：万元`` cell read into its first rows
    (Jiangsu); None when neither says."""
    if t.unit:
        return WAN if t.unit == "万元" else 1.0
    for row in t.rows[:4]:
        for x in row:
            if m := re.search(r"单位[:：]?\s*(万元|元)", norm(x)):
                return WAN if m.group(1) == "万元" else 1.0
    return None


def _table_scale(t: TableOut) -> float:
    return _stated_scale(t) or 1.0


@rule("statement.classification", "error", "编制说明科目金额与功能分类预算表不符")
def classification(report: Report, config: CheckConfig) -> list[Finding]:
    """Each 功能分类 line's amount against the 合计 of the row with the same 类 → 款 → 项 names in
    the 财政拨款 expenditure tables by 功能分类 (一般公共预算 + 政府性基金 + 国有资本经营; their
    unit, 元 or 万元, applied). Putuo 统计管理（项）2.63 万元 vs 2010506 26,300 元 ✓ (rounding
    within 0.01 万元 is no finding: 441.25 万元 for 4,412,547 元 is printed precision)."""
    tables = [(t, _coded_rows(t)) for t in _fund_tables(report)]
    if not tables:
        return []
    out: list[Finding] = []
    for line in _lines(report):
        names = [norm(n) for n, _lvl in _LEVEL.findall(line.name)]
        hits = [(t, hit) for t, rows in tables if (hit := _find_path(rows, names))]
        amounts = [_row_amount(t, r, c) for t, (r, _code, c) in hits]
        if not hits or None in amounts:
            continue  # a row found without a figure is a reading to doubt, not a 0
        hits = [(t, (r, code, a[1])) for (t, (r, code, _c)), a in zip(hits, amounts, strict=True)]
        value = sum(a[0] for a in amounts)
        seen: set[float] = set()
        for field in ("金额", "本年预算"):
            cl = line.fields.get(field)
            if cl is None or cl.value in seen:
                continue
            seen.add(cl.value)
            out += _against_table(line, cl, value, hits, names)
    return out


def _same_amount(t: TableOut, row: int, cl: Claim) -> str:
    """``；印出的金额是 20101 人大事务 行的合计`` when another coded row of the table holds the amount
    the line prints (a 类 or 款 total put on a 项 line)."""
    same = []
    for r, code, name, c in _coded_rows(t):
        a = _row_amount(t, r, c)
        if r != row and a is not None and _interval(cl).contains(a[0]):
            same.append(f"{code} {name}")
    return f"；所印 {_said(cl)} 是{table_name(t)}中 {'、'.join(same[:3])} 行的金额" if same else ""


def _against_table(line: _Line, cl: Claim, value: float, hits, names: list[str]) -> list[Finding]:
    pr, scale = printed_of(cl)
    dec = pr.decimals if pr else None
    v = verdict(value, cl.value, dec, scale)
    if (sev := severity(v)) is None or v != "error":
        return []  # within the printed 0.01 万元: the document rounds every line so
    t, (r, code, c) = hits[0]
    where = "、".join(f"{table_name(tt)}{on_page(row_page(tt, hit[0]))}" for tt, hit in hits)
    return [
        finding(
            "statement.classification", sev,
            f"正文{on_page(cl.page)}“{line.short()}”{'预算安排 ' if cl.field != '金额' else ''}{_said(cl)}，"
            f"而{where} {code} {next((n for rr, _cd, n, _c in _coded_rows(t) if rr == r), names[-1])} 行合计为 {fmt(value, 2)} 元（差 {fmt(value - cl.value, 2)} 元）；{explain(v, dec, '万元' if scale == WAN else '')}"
            f"{_same_amount(t, r, cl)}",
            value, cl.value, [_at(cl)] + [at_table(tt, rr, cc) for tt, (rr, _cd, cc) in hits],
        )
    ]


# ---------------------------------------------------------------- 收入/支出预算 lines


Path = tuple[str, ...]


def _budget_lines(report: Report) -> dict[Path, dict[str, Claim]]:
    """path (收入预算, 财政拨款收入) → {``amount``: claim, ``change``: claim} for the 部门预算 lines."""
    out: dict[Path, dict[str, Claim]] = defaultdict(dict)
    for cl in report.claims:
        if cl.kind != "budget_line" or cl.value is None:
            continue
        out[tuple(cl.path)].setdefault("change" if cl.field == "比上年" else "amount", cl)
    return out


def _leaf(path: Path) -> str:
    return path[-1] if path else ""


def _children(lines: dict[Path, dict[str, Claim]] | dict[Path, Claim], path: Path) -> list[Path]:
    """The paths one level below ``path`` (its ``其中`` parts)."""
    return [p for p in lines if len(p) == len(path) + 1 and p[: len(path)] == path]


def _sum_interval(claims: list[Claim]) -> Interval:
    out = point(0.0)
    for cl in claims:
        out = out + _interval(cl)
    return out


@rule("statement.parts", "error", "“其中”各部分之和与总数不符")
def parts(report: Report, config: CheckConfig) -> list[Finding]:
    """A whole and its ``其中`` parts must add up, whatever the unit.

    编制说明 money lines (``X N万元，其中：A…；B…`` or ``X中，A…；B…``): parts above the whole →
    error; below it with two or more parts → warning (the list may be incomplete). Breakdowns
    in any other sentence (``分项.`` claims: 平方米, 人, 人次, 件, 元 …) are judged by
    ``_breakdown_severity``: parts that complement each other (地上/地下, 计容/不计容, a last
    其他) must add up exactly, else the list may be incomplete and only an excess is said;
    a whole printed with 约 or 左右 makes an error a warning. Putuo p. 29: 收入预算 16497.86 =
    16497.86 + 0 + 0 + 0 ✓, 政府采购预算 830.00 = 10.00 + 550.00 + 270.00 ✓; p. 30: 约 13459 平方米
    vs 地上 8013 + 地下 5356 = 13,369 (warning), 地上 8013 vs 计容 7998 + 不计容 105 = 8,103 (error).
    """
    out: list[Finding] = []
    lines = _budget_lines(report)
    for path, whole in lines.items():
        kids = [lines[k]["amount"] for k in _children(lines, path) if "amount" in lines[k]]
        if "amount" not in whole or not kids:
            continue
        w = whole["amount"]
        value = sum(k.value for k in kids)
        if abs(value - w.value) <= 1e-6:
            continue
        within = _sum_interval(kids).meets(_interval(w))
        if within:
            sev = "rounding"
        elif value > w.value:
            sev = "error"
        elif len(kids) >= 2:
            sev = "warning"
        else:
            continue
        terms = " + ".join(f"{_leaf(tuple(k.path))} {_said(k)}" for k in kids)
        tail = {"rounding": "差异在各数打印精度之内，属舍入差异", "error": "各项之和超过总数",
                "warning": "各项之和小于总数；若已列全，则数字有误"}[sev]
        out.append(
            finding(
                "statement.parts", sev,
                f"正文{on_page(w.page)}{_leaf(path)} {_said(w)}，其中 {terms} = {fmt(value / WAN, 2)}万元（差 {fmt((w.value - value) / WAN, 2)}万元）；{tail}",
                w.value, value, [_at(w)],
            )
        )
    for paths in _breakdowns(report):
        for path, w in paths.items():
            kids = _parts_of(paths, path)
            if len(kids) >= 2 and (f := _breakdown_finding(paths, path, w, kids)):
                out.append(f)
    return out


# ---------------------------------------------------------------- 其中 breakdowns in any unit

# Parts that name the two sides of one division: together they are the whole.


def _breakdowns(report: Report) -> list[dict[Path, Claim]]:
    """path → claim of every breakdown, one sentence at a time (``(规划建筑面积, 地上建筑面积)``)."""
    by_text: dict[tuple[int | None, str], dict[Path, Claim]] = defaultdict(dict)
    for cl in report.claims:
        if cl.kind == "breakdown" and cl.value is not None:
            by_text[(cl.page, cl.text)].setdefault(_key(cl), cl)
    return list(by_text.values())


def _parts_of(paths: dict[Path, Claim], path: Path) -> list[Claim]:
    return [paths[p] for p in _children(paths, path)]


def _part_name(cl: Claim) -> str:
    """The last name of a breakdown path (``规划建筑面积>地上建筑面积`` → ``地上建筑面积``)."""
    return cl.path[-1] if cl.path else ""


def _complementary(names: list[str]) -> tuple[str, str] | None:
    """Two names that divide one whole between them (地上/地下建筑面积, 计容/不计容面积), else None;
    a last part named 其他/其余 closes any list (returned with the first)."""
    words = statement_words()
    if names and names[-1].startswith(words.rest):
        return names[0], names[-1]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            k = 0
            while k < min(len(a), len(b)) - n and a[-1 - k] == b[-1 - k]:
                k += 1
            x, y = a[n:len(a) - k], b[n:len(b) - k]
            if not x and not y:
                continue
            if (x, y) in words.complements or any(x == g + y or y == g + x for g in words.negations):
                return a, b
    return None


def _approx(cl: Claim) -> bool:
    t = cl.value_text or ""
    words = statement_words()
    return t.startswith(words.approx_before) or t.endswith(words.approx_after)


def _breakdown_severity(w: Claim, kids: list[Claim], value: float) -> tuple[str, str] | None:
    """(severity, why) for a breakdown whose parts sum to ``value``, or None to say nothing.

    Within the printed precision → rounding. Complementary parts (or a last 其他) are the
    whole list, so any gap is an error; other lists may be incomplete (``其中满意度件 176 件，
    公开件 47 件`` of 315 件) or overlap, so a shortfall is silent and an excess a warning. A
    whole printed with 约/左右 turns an error into a warning.
    """
    if _sum_interval(kids).meets(_interval(w)):
        return "rounding", "差异在各数打印精度之内，属舍入差异"
    pair = _complementary([_part_name(k) for k in kids])
    if pair is None and value < w.value:
        return None
    if pair is None:
        return "warning", "各部分之和超过总数；若各部分互不重叠，则数字有误"
    a, b = pair
    why = f"“{a}”与“{b}”互补，各部分之和应等于总数"
    if _approx(w):
        return "warning", why + f"；总数印为“{w.value_text}”，为约数，请核对"
    return "error", why


def _in_unit(value: float, cl: Claim, decimals: int) -> str:
    """A value in the unit the whole was printed in (``13,369 平方米``, ``820.00万元``)."""
    _, scale = printed_of(cl)
    if cl.unit == "元" and scale == WAN:
        return f"{fmt(value / WAN, decimals)}万元"
    return f"{fmt(value, decimals)} {cl.unit or ''}".rstrip()


def _breakdown_finding(paths: dict[Path, Claim], path: Path, w: Claim, kids: list[Claim]) -> Finding | None:
    value = sum(k.value for k in kids)
    if abs(value - w.value) <= 1e-6 * max(1.0, abs(w.value)):
        return None
    judged = _breakdown_severity(w, kids, value)
    if judged is None:
        return None
    sev, why = judged
    terms = " + ".join(f"{_part_name(k)} {_said(k)}" for k in kids)
    dec = max((_decimals(c) or 0) for c in [w, *kids])
    return finding(
        "statement.parts", sev,
        f"正文{on_page(w.page)}“{_part_name(w)}”{_said(w)}，其中 {terms} = {_in_unit(value, w, dec)}"
        f"（差 {_in_unit(w.value - value, w, dec)}）；{why}{_mended(paths, path, w, kids, dec)}",
        w.value, value, [_at(w)],
    )


def _mended(paths: dict[Path, Claim], path: Path, w: Claim, kids: list[Claim], dec: int) -> str:
    """The one figure whose own breakdown settles both sums, if there is one.

    Putuo p. 30: 地上建筑面积 8013 has parts 7998 + 105 = 8103, and 8103 + 5356 = 13459, the
    whole: 8013 is a slip for 8103. Said on both findings (the part's and the whole's).
    """
    def agrees(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-6 * max(1.0, abs(b))

    for k in kids:  # a part whose own parts' sum would make this whole add up
        sub = _parts_of(paths, _key(k))
        if len(sub) >= 2 and agrees(sum(k.value for k in kids) - k.value + sum(c.value for c in sub), w.value):
            fixed = sum(c.value for c in sub)
            return f"。若“{_part_name(k)}”取其分项之和 {_in_unit(fixed, k, dec)}，则与总数相合：疑“{_said(k)}”有误"
    if len(path) > 1:  # this whole is a part of another: its parts' sum would make that one add up
        up = path[:-1]
        parent, siblings = paths.get(up), _parts_of(paths, up)
        value = sum(k.value for k in kids)
        if parent is not None and len(siblings) >= 2 and agrees(sum(c.value for c in siblings) - w.value + value, parent.value):
            return (f"。以 {_in_unit(value, w, dec)} 代替 {_said(w)}，则“{_part_name(parent)}”各部分之和为 "
                    f"{_in_unit(parent.value, parent, dec)}，与其总数相合：疑“{_said(w)}”有误")
    return ""


@rule("statement.change", "warning", "编制说明比上年增减额与金额不相容")
def change(report: Report, config: CheckConfig) -> list[Finding]:
    """比上年增加 M 万元 where the amount itself is below M implies a negative budget last year;
    and a whole's change against the sum of its parts' changes (when every part states one).
    Warnings: a copied clause is the likely cause. Putuo item 47: 政府性基金拨款支出预算 0 万元，
    比2022年预算增加 1421.25 万元 (copied from the line before)."""
    out: list[Finding] = []
    lines = _budget_lines(report)
    for path, line in lines.items():
        a, ch = line.get("amount"), line.get("change")
        if a is not None and ch is not None and ch.value > 0 and a.value - ch.value < -1e-6 and not _interval(a).meets(_interval(ch)):
            out.append(
                finding(
                    "statement.change", "warning",
                    f"正文{on_page(ch.page)}{_leaf(path)} {_said(a)}，称比上年{_said(ch)}：上年应为 {fmt((a.value - ch.value) / WAN, 2)}万元（负数），"
                    "增减额疑为误抄",
                    a.value, ch.value, [_at(ch)],
                )
            )
        kids = [lines[k] for k in _children(lines, path)]
        if ch is None or not kids or any("change" not in k for k in kids):
            continue
        changes = [k["change"] for k in kids]
        value = sum(c.value for c in changes)
        if abs(value - ch.value) <= 1e-6 or _sum_interval(changes).meets(_interval(ch)):
            continue
        terms = " + ".join(f"{_leaf(tuple(c.path))} {_said(c)}" for c in changes)
        out.append(
            finding(
                "statement.change", "warning",
                f"正文{on_page(ch.page)}{_leaf(path)}比上年{_said(ch)}，而其中各项的增减 {terms} 合计 {fmt(value / WAN, 2)}万元"
                f"（差 {fmt((value - ch.value) / WAN, 2)}万元）",
                ch.value, value, [_at(ch)],
            )
        )
    return out


@rule("statement.balance", "warning", "编制说明收入与支出两侧不平衡")
def balance(report: Report, config: CheckConfig) -> list[Finding]:
    """收入预算 against 支出预算 and 财政拨款收入 against 财政拨款支出预算, amounts and changes on
    last year: a department budget balances both sides. Warning, since 结转 can stand on one
    side. Putuo: 16497.86 = 16497.86, 增加 1421.25 = 增加 1421.25 ✓."""
    out: list[Finding] = []
    by_leaf = {_leaf(p): line for p, line in _budget_lines(report).items()}
    for income, spend in statement_words().balance:
        if income not in by_leaf or spend not in by_leaf:
            continue
        for key, word in (("amount", ""), ("change", "比上年")):
            a, b = by_leaf[income].get(key), by_leaf[spend].get(key)
            if a is None or b is None or abs(a.value - b.value) <= 1e-6 or _interval(a).meets(_interval(b)):
                continue
            out.append(
                finding(
                    "statement.balance", "warning",
                    f"正文{on_page(a.page)}{income}{word} {_said(a)}，而{on_page(b.page)}{spend}{word} {_said(b)}"
                    f"（差 {fmt((a.value - b.value) / WAN, 2)}万元）；收支两侧应平衡",
                    a.value, b.value, [_at(a), _at(b)],
                )
            )
    return out


def _summary_tables(report: Report) -> list[TableOut]:
    """The 部门预算's 收支总表 (a 决算's are ``juesuan.identity_totals``')."""
    return [t for t in report.tables if t.identity in identity_groups()["summary"] and t.stage != _FINAL]


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、])")


def _label(cell: str) -> str:
    """A row label without its list numbering (``一、财政拨款收入`` → ``财政拨款收入``)."""
    return _NUMBERING.sub("", norm(cell))


def _labelled(t: TableOut) -> dict[str, tuple[float, int, int]]:
    """label → (value in 元, row, col) of a two-sided 收支总表: each label's value is the cell
    right of it, a blank one 0 (``一、财政拨款收入`` → ``财政拨款收入``)."""
    out: dict[str, tuple[float, int, int]] = {}
    for r, row in enumerate(t.rows):
        for c, x in enumerate(row[:-1]):
            label = _label(x)
            if not label or parse_cell(x) is not None or label in out:
                continue
            p = parse_cell(row[c + 1])
            if p is not None:
                out[label] = (p.value * _table_scale(t), r, c + 1)
            elif is_blank(row[c + 1]):
                out[label] = (0.0, r, c + 1)
    return out


@rule("statement.totals", "error", "编制说明收支总额与收支总表不符")
def totals(report: Report, config: CheckConfig) -> list[Finding]:
    """The 收支总表: 收入总计 = 支出总计 (its two sides), and the 编制说明's 收入预算 / 支出预算
    (财政拨款收入 / 财政拨款支出预算 against a 财政拨款收支总表) and every line named like one
    of its rows (财政拨款收入, 事业收入, …; a blank cell is 0) against it. Putuo: 16497.86 万元
    vs 收入总计 164,978,640 元 ✓ (rounding within 0.01 万元 is no finding)."""
    out: list[Finding] = []
    lines = _budget_lines(report)
    for t in _summary_tables(report):
        cells = _labelled(t)
        inc, out_ = cells.get("收入总计"), cells.get("支出总计")
        if inc and out_ and abs(inc[0] - out_[0]) > 1e-6:
            out.append(
                finding(
                    "statement.totals", "error",
                    f"{table_name(t)}{on_page(row_page(t, inc[1]))}收入总计 {fmt(inc[0], 2)} 元，支出总计 {fmt(out_[0], 2)} 元"
                    f"（差 {fmt(inc[0] - out_[0], 2)} 元）；两侧应相等",
                    inc[0], out_[0], [at_table(t, inc[1], inc[2]), at_table(t, out_[1], out_[2])],
                )
            )
        grant = t.fund is not None  # a table of the grant (财政拨款收支预算总表), not of every source
        alias = {"财政拨款收入": "收入总计", "财政拨款支出预算": "支出总计"} if grant else {"收入预算": "收入总计", "支出预算": "支出总计"}
        for path, line in lines.items():
            cl = line.get("amount")
            leaf = _leaf(path)
            label = alias.get(leaf, leaf if not grant else None)
            if cl is None or label not in cells:
                continue
            value, r, c = cells[label]
            out += _line_vs_cell(cl, leaf, t, label, value, r, c)
    return out


def _line_vs_cell(cl: Claim, leaf: str, t: TableOut, label: str, value: float, r: int, c: int) -> list[Finding]:
    pr, scale = printed_of(cl)
    dec = pr.decimals if pr else None
    v = verdict(value, cl.value, dec, scale)
    if v != "error":
        return []
    return [
        finding(
            "statement.totals", "error",
            f"正文{on_page(cl.page)}{leaf} {_said(cl)}，而{table_name(t)}{on_page(row_page(t, r))}{label}为 {fmt(value, 2)} 元"
            f"（差 {fmt(value - cl.value, 2)} 元）；{explain(v, dec, '万元' if scale == WAN else '')}",
            value, cl.value, [_at(cl), at_table(t, r, c)],
        )
    ]


def _total_col(t: TableOut) -> int | None:
    """The table's 合计 column, as one of its first four header rows marks it (``column.total``)."""
    return next((k for h in range(min(4, len(t.rows))) if (k := find_col(t, h, "column.total")) is not None), None)


def _row_value(t: TableOut, r: int, c: int, total_col: int | None) -> tuple[float, int] | None:
    """The amount of a row labelled in column ``c``: its 合计 column (``total_col``), else the first number right of the label."""
    cols = [total_col] if total_col is not None and total_col > c else [k for k in range(c + 1, len(t.rows[r]))]
    for k in cols:
        p = parse_cell(t.rows[r][k])
        if p is not None:
            return p.value * _table_scale(t), k
    return None


@rule("statement.named_row", "warning", "编制说明所列金额与表中同名行不符")
def named_row(report: Report, config: CheckConfig) -> list[Finding]:
    """A 部门预算 line (``公务接待费1.35万元``) against a row of another table with exactly that name
    (经济分类 30217 公务接待费 13,500 元). A warning: the same name may be counted otherwise in
    another table (三公 statistics include 项目支出, a 基本支出 table does not). 收支总表 rows are
    `statement.totals`' business."""
    out: list[Finding] = []
    lines = {_leaf(p): line["amount"] for p, line in _budget_lines(report).items() if "amount" in line}
    summary = {t.id for t in _summary_tables(report)}
    for t in report.tables:
        if t.id in summary:
            continue
        total_col = _total_col(t)
        for r, row in enumerate(t.rows):
            for c, x in enumerate(row):
                cl = lines.get(_label(x))
                if cl is None or (hit := _row_value(t, r, c, total_col)) is None:
                    continue
                value, k = hit
                pr, scale = printed_of(cl)
                dec = pr.decimals if pr else None
                if verdict(value, cl.value, dec, scale) != "error":
                    continue
                out.append(
                    finding(
                        "statement.named_row", "warning",
                        f"正文{on_page(cl.page)}{_leaf(tuple(cl.path))} {_said(cl)}，而{table_name(t)}{on_page(row_page(t, r))}同名行"
                        f"“{norm(x)}”为 {fmt(value, 2)} 元（差 {fmt(value - cl.value, 2)} 元）",
                        value, cl.value, [_at(cl), at_table(t, r, k)],
                    )
                )
                break
    return out


# ---------------------------------------------------------------- payments against the table row

@dataclass
class _PaidRow:
    """A row of a budget/execution table: its names and the amount paid, in 元."""

    table: TableOut
    row: int
    col: int
    names: list[str]
    value: float
    interval: Interval
    header: str


def _paid_rows(report: Report) -> list[_PaidRow]:
    """Every detail row of a table with a paid column (支付金额, 实际支出, 执行数, 支出…; not a
    classification or budget column): the row's word cells left of it are its names."""
    out: list[_PaidRow] = []
    for t in report.tables:
        scale = _table_scale(t)
        for h, head in enumerate(t.rows[:4]):
            if not header_like(head):
                continue
            # a column of amounts paid: 支付金额, 实际支出, (预算)执行数; not a classification, a
            # rate, a 项目支出 column of a budget table, nor a budget (tables.json paid_columns)
            col = find_col(t, h, "paid")
            if col is None:
                continue
            for r in range(h + 1, len(t.rows)):
                row = t.rows[r]
                if col >= len(row) or total_label(t, r) or (p := parse_cell(row[col])) is None:
                    continue
                names = [_label(x) for x in row[:col] if norm(x) and parse_cell(x) is None]
                names = [n for n in dict.fromkeys(names) if len(n) >= 2]
                if names:
                    out.append(_PaidRow(t, r, col, names, p.value * scale, printed_interval(p.value * scale, p.decimals, None, scale), norm(head[col])))
            break
    return out


def _row_for(rows: list[_PaidRow], section: str, sentence: str) -> tuple[_PaidRow, str] | None:
    """The row a payment is about: one whose name is the section's (or within it: 动迁补偿差额利息 in
    跟进动迁补偿差额利息的支付管理), else one whose name the sentence itself prints; the longest
    name wins, and a name of fewer than four characters must be the whole section name."""
    sec, text = norm(section), norm(sentence)
    for hay in (sec, text):
        if not hay:
            continue
        hits = [(len(n), -k, row, n) for k, row in enumerate(rows) for n in row.names
                if n == hay or (len(n) >= 4 and n in hay)]
        if hits:
            _, _, row, n = max(hits, key=lambda h: (h[0], h[1]))
            return row, n
    return None


def _in_tables(report: Report, part: Claim) -> tuple[TableOut, int, int] | None:
    """A numeric table cell (in its table's unit) standing for the same amount as ``part``."""
    want = _interval(part)
    for t in report.tables:
        scale = _table_scale(t)
        for r, row in enumerate(t.rows):
            for c, x in enumerate(row):
                p = parse_cell(x)
                if p is not None and p.value and printed_interval(p.value * scale, p.decimals, None, scale).meets(want):
                    return t, r, c
    return None


def _payments(report: Report) -> list[tuple[str, list[Claim]]]:
    """(section, parts) for each payment sentence, in reading order."""
    groups: dict[tuple[int | None, str, str], list[Claim]] = {}
    for cl in report.claims:
        if cl.kind == "payment" and cl.value is not None:
            section = cl.path[0] if len(cl.path) > 1 else ""
            groups.setdefault((cl.page, cl.text, section), []).append(cl)
    return [(section, parts) for (_page, _text, section), parts in groups.items()]


def _part(cl: Claim) -> str:
    return f"{cl.path[-1] if cl.path else ''} {_said(cl)}"


@rule("statement.payment", "warning", "正文所述分项支付之和与表中同名行支付金额不符")
def payment(report: Report, config: CheckConfig) -> list[Finding]:
    """A payment the text states in parts (``管委会将补偿款24万元及税费7.4952万元转入律所账户``) against
    the paid figure of the budget/execution table row for the same sub-item (the numbered
    heading it stands under, else a row name the sentence prints). Parts above the row → warning;
    below it only when two or more parts are listed (one figure may be an instalment). When one
    part alone equals the row, the message says whether the others appear in any table. The
    same sentence printed again (评价建议 repeats the finding) is one finding, its pages listed.

    A warning, not an error: the pairing of sentence and row is a reading of names, and a
    transfer may lawfully carry money booked under another line (tax withheld, a pass-through),
    so a person must look. Seed 000 “5. 动迁补偿差额利息”: 24 万元 + 7.4952 万元 = 314,952 元 vs 表1
    动迁补偿差额利息 支付金额 240,000.00; the 74,952 元 of 税费 is in no table.
    """
    rows = _paid_rows(report)
    if not rows:
        return []
    found: dict[tuple[str, int, tuple[float, ...]], list[tuple[str, list[Claim], _PaidRow, str, float]]] = {}
    for section, parts in _payments(report):
        hit = _row_for(rows, section, parts[0].text)
        if hit is None:
            continue
        row, name = hit
        value = sum(p.value for p in parts)
        if abs(value - row.value) <= 1e-6 * max(1.0, row.value) or _sum_interval(parts).meets(row.interval):
            continue
        if value < row.value and len(parts) < 2:
            continue
        found.setdefault((row.table.id, row.row, tuple(p.value for p in parts)), []).append((section, parts, row, name, value))
    out = []
    for same in found.values():
        best = max(same, key=lambda s: norm(s[0]) == s[3])  # the sentence under the row's own heading
        f = _payment_finding(report, *best)
        pages = sorted({s[1][0].page for s in same if s is not best and s[1][0].page is not None})
        if pages:
            f.message += f"；同一句另见第 {'、'.join(map(str, pages))} 页"
            f.locations[1:1] = [Location(page=pg) for pg in pages]
        out.append(f)
    return out


def _payment_finding(report: Report, section: str, parts: list[Claim], row: _PaidRow, name: str, value: float) -> Finding:
    t = row.table
    terms = " + ".join(_part(p) for p in parts) + f" = {fmt(value, 2)} 元" if len(parts) > 1 else _part(parts[0])
    where = f"（“{section}”一节）" if section else ""
    msg = (f"正文{on_page(parts[0].page)}{where}“{parts[0].text}”：支付 {terms}，而{table_name(t)}{on_page(row_page(t, row.row))}"
           f"“{name}”行{row.header}为 {fmt(row.value, 2)} 元（差 {fmt(value - row.value, 2)} 元）")
    alone = [p for p in parts if _interval(p).meets(row.interval)] if len(parts) > 1 else []
    if alone:
        rest = [p for p in parts if p is not alone[0]]
        said = []
        for p in rest:
            cell = _in_tables(report, p)
            if cell is None:
                said.append(f"{_part(p)}（{fmt(p.value, 2)} 元）未见于任何表格")
            else:
                tt, r, c = cell
                said.append(f"{_part(p)}见于{table_name(tt)}{on_page(row_page(tt, r))}第 {r + 1} 行“{norm(tt.rows[r][c])}”")
        msg += f"；其中{_part(alone[0])}与该行相等，" + "，".join(said)
    return finding("statement.payment", "warning", msg, row.value, value, [_at(parts[0]), at_table(t, row.row, row.col)])


# ---------------------------------------------------------------- 用途 / 原因 copied from another line

_CLAUSES = (re.compile(r"主要用于[:：]?\s*(?P<c>[^。；;]+)"), re.compile(r"主要原因(?:是|为)?\s*[:：]?\s*(?P<c>[^。；;]+)"))
_ITEM_NO = re.compile(r"^\s*(\d{1,3})\s*[.、．]")


@dataclass
class _Item:
    """One 功能分类 line with the names it may print: its 款, its 项 and both together."""

    no: str  # 16, or the short name when the item is not numbered
    line: _Line
    kuan: str
    xiang: str

    @property
    def text(self) -> str:
        return next(iter(self.line.fields.values())).text


def _items(report: Report) -> list[_Item]:
    out = []
    for line in _lines(report):
        levels = {lvl: norm(n) for n, lvl in _LEVEL.findall(line.name)}
        if "项" not in levels or "款" not in levels:
            continue
        text = next(iter(line.fields.values())).text
        m = _ITEM_NO.match(text)
        out.append(_Item(m.group(1) if m else line.short(), line, levels["款"], levels["项"]))
    return out


def _names(item: _Item, xiang_count: dict[str, int], own: _Item) -> list[str]:
    """The names by which a clause may point at ``item``: its 项 when no other line shares it
    (``xiang_count``: how many lines have each 项), its 款 + 项, and (for another line than
    ``own``) its 款 of four characters or more when that is not ``own``'s 款."""
    shared = xiang_count[item.xiang] > 1
    names = [item.kuan + item.xiang] + ([] if shared else [item.xiang])
    if item is own:
        names.append(item.kuan)
    elif len(item.kuan) >= 4 and item.kuan != own.kuan:
        names.append(item.kuan)
    return names


def _named(clause: str, item: _Item, items: list[_Item]) -> tuple[_Item, str] | None:
    """The other line a clause names instead of its own, if any.

    Every occurrence of any line's name is found and the longest ones kept (``城乡社区管理事务
    一般行政管理事务`` swallows the 款 ``城乡社区管理事务`` inside it); a clause that keeps an
    occurrence of its own line's name says nothing wrong.
    """
    spans: list[tuple[int, int, _Item, str]] = []
    xiang_count = Counter(it.xiang for it in items)  # once per clause, not once per line tried
    for it in items:
        if it is not item and it.kuan == item.kuan and it.xiang == item.xiang:
            continue
        for name in _names(it, xiang_count, item):
            if name not in clause:
                continue  # most lines' names are not in the clause: no pattern to build
            for m in re.finditer(re.escape(name), clause):
                # another line's name counts as the clause's subject (``…经费增加``, ``主要用于…``), not
                # inside a longer noun (``人大立法研究所``) or a mention (``调入行政运行项``)
                if it is item or m.end() == len(clause) or clause.startswith(statement_words().name_ends, m.end()):
                    spans.append((m.start(), m.end(), it, name))
    kept: list[tuple[int, int, _Item, str]] = []
    for s in sorted(spans, key=lambda s: (s[0] - s[1], s[2] is not item)):
        if not any(s[0] < k[1] and k[0] < s[1] for k in kept):
            kept.append(s)
    if any(k[2] is item for k in kept):
        return None
    other = [k for k in kept if k[2] is not item]
    if not other:
        return None
    _, _, it, name = max(other, key=lambda k: k[1] - k[0])
    return it, name


@rule("statement.copied_text", "warning", "编制说明科目的用途或原因写成另一科目的名称")
def copied_text(report: Report, config: CheckConfig) -> list[Finding]:
    """A 功能分类 line whose 主要用于 / 主要原因 clause names another line's 项 (or 款) and not its
    own: text copied from that line. Each line of a 编制说明 says what its own 项 is for
    (``主要用于统计管理``, ``主要原因是：统计管理经费增加``); naming another line's 项 instead is
    the trace of a copy. A 项 name shared by several lines (一般行政管理事务) counts only with its
    款. A warning: the words may still be true. Clauses that are merely identical to the
    neighbour's (``主要原因是人员变动``) are not flagged: many lines share a reason legitimately.
    Real Putuo: item 16 职业年金缴费支出 gives item 14's reason ``事业单位离退休经费增加``; item 27
    城管执法 says ``主要用于城乡社区管理事务一般行政管理事务`` (item 26's name)."""
    items = _items(report)
    out: list[Finding] = []
    for item in items:
        said: list[str] = []
        hit: tuple[_Item, str] | None = None
        for pattern in _CLAUSES:
            for m in pattern.finditer(item.text):
                if (h := _named(norm(m.group("c")), item, items)) is not None:
                    said.append("“" + re.sub(r"\s+", "", m.group(0)) + "”")
                    hit = hit or h
        if hit is None:
            continue
        other, name = hit
        out.append(
            finding(
                "statement.copied_text", "warning",
                f"正文{on_page(item.line.page)}第 {item.no} 项“{item.line.short()}”称{'、'.join(said)}，"
                f"所写“{name}”是第 {other.no} 项“{other.line.short()}”{on_page(other.line.page) if other.line.page != item.line.page else ''}的名称，"
                f"未提本项“{item.xiang}”；疑从第 {other.no} 项误抄",
                None, None, [_at(next(iter(item.line.fields.values()))), _at(next(iter(other.line.fields.values())))],
            )
        )
    return out


# ---------------------------------------------------------------- 原因 against the direction

_REASON = re.compile(r"原因(?:主要)?(?:是|为|在于)?\s*[:：]?\s*(?P<c>.+)$", re.S)


def _directions_said(clause: str) -> set[str]:
    """Which ways (``increase``, ``decrease``) a reason clause speaks of: each word of
    ``reason_directions`` found, longest first and each span once, a negated word (``未增加``)
    left out; a word saying both ways (``增减相抵``) gives both."""
    words = reason_directions()
    if any(w in clause for w in words["both"]):
        return {"increase", "decrease"}
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    pairs = sorted(((w, d) for d in ("increase", "decrease") for w in words[d]), key=lambda wd: -len(wd[0]))
    for word, way in pairs:
        for m in re.finditer(re.escape(word), clause):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if not any(clause[: m.start()].endswith(n) for n in words["negations"]):
                found.add(way)
    return found


def _line_way(line: _Line) -> tuple[str, str] | None:
    """(way, how the line says it): the printed change's sign (``减少2.98%``), else this year's
    amount against last year's; None when equal or not printed."""
    ch = line.fields.get("比上年")
    now, last = line.fields.get("本年预算") or line.fields.get("金额"), line.fields.get("上年执行数")
    amounts = f"（{_said(last)} → {_said(now)}）" if now is not None and last is not None else ""
    if ch is not None and ch.value:
        return ("increase" if ch.value > 0 else "decrease"), f"比上年{_said(ch)}{amounts}"
    if now is None or last is None or now.value == last.value:
        return None
    way = "increase" if now.value > last.value else "decrease"
    return way, f"比上年{'增加' if way == 'increase' else '减少'}{amounts}"


@rule("statement.reason_direction", "warning", "编制说明科目所述原因与增减方向相反")
def reason_direction(report: Report, config: CheckConfig) -> list[Finding]:
    """A 功能分类 line that went down (``比2023年预算执行数减少2.98%``) whose 主要原因 clause speaks
    only of an increase (``宣传事务一般行政管理事务经费增加``), or the reverse: the reason was
    written for another line or another year. A clause naming both ways (``增减相抵``, one part up
    and one down) or neither is silent; a negated word (``未增加``) counts for neither. A warning:
    a reason may name a rise elsewhere that freed the money. Real 万里街道 2024 预算 p. 6, item 4:
    110.60 万元 against 114.00 万元 last year, `减少2.98%`, reason `…经费增加`. Silent on the
    other 160 reason clauses of the 27 real documents (Jiangsu 2018 人大 `增加了…；…减少了…` names both)."""
    out: list[Finding] = []
    for line in _lines(report):
        text = next(iter(line.fields.values())).text
        m = _REASON.search(text)
        if m is None or (way := _line_way(line)) is None:
            continue
        said = _directions_said(m.group("c"))
        direction, how = way
        if said != {"decrease" if direction == "increase" else "increase"}:
            continue
        last, now = line.fields.get("上年执行数"), line.fields.get("本年预算") or line.fields.get("金额")
        clause = re.sub(r"\s+", "", m.group(0)).rstrip("。")
        out.append(finding(
            "statement.reason_direction", "warning",
            f"正文{on_page(line.page)}“{line.short()}”{how}，"
            f"所述“{clause}”却只说{'减少' if direction == 'increase' else '增加'}：原因与增减方向相反，疑为他项或上年的原因",
            last.value if last is not None else None, now.value if now is not None else None,
            [_at(next(iter(line.fields.values())))],
        ))
    return out


# ---------------------------------------------------------------- one amount stated twice

def _whole_key(base: str) -> str | None:
    """The whole a stated part belongs to, for grouping: None for the department's own 收入/支出
    合计 (what an unqualified ``基本支出预算数为…`` means too), else the whole's name."""
    words = statement_words()
    b = words.name_tail.sub("", norm(base))
    return None if words.total_base.match(norm(base)) else b


def _stated_amounts(changes: list[dict[str, Claim]], shares: list) -> list[tuple[tuple[str, str | None], Claim]]:
    """((name, whole), claim) for each amount of this year a 编制说明 sentence states by name: the
    amount of ``X万元，比上年增加…`` (or of the sentence before it) and each part of ``支出预算合计…，
    其中：基本支出 a万元，占…``. The whole is the share's base in the same sentence (``商品和服务支出预算
    445372.24 元，占基本支出预算17.99%`` is 基本支出's, not 项目支出's ``商品和服务支出 426000 元，占项目
    支出预算 90.73%``), None for the department's totals."""
    share_base: dict[str, str] = {}
    out: list[tuple[tuple[str, str | None], Claim]] = []
    for base, _whole, parts in shares:
        for part, _ in parts:
            share_base.setdefault(part.text, base)
            out.append(((_stated_name(part), _whole_key(base)), part))
    for g in changes:
        amount = g.get("金额") or g["上句金额"]
        base = share_base.get(amount.text)
        out.append(((_stated_name(amount), _whole_key(base) if base else None), amount))
    words = statement_words()
    return [((words.name_tail.sub("", words.name_lead.sub("", norm(n))), w), c) for (n, w), c in out if c.value]


def _cell_of(report: Report, value: float) -> tuple[TableOut, int, int] | None:
    """The first table cell printing ``value`` (in 元; a table without a unit read in 万元)."""
    for t in report.tables:
        scale = _stated_scale(t) or WAN
        for r, row in enumerate(t.values):
            for c, v in enumerate(row):
                if v is not None and abs(v.value * scale - value) < 0.5:
                    return t, r, c
    return None


@rule("statement.restated", "error", "编制说明同一数额前后所印不一")
def restated(report: Report, config: CheckConfig) -> list[Finding]:
    """The same amount of this year stated twice in the 编制说明 with two figures: ``基本支出预算数为
    12323.46 万元`` in the paragraph on the totals and ``基本支出 12323.48 万元，占 68.48%`` in
    the one on spending (names equal once ``预算数`` / ``此外`` are dropped). Beyond both printed
    precisions → error for a department total (``patterns/data/statements.json``), else a warning;
    figures are compared only within one whole (商品和服务支出 of 基本支出 is not that of 项目支出). A
    table cell printing one of the figures is named, to say which is likely right. Real Jiangsu 2017 检察院 p. 19 (the tables: 12,323.48).
    Silent on the 26 other real documents, whose restated 基本支出, 项目支出, 单位预留机动经费 and
    一般公共预算收入 agree."""
    groups: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
    changes = _changes(report)
    for key, cl in _stated_amounts(changes, _shares(report)):
        if cl not in groups[key]:
            groups[key].append(cl)
    out: list[Finding] = []
    totals = restated_totals()
    order = {id(c): k for k, c in enumerate(report.claims)}
    for (name, whole), said in groups.items():
        said.sort(key=lambda c: order.get(id(c), 0))  # as printed, first statement first
        first = said[0]
        second = next((c for c in said[1:] if not _interval(c).meets(_interval(first))), None)
        if second is None:
            continue
        hits = [(cl, hit) for cl in (first, second) if (hit := _cell_of(report, cl.value)) is not None]
        right, wrong, where, at_cell = first, second, "", []
        if len(hits) == 1:  # one figure stands in a table too: name it, the other is the slip
            right, (t, r, c) = hits[0]
            wrong = second if right is first else first
            where = f"；{table_name(t)}{on_page(row_page(t, r))}印为 {_said(right)}，另一处疑误"
            at_cell = [at_table(t, r, c)]
        locs = [_at(first)] + ([_at(second)] if second.page != first.page else []) + at_cell
        out.append(finding(
            "statement.restated", "error" if whole is None and name in totals else "warning",
            f"正文{on_page(first.page)}称“{name}”为 {_said(first)}，{on_page(second.page) if second.page != first.page else '同页'}又称"
            f"{_said(second)}：同一数额前后不一（相差 {_wan(first, abs(first.value - second.value), max(_decimals(first) or 0, _decimals(second) or 0))}）{where}",
            right.value, wrong.value, locs,
        ))
    return out + _grant_changes(changes)


def _grant_changes(changes: list[dict[str, Claim]]) -> list[Finding]:
    """The 财政拨款 / 一般公共预算 statements of one amount (``一般公共预算收入预算 21940.96万元，比上年增加
    3959.28万元``, ``财政拨款收、支总预算 21940.96万元…增加 3958.98万元``) with two different changes.
    With no 政府性基金 or 国有资本经营 money the two names are one sum, so its change is one figure;
    a warning, since last year's 财政拨款 may have held a fund this year's has not. The department's
    总计 is not compared: last year's may have held 其他资金 (Jiangsu 2018 省委办公厅: 3,608.98
    against 3,756.18, both right). Real Jiangsu 2018 检察院: 3,959.28 (p. 23) against 3,958.98
    (pp. 25, 26, 28)."""
    by_amount: dict[float, list[dict[str, Claim]]] = defaultdict(list)
    for g in changes:
        amount = g.get("金额") or g["上句金额"]
        if any(w in _stated_name(amount) for w in statement_words().grant_names):
            by_amount[round(amount.value, 0)].append(g)
    out: list[Finding] = []
    for groups in by_amount.values():
        changes: list[list[Claim]] = []
        for g in groups:
            ch = g["增减额"]
            same = next((c for c in changes if _interval(c[0]).meets(_interval(ch))), None)
            (same.append(ch) if same is not None else changes.append([ch]))
        if len(changes) < 2:
            continue
        (a, *_), (b, *_) = changes[0], changes[1]
        amount = groups[0].get("金额") or groups[0]["上句金额"]

        def said(cs: list[Claim]) -> str:
            pages = "、".join(str(p) for p in dict.fromkeys(c.page for c in cs))
            return f"第 {pages} 页“{_stated_name(cs[0])}”比上年{_said(cs[0])}"

        out.append(finding(
            "statement.restated", "warning",
            f"正文{said(changes[0])}，{said(changes[1])}：同为本年 {_said(amount)} 的财政拨款（一般公共预算），"
            f"比上年的增减额却不一（相差 {_wan(a, abs(a.value - b.value), max(_decimals(a) or 0, _decimals(b) or 0))}）；"
            f"除非上年另有政府性基金等财政拨款，两处应相同",
            a.value, b.value, [Location(page=p) for p in dict.fromkeys(c.page for cs in changes for c in cs)],
        ))
    return out

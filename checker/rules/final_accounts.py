"""部门决算: the identities of its standard tables, and its 情况说明 against them.

A 部门决算 prints a fixed set of tables (收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入
支出决算总表, 一般公共预算财政拨款支出决算表, …基本支出决算表, 财政拨款“三公”经费支出决算表) and
a 说明 that restates their figures. ``patterns.table_roles`` has said what each table, column
and row is; ``patterns.juesuan`` has read the 说明 into ``决算.…`` claims. The rules here only
pair them:

- ``juesuan.identity_totals``: a 决算 总表's two 总计 are equal, and each side's 总计 = its 本年
  合计 + the rows between (结余分配, 年末结转和结余 / 使用非财政拨款结余, 年初结转和结余);
- ``juesuan.identity_basic``: 基本支出 = 人员经费 + 公用经费 (基本支出决算表 against the 基本支出
  column of the 一般公共预算 table, and in the 说明);
- ``juesuan.identity_sangong``: 三公 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费,
  and 公务用车 小计 = 购置费 + 运行费, for the 预算数 and the 决算数 columns;
- ``juesuan.statement_table``: each figure the 说明 states against the table cell it restates;
- ``juesuan.completion``: ``完成年初预算的 X%`` = 决算数 ÷ 年初预算;
- ``statement.words``: 大于 / 小于 / 等于 / 持平 against the 年初预算 and 支出决算 it compares.

Only 决算 tables (``TableOut.stage``) are read (a 部门预算's tables are the ``statement.*`` and
``sum.*`` rules'). A blank cell is "not printed", never a 0 that proves a slip; a table with
no figure at all is left to the rules that say a table is empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from checker import ledger
from checker.claims import printed_of
from checker.finding import at_table, finding, row_page, table_name
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tables import norm
from checker.tolerance import Interval, equal, explain, printed_interval, ratio, severity, total, verdict
from extractor.contract import Claim, ColumnRole, Finding, Location, Report, TableOut
from extractor.subjects import FUNCTION
from patterns.juesuan import sangong_column, sangong_columns, words
from patterns.lazyre import re
from patterns.lexicon import money_scale
from patterns.table_roles import bare_label

WAN = 1e4
_FINAL = "决算"  # TableOut.stage of a 决算 table
_UNIT_OF = {1.0: "元", 1e3: "千元", 1e4: "万元", 1e8: "亿元"}  # a table's scale named back


# ---------------------------------------------------------------- tables and cells


def _on(page: int | None) -> str:
    """``第N页`` of a 说明 figure, nothing where the page is unknown (a text or web page)."""
    return f"第{page}页" if page is not None else ""


def _final(t: TableOut) -> bool:
    return t.stage == _FINAL


def _tables(report: Report, identity: str) -> list[TableOut]:
    return [t for t in report.tables if t.identity == identity and _final(t) and t.parts]


@dataclass(frozen=True)
class Cell:
    """One printed money cell, its value in the table's unit and its scale to 元."""

    table: TableOut
    row: int
    col: int
    value: float
    decimals: int
    scale: float

    @property
    def yuan(self) -> float:
        return self.value * self.scale

    def interval(self) -> Interval:
        return printed_interval(self.yuan, self.decimals, None, self.scale, whole_exact=False)

    def text(self) -> str:
        return fmt(self.value, self.decimals)

    @property
    def unit(self) -> str:
        return _UNIT_OF.get(self.scale, "")

    def shown(self) -> str:
        """The figure with its unit (``2,995.39万元``)."""
        return self.text() + self.unit

    def at(self) -> Location:
        return at_table(self.table, self.row, self.col)

    @property
    def page(self) -> int | None:
        return row_page(self.table, self.row)


def _scale(t: TableOut, col: ColumnRole) -> float | None:
    return money_scale(col.unit or t.unit)


def _cell(t: TableOut, r: int | None, col: ColumnRole | None) -> Cell | None:
    if r is None or col is None:
        return None
    f = ledger.figure(t, r, col)
    if f is None:
        return None
    return Cell(t, r, f.col, f.value.value, f.value.decimals, _scale(t, col) or 1.0)


def _money(t: TableOut, k: int, *semantics: str) -> ColumnRole | None:
    """Part ``k``'s money column with the first of ``semantics`` found, else its first one."""
    cols = ledger.part_columns(t, k)
    for s in semantics:
        for c in cols:
            if c.semantic == s:
                return c
    return cols[0] if cols else None


def _row(t: TableOut, k: int, *kinds: str) -> int | None:
    """Part ``k``'s first row that totals any of ``kinds`` (``RowRole.total_of``: grand, year,
    whole, spending, or a named item such as 人员经费)."""
    for r, role in enumerate(t.parts[k].rows):
        if any(kind in role.total_of for kind in kinds):
            return r
    return None


def _side(t: TableOut, side: str) -> int | None:
    for k, p in enumerate(t.parts):
        if p.side == side:
            return k
    return None


def _has_figures(t: TableOut) -> bool:
    return any(ledger.figure(t, r, c) is not None for c in t.columns if c.role in ("amount", "empty") for r in range(t.header_rows or 0, len(t.rows)))


def _where(c: Cell, what: str) -> str:
    return f"{_on(c.page)}{table_name(c.table)}{what}"


# ---------------------------------------------------------------- juesuan.identity_totals


def _both_sides(t: TableOut) -> list[Finding]:
    k_in, k_out = _side(t, "收入"), _side(t, "支出")
    if k_in is None or k_out is None:
        return []
    a = _cell(t, _row(t, k_in, "grand"), _money(t, k_in, "合计", "决算数"))
    b = _cell(t, _row(t, k_out, "grand"), _money(t, k_out, "合计", "决算数"))
    if a is None or b is None or equal(a.value, b.value):
        return []
    d = max(a.decimals, b.decimals)
    msg = (
        f"{_where(a, '收入方“总计”')}为 {a.shown()}，{_on(b.page)}支出方“总计”为 {b.shown()}"
        f"（相差 {fmt(abs(a.value - b.value), d)}{a.unit}）；决算总表收支两方总计应相等"
    )
    return [finding("juesuan.identity_totals", "error", msg, a.yuan, b.yuan, [a.at(), b.at()])]


def _composition(t: TableOut, k: int) -> list[Finding]:
    """总计 = 本年…合计 + the rows printed between them (结余分配, 年末结转和结余 …)."""
    part = t.parts[k]
    col = _money(t, k, "合计", "决算数")
    r_total = _row(t, k, "grand")
    r_year = _row(t, k, "year")
    if col is None or r_total is None or r_year is None or r_year > r_total:
        return []
    tot = _cell(t, r_total, col)
    year = _cell(t, r_year, col)
    if tot is None or year is None:
        return []
    between = [r for r in range(r_year + 1, r_total) if part.rows[r].role == "detail"]
    cells = [year] + [c for r in between if (c := _cell(t, r, col)) is not None]
    first = t.header_rows or 0
    walk = ledger.top_level(part, ledger.covered(part, r_total, first, ledger.orientation(part, first)))
    if {c.row for c in cells} == {r for r in walk if _cell(t, r, col) is not None}:
        return []  # sum.rows adds up these very rows
    value = sum(c.value for c in cells)
    v = verdict(value, tot.value, tot.decimals, computed_interval=total([printed_interval(c.value, c.decimals, None, whole_exact=False) for c in cells]))
    sev = severity(v)
    if sev is None:
        return []
    why = ledger.doubtful(t, k) if sev == "error" else None
    if why:
        sev = "warning"
    terms = " + ".join(f"{bare_label(part.rows[c.row].label)} {c.text()}" for c in cells)
    d = max(c.decimals for c in [tot, *cells])
    side = f"{part.side}方" if part.side else ""
    msg = (
        f"{_where(tot, side + '“' + bare_label(part.rows[r_total].label) + '”')}印为 {tot.shown()}，而 {terms} = {fmt(value, d)}{tot.unit}"
        f"（差 {fmt(tot.value - value, d)}{tot.unit}）；{explain(v, tot.decimals)}{'；' + why if why else ''}"
    )
    return [finding("juesuan.identity_totals", sev, msg, value * tot.scale, tot.yuan, [tot.at(), year.at()])]


@rule("juesuan.identity_totals", "error", "决算总表收支总计不等，或总计与本年合计及结转结余不符")
def identity_totals(report: Report, config: CheckConfig) -> list[Finding]:
    out: list[Finding] = []
    for identity in ("收支总表", "财政拨款收支总表"):
        for t in _tables(report, identity):
            out += _both_sides(t)
            for k in range(len(t.parts)):
                out += _composition(t, k)
    return out


# ---------------------------------------------------------------- juesuan.identity_basic


def _scope(t: TableOut) -> str | None:
    """The fund the table is of (``TableOut.fund``: 一般公共预算, 财政拨款 …), None for every source."""
    return t.fund


def _labelled_total(t: TableOut, word: str) -> Cell | None:
    """The figure of the row that totals the named item ``word`` in any part (人员经费合计, 公用经费合计)."""
    for k in range(len(t.parts)):
        r = _row(t, k, word)
        if r is not None and (c := _cell(t, r, _money(t, k, "决算数", "合计"))) is not None:
            return c
    return None


def _own_total(t: TableOut) -> Cell | None:
    """A 基本支出 table's own 合计 row (the national template prints one; Shanghai's does not)."""
    for k in range(len(t.parts)):
        r = _row(t, k, "whole")
        if r is not None and (c := _cell(t, r, _money(t, k, "决算数", "合计"))) is not None:
            return c
    return None


def _function_total(report: Report, scope: str | None, semantic: str) -> Cell | None:
    """The 合计 row of the 决算 一般公共预算 table of ``scope``, in its ``semantic`` column."""
    for t in _tables(report, "一般公共预算支出功能分类表"):
        if scope is None or _scope(t) != scope:
            continue
        for k in range(len(t.parts)):
            r = _row(t, k, "whole", "spending")
            col = next((c for c in ledger.part_columns(t, k) if c.semantic == semantic), None)
            if (c := _cell(t, r, col)) is not None:
                return c
    return None


def _sum_finding(rule_id: str, whole: Cell, parts: list[Cell], names: list[str], what: str, severity_cap: str | None = None) -> Finding | None:
    value = sum(c.yuan for c in parts)
    iv = total([c.interval() for c in parts])
    v = verdict(value / whole.scale, whole.value, whole.decimals, computed_interval=Interval(iv.lo / whole.scale, iv.hi / whole.scale))
    sev = severity(v)
    if sev is None:
        return None
    if sev == "error" and severity_cap:
        sev = severity_cap
    d = max(c.decimals for c in [whole, *parts])
    terms = " + ".join(f"{_on(c.page)}{n} {c.shown()}" for c, n in zip(parts, names, strict=True))
    msg = (
        f"{what}为 {whole.shown()}，而 {terms} = {fmt(value / whole.scale, d)}{whole.unit}"
        f"（差 {fmt(whole.value - value / whole.scale, d)}{whole.unit}）；{explain(v, whole.decimals)}"
    )
    return finding(rule_id, sev, msg, value, whole.yuan, [whole.at(), *(c.at() for c in parts)])


@rule("juesuan.identity_basic", "error", "基本支出与人员经费、公用经费之和不符")
def identity_basic(report: Report, config: CheckConfig) -> list[Finding]:
    out: list[Finding] = []
    for t in _tables(report, "基本支出经济分类表"):
        people, public = _labelled_total(t, "人员经费"), _labelled_total(t, "公用经费")
        if people is None or public is None:
            continue
        own = _labelled_total(t, "基本支出") or _own_total(t)
        whole = own or _function_total(report, _scope(t), "基本支出")
        if whole is None:
            continue
        what = _where(whole, "“合计”" if own else "“合计”行基本支出")
        f = _sum_finding("juesuan.identity_basic", whole, [people, public], ["人员经费合计", "公用经费合计"], what)
        if f is not None:
            out.append(f)
    out += _basic_in_prose(report)
    return out


def _basic_in_prose(report: Report) -> list[Finding]:
    """The 说明's 基本支出 against its own 人员经费 + 公用经费."""
    out: list[Finding] = []
    for whole in _claims(report, ["基本支出"], "金额"):
        parts = [c for c in _claims(report, ["基本支出", "人员经费"], "金额") + _claims(report, ["基本支出", "公用经费"], "金额")
                 if c.text == whole.text]
        if len(parts) != 2:
            continue
        value = sum(c.value for c in parts)
        iv = total([_interval(c) for c in parts])
        w = _interval(whole)
        if equal(value, whole.value) or iv.meets(w):
            continue
        msg = (
            f"{_on(whole.page)}说明称一般公共预算财政拨款基本支出 {whole.value_text}，其中人员经费 {parts[0].value_text}、"
            f"公用经费 {parts[1].value_text}，两者之和为 {fmt(value / WAN, 2)}万元（差 {fmt((whole.value - value) / WAN, 2)}万元）"
        )
        out.append(finding("juesuan.identity_basic", "error", msg, value, whole.value, [Location(page=whole.page)]))
    return out


# ---------------------------------------------------------------- juesuan.identity_sangong


def _sangong_columns(t: TableOut) -> dict[str, dict[str, ColumnRole]]:
    """measure (预算数 / 决算数) → kind → column."""
    out: dict[str, dict[str, ColumnRole]] = defaultdict(dict)
    for c in t.columns:
        if (read := sangong_column(c.header)) is not None:
            measure, kind = read
            out[measure].setdefault(kind, c)
    return out


def _sangong_check(t: TableOut, r: int, measure: str, cols: dict[str, ColumnRole], whole: str, kinds: list[str]) -> Finding | None:
    tot = _cell(t, r, cols.get(whole))
    if tot is None or any(k not in cols for k in kinds):
        return None
    parts = [_cell(t, r, cols[k]) for k in kinds]
    printed = [c for c in parts if c is not None]
    if not printed:
        return None
    value = sum(c.value for c in printed)
    iv = total([printed_interval(c.value, c.decimals, None, whole_exact=False) for c in printed])
    v = verdict(value, tot.value, tot.decimals, computed_interval=iv)
    sev = severity(v)
    if sev is None:
        return None
    blank = [sangong_columns().names[k] for k, c in zip(kinds, parts, strict=True) if c is None]
    note = f"；{'、'.join(blank)}未填，按 0 计，或为漏填" if blank else ""
    if sev == "error" and blank:
        sev = "warning"
    d = max(c.decimals for c in [tot, *printed])
    terms = " + ".join(f"{sangong_columns().names[k]} {c.text() if c else '（空）'}" for k, c in zip(kinds, parts, strict=True))
    msg = (
        f"{_where(tot, '')}{measure}：“{sangong_columns().names[whole]}”印为 {tot.shown()}，而 {terms} = {fmt(value, d)}{tot.unit}"
        f"（差 {fmt(tot.value - value, d)}{tot.unit}）；{explain(v, tot.decimals)}{note}"
    )
    return finding("juesuan.identity_sangong", sev, msg, value * tot.scale, tot.yuan, [tot.at(), *(c.at() for c in printed)])


@rule("juesuan.identity_sangong", "error", "三公经费合计与各项之和不符")
def identity_sangong(report: Report, config: CheckConfig) -> list[Finding]:
    out: list[Finding] = []
    for t in _tables(report, "三公经费表"):
        by_measure = _sangong_columns(t)
        for r in range(t.header_rows or 0, len(t.rows)):
            if t.parts[0].rows[r].role in ("header", "repeated_header", "blank", "note"):
                continue
            for measure, cols in sorted(by_measure.items()):
                car = ["car"] if "car" in cols else ["car_buy", "car_run"]
                extra = [k for k in ("meeting", "training") if k in cols]
                for whole, kinds in (("total", ["abroad", *car, "reception"]), ("car", ["car_buy", "car_run"])):
                    f = _sangong_check(t, r, measure, cols, whole, kinds)
                    # a 三公经费及会议费、培训费 table may total all five: either reading that adds up is enough
                    if f is not None and whole == "total" and extra and _sangong_check(t, r, measure, cols, whole, kinds + extra) is None:
                        continue
                    if f is not None:
                        out.append(f)
    return out


# ---------------------------------------------------------------- the 说明 against the tables


def _claims(report: Report, path: list[str], field: str) -> list[Claim]:
    """The 说明's figures of one item (``[基本支出, 人员经费]``) and field (金额, 决算数 …)."""
    return [c for c in report.claims if c.kind == "final_accounts" and c.path == path and c.field == field and c.value is not None]


def _interval(cl: Claim) -> Interval:
    pr, scale = printed_of(cl)
    return printed_interval(cl.value or 0.0, pr.decimals if pr else None, None, scale)


def _said(cl: Claim) -> str:
    return cl.value_text or fmt(cl.value)


@dataclass(frozen=True)
class Target:
    """Where a 说明 figure should be found: printed cells (summed), a name for messages."""

    cells: tuple[Cell, ...]
    what: str  # 收入支出决算总表“总计”
    blank: bool = False  # the cell exists but is not printed


def _sum_rows(t: TableOut, k: int, name: str, col: ColumnRole | None) -> Target | None:
    """Rows of part ``k`` named ``name`` (or ending with it: 财政拨款收入 sums the three funds)."""
    rows = [r for r, role in enumerate(t.parts[k].rows) if role.role in ("detail", "total", "subtotal") and bare_label(role.label) == name]
    if not rows:
        rows = [r for r, role in enumerate(t.parts[k].rows) if role.role == "detail" and bare_label(role.label).endswith(name)]
    if not rows or col is None:
        return None
    cells = tuple(c for r in rows if (c := _cell(t, r, col)) is not None)
    label = "、".join(f"“{bare_label(t.parts[k].rows[r].label)}”" for r in rows)
    return Target(cells, f"{table_name(t)}{label}", blank=not cells)


def _total_target(report: Report, identity: str, kind: str, side: str | None, word: str) -> Target | None:
    for t in _tables(report, identity):
        ks = [k for k in range(len(t.parts)) if side is None or t.parts[k].side == side] or list(range(len(t.parts)))
        for k in ks:
            r = _row(t, k, kind)
            if r is None:
                continue
            col = _money(t, k, "合计", "决算数")
            c = _cell(t, r, col)
            return Target((c,) if c else (), f"{table_name(t)}“{word or bare_label(t.parts[k].rows[r].label)}”", blank=c is None)
    return None


def _function_row(t: TableOut, names: list[str]) -> int | None:
    """The row of a 类 → 款 → 项 path of names, following the codes' parents."""
    part = t.parts[0]
    parent: int | None = None
    found: int | None = None
    for depth, name in enumerate(names):
        want = norm(name)
        found = next(
            (r for r, role in enumerate(part.rows) if role.role == "detail" and bare_label(role.label) == want
             and (role.parent == parent if depth else (role.code is None or len(role.code) == 3))),
            None,
        )
        if found is None:
            return None
        parent = found
    return found


def _item_target(report: Report, path: str) -> Target | None:
    names = re.findall(r"([^()]+)\((?:类|款|项)\)", path)
    if not names:
        return None
    for t in _tables(report, "一般公共预算支出功能分类表"):
        r = _function_row(t, names)
        col = _money(t, 0, "合计", "决算数")
        if r is not None and col is not None:
            c = _cell(t, r, col)
            return Target((c,) if c else (), f"{table_name(t)}“{names[-1]}”行合计", blank=c is None)
    return None


def _sangong_target(report: Report, measure: str, kind: str) -> Target | None:
    for t in _tables(report, "三公经费表"):
        if not _has_figures(t):
            continue  # an empty table is the table rules' to report
        col = _sangong_columns(t).get(measure, {}).get(kind)
        if col is None:
            continue
        for r in range(t.header_rows or 0, len(t.rows)):
            if t.parts[0].rows[r].role in ("header", "repeated_header", "blank", "note"):
                continue
            c = _cell(t, r, col)
            return Target((c,) if c else (), f"{table_name(t)}“{sangong_columns().names[kind]}”{measure}", blank=c is None)
    return None




def _target(report: Report, path: list[str], field: str | None) -> Target | None:
    """The table cell(s) a 说明 figure (``Claim.path``, ``Claim.field``) restates."""
    head, sub = path[0] if path else "", path[1] if len(path) == 2 else None
    if head == FUNCTION and sub is not None:
        return _item_target(report, sub) if field in ("金额", "决算数") else None
    if path == ["三公"]:
        return _sangong_target(report, "预算数" if field == "年初预算" else "决算数", "total") if field in ("年初预算", "决算数") else None
    if head == "三公":
        kind = sangong_columns().claim_kinds.get(sub or "")
        return _sangong_target(report, "决算数", kind) if kind and field == "决算数" else None
    if field not in ("金额", "决算数"):
        return None
    key = head if len(path) == 1 else None
    if key == "收入支出总计":
        return _total_target(report, "收支总表", "grand", "收入", "总计")
    if key == "财政拨款收入支出总计":
        return _total_target(report, "财政拨款收支总表", "grand", "收入", "总计")
    if key == "本年收入合计":
        return _total_target(report, "收支总表", "year", "收入", "")
    if key == "本年支出合计":
        return _total_target(report, "收支总表", "year", "支出", "")
    if head == "本年收入合计" and sub is not None:
        for t in _tables(report, "收支总表"):
            k = _side(t, "收入")
            if k is not None:
                return _sum_rows(t, k, sub, _money(t, k, "合计", "决算数"))
        return None
    if head == "本年支出合计" and sub is not None:
        name = sub
        for t in _tables(report, "支出总表"):
            for k in range(len(t.parts)):
                r = _row(t, k, "whole", "spending")
                col = next((c for c in ledger.part_columns(t, k) if c.semantic == name), None)
                if r is not None and col is not None:
                    c = _cell(t, r, col)
                    return Target((c,) if c else (), f"{table_name(t)}“合计”行{name}", blank=c is None)
        return None
    if key == "一般公共预算财政拨款支出":
        c = _function_total(report, "一般公共预算", "合计")
        return Target((c,), f"{table_name(c.table)}“合计”") if c else None
    if key == "基本支出":
        c = _function_total(report, "一般公共预算", "基本支出")
        return Target((c,), f"{table_name(c.table)}“合计”行基本支出") if c else None
    if head == "基本支出" and sub in ("人员经费", "公用经费"):
        word = sub
        for t in _tables(report, "基本支出经济分类表"):
            if _scope(t) == "一般公共预算" and (c := _labelled_total(t, word)) is not None:
                return Target((c,), f"{table_name(t)}“{word}合计”")
        return None
    return None


def _full(name: str) -> str:
    """A 科目 path as printed: ``行政运行(项)`` → ``行政运行（项）``."""
    return name.replace("(", "（").replace(")", "）")


def _statement_name(path: list[str], field: str | None) -> str:
    if path[0] == FUNCTION:
        return f"“{_full(path[1])}”{'支出决算' if field == '决算数' else ''}"
    if path[0] == "三公":
        part = _full(path[1]) if len(path) > 1 else "“三公”经费"
        return f"{part}{'年初预算' if field == '年初预算' else '支出决算'}"
    leaf = path[-1]
    return leaf + ("支出决算" if field == "决算数" else "")


@rule("juesuan.statement_table", "error", "决算说明所述数字与决算表不符")
def statement_table(report: Report, config: CheckConfig) -> list[Finding]:
    """Each 说明 figure against the cell it restates; a 说明 is rounded, so only a figure
    outside both printed intervals is reported (an error: the pairing is by the table's
    own row and column names)."""
    out: list[Finding] = []
    seen: set[tuple] = set()
    for cl in report.claims:
        if cl.kind != "final_accounts" or not cl.path or cl.value is None or cl.unit != "元":
            continue
        target = _target(report, cl.path, cl.field)
        if target is None:
            continue
        name = _statement_name(cl.path, cl.field)
        if target.blank:
            if cl.value and (cl.subject, cl.value) not in seen:
                seen.add((cl.subject, cl.value))
                msg = f"{_on(cl.page)}说明称{name}{_said(cl)}，而{target.what}未填金额（空白不等于 0，或为漏填）"
                out.append(finding("juesuan.statement_table", "warning", msg, None, cl.value, [Location(page=cl.page)]))
            continue
        if not target.cells:
            continue
        value = sum(c.yuan for c in target.cells)
        iv = total([c.interval() for c in target.cells])
        if equal(value, cl.value) or iv.meets(_interval(cl)):
            continue
        key_seen = (cl.subject, cl.value, cl.page)
        if key_seen in seen:
            continue
        seen.add(key_seen)
        first = target.cells[0]
        shown = first.shown() if len(target.cells) == 1 else " + ".join(c.shown() for c in target.cells) + f" = {fmt(value / first.scale, first.decimals)}{first.unit}"
        diff = abs(cl.value - value) / WAN
        msg = (
            f"{_on(cl.page)}说明称{name}{_said(cl)}，{_on(first.page)}{target.what}为{shown}"
            f"（相差 {fmt(diff, 2)}万元）"
        )
        out.append(finding("juesuan.statement_table", "error", msg, value, cl.value, [Location(page=cl.page), *(c.at() for c in target.cells)]))
    return out


# ---------------------------------------------------------------- 完成年初预算的 X% and the words


def _budget_groups(report: Report) -> dict[tuple[tuple[str, ...], str], dict[str, Claim]]:
    """(base path, paragraph text) → field → claim, for the 年初预算 / 决算数 / 完成率 / 比较
    claims of a whole (一般公共预算, 三公) or of one 科目, not of a part (三公>出国)."""
    out: dict[tuple[tuple[str, ...], str], dict[str, Claim]] = defaultdict(dict)
    for cl in report.claims:
        if cl.kind != "final_accounts" or not cl.path:
            continue
        if cl.field in ("年初预算", "决算数", "完成率", "比较") and (len(cl.path) == 1 or cl.path[0] in (FUNCTION, "三公")):
            out[(tuple(cl.path), cl.text)].setdefault(cl.field, cl)
    return out


def _base_name(base: tuple[str, ...], text: str = "") -> str:
    if base[0] == FUNCTION:
        m = re.match(r"(\d{1,2})[、.．]", text)
        return f"{'第' + m.group(1) + '项' if m else ''}“{_full(base[1])}”"
    if base == ("三公",):
        return "“三公”经费财政拨款支出"
    if base[0] == "三公":
        return f"“{base[-1]}”"  # a part's own sentence: ``1.公务接待费预算为1万元，支出决算为0.53万元…``
    return base[0]


@rule("juesuan.completion", "error", "决算说明所述预算完成率与决算数÷年初预算不符")
def completion(report: Report, config: CheckConfig) -> list[Finding]:
    out: list[Finding] = []
    for (base, text), g in _budget_groups(report).items():
        rate, budget, spent = g.get("完成率"), g.get("年初预算"), g.get("决算数")
        if rate is None or budget is None or spent is None or rate.value is None:
            continue
        where = f"{_on(rate.page)}说明{_base_name(base, text)}"
        if not budget.value:
            if spent.value or rate.value:
                msg = f"{where}年初预算为 {_said(budget)}，完成率无从计算（不能除以 0），文中却印为完成年初预算的{rate.value_text}"
                out.append(finding("juesuan.completion", "warning", msg, None, rate.value, [Location(page=rate.page)]))
            continue
        computed = spent.value / budget.value * 100
        said = "年初预算" if "年初预算" in (budget.text or "") else "预算"  # ``支出预算为3万元``: the word printed
        pr, _ = printed_of(rate)
        dec = pr.decimals if pr else None
        v = verdict(computed, rate.value, dec, computed_interval=ratio(_interval(spent), _interval(budget)))
        if v == "exact" or (v == "rounding" and dec is not None and round(computed, dec) == round(rate.value, dec)):
            continue
        sev = severity(v)
        msg = (
            f"{where}支出决算 {_said(spent)} ÷ {said} {_said(budget)} = {fmt(computed, 4)}%，"
            f"文中印为完成{said}的{rate.value_text}；{explain(v, dec, '%')}"
        )
        out.append(finding("juesuan.completion", sev, msg, computed, rate.value, [Location(page=rate.page)]))
    return out


_SAYS = {"more": "大于", "less": "小于", "equal": "等于"}


@rule("statement.words", "error", "说明的比较用词与其所比两数相反")
def statement_words(report: Report, config: CheckConfig) -> list[Finding]:
    """大于 / 小于 / 等于 / 持平 between a 决算数 and its 年初预算, against the two amounts printed.

    The amounts are compared as printed (both are the 说明's own figures): 大于 needs the
    决算数 above the 年初预算, 小于 below, 等于 equal → else an error; 持平 with two
    different amounts, and 基本持平 more than 5 % apart, are warnings (a judgement word).
    """
    out: list[Finding] = []
    kinds = words().kinds
    for (base, text), g in _budget_groups(report).items():
        said, budget, spent = g.get("比较"), g.get("年初预算"), g.get("决算数")
        if said is None or budget is None or spent is None or budget.value is None or spent.value is None:
            continue
        word = said.value_text or ""
        kind = kinds.get(word)
        b, s = budget.value, spent.value
        actual = "大于" if s > b and not equal(s, b) else "小于" if s < b and not equal(s, b) else "等于"
        sev = None
        if kind in _SAYS and _SAYS[kind] != actual:
            sev = "error"
        elif kind == "flat" and not equal(s, b) and (word != "基本持平" or abs(s - b) > 0.05 * abs(b)):
            sev = "warning"
        if sev is None:
            continue
        gap = f"（{'多' if s > b else '少'} {fmt(abs(s - b) / WAN, 2)}万元）" if actual != "等于" else ""
        msg = (
            f"{_on(said.page)}说明{_base_name(base, text)}年初预算 {_said(budget)}、支出决算 {_said(spent)}，"
            f"决算数{actual}预算数{gap}，文中却称“决算数{'与预算数' if kind == 'flat' else ''}{word}{'' if kind == 'flat' else '预算数'}”"
        )
        locations = [Location(page=said.page)]
        if spent.page != said.page:
            locations.append(Location(page=spent.page))
        if base[0] == FUNCTION and (t := _item_target(report, base[1])) and t.cells:
            locations.append(t.cells[0].at())
        out.append(finding("statement.words", sev, msg, b, s, locations))
    return out

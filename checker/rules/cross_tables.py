"""Standard tables that print the same figure per 功能分类 类, against each other.

The 收支总表's 支出 side lists 本年支出 by 类 (``八、社会保障和就业支出 326.71``); the
支出总表 prints the same 类 with its code (``208 社会保障和就业支出 326.72``); the 财政拨款
收支总表's 一般公共预算 column and the 一般公共预算支出功能分类表 do the same for general
budget money. Which tables pair, on which side and column, is data
(``cross_tables`` in ``patterns/data/tables.json``), read from the national 决算 template
and the Shanghai 预算 sets. A difference of one unit in the last printed digit is the
尾数调整 departments make so that each table adds up (``rounding``); beyond that the same
quantity is printed with two values (``error``).
"""

from __future__ import annotations

from checker import ledger
from checker.finding import at_table, finding, on_page, row_page, table_name
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from extractor.contract import ColumnRole, Finding, Report, TableOut
from patterns.lazyre import re
from patterns.lexicon import money_scale
from patterns.table_roles import norm, vocabulary

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _class_name(label: str) -> str:
    return _NUMBERING.sub("", norm(label))


def _column(table: TableOut, k: int, words: str | None, semantic: str | None = None) -> ColumnRole | None:
    cols = ledger.part_columns(table, k)
    if semantic:
        return next((c for c in cols if c.semantic == semantic), cols[0] if len(cols) == 1 else None)
    if words:
        return next((c for c in cols if words in norm(c.header)), None)
    return cols[0] if cols else None


def _side_rows(table: TableOut, side: str, words: str | None) -> tuple[ColumnRole, dict[str, ledger.Figure]] | None:
    """类 name → figure on the named side of a two-sided total table."""
    k = next((i for i, p in enumerate(table.parts) if p.side == side), None)
    if k is None or len(table.parts) < 2 or (col := _column(table, k, words)) is None:
        return None
    rows = {}
    for r, role in enumerate(table.parts[k].rows):
        if role.role == "detail" and role.label and (f := ledger.figure(table, r, col)) is not None:
            rows.setdefault(_class_name(role.label), f)
    return col, rows


def _class_rows(table: TableOut, semantic: str) -> tuple[ColumnRole, dict[str, tuple[str, ledger.Figure]]] | None:
    """类 name → (code, figure) of the 类 rows (three-digit codes) of a 功能分类 table."""
    if not table.parts or (col := _column(table, 0, None, semantic)) is None:
        return None
    rows = {}
    for r, role in enumerate(table.parts[0].rows):
        if role.code and len(role.code) == 3 and role.label and (f := ledger.figure(table, r, col)) is not None:
            rows.setdefault(_class_name(role.label), (role.code, f))
    return col, rows


def _pair(left: TableOut, right: TableOut, spec: dict) -> list[Finding]:
    a = _side_rows(left, spec["side"], spec.get("left_column"))
    b = _class_rows(right, spec["right_column"])
    if a is None or b is None:
        return []
    (lcol, lrows), (rcol, rrows) = a, b
    lk, rk = money_scale(lcol.unit), money_scale(rcol.unit)
    if lk is None or rk is None:
        return []  # a figure without its unit is not compared across tables
    out: list[Finding] = []
    for name, lf in lrows.items():
        if name not in rrows:
            continue
        code, rf = rrows[name]
        lv, rv = lf.value.value * lk, rf.value.value * rk
        if abs(lv - rv) < 1e-6:
            continue
        last = max(10 ** -lf.value.decimals * lk, 10 ** -rf.value.decimals * rk)
        tail = abs(lv - rv) <= last * (1 + 1e-9)
        unit = lcol.unit
        msg = (
            f"{table_name(left)}{on_page(row_page(left, lf.row))}{spec['side']}方“{name}”印为 "
            f"{fmt(lf.value.value, lf.value.decimals)} {unit}，{table_name(right)}{on_page(row_page(right, rf.row))}"
            f"类 {code}“{name}”“{rcol.header.rsplit('/', 1)[-1]}”为 {fmt(rv / lk, lf.value.decimals)} {unit}"
            f"（差 {fmt((lv - rv) / lk, lf.value.decimals)}）；"
            + ("末位相差一个单位，属尾数调整" if tail else "同一数字两表不一")
        )
        out.append(
            finding(
                "tables.cross",
                "rounding" if tail else "error",
                msg,
                rv / lk,
                lf.value.value,
                [at_table(left, lf.row, lf.col), at_table(right, rf.row, rf.col)],
            )
        )
    return out


@rule("tables.cross", "error", "两张标准表所列同一类科目金额不一致")
def cross_tables(report: Report, config: CheckConfig) -> list[Finding]:
    """Each pair of ``cross_tables`` in tables.json, 类 by 类, in 元."""
    out: list[Finding] = []
    for spec in vocabulary()["cross_tables"]["pairs"]:
        lefts = [t for t in report.tables if t.identity == spec["left"] and ledger.is_ledger(t)]
        rights = [t for t in report.tables if t.identity == spec["right"] and ledger.is_ledger(t)]
        if len(lefts) != 1 or len(rights) != 1:
            continue  # two candidates: which pairs with which is a guess
        out.extend(_pair(lefts[0], rights[0], spec))
    return out

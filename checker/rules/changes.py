"""A table's own 增减 columns against its two years' columns.

Budget tables of 贵州, 北京, 河南 … print ``2024年预算数 | 2025年预算数 | 增减额 | 增减%`` beside
each 科目 (贵州 德江 2025 一般公共预算支出表 and 三公表). The change column must be the later year
less the earlier, the rate that change over the earlier year. Which columns are the two years
is read from their headers (a printed year, else 上年/本年), so a mismatch is a warning: the
reading could be wrong. Only rows that print both years are judged (a blank is not zero).
"""

from __future__ import annotations

import re

from checker import ledger
from checker.finding import at_table, finding, table_name
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tolerance import Interval, around, explain, ratio, verdict
from extractor.contract import ColumnRole, Finding, Report, TableOut
from patterns.table_roles import vocabulary

_YEAR = re.compile(r"(20\d\d)年")
_ROWS = ("detail", "total", "subtotal", "part_of")


def _words() -> dict:
    return vocabulary()["change_columns"]


def _year(header: str) -> int | None:
    """The year a column's header names: a printed 20xx年, else 上年 (0) / 本年 (1)."""
    m = _YEAR.search(header)
    if m:
        return int(m.group(1))
    w = _words()
    if any(x in header for x in w["earlier"]):
        return 0
    if any(x in header for x in w["later"]):
        return 1
    return None


def _is_change(header: str) -> bool:
    return any(w in header for w in _words()["change"])


def _is_rate(col: ColumnRole) -> bool:
    return col.role == "percent" or any(w in col.header.rsplit("/", 1)[-1] for w in _words()["rate"])


def _year_column(cols: list[ColumnRole], year: int) -> ColumnRole | None:
    """The one column of ``year``: alone, or the 合计/小计 among the year's columns."""
    mine = [c for c in cols if _year(c.header) == year]
    if len(mine) == 1:
        return mine[0]
    totals = [c for c in mine if c.semantic == "合计"]
    return totals[0] if len(totals) == 1 else None


def _blocks(table: TableOut, k: int) -> tuple[ColumnRole, ColumnRole, ColumnRole | None, ColumnRole | None] | None:
    """(earlier, later, change amount, change rate) columns of part ``k``, when the headers say so."""
    cols = ledger.part_columns(table, k, ("amount", "percent"))
    change = [c for c in cols if _is_change(c.header)]
    plain = [c for c in cols if c not in change]
    years = sorted({y for c in plain if (y := _year(c.header)) is not None})
    if len(years) != 2 or not change:
        return None
    earlier, later = _year_column(plain, years[0]), _year_column(plain, years[1])
    amounts = [c for c in change if not _is_rate(c)]
    rates = [c for c in change if _is_rate(c)]
    if earlier is None or later is None or len(amounts) > 1 or len(rates) > 1 or not (amounts or rates):
        return None
    return earlier, later, amounts[0] if amounts else None, rates[0] if rates else None


def _leaf(col: ColumnRole) -> str:
    return col.header.rsplit("/", 1)[-1]


@rule("table.change", "warning", "表内增减额或增减幅度与两年数不符")
def table_change(report: Report, config: CheckConfig) -> list[Finding]:
    """Per row: 增减额 = later − earlier, 增减% = (later − earlier) ÷ earlier × 100, within printing."""
    out: list[Finding] = []
    for table in report.tables:
        if not ledger.is_ledger(table):
            continue
        for k, part in enumerate(table.parts):
            block = _blocks(table, k)
            if block is None:
                continue
            earlier, later, amount, rate = block
            for r, role in enumerate(part.rows):
                if role.role not in _ROWS:
                    continue
                a, b = ledger.figure(table, r, earlier), ledger.figure(table, r, later)
                if a is None or b is None:
                    continue
                name = role.label or f"第 {r} 行"
                span = around(b.value.value, b.value.decimals) + Interval(-around(a.value.value, a.value.decimals).hi, -around(a.value.value, a.value.decimals).lo)
                diff = b.value.value - a.value.value
                said = ledger.figure(table, r, amount) if amount else None
                if said is not None and verdict(diff, said.value.value, said.value.decimals, computed_interval=span) == "error":
                    out.append(finding(
                        "table.change", "warning",
                        f"{table_name(table)}“{name}”行“{_leaf(later)}”{fmt(b.value.value, b.value.decimals)} 减“{_leaf(earlier)}”"
                        f"{fmt(a.value.value, a.value.decimals)} 为 {fmt(diff, max(a.value.decimals or 0, b.value.decimals or 0))}，而“{_leaf(amount)}”列印为 "
                        f"{fmt(said.value.value, said.value.decimals)}；{explain('error', said.value.decimals)}",
                        diff, said.value.value, [at_table(table, r, said.col)]))
                pct = ledger.figure(table, r, rate) if rate else None
                if pct is None or a.value.value == 0:
                    continue
                want = diff / a.value.value * 100
                iv = ratio(span, around(a.value.value, a.value.decimals))
                if verdict(want, pct.value.value, pct.value.decimals, computed_interval=iv) == "error":
                    out.append(finding(
                        "table.change", "warning",
                        f"{table_name(table)}“{name}”行 ({fmt(b.value.value, b.value.decimals)} − {fmt(a.value.value, a.value.decimals)}) ÷ "
                        f"{fmt(a.value.value, a.value.decimals)} = {fmt(want, (pct.value.decimals or 0) + 1)}%，而“{_leaf(rate)}”列印为 "
                        f"{fmt(pct.value.value, pct.value.decimals)}%；{explain('error', pct.value.decimals)}",
                        want, pct.value.value, [at_table(table, r, pct.col)]))
    return out

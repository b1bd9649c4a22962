"""A table's own 增减 columns against its two years' columns.

Budget tables of 贵州, 北京, 河南 … print ``2024年预算数 | 2025年预算数 | 增减额 | 增减%`` beside
each 科目 (贵州 德江 2025 一般公共预算支出表 and 三公表). The change column must be the later year
less the earlier, the rate that change over the earlier year. Which columns are the two years
is read from their headers by ``patterns.table_roles.change_columns`` (a printed year, else
上年/本年), so a mismatch is a warning: the reading could be wrong. Only rows that print both years are judged (a blank is not zero).
"""

from __future__ import annotations

from checker import ledger
from checker.finding import at_table, finding, table_name
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tolerance import around, explain, ratio, verdict
from extractor.contract import ColumnRole, Finding, Report
from patterns.table_roles import change_columns

_ROWS = ("detail", "total", "subtotal", "part_of")


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
            block = change_columns(table, k)
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
                iv_a = around(a.value.value, a.value.decimals)
                span = around(b.value.value, b.value.decimals) - iv_a
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
                iv = ratio(span, iv_a)
                if verdict(want, pct.value.value, pct.value.decimals, computed_interval=iv) == "error":
                    out.append(finding(
                        "table.change", "warning",
                        f"{table_name(table)}“{name}”行 ({fmt(b.value.value, b.value.decimals)} − {fmt(a.value.value, a.value.decimals)}) ÷ "
                        f"{fmt(a.value.value, a.value.decimals)} = {fmt(want, (pct.value.decimals or 0) + 1)}%，而“{_leaf(rate)}”列印为 "
                        f"{fmt(pct.value.value, pct.value.decimals)}%；{explain('error', pct.value.decimals)}",
                        want, pct.value.value, [at_table(table, r, pct.col)]))
    return out

"""Vertical and horizontal sums inside one table (auditors' footing and cross-footing)."""

from __future__ import annotations

from checker.engine import CheckConfig, rule
from checker.finding import at_table, finding, table_name
from checker.numbers import fmt, parse_cell
from checker.shortfall import classify, table_shortfall
from checker.tables import additive, cell, column_run, find_col, header_text, is_blank, norm, total_label
from checker.tolerance import explain, printed_interval, severity, total, verdict
from extractor.contract import Finding, Report, TableOut


def _scale(table: TableOut) -> float:
    """10⁴ for tables in 万元 (their whole numbers are rounded), else 1."""
    unit = norm(table.unit) + norm(table.caption)
    return 1e4 if "万元" in unit else (1e8 if "亿元" in unit else 1.0)


def _row_name(table: TableOut, r: int) -> str:
    lab = total_label(table.rows[r])
    return norm(table.rows[r][lab[1]]) if lab else f"第 {r} 行"


def _check_total_row(report: Report, table: TableOut, r: int) -> list[Finding]:
    kind, lcol = total_label(table.rows[r])
    out: list[Finding] = []
    skip_cols: set[int] = set()
    sf = table_shortfall(report, table, r)
    if sf is not None and classify(sf[0]) in ("budget", "lost"):
        skip_cols = {sf[1]} | ({sf[2]} if sf[2] is not None else set())
    for c in range(lcol + 1, len(table.rows[r])):
        tot = parse_cell(cell(table, r, c))
        if tot is None or c in skip_cols:
            continue
        items, hdr = column_run(table, r, c, kind == "sub")
        head = header_text(table, hdr, c)
        if not items or hdr == -1 or not additive(head, cell(table, r, c)):
            continue
        value = sum(p.value for _, p in items)
        v = verdict(value, tot.value, tot.decimals, computed_interval=total([printed_interval(p.value, p.decimals, p.unit, _scale(table)) for _, p in items]))
        sev = severity(v)
        if sev is None:
            continue
        rows = f"第 {items[0][0]}–{items[-1][0]} 行" if len(items) > 1 else f"第 {items[0][0]} 行"
        d = max([tot.decimals] + [p.decimals for _, p in items])
        msg = (
            f"{table_name(table)}“{head or f'第 {c} 列'}”列{rows}之和为 {fmt(value, d)}，"
            f"而{_row_name(table, r)}行印为 {fmt(tot.value, tot.decimals)}（差 {fmt(tot.value - value, d)}）；"
            f"{explain(v, tot.decimals)}"
        )
        locs = [at_table(table, r, c)] + [at_table(table, ir, c) for ir, _ in items[:1]]
        out.append(finding("sum.rows", sev, msg, value, tot.value, locs))
    return out


@rule("sum.rows", "error", "表内明细行之和与合计/小计行不符")
def sum_rows(report: Report, config: CheckConfig) -> list[Finding]:
    """Each 合计/小计/总计/总分 row against the numeric detail rows it covers, column by column.

    A 小计 covers the rows since the previous 小计 or 合计; a 合计 covers all detail rows
    since the previous 合计 (小计 rows excluded). Rate and price columns are not summed.
    """
    out: list[Finding] = []
    for table in report.tables:
        for r, row in enumerate(table.rows):
            if total_label(row):
                out.extend(_check_total_row(report, table, r))
    return out


def _numeric_below(table: TableOut, h: int, c: int) -> bool:
    """Whether column ``c`` holds numbers (or blanks) in every row under header row ``h``."""
    cells = [cell(table, r, c) for r in range(h + 1, len(table.rows))]
    return any(parse_cell(x) for x in cells) and all(is_blank(x) or parse_cell(x) for x in cells)


@rule("sum.cross", "error", "行内各列之和与合计列不符")
def sum_cross(report: Report, config: CheckConfig) -> list[Finding]:
    """Horizontal cross-sums: in a table with a 合计 column, each row's additive cells to its left."""
    out: list[Finding] = []
    for table in report.tables:
        for h, head in enumerate(table.rows):
            tcol = find_col(head, "合计", "小计", "总计")
            if tcol is None or tcol == 0 or any(parse_cell(x) for x in head):
                continue
            cols = [c for c in range(tcol) if additive(norm(head[c]), "") and _numeric_below(table, h, c)]
            for r in range(h + 1, len(table.rows)):
                tot = parse_cell(cell(table, r, tcol))
                vals = [(c, parse_cell(cell(table, r, c))) for c in cols if not is_blank(cell(table, r, c))]
                if tot is None or len(vals) < 2 or any(p is None for _, p in vals):
                    continue
                value = sum(p.value for _, p in vals)
                v = verdict(value, tot.value, tot.decimals, computed_interval=total([printed_interval(p.value, p.decimals, p.unit, _scale(table)) for _, p in vals]))
                sev = severity(v)
                if sev is None:
                    continue
                names = "、".join(norm(head[c]) for c, _ in vals)
                msg = (
                    f"{table_name(table)}第 {r} 行 {names} 之和为 {fmt(value)}，"
                    f"而“{norm(head[tcol])}”列印为 {fmt(tot.value, tot.decimals)}（差 {fmt(tot.value - value)}）；"
                    f"{explain(v, tot.decimals)}"
                )
                out.append(finding("sum.cross", sev, msg, value, tot.value, [at_table(table, r, tcol)]))
            break
    return out

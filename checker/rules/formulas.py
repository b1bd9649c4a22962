"""A workbook's own arithmetic: each formula cell recomputed from the cells it names."""

from __future__ import annotations

import ast
import operator
import re

from checker.finding import at_table, finding, table_name
from checker.numbers import fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.tables import norm
from checker.tolerance import explain, verdict
from extractor.contract import Finding, Formula, Report, TableOut

_RANGE = re.compile(r"R(\d+)C(\d+):R(\d+)C(\d+)")
_CELL = re.compile(r"R(\d+)C(\d+)")
_SUM = re.compile(r"SUM\(([^()]*)\)", re.I)
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class _Unreadable(Exception):
    """A formula outside the arithmetic recomputed here (a function other than SUM, text)."""


def _value(t: TableOut, r: int, c: int, in_sum: bool) -> float:
    """A referenced cell's number as the workbook holds it (a percent cell's 91.52% is 0.9152);
    blank is 0; a word is skipped by SUM and makes plain arithmetic unreadable."""
    text = t.rows[r][c] if r < len(t.rows) and c < len(t.rows[r]) else ""
    if not norm(text):
        return 0.0
    p = parse_cell(text)
    if p is None or (p.unit not in (None, "%")):
        if in_sum:
            return 0.0
        raise _Unreadable(text)
    return p.value / 100 if p.unit == "%" else p.value


#: cells a table's formulas may read in all: a workbook of ``=SUM(A1:XFD1048576)`` cells must
#: not make the check run for hours (the table itself is at most a million cells)
CELL_BUDGET = 2_000_000


class _Budget:
    def __init__(self) -> None:
        self.left = CELL_BUDGET

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _Unreadable("cell budget spent")


def _sum(t: TableOut, args: str, budget: _Budget) -> float:
    total = 0.0
    width = max((len(row) for row in t.rows), default=0)
    for arg in args.split(","):
        arg = arg.strip()
        if m := _RANGE.fullmatch(arg):
            r0, c0, r1, c1 = (int(x) for x in m.groups())
            rows = range(min(r0, r1), min(max(r0, r1), len(t.rows) - 1) + 1)  # beyond the table: blank
            cols = range(min(c0, c1), min(max(c0, c1), width - 1) + 1)
            budget.spend(len(rows) * len(cols))
            total += sum(_value(t, r, c, True) for r in rows for c in cols)
        elif m := _CELL.fullmatch(arg):
            total += _value(t, int(m[1]), int(m[2]), True)
        else:
            total += _arith(arg)
    return total


def _arith(expr: str) -> float:
    """+, −, ×, ÷ of numbers and brackets, nothing else (no names, no calls)."""
    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            return -ev(node.operand) if isinstance(node.op, ast.USub) else ev(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        raise _Unreadable(expr)

    try:
        return ev(ast.parse(expr.strip(), mode="eval"))
    except (SyntaxError, ZeroDivisionError, ValueError) as e:
        raise _Unreadable(expr) from e


def recompute(t: TableOut, f: Formula, budget: _Budget | None = None) -> float | None:
    """The formula's value from the table's cells, or None when it cannot be recomputed here
    (or the table's cell budget is spent)."""
    if not f.grid:
        return None
    budget = budget or _Budget()
    body = f.grid.lstrip("=")
    try:
        body = _SUM.sub(lambda m: repr(_sum(t, m[1], budget)), body)
        body = _CELL.sub(lambda m: repr(_value(t, int(m[1]), int(m[2]), False)), body)
        if re.search(r"[A-Za-z_]", body.replace("e", "")):
            return None  # another function (ROUND, IF …): not recomputed
        return _arith(body)
    except _Unreadable:
        return None


def _label(t: TableOut, r: int, c: int) -> str:
    """The row's first words and the column's header, to say where the cell is."""
    row = next((norm(x) for x in t.rows[r] if norm(x) and parse_cell(x) is None), "")
    head = next((norm(t.rows[h][c]) for h in range(r - 1, -1, -1) if norm(t.rows[h][c]) and parse_cell(t.rows[h][c]) is None), "")
    return "“" + "”“".join(x for x in (row[:16], head[:12]) if x) + "”" if row or head else f"第 {r + 1} 行第 {c + 1} 列"


@rule("xlsx.formula", "error", "工作簿单元格的值与其公式重算不符")
def formula_cells(report: Report, config: CheckConfig) -> list[Finding]:
    """Each formula cell of a workbook (``=SUM(I16:I26)+G10``, ``=E10/D10``) against the value
    its formula gives from the cells it names, as the sheet shows them (a percent cell counts
    as its fraction, blank as 0, words skipped by SUM). The shown value is the cached one Excel
    saved: when it differs beyond its printed precision, the figure was typed over the formula
    or the workbook not recalculated after a change — an error, since the sheet's own arithmetic
    proves it. Formulas naming other sheets, hidden columns or functions other than SUM are
    not recomputed. Zoo sc_self: 合计 得分 printed 99.6 for =SUM(J16:J26)+H10 = 98.6."""
    out: list[Finding] = []
    for t in report.tables:
        budget = _Budget()
        for f in t.formulas:
            if f.row >= len(t.rows) or f.col >= len(t.rows[f.row]):
                continue
            shown = parse_cell(t.rows[f.row][f.col])
            value = recompute(t, f, budget)
            if shown is None or value is None:
                continue
            computed = value * 100 if shown.unit == "%" else value
            v = verdict(computed, shown.value, shown.decimals)
            if v != "error":
                continue
            unit = "%" if shown.unit == "%" else ""
            out.append(finding(
                "xlsx.formula", "error",
                f"{table_name(t)}{_label(t, f.row, f.col)}印为 {t.rows[f.row][f.col].strip()}，该单元格为公式 {f.text}，"
                f"按其所引单元格重算为 {fmt(computed, max(shown.decimals, 2))}{unit}（差 {fmt(shown.value - computed, max(shown.decimals, 2))}{unit}）；"
                f"{explain(v, shown.decimals, unit)}：保存的值未随公式重算，或公式被数字覆盖",
                computed, shown.value, [at_table(t, f.row, f.col)]))
    return out

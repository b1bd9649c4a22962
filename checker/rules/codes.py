"""科目 codes of 部门预算/决算 tables: a code printed in another shape than its column's.

A 功能分类 table prints its codes split as 类 | 款 | 项 (201 | 06 | 01), every 类 three digits
and every 款/项 two (codes joined in one cell, 302 | 30201, vary by level and are not judged). A code of another length in such a column (``7`` where the 类 is 210) is
a misprint the reader sees at once and the arithmetic never does: the row still adds up,
it only loses its parent. The code the row should carry is read from the same 科目 printed
elsewhere in the document (``210 | 11 | 02 事业单位医疗`` on the page before), which makes
the finding certain; without such a witness it is a warning.
"""

from __future__ import annotations

from collections import Counter

from checker.finding import at_table, finding, row_page, table_name
from checker.ledger import is_ledger
from checker.registry import CheckConfig, rule
from extractor.contract import Finding, Report, TableOut
from patterns.table_roles import norm

MIN_CODES = 5  # a column's usual shape is only known from several codes


def _code_columns(table: TableOut) -> list[list[int]]:
    """Per logical part, its code columns left to right (类, 款, 项), those that print codes."""
    first = table.header_rows or 0

    def printed(col: int) -> int:
        return sum(1 for r in table.rows[first:] if col < len(r) and norm(r[col]).isdigit())

    return [
        [c.col for c in table.columns if c.part == k and c.role == "code" and printed(c.col) >= MIN_CODES]
        for k in range(len(table.parts))
    ]


def _usual_length(table: TableOut, col: int) -> int | None:
    """The digit count every code of the column has but at most one (the misprint), else None."""
    first = table.header_rows or 0
    lengths = Counter(len(t) for r in table.rows[first:] if col < len(r) and (t := norm(r[col])).isdigit())
    if sum(lengths.values()) < MIN_CODES:
        return None
    (usual, n), *rest = lengths.most_common()
    return usual if sum(m for _, m in rest) <= max(1, n // 20) else None


def _witnesses(report: Report) -> dict[tuple[str, str], tuple[TableOut, int, str]]:
    """(科目 name, 款+项 codes) → a table row printing it with a full, well-shaped code."""
    out: dict[tuple[str, str], tuple[TableOut, int, str]] = {}
    for t in report.tables:
        if not is_ledger(t):
            continue
        for k, cols in enumerate(_code_columns(t)):
            if len(cols) < 2:
                continue
            for r, role in enumerate(t.parts[k].rows):
                codes = [norm(t.rows[r][c]) for c in cols]
                if role.label and codes[0].isdigit() and len(codes[0]) == 3:
                    out.setdefault((norm(role.label), "".join(codes[1:])), (t, r, codes[0]))
    return out


@rule("code.shape", "error", "科目编码位数与本列其余编码不符")
def code_shape(report: Report, config: CheckConfig) -> list[Finding]:
    """A 类/款/项 code whose digit count differs from every other code of its column."""
    out: list[Finding] = []
    witnesses: dict | None = None
    for t in report.tables:
        if not is_ledger(t):
            continue
        for k, cols in enumerate(_code_columns(t)):
            if len(cols) < 2:
                continue  # codes joined in one cell (302 | 30201) vary in length by level
            for level, col in enumerate(cols):
                usual = _usual_length(t, col)
                if usual is None:
                    continue
                for r, role in enumerate(t.parts[k].rows):
                    if r < (t.header_rows or 0) or col >= len(t.rows[r]):
                        continue
                    code = norm(t.rows[r][col])
                    if not code.isdigit() or len(code) == usual:
                        continue
                    if witnesses is None:
                        witnesses = _witnesses(report)
                    rest = "".join(norm(t.rows[r][c]) for c in cols[level + 1 :])
                    seen = witnesses.get((norm(role.label or ""), rest)) if level == 0 else None
                    name = f"“{role.label}”" if role.label else f"第 {r} 行"
                    msg = (
                        f"{table_name(t)}（第 {row_page(t, r)} 页）{name}一行的{'类款项'[min(level, 2)]}级编码印为 {code}，"
                        f"本列其余编码均为 {usual} 位"
                    )
                    locations = [at_table(t, r, col)]
                    severity = "warning"
                    if seen is not None:
                        wt, wr, wcode = seen
                        msg += f"；同一科目在{table_name(wt)}（第 {row_page(wt, wr)} 页）类级编码为 {wcode}（{wcode}{rest}），此处应同"
                        locations.append(at_table(wt, wr, None))
                        severity = "error"
                    out.append(finding("code.shape", severity, msg, None, None, locations))
    return out

"""Why a score table's 分值 (or 得分) falls short of its 总分: budget block, lost row, or error.

A self-assessment prints the 10 points of 预算执行率 in the budget block above the
indicator table, so the indicator rows alone sum to 90 of 100. And OCR sometimes drops a
whole row (seed 002: 维稳工作 lost 下基层与约谈次数完成率, 宣传与推广 lost 成本控制):
then the rows fall short by exactly one plausible row's weight, and the honest finding is
"rows may have been lost in reading" (``extract.loss``, warning), not an arithmetic error.
``sum.rows`` and ``score.total`` ask this module first and stay silent when it explains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from checker.numbers import Printed, parse_cell
from checker.tables import (
    RATE,
    SCORE,
    WEIGHT,
    WEIGHT_ELSE,
    AlignedTotals,
    aligned_score_totals,
    budget_block,
    cell,
    column_run,
    find_col,
    says,
    total_label,
)
from checker.tolerance import equal
from extractor.contract import Project, Report, TableOut

Kind = Literal["ok", "budget", "lost", "unexplained"]


@dataclass(frozen=True)
class Shortfall:
    """Gap between printed totals and the rows, after the budget block's points."""

    weight_total: float
    weight_sum: float
    score_total: float | None
    score_sum: float | None
    budget_points: float
    budget_score: float
    weights: tuple[float, ...]

    @property
    def weight_gap(self) -> float:
        return self.weight_total - self.weight_sum - self.budget_points

    @property
    def score_gap(self) -> float | None:
        if self.score_total is None or self.score_sum is None:
            return None
        return self.score_total - self.score_sum - self.budget_score


def classify(sf: Shortfall) -> Kind:
    """``ok``/``budget`` (sums agree), ``lost`` (one row's weight missing) or ``unexplained``."""
    wg, sg = sf.weight_gap, sf.score_gap
    scores_ok = sg is None or equal(sg, 0.0)
    if equal(wg, 0.0) and scores_ok:
        return "budget" if sf.budget_points else "ok"
    plausible = wg > 0 and any(equal(wg, w) for w in sf.weights)
    if plausible and (sg is None or -1e-9 <= sg <= wg + 1e-9):
        return "lost"
    return "unexplained"


def _budget_for(report: Report, table_id: str | None, has_rate_row: bool, before: int | None = None) -> tuple[float, float]:
    if has_rate_row:
        return 0.0, 0.0
    block = budget_block(report, table_id, before)
    if block is None:
        return 0.0, 0.0
    return block[0], (block[1] if block[1] is not None else block[0])


def on_ocr_page(report: Report, table: TableOut) -> bool:
    """Whether any page of ``table`` was read by OCR (its cells may have slid a column)."""
    return bool(set(table.pages) & set(report.source.ocr_pages))


def aligned_totals(report: Report, table: TableOut, total_row: int) -> AlignedTotals | None:
    """``tables.aligned_score_totals`` with the OCR flag taken from the report."""
    return aligned_score_totals(table, total_row, on_ocr_page(report, table))


def table_shortfall(report: Report, table: TableOut, total_row: int) -> tuple[Shortfall, int, int | None] | None:
    """Shortfall of a score table's 总分/合计 row, with the columns its 分值 and 得分 totals
    are printed in.

    A row whose totals stand off the score columns (OCR: ``总分 | | 100 | 98.00`` under 分值
    and 得分 one column to the right) is read through ``aligned_totals``: 分值 total against
    分值 rows, 得分 total against 得分 rows, each detail row aligned on its own.
    """
    lab = total_label(table, total_row)
    if lab is None:
        return None
    wcol: int | None = None
    scol: int | None = None
    runs: dict[int, list[tuple[int, Printed]]] = {}
    aligned = aligned_totals(report, table, total_row)
    if aligned is not None:
        (wcol, wscore), (scol, sscore) = sorted(aligned.printed.items())  # the 分值 total, then the 得分 total
        runs = {wcol: aligned.runs[wscore], scol: aligned.runs[sscore]}
    else:
        for c in range(lab[1] + 1, len(table.rows[total_row])):
            if parse_cell(cell(table, total_row, c)) is None:
                continue
            items, hdr = column_run(table, total_row, c, lab[0] == "sub")
            if hdr == -1:
                continue
            runs[c] = items
            if wcol is None and says(table, hdr, c, WEIGHT, WEIGHT_ELSE):
                wcol = c
            elif scol is None and says(table, hdr, c, SCORE):
                scol = c
    if wcol is None:
        return None
    has_rate_row = any(find_col(table, r, RATE) is not None for r, _ in runs[wcol])  # the 预算执行率 row itself
    bp, bs = _budget_for(report, table.id, has_rate_row, total_row) if lab[0] == "total" else (0.0, 0.0)
    weights = tuple(p.value for _, p in runs[wcol])
    score_total = parse_cell(cell(table, total_row, scol)).value if scol is not None else None
    score_sum = sum(p.value for _, p in runs[scol]) if scol is not None else None
    sf = Shortfall(
        parse_cell(cell(table, total_row, wcol)).value,
        sum(weights),
        score_total,
        score_sum,
        bp,
        bs,
        weights,
    )
    return sf, wcol, scol


def project_shortfall(report: Report, project: Project, score_max: float) -> Shortfall | None:
    """Shortfall of a project's indicators against its score.max / score.total."""
    inds = [i for i in project.indicators if i.weight is not None]
    if not inds:
        return None
    has_rate_row = any("执行率" in (i.name or "") or "执行率" in (i.level1 or "") for i in inds)
    table_id = next((i.source.table for i in inds if i.source.table), None)
    first = min((i.source.row for i in inds if i.source.table == table_id and i.source.row is not None), default=None)
    bp, bs = _budget_for(report, table_id, has_rate_row, first)
    scores = [i.score for i in inds if i.score is not None]
    return Shortfall(
        project.score.max if project.score.max is not None else score_max,
        sum(i.weight for i in inds),
        project.score.total,
        sum(scores) if len(scores) == len(inds) else None,
        bp,
        bs,
        tuple(i.weight for i in inds),
    )

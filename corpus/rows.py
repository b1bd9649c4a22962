"""Flatten contract Reports into corpus rows: pure functions shared by every backend."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from corpus.tokens import search_tokens

if TYPE_CHECKING:  # annotations only: search and stats must not import the pydantic contract
    from extractor.contract import Indicator, Report, Value


@dataclass
class DocRow:
    """One indexed document; ``key`` names it for replacement (its path where known, else its name)."""

    sha256: str
    file: str
    kind: str
    title: str | None
    project: str | None
    year: int | None
    region: str | None
    organisation: str | None
    department: str | None
    key: str = ""

    def __post_init__(self) -> None:
        self.key = self.key or self.file


@dataclass
class IndicatorRow:
    project: str | None
    code: str | None
    level1: str | None
    level2: str | None
    name: str
    target_text: str | None
    op: str | None
    value: float | None
    upper: float | None
    unit: str | None
    actual_text: str | None
    actual_value: float | None
    weight: float | None
    score: float | None
    met: int | None  # 1 met, 0 missed, None unknown
    page: int | None
    table_id: str | None
    row: int | None
    tok_name: str
    tok_context: str
    tok_target: str

    def as_dict(self) -> dict:
        return asdict(self)


def target_met(target: Value | None, actual: Value | None) -> bool | None:
    """Whether ``actual`` meets ``target``, where both are numbers (or the same quality word)."""
    if target is None or actual is None:
        return None
    if target.op == "qualitative" or (target.value is None and actual.value is None):
        if target.text and actual.text:
            return target.text.strip(" =") == actual.text.strip(" =") or None
        return None
    if target.op in ("increase", "decrease"):
        return (actual.op == target.op) or None
    t, a = target.value, actual.value
    if t is None or a is None:
        return None
    if actual.op in (">", ">=") and target.op in (">", ">=") and a >= t:
        return True
    if actual.op in ("<", "<=") and target.op in ("<", "<=") and a <= t:
        return True
    match target.op:
        case ">=":
            return a >= t
        case ">":
            return a > t
        case "<=":
            return a <= t
        case "<":
            return a < t
        case "=" | None:
            return a == t
        case "range":
            return t <= a <= (target.upper if target.upper is not None else t)
    return None


def _join(tokens: list[str]) -> str:
    return " ".join(tokens)


def indicator_row(project: str | None, ind: Indicator, title: str | None) -> IndicatorRow:
    target, actual = ind.target, ind.actual
    met = target_met(target, actual)
    context = " ".join(x for x in (ind.level1, ind.level2, project, title) if x)
    return IndicatorRow(
        project=project, code=ind.code, level1=ind.level1, level2=ind.level2, name=ind.name,
        target_text=target.text if target else None, op=target.op if target else None,
        value=target.value if target else None, upper=target.upper if target else None,
        unit=(target.unit if target else None) or (actual.unit if actual else None),
        actual_text=actual.text if actual else None, actual_value=actual.value if actual else None,
        weight=ind.weight, score=ind.score, met=None if met is None else int(met),
        page=ind.source.page, table_id=ind.source.table, row=ind.source.row,
        tok_name=_join(search_tokens(ind.name)), tok_context=_join(search_tokens(context)),
        tok_target=_join(search_tokens(target.text if target else "")),
    )


def report_rows(report: Report, key: str | None = None) -> tuple[DocRow, list[IndicatorRow]]:
    """The document row and the indicator rows of one report (``key``: its path, for replacement)."""
    d = report.document
    doc = DocRow(sha256=report.source.sha256, file=report.source.file, kind=d.kind, title=d.title,
                 project=d.project, year=d.year, region=d.region, organisation=d.organisation,
                 department=d.department, key=key or report.source.file)
    rows = [indicator_row(p.name or d.project, ind, d.title) for p in report.projects for ind in p.indicators]
    return doc, rows

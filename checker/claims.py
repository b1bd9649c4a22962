"""Which project and which year a prose claim speaks about, and its printed precision.

Prose mentions other years (``2020年项目预算金额为359万元``) and, in a document with
several projects, other projects; a claim is compared only with the project it names
(or the only project) and only when it names no other year than the document's.
"""

from __future__ import annotations

from checker.numbers import Printed, all_numbers, first_number
from checker.tables import norm
from extractor.contract import Claim, Project, Report
from patterns.lazyre import re

_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def other_year(report: Report, claim: Claim) -> bool:
    """True when the claim's text names a year and none of them is the document's year."""
    years = {int(y) for y in _YEAR.findall(claim.text)}
    year = report.document.year
    return bool(years) and year is not None and year not in years


def claim_project(report: Report, claim: Claim) -> Project | None:
    """The project a claim speaks about: the only one, the one whose name the text holds,
    else the one whose section the claim stands in (``project_at``)."""
    return attach(report, claim)[0]


def attach(report: Report, claim: Claim) -> tuple[Project | None, str]:
    """(project, how): how is ``only``, ``named`` or ``position`` (``""`` when none)."""
    if len(report.projects) == 1 and report.document.kind != "budget":
        return report.projects[0], "only"  # a department's 说明 is not its one form's project
    text = norm(claim.subject + claim.text)
    named = [p for p in report.projects if p.name and norm(p.name) in text]
    named.sort(key=lambda p: -len(p.name or ""))
    if named:
        return named[0], "named"
    at = project_at(report, claim.page)
    return at, ("position" if at is not None else "")


def project_pages(project: Project) -> list[int]:
    """Pages the project's own tables stand on (its indicators and its budget block)."""
    pages = {i.source.page for i in project.indicators if i.source.page is not None}
    if project.budget.source is not None and project.budget.source.page is not None:
        pages.add(project.budget.source.page)
    return sorted(pages)


def project_at(report: Report, page: int | None) -> Project | None:
    """The project whose section a page of prose belongs to, in a document of several.

    A 申报表 document prints each project's explanation (``项目经费情况说明5宣传与推广 …
    2023年本项目预算金额为15万元``) just before its form: a page after the previous project's
    last form page and up to this project's first form page is this project's. Pages before
    the first project's form are the document's front matter (部门预算, 情况说明 of the
    whole department), so nothing there is attached; neither is a page inside or after the
    forms.
    """
    if page is None or len(report.projects) < 2:
        return None
    spans = sorted(((pg[0], pg[-1], p) for p in report.projects if (pg := project_pages(p))), key=lambda s: s[0])
    for (_, prev_last, _), (first, _last, p) in zip(spans, spans[1:], strict=False):
        if prev_last < page <= first and not any(a <= page <= b for a, b, q in spans if q is not p):
            return p
    return None


def printed_of(claim: Claim) -> tuple[Printed | None, float]:
    """The number as printed and its scale to ``claim.value`` (``19.8676万元`` → 10⁴)."""
    cands = [first_number(claim.value_text)] if claim.value_text else all_numbers(claim.text)
    cands = [c for c in cands if c is not None]
    if not cands or claim.value is None:
        return (cands[0] if cands else None), 1.0
    for p in cands:
        if not p.value:
            continue
        ratio = claim.value / p.value
        for scale in (1.0, 1e4, 1e8, 1e3):
            if abs(ratio - scale) <= 1e-6 * scale:
                return p, scale
    p = cands[0]
    if "万" in (claim.value_text or "") or claim.unit == "万元":
        return p, 1e4
    return p, 1.0


# The figures a 部门预算编制说明 states line by line, and the wholes and parts of a ``其中``
# breakdown, a payment, a 增减 or a 占比 (``patterns/prose.py``): they are checked by
# ``checker/rules/statements.py`` against each other and the 功能分类 tables, never as a
# project's budget.
STATEMENT_KINDS = frozenset(["function_line", "budget_line", "breakdown", "payment", "change", "share"])


def statement_claim(claim: Claim) -> bool:
    return claim.kind in STATEMENT_KINDS


def quantity(claim: Claim) -> str:
    """What a claim's figure is of, normalised: its field (得分, 满意度, 非常满意, 决算数 …),
    else the innermost name it is about."""
    return norm(claim.field if claim.field is not None else claim.path[-1] if claim.path else "")


def about(claim: Claim) -> str:
    """The name a figure is said of, normalised: ``B12 资金使用情况`` for ``B12 资金使用情况.得分``,
    the quantity itself for a figure named by it alone (满意度)."""
    return norm(claim.path[0]) if claim.path else quantity(claim)

"""Which project and which year a prose claim speaks about, and its printed precision.

Prose mentions other years (``2020年项目预算金额为359万元``) and, in a document with
several projects, other projects; a claim is compared only with the project it names
(or the only project) and only when it names no other year than the document's.
"""

from __future__ import annotations

import re

from checker.numbers import Printed, all_numbers, first_number
from checker.tables import norm
from extractor.contract import Claim, Project, Report

_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def other_year(report: Report, claim: Claim) -> bool:
    """True when the claim's text names a year and none of them is the document's year."""
    years = {int(y) for y in _YEAR.findall(claim.text)}
    year = report.document.year
    return bool(years) and year is not None and year not in years


def claim_project(report: Report, claim: Claim) -> Project | None:
    """The project a claim speaks about: the only one, or the one whose name the text holds."""
    if len(report.projects) == 1:
        return report.projects[0]
    text = norm(claim.subject + claim.text)
    named = [p for p in report.projects if p.name and norm(p.name) in text]
    named.sort(key=lambda p: -len(p.name or ""))
    return named[0] if named else None


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

"""What two rule families share about target / actual / 完成率 clauses.

``statement.completion_rate`` judges the clause's rate; ``rate.bounds`` leaves alone a rate
above 100 % that its clause accounts for (over-fulfilment shown: 40 次 against a target of
28 次). The clauses are read by ``patterns.completion``.
"""

from __future__ import annotations

from checker.memo import per_check
from extractor.contract import Claim, Report
from patterns.completion import CompletionClause, completion_clauses


@per_check
def clauses(report: Report) -> list[tuple[int | None, CompletionClause]]:
    """(page, clause) of every target / actual / 完成率 clause of the running text, read once
    per check run for the two rules that judge them."""
    return [(b.page, c) for b in report.blocks for c in completion_clauses(b.text)]


def decimals(text: str) -> int:
    """Decimals of a printed figure (``142.86`` → 2)."""
    return len(text.split(".")[1]) if "." in text else 0


def computed(c: CompletionClause) -> float | None:
    """actual ÷ target in %, None for a zero target."""
    return c.actual / c.target * 100.0 if c.target else None


def agrees(c: CompletionClause) -> bool:
    """The printed rate is actual ÷ target at its decimals, or 100 % for a target met
    (forms that cap completion at 100 %)."""
    value = computed(c)
    if value is None:
        return False
    d = decimals(c.rate_text)
    return round(value, d) == round(c.rate, d) or (c.actual >= c.target and c.rate == 100.0)


def explained(report: Report) -> set[tuple[int | None, str, float]]:
    """(page, clause, rate) of every completion rate above 100 % that its clause accounts for:
    the actual passes the target (over-fulfilment, whatever the rate's own arithmetic, which
    ``statement.completion_rate`` judges), or the rate is actual ÷ target."""
    return {(page, c.text, c.rate) for page, c in clauses(report) if c.actual >= c.target or agrees(c)}


def shown_by_clause(cl: Claim, shown: set[tuple[int | None, str, float]]) -> bool:
    """Whether a rate claim is one of ``explained``'s: same page, value, and its sentence
    holds the clause."""
    return any(page == cl.page and rate == cl.value and text in cl.text for page, text, rate in shown)

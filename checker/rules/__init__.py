"""Rule families; importing this package registers every rule in ``checker.registry``."""

from __future__ import annotations

from checker.rules import (
    bounds,
    changes,
    codes,
    completeness,
    completion,
    consistency,
    cross_tables,
    crossref,
    final_accounts,
    formulas,
    hygiene,
    monitoring,
    presence,
    recompute,
    statements,
    sums,
    targets,
)

__all__ = ["bounds", "changes", "codes", "completeness", "completion", "consistency", "cross_tables", "crossref", "final_accounts", "formulas", "hygiene", "monitoring", "presence", "recompute", "statements", "sums", "targets"]

"""Search filters as SQL clauses, shared by every backend (only the parameter mark differs)."""

from __future__ import annotations

# filter name → (column, how it compares); LIKE filters match a part of the text
FILTERS = {
    "year": ("d.year", "="), "kind": ("d.kind", "="), "region": ("d.region", "LIKE"),
    "organisation": ("d.organisation", "LIKE"), "department": ("d.department", "LIKE"),
    "level1": ("i.level1", "LIKE"), "level2": ("i.level2", "LIKE"), "unit": ("i.unit", "="), "op": ("i.op", "="),
}


def where(filters: dict, mark: str) -> tuple[list[str], list]:
    """SQL clauses and parameters for the filters that are set (``mark``: ``?`` or ``%s``)."""
    clauses, params = [], []
    for key, value in filters.items():
        if value is None:
            continue
        if key not in FILTERS:
            raise ValueError(f"unknown filter {key!r}")
        column, how = FILTERS[key]
        clauses.append(f"{column} {how} {mark}")
        params.append(f"%{value}%" if how == "LIKE" else value)
    return clauses, params

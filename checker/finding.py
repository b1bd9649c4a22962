"""Building findings and their locations in one place, so every rule words them alike."""

from __future__ import annotations

from extractor.contract import Finding, Indicator, Location, TableOut


def finding(
    rule: str,
    severity: str,
    message: str,
    expected: float | None = None,
    actual: float | None = None,
    locations: list[Location] | None = None,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        expected=None if expected is None else round(float(expected), 6),
        actual=None if actual is None else round(float(actual), 6),
        locations=locations or [],
    )


def row_page(table: TableOut, row: int | None = None) -> int | None:
    """The page ``row`` of ``table`` stands on, for locations and ``（第 N 页）`` in messages
    (``TableOut.page_of``: the row's own page, else the table's first)."""
    return table.page_of(row)


def at_table(table: TableOut, row: int | None = None, col: int | None = None) -> Location:
    """A table cell, on the page its row stands on (``row_page``)."""
    return Location(page=row_page(table, row), table=table.id, row=row, col=col)


def at_indicator(ind: Indicator) -> Location:
    return Location(page=ind.source.page, table=ind.source.table, row=ind.source.row)


def table_name(table: TableOut) -> str:
    """How a message names a table: its caption, else its id."""
    return (table.caption or table.id).strip()


def ind_name(ind: Indicator) -> str:
    return f"{ind.code} {ind.name}" if ind.code else ind.name


def on_page(page: int | None) -> str:
    """``（第 N 页）`` where the page is known, else nothing."""
    return f"（第 {page} 页）" if page is not None else ""


def proj_label(project) -> str:
    """``项目“名称”`` for messages; a project the reader could not name says so."""
    return f"项目“{project.name}”" if project.name else "未命名项目"

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


def at_table(table: TableOut, row: int | None = None, col: int | None = None) -> Location:
    """A table cell; the page is the table's first page (rows do not carry their own)."""
    return Location(page=table.pages[0] if table.pages else None, table=table.id, row=row, col=col)


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

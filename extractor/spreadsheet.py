"""Cells for the spreadsheets jixiao writes (CSV, XLSX) that a spreadsheet program cannot run.

A document's text lands in exports: an indicator named ``=HYPERLINK("http://…")``, a
target ``-5%+1``, a file called ``@SUM(A1).pdf``. Opened in Excel or LibreOffice, such a
cell would be a formula. Following the OWASP rule for CSV injection, text that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``; numbers stay
numbers (a negative amount is still a number, not text). Like ``atomic``, it lives in the
first stage because every later stage writes exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` unless it is text a spreadsheet would read as a formula; then ``'`` + text."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]

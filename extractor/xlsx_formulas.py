"""What a workbook computes, beside what it shows: formulas and hidden columns of a sheet.

A form filled in Excel computes its 合计 (``=SUM(I14:I25)``), 执行率 (``=E7/D7``) and 总额
by formulas; the file stores each formula with the value Excel last computed (the cached
value, which ``xlsx.py`` reads and shows). When the two part ways — a value typed over the
formula, a workbook saved by a tool that does not recalculate, cells changed after it — the
printed figure is not what the sheet's own arithmetic gives, and the checker can say so
(``checker/rules/formulas.py``). Here the formulas are read, their cell references turned
into the table's own grid coordinates (``R13C8``: row 13, column 8 of ``Table.rows``, both
from 0), and the columns the filer hid (helper columns: row numbers, lookup keys) are named
so the reader can leave them out, as Excel does when it prints.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

_REF = re.compile(r"(?<![A-Za-z_])\$?([A-Z]{1,3})\$?(\d{1,7})(?![\d(])")


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the XLSX holds a formula (``<f>``), read in pieces."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with z.open(info) as fh:
                    tail = b""
                    while chunk := fh.read(1 << 20):
                        if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                            return True
                        tail = chunk[-3:]
    return False


def hidden_columns(ws: Any) -> set[int]:
    """Column numbers (from 1) the sheet hides."""
    out: set[int] = set()
    for key, dim in getattr(ws, "column_dimensions", {}).items():
        if getattr(dim, "hidden", False):
            lo = dim.min or col_number(key)
            hi = dim.max or lo
            out.update(range(lo, hi + 1))
    return out


def sheet_formulas(ws: Any) -> dict[tuple[int, int], str]:
    """(row, column) → formula text (``=SUM(I14:I25)+G7``) of a sheet loaded with formulas."""
    out = {}
    for c in ws._cells.values():
        v = getattr(c, "value", None)
        if isinstance(v, str) and v.startswith("=") and getattr(c, "data_type", "f") == "f":
            out[(c.row, c.column)] = v
    return out


def to_grid(formula: str, row0: int, col_of: dict[int, int]) -> str | None:
    """The formula with each A1 reference as ``R<row>C<col>`` of the table grid, or None when
    a reference falls outside it (another sheet, a hidden column): such a formula is not
    recomputed."""
    if "!" in formula:
        return None
    missing = False

    def grid(m: re.Match) -> str:
        nonlocal missing
        col = col_of.get(col_number(m[1]))
        row = int(m[2]) - row0
        if col is None or row < 0:
            missing = True
            return m[0]
        return f"R{row}C{col}"

    out = _REF.sub(grid, formula)
    return None if missing else out

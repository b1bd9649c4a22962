"""XLSX as people fill it (issue 17): the zoo's 四川 自评表 workbook stacks four forms on one
sheet, computes 总额, 预算执行率 and 合计 by formulas saved with their cached values, and hides
a helper column of row numbers. The reader shows the cached values, leaves the hidden column
out and keeps each formula with its references turned into cells of the table."""

from __future__ import annotations

import io
from functools import cache

from evals.zoo import ZOO
from extractor import read
from extractor.xlsx_formulas import to_grid

SC = ZOO / "docs" / "sc_self.xlsx"


@cache
def _table():
    doc = read(SC)
    tables = [t for t in doc.items if hasattr(t, "cells")]
    assert len(tables) == 1  # every form on one sheet
    return tables[0]


def test_hidden_helper_column_left_out() -> None:
    import openpyxl

    ws = openpyxl.load_workbook(SC).active
    assert ws.column_dimensions["L"].hidden and ws["L4"].value == "校验" and ws["L5"].value == "1"  # the helper column
    t = _table()
    assert t.n_cols == 11  # …and not read: the form has 11 columns
    assert not any(c.text.isdigit() and c.col == 10 for c in t.cells)


def test_formulas_kept_with_cached_values_shown() -> None:
    t = _table()
    grid = t.grid()
    by_text = {f[2]: f for f in t.formulas}
    r, c, _text, g = by_text["=E10/D10"]
    assert g == "=R9C4/R9C3" and grid[r][c] == "91.52%"  # the cached value, under its 0.00% format
    sums = [f for f in t.formulas if f[2].startswith("=SUM(I")]
    assert len(sums) == 4  # one 合计 of 权重 per form
    r, c, text, g = sums[0]
    assert grid[r][0] == "合计" and text.endswith("+G10") and g.endswith("+R9C6")
    assert grid[r][c] == "100"  # 90 of indicators + the 执行率 权重 10


def test_total_above_its_parts() -> None:
    t = _table()
    grid = t.grid()
    r, c, text, _g = next(f for f in t.formulas if f[2] == "=SUM(C11:C14)")
    assert grid[r][1] == "总额" and grid[r + 1][1] == "其中：财政资金"


def test_reference_outside_the_table_not_mapped() -> None:
    assert to_grid("=Sheet2!A1+B2", 1, {2: 0}) is None
    assert to_grid("=A1+B2", 1, {2: 0}) is None  # column A is not in the table (hidden or trimmed)
    assert to_grid("=B2+B3", 1, {2: 0}) == "=R1C0+R2C0"


def test_no_formulas_no_second_load(monkeypatch) -> None:
    """A workbook without formulas is loaded once (formulas are looked for in the XML first)."""
    import openpyxl

    from extractor.xlsx_formulas import has_formulas

    wb = openpyxl.Workbook()
    wb.active["A1"] = "合计"
    wb.active["B1"] = 3
    buf = io.BytesIO()
    wb.save(buf)
    assert not has_formulas(buf.getvalue())
    assert has_formulas(SC.read_bytes())

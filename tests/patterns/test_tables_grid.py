"""``Table.grid()`` without fills is made one step per cell (issue 18): the same grid as
walking every place each cell covers."""

from __future__ import annotations

from extractor.document import Cell, Table


def _per_place(table: Table) -> list[list[str]]:
    """The grid as ``Table.grid`` made it before: every place a cell covers, its first only."""
    out = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
    for c in table.cells:
        for r in range(c.row, min(c.row + c.rowspan, table.n_rows)):
            for k in range(c.col, min(c.col + c.colspan, table.n_cols)):
                if r == c.row and k == c.col:
                    out[r][k] = c.text
    return out


def test_grid_is_the_tables_own_with_merges_overlaps_and_cells_outside() -> None:
    """A 一级指标 merged down three rows, a title across the table, a cell past the last
    column, an empty span and two cells at one place (the later wins): the same grid."""
    cells = [
        Cell("项目支出绩效目标表", 0, 0, colspan=4),
        Cell("一级指标", 1, 0), Cell("二级指标", 1, 1), Cell("指标值", 1, 2), Cell("备注", 1, 3),
        Cell("产出指标", 2, 0, rowspan=3), Cell("数量指标", 2, 1, rowspan=2), Cell("≥95%", 2, 2),
        Cell("100", 3, 2), Cell("覆盖", 3, 3), Cell("重读", 3, 3),
        Cell("质量指标", 4, 1), Cell("合格", 4, 2, colspan=5),
        Cell("越界", 1, 9), Cell("空", 4, 3, rowspan=0), Cell("下方", 7, 0),
    ]
    table = Table(id="t1", n_rows=5, n_cols=4, cells=cells)
    assert table.grid() == _per_place(table)
    assert table.grid()[3][3] == "重读" and table.grid()[3][0] == "" and table.grid()[4][3] == ""

"""Place row-wise cells with rowspan/colspan on a grid, the way browsers lay out ``<table>``.

HTML, Markdown and plain text describe a table row by row, each cell saying how far it
reaches; a cell's column is wherever the next free slot of its row is once the spans
from rows above are counted. This is that algorithm, shared by the text-like readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.cjk import checkbox_state
from extractor.document import Cell, Table


@dataclass
class RawCell:
    """A cell as written in the source, before placement."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    checked: bool | None = None


def place(rows: list[list[RawCell]], tid: str, max_span: int = 1000) -> Table:
    """A ``Table`` from source rows; spans running past the last row are cut there.

    ``rowspan=0`` (HTML "to the end of the section") is read as reaching the last row.
    """
    n_rows = len(rows)
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_cols = 0
    for r, row in enumerate(rows):
        col = 0
        for raw in row:
            while (r, col) in taken:
                col += 1
            rs = raw.rowspan if raw.rowspan > 0 else n_rows - r
            rs = max(1, min(rs, n_rows - r, max_span))
            cs = max(1, min(raw.colspan, max_span))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, col + dc))
            checked = raw.checked if raw.checked is not None else checkbox_state(raw.text)
            cells.append(Cell(text=raw.text, row=r, col=col, rowspan=rs, colspan=cs, checked=checked))
            col += cs
            n_cols = max(n_cols, col)
    n_cols = max([n_cols] + [k + 1 for _, k in taken])
    return Table(id=tid, n_rows=n_rows, n_cols=n_cols, cells=cells)


def plain(rows: list[list[str]], tid: str) -> Table:
    """A table without merges from rows of strings, padded to the widest row."""
    width = max((len(r) for r in rows), default=0)
    padded = [[RawCell(t) for t in r] + [RawCell("") for _ in range(width - len(r))] for r in rows]
    return place(padded, tid)

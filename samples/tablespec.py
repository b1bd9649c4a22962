"""The merge notation of the hand-checked table TSVs in samples/tables/: one reader for all.

A cell ``^`` is merged with the cell above, ``<`` with the cell to the left. ``build.py``
turns anchors into Word merges; ``evals/cells.py`` turns them into the expected spans.
"""

from __future__ import annotations

from collections.abc import Iterator


def anchors(rows: list[list[str]]) -> Iterator[tuple[int, int, int, int, str]]:
    """``(row, col, last_row, last_col, text)`` of every anchor cell, in reading order."""
    nrows, ncols = len(rows), len(rows[0])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in ("^", "<"):
                continue
            c2 = c
            while c2 + 1 < ncols and row[c2 + 1] == "<":
                c2 += 1
            r2 = r
            while r2 + 1 < nrows and rows[r2 + 1][c] == "^":
                r2 += 1
            yield r, c, r2, c2, text

"""Ruled PDF tables: real spans from cell boxes, and tables continued over a page break.

pdfplumber reports a merged cell only as ``None`` at the covered positions, which cannot
tell a vertical merge from a horizontal one. The spans here come from geometry instead:
every cell box is placed on the table's distinct x / y rulings, so a 一级指标 box that
reaches over four row rulings gets ``rowspan=4``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from extractor.cjk import checkbox_state, join_lines
from extractor.document import BBox, Cell, Table
from extractor.pdf_layout import Char, chars_to_lines

_SNAP = 2.5  # points: rulings closer than this are one line


@dataclass
class PageTable:
    """A table found on one page, with the rulings needed to join it to the next page."""

    table: Table
    xs: list[float]
    top: float
    bottom: float
    chars: list[list[Char]] = field(default_factory=list)


def cluster(values: list[float], tol: float = _SNAP) -> list[float]:
    """Distinct coordinates: values within ``tol`` of each other become their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _index(lines: list[float], v: float) -> int:
    """Index of the ruling nearest to ``v``."""
    i = bisect.bisect_left(lines, v)
    if i == 0:
        return 0
    if i == len(lines):
        return len(lines) - 1
    return i if lines[i] - v < v - lines[i - 1] else i - 1


def build_table(found: Any, page_no: int, tid: str) -> PageTable | None:
    """A ``PageTable`` from a pdfplumber ``Table``, or None when it has no real grid."""
    boxes: list[BBox] = [tuple(c) for c in found.cells]  # type: ignore[misc]
    if not boxes:
        return None
    xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells: list[Cell] = []
    for b in boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0:
            continue
        cells.append(Cell(text="", row=r0, col=c0, rowspan=r1 - r0, colspan=c1 - c0, page=page_no, bbox=b))
    cells = _drop_overlaps(cells)
    table = Table(
        id=tid,
        n_rows=len(ys) - 1,
        n_cols=len(xs) - 1,
        cells=cells,
        pages=[page_no],
        bbox=tuple(found.bbox),  # type: ignore[arg-type]
    )
    pt = PageTable(table=table, xs=xs, top=found.bbox[1], bottom=found.bbox[3])
    pt.chars = [[] for _ in cells]
    pt._ys = ys  # type: ignore[attr-defined]
    pt._cover = _coverage(cells)  # type: ignore[attr-defined]
    return pt


def _drop_overlaps(cells: list[Cell]) -> list[Cell]:
    """Keep the first cell claiming a grid position; pdfplumber can report nested boxes."""
    taken: set[tuple[int, int]] = set()
    out: list[Cell] = []
    for c in sorted(cells, key=lambda c: (c.row, c.col, -(c.rowspan * c.colspan))):
        spots = {(r, k) for r in range(c.row, c.row + c.rowspan) for k in range(c.col, c.col + c.colspan)}
        if spots & taken:
            continue
        taken |= spots
        out.append(c)
    return out


def _coverage(cells: list[Cell]) -> dict[tuple[int, int], int]:
    cover: dict[tuple[int, int], int] = {}
    for i, c in enumerate(cells):
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                cover[(r, k)] = i
    return cover


def add_char(pt: PageTable, ch: Char) -> None:
    """File one character under the cell whose box holds its centre."""
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    xs, ys = pt.xs, pt._ys  # type: ignore[attr-defined]
    col = min(max(bisect.bisect_right(xs, cx) - 1, 0), len(xs) - 2)
    row = min(max(bisect.bisect_right(ys, cy) - 1, 0), len(ys) - 2)
    cover: dict[tuple[int, int], int] = pt._cover  # type: ignore[attr-defined]
    idx = cover.get((row, col))
    if idx is None:  # text in a spot without a ruled cell: give it a cell of its own
        t = pt.table
        t.cells.append(
            Cell(
                text="", row=row, col=col, page=t.pages[0], bbox=(xs[col], ys[row], xs[col + 1], ys[row + 1])
            )
        )
        pt.chars.append([])
        idx = len(t.cells) - 1
        cover[(row, col)] = idx
    pt.chars[idx].append(ch)


def finish(pt: PageTable) -> Table:
    """Turn collected characters into cell text; sort cells in reading order."""
    for cell, chars in zip(pt.table.cells, pt.chars, strict=True):
        lines = chars_to_lines(chars)
        cell.text = join_lines([ln.text for ln in lines])
        cell.checked = checkbox_state(cell.text)
    pt.table.cells.sort(key=lambda c: (c.row, c.col))
    pt.chars = []
    return pt.table


def is_trivial(table: Table) -> bool:
    """A frame around one paragraph, or a grid with no text at all: not a data table."""
    texts = [c.text for c in table.cells if c.text]
    return not texts or (table.n_rows * table.n_cols == 1) or len(table.cells) == 1


def continues(prev: PageTable, prev_height: float, nxt: PageTable, height: float, tol: float = 4.0) -> bool:
    """True when ``nxt`` continues ``prev`` after a page break.

    ``prev`` must end in the lower quarter of its page and ``nxt`` start in the upper
    third of the next one (the caller has checked that no text stands between them), and
    both must share their column rulings. Five one-page forms in a row fail the first test.
    """
    if prev.bottom < 0.75 * prev_height or nxt.top > 0.3 * height:
        return False
    a, b = prev.xs, nxt.xs
    if abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    hit_b = sum(1 for x in b if abs(a[_index(a, x)] - x) <= tol)
    hit_a = sum(1 for x in a if abs(b[_index(b, x)] - x) <= tol)
    return hit_b >= 0.8 * len(b) and hit_a >= 0.8 * len(a)


def merge(prev: PageTable, nxt: PageTable) -> None:
    """Append ``nxt``'s rows to ``prev``'s table, dropping a repeated header.

    The continuation's columns are mapped onto ``prev``'s rulings by position. Rows at the
    top of ``nxt`` that repeat ``prev``'s header rows text for text are dropped. A vertical
    merge of two or more rows that reaches the page bottom and meets an empty cell at the
    top of the next page is extended over it (the 一级指标 cut by the page break). So is a
    single-row cell when the empty cell below it is itself merged over rows (nobody merges
    empty cells but to continue one) or stands in a column that merges rows elsewhere (the
    一级/二级指标 columns, where an empty cell means "as above" anyway).
    """
    a, b = prev.table, nxt.table
    header = _repeated_header(a, b)
    dropped = header + (1 if _continues_row(a, b, header) else 0)
    offset = a.n_rows - dropped
    col_map = [_index(prev.xs, x) for x in nxt.xs]
    taken = {
        (r, k)
        for c in a.cells
        for r in range(c.row, c.row + c.rowspan)
        for k in range(c.col, c.col + c.colspan)
    }
    # vertical merges reaching the page bottom: continued by an empty cell at the top of the next page
    merging = {c.col for c in a.cells if c.rowspan > 1} | {col_map[c.col] for c in b.cells if c.rowspan > 1}
    open_spans = {
        (c.col, c.colspan): c
        for c in a.cells
        if c.row + c.rowspan == a.n_rows and c.text.strip()
    }
    for c in b.cells:
        end = c.row + c.rowspan
        if end <= dropped:
            continue
        start = max(c.row, dropped)
        col0 = col_map[c.col]
        col1 = max(col_map[c.col + c.colspan], col0 + 1)
        above = open_spans.get((col0, col1 - col0))
        cut = above is not None and (above.rowspan > 1 or end - start > 1 or col0 in merging)
        if start == dropped and cut and not c.text.strip():
            above.rowspan += end - start
            for r in range(start + offset, end + offset):
                for k in range(col0, col1):
                    taken.add((r, k))
            continue
        new = Cell(
            text=c.text,
            row=start + offset,
            col=col0,
            rowspan=end - start,
            colspan=col1 - col0,
            page=c.page,
            bbox=c.bbox,
            checked=c.checked,
        )
        spots = {
            (r, k)
            for r in range(new.row, new.row + new.rowspan)
            for k in range(new.col, new.col + new.colspan)
        }
        if spots & taken:
            continue
        taken |= spots
        a.cells.append(new)
    a.n_rows = offset + b.n_rows
    for p in b.pages:
        if p not in a.pages:
            a.pages.append(p)
    if header:
        a.header_rows = max(a.header_rows, header)
    if a.caption is None:
        a.caption = b.caption
    if a.unit is None:
        a.unit = b.unit
    prev.bottom = nxt.bottom
    a.cells.sort(key=lambda c: (c.row, c.col))


_OPEN_END = re.compile(r"[。；;！!？?）)”」】]$")


def _continues_row(a: Table, b: Table, first: int) -> bool:
    """Join ``b``'s row ``first`` into ``a``'s last row when a page break cut one row in two.

    Each non-empty cell of the continued row must sit under a cell of ``a``'s last row
    (same columns) holding a long text that stops mid-sentence. Then either the continued
    row leaves empty a column where ``a``'s last row starts a cell with text (the
    三级指标 / 分值 keys a new indicator row would fill), or every continued text is a
    long passage (40+ characters above it), as in a 项目总目标 cut in two. A short cell's
    last one or two characters (no figures) continue it too when the keys are left empty.
    On success the texts are appended to ``a``'s cells.
    """
    if first >= b.n_rows:
        return False
    last = a.n_rows - 1
    own = {(c.col, c.colspan): c for c in a.cells if c.row + c.rowspan - 1 == last}
    starts = {c.col: c for c in a.cells if c.row == last}
    filled = [c for c in b.cells if c.row == first and c.text.strip()]
    if not filled or any(c.rowspan != 1 for c in filled):
        return False
    # the last character or two of a short cell wrapped onto the next page (单位维修成本控制 | 率)
    short_tail = all(len(c.text.strip()) <= 2 and not re.search(r"[\d%％]", c.text) for c in filled)
    pairs = []
    for c in filled:
        above = own.get((c.col, c.colspan))
        if above is None or not above.text.strip() or _OPEN_END.search(above.text.strip()):
            return False
        if len(above.text) < 10 and not short_tail:
            return False
        pairs.append((above, c))
    filled_cols = {c.col for c in filled}
    key_left_empty = any(k not in filled_cols and c.text.strip() for k, c in starts.items())
    if not key_left_empty and not all(len(above.text) >= 40 for above, _ in pairs):
        return False
    for above, c in pairs:
        above.text = join_lines([above.text, c.text])
    return True


def _repeated_header(a: Table, b: Table, max_rows: int = 6) -> int:
    """How many top rows of ``b`` repeat a run of ``a``'s first rows."""
    ga, gb = a.grid(), b.grid()
    if not gb:
        return 0
    for start in range(min(3, len(ga))):
        n = 0
        while (
            n < max_rows
            and start + n < len(ga)
            and n < len(gb) - 1
            and any(t.strip() for t in gb[n])
            and [t.strip() for t in ga[start + n]] == [t.strip() for t in gb[n]]
        ):
            n += 1
        if n:
            return n
    return 0

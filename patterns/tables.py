"""Plain-data views of an extractor ``Table`` and the row aligner for lossy tables.

Tables from PDF/DOCX keep merged cells as spans, so a cell's column says what it is.
Tables rebuilt from text (the seeds, OCR) lost their merges: a row whose 一级指标 was
merged comes out shifted left, sometimes with stray empty cells. :func:`align_row`
puts such a row's cells back under the header by order-preserving alignment, scored
by what each cell looks like (a caller-supplied ``fit``), so one code path reads both.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.document import Block, Table
from patterns.headers import Header, normalise, vocabulary
from patterns.lazyre import re

OriginRow = list[tuple[int, int, str]]  # (col, colspan, text) of origin cells, by column

_UNIT = re.compile(r"(?:金额)?单位\s*[:：]?\s*(亿元|万元|千元|元)")
_CAPTION_UNIT = re.compile(r"[(（]\s*(亿元|万元|千元|元)\s*[)）]")  # 支出预算表（万元）


def origin_rows(table: Table) -> list[OriginRow]:
    """Per row, the origin cells that start in it, left to right."""
    rows: list[OriginRow] = [[] for _ in range(table.n_rows)]
    for c in table.cells:
        if 0 <= c.row < table.n_rows:
            rows[c.row].append((c.col, c.colspan, c.text or ""))
    for r in rows:
        r.sort()
    return rows


def window(table: Table, start: int, stop: int) -> Table:
    """The rows ``start..stop`` of ``table`` as a table of its own, row numbers kept.

    A text reader may deliver several forms (one per project) as one table; each
    project's rows are read as a window so indicator ``row`` references stay those of
    the emitted table. Rows before ``start`` are simply empty.
    """
    cells = [c for c in table.cells if start <= c.row < stop]
    return Table(
        id=table.id,
        n_rows=stop,
        n_cols=table.n_cols,
        cells=cells,
        pages=table.pages,
        caption=table.caption,
        unit=table.unit,
        bbox=table.bbox,
        header_rows=table.header_rows,
    )


def page_list(table: Table) -> list[int]:
    """The page every row stands on, in one pass over the cells; ``[]`` when no cell knows.

    This is the contract's ``TableOut.row_pages``: a table merged over a page break keeps
    ``pages=[7, 8]`` but each row keeps the page its cells were read on (a row cut by the
    break and joined stands on its first page, as its cells do). A row with no origin cell
    of its own (every cell covered by a merge reaching down from above) happens in practice
    only at the top of a continuation page, where the 一级指标 cut by the break is extended
    over it: it takes the page of the next row that knows one (the last known page at the
    end). Formats without pages (DOCX, XLSX, HTML, text) give ``[]``.
    """
    known: list[int | None] = [None] * table.n_rows
    for c in table.cells:
        if c.page is not None and 0 <= c.row < table.n_rows and known[c.row] is None:
            known[c.row] = c.page
    later: int | None = None
    for r in range(table.n_rows - 1, -1, -1):  # a row without a page of its own: the next row's
        if known[r] is None:
            known[r] = later
        later = known[r]
    if later is None:
        return []
    out: list[int] = []
    for p in known:  # only rows after the last one that knows are left: they take its page
        out.append(p if p is not None else out[-1])
    return out


def row_pages(table: Table) -> dict[int, int | None]:
    """Page of every row in one pass (``Table.row_page`` scans all cells per call)."""
    pages = page_list(table)
    default = table.pages[0] if table.pages else None
    return {r: pages[r] if pages else default for r in range(table.n_rows)}


def is_structured(table: Table) -> bool:
    """True when the reader kept merges (spans), so columns can be trusted as printed."""
    return any(c.rowspan > 1 or c.colspan > 1 for c in table.cells)


def cell_text(row: OriginRow, cols: list[int]) -> str:
    """First non-empty origin text of ``row`` standing in one of ``cols``."""
    for col, _span, text in row:
        if col in cols and text.strip():
            return text
    return ""


def positional(row: OriginRow, header: Header) -> dict[str, str]:
    """Read a row by column position under ``header`` (structured tables)."""
    out = {}
    for kind, cols in header.columns.items():
        text = cell_text(row, cols)
        if text:
            out[kind] = text
    return out


Fit = Callable[[str, str], float]  # (kind, text) -> how well text fits the kind


def align_row(row: OriginRow, header: Header, fit: Fit, drop_penalty: float = 2.0) -> dict[str, str]:
    """Assign the row's non-empty cells to header kinds, order preserved, best total fit.

    A cell standing exactly under its kind's header column earns a small bonus, so a
    well-formed row keeps its printed positions; cells that fit nowhere are dropped
    (a ``绩效指标`` side label, a stray OCR fragment) at a cost.
    """
    cells = [(col, text) for col, _span, text in row if text.strip()]
    slots = sorted(((cols[0], kind) for kind, cols in header.columns.items()), key=lambda s: s[0])
    # text rows lose their leading (merged) cells: right-aligned is the next best guess
    shift = max(0, slots[-1][0] - cells[-1][0]) if cells and slots else 0
    n, m = len(cells), len(slots)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        col, text = cells[i - 1]
        for j in range(0, m + 1):
            # drop cell i
            cand = best[i - 1][j] - drop_penalty
            choice: tuple[int, int, bool] | None = (i - 1, j, False)
            # skip slot j (leave it empty)
            if j > 0 and best[i][j - 1] > cand:
                cand, choice = best[i][j - 1], (i, j - 1, False)
            # put cell i into slot j
            if j > 0 and best[i - 1][j - 1] > neg:
                slot_col, kind = slots[j - 1]
                bonus = 0.5 if col in header.columns[kind] else 0.0
                if shift and col + shift in header.columns[kind]:
                    bonus += 0.3
                score = best[i - 1][j - 1] + fit(kind, text) + bonus
                if score > cand:
                    cand, choice = score, (i - 1, j - 1, True)
            best[i][j] = cand
            back[i][j] = choice
    out: dict[str, str] = {}
    i, j = n, m
    while i > 0 and back[i][j] is not None:
        pi, pj, placed = back[i][j]  # type: ignore[misc]
        if placed:
            out[slots[j - 1][1]] = cells[i - 1][1]
        i, j = pi, pj
    return out


def read_row(table_structured: bool, row: OriginRow, header: Header, fit: Fit) -> dict[str, str]:
    """One data row as ``{kind: text}``, by position or by alignment as the table allows."""
    if table_structured:
        return positional(row, header)
    return align_row(row, header, fit)


def unit_factor(unit: str | None) -> float:
    """元 per printed unit: ``万元`` → 10000; unknown or missing → 1."""
    factors: dict = vocabulary()["unit_words"]
    return float(factors.get(normalise(unit), 1)) if unit else 1.0


def _unit_cell(table: Table) -> str | None:
    """A unit a form prints in a cell of its own first two rows, the cell saying nothing
    else (平山县 部门整体支出绩效自评表: ``填报单位: | 平山县行政审批局 | 单位:万元``)."""
    for c in table.cells:
        if c.row < 2 and (m := _UNIT.fullmatch(normalise(c.text or "").strip())):
            return m.group(1)
    return None


def table_unit(table: Table, before: list[Block]) -> str | None:
    """The table's money unit: the reader's, else the caption's, else a nearby ``单位：元`` line,
    else a unit the caption prints in brackets (``…支出预算表（万元）``): the checker reads
    ``TableOut.unit``, never the caption's words."""
    if table.unit:
        m = _UNIT.search(table.unit)
        return m.group(1) if m else table.unit.strip()
    if (inside := _unit_cell(table)) is not None:
        return inside
    texts = [table.caption or ""] + [b.text for b in reversed(before[-3:])]
    for t in texts:
        m = _UNIT.search(t or "")
        if m:
            return m.group(1)
    m = _CAPTION_UNIT.search(table.caption or "")
    return m.group(1) if m else None

"""Reading contract tables the way the rules need them: totals, columns, merged cells.

Tables arrive as printed strings; covered cells of merges are "". What their words say —
which rows are 合计/小计/总计/总分 rows and where the label stands, which rows repeat a
header, which cells name a 分值, 得分, 执行率 or 支付 column — is read once by
``patterns.table_reading`` (``TableOut.reading``); no header word is matched here. The
helpers take (table, row): they walk a column upward to collect the rows a total covers,
find a column by the meaning its header names, and find a self-assessment's budget block
(分值 of 执行率 printed outside the indicator table).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from checker.numbers import Printed, parse_cell
from extractor.contract import Report, TableOut
from patterns import table_reading
from patterns.lazyre import re
from patterns.lexicon import money_scale
from patterns.table_roles import BLANKS

# column meanings a header cell can name (patterns.table_reading keys)
WEIGHT, WEIGHT_ELSE, SCORE, RATE = "score.weight", "score.weight_else", "score.score", "score.rate"


@lru_cache(maxsize=65536)
def norm(text: str | None) -> str:
    """Cell text without spaces or line breaks, full-width folded (``合  计`` → ``合计``)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def rounded_scale(table: TableOut) -> float:
    """10⁴ or 10⁸ for a table in 万元 or 亿元 (its figures rounded in that unit), else 1."""
    scale = money_scale(table.unit)
    return scale if scale in (1e4, 1e8) else 1.0


def is_blank(text: str | None) -> bool:
    return norm(text) in BLANKS


def total_label(table: TableOut, r: int) -> tuple[str, int] | None:
    """(``sub`` | ``total``, column) when row ``r`` is a 小计 / 合计 / 总计 / 总分 row (its
    label in the first cells, before any figure: the table's reading says so)."""
    got = table_reading.total(table, r)
    if got is None:
        return None
    return ("sub" if got[0] == "subtotal" else "total"), got[1]


def is_total_cell(table: TableOut, r: int, c: int) -> bool:
    """Whether cell (``r``, ``c``) is itself a 合计/小计 label, wherever in the row it stands."""
    return table_reading.says(table, r, c, "total", "subtotal")


def repeated_headers(table: TableOut) -> frozenset[int]:
    """Rows that repeat an earlier row word for word without numbers (headers after a page break)."""
    return table_reading.repeated(table)


def forget_tables() -> None:
    """Drop the per-table caches (called at the start of every ``check``)."""
    table_reading.forget()


def find_col(table: TableOut, r: int | None, *keys: str) -> int | None:
    """First column of row ``r`` whose header names any of ``keys`` (``score.weight``,
    ``recompute.spent``, ``monitoring.stage`` …: ``patterns.table_reading``)."""
    return table_reading.col(table, r, *keys)


def find_cols(table: TableOut, r: int | None, *keys: str) -> list[int]:
    """Every column of row ``r`` whose header names any of ``keys``, left to right."""
    return table_reading.cols(table, r, *keys)


def says(table: TableOut, r: int | None, c: int, *keys: str) -> bool:
    """Whether cell (``r``, ``c``) names any of ``keys``."""
    return table_reading.says(table, r, c, *keys)


def cell(table: TableOut, r: int, c: int) -> str:
    row = table.rows[r]
    return row[c] if c < len(row) else ""


def column_run(table: TableOut, total_row: int, col: int, sub: bool) -> tuple[list[tuple[int, Printed]], int | None]:
    """The numbers a total in ``(total_row, col)`` covers, walking up the column.

    Stops at the column header (a non-numeric cell), at the previous total (for a 小计 also
    at the previous 小计); skips 小计 rows under a 合计, blank cells and repeated headers.
    Returns the items and the header row index (None if the walk reached the top or a
    total; -1 if it stopped at a word inside a row of numbers: the column is misaligned,
    as when a page break shifted a row, and must not be summed).
    """
    items: list[tuple[int, Printed]] = []
    skip = repeated_headers(table)
    for r in range(total_row - 1, -1, -1):
        lab = total_label(table, r)
        if lab is not None:
            if lab[0] == "sub" and not sub:
                continue
            items.reverse()
            return items, None
        if r in skip:
            continue
        text = cell(table, r, col)
        if is_blank(text):
            continue
        p = parse_cell(text)
        if p is None:
            items.reverse()
            return items, (r if header_like(table.rows[r]) else -1)
        items.append((r, p))
    items.reverse()
    return items, None


def header_like(row: list[str]) -> bool:
    """A row of words only (at least two), as column headers are."""
    cells = [c for c in row if not is_blank(c)]
    return len(cells) >= 2 and not any(parse_cell(c) for c in cells)


def header_text(table: TableOut, header_row: int | None, col: int) -> str:
    if header_row is None or header_row < 0:
        return ""
    return norm(cell(table, header_row, col))


def additive(table: TableOut, header_row: int | None, col: int, total_text: str) -> bool:
    """Whether a column adds up, by its header cell (``header_row``, ``col``): not rates,
    prices, years or serial numbers; 权重 does; a column with no header word, unless its
    total is a percentage."""
    if says(table, header_row, col, "additive"):
        return True
    if says(table, header_row, col, "non_additive"):
        return False
    return "%" not in norm(total_text)


def filled(table: TableOut) -> list[list[str]]:
    """Rows with covered cells of merges given their origin's text (for remarks spanning rows)."""
    grid = [list(r) for r in table.rows]
    for span in table.spans:
        if len(span) != 4:
            continue
        r0, c0, rs, cs = span
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        text = grid[r0][c0]
        for r in range(r0, min(r0 + rs, len(grid))):
            for c in range(c0, min(c0 + cs, len(grid[r]))):
                if not grid[r][c]:
                    grid[r][c] = text
    return grid


def budget_block(report: Report, table_id: str | None, before: int | None = None) -> tuple[float, float | None, str, int] | None:
    """(分值, 得分, table id, row) of the self-assessment budget block for a score table.

    Looks in the table itself above its indicator rows (``before``: the nearest block above
    that row, for a sheet that stacks several forms), then in the tables before it, stopping
    at a table that has its own 总分 (that one belongs to the previous project).
    """
    ids = [t.id for t in report.tables]
    if table_id not in ids:
        return None
    start = ids.index(table_id)
    for k in range(start, -1, -1):
        t = report.tables[k]
        if k != start and any(total_label(t, r) for r in range(len(t.rows))):
            return None
        found = None
        for r in range(len(t.rows)):
            if k == start and before is not None and r >= before:
                break
            pc, rc = find_col(t, r, WEIGHT) or find_col(t, r, WEIGHT_ELSE), find_col(t, r, RATE)  # 四川/重庆: 权重
            if pc is None or rc is None:
                continue
            sc = find_col(t, r, SCORE)
            for r2 in range(r + 1, len(t.rows)):
                p = parse_cell(cell(t, r2, pc))
                if p is not None:
                    s = parse_cell(cell(t, r2, sc)) if sc is not None else None
                    found = (p.value, (s.value if s else None), t.id, r2)
                    break
            if found is not None and (before is None or k != start):
                return found
        if found is not None:
            return found
    return None


def row_code(row: list[str], first_cols: int = 3) -> str | None:
    """A classification code (201 / 20105 / 2010506, or 类 | 款 | 项 in separate cells).

    Budget tables list 类, 款 and 项 rows together; a 合计 covers only the top level, and
    each parent must equal the sum of its children.
    """
    digits = ""
    for c in row[:first_cols]:
        t = norm(c)
        if not t:
            continue
        if not t.isdigit():
            break
        digits += t
    return digits if len(digits) >= 3 else None


def value_right_of(row: list[str], c: int) -> tuple[Printed | None, int | None]:
    """The first non-blank cell right of ``c`` (a key-value form's value), parsed."""
    for k in range(c + 1, len(row)):
        if not is_blank(row[k]) or norm(row[k]) in ("0", "-"):
            return parse_cell(row[k]) if norm(row[k]) != "-" else Printed(0.0, 0), k
    return None, None


@dataclass(frozen=True)
class AlignedTotals:
    """A 总分/合计 row's two score totals read against the 分值/得分 columns they belong to.

    ``printed`` maps the column a total is printed in to its score column; ``runs`` gives, per
    score column, the detail rows' figures (row, number) with each row aligned on its own;
    ``cells`` says where each of those figures is printed, ``(score column, row) → column``.
    """

    header: int
    printed: dict[int, int]
    heads: dict[int, str]
    runs: dict[int, list[tuple[int, Printed]]]
    cells: dict[tuple[int, int], int]


def cell_of(row: list[str], c: int) -> str:
    """A row's cell ``c``, "" beyond its end or before its start (rows of OCR tables run short)."""
    return row[c] if 0 <= c < len(row) else ""


def _score_number(text: str | None) -> Printed | None:
    """A cell's number unless it is a percentage: a 分值 or 得分 is points, a ``>=95%`` is a target."""
    p = parse_cell(text)
    return p if p is not None and p.unit != "%" else None


def _score_header(table: TableOut, total_row: int, sub: bool) -> tuple[int, int, int] | None:
    """(row, 分值 column, 得分 column) of the score header nearest above ``total_row``.

    The walk stops at an earlier total (a 合计 passes over 小计 rows): a header above it
    belongs to another form of the same table (seed 002 prints four forms in one table).
    """
    for h in range(total_row - 1, -1, -1):
        lab = total_label(table, h)
        if lab is not None:
            if lab[0] == "sub" and not sub:
                continue
            return None
        wc, sc = find_col(table, h, WEIGHT), find_col(table, h, SCORE)
        if wc is not None and sc is not None and wc < sc:
            return h, wc, sc
    return None


def _row_pair(row: list[str], wc: int, sc: int) -> tuple[tuple[int, Printed] | None, tuple[int, Printed] | None] | None:
    """A detail row's (分值, 得分) as ((column, number) | None, ...), or None when unreadable.

    A row aligned with the header keeps its cells; a row whose numbers end one or more
    columns short of the 得分 column (an OCR line that lost a cell) has its last two numbers
    taken as 分值 then 得分, provided they stand as far apart as the two headers.
    """
    w, s = _score_number(cell_of(row, wc)), _score_number(cell_of(row, sc))
    nums = [(c, p) for c in range(min(len(row), sc + 1)) if (p := _score_number(row[c])) is not None]
    if w is not None and s is not None:
        return (wc, w), (sc, s)
    if not nums:
        return None, None
    if w is not None and is_blank(cell_of(row, sc)) and _score_number(cell_of(row, wc - 1)) is None:
        return (wc, w), None  # a row with no 得分 printed
    if s is not None and is_blank(cell_of(row, wc)):
        return None, (sc, s)  # a row with no 分值 printed
    if len(nums) >= 2:
        (c1, p1), (c2, p2) = nums[-2:]
        if c2 - c1 == sc - wc and c2 < sc and all(is_blank(cell_of(row, k)) for k in range(c2 + 1, sc + 1)):
            return (c1, p1), (c2, p2)
    return None


def aligned_score_totals(table: TableOut, total_row: int, ocr: bool = False) -> AlignedTotals | None:
    """The 分值/得分 totals of a 总分/合计 row whose figures stand off the score columns.

    OCR drops empty cells, so a 总分 row can print ``总分 | | 100 | 98.00`` under headers
    whose 分值 and 得分 sit one column to the right; walking the printed columns up then
    sums 分值 rows against the 得分 total (seed 002 宣传与推广: 80 against 98). When the
    row's figures are not at the header's 分值/得分 columns, and the table is on an OCR page
    or the row holds exactly two figures, its last two figures are taken as the 分值 total
    then the 得分 total, and every detail row is aligned the same way on its own. None when
    the row is aligned already, has no score header above it, or a detail row cannot be
    read as a (分值, 得分) pair: the caller then walks the columns as printed.
    """
    lab = total_label(table, total_row)
    if lab is None:
        return None
    sub = lab[0] == "sub"
    row = table.rows[total_row]
    figures = [(c, p) for c in range(lab[1] + 1, len(row)) if (p := parse_cell(row[c])) is not None]
    if len(figures) < 2 or not (ocr or len(figures) == 2) or any(p.unit == "%" for _, p in figures[-2:]):
        return None  # settled from the row alone, before any walk up the table
    head = _score_header(table, total_row, sub)
    if head is None:
        return None
    h, wc, sc = head
    if _score_number(cell_of(row, wc)) is not None and _score_number(cell_of(row, sc)) is not None:
        return None
    (t1, _), (t2, _) = figures[-2:]
    runs: dict[int, list[tuple[int, Printed]]] = {wc: [], sc: []}
    cells: dict[tuple[int, int], int] = {}
    skip = repeated_headers(table)
    for r in range(total_row - 1, h, -1):
        rl = total_label(table, r)
        if rl is not None:
            if rl[0] == "sub" and not sub:
                continue
            break
        if r in skip:
            continue
        pair = _row_pair(table.rows[r], wc, sc)
        if pair is None:
            return None
        for col, got in zip((wc, sc), pair, strict=True):
            if got is not None:
                runs[col].append((r, got[1]))
                cells[(col, r)] = got[0]
    for items in runs.values():
        items.reverse()
    heads = {wc: norm(table.rows[h][wc]), sc: norm(table.rows[h][sc])}
    return AlignedTotals(h, {t1: wc, t2: sc}, heads, runs, cells)

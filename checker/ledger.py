"""Arithmetic on annotated tables: what a total covers, read from the roles ``patterns`` gave.

``patterns.table_roles`` has already said which columns are money, which rows are totals
and details, which 科目 is whose parent, and where a two-sided table splits. This module
only walks those roles: no header word is matched here. A blank cell is "not printed":
it never enters a sum as 0, and a parent whose children are all blank is not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.numbers import Printed, parse_cell
from extractor.contract import ColumnRole, RowRole, TableOut, TablePart
from patterns.table_roles import identity_groups, text_column, total_column, total_rank

# the standard tables of 部门预算/决算, read by roles (performance forms keep their own
# readers): ``identity_groups.ledger`` in patterns/data/tables.json
LEDGER_IDENTITIES = identity_groups()["ledger"]
FIGURES = ("amount",)


def is_ledger(table: TableOut) -> bool:
    """A 部门预算/决算 table (by identity, by its code columns, or by its two sides)."""
    if not table.parts or any(c.semantic in ("分值", "得分") for c in table.columns):
        return False  # a score table (分值 | 评分标准 | 得分) is read by the indicator rules
    if table.identity in LEDGER_IDENTITIES:
        return True
    if any(c.role == "code" for c in table.columns):
        return True
    return len(table.parts) > 1 and all(
        {"label", "amount"} <= {c.role for c in table.columns if c.part == k} for k in range(len(table.parts))
    )


@dataclass(frozen=True)
class Figure:
    row: int
    col: int  # the physical column the figure is printed in
    value: Printed


def part_columns(table: TableOut, k: int, roles: tuple[str, ...] = FIGURES) -> list[ColumnRole]:
    return [c for c in table.columns if c.part == k and c.role in roles]


def figure(table: TableOut, r: int, col: ColumnRole) -> Figure | None:
    """The number printed in ``col`` on row ``r`` (any of its physical columns), else None.

    Read from the contract's ``values`` (parsed once by patterns); a JSON without them is
    parsed here with the same parser.
    """
    row = table.rows[r]
    values = table.values[r] if r < len(table.values) else None
    for c in col.cols:
        if c >= len(row):
            continue
        if values is not None and c < len(values):
            v = values[c]
            p = Printed(v.value, v.decimals, v.unit) if v is not None else None
        else:
            p = parse_cell(row[c])
        if p is not None and p.unit != "%":
            return Figure(r, c, p)
    return None


def is_total(role: RowRole) -> bool:
    return role.role in ("total", "subtotal")


def orientation(part: TablePart, first: int) -> str:
    """``down`` when the part's first data row is a total (totals head their details)."""
    for role in part.rows[first:]:
        if role.role in ("blank", "repeated_header", "note"):
            continue
        return "down" if is_total(role) else "up"
    return "up"


def covered(part: TablePart, t: int, first: int, direction: str) -> list[int]:
    """The rows a total at ``t`` adds up, in ``direction``: top-level details and the
    lower-ranked totals between it and the next total of its rank (their own rows skipped).
    """
    rows = part.rows
    own = total_rank(rows[t])
    out: list[int] = []
    if direction == "up":
        r = t - 1
        while r >= first:
            role = rows[r]
            if is_total(role):
                if total_rank(role) >= own:
                    break
                out.append(r)
                inner = covered(part, r, first, "up")
                r = (min(inner) if inner else r) - 1
                continue
            if role.role == "detail" and role.parent is None:
                out.append(r)
            r -= 1
        out.reverse()
        return out
    r = t + 1
    while r < len(rows):
        role = rows[r]
        if is_total(role):
            if total_rank(role) >= own:
                break
            out.append(r)
            inner = covered(part, r, first, "down")
            r = (max(inner) if inner else r) + 1
            continue
        if role.role == "detail" and role.parent is None:
            out.append(r)
        r += 1
    return out


def top_level(part: TablePart, rows: list[int]) -> list[int]:
    """Among details, only the highest level: code rows of the shortest code, numbered rows
    of the smallest depth (a ``（一）`` under a ``一、`` is inside it)."""
    details = [r for r in rows if not is_total(part.rows[r])]
    levels = {part.rows[r].level for r in details if part.rows[r].level is not None}
    if len(levels) < 2:
        return rows
    top = min(levels)
    return [r for r in rows if is_total(part.rows[r]) or part.rows[r].level in (None, top)]


def children(part: TablePart, r: int) -> list[int]:
    """The detail rows whose parent is row ``r``."""
    return children_of(part).get(r, [])


def children_of(part: TablePart, role_name: str = "detail") -> dict[int, list[int]]:
    """Row → its rows of role ``role_name`` (``detail``; ``part_of`` for its 其中 rows) by
    ``parent``, for every row at once: one pass over the part, not one per row (a 5,000-row
    决算 table made that 25 million steps)."""
    out: dict[int, list[int]] = {}
    for k, role in enumerate(part.rows):
        if role.parent is not None and role.role == role_name:
            out.setdefault(role.parent, []).append(k)
    return out


def cross_groups(table: TableOut, k: int) -> list[tuple[ColumnRole, list[ColumnRole]]]:
    """(total column, its component columns) of part ``k``, from the header paths.

    A column headed ``…/合计`` (``小计``, ``总计``) adds up its siblings under the same
    header path: a sibling leaf counts itself, a sibling group counts its own 小计/合计
    column (三公: 合计 = “三公”经费 小计 + 会议费 + 培训费; 小计 = 出国 + 用车 小计 + 接待).
    A group without a total column of its own is not guessed at.
    """
    # a column printed blank on every row still stands in its group: a 三公 table of a unit
    # with 公务接待费 alone (合计 1.80 | 出国 blank | 用车 blank | 接待 1.80) is checked too
    cols = [c for c in part_columns(table, k, (*FIGURES, "empty")) if c.role != "empty" or not text_column(c.header)]
    paths = {id(c): c.header.split("/") if c.header else [] for c in cols}
    out: list[tuple[ColumnRole, list[ColumnRole]]] = []
    for t in cols:
        path = paths[id(t)]
        if not path or total_column(t.header) is None:
            continue
        prefix = path[:-1]
        comps: list[ColumnRole] = []
        groups: dict[str, list[ColumnRole]] = {}
        for c in cols:
            p = paths[id(c)]
            if c is t or len(p) <= len(prefix) or p[: len(prefix)] != prefix:
                continue
            rest = p[len(prefix) :]
            if len(rest) == 1:
                comps.append(c)
            else:
                groups.setdefault(rest[0], []).append(c)
        ok = True
        for members in groups.values():
            tot = [c for c in members if total_column(c.header) is not None and len(paths[id(c)]) == len(prefix) + 2]
            if len(tot) != 1:
                ok = False
                break
            comps.append(tot[0])
        if ok and len(comps) >= 2:
            comps.sort(key=lambda c: c.col)
            out.append((t, comps))
    return out


def doubtful(table: TableOut, k: int) -> str | None:
    """Why part ``k`` cannot be read with certainty, or None: a table with no header of
    its own (a page's continuation read apart), or rows whose figures lost their name
    (a name wrapped over two lines and split into two rows): which rows a total covers
    is then a guess, and a mismatch is a ``warning``, not an ``error``."""
    if not table.header_rows:
        return "本表无表头（或为上页表格的续页），读法存疑"
    part = table.parts[k]
    cols = part_columns(table, k)
    has_label = any(c.role == "label" and c.part == k for c in table.columns)
    for r, role in enumerate(part.rows):
        if role.role == "detail" and not role.label and not role.code and has_label and any(figure(table, r, c) for c in cols):
            return f"第 {r} 行有数字而无科目名称（名称折行被拆成两行），各行归属存疑"
    return None

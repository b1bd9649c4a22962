"""Vertical and horizontal sums inside one table (auditors' footing and cross-footing)."""

from __future__ import annotations

from checker import ledger
from checker.finding import at_table, finding, table_name
from checker.numbers import Printed, fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.shortfall import Shortfall, aligned_totals, classify, table_shortfall
from checker.tables import (
    additive,
    cell,
    column_run,
    find_cols,
    header_like,
    header_text,
    is_blank,
    is_total_cell,
    norm,
    rounded_scale,
    row_code,
    says,
    total_label,
    value_right_of,
)
from checker.tolerance import explain, point, printed_interval, severity, total, verdict
from extractor.contract import Finding, Report, TableOut
from patterns.table_roles import total_rank
from patterns.table_roles import vocabulary as table_vocabulary


def top_level(table: TableOut, items: list[tuple[int, Printed]]) -> list[tuple[int, Printed]]:
    """In a 类/款/项 table only the top-level rows add up to the 合计 (the rest are inside them)."""
    codes = {r: row_code(table.rows[r]) for r, _ in items}
    lengths = {len(c) for c in codes.values() if c}
    if len(lengths) < 2:
        return items
    top = min(lengths)
    return [(r, p) for r, p in items if codes[r] and len(codes[r]) == top]


def _row_name(table: TableOut, r: int) -> str:
    lab = total_label(table, r)
    return norm(table.rows[r][lab[1]]) if lab else f"第 {r} 行"


def _check_total_row(report: Report, table: TableOut, r: int) -> list[Finding]:
    """One total row against the rows it covers, column by column.

    A score table's 总分 row whose 分值/得分 totals stand off their columns (OCR) is read
    through ``aligned_totals``: its 分值 total against the 分值 rows, its 得分 total against
    the 得分 rows, never a 得分 total against a column of 分值 (seed 002 宣传与推广 printed
    ``总分 | | 100 | 98.00`` one column left of 分值 | 得分).
    """
    kind, lcol = total_label(table, r)
    out: list[Finding] = []
    skip_cols: set[int] = set()
    sf = table_shortfall(report, table, r)
    if sf is not None and classify(sf[0]) in ("budget", "lost"):
        skip_cols = {sf[1]} | ({sf[2]} if sf[2] is not None else set())
    aligned = aligned_totals(report, table, r)
    for c in range(lcol + 1, len(table.rows[r])):
        tot = parse_cell(cell(table, r, c))
        if tot is None or c in skip_cols:
            continue
        if aligned is not None:
            if c not in aligned.printed:
                continue  # a stray figure of a row whose two totals are read elsewhere
            col = aligned.printed[c]
            items, hdr, head = aligned.runs[col], aligned.header, aligned.heads[col]
        else:
            col = c
            items, hdr = column_run(table, r, c, kind == "sub")
            if not items and hdr == r - 1 and kind == "total" and sf is None:
                items = _run_below(table, r, c)  # a 合计 printed right under the header, above its details
            head = header_text(table, hdr, c)
        if not items or hdr == -1 or not additive(table, hdr, col, cell(table, r, c)) or (kind == "total" and len(items) < 2):
            continue
        items = top_level(table, items)
        value = sum(p.value for _, p in items)
        points = _budget_points(sf, c)
        iv = total([printed_interval(p.value, p.decimals, p.unit, whole_exact=rounded_scale(table) == 1.0) for _, p in items] + [point(points)])
        v = verdict(value + points, tot.value, tot.decimals, computed_interval=iv)
        sev = severity(v)
        if sev is None:
            continue
        rows = f"第 {items[0][0]}–{items[-1][0]} 行" if len(items) > 1 else f"第 {items[0][0]} 行"
        d = max([tot.decimals] + [p.decimals for _, p in items])
        budget = f"，加预算执行率 {fmt(points)} 分为 {fmt(value + points, d)}" if points else ""
        moved = f"（总分行的数字较表头错位，按“{head}”列读）" if aligned is not None else ""
        msg = (
            f"{table_name(table)}“{head or f'第 {c} 列'}”列{rows}之和为 {fmt(value, d)}{budget}，"
            f"而{_row_name(table, r)}行印为 {fmt(tot.value, tot.decimals)}{moved}（差 {fmt(tot.value - value - points, d)}）；"
            f"{explain(v, tot.decimals)}"
        )
        first_col = aligned.cells.get((col, items[0][0]), col) if aligned is not None else col
        locs = [at_table(table, r, c), at_table(table, items[0][0], first_col)]
        out.append(finding("sum.rows", sev, msg, value, tot.value, locs))
    return out


def _run_below(table: TableOut, r: int, c: int) -> list[tuple[int, Printed]]:
    """The figures a 合计 standing above its details covers: column ``c`` from the row under it
    to the next total or row of words (blank cells skipped). Workbooks often put the 合计 first,
    under the header, as the 年度资金总额 of a form stands above its 其中. Only a block the form
    closes with words is summed: a run to the table's end, or over 类/款/项 codes, may nest."""
    items: list[tuple[int, Printed]] = []
    for k in range(r + 1, len(table.rows)):
        if total_label(table, k) is not None or header_like(table.rows[k]):
            return items  # a row of words closes the block: the form goes on (年度总体目标 …)
        if row_code(table.rows[k]) is not None:
            return []  # 类/款/项 rows nest: the ledger rules say what a total covers there
        text = cell(table, k, c)
        if is_blank(text):
            continue
        p = parse_cell(text)
        if p is None:
            return items
        items.append((k, p))
    # running to the table's end, the rows may nest (a 部门预算 table's 合计 first, then 类 and
    # their 款 without codes): not summed
    return []


def _budget_points(sf: tuple[Shortfall, int, int | None] | None, c: int) -> float:
    """The budget block's points a self-assessment's 总分 counts in column ``c`` (0 elsewhere).

    The 分值 (and 得分) of 预算执行率 are printed above the indicator table, so its rows add
    up to 90 of 100: the 总分 is compared with rows + block, and the message names the block
    lest a reader take its 10 points for the error. The finding's ``expected`` stays the
    rows' own sum, the figure the table itself adds up to.
    """
    if sf is None:
        return 0.0
    short, wcol, scol = sf
    return short.budget_points if c == wcol else (short.budget_score if c == scol else 0.0)


@rule("sum.rows", "error", "表内明细行之和与合计/小计行不符")
def sum_rows(report: Report, config: CheckConfig) -> list[Finding]:
    """Each 合计/小计/总计/总分 row against the numeric detail rows it covers, column by column.

    A 小计 covers the rows since the previous 小计 or 合计; a 合计 covers all detail rows
    since the previous 合计 (小计 rows excluded). Rate and price columns are not summed.
    """
    out: list[Finding] = []
    for table in report.tables:
        if ledger.is_ledger(table):
            out.extend(_ledger_rows(table))
            continue
        for r in range(len(table.rows)):
            if total_label(table, r):
                out.extend(_check_total_row(report, table, r))
    return out


def _numeric_below(table: TableOut, h: int, c: int) -> bool:
    """Whether column ``c`` holds numbers (or blanks) in every row under header row ``h``."""
    rows = range(h + 1, len(table.rows))
    return any(parse_cell(cell(table, r, c)) for r in rows) and all(
        is_blank(x := cell(table, r, c)) or parse_cell(x) or is_total_cell(table, r, c) for r in rows
    )


def _first_data_row(table: TableOut) -> int | None:
    for r, row in enumerate(table.rows):
        if any(parse_cell(x) for x in row):
            return r
    return None


def _span_over(table: TableOut, col: int, above: int) -> tuple[int, int] | None:
    """Columns [a, b) of the nearest header span above row ``above`` that covers ``col``."""
    best = None
    for r0, c0, _rs, cs in (s for s in table.spans if len(s) == 4):
        if r0 < above and cs > 1 and c0 <= col < c0 + cs and (best is None or r0 > best[0]):
            best = (r0, c0, c0 + cs)
    return (best[1], best[2]) if best else None


def cross_groups(table: TableOut) -> list[tuple[int, list[int]]]:
    """(total column, its component columns) from the header block.

    With spans: a 合计 covers the columns of the header span above it, a sub-group with its
    own 小计 counted by that 小计 alone; a 小计 covers the other columns of its span. Without
    spans only a single 合计/总计 column that is first or last among the numeric columns.
    """
    first = _first_data_row(table)
    if first is None or first == 0:
        return []
    numeric = [c for c in range(len(table.rows[first])) if _numeric_below(table, first - 1, c)]
    totals: dict[int, int] = {}
    for h in range(first):
        for c in find_cols(table, h, "column.total", "column.subtotal"):
            if c in numeric:
                totals.setdefault(c, h)
    out: list[tuple[int, list[int]]] = []
    if not table.spans:
        if len(totals) == 1:
            t = next(iter(totals))
            if t == numeric[0] or t == numeric[-1]:
                out.append((t, [c for c in numeric if c != t]))
        return out
    for t, h in totals.items():
        rng = _span_over(table, t, h) if says(table, h, t, "column.subtotal") else _span_over(table, t, h) or (0, len(table.rows[first]))
        if rng is None:
            continue
        comps = [c for c in numeric if rng[0] <= c < rng[1] and c != t]
        for s, hs in totals.items():
            if s == t or not says(table, hs, s, "column.subtotal"):
                continue
            sub = _span_over(table, s, hs)
            if sub and rng[0] <= sub[0] and sub[1] <= rng[1] and sub != rng:
                comps = [c for c in comps if not (sub[0] <= c < sub[1]) or c == s]
        if comps:
            out.append((t, comps))
    return out


@rule("sum.cross", "error", "行内各列之和与合计列不符")
def sum_cross(report: Report, config: CheckConfig) -> list[Finding]:
    """Horizontal cross-sums: each row's component columns against its 合计/小计 column.

    Components come from the header spans (``cross_groups``); seed-like 三公经费 tables:
    合计 22.91 = 因公出国 0 + 公务接待 1.35 + 公务用车 小计 21.56, and 小计 = 购置 0 + 运行 21.56.
    """
    out: list[Finding] = []
    for table in report.tables:
        if ledger.is_ledger(table):
            out.extend(_ledger_cross(table))
            continue
        first = _first_data_row(table)
        for tcol, cols in cross_groups(table):
            for r in range(first, len(table.rows)):
                tot = parse_cell(cell(table, r, tcol))
                vals = [(c, parse_cell(cell(table, r, c))) for c in cols if not is_blank(cell(table, r, c))]
                if tot is None or not vals or any(p is None for _, p in vals):
                    continue
                value = sum(p.value for _, p in vals)
                iv = total([printed_interval(p.value, p.decimals, p.unit, whole_exact=rounded_scale(table) == 1.0) for _, p in vals])
                v = verdict(value, tot.value, tot.decimals, computed_interval=iv)
                sev = severity(v)
                if sev is None:
                    continue
                names = "、".join(_col_name(table, first, c) for c, _ in vals)
                msg = (
                    f"{table_name(table)}第 {r} 行 {names} 之和为 {fmt(value)}，"
                    f"而“{_col_name(table, first, tcol)}”列印为 {fmt(tot.value, tot.decimals)}（差 {fmt(tot.value - value)}）；"
                    f"{explain(v, tot.decimals)}"
                )
                out.append(finding("sum.cross", sev, msg, value, tot.value, [at_table(table, r, tcol)]))
    return out


def _label(row: list[str]) -> str:
    """A row's name: its first cell that is neither blank nor a number."""
    return next((norm(x) for x in row if not is_blank(x) and not norm(x).isdigit() and parse_cell(x) is None), "")


def _head_row(table: TableOut, first: int, c: int) -> int | None:
    """The row of a column's lowest non-empty header cell above row ``first``."""
    return next((h for h in range(first - 1, -1, -1) if norm(cell(table, h, c))), None)


def _col_name(table: TableOut, first: int, c: int) -> str:
    """The lowest non-empty header word of a column."""
    h = _head_row(table, first, c)
    return norm(cell(table, h, c)) if h is not None else f"第 {c} 列"


@rule("sum.nested", "error", "上级科目金额与其下级科目之和不符")
def sum_nested(report: Report, config: CheckConfig) -> list[Finding]:
    """In 类/款/项 tables each parent row against the sum of its direct children, per column."""
    out: list[Finding] = []
    for table in report.tables:
        if ledger.is_ledger(table):
            out.extend(_ledger_nested(table))
            continue
        codes = [(r, row_code(row)) for r, row in enumerate(table.rows)]
        codes = [(r, c) for r, c in codes if c]
        if len({len(c) for _, c in codes}) < 2:
            continue
        first = _first_data_row(table) or 0
        for r, code in codes:
            kids = [k for k, c in codes if c != code and c.startswith(code)]
            if not kids:
                continue
            step = min(len(codes_k) for k, codes_k in codes if k in kids)
            kids = [k for k, c in codes if k in kids and len(c) == step]
            label_col = next((k for k, x in enumerate(table.rows[r]) if norm(x) == _label(table.rows[r])), 0)
            for col in range(label_col + 1, len(table.rows[r])):
                tot = parse_cell(cell(table, r, col))
                if tot is None or not additive(table, _head_row(table, first, col), col, cell(table, r, col)):
                    continue
                vals = [parse_cell(cell(table, k, col)) for k in kids]
                vals = [p for p in vals if p is not None]
                value = sum(p.value for p in vals)
                v = verdict(value, tot.value, tot.decimals)
                sev = severity(v)
                if sev is None or (not vals and tot.value == 0):
                    continue
                msg = (
                    f"{table_name(table)}科目 {code}“{_label(table.rows[r])}”"
                    f"“{_col_name(table, first, col)}”列为 {fmt(tot.value, tot.decimals)}，其下 {len(kids)} 个下级科目之和为 "
                    f"{fmt(value)}（差 {fmt(tot.value - value)}）；{explain(v, tot.decimals)}"
                )
                out.append(finding("sum.nested", sev, msg, value, tot.value, [at_table(table, r, col)]))
    return out


_PART_LABEL_MAX = 12  # a part's label is short: 其中：当年财政拨款, 上年结转资金


def _form_label(text: str | None) -> str:
    """A money-block label as the vocabulary spells it: no spaces, no closing colon (``年度资金总额:``)."""
    return norm(text).rstrip(":")


@rule("sum.form", "error", "申报表资金总额与其构成之和不符")
def sum_form(report: Report, config: CheckConfig) -> list[Finding]:
    """A form's 项目资金总额 = 财政资金 + 其他资金 and 年度资金申请总额 = 当年财政拨款 + 上年结转
    资金 + 其他资金: the components are the labels below the total, column by column (a block
    of 中期 and 年度 columns adds up in each)."""
    out: list[Finding] = []
    for table in report.tables:
        for r, row in enumerate(table.rows):
            for c in find_cols(table, r, "form.total"):
                label = _form_label(row[c])
                first, fc = value_right_of(row, c)
                if first is None:
                    continue
                cols = [fc] + [k for k in range(fc + 1, len(row)) if parse_cell(row[k]) is not None and row[k] != row[k - 1]]
                for tc in cols:
                    out += _form_column(table, r, c, tc, label)
    return out


def _form_column(table: TableOut, r: int, c: int, tc: int, label_total: str) -> list[Finding]:
    """The total printed in column ``tc`` against the parts below it in the same column."""
    tot = parse_cell(table.rows[r][tc])
    if tot is None:
        return []
    first_col = value_right_of(table.rows[r], c)[1]
    parts = []
    for r2 in range(r + 1, min(r + 5, len(table.rows))):
        label = _form_label(cell(table, r2, c))
        if not label:
            continue
        if not says(table, r2, c, "form.part") or says(table, r2, c, "form.total") or len(label) > _PART_LABEL_MAX:
            break  # the block ended (the 年度绩效目标 text below it says 资金使用规范 too)
        # the first figure column reads each part's first value; a later column (年度) its own cell
        p, pc = value_right_of(table.rows[r2], c) if tc == first_col else (parse_cell(cell(table, r2, tc)), tc)
        if pc is not None and says(table, r2, pc, "form.part"):
            p = None
        parts.append((label, p, r2, pc))
    if len(parts) < 2:
        return []
    blank = [label for label, p, _, _ in parts if p is None]
    parts = [x for x in parts if x[1] is not None]
    if not parts:
        return []
    value = sum(p.value for _, p, _, _ in parts)
    v = verdict(value, tot.value, tot.decimals)
    sev = severity(v)
    # a blank part may be a figure left out (form.funds_blank says so), but it can only add:
    # printed parts already above the total are wrong whatever the blanks hold (总额 0, 其中 90)
    if sev is None or (blank and not (sev == "error" and value > tot.value)):
        return []
    names = " + ".join(f"{label.replace('其中:', '').replace('其中：', '')} {fmt(p.value, p.decimals)}" for label, p, _, _ in parts)
    head = norm(cell(table, r - 1, tc)) if r > 0 else ""
    where = f"“{label_total}”（{head}）" if head and parse_cell(head) is None and head != label_total else f"“{label_total}”"
    return [
        finding(
            "sum.form",
            sev,
            f"{table_name(table)}{where}印为 {fmt(tot.value, tot.decimals)}，而 {names} = {fmt(value, 2)}"
            f"（差 {fmt(tot.value - value, 2)}）；{explain(v, tot.decimals)}"
            + (f"；{'、'.join(b.replace('其中:', '').replace('其中：', '') for b in blank)}未填，只会使总额更大" if blank else ""),
            value,
            tot.value,
            [at_table(table, r, tc)] + [at_table(table, r2, pc) for _, _, r2, pc in parts[:1]],
        )
    ]


# ---- 部门预算/决算 tables, read by the roles patterns.table_roles gave them ----------------


def _ledger_interval(items: list[Printed]):
    """Budget tables' whole 元 are rounded from fen, so every figure stands for ± half a unit."""
    return total([printed_interval(p.value, p.decimals, p.unit, whole_exact=False) for p in items])


def _ledger_rows(table: TableOut) -> list[Finding]:
    """Each total row of each logical part against the rows it covers, per money column.

    The direction comes from the part (a 合计 heading its details covers the rows below); a
    total that does not match its own direction but matches the other is not reported.
    Only top-level rows count (a 类 row covers its 款 and 项), blank cells are not zero, and
    a total over fewer than two printed figures is not a sum.
    """
    out: list[Finding] = []
    first = table.header_rows or 0
    for k, part in enumerate(table.parts):
        cols = ledger.part_columns(table, k)
        direction = ledger.orientation(part, first)
        for t, role in enumerate(part.rows):
            if not ledger.is_total(role):
                continue
            for col in cols:
                tot = ledger.figure(table, t, col)
                if tot is None:
                    continue
                best = None
                for d in (direction, "down" if direction == "up" else "up"):
                    rows = ledger.top_level(part, ledger.covered(part, t, first, d))
                    figs = [f for r in rows if (f := ledger.figure(table, r, col)) is not None]
                    if len(figs) < 2 and not (len(figs) == 1 and len(rows) > 1):
                        continue
                    value = sum(f.value.value for f in figs)
                    v = verdict(value, tot.value.value, tot.value.decimals, computed_interval=_ledger_interval([f.value for f in figs]))
                    if best is None or severity(v) is None or (best[0] == "error" and v != "error"):
                        best = (v, d, figs, value)
                    if severity(v) is None:
                        break
                if best is None or severity(best[0]) is None:
                    continue
                v, d, figs, value = best
                sev = severity(v)
                why = ledger.doubtful(table, k) if sev == "error" else None
                if sev == "error" and not why and d == "down" and value < tot.value.value and not any(
                    ledger.is_total(x) and total_rank(x) >= total_rank(role) for x in part.rows[t + 1 :]
                ):
                    why = f"“{role.label}”之下各行直至本表末行（第 {_last_data_row(part)} 行），或有明细续印于下一页未能读入"
                if sev == "error" and (d != direction or why):
                    sev = "warning"
                d_ = max([tot.value.decimals] + [f.value.decimals for f in figs])
                span = f"第 {figs[0].row}–{figs[-1].row} 行" if len(figs) > 1 else f"第 {figs[0].row} 行"
                side = f"（{part.side}方）" if part.side and len(table.parts) > 1 else ""
                msg = (
                    f"{table_name(table)}{side}“{col.header.rsplit('/', 1)[-1] or f'第 {col.col} 列'}”列"
                    f"{span}之和为 {fmt(value, d_)}，而“{role.label}”行印为 {fmt(tot.value.value, tot.value.decimals)}"
                    f"（差 {fmt(tot.value.value - value, d_)}）；{explain(v, tot.value.decimals)}{'；' + why if why else ''}"
                )
                out.append(finding("sum.rows", sev, msg, value, tot.value.value, [at_table(table, t, tot.col), at_table(table, figs[0].row, figs[0].col)]))
    return out


def _unprefixed(label: str | None) -> str:
    """A 其中 row's name without its ``其中：`` (the message says 其中 once)."""
    text = label or ""
    for prefix in sorted(table_vocabulary()["part_of_prefixes"], key=len, reverse=True):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


@rule("sum.parts_over", "error", "“其中”各项之和超过其所属行")
def parts_over(report: Report, config: CheckConfig) -> list[Finding]:
    """The ``其中`` rows printed right under a row (``3.公务用车费 | 其中:(1)运行维护费 | (2)购置``) against
    that row, per money column: parts above the whole cannot be (a whole printed 0 or blank-filled
    with a part's figure left under it). Only a whole printed right above its first part, with a
    figure of its own (a blank is not zero), in the tables read by roles; not in a 增减 column or
    where a figure is negative (a part's change may exceed its whole's). 桂林 2015 三公表:
    ``3.公务用车费 0 | 其中:(1)公务用车运行维护费 32.65`` → error (the 合计 34.35 = 1.70 + 32.65)."""
    out: list[Finding] = []
    for table in report.tables:
        if not ledger.is_ledger(table):
            continue
        for k, part in enumerate(table.parts):
            for parent, rows in ledger.children_of(part, "part_of").items():
                if rows[0] != parent + 1:
                    continue  # a 其中 under a total or far from its row: whose part it is is a guess
                for col in ledger.part_columns(table, k):
                    if col.semantic == "增减":
                        continue  # a part's change may exceed, or run against, its whole's
                    whole = ledger.figure(table, parent, col)
                    figs = [f for r in rows if (f := ledger.figure(table, r, col)) is not None]
                    if whole is None or not figs or min(f.value.value for f in [whole, *figs]) < 0:
                        continue  # parts never above their whole holds for amounts, not signed figures
                    value = sum(f.value.value for f in figs)
                    iv = _ledger_interval([f.value for f in figs])
                    if value <= whole.value.value or iv.lo <= printed_interval(whole.value.value, whole.value.decimals, None, whole_exact=False).hi:
                        continue
                    d = max([whole.value.decimals] + [f.value.decimals for f in figs])
                    names = " + ".join(f"“{_unprefixed(part.rows[f.row].label)}” {fmt(f.value.value, f.value.decimals)}" for f in figs)
                    msg = (f"{table_name(table)}“{col.header.rsplit('/', 1)[-1] or f'第 {col.col} 列'}”列“{part.rows[parent].label}”行"
                           f"印为 {fmt(whole.value.value, whole.value.decimals)}，而其下“其中”{names}"
                           f"{' = ' + fmt(value, d) if len(figs) > 1 else ''}，部分大于整体（差 {fmt(value - whole.value.value, d)}）")
                    out.append(finding("sum.parts_over", "error", msg, value, whole.value.value,
                                       [at_table(table, parent, whole.col), at_table(table, figs[0].row, figs[0].col)]))
    return out


def _ledger_cross(table: TableOut) -> list[Finding]:
    """Each row's component columns against its 合计/小计 column, groups from header paths."""
    out: list[Finding] = []
    first = table.header_rows or 0
    for k, part in enumerate(table.parts):
        for tcol, comps in ledger.cross_groups(table, k):
            for r in range(first, len(table.rows)):
                if part.rows[r].role in ("header", "repeated_header", "note", "blank"):
                    continue
                tot = ledger.figure(table, r, tcol)
                figs = [f for c in comps if (f := ledger.figure(table, r, c)) is not None]
                if tot is None or not figs:
                    continue
                value = sum(f.value.value for f in figs)
                v = verdict(value, tot.value.value, tot.value.decimals, computed_interval=_ledger_interval([f.value for f in figs]))
                sev = severity(v)
                if sev is None:
                    continue
                why = ledger.doubtful(table, k) if sev == "error" else None
                if why:
                    sev = "warning"
                names = "、".join(c.header.rsplit("/", 1)[-1] for c in comps)
                label = part.rows[r].label or f"第 {r} 行"
                msg = (
                    f"{table_name(table)}“{label}”行 {names} 之和为 {fmt(value)}，"
                    f"而“{tcol.header.rsplit('/', 1)[-1]}”列印为 {fmt(tot.value.value, tot.value.decimals)}"
                    f"（差 {fmt(tot.value.value - value)}）；{explain(v, tot.value.decimals)}{'；' + why if why else ''}"
                )
                out.append(finding("sum.cross", sev, msg, value, tot.value.value, [at_table(table, r, tot.col)]))
    return out


def _last_data_row(part) -> int:
    return max((r for r, role in enumerate(part.rows) if role.role not in ("blank", "note", "repeated_header")), default=-1)


def _ledger_nested(table: TableOut) -> list[Finding]:
    """Each parent 科目 against its printed children, per money column; a parent whose
    children are all blank in a column is not checked there (blank is not zero)."""
    out: list[Finding] = []
    for k, part in enumerate(table.parts):
        cols = ledger.part_columns(table, k)
        kids_of = ledger.children_of(part)
        last_row = _last_data_row(part)
        for r, role in enumerate(part.rows):
            kids = kids_of.get(r, [])
            if not kids or role.code is None:
                continue
            for col in cols:
                tot = ledger.figure(table, r, col)
                figs = [f for kid in kids if (f := ledger.figure(table, kid, col)) is not None]
                if tot is None or not figs:
                    continue
                value = sum(f.value.value for f in figs)
                v = verdict(value, tot.value.value, tot.value.decimals, computed_interval=_ledger_interval([f.value for f in figs]))
                sev = severity(v)
                if sev is None:
                    continue
                cut = ""
                if sev == "error" and (why := ledger.doubtful(table, k)):
                    sev, cut = "warning", "；" + why
                if sev == "error" and value < tot.value.value and kids[-1] == last_row:
                    # the children run to the table's last row: more may stand on the next page
                    sev, cut = "warning", f"；其下级科目排至本表末行（第 {kids[-1]} 行），或有下级科目续印于下一页未能读入"
                blank = len(kids) - len(figs)
                bare = []
                if sev == "error" and value < tot.value.value:
                    bare = [kid for kid in kids if all(ledger.figure(table, kid, c) is None for c in cols)]
                if bare:
                    # a child printed with no figure in any column: unfilled, not necessarily 0
                    sev, cut = "warning", f"；下级科目第 {'、'.join(map(str, bare))} 行整行未印金额，或为漏填"
                unprinted = f"（另 {blank} 个下级科目未印金额，未计入）" if blank else ""
                msg = (
                    f"{table_name(table)}科目 {role.code}“{role.label}”“{col.header.rsplit('/', 1)[-1]}”列为 "
                    f"{fmt(tot.value.value, tot.value.decimals)}，其下 {len(figs)} 个下级科目之和为 {fmt(value)}{unprinted}"
                    f"（差 {fmt(tot.value.value - value)}）；{explain(v, tot.value.decimals)}{cut}"
                )
                out.append(finding("sum.nested", sev, msg, value, tot.value.value, [at_table(table, r, tot.col), at_table(table, figs[0].row, figs[0].col)]))
    return out

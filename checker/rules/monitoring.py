"""Monitoring reports (绩效运行监控报告): the 对比表's stage targets against its actuals, the
project's own 执行率 and 序时进度, and the 年度绩效分解目标调整表 that says which indicators are
tracked, adjusted or deleted this stage."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from checker.finding import (
    at_indicator,
    at_table,
    finding,
    ind_name,
    on_page,
    proj_label,
    row_page,
    table_name,
)
from checker.helpers import months_elapsed
from checker.memo import per_check
from checker.numbers import fmt
from checker.registry import CheckConfig, rule
from checker.tables import cell, filled, find_col, norm
from extractor.contract import Claim, Finding, Indicator, Location, Report, TableOut, Value
from patterns.lazyre import re
from patterns.rule_words import monitoring_rule_words
from patterns.values import parse_value

# ---------------------------------------------------------------- monitoring reports: stage targets

_WORDS = monitoring_rule_words()


def _col(t: TableOut, h: int, *names: str) -> int | None:
    """The first column of row ``h`` whose header names any of the monitoring columns ``names``
    (name 三级, stage 本阶段, actual, annual, track 跟踪目标, flag 是否跟踪, kind 调整类型, target)."""
    return find_col(t, h, *(f"monitoring.{n}" for n in names))


def _head_cols(t: TableOut, need: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    """(header row, {name: column}) for the first of the top rows that names every column in ``need``."""
    for h in range(min(3, len(t.rows))):
        cols = {k: _col(t, h, k) for k in need}
        if all(c is not None for c in cols.values()) and len(set(cols.values())) == len(cols):
            return h, cols
    return None


def _levels(t: TableOut, h: int, upto: int) -> list[str]:
    """Each row's level cells (一级/二级指标, left of column ``upto``) with blanks read as the
    value above them, merged or not (a text table has no spans); a new level-1 clears level 2."""
    grid = filled(t)
    carried = [""] * upto
    out = []
    for r in range(len(t.rows)):
        for c in range(upto):
            x = norm(grid[r][c]) if c < len(grid[r]) else ""
            if x and r > h:
                carried[c] = x
                carried[c + 1 :] = [""] * (upto - c - 1)
        out.append("".join(carried))
    return out


def _stage_rows(t: TableOut) -> list[tuple[int, str, str, Value, Value | None]]:
    """(row, level, name, 本阶段应完成 value, 实际完成 value) of a monitoring 对比表."""
    found = _head_cols(t, ("name", "stage", "actual"))
    if found is None:
        return []
    h, cols = found
    levels = _levels(t, h, cols["name"])
    out = []
    for r in range(h + 1, len(t.rows)):
        name = norm(cell(t, r, cols["name"]))
        if not name or name == norm(t.rows[h][cols["name"]]):
            continue  # blank, or the header repeated after a page break
        level = levels[r]
        actual = parse_value(cell(t, r, cols["actual"])) if norm(cell(t, r, cols["actual"])) else None
        out.append((r, level, name, parse_value(cell(t, r, cols["stage"])), actual))
    return out


def _verdicts(report: Report, what: str) -> list[Claim]:
    """Sentences read as a verdict ``what`` (无偏离, 完成支出计划: ``patterns/prose.py``), those
    about one indicator (该指标) left out."""
    return [c for c in report.claims if c.kind == "verdict" and c.field == what and not any(w in c.text for w in _WORDS.one_indicator)]


def _short(names: list[str]) -> list[str]:
    """Names without the prefix they all share (``全国省市“两会”等重大活动现场值守交通经费`` → ``交通经费``)."""
    if len(names) < 2:
        return names
    n = len(names[0])
    for other in names[1:]:
        n = min(n, next((i for i, (a, b) in enumerate(zip(names[0], other, strict=False)) if a != b), min(len(names[0]), len(other))))
    return [x[n:] if len(x) - n >= 2 else x for x in names]


def _where(t: TableOut, r: int | None = None) -> str:
    page = f"第 {row_page(t, r)} 页" if t.pages else ""
    row = f"行 {r}" if r is not None else ""
    inner = " ".join(x for x in (page, row) if x)
    return f"{table_name(t)}（{inner}）" if inner else table_name(t)


@rule("target.stage_cost", "warning", "成本指标实际完成超出本阶段应完成值")
def stage_cost(report: Report, config: CheckConfig) -> list[Finding]:
    """A monitoring report's 对比表 gives each indicator's 本阶段应完成 value beside its 实际完成 one:
    a cost indicator (成本 in its level, or a stage value in 元) that spent more than its stage
    value has run ahead of plan. One finding per table, each row over and the totals, quoting a
    sentence that says there was no deviation (``未出现较大偏离``). Seed 004 表4: 26,488 > 24,000,
    79,464 > 72,000, 39,732 > 36,000, 52,976 > 48,000; Σ 198,660 > 180,000 (10.37 %), while p. 10 says
    ``该项目在实施未出现较大偏离``. A warning: a stage plan is an estimate.
    """
    out: list[Finding] = []
    for t in report.tables:
        cost = [
            (r, name, s, a) for r, level, name, s, a in _stage_rows(t)
            if a is not None and s.value is not None and a.value is not None and (a.unit in (None, s.unit))
            and (_WORDS.family(level) == _WORDS.cost or s.unit == "元") and s.op in (None, "=", "<=", "<")
        ]
        over = [(r, name, s, a) for r, name, s, a in cost if a.value > s.value + 1e-9]
        if not over:
            continue
        names = dict(zip([r for r, *_ in cost], _short([n for _, n, _, _ in cost]), strict=True))
        unit = cost[0][2].unit or ""
        rows = "、".join(
            f"{names[r]} {fmt(a.value, 2)} {unit} > {fmt(s.value)} {unit}（超 {(a.value / s.value - 1) * 100:.2f}%）" if s.value
            else f"{names[r]} {fmt(a.value, 2)} {unit} > {fmt(s.value)} {unit}"
            for r, _n, s, a in over
        )
        stage, spent = sum(s.value for _, _, s, _ in cost), sum(a.value for _, _, _, a in cost)
        total = f"；合计 {fmt(spent, 2)} {unit}，本阶段应完成 {fmt(stage, 2)} {unit}（差 {fmt(spent - stage, 2)} {unit}）" if len(cost) > 1 else ""
        said = _verdicts(report, "无偏离")
        quote = "；而正文" + "、".join(f"{on_page(c.page)}称“{c.text}”" for c in said[:2]) + "，与此不符" if said else ""
        out.append(
            finding(
                "target.stage_cost", "warning",
                f"{_where(t)}成本指标实际完成超出本阶段应完成的目标值：{rows}{total}{quote}",
                stage, spent,
                [at_table(t, r, None) for r, *_ in over] + [Location(page=c.page) for c in said[:1]],
            )
        )
    return out




def _time_progress(report: Report) -> tuple[float, Claim | None] | None:
    """序时进度 in %: a claim that states it, else the months of the report's title (``1-10月`` → 83.33)."""
    said = [c for c in report.claims if any(w in c.subject for w in _WORDS.time_progress) and c.unit == "%" and c.value is not None]
    if said:
        return said[0].value, said[0]
    months = months_elapsed(report, "")
    return (months / 12 * 100, None) if months and 0 < months <= 12 else None


def _indicator_place(report: Report, ind: Indicator) -> str:
    t = next((t for t in report.tables if t.id == ind.source.table), None)
    return _where(t, ind.source.row) if t is not None else on_page(ind.source.page)


@rule("target.spending_progress", "warning", "支出进度类指标完成值与本报告执行率不符")
def spending_progress(report: Report, config: CheckConfig) -> list[Finding]:
    """An indicator that measures spending progress (执行 with 进度/支出/预算/资金 in its name, an
    actual in %) against the project's own 执行率 (printed, else spent ÷ budget). An actual above
    the rate beyond its printed precision is a warning, the message adding the 序时进度 the rate
    falls short of and any sentence saying the spending plan was carried out; an error when the
    indicator is the 预算执行率 itself (one quantity, two values). Seed 004 表4 行 8: 特殊时期值守及
    信访维稳工作进度执行率 100 %, while 198,676.5 ÷ 300,000 = 66.22 % < 序时进度 83.33 %, and p. 8 says
    ``按规定在特殊时期完成了…进度执行支出计划``.
    """
    out: list[Finding] = []
    for p in report.projects:
        b = p.budget
        den = b.adjusted or b.total or b.initial
        rate = b.execution_rate if b.execution_rate is not None else (b.spent / den * 100 if b.spent is not None and den else None)
        if rate is None:
            continue
        for ind in p.indicators:
            a = ind.actual
            name = norm(ind.name)
            if a is None or a.value is None or a.unit != "%" or not _WORDS.spending(name):
                continue
            half = 0.5 * 10 ** -(a.decimals or 0)
            if a.value <= rate + half + 0.005:
                continue
            same = any(w in name for w in _WORDS.same_rate)
            tp = _time_progress(report)
            behind = (f"，低于{'正文' + on_page(tp[1].page) + '所称' if tp[1] else ''}序时进度 {fmt(tp[0], 2)}%"
                      if tp and rate < tp[0] else "")
            how = f"支出 {fmt(b.spent, 2)} 元 ÷ 预算 {fmt(den, 2)} 元" if b.spent is not None and den else "预算执行情况"
            said = _verdicts(report, "完成支出计划")
            quote = "；正文" + "、".join(f"{on_page(c.page)}又称“{c.text}”" for c in said[:2]) if said else ""
            out.append(
                finding(
                    "target.spending_progress", "error" if same else "warning",
                    f"{_indicator_place(report, ind)}指标“{ind_name(ind)}”实际完成 {a.text}，而{proj_label(p)}执行率为 {fmt(rate, 2)}%"
                    f"（{how}）{behind}{quote}；支出进度并未达到所称",
                    rate, a.value, [at_indicator(ind)] + [Location(page=c.page) for c in said[:1]],
                )
            )
    return out


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"[^\w]", "", norm(text))
    return {t[i : i + 2] for i in range(len(t) - 1)}


_MOST_PAIRS = 40_000


def _likeness(a: str, b: str) -> float:
    """Share of the shorter name's character pairs found in the other (one indicator reworded)."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _tracked_rows(t: TableOut) -> list[tuple[int, str, str, str]]:
    """(row, level, name, 跟踪目标值 text) of a 年度绩效分解目标调整表, rows not tracked left out."""
    found = _head_cols(t, ("name", "track"))
    if found is None:
        return []
    h, cols = found
    flag = _col(t, h, "flag")
    levels = _levels(t, h, cols["name"])
    out = []
    for r in range(h + 1, len(t.rows)):
        value, name = norm(cell(t, r, cols["track"])), norm(cell(t, r, cols["name"]))
        if not value or set(value) <= set("-—－/无") or (flag is not None and _untracked(norm(cell(t, r, flag)))):
            continue
        if name and name != norm(t.rows[h][cols["name"]]):
            out.append((r, levels[r], name, value))
    return out


def _disagree(track: str, stage: Value) -> bool:
    """Whether a tracking target and a stage target of one indicator cannot both hold.

    Numbers in one unit (a bare number takes the other's) must be equal; a word (健全) against
    a figure in % disagrees; figures in different units (100 % of a cap vs 24,000 元) are not
    compared."""
    tv = parse_value(track)
    if stage.value is None:
        return False
    if tv.value is None:
        return stage.unit == "%"
    if tv.unit and stage.unit and tv.unit != stage.unit:
        return False
    return abs(tv.value - stage.value) > 1e-9


def _reports(tables: list[TableOut], first: set[str], second: set[str]) -> dict[str, int]:
    """Table id → the report it belongs to, for the tables of two kinds (ids in ``first``,
    ``second``: a 调整表 and a 对比表) in reading order.

    A file holding several monitoring reports prints, for each, its tables of both kinds
    (either kind first, each maybe split over pages). A report is one run of one kind
    followed by one run of the other: a table of the kind that ran first, after both, opens
    the next report. A last run of one kind alone (an annex repeating 表3) stays with the
    report before it. Tables are paired only within a report, so the work grows with the
    number of reports, not its square (40 reports in one text were 1,600 table pairings).
    A table of both kinds joins the current report without ending a run.
    """
    out: dict[str, int] = {}
    n, seen, last = 0, set(), None
    for t in tables:
        kinds = {k for k, ids in (("first", first), ("second", second)) if t.id in ids}
        if not kinds:
            continue
        kind = next(iter(kinds)) if len(kinds) == 1 else None
        if kind is not None and kind != last and len(seen) == 2 and last is not None:
            n, seen = n + 1, set()
        seen |= kinds
        last = kind or last
        out[t.id] = n
    if n and len(seen) < 2:  # a last run of one kind alone: the report before it
        out = {k: (v if v < n else n - 1) for k, v in out.items()}
    return out


def _with_stage_tables(report: Report, rows_of: Callable[[TableOut], list]) -> Iterator[tuple[TableOut, list, TableOut, list]]:
    """(table, its ``rows_of`` rows, 对比表, its stage rows) for every table with such rows and
    every other 对比表 of the same report (``_reports``), in reading order."""
    stage_tables = _stage_tables(report)
    tables = [(t, rows) for t in report.tables if (rows := rows_of(t))]
    report_of = _reports(report.tables, {t.id for t, _ in tables}, {u.id for u, _ in stage_tables})
    stage_of: dict[int, list[tuple[TableOut, list]]] = {}
    for u, rows in stage_tables:
        stage_of.setdefault(report_of[u.id], []).append((u, rows))
    for t, rows in tables:
        for u, stage_rows in stage_of.get(report_of[t.id], []):
            if u.id != t.id:
                yield t, rows, u, stage_rows


@rule("target.tracking", "warning", "跟踪目标值与对比表本阶段目标值不符")
def tracking(report: Report, config: CheckConfig) -> list[Finding]:
    """A monitoring report states what it tracks twice: the 跟踪目标值 of its 年度绩效分解目标调整表 and
    the 本阶段应完成 value of its 对比表. Rows are paired by name (most of the shorter name's
    character pairs in the other, same level-1 group, each row used once, best pairs first) and
    must agree: equal figures in one unit; a word (健全) against a figure in % disagrees. Seed 004
    表3 社会效益 跟踪目标值 ``0`` and 生态效益 ``健全`` against 表4 ``100%``. Warning: pairing is by name.
    """
    out: list[Finding] = []
    for t, tracked, u, rows in _with_stage_tables(report, _tracked_rows):
        group_t = {r: _WORDS.family(level) for r, level, _n, _v in tracked}
        group_s = {sr: _WORDS.family(level) for sr, level, _n, _s, _a in rows}
        by_t = {r: (name, value) for r, _l, name, value in tracked}
        by_s = {sr: (sname, s, a) for sr, _l, sname, s, a in rows}
        pairs = pair_rows([(r, x[0]) for r, x in by_t.items()],
                          [(sr, x[0]) for sr, x in by_s.items()],
                          likeness=_likeness, compatible=lambda r, sr, gt=group_t, gs=group_s: gt[r] == gs[sr])
        for r, sr in pairs:
            (name, value), (sname, stage, actual) = by_t[r], by_s[sr]
            if not _disagree(value, stage):
                continue
            done = f"，实际完成 {actual.text}" if actual is not None else ""
            out.append(
                finding(
                    "target.tracking", "warning",
                    f"{_where(t, r)}“{name}”跟踪目标值为“{value}”，而{_where(u, sr)}同一指标“{sname}”"
                    f"本阶段应完成的目标值为“{stage.text}”{done}；两表所列跟踪目标不一致",
                    stage.value, parse_value(value).value,
                    [at_table(t, r, None), at_table(u, sr, None)],
                )
            )
    return out


# ---------------------------------------------------------------- 调整表 against 对比表


def _weighted_likeness(names: list[str]):
    """A likeness for names drawn from ``names``: the share of the shorter name's character
    pairs found in the other, each pair weighted by how rare it is among all the names (an
    inverse document frequency). A prefix every row repeats (``特殊时期现场值守及信访维稳工作``)
    weighs next to nothing; the words that tell rows apart (``进度执行``) weigh most, so a
    report whose names share a long prefix is still paired row by row."""
    grams = {x: _bigrams(x) for x in names}
    df: dict[str, int] = {}
    for gs in grams.values():
        for g in gs:
            df[g] = df.get(g, 0) + 1
    n = len(grams)
    weight = {g: math.log((n + 1) / k) for g, k in df.items()}

    def likeness(a: str, b: str) -> float:
        x, y = grams[a], grams[b]
        wx, wy = sum(weight[g] for g in x), sum(weight[g] for g in y)
        return sum(weight[g] for g in x & y) / min(wx, wy) if wx and wy else 0.0

    return likeness


_PAIRED = 0.6


def pair_rows(
    left: list[tuple[int, str]],
    right: list[tuple[int, str]],
    likeness: Callable[[str, str], float] | None = None,
    compatible: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int]]:
    """(left row, right row) for the rows of two tables that name one indicator: every pair
    (of ``compatible`` rows) scored by ``likeness`` (default ``_weighted_likeness``), best pairs
    taken first, each row used once, pairs under 0.6 left out. Seed 004: 表3 ``按特殊时期现场
    值守及信访维稳工作进度执行支出计划`` ↔ 表4 ``特殊时期值守及信访维稳工作进度执行率`` (0.77),
    ``特殊时期赴京非访…`` ↔ ``特殊时期赶京非访…``. Two tables of more than 40,000 row pairs are
    not a monitoring report's and are not paired."""
    if not left or not right or len(left) * len(right) > _MOST_PAIRS:
        return []
    likeness = likeness or _weighted_likeness([n for _, n in left] + [n for _, n in right])
    scored = sorted(((likeness(a, b), r, s) for r, a in left for s, b in right if compatible is None or compatible(r, s)),
                    key=lambda x: (-x[0], x[1], x[2]))
    used_l, used_r, out = set(), set(), []
    for score, r, s in scored:
        if score < _PAIRED or r in used_l or s in used_r:
            continue
        used_l.add(r)
        used_r.add(s)
        out.append((r, s))
    return out


_DASH = set("-—－/无 ")


def _dashed(text: str) -> bool:
    return not text or set(text) <= _DASH


def _untracked(flag: str) -> bool:
    """A 是否跟踪 cell that leaves its row out this stage (``否``, ``不跟踪``, a dash); a blank
    one says nothing."""
    return flag in _WORDS.untracked or (bool(flag) and _dashed(flag))


def _adjusted_rows(t: TableOut) -> list[tuple[int, str, str, str]]:
    """(row, name, 指标目标值 text, status) of a 年度绩效分解目标调整表, every indicator row:
    status ``deleted`` (its 调整类型 says 删除), ``untracked`` (是否跟踪 ``否`` or a dash, else a dashed
    跟踪目标值) or ``tracked``. Empty for a table without a 调整类型 or 是否跟踪 column."""
    h = next((h for h in range(min(3, len(t.rows))) if _col(t, h, "name") is not None and _col(t, h, "kind", "flag") is not None), None)
    if h is None:
        return []
    head = t.rows[h]
    name, kind, flag = _col(t, h, "name"), _col(t, h, "kind"), _col(t, h, "flag")
    assert name is not None
    track, target = _col(t, h, "track"), _col(t, h, "target")
    out = []
    for r in range(h + 1, len(t.rows)):
        row_name = norm(cell(t, r, name))
        if not row_name or row_name == norm(head[name]):
            continue
        if kind is not None and any(w in norm(cell(t, r, kind)) for w in _WORDS.deleted):
            status = "deleted"
        elif flag is not None:
            status = "untracked" if _untracked(norm(cell(t, r, flag))) or not norm(cell(t, r, flag)) else "tracked"
        else:
            status = "untracked" if track is not None and _dashed(norm(cell(t, r, track))) else "tracked"
        out.append((r, row_name, norm(cell(t, r, target)) if target is not None else "", status))
    return out


@per_check  # read by five rules
def _stage_tables(report: Report) -> list[tuple[TableOut, list[tuple[int, str, str, Value, Value | None]]]]:
    found = [(u, _stage_rows(u)) for u in report.tables]
    return [(u, rows) for u, rows in found if rows]


@per_check  # read by three rules
def _adjusted_pairs(report: Report) -> list[tuple[TableOut, dict, TableOut, dict, list[tuple[int, int]]]]:
    """(调整表, its rows by row, 对比表, its rows by row, pairs) for every two such tables of one report."""
    out = []
    for t, adjusted, u, rows in _with_stage_tables(report, _adjusted_rows):
        pairs = pair_rows([(r, n) for r, n, _t, _s in adjusted], [(sr, n) for sr, _l, n, _s, _a in rows])
        out.append((t, {r: (n, tv, st) for r, n, tv, st in adjusted}, u, {sr: (n, lv, sv, av) for sr, lv, n, sv, av in rows},
                    sorted(pairs)))
    return out


def _row_at(t: TableOut, r: int) -> str:
    """``第 6 页 行 8`` (the row's own page), or ``行 8`` where pages are unknown."""
    page = row_page(t, r)
    return f"第 {page} 页 行 {r}" if page is not None else f"行 {r}"


def _reported(stage: Value, actual: Value | None) -> str:
    done = f"，实际完成 {actual.text}" if actual is not None and actual.text else ""
    return f"本阶段应完成 {stage.text}{done}" if stage.text else done.lstrip("，")


@rule("target.deleted_reported", "warning", "调整表已删除的指标在对比表中仍报完成值")
def deleted_reported(report: Report, config: CheckConfig) -> list[Finding]:
    """An indicator the 年度绩效分解目标调整表 marks ``删除`` must not reappear in the 对比表 with
    a stage target and an actual: either the deletion or the reported completion is wrong.
    Rows are paired by ``pair_rows``. Seed 004: 表3 行 12 ``按特殊时期现场值守及信访维稳工作进度
    执行支出计划`` 删除, yet 表4 行 8 ``特殊时期值守及信访维稳工作进度执行率`` reports 100 % / 100 %.
    Warning: pairing is by name."""
    out: list[Finding] = []
    for t, adjusted, u, stage, pairs in _adjusted_pairs(report):
        for r, sr in pairs:
            name, _target, status = adjusted[r]
            sname, _level, s, a = stage[sr]
            if status != "deleted" or (a is None and s.value is None):
                continue
            out.append(
                finding(
                    "target.deleted_reported", "warning",
                    f"{_where(t, r)}将指标“{name}”的调整类型标为“删除”，而{_where(u, sr)}仍列出同一指标“{sname}”，"
                    f"{_reported(s, a)}；已删除的指标不应再报完成情况，删除标记与对比表必有一处有误",
                    None, a.value if a is not None else s.value,
                    [at_table(t, r, None), at_table(u, sr, None)],
                )
            )
    return out


@rule("target.untracked_reported", "info", "调整表称本阶段不跟踪的指标在对比表中报了完成值")
def untracked_reported(report: Report, config: CheckConfig) -> list[Finding]:
    """Indicators the 调整表 leaves untracked this stage (是否跟踪 ``否`` or ``---``) for which the
    对比表 still gives a stage target and an actual: the two tables disagree on what was tracked.
    One finding per pair of tables, every such row named. Seed 004: 表3 marks 赴京非访人次, 三个确保
    and 及时有效做好…稳控工作 ``---``; 表4 reports 0 人次 / 100 % / 100 % for them. Info: a report may
    track more than it planned to."""
    out: list[Finding] = []
    for t, adjusted, u, stage, pairs in _adjusted_pairs(report):
        hits = [(r, sr) for r, sr in pairs if adjusted[r][2] == "untracked" and (stage[sr][3] is not None or stage[sr][2].value is not None)]
        if not hits:
            continue
        rows = "；".join(
            f"{_row_at(t, r)}“{adjusted[r][0]}”↔ {_row_at(u, sr)}“{stage[sr][0]}”（{_reported(stage[sr][2], stage[sr][3])}）"
            for r, sr in hits
        )
        out.append(
            finding(
                "target.untracked_reported", "info",
                f"{table_name(t)}将 {len(hits)} 个指标标为本阶段不跟踪，而{table_name(u)}仍报其本阶段目标与完成值：{rows}；"
                "两表所列跟踪范围不一致",
                None, None,
                [loc for r, sr in hits for loc in (at_table(t, r, None), at_table(u, sr, None))],
            )
        )
    return out


def _annual_targets(u: TableOut) -> dict[int, Value]:
    """Row → 项目完成时 / 全年 target of a 对比表 (the column left of 本阶段)."""
    found = _head_cols(u, ("annual", "stage"))
    if found is None:
        return {}
    h, cols = found
    return {r: parse_value(cell(u, r, cols["annual"])) for r in range(h + 1, len(u.rows)) if norm(cell(u, r, cols["annual"]))}


def _targets_differ(a: Value, b: Value) -> str | None:
    """How two statements of one annual target differ (unit or figure), else None; a word, a
    missing unit or a missing figure is not compared."""
    if a.value is None or b.value is None or not a.unit or not b.unit:
        return None
    if a.unit != b.unit:
        return f"单位不同（{a.unit} / {b.unit}）"
    return f"数值不同（{fmt(a.value)} / {fmt(b.value)} {a.unit}）" if abs(a.value - b.value) > 1e-9 else None


@rule("target.annual_mismatch", "warning", "调整表与对比表所列全年目标值不一致")
def annual_mismatch(report: Report, config: CheckConfig) -> list[Finding]:
    """The 调整表's 指标目标值 and the 对比表's 项目完成时 target state one indicator's annual
    target twice; they must agree in unit and figure (the comparison operator is not compared:
    ``=0人次`` and ``0 人次`` agree). Seed 004: ``三个确保`` 目标数 ``>=3个`` in 表3, ``100%`` in
    表4. Warning: rows are paired by name."""
    out: list[Finding] = []
    for t, adjusted, u, stage, pairs in _adjusted_pairs(report):
        annual = _annual_targets(u)
        for r, sr in pairs:
            name, target, status = adjusted[r]
            if status == "deleted" or sr not in annual or not target:
                continue
            how = _targets_differ(parse_value(target), annual[sr])
            if how is None:
                continue
            out.append(
                finding(
                    "target.annual_mismatch", "warning",
                    f"{_where(t, r)}“{name}”指标目标值为“{target}”，而{_where(u, sr)}同一指标“{stage[sr][0]}”"
                    f"项目完成时目标值为“{annual[sr].text}”：{how}，全年目标在两表中不一致",
                    parse_value(target).value, annual[sr].value,
                    [at_table(t, r, None), at_table(u, sr, None)],
                )
            )
    return out


@rule("target.stage_basis", "warning", "本阶段应完成值占全年目标的比例与序时进度不符")
def stage_basis(report: Report, config: CheckConfig) -> list[Finding]:
    """Cost indicators' 本阶段应完成 values that are all one share of their full-year caps tell
    the basis of the stage plan; a share far (over 5 points) from the 序时进度 of the report's
    cut-off is a plan on another basis, which the reader should know before judging the
    actuals. Seed 004 表4: 24,000 / 40,000 = 72,000 / 120,000 = … = 60 %, while 序时进度 (to 10月31日)
    is 83.33 %. A warning when the text itself measures progress against the 序时进度 (a claim
    states it): the report then judges its spending on two bases, behind 83.33 % in prose and
    ahead of 60 % in the table. Info otherwise: a plan may weight the year's end on purpose."""
    tp = _time_progress(report)
    if tp is None:
        return []
    twelfths = round(tp[0] * 12 / 100)
    elapsed = twelfths / 12 * 100 if abs(twelfths / 12 * 100 - tp[0]) < 0.01 else tp[0]  # 83.33 % is 10/12
    out: list[Finding] = []
    for u, rows in _stage_tables(report):
        annual = _annual_targets(u)
        cost = [
            (sr, name, annual[sr], s) for sr, level, name, s, _a in rows
            if sr in annual and annual[sr].value and s.value is not None and annual[sr].unit == s.unit
            and (_WORDS.family(level) == _WORDS.cost or s.unit == "元")
        ]
        if len(cost) < 2:
            continue
        shares = [s.value / a.value * 100 for _sr, _n, a, s in cost]
        if max(shares) - min(shares) > 0.5 or abs(shares[0] - tp[0]) <= 5:
            continue
        share = sum(shares) / len(shares)
        short = _short([n for _sr, n, _a, _s in cost])
        unit = cost[0][3].unit or ""
        rows_text = "、".join(f"{n} {fmt(s.value)} ÷ {fmt(a.value)}" for n, (_sr, _n, a, s) in zip(short, cost, strict=True))
        said = f"正文{on_page(tp[1].page)}所称" if tp[1] else "截至监控节点的"
        at_tp = "、".join(f"{fmt(a.value * elapsed / 100, 2)}" for _sr, _n, a, _s in cost)
        out.append(
            finding(
                "target.stage_basis", "warning" if tp[1] is not None else "info",
                f"{_where(u)}成本指标本阶段应完成值均为全年目标值的 {fmt(share, 2)}%（{rows_text}），"
                f"而{said}序时进度为 {fmt(tp[0], 2)}%（按序时进度应为 {at_tp} {unit}）；本阶段目标与序时进度口径不同"
                + ("，正文以序时进度衡量支出进度，表中却以较低的阶段目标衡量成本完成情况" if tp[1] is not None else "，对比实际完成时请注意"),
                tp[0], share,
                [at_table(u, sr, None) for sr, *_ in cost],
            )
        )
    return out

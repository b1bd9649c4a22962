"""Targets against actuals: met but deducted, missed but full marks; cost lines against the budget."""

from __future__ import annotations

import re

from checker.engine import CheckConfig, rule
from checker.finding import at_indicator, at_table, finding, ind_name, on_page, proj_label, table_name
from checker.numbers import fmt
from checker.rules.bounds import score_decimals
from checker.rules.recompute import _months
from checker.tables import cell, filled, find_col, norm
from checker.tolerance import around
from extractor.contract import Claim, Finding, Indicator, Location, Report, TableOut, Value
from patterns.values import parse_value


def met(ind: Indicator) -> bool | None:
    """Whether the actual meets the target (None when either is not a comparable number)."""
    t, a = ind.target, ind.actual
    if t is None or a is None or t.value is None or a.value is None or t.op is None:
        return None
    if a.unit and t.unit and a.unit != t.unit:
        return None
    x, y = a.value, t.value
    return {
        ">=": x >= y - 1e-9,
        ">": x > y,
        "<=": x <= y + 1e-9,
        "<": x < y,
        "=": abs(x - y) <= 1e-9,
    }.get(t.op)


@rule("target.score", "warning", "达标却扣分，或未达标却得满分")
def target_score(report: Report, config: CheckConfig) -> list[Finding]:
    """财预〔2020〕10号: a quantitative indicator that is met earns full points; one that is
    not earns points in proportion. Met but deducted is a warning (the remark may give a
    reason, seed 002: 98% ≥ 95% yet 5 of 6); missed with full points is an error."""
    out: list[Finding] = []
    for p in report.projects:
        sd = score_decimals(p)
        for ind in p.indicators:
            ok = met(ind)
            if ok is None or ind.weight is None or ind.score is None:
                continue
            full = around(ind.score, sd).contains(ind.weight)
            if ok and not full:
                why = f"；偏差说明：{ind.remark}" if ind.remark else ""
                out.append(
                    finding(
                        "target.score",
                        "warning",
                        f"指标“{ind_name(ind)}”目标 {ind.target.text}，实际 {ind.actual.text}，已达标，"
                        f"但得分 {fmt(ind.score)} 低于分值 {fmt(ind.weight)}{why}",
                        ind.weight,
                        ind.score,
                        [at_indicator(ind)],
                    )
                )
            elif ok is False and full:
                out.append(
                    finding(
                        "target.score",
                        "error",
                        f"指标“{ind_name(ind)}”目标 {ind.target.text}，实际 {ind.actual.text}，未达标，却得满分 {fmt(ind.score)}",
                        None,
                        ind.score,
                        [at_indicator(ind)],
                    )
                )
    return out


@rule("target.cost_sum", "error", "成本指标实际数之和与实际支出不符")
def cost_sum(report: Report, config: CheckConfig) -> list[Finding]:
    """When the 成本指标 caps in 元 add up to the budget exactly (they partition it), their
    actuals must add up to the amount spent (seed 004: 198,660 vs 198,676.5 元)."""
    out: list[Finding] = []
    for p in report.projects:
        b = p.budget
        budget = b.total if b.total is not None else (b.adjusted if b.adjusted is not None else b.initial)
        cost = [
            i
            for i in p.indicators
            if "成本" in (i.level1 or "") and i.target and i.target.unit == "元" and i.target.value is not None
        ]
        if budget is None or b.spent is None or len(cost) < 2:
            continue
        caps = sum(i.target.value for i in cost)
        if abs(caps - budget) > 1e-6 or any(i.actual is None or i.actual.value is None for i in cost):
            continue
        actual = sum(i.actual.value for i in cost)
        if abs(actual - b.spent) < 1e-6:
            continue
        shares = {round(i.actual.value / i.target.value * 100, 4) for i in cost}
        note = f"；各项实际数均为其目标值的 {fmt(next(iter(shares)))}%，疑按执行率折算而来" if len(shares) == 1 else ""
        names = "、".join(f"{fmt(i.actual.value, 2)}" for i in cost)
        loc = [at_indicator(cost[0])]
        if b.source:
            loc.append(Location(page=b.source.page, table=b.source.table, row=b.source.row))
        out.append(
            finding(
                "target.cost_sum",
                "error",
                f"{proj_label(p)}成本指标目标值之和 {fmt(caps, 2)} 元等于预算，其实际数 {names} 之和为 {fmt(actual, 2)} 元，"
                f"而实际支出为 {fmt(b.spent, 2)} 元（差 {fmt(b.spent - actual, 2)} 元）{note}",
                b.spent,
                actual,
                loc,
            )
        )
    return out


@rule("indicator.duplicate", "info", "同一项目中三级指标重复出现")
def duplicate(report: Report, config: CheckConfig) -> list[Finding]:
    """The same 三级指标 listed twice in one project (seed 001/002 维稳工作: 市信访工作目标责任
    考核成绩 under 质量指标 and 社会效益指标). Scored twice it counts double: warning; else info."""
    out: list[Finding] = []
    for p in report.projects:
        seen: dict[str, list[Indicator]] = {}
        for i in p.indicators:
            seen.setdefault("".join(i.name.split()), []).append(i)
        for name, inds in seen.items():
            if len(inds) < 2:
                continue
            where = "、".join(f"{i.level1 or ''}/{i.level2 or ''}" + (f"（{fmt(i.weight)} 分）" if i.weight else "") for i in inds)
            out.append(_listed_twice("indicator.duplicate", p, inds, f"“{name}”出现 {len(inds)} 次：{where}"))
    return out


def _listed_twice(rule_id: str, project, inds: list[Indicator], said: str) -> Finding:
    """One indicator listed more than once: a warning when two copies carry points (counted twice)."""
    scored = sum(1 for i in inds if i.weight) > 1
    return finding(
        rule_id, "warning" if scored else "info",
        f"{proj_label(project)}的三级指标{said}" + ("，重复计分" if scored else ""),
        None, float(len(inds)), [at_indicator(i) for i in inds],
    )


# ---------------------------------------------------------------- monitoring reports: stage targets

_LEVELS = ("成本", "产出", "效益", "满意")


def _head_cols(t: TableOut, need: dict[str, tuple[str, ...]]) -> tuple[int, dict[str, int]] | None:
    """(header row, {key: column}) for the first of the top rows that names every column in ``need``."""
    for h, head in enumerate(t.rows[:3]):
        cols = {k: find_col(head, *words) for k, words in need.items()}
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
    found = _head_cols(t, {"name": ("三级",), "stage": ("本阶段",), "actual": ("实际完成", "实际值")})
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


def _verdicts(report: Report, subject: str) -> list[Claim]:
    """Sentences read as ``结论.…`` (``patterns/prose.py``), those about one indicator (该指标) left out."""
    return [c for c in report.claims if c.subject == subject and "该指标" not in c.text]


def _short(names: list[str]) -> list[str]:
    """Names without the prefix they all share (``全国省市“两会”等重大活动现场值守交通经费`` → ``交通经费``)."""
    if len(names) < 2:
        return names
    n = len(names[0])
    for other in names[1:]:
        n = min(n, next((i for i, (a, b) in enumerate(zip(names[0], other, strict=False)) if a != b), min(len(names[0]), len(other))))
    return [x[n:] if len(x) - n >= 2 else x for x in names]


def _where(t: TableOut, r: int | None = None) -> str:
    page = f"第 {t.pages[0]} 页" if t.pages else ""
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
            and ("成本" in level or s.unit == "元") and s.op in (None, "=", "<=", "<")
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
        said = _verdicts(report, "结论.无偏离")
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


_SPENDING = re.compile(r"执行")
_MONEY_WORDS = ("进度", "支出", "预算", "资金")
_SAME_RATE = ("预算执行率", "资金执行率", "财政资金执行率")


def _time_progress(report: Report) -> tuple[float, Claim | None] | None:
    """序时进度 in %: a claim that states it, else the months of the report's title (``1-10月`` → 83.33)."""
    said = [c for c in report.claims if "序时进度" in c.subject and c.unit == "%" and c.value is not None]
    if said:
        return said[0].value, said[0]
    months = _months(report, "")
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
            if a is None or a.value is None or a.unit != "%" or not _SPENDING.search(name) or not any(w in name for w in _MONEY_WORDS):
                continue
            half = 0.5 * 10 ** -(a.decimals or 0)
            if a.value <= rate + half + 0.005:
                continue
            same = any(w in name for w in _SAME_RATE)
            tp = _time_progress(report)
            behind = (f"，低于{'正文' + on_page(tp[1].page) + '所称' if tp[1] else ''}序时进度 {fmt(tp[0], 2)}%"
                      if tp and rate < tp[0] else "")
            how = f"支出 {fmt(b.spent, 2)} 元 ÷ 预算 {fmt(den, 2)} 元" if b.spent is not None and den else "预算执行情况"
            said = _verdicts(report, "结论.完成支出计划")
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


def _level_key(level: str) -> str | None:
    return next((w for w in _LEVELS if w in level), None)


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
    found = _head_cols(t, {"name": ("三级",), "track": ("跟踪目标",)})
    if found is None:
        return []
    h, cols = found
    flag = find_col(t.rows[h], "是否跟踪")
    levels = _levels(t, h, cols["name"])
    out = []
    for r in range(h + 1, len(t.rows)):
        value, name = norm(cell(t, r, cols["track"])), norm(cell(t, r, cols["name"]))
        if not value or set(value) <= set("-—－/无") or (flag is not None and norm(cell(t, r, flag)) in ("否", "---")):
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


@rule("target.tracking", "warning", "跟踪目标值与对比表本阶段目标值不符")
def tracking(report: Report, config: CheckConfig) -> list[Finding]:
    """A monitoring report states what it tracks twice: the 跟踪目标值 of its 年度绩效分解目标调整表 and
    the 本阶段应完成 value of its 对比表. Rows are paired by name (most of the shorter name's
    character pairs in the other, same level-1 group, each row used once, best pairs first) and
    must agree: equal figures in one unit; a word (健全) against a figure in % disagrees. Seed 004
    表3 社会效益 跟踪目标值 ``0`` and 生态效益 ``健全`` against 表4 ``100%``. Warning: pairing is by name.
    """
    out: list[Finding] = []
    stage_tables = [(u, _stage_rows(u)) for u in report.tables]
    stage_tables = [(u, rows) for u, rows in stage_tables if rows]
    for t in report.tables:
        tracked = _tracked_rows(t)
        if not tracked:
            continue
        for u, rows in stage_tables:
            if u.id == t.id or len(tracked) * len(rows) > _MOST_PAIRS:
                continue  # two tables of thousands of rows are not a monitoring report's
            pairs = sorted(
                ((_likeness(name, sname), r, sr) for r, level, name, _ in tracked for sr, slevel, sname, _s, _a in rows
                 if _level_key(level) == _level_key(slevel)),
                reverse=True,
            )
            used_t, used_s = set(), set()
            by_t = {r: (name, value) for r, _l, name, value in tracked}
            by_s = {sr: (sname, s, a) for sr, _l, sname, s, a in rows}
            for score, r, sr in pairs:
                if score < 0.6 or r in used_t or sr in used_s:
                    continue
                used_t.add(r)
                used_s.add(sr)
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


# ---------------------------------------------------------------- near-duplicate indicator names

_MEASURE = {"性": "率", "度": "率"}  # 及时性 / 及时率, 满意度 / 满意率: one measure


def _canon(name: str) -> str:
    n = re.sub(r"[\s\W_]", "", name)
    return n[:-1] + _MEASURE.get(n[-1], n[-1]) if n else n


def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def _inserted(short: str, long: str) -> str | None:
    """The characters ``long`` adds to ``short`` when it only adds some (in order), else None."""
    extra, i = [], 0
    for ch in long:
        if i < len(short) and ch == short[i]:
            i += 1
        else:
            extra.append(ch)
    return "".join(extra) if i == len(short) else None


def _suffix(a: str, b: str) -> int:
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    return k


def near_duplicate_names(a: str, b: str) -> str | None:
    """How two indicator names are one name written twice, else None.

    Names of five characters or more, at most two edits apart, that differ only by the same
    measure word (及时率 / 及时性), by characters in another order (社会防控面 / 社会面防控), or by
    a qualifier added (信访宣传活动开展及时率 / 宣传活动开展及时率) away from the measure they end
    in (办理效率 / 办理率 are two measures; 办结率 / 化解率 and 交通经费 / 住宿经费 are other things).
    """
    x, y = _canon(a), _canon(b)
    raw = (re.sub(r"[\s\W_]", "", a), re.sub(r"[\s\W_]", "", b))
    if raw[0] == raw[1] or min(len(x), len(y)) < 5:
        return None
    if x == y:
        return f"“{raw[0][-1]}”与“{raw[1][-1]}”同义"
    if abs(len(x) - len(y)) > 2 or _suffix(x, y) < 2:
        return None
    if sorted(x) == sorted(y):
        return "字序颠倒" if _edits(x, y) <= 2 else None
    short, long = sorted((x, y), key=len)
    extra = _inserted(short, long)  # at most two characters added: at most two edits
    return f"多出“{extra}”" if extra else None


_MOST_ALIKE = 300


def _candidate_pairs(inds: list[Indicator]) -> list[tuple[Indicator, Indicator]]:
    """Pairs that may be near duplicates, in list order: names of five characters or more ending
    in the same two (canonical) characters, at most two apart in length, under the same 二级指标
    (or one without), codes not different. Bucketing by the ending keeps a table of thousands of
    rows from costing millions of comparisons; a bucket of more than ``_MOST_ALIKE`` names is
    passed over (hundreds of names with one ending are a generated list, not a form)."""
    buckets: dict[str, list[tuple[int, Indicator, int, str, frozenset]]] = {}
    for k, ind in enumerate(inds):
        c = _canon(ind.name)
        if len(c) >= 5:
            buckets.setdefault(c[-2:], []).append((k, ind, len(c), norm(ind.level2 or ""), frozenset(c)))
    pairs = []
    for group in buckets.values():
        if len(group) > _MOST_ALIKE:
            continue
        for i, (ka, a, na, la, ca) in enumerate(group):
            for kb, b, nb, lb, cb in group[i + 1 :]:
                if abs(na - nb) > 2 or not (ca == cb if na == nb else (ca <= cb if na < nb else cb <= ca)):
                    continue  # neither a reordering nor characters added
                if (not la or not lb or la == lb) and not (a.code and b.code and a.code != b.code):
                    pairs.append((ka, kb, a, b))
    return [(a, b) for _, _, a, b in sorted(pairs, key=lambda x: (x[0], x[1]))]


@rule("indicator.near_duplicate", "info", "同一项目中三级指标名称几乎相同")
def near_duplicate(report: Report, config: CheckConfig) -> list[Finding]:
    """Two 三级指标 of one project whose names differ by a measure synonym, a reordering or a
    qualifier (``near_duplicate_names``) and that stand under the same 二级指标 (or one has none),
    unless both carry codes that differ (C21 / C22 are two items of a scoring table). Both
    scored: warning (counted twice); else info. Seeds 001/002 维稳工作: 社会防控面影响力 (3 分) /
    社会面防控影响力 (2 分), 维稳工作开展及时率 / 及时性; 宣传与推广: 来访来电登记单印刷率 / 来访登记单印刷率,
    宣传活动开展及时率 / 信访宣传活动开展及时率; 课题与规划: 信访课题研究成果 / 课题研究成果, 提高群众信访
    满意度 / 群众信访满意度.
    """
    out: list[Finding] = []
    for p in report.projects:
        for a, b in _candidate_pairs(p.indicators):
            how = near_duplicate_names(a.name, b.name)
            if how is None:
                continue
            where = "、".join(
                f"“{norm(i.name)}”（{i.level1 or ''}/{i.level2 or ''}" + (f"，{fmt(i.weight)} 分" if i.weight else "") + "）" for i in (a, b)
            )
            out.append(_listed_twice("indicator.near_duplicate", p, [a, b], f" {where} 名称几乎相同（{how}），疑为同一指标列了两次"))
    return out

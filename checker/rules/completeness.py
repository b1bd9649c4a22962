"""Forms left incomplete: indicators without a target or an actual, a money block with
no amounts, a form's dates or category not filled in.

Every other rule compares figures that are printed; a blank is silent to all of them
(``sum.form`` needs each component of the money block, ``target.score`` a target and an
actual), so a declaration whose indicator table has no 目标值 at all passes as "no
findings". An auditor reports such a form first: a 申报表 exists to declare targets and
money, and what it leaves blank cannot be monitored or evaluated later.

What counts as an indicator row is the recogniser's judgement where it read the table
(its ``Indicator.source`` rows: OCR wraps and group rows already sorted out), else a row
under an indicator header (三级指标 with 目标值/指标值/完成值…, ``headers.json``) whose
三级指标 cell holds a name that is not a level heading (a 成本指标 row with no indicator
under it is a group, not an indicator). Only an empty cell is blank: ``及时``, ``健全``,
``/`` and ``—`` are what the form's author wrote. Tables read by OCR give ``info``, since a
blank there may be text the engine lost.

Form keys (项目名称, 项目资金总额, 计划开始日期 …) are ``form_keys`` in
``patterns/data/headers.json``; which of them must be filled, how totals break down and
how tick boxes print are in ``patterns/data/completeness.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from checker.finding import at_table, finding, on_page, table_name
from checker.memo import per_check
from checker.numbers import fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.tables import filled, norm, total_label
from extractor.contract import Finding, Indicator, Project, Report, TableOut
from patterns.forms import form_key
from patterns.headers import (
    MIN_INDICATOR_KINDS,
    is_level1_word,
    is_level2_word,
    is_total,
    match_kind,
    normalise,
    vocabulary,
)
from patterns.lazyre import re
from patterns.lexicon import load

_TAG = re.compile(r"<[^>]*>")
_NOTHING = re.compile(r"[\s:：_]+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])")
_MEASURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|人次|个|件|次|人|天|场|户|元)")
_CLAUSE = re.compile(r"[；;。\n]")
_MONEY_KINDS = ("total", "annual_total", "fiscal", "fiscal_current", "carried_over", "other")
_SHOW = 6  # names listed in one message before "等"


@cache
def vocab() -> dict:
    """completeness.json with its word lists normalised (``_about`` notes dropped)."""
    raw = load("completeness")
    out: dict = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict):
            out[key] = {k: list(v) for k, v in value.items() if not k.startswith("_")}
        else:
            out[key] = [normalise(v) for v in value]
    return out


def empty(text: str | None) -> bool:
    """Nothing printed: no characters but spaces, colons, underscores or markup."""
    return not _NOTHING.sub("", _TAG.sub("", text or ""))


def _ocr(report: Report, table: TableOut) -> bool:
    """The table stands on pages read by OCR, where a blank may be text the engine lost."""
    ocr = set(report.source.ocr_pages)
    return bool(ocr) and bool(table.pages) and set(table.pages) <= ocr


def _doubt(sev: str, ocr: bool) -> tuple[str, str]:
    return ("info", "（该表为 OCR 识别，空白也可能是漏识，请对照原件）") if ocr else (sev, "")


def _listed(items: list[str]) -> str:
    shown = "、".join(items[:_SHOW])
    return shown + (f" 等 {len(items)} 项" if len(items) > _SHOW else "")


def _covered(table: TableOut) -> set[tuple[int, int]]:
    """Cells inside a merge other than its origin: no value can stand there."""
    out: set[tuple[int, int]] = set()
    for span in table.spans:
        if len(span) != 4:
            continue
        r0, c0, rs, cs = span
        out |= {(r, c) for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)} - {(r0, c0)}
    return out


# ---------------------------------------------------------------- key-value forms


@dataclass(frozen=True)
class Key:
    """A form key cell and what stands right of it (``value`` "" when left blank)."""

    kind: str
    label: str
    row: int
    col: int
    value: str
    value_col: int | None


@lru_cache(maxsize=16384)
def _key_kind(text: str) -> str | None:
    # memoised, as _labels_only: every cell of every table is tried as a form key and a money block
    return form_key(_TAG.sub("", text)) if text and len(text) <= 40 else None


def row_keys(table: TableOut, r: int, covered: set[tuple[int, int]]) -> list[Key]:
    """Keys of row ``r`` with their values. A key followed directly by another key or the
    row's end has no value slot (a column-header row, not a form line) and is left out."""
    row = table.rows[r]
    out: list[Key] = []
    for c, text in enumerate(row):
        kind = _key_kind(text)
        if kind is None:
            continue
        slot, value, vcol = False, "", None
        for k in range(c + 1, len(row)):
            if (r, k) in covered:
                continue
            if _key_kind(row[k]) is not None:
                break
            if empty(row[k]):
                slot = True
                continue
            value, vcol = row[k].strip(), k
            break
        if vcol is not None or slot:
            out.append(Key(kind, normalise(_TAG.sub("", text)).rstrip(":"), r, c, value, vcol))
    return out


@dataclass
class Form:
    """One form of a table: rows from its 项目名称 line to the next (a table may hold several)."""

    table: TableOut
    start: int
    end: int
    keys: list[Key] = field(default_factory=list)

    @property
    def project(self) -> str | None:
        return next((k.value for k in self.keys if k.kind == "name" and k.value), None)

    def where(self, row: int | None = None) -> str:
        """``项目“维稳工作”的财政项目支出绩效目标申报表（第 10 页）``."""
        page = at_table(self.table, row).page
        head = f"项目“{self.project}”的" if self.project else ""
        return f"{head}{table_name(self.table)}{on_page(page)}"


@per_check
def forms(table: TableOut) -> list[Form]:
    """The table cut at each 项目名称 line; a part counts as a form when it names a project
    or holds two money keys (a 申报表/自评表 head), not a table that happens to say 项目名称."""
    covered = _covered(table)
    keys = [k for r in range(len(table.rows)) for k in row_keys(table, r, covered)]
    starts = sorted({k.row for k in keys if k.kind == "name"} | {0})
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(table.rows)
        mine = [k for k in keys if start <= k.row < end]
        money = {k.kind for k in mine if k.kind in _MONEY_KINDS}
        if any(k.kind == "name" and k.value for k in mine) or len(money) >= 2:
            out.append(Form(table, start, end, mine))
    return out


# ---------------------------------------------------------------- indicator tables


@dataclass(frozen=True)
class Header:
    """An indicator header row: the 三级指标 column and the target / actual columns."""

    row: int
    name: int
    target: int | None
    actual: int | None
    target_label: str
    actual_label: str


def header(row: list[str], r: int) -> Header | None:
    """Row ``r`` as an indicator header (a 三级指标 column, a target or actual column and at
    least ``MIN_INDICATOR_KINDS`` kinds, as ``patterns`` requires), else None."""
    kinds: dict[str, int] = {}
    for c, text in enumerate(row):
        kind = match_kind(text, "indicator_columns")
        if kind and kind not in kinds:
            kinds[kind] = c
    if "name" not in kinds or not ({"target", "actual"} & kinds.keys()) or len(kinds) < MIN_INDICATOR_KINDS:
        return None
    t, a = kinds.get("target"), kinds.get("actual")
    return Header(r, kinds["name"], t, a, normalise(row[t]) if t is not None else "", normalise(row[a]) if a is not None else "")


@dataclass(frozen=True)
class Row:
    """One indicator row of a section and which of its values are blank."""

    row: int
    name: str
    level2: str | None
    no_target: bool
    no_actual: bool


@dataclass
class Section:
    """The indicator rows under one header, up to the next header, total or form line."""

    table: TableOut
    head: Header
    end: int
    project: str | None
    rows: list[Row]


def _ends_section(table: TableOut, r: int) -> bool:
    return total_label(table, r) is not None or any(_key_kind(c) is not None for c in table.rows[r])


def _is_name(text: str) -> bool:
    """A 三级指标 cell that names an indicator: not a level heading (a 成本指标 group row
    with no indicator under it), a total or a header word. Only for rows read here: the
    recogniser's own indicators keep its judgement (seed 003 names one indicator 满意度)."""
    n = normalise(_TAG.sub("", text))
    if empty(n) or n in vocabulary()["not_names"] or is_level1_word(n) or is_level2_word(n) or is_total(n):
        return False
    return match_kind(n, "indicator_columns") is None


def _level2_above(grid: list[list[str]], r: int, col: int, top: int) -> str | None:
    for k in range(r, top, -1):
        if col < len(grid[k]) and not empty(grid[k][col]) and is_level2_word(grid[k][col]):
            return normalise(grid[k][col])
    return None


@per_check
def sections(report: Report) -> list[Section]:
    """Every indicator section of every table, its rows read as described in the module doc."""
    recognised: dict[str, list[tuple[Indicator, Project]]] = {}
    for p in report.projects:
        for ind in p.indicators:
            if ind.source.table is not None and ind.source.row is not None:
                recognised.setdefault(ind.source.table, []).append((ind, p))
    out: list[Section] = []
    for table in report.tables:
        heads = [h for r, row in enumerate(table.rows) if (h := header(row, r))]
        if not heads:
            continue
        grid = filled(table)
        starts = {h.row for h in heads}
        for h in heads:
            end = h.row + 1
            while end < len(table.rows) and end not in starts and not _ends_section(table, end):
                end += 1
            mine = [(i, p) for i, p in recognised.get(table.id, []) if h.row < (i.source.row or 0) < end]
            rows = _rows_recognised(grid, h, mine) if mine else _rows_read(table, grid, h, end)
            project = next((p.name for _, p in mine if p.name), None)
            out.append(Section(table, h, end, project, rows))
    return out


def _blank_at(grid: list[list[str]], r: int, c: int | None) -> bool:
    return c is not None and r < len(grid) and c < len(grid[r]) and empty(grid[r][c])


def _blank_or_name(grid: list[list[str]], r: int, c: int | None, name: str) -> bool:
    """The cell is empty, or holds the row's own name (a text rendering slid it there)."""
    if c is None or r >= len(grid) or c >= len(grid[r]):
        return False
    return empty(grid[r][c]) or normalise(grid[r][c]) == normalise(name)


def _rows_recognised(grid: list[list[str]], h: Header, mine: list[tuple[Indicator, Project]]) -> list[Row]:
    """The recogniser's indicators; a value is blank when the indicator has none and its
    cell is empty too, or holds the indicator's own name (a text rendering that dropped
    merged cells slid the row right: ``效益指标 | 社会效益指标 | 越级信访量``). A row whose cell
    holds anything else is given the benefit of the doubt (OCR it could not align)."""
    out = []
    for ind, _p in mine:
        r = ind.source.row or 0
        no_t = h.target is not None and (ind.target is None or empty(ind.target.text)) and _blank_or_name(grid, r, h.target, ind.name)
        no_a = h.actual is not None and (ind.actual is None or empty(ind.actual.text)) and _blank_or_name(grid, r, h.actual, ind.name)
        out.append(Row(r, ind.name, ind.level2, no_t, no_a))
    return out


_VALUE_START = re.compile(r"^[<>=≥≤＜＞≦≧]|^\d")


def value_like(text: str) -> bool:
    """A cell that reads as a target or actual (``>80%``, ``0 起``, ``健全有效``), not a name."""
    n = normalise(_TAG.sub("", text))
    return bool(n) and (bool(_VALUE_START.match(n)) or n in vocabulary()["value_words"])


def _shifted(row: list[str], h: Header, width: int) -> bool:
    """A row whose cells slid left or right of their columns (a text rendering that dropped
    merged cells): its name cell holds a value, or a value stands where no header is."""
    if value_like(row[h.name] if h.name < len(row) else ""):
        return True
    return any(value_like(x) for x in row[width:])


def _rows_read(table: TableOut, grid: list[list[str]], h: Header, end: int) -> list[Row]:
    """Rows the recogniser did not take (an embedded 申报表, a monitoring report's tables);
    shifted rows are passed over, since their columns cannot be trusted."""
    head = table.rows[h.row]
    width = max((c for c, x in enumerate(head) if not empty(x)), default=0) + 1
    out = []
    for r in range(h.row + 1, end):
        name = table.rows[r][h.name] if h.name < len(table.rows[r]) else ""
        if not _is_name(name) or _shifted(table.rows[r], h, width):
            continue
        level2 = _level2_above(grid, r, h.name - 1, h.row) if h.name else None
        out.append(Row(r, normalise(_TAG.sub("", name)), level2, _blank_at(grid, r, h.target), _blank_at(grid, r, h.actual)))
    return out


def _section_where(report: Report, s: Section, row: int) -> str:
    """``项目“维稳工作”的财政项目支出绩效目标申报表（第 11 页）``, the page of ``row``."""
    project = s.project
    if project is None:
        inside = [f for f in forms(s.table) if f.start <= s.head.row < f.end]
        project = inside[0].project if inside else None
    if project is None and len(report.projects) == 1 and report.document.kind == "target_declaration":
        project = report.projects[0].name
    head = f"项目“{project}”的" if project else ""
    return f"{head}{table_name(s.table)}{on_page(at_table(s.table, row).page)}"


def _named(rows: Iterable[Row]) -> str:
    items = [f"{r.level2 or ''}“{r.name}”（行 {r.row}）" for r in rows]
    return _listed(items)


def _goal_clauses(report: Report, s: Section) -> tuple[str, list[str]] | None:
    """(label, clauses with a figure) of the form's prose goal (年度绩效目标 …): targets the
    author wrote in words above the table, searched in the section's table above its
    header and in the table before it."""
    idx = next((i for i, t in enumerate(report.tables) if t is s.table), None)
    if idx is None:
        return None
    places = [(s.table, s.head.row)] + ([(report.tables[idx - 1], None)] if idx else [])
    labels = vocab()["goal_labels"]
    for table, stop in places:
        for row in table.rows[:stop]:
            for c, text in enumerate(row):
                label = normalise(text).rstrip(":")
                if label not in labels:
                    continue
                prose = next((x for x in row[c + 1 :] if not empty(x)), "")
                clauses = [_NUMBERING.sub("", x.strip()).strip() for x in _CLAUSE.split(prose)]
                found = [x[:40] for x in clauses if _MEASURE.search(x)]
                if found:
                    return label, found[:3]
    return None


@rule("form.target_blank", "warning", "绩效指标未填目标值")
def target_blank(report: Report, config: CheckConfig) -> list[Finding]:
    """Indicator rows whose target cell (年度指标值/目标值/指标值) is empty.

    One finding per indicator table: how many of how many, and which (by 二级指标, name
    and row). A declaration exists to declare targets, and a self-assessment or report
    without them has nothing to judge its results against, so a warning in every kind of
    document; when the whole column is empty and the form's prose goal (年度绩效目标)
    states figures, the message quotes them: the targets were set but never reached the
    table.
    """
    out: list[Finding] = []
    for s in sections(report):
        if s.head.target is None or not s.rows:
            continue
        blank = [r for r in s.rows if r.no_target]
        if not blank:
            continue
        n, b = len(s.rows), len(blank)
        sev, note = _doubt("warning", _ocr(report, s.table))
        where = _section_where(report, s, blank[0].row)
        label = s.head.target_label
        if b == n and n >= 2:
            rows = f"行 {blank[0].row}–{blank[-1].row}"
            msg = f"{where}：{n} 个三级指标全部未填“{label}”（{rows}），指标没有可考核的目标"
            goal = _goal_clauses(report, s)
            if goal:
                quoted = "、".join(f"“{x}”" for x in goal[1])
                msg += f"；而“{goal[0]}”写有{quoted}，未写入指标表"
        else:
            msg = f"{where}：{n} 个三级指标中 {b} 个未填“{label}”：{_named(blank)}；其余 {n - b} 个均已填写"
        locs = [at_table(s.table, r.row, s.head.target) for r in blank]
        out.append(finding("form.target_blank", sev, msg + note, None, None, locs))
    return out


@rule("form.actual_blank", "info", "绩效指标未填完成值")
def actual_blank(report: Report, config: CheckConfig) -> list[Finding]:
    """Indicator rows of a table with a 完成值/实际完成值/业绩值 column whose actual is empty
    (rows whose target is blank too are left to ``form.target_blank``).

    Info: a self-assessment or evaluation that prints no result for an indicator has not
    shown it was met, but the score beside it may still rest on evidence elsewhere.
    """
    out: list[Finding] = []
    for s in sections(report):
        if s.head.actual is None or not s.rows:
            continue
        blank = [r for r in s.rows if r.no_actual and not r.no_target]
        if not blank:
            continue
        n, b = len(s.rows), len(blank)
        _sev, note = _doubt("info", _ocr(report, s.table))
        where = _section_where(report, s, blank[0].row)
        label = s.head.actual_label
        msg = f"{where}：{n} 个三级指标中 {b} 个未填“{label}”：{_named(blank)}"
        locs = [at_table(s.table, r.row, s.head.actual) for r in blank]
        out.append(finding("form.actual_blank", "info", msg + note, None, None, locs))
    return out


# ---------------------------------------------------------------- money block


def _labels_only(text: str) -> list[str] | None:
    """The labels of a money block printed as one cell of labels with no amounts
    (``一、项目总预算：二、当年预算：（一）财政拨款：1. 上级财政拨款：…（二）其他资金：``),
    else None. Every label must be short and two of them money words; no digit may stand
    anywhere but in the labels' numbering."""
    t = normalise(_TAG.sub("", text)).replace("：", ":")
    if t.count(":") < 3:
        return None
    parts = t.split(":")
    if parts[-1]:
        return None
    labels = [_NUMBERING.sub("", p) for p in parts[:-1]]
    if any(not x or len(x) > 12 or re.search(r"\d", x) for x in labels):
        return None
    if sum(any(w in x for w in vocab()["money_words"]) for x in labels) < 2:
        return None
    return labels


def _components(form: Form, total: Key) -> list[Key]:
    """The keys printed under a total in its column (its breakdown), as ``sum.form`` reads them."""
    kinds = vocab()["money_totals"].get(total.kind, [])
    by_cell = {(k.row, k.col): k for k in form.keys}
    out = []
    for r in range(total.row + 1, min(total.row + 5, form.end)):
        k = by_cell.get((r, total.col))
        if k is None:
            if r < len(form.table.rows) and total.col < len(form.table.rows[r]) and not empty(form.table.rows[r][total.col]):
                break
            continue
        if k.kind not in kinds:
            break
        out.append(k)
    return out


def _money(k: Key) -> float | None:
    p = parse_cell(k.value)
    return p.value if p else (0.0 if norm(k.value) in ("-", "—", "－") else None)


@rule("form.funds_blank", "warning", "申报表项目资金栏未填")
def funds_blank(report: Report, config: CheckConfig) -> list[Finding]:
    """A form's money block (项目资金总额 / 年度资金申请总额 and their 财政资金, 当年财政拨款,
    上年结转资金, 其他资金) left blank.

    * Every amount blank (or the block printed as labels only): warning — the form
      declares no money at all.
    * A total printed while its components are all blank, or the printed components fall
      short of it with some left blank: info — the amount is declared, its sources are not,
      and ``sum.form`` (which needs every component) cannot check it. Blank components whose
      printed siblings already make the total are read as nothing and pass.
    * A total left blank under printed components: info.
    """
    out: list[Finding] = []
    for table in report.tables:
        ocr = _ocr(report, table)
        for form in forms(table):
            out += _form_money(form, ocr)
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                labels = _labels_only(text) if len(text) < 200 else None
                if labels is None:
                    continue
                sev, note = _doubt("warning", ocr)
                inside = [f for f in forms(table) if f.start <= r < f.end]
                where = inside[0].where(r) if inside else f"{table_name(table)}{on_page(at_table(table, r).page)}"
                msg = f"{where}：项目资金栏只列栏目、未填金额：{'、'.join(labels)}均为空白（行 {r}），申报的资金无从核对"
                out.append(finding("form.funds_blank", sev, msg + note, None, None, [at_table(table, r, c)]))
    return out


def _form_money(form: Form, ocr: bool) -> list[Finding]:
    money = [k for k in form.keys if k.kind in _MONEY_KINDS]
    if len(money) < 2:
        return []
    table = form.table
    if all(empty(k.value) for k in money):
        sev, note = _doubt("warning", ocr)
        names = "、".join(dict.fromkeys(k.label.removeprefix("其中:") for k in money))
        msg = f"{form.where(money[0].row)}：项目资金栏未填金额：{names}均为空白（行 {money[0].row}–{money[-1].row}），申报的资金无从核对"
        return [finding("form.funds_blank", sev, msg + note, None, None, [at_table(table, k.row, k.col) for k in money])]
    out = []
    _sev, note = _doubt("info", ocr)
    for total in (k for k in money if k.kind in vocab()["money_totals"]):
        parts = _components(form, total)
        if not parts:
            continue
        blank = [k for k in parts if empty(k.value)]
        printed = [(k, _money(k)) for k in parts if not empty(k.value)]
        tot = _money(total) if not empty(total.value) else None
        name = total.label
        loc = [at_table(table, total.row, total.value_col if total.value_col is not None else total.col)]
        loc += [at_table(table, k.row, k.col) for k in blank]
        if empty(total.value):
            if printed and all(v is not None for _, v in printed):
                s = sum(v for _, v in printed if v is not None)
                msg = f"{form.where(total.row)}：“{name}”空白（行 {total.row}），而其构成{'、'.join(k.label for k, _ in printed)}合计 {fmt(s)}"
                out.append(finding("form.funds_blank", "info", msg + note, s, None, loc))
            continue
        if not blank or tot is None:
            continue
        bnames = "、".join(k.label.removeprefix("其中:") for k in blank)
        if not printed:
            msg = (f"{form.where(total.row)}：“{name}”印为 {fmt(tot)}，而其构成{bnames}均为空白（行 {blank[0].row}–{blank[-1].row}）："
                   f"资金来源未填，总额与各项之和无从核对")
            out.append(finding("form.funds_blank", "info", msg + note, None, tot, loc))
            continue
        if any(v is None for _, v in printed):
            continue
        s = sum(v for _, v in printed if v is not None)
        if tot - s > 0.005:
            shown = " + ".join(f"{k.label.removeprefix('其中:')} {k.value}" for k, _ in printed)
            msg = (f"{form.where(total.row)}：“{name}”印为 {fmt(tot)}，已填的 {shown} = {fmt(s)}，"
                   f"差 {fmt(tot - s)}，而{bnames}空白（行 {', '.join(str(k.row) for k in blank)}）：空白处应为 {fmt(tot - s)}，请补填")
            out.append(finding("form.funds_blank", "info", msg + note, tot - s, None, loc))
    return out


# ---------------------------------------------------------------- dates, category


def _box(value: str) -> str | None:
    """``□ 一次性项目 □ 经常性项目`` with no box ticked → the options; None when one is ticked
    or the value is not a row of tick boxes."""
    v = vocab()
    if not any(m in value for m in v["unticked"]) or any(m in value for m in v["ticked"]):
        return None
    options = [normalise(x) for x in re.split("|".join(map(re.escape, v["unticked"])), value) if normalise(x)]
    return "、".join(options) if options else None


@rule("form.field_blank", "info", "申报表基本信息未填")
def field_blank(report: Report, config: CheckConfig) -> list[Finding]:
    """A form's head left incomplete: 项目名称, 主管部门, 实施单位, the start and end dates
    blank, or no box of 项目类别 / 项目性质 ticked. One finding per form.

    Info: the project can still be identified and checked, but a declaration without dates
    has no period to monitor against (``consistency.form_period`` stays silent on it).
    """
    wanted, choices = set(vocab()["field_keys"]), set(vocab()["choice_keys"])
    out: list[Finding] = []
    for table in report.tables:
        ocr = _ocr(report, table)
        for form in forms(table):
            blank: list[Key] = []
            unticked: list[tuple[Key, str]] = []
            seen: set[str] = set()
            for k in form.keys:
                if k.kind not in wanted or k.kind in seen:
                    continue
                seen.add(k.kind)
                if empty(k.value):
                    blank.append(k)
                elif k.kind in choices and (options := _box(k.value)):
                    unticked.append((k, options))
            if not blank and not unticked:
                continue
            parts = []
            if blank:
                parts.append(f"{'、'.join(k.label for k in blank)}未填（行 {'、'.join(dict.fromkeys(str(k.row) for k in blank))}）")
            parts += [f"{k.label}的选项（{opts}）均未勾选（行 {k.row}）" for k, opts in unticked]
            _sev, note = _doubt("info", ocr)
            first = min(k.row for k in blank + [k for k, _ in unticked])
            locs = [at_table(table, k.row, k.col) for k in blank + [k for k, _ in unticked]]
            out.append(finding("form.field_blank", "info", f"{form.where(first)}：{'；'.join(parts)}" + note, None, None, locs))
    return out

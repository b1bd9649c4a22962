"""Mutation suite for the checker: plant one wrong figure, see whether it is caught.

Why this exists: the checker's unit tests show that each rule fires on the example it was
written for; they cannot say how many of the errors a document really contains would be
caught. Here the committed samples are read by the real extractor, one printed number in
one table cell is changed the way real errors look (a digit changed, ±1 in some place,
two digits swapped, a 10× slip; separators and decimals kept), and the whole pipeline
(``patterns.recognise`` then ``checker.check``) runs on the changed document.

The yardstick must not come from the checker, so which mutations *should* be caught is
decided here, from the table structure alone (``find_relations``): a cell is bound by a
relation when it is an item or the total of

* a column under a 合计/小计/总计 row (``sum``),
* a 类/款/项 parent row and its children (``nested``),
* a 合计 column and the columns beside it (``cross``),
* a 申报表 money block: 项目资金总额 = 财政资金 + 其他资金, 年度资金申请总额 = 当年财政拨款
  + 上年结转 + 其他资金 (``form``),
* a detail table's amount column and the line of another table its caption names
  (``caption``),
* 执行率 = 支付 ÷ 预算 in a budget table row (``rate``),
* 得分 ≤ 分值 in a score-table row (``bound``),

and, for a money or percent figure in running text (``prose_relations``),

* 执行率 = 支出 ÷ 预算 within one sentence (the sentence's own budgets when it states any),
  序时进度 = N/12, one 支出 or 预算 stated twice, a prose amount naming a table row (or a
  合计 of the document's year) with the same value (``same``),
* the lines of a 部门预算编制说明 (``budget_statement_relations``): a 功能分类 line's amount
  stated twice and against the 合计 of the row with the same 类 → 款 → 项 names, its
  增减 % = (本年 − 上年) ÷ 上年 (``growth:±``; 持平 = equal amounts), ``X，其中：A；B`` and
  ``X中，A；B`` sums of two or more parts, and both sides balancing (收入预算 = 支出预算,
  财政拨款收入 = 财政拨款支出预算, and their changes on last year),

*and the relation holds in the unmutated document* (the samples hold real errors; a
relation already broken is not a yardstick). A mutation is **detectable** when it breaks
at least one of its relations beyond the printed precision (whole 元/分/人 are exact;
whole % and 万元 stand for ±0.5; d decimals for ±½·10⁻ᵈ — ``checker/RULES.md``).

A finding is **new** when its (rule, severity, message, locations) is not among the
unmutated document's findings. A new finding **concerns** the mutation when one of its
locations is on the mutated row or on a row of one of the cell's relations (any table),
or when it has no table location and its rule is a project-level rule
(``PROJECT_RULES``: a table figure feeds project totals, budgets and prose cross-checks),
or when it is located (page, no table) on the page of the mutated prose figure or of a
prose figure of one of its relations.

* recall = detectable mutations with a new error/rounding/warning finding that concerns
  them ÷ detectable mutations;
* precision = mutations whose new ``error`` findings all concern them ÷ mutations with
  any new ``error`` finding. A new error elsewhere is a false alarm.

The bar (recall ≥ 95 %, precision ≥ 98 %) holds for table-cell and for prose-figure
mutations, each on its own; the exit status is 1 when either misses it.

Run ``python -m evals.mutations`` (``--table N``, ``--prose N``, ``--seed S``).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.contract import Finding, Report
from extractor.document import Document, Table

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = (
    "samples/eval_report_2022_xinfang.pdf",
    "samples/eval_report_2022_xinfang.docx",
    "samples/monitoring_2023_qingyunpu.pdf",
    "samples/target_decl_2023_songjiang.pdf",
    "samples/real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf",
)
PROJECT_RULES = frozenset(
    {"crossref.claims", "crossref.declared", "score.total", "grade.band", "budget.execution_rate", "weights.policy"}
)
TOTAL_WORDS = ("合计", "小计", "总计", "总分")
CellKey = tuple[str, int, int]  # (table id, row, col)

_NUM = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<pct>%|％)?$")


# ---------------------------------------------------------------- printed numbers


@dataclass(frozen=True)
class Num:
    """A plain printed number: value, decimals and the look to keep when rewriting it."""

    value: float
    decimals: int
    commas: bool
    pct: bool
    unit: str | None = None  # 元 / 万元 (table unit or the word after a prose figure)

    @property
    def base(self) -> float:
        """The value in 元 (万元 scaled), so prose and tables compare."""
        return self.value * (10000.0 if self.unit == "万元" else 1.0)

    def text(self, value: float) -> str:
        body = f"{value:,.{self.decimals}f}" if self.commas else f"{value:.{self.decimals}f}"
        return body + ("%" if self.pct else "")


def parse(text: str, unit: str | None = None) -> Num | None:
    """A cell holding one plain number (``2,302,740.00``, ``5.6``, ``100%``), else None.

    Targets (``≥95%``), units and words are not plain numbers: they are not summed.
    """
    m = _NUM.match(text.strip().replace(" ", ""))
    if not m:
        return None
    dec = m.group("dec") or ""
    value = float(m.group("int").replace(",", "") + ("." + dec if dec else ""))
    return Num(value, len(dec), "," in m.group("int"), bool(m.group("pct")), None if m.group("pct") else unit)


def half_unit(n: Num) -> float:
    """Half the last printed unit in 元; whole 元/分/人 are counted, so exact (RULES.md)."""
    if n.value == 0:
        return 0.0
    if n.decimals == 0 and not n.pct and n.unit != "万元":
        return 0.0
    return 0.5 * 10.0 ** (-n.decimals) * (10000.0 if n.unit == "万元" else 1.0)


# ---------------------------------------------------------------- relations


@dataclass(frozen=True)
class Relation:
    """``total`` = Σ ``items`` (kind sum/nested/cross/form/caption), or a rate/bound."""

    kind: str
    total: CellKey
    items: tuple[CellKey, ...]

    def cells(self) -> tuple[CellKey, ...]:
        return (self.total, *self.items)


Values = dict[CellKey, Num]


def _slack(rel: Relation, vals: Values) -> float:
    return sum(half_unit(vals[k]) for k in rel.cells()) + 1e-6


def _rate_holds(rate: Num, spent: Num, budget: Num) -> bool:
    """A printed rate against spent ÷ budget: rounded or truncated, inputs' intervals allowed."""
    if budget.base == 0:
        return True
    step = 10.0 ** (-rate.decimals)
    lo_r, hi_r = rate.value - step / 2 - 1e-9, rate.value + step
    s_lo, s_hi = spent.base - half_unit(spent), spent.base + half_unit(spent)
    b_lo, b_hi = budget.base - half_unit(budget), budget.base + half_unit(budget)
    if b_lo <= 0:
        return True
    return s_lo / b_hi * 100.0 <= hi_r and s_hi / b_lo * 100.0 >= lo_r


def _growth_holds(pct: Num, now: Num, last: Num, down: bool) -> bool:
    """A printed change in % against the two amounts: rounded or truncated, their intervals allowed."""
    step = 10.0 ** (-pct.decimals)
    if last.base == 0:
        return not down and pct.value - step / 2 - 1e-9 <= 100.0 <= pct.value + step / 2 + 1e-9
    lo_p, hi_p = pct.value - step / 2 - 1e-9, pct.value + step
    if down:
        lo_p, hi_p = -hi_p, -lo_p
    n_lo, n_hi = now.base - half_unit(now), now.base + half_unit(now)
    l_lo, l_hi = last.base - half_unit(last), last.base + half_unit(last)
    if l_lo <= 0:
        return True
    return (n_lo / l_hi - 1) * 100.0 <= hi_p and (n_hi / l_lo - 1) * 100.0 >= lo_p


def holds(rel: Relation, vals: Values) -> bool:
    """Whether the relation agrees within the precision its figures were printed with."""
    if rel.kind == "bound":  # total = 分值, items = (得分,)
        return vals[rel.items[0]].value <= vals[rel.total].value + _slack(rel, vals)
    if rel.kind == "rate":  # total = 执行率, items = (spent, budget)
        return _rate_holds(vals[rel.total], vals[rel.items[0]], vals[rel.items[1]])
    if rel.kind.startswith("progress:"):  # 序时进度 = months ÷ 12
        rate, exact = vals[rel.total], int(rel.kind.split(":")[1]) / 12 * 100
        step = 10.0 ** (-rate.decimals)
        return rate.value - step / 2 - 1e-9 <= exact < rate.value + step
    if rel.kind.startswith("growth:"):  # 比上年增加/减少 p% = (本年 − 上年) ÷ 上年
        return _growth_holds(vals[rel.total], vals[rel.items[0]], vals[rel.items[1]], rel.kind.endswith("-"))
    if rel.kind == "same":  # one amount stated twice
        a, b = vals[rel.total], vals[rel.items[0]]
        return abs(a.base - b.base) <= half_unit(a) + half_unit(b) + 1e-6
    gap = vals[rel.total].base - sum(vals[k].base for k in rel.items)
    return abs(gap) <= _slack(rel, vals)


def _grid(t: Table) -> list[list[str]]:
    return [[c.strip() for c in row] for row in t.grid()]


def _label(row: list[str]) -> str:
    return "".join(row[:4]).replace(" ", "")


def _code(row: list[str]) -> tuple[str, int] | None:
    """The 类/款/项 code of a row (split over columns or in one cell) and its last column."""
    parts, last = "", -1
    for c, text in enumerate(row[:4]):
        t = text.replace(" ", "")
        if t.isdigit() and len(t) in (2, 3, 5, 7) and (parts or len(t) in (3, 5, 7)):
            parts, last = parts + t, c
        elif t:
            break
    return (parts, last) if len(parts) in (3, 5, 7) else None


def _numeric_rows(grid: list[list[str]]) -> list[int]:
    return [r for r, row in enumerate(grid) if any(parse(x) for x in row)]


def _header_text(grid: list[list[str]], c: int, first_data: int) -> str:
    return "".join(grid[r][c] for r in range(first_data) if c < len(grid[r]))


def _sum_relations(t: Table, grid: list[list[str]]) -> list[Relation]:
    """Columns under 合计/小计/总计 rows; in a coded table the 合计 covers top-level rows."""
    out: list[Relation] = []
    coded = {r: cd for r, row in enumerate(grid) if (cd := _code(row))}
    prev_any, prev_total = -1, -1
    for r, row in enumerate(grid):
        label = _label(row)
        if not any(w in label for w in TOTAL_WORDS) or r in coded:
            continue
        is_sub = "小计" in label
        start = prev_any if is_sub else prev_total
        covered = [
            k for k in range(start + 1, r)
            if not any(w in _label(grid[k]) for w in TOTAL_WORDS)
            and (not coded or (k in coded and len(coded[k][0]) == 3))
        ]
        for c in range(1, t.n_cols):
            tot = parse(row[c])
            items = [(k, c) for k in covered if parse(grid[k][c])]
            if tot is None or not items or (len(items) < 2 and not coded):
                continue
            out.append(Relation("sum", (t.id, r, c), tuple((t.id, k, cc) for k, cc in items)))
        prev_any = r
        if not is_sub:
            prev_total = r
    return out


def _nested_relations(t: Table, grid: list[list[str]]) -> list[Relation]:
    out: list[Relation] = []
    coded = {r: cd for r, row in enumerate(grid) if (cd := _code(row))}
    for r, (code, _last) in coded.items():
        children = [k for k, (cd, _) in coded.items() if len(cd) > len(code) and cd[: len(code)] == code
                    and not any(len(code) < len(o) < len(cd) and cd.startswith(o) for o, _ in coded.values())]
        if not children:
            continue
        for c in range(t.n_cols):
            if parse(grid[r][c]) is None or c <= max(cd[1] for cd in coded.values()):
                continue
            items = tuple((t.id, k, c) for k in children if parse(grid[k][c]))
            if items:
                out.append(Relation("nested", (t.id, r, c), items))
    return out


def _first_data(grid: list[list[str]]) -> int:
    rows = _numeric_rows(grid)
    return rows[0] if rows else len(grid)


def _group(t: Table, r: int, c: int) -> tuple[int, int]:
    """The columns a header cell answers to: the span of the cell above it, else the width."""
    above = t.cell_at(r - 1, c) if r > 0 else None
    if above is None or not above.text.strip():
        return 0, t.n_cols
    return above.col, above.col + above.colspan


def _cross_relations(t: Table, grid: list[list[str]]) -> list[Relation]:
    """A 合计/总计/小计 header column against the other columns of its header group.

    A sub-group with its own 小计 is counted by that 小计 alone (三公经费: 合计 = 出国 +
    接待 + 公务用车 小计; 小计 = 购置 + 运行).
    """
    out: list[Relation] = []
    first = _first_data(grid)
    heads = [(r, c) for r in range(first) for c in range(t.n_cols)
             if any(w in grid[r][c] for w in ("合计", "总计", "小计"))
             and (cell := t.cell_at(r, c)) is not None and cell.col == c and cell.row == r]
    for r, c in heads:
        lo, hi = _group(t, r, c)
        cols = [k for k in range(lo, hi) if k != c]
        for r2, c2 in heads:
            sub_lo, sub_hi = _group(t, r2, c2)
            if (r2, c2) != (r, c) and lo <= sub_lo and sub_hi <= hi and (sub_lo, sub_hi) != (lo, hi):
                cols = [k for k in cols if not (sub_lo <= k < sub_hi) or k == c2]
        for row in range(first, len(grid)):
            if parse(grid[row][c]) is None:
                continue
            items = tuple((t.id, row, k) for k in cols if parse(grid[row][k]))
            if items:
                out.append(Relation("cross", (t.id, row, c), items))
    return out


_FORM_TOTALS = ("项目资金总额", "年度资金申请总额", "年度资金总额")
_FORM_PARTS = ("财政资金", "其他资金", "当年财政拨款", "上年结转")


def _value_right(row: list[str], c: int) -> int | None:
    """The column of the value printed right of a label (merged label cells leave blanks)."""
    for k in range(c + 1, min(c + 4, len(row))):
        if row[k]:
            return k if parse(row[k]) is not None else None
    return None


def _form_relations(t: Table, grid: list[list[str]]) -> list[Relation]:
    """The 申报表 money block: a total label, its component labels below it in the same column."""
    out: list[Relation] = []
    for r, row in enumerate(grid):
        for c in range(t.n_cols - 1):
            vc = _value_right(row, c) if any(w in row[c] for w in _FORM_TOTALS) else None
            if vc is None:
                continue
            items, complete = [], True
            for k in range(r + 1, len(grid)):
                lab = grid[k][c]
                if not lab:
                    continue
                if not any(w in lab for w in _FORM_PARTS):
                    break
                if parse(grid[k][vc]) is None:
                    complete = False
                items.append((t.id, k, vc))
            if complete and len(items) >= 2:
                out.append(Relation("form", (t.id, r, vc), tuple(items)))
    return out


def _columns(grid: list[list[str]], words: tuple[str, ...], first: int) -> list[int]:
    return [c for c in range(len(grid[0])) if any(w in _header_text(grid, c, first) for w in words)]


def _row_relations(t: Table, grid: list[list[str]]) -> list[Relation]:
    """执行率 = 支付 ÷ 预算 (some budget column) and 得分 ≤ 分值, row by row."""
    out: list[Relation] = []
    first = _first_data(grid)
    if not first:
        return out
    rates = _columns(grid, ("执行率",), first)
    spent = [c for c in _columns(grid, ("支付", "支出", "执行数"), first) if c not in rates]
    budgets = [c for c in _columns(grid, ("预算",), first) if c not in rates + spent]
    weights, scores = _columns(grid, ("分值",), first), _columns(grid, ("得分",), first)
    for r in range(first, len(grid)):
        row = grid[r]
        for rc in rates:
            for sc in spent:
                for bc in budgets:
                    if all(parse(row[x]) for x in (rc, sc, bc)) and parse(row[bc]).value:
                        out.append(Relation("rate", (t.id, r, rc), ((t.id, r, sc), (t.id, r, bc))))
        for wc in weights:
            for sc in scores:
                if parse(row[wc]) and parse(row[sc]):
                    out.append(Relation("bound", (t.id, r, wc), ((t.id, r, sc),)))
    return out


def _caption_relations(doc: Document, grids: dict[str, list[list[str]]]) -> list[Relation]:
    """A detail table without a total whose caption names a line of another table."""
    out: list[Relation] = []
    for t in doc.tables:
        g = grids[t.id]
        if not t.caption or any(any(w in _label(row) for w in TOTAL_WORDS) for row in g):
            continue
        amount = _columns(g, ("金额",), 1)
        if len(amount) != 1:
            continue
        items = tuple((t.id, r, amount[0]) for r in range(1, len(g)) if parse(g[r][amount[0]]))
        for o in doc.tables:
            if o.id == t.id:
                continue
            for r, row in enumerate(grids[o.id]):
                names = [x for x in row[:2] if len(x) >= 4 and x in t.caption]
                if not names:
                    continue
                out.extend(Relation("caption", (o.id, r, c), items) for c in range(2, len(row)) if parse(row[c]))
    return out


def find_relations(doc: Document) -> list[Relation]:
    """Every relation of the document that holds as printed (the yardstick's relations)."""
    grids = {t.id: _grid(t) for t in doc.tables}
    rels: list[Relation] = []
    for t in doc.tables:
        g = grids[t.id]
        if not g:
            continue
        rels += _sum_relations(t, g) + _nested_relations(t, g) + _cross_relations(t, g)
        rels += _form_relations(t, g) + _row_relations(t, g)
    rels += _caption_relations(doc, grids)
    vals = values(doc)
    rels += prose_relations(doc, vals)
    return list(dict.fromkeys(r for r in rels if all(k in vals for k in r.cells()) and holds(r, vals)))


def values(doc: Document) -> Values:
    out: Values = {}
    for t in doc.tables:
        for r, row in enumerate(_grid(t)):
            for c, text in enumerate(row):
                if (n := parse(text, t.unit)) is not None:
                    out[(t.id, r, c)] = n
    out.update({k: f.num for k, f in prose_figures(doc).items()})
    return out


# ---------------------------------------------------------------- prose figures

_PROSE_NUM = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|元|%|％)")
_SENTENCE_END = re.compile(r"[。；;！？\n]")
_MONTH = re.compile(r"(?:截至|截止).{0,12}?(\d{1,2})\s*月|1\s*[-—～~至]\s*(\d{1,2})\s*月")
PROSE = "¶"  # table id of a prose figure's key: (PROSE, item index, character offset)


@dataclass(frozen=True)
class ProseFigure:
    """A number with its unit in running text, and the words of its sentence before it."""

    text: str  # the number as printed, without its unit
    num: Num
    before: str
    sentence: tuple[int, int]  # (item index, sentence start)
    month: int | None  # the month a 截至…N月 / 1-N月 in the sentence names


def prose_figures(doc: Document) -> dict[CellKey, ProseFigure]:
    """Money (元/万元) and percentages in the document's running text, keyed by position."""
    out: dict[CellKey, ProseFigure] = {}
    for i, item in enumerate(doc.items):
        if isinstance(item, Table):
            continue
        text = item.text
        for m in _PROSE_NUM.finditer(text):
            start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
            end_m = _SENTENCE_END.search(text, m.end())
            sentence = text[start:end_m.start() if end_m else len(text)]
            month = _MONTH.search(sentence)
            unit = m.group(2).replace("％", "%")
            num = parse(m.group(1), None if unit == "%" else unit)
            if num is None:
                continue
            num = dataclasses.replace(num, pct=unit == "%")
            out[(PROSE, i, m.start(1))] = ProseFigure(
                m.group(1), num, text[start:m.start()], (i, start), int(next(g for g in month.groups() if g)) if month else None
            )
    return out


def _near(before: str, *words: str, span: int = 12) -> bool:
    return any(w in before[-span:] for w in words)


def prose_relations(doc: Document, vals: Values) -> list[Relation]:
    """执行率 = 支出 ÷ 预算 and 序时进度 = N/12 in a sentence; one amount stated twice (prose or table);
    the lines of a 部门预算编制说明 (``budget_statement_relations``).

    A change on last year (``比2022年预算增加1421.25万元``) is no budget; the figures of a
    编制说明 line are tied by that line's own relations, not by sharing words with another line
    (every line says ``2023年预算安排``)."""
    figs = prose_figures(doc)
    stated, rels = budget_statement_relations(doc, figs)
    money = {k: f for k, f in figs.items() if not f.num.pct and not _is_change(f)}
    spent = [k for k, f in money.items() if _near(f.before, "支出", span=8)]
    budget = [k for k, f in money.items() if _near(f.before, "预算") and not _near(f.before, "执行", span=6)]
    said = [k for k in budget if k not in stated]
    for k, f in figs.items():
        if f.num.pct and _near(f.before, "执行率", span=6):
            own = [b for b in budget if figs[b].sentence == f.sentence]  # a sentence stating its budget means that one
            rels += [Relation("rate", k, (s, b)) for s in spent if figs[s].sentence == f.sentence for b in own or budget]
        if f.num.pct and _near(f.before, "序时进度", span=8) and f.month:
            rels.append(Relation(f"progress:{f.month}", k, ()))
    rels += [Relation("same", a, (b,)) for i, a in enumerate(spent) for b in spent[i + 1:]]
    rels += [Relation("same", a, (b,)) for i, a in enumerate(said) for b in said[i + 1:] if _said(figs[a]) == _said(figs[b])]
    names = _row_names(doc)
    cells = [(k, n) for k, n in vals.items() if k[0] != PROSE and not n.pct and n.base >= 10000]
    year = _doc_year(doc)
    for k, f in money.items():
        if f.num.base < 10000:
            continue
        years = _sentence_years(doc, f)
        this_year = not years or year is None or year in years  # 2020年…预算金额 is not this document's 合计
        for c, n in cells:
            name = names.get((c[0], c[1]), "")
            named = len(name) >= 3 and name in f.before
            total = this_year and k in spent + budget and any(w in name for w in ("合计", "总计", "总额"))
            if (named or total) and abs(n.base - f.num.base) <= half_unit(n) + half_unit(f.num):
                rels.append(Relation("same", k, (c,)))
    return rels


# ---------------------------------------------------------------- 部门预算编制说明 lines
#
# Read here with the yardstick's own expressions (never the recogniser's): a numbered line
#   1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，…。2022年当年预算执行数为
#      1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %。
# and the lines of 收入/支出预算 with their 其中 parts and changes on last year.

_N = r"(\d[\d,]*(?:\.\d+)?)"
_LINE_HEAD = re.compile(r"^\s*\d{1,3}\s*[.、．]\s*[“\"]?\s*([^“”\"]{2,80}?[（(]项[）)])\s*[”\"]?\s*" + _N + r"\s*万元")
_LINE_LAST = re.compile(r"预算执行数\s*为?\s*" + _N + r"\s*万元")
_LINE_THIS = re.compile(r"年\s*预算安排\s*" + _N + r"\s*万元")
_LINE_CHANGE = re.compile(r"比\s*\d{4}\s*年\s*预算执行数\s*(?:(增加|减少)\s*" + _N + r"\s*[%％]|(持平))")
_LEVELS = re.compile(r"([^（）()“”\"]+)[（(]([类款项])[）)]")
_CHANGE_WORDS = re.compile(r"(?:增加|减少|增长|下降)\s*$")
_WHOLE_OF = re.compile(r"([\u4e00-\u9fff]{2,20})中\s*[，,]")
_BALANCED = (("收入预算", "支出预算"), ("财政拨款收入", "财政拨款支出预算"))


def _is_change(f: ProseFigure) -> bool:
    return bool(_CHANGE_WORDS.search(f.before))


def _coded_rows(t: Table, grid: list[list[str]]) -> tuple[dict[str, tuple[int, str]], list[int]]:
    """code → (row, name) of a 类/款/项 table, and its 合计 columns."""
    rows: dict[str, tuple[int, str]] = {}
    for r, row in enumerate(grid):
        cd = _code(row)
        if cd:
            name = next((x.replace(" ", "") for x in row[cd[1] + 1:] if x and parse(x) is None), "")
            rows.setdefault(cd[0], (r, name))
    first = _first_data(grid)
    return rows, [c for c in range(t.n_cols) if "合计" in _header_text(grid, c, first)]


def _table_rows_named(doc: Document, names: list[str]) -> list[CellKey]:
    """The 合计 cells of the rows whose 类 → 款 → 项 names are ``names``, in every 支出 table by code."""
    out: list[CellKey] = []
    for t in doc.tables:
        if "支出" not in (t.caption or ""):
            continue
        grid = _grid(t)
        rows, cols = _coded_rows(t, grid)
        prefix, hit = "", None
        for name in names:
            found = sorted((cd for cd, (_r, n) in rows.items() if n == name and cd.startswith(prefix) and len(cd) > len(prefix)), key=len)
            if not found:
                hit = None
                break
            prefix = hit = found[0]
        if hit:
            out += [(t.id, rows[hit][0], c) for c in cols]
    return out


def _line_relations(doc: Document, i: int, text: str, figs: dict[CellKey, ProseFigure]) -> list[Relation]:
    """One numbered 功能分类 line: its amount twice, its 增减 %, and its table row."""
    head = _LINE_HEAD.match(text)
    if not head or not re.search(r"[（(]类[）)]", head.group(1)):
        return []
    key = lambda m, g: (PROSE, i, m.start(g))  # noqa: E731
    amount = key(head, 2)
    last, this, change = (p.search(text, head.end()) for p in (_LINE_LAST, _LINE_THIS, _LINE_CHANGE))
    rels = [Relation("same", amount, (c,)) for c in _table_rows_named(doc, [n.replace(" ", "") for n, _ in _LEVELS.findall(head.group(1))])]
    if this:
        rels.append(Relation("same", amount, (key(this, 1),)))
    if last and (this or amount) and change:
        now = key(this, 1) if this else amount
        if change.group(3):
            rels.append(Relation("same", now, (key(last, 1),)))
        else:
            rels.append(Relation("growth:" + ("-" if change.group(1) == "减少" else "+"), key(change, 2), (now, key(last, 1))))
    return [r for r in rels if all(k[0] != PROSE or k in figs for k in r.cells())]


def _budget_line_relations(i: int, text: str, figs: dict[CellKey, ProseFigure]) -> list[Relation]:
    """``X N万元，其中：A…；B…`` and ``X中，A…；B…``: X = Σ parts (two or more parts, to the 。)."""
    mine = sorted((k[2], k) for k, f in figs.items() if k[1] == i and not f.num.pct)
    rels: list[Relation] = []
    for m in re.finditer(r"其中\s*[：:，,]", text):
        stop = text.find("。", m.end())
        stop = len(text) if stop < 0 else stop
        start = text.rfind("。", 0, m.start()) + 1
        before = [k for pos, k in mine if start <= pos < m.start()]
        parts = [k for pos, k in mine if m.end() <= pos < stop and not _is_change(figs[k])]
        if before and len(parts) >= 2:
            rels.append(Relation("sum", before[-1], tuple(parts)))
    for m in _WHOLE_OF.finditer(text):
        whole = re.search(re.escape(m.group(1)) + r"\s*" + _N + r"\s*万元", text[:m.start()])
        stop = text.find("。", m.end())
        stop = len(text) if stop < 0 else stop
        parts = [k for pos, k in mine if m.end() <= pos < stop and not _is_change(figs[k])]
        if whole and len(parts) >= 2 and (PROSE, i, whole.start(1)) in figs:
            rels.append(Relation("sum", (PROSE, i, whole.start(1)), tuple(parts)))
    return rels


def _named_figure(doc: Document, figs: dict[CellKey, ProseFigure], name: str) -> tuple[CellKey | None, CellKey | None]:
    """The first ``<name> N万元`` in the running text (its defining mention) and the change on
    last year printed right after it."""
    for i, item in enumerate(doc.items):
        if isinstance(item, Table):
            continue
        m = re.search(re.escape(name) + r"\s*" + _N + r"\s*万元", item.text)
        if m is None:
            continue
        ch = re.match(r"\s*[，,]\s*比\s*\d{4}\s*年(?:[（(][^）)]{0,12}[）)])?[^，,。；;]{0,12}?(?:增加|减少)\s*" + _N + r"\s*万元", item.text[m.end():])
        amount = (PROSE, i, m.start(1))
        change = (PROSE, i, m.end() + ch.start(1)) if ch else None
        return (amount if amount in figs else None), (change if change in figs else None)
    return None, None


def budget_statement_relations(doc: Document, figs: dict[CellKey, ProseFigure]) -> tuple[set[CellKey], list[Relation]]:
    """The relations of a 部门预算编制说明, and the prose figures they cover.

    * a numbered 功能分类 line: ``“…（项）”N万元`` = ``预算安排 N万元``; ``增加/减少 p%`` =
      (本年 − 上年) ÷ 上年 (上年 0 → 100 %), ``持平`` = equal amounts; N = the 合计 of the row
      with the same 类 → 款 → 项 names in any 支出 table by code;
    * ``X N万元，其中：A…；B…`` and ``X中，A…；B…`` with two or more parts: X = Σ parts;
    * both sides balance: 收入预算 = 支出预算, 财政拨款收入 = 财政拨款支出预算, and so do
      their changes on last year.
    """
    rels: list[Relation] = []
    for i, item in enumerate(doc.items):
        if isinstance(item, Table) or not item.text:
            continue
        rels += _line_relations(doc, i, item.text, figs) + _budget_line_relations(i, item.text, figs)
    for income, spend in _BALANCED:
        (a, ca), (b, cb) = _named_figure(doc, figs, income), _named_figure(doc, figs, spend)
        if a and b:
            rels.append(Relation("same", a, (b,)))
        if ca and cb:
            rels.append(Relation("same", ca, (cb,)))
    stated = {k for r in rels for k in r.cells() if k[0] == PROSE}
    return stated, rels


_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def _doc_year(doc: Document) -> int | None:
    """The year the document's first line (its title) names."""
    first = next((b.text for b in doc.items if not isinstance(b, Table) and b.text.strip()), "")
    m = _YEAR.search(first)
    return int(m.group(1)) if m else None


def _sentence_years(doc: Document, f: ProseFigure) -> set[int]:
    i, start = f.sentence
    text = doc.items[i].text
    end = _SENTENCE_END.search(text, start)
    return {int(y) for y in _YEAR.findall(text[start:end.start() if end else len(text)])}


def _said(f: ProseFigure) -> str:
    """The words just before a figure (digits and spaces dropped): the same words, the same quantity."""
    return re.sub(r"[\d\s.,，]", "", f.before)[-6:]


def _row_names(doc: Document) -> dict[tuple[str, int], str]:
    """The words of each table row (the last text cell before its first number): what prose calls it."""
    out: dict[tuple[str, int], str] = {}
    for t in doc.tables:
        for r, row in enumerate(_grid(t)):
            words = [x for x in row if x and parse(x) is None]
            if words:
                out[(t.id, r)] = re.sub(r"\s+", "", words[-1]) if not any(w in "".join(words) for w in TOTAL_WORDS + ("总额",)) else "".join(words)
    return out


# ---------------------------------------------------------------- mutations


@dataclass(frozen=True)
class Mutation:
    doc: str
    cell: CellKey
    op: str
    old: str
    new: str


def mutate_text(old: str, rng: random.Random) -> tuple[str, str] | None:
    """One realistic slip of a printed number: (operation, new text), format kept."""
    n = parse(old)
    if n is None:
        return None
    digits = f"{n.value:.{n.decimals}f}".replace(".", "")
    scale = 10 ** n.decimals
    as_int = int(digits)
    ops = ["digit", "plusminus", "transpose", "tenfold"]
    rng.shuffle(ops)
    for op in ops:
        new = None
        if op == "digit":
            i = rng.randrange(len(digits))
            choices = [d for d in "0123456789" if d != digits[i] and not (i == 0 and d == "0" and len(digits) > 1)]
            new = int(digits[:i] + rng.choice(choices) + digits[i + 1:])
        elif op == "plusminus":
            place = 10 ** rng.randrange(len(digits))
            new = as_int + rng.choice((-1, 1)) * place
            if new < 0:
                new = as_int + place
        elif op == "transpose":
            pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and not (i == 0 and digits[1] == "0")]
            if pairs:
                i = rng.choice(pairs)
                new = int(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
        elif op == "tenfold" and as_int:
            new = as_int * 10 if (as_int % 10 or rng.random() < 0.5) else as_int // 10
        if new is not None and new != as_int:
            return op, n.text(new / scale)
    return None


def apply(doc: Document, m: Mutation) -> Document:
    """A copy of the document with one cell's text changed (the original is untouched)."""
    tid, r, c = m.cell
    items = []
    for i, item in enumerate(doc.items):
        if tid == PROSE and i == r and not isinstance(item, Table):
            assert item.text[c:c + len(m.old)] == m.old
            item = dataclasses.replace(item, text=item.text[:c] + m.new + item.text[c + len(m.old):])
        elif isinstance(item, Table) and item.id == tid:
            cell = item.cell_at(r, c)
            cells = [dataclasses.replace(x, text=x.text.replace(m.old, m.new, 1)) if x is cell else x for x in item.cells]
            item = dataclasses.replace(item, cells=cells)
        items.append(item)
    return dataclasses.replace(doc, items=items)


# ---------------------------------------------------------------- scoring


def _key(f: Finding) -> tuple:
    return (f.rule, f.severity, f.message, tuple((x.page, x.table, x.row, x.col) for x in f.locations))


_MSG_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def mentions(message: str, n: Num) -> bool:
    """Whether a message quotes the figure (as printed, or in 元): prose findings have no cell."""
    if n.value < 10 and n.decimals == 0:
        return False  # a bare 3 or 5 is in too many messages to tell
    said = {float(x.replace(",", "")) for x in _MSG_NUM.findall(message)}
    return any(abs(v - w) <= 1e-6 * max(1.0, abs(w)) for v in said for w in (n.value, n.base))


def concerns(f: Finding, rows: set[tuple[str, int]], new: Num | None = None, pages: frozenset[int] = frozenset()) -> bool:
    """Whether a finding points at the mutated row or a row of one of its relations, or quotes the new figure.

    A prose figure's "row" is its paragraph: a finding located on the page of the mutated
    figure or of a prose figure of one of its relations (``pages``) concerns it.
    """
    if new is not None and mentions(f.message, new):
        return True
    if any(x.table is None and x.page in pages for x in f.locations):
        return True
    tabled = [x for x in f.locations if x.table]
    if not tabled:
        return f.rule in PROJECT_RULES
    tables = {t for t, _ in rows}
    return any((x.table, x.row) in rows or (x.row is None and x.table in tables) for x in tabled)


def broken(rels: list[Relation], vals: Values) -> bool:
    """Whether a mutation breaks a relation beyond rounding.

    Rates are judged per (rate, spent) pair: 执行率 may be over any budget figure the
    document prints (年初, 调整后, 到位; DOMAIN.md), so only when none reproduces it.
    """
    rates: dict[tuple[CellKey, CellKey], bool] = {}
    for rel in rels:
        if rel.kind == "rate":
            key = (rel.total, rel.items[0])
            rates[key] = rates.get(key, False) or holds(rel, vals)
        elif not holds(rel, vals):
            return True
    return not all(rates.values())


def on_agreeing(f: Finding, by_cell: dict[CellKey, list[Relation]], prose: dict[CellKey, tuple[int | None, Num]] | None = None) -> bool:
    """An error every cell of which is bound only by relations that hold: a false alarm.

    ``by_cell`` holds only relations that agree as printed, so an error pointing at such
    cells (and at no other cell) blames figures the yardstick found consistent. A location
    in running text (a page, no table) stands for the prose figures on that page that the
    message quotes (``prose``: key → (page, figure)); one of them bound by no relation that
    holds (a line already wrong as printed) means the error blames it, not the cells.
    """
    cells = [(x.table, x.row, x.col) for x in f.locations if x.table and x.row is not None and x.col is not None]
    for x in f.locations:
        if x.table is None and x.page is not None and prose:
            quoted = [k for k, (page, n) in prose.items() if page == x.page and mentions(f.message, n)]
            if any(k not in by_cell for k in quoted):
                return False
    return bool(cells) and all(k in by_cell for k in cells)


@dataclass
class Outcome:
    mutation: Mutation
    detectable: bool
    detected: bool
    new_errors: list[Finding]
    false_alarms: list[Finding]

    @property
    def scope(self) -> str:
        """``table`` for a table cell, ``prose`` for a figure in running text."""
        return "prose" if self.mutation.cell[0] == PROSE else "table"


@dataclass
class DocResult:
    name: str
    baseline_errors: list[Finding] = field(default_factory=list)
    baseline_alarms: list[Finding] = field(default_factory=list)  # errors on figures that agree
    relations: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self) -> dict[str, float]:
        return tally(self.outcomes)


def tally(outcomes: Iterable[Outcome]) -> dict[str, float]:
    outs = list(outcomes)
    detectable = [o for o in outs if o.detectable]
    detected = [o for o in detectable if o.detected]
    erring = [o for o in outs if o.new_errors]
    alarms = [o for o in erring if o.false_alarms]
    return {
        "mutations": len(outs),
        "detectable": len(detectable),
        "detected": len(detected),
        "recall": len(detected) / len(detectable) if detectable else 1.0,
        "new_errors": len(erring),
        "false_alarms": len(alarms),
        "precision": (len(erring) - len(alarms)) / len(erring) if erring else 1.0,
    }


def _read(path: Path) -> Document:
    import extractor

    return extractor.read(path)


def _check(doc: Document) -> tuple[Report, list[Finding]]:
    import checker
    import patterns

    report = patterns.recognise(doc)
    return report, checker.check(report)


def _text_at(doc: Document, cell: CellKey, prose: dict[CellKey, ProseFigure]) -> str:
    if cell[0] == PROSE:
        return prose[cell].text
    return _grid(next(t for t in doc.tables if t.id == cell[0]))[cell[1]][cell[2]]


def run_document(path: Path, n_table: int, n_prose: int = 0, seed: int = 2024) -> DocResult:
    """Baseline, then seeded one-figure mutations of one sample: table cells, then prose figures."""
    doc = _read(path)
    _, base = _check(doc)
    rels = find_relations(doc)
    by_cell: dict[CellKey, list[Relation]] = {}
    for rel in rels:
        for k in rel.cells():
            by_cell.setdefault(k, []).append(rel)
    errors = [f for f in base if f.severity == "error"]
    figs = prose_figures(doc)
    where = {k: (getattr(doc.items[k[1]], "page", None), f.num) for k, f in figs.items()}
    result = DocResult(path.name, errors, [f for f in errors if on_agreeing(f, by_cell, where)], len(rels))
    ctx = _Context(doc, {_key(f) for f in base}, rels, by_cell, values(doc), figs)
    for scope, n in (("table", n_table), ("prose", n_prose)):
        cells = sorted(k for k in by_cell if (k[0] == PROSE) == (scope == "prose"))
        rng = random.Random(f"{seed}:{path.name}:{scope}")
        seen: set[tuple[CellKey, str]] = set()
        done, tries = 0, 0
        while cells and done < n and tries < n * 20:
            tries += 1
            cell = rng.choice(cells)
            text = _text_at(doc, cell, ctx.prose)
            slip = mutate_text(text, rng)
            if slip is None or (cell, slip[1]) in seen:
                continue
            seen.add((cell, slip[1]))
            result.outcomes.append(_outcome(ctx, Mutation(path.name, cell, slip[0], text, slip[1])))
            done += 1
    return result


@dataclass
class _Context:
    doc: Document
    base_keys: set[tuple]
    rels: list[Relation]
    by_cell: dict[CellKey, list[Relation]]
    vals: Values
    prose: dict[CellKey, ProseFigure]


def _outcome(ctx: _Context, m: Mutation) -> Outcome:
    """Judge one mutation by the yardstick, run the pipeline on it, sort its new findings."""
    old = ctx.vals[m.cell]
    mvals = dict(ctx.vals)
    new_num = dataclasses.replace(parse(m.new) or old, unit=old.unit, pct=old.pct)
    mvals[m.cell] = new_num
    mine = ctx.by_cell[m.cell]
    pairs = {(r.total, r.items[0]) for r in mine if r.kind == "rate"}
    detectable = broken(mine + [r for r in ctx.rels if r.kind == "rate" and (r.total, r.items[0]) in pairs], mvals)
    rows = {(m.cell[0], m.cell[1])} | {(k[0], k[1]) for rel in mine for k in rel.cells()}
    pages = frozenset(p for t, i in rows if t == PROSE and (p := getattr(ctx.doc.items[i], "page", None)) is not None)
    _, found = _check(apply(ctx.doc, m))
    new = [f for f in found if _key(f) not in ctx.base_keys]
    hits = [f for f in new if f.severity in ("error", "rounding", "warning") and concerns(f, rows, new_num, pages)]
    errors = [f for f in new if f.severity == "error"]
    return Outcome(m, detectable, bool(hits), errors, [f for f in errors if not concerns(f, rows, new_num, pages)])


def run(paths: Iterable[str] = SAMPLES, n_table: int = 50, n_prose: int = 20, seed: int = 2024) -> list[DocResult]:
    return [run_document(ROOT / p, n_table, n_prose, seed) for p in paths]


# ---------------------------------------------------------------- report


def _line(name: str, c: dict[str, float]) -> str:
    return (
        f"{name[:44]:<44} {c['mutations']:>5} {c['detectable']:>6} {c['detected']:>6} {c['recall']:>7.1%}"
        f" {c['new_errors']:>6} {c['false_alarms']:>6} {c['precision']:>7.1%}"
    )


def render(results: list[DocResult]) -> str:
    out = [f"{'document':<44} {'muts':>5} {'detbl':>6} {'caught':>6} {'recall':>7} {'errs':>6} {'false':>6} {'prec':>7}"]
    for scope in ("table", "prose"):
        out.append(f"-- {scope} figures mutated")
        out += [_line(r.name, tally(o for o in r.outcomes if o.scope == scope)) for r in results]
        out.append(_line(f"overall ({scope})", tally(o for r in results for o in r.outcomes if o.scope == scope)))
    out.append(_line("overall (all)", tally(o for r in results for o in r.outcomes)))
    for r in results:
        misses = [o for o in r.outcomes if o.detectable and not o.detected]
        alarms = [o for o in r.outcomes if o.false_alarms]
        quiet = [o for o in r.outcomes if not o.detectable and o.new_errors and not o.false_alarms]
        out.append(f"\n## {r.name}: {r.relations} relations hold as printed; baseline errors {len(r.baseline_errors)}"
                   f", of which on agreeing figures {len(r.baseline_alarms)}")
        out += [f"  baseline {'FALSE ' if f in r.baseline_alarms else ''}error  {f.rule}: {f.message[:110]}"
                for f in r.baseline_errors]
        out += [f"  MISS  {_describe(o.mutation)}" for o in misses]
        out += [f"  FALSE {_describe(o.mutation)} -> {f.rule}: {f.message[:90]}" for o in alarms for f in o.false_alarms]
        out += [f"  extra {_describe(o.mutation)} (not detectable by the yardstick) -> "
                f"{o.new_errors[0].rule}: {o.new_errors[0].message[:80]}" for o in quiet]
    return "\n".join(out)


def _describe(m: Mutation) -> str:
    tid, r, c = m.cell
    return f"{tid}[{r}][{c}] {m.old} → {m.new} ({m.op})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evals.mutations", description=__doc__.splitlines()[0])
    ap.add_argument("--table", type=int, default=50, help="table-cell mutations per document")
    ap.add_argument("--prose", type=int, default=20, help="prose-figure mutations per document")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    results = run(n_table=args.table, n_prose=args.prose, seed=args.seed)
    print(render(results))
    return 0 if verdict(results) else 1


RECALL_BAR, PRECISION_BAR = 0.95, 0.98


def verdict(results: list[DocResult]) -> bool:
    """Print and return whether the bar is met.

    The bar holds for table-cell mutations and for prose-figure mutations, each on its
    own (a good table score must not hide prose misses, nor the reverse); the two together
    are printed beside them.
    """
    ok = True
    for scope in ("table", "prose", None):
        c = tally(o for r in results for o in r.outcomes if scope is None or o.scope == scope)
        met = c["recall"] >= RECALL_BAR and c["precision"] >= PRECISION_BAR
        gated = scope in ("table", "prose")
        ok = ok and (met or not gated)
        print(
            f"{scope or 'all'} figures: recall {c['recall']:.1%}, precision {c['precision']:.1%} "
            f"(bar {RECALL_BAR:.0%} / {PRECISION_BAR:.0%}): {'met' if met else 'MISSED'}{'' if gated else ' (not gated)'}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(main())

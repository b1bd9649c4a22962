"""Project budgets: 预算执行情况表, the 自评表 budget block, the 申报表 项目资金 block,
and, where no table states them, the prose.

Decisions (documented here because the checker depends on them):

- 预算执行情况表: the ``合计`` row gives initial / adjusted / spent / execution_rate; a
  table without a 合计 row but with exactly one data row uses that row.
- 自评表 block (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分): 年初预算数 →
  initial, 全年预算数 → adjusted, 全年执行数 → spent, 执行率 → execution_rate, read from
  the ``年度资金总额`` row. Its 分值/得分 become an indicator ``预算执行率`` (level1 and
  name ``预算执行率``) because the 总分 of the form counts those points: without it the
  indicator weights would not add up to the 100 the form prints.
- 申报表: 项目资金总额 → total (年度资金申请总额 when the total is blank).
- All amounts are multiplied by the table's unit (元 / 万元) into 元.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractor.contract import Amount, Budget, Claim, Indicator, SourceRef
from extractor.document import Table
from patterns.headers import (
    Header,
    find_headers,
    is_total,
    normalise,
    trailing_label,
    unit_in_header,
    vocabulary,
)
from patterns.indicators import ParseNumber, ParseValue
from patterns.lazyre import re
from patterns.tables import origin_rows, positional, unit_factor

_MONEY = ("initial", "adjusted", "spent")


@dataclass
class BudgetRead:
    budget: Budget
    indicator: Indicator | None = None  # the 执行率 points of a 自评表 block


def _money(text: str | None, parse_number: ParseNumber, factor: float) -> float | None:
    if not text:
        return None
    n = parse_number(text)
    value = getattr(n, "value", None) if n is not None else None
    return None if value is None else round(value * factor, 2)


def _rate(text: str | None, parse_number: ParseNumber) -> float | None:
    if not text:
        return None
    n = parse_number(normalise(text).rstrip("%％"))
    return getattr(n, "value", None) if n is not None else None


#: how far a quotient printed to two decimals (0.88) may stand from B / A
_FRACTION_SLACK = 0.0051


def read_rate(text: str | None, amounts: tuple[float | None, ...], parse_number: ParseNumber
              ) -> tuple[float | None, str | None]:
    """执行率 in percent and how it was printed: ``88.00%`` or a bare ``88`` → (88.0,
    ``percent``); ``0.88`` → (88.0, ``fraction``), the quotient B / A a workbook formula
    leaves without a percent format.

    A bare figure of at most 1.5 is a fraction when one budget of ``amounts`` (全年预算数,
    年初预算数) over the spending (the last of ``amounts``) gives it to the printed
    decimals, or, with no amounts to ask, when it has decimals and is at most 1."""
    value = _rate(text, parse_number)
    if value is None:
        return None, None
    t = normalise(text)
    if t.endswith(("%", "％")) or value > 1.5 or value < 0:
        return value, "percent"
    *budgets, spent = amounts if amounts else (None,)
    known = [b for b in budgets if b] if spent is not None else []
    if known:
        # B / A to the printed decimals, or a fraction nearer B / A than the same figure in
        # percent would be (0.97 against B / A = 0.9634 is a slip in a fraction, not 0.97 %)
        fraction = any(abs(spent / b - value) <= _FRACTION_SLACK for b in known) or (
            "." in t and any(abs(spent / b - value) < abs(spent / b - value / 100) for b in known))
    else:
        fraction = "." in t and value <= 1
    return (round(value * 100, 6), "fraction") if fraction else (value, "percent")


def _row_fields(row, header: Header) -> dict[str, str]:
    """A budget row by position; text rows that lost their label cells are right-aligned."""
    fields = positional(row, header)
    money_cols = sorted(c for k in (*_MONEY, "execution_rate", "weight", "score") for c in header.columns.get(k, []))
    values = [t for c, _s, t in row if t.strip() and _looks_numeric(t)]
    if money_cols and len(values) >= 2 and sum(1 for k in _MONEY if k in fields and _looks_numeric(fields[k])) < 2:
        # OCR rows: numbers shifted; map them in order onto the numeric columns
        kinds = [k for _c, k in sorted((header.columns[k][0], k) for k in header.columns if k != "item")]
        fields = {k: v for k, v in zip(kinds[-len(values):] if len(values) <= len(kinds) else kinds, values, strict=False)}
    return fields


def _looks_numeric(text: str) -> bool:
    t = normalise(text).replace(",", "").replace("，", "").rstrip("%％")
    try:
        float(t.replace("．", "."))
        return True
    except ValueError:
        return False


def read_budget_table(
    table: Table, unit: str | None, parse_number: ParseNumber, parse_value: ParseValue
) -> BudgetRead | None:
    """Budget from a table with budget columns, or None when the table has none."""
    rows = origin_rows(table)
    headers = find_headers(rows, "budget_columns")
    if not headers:
        return _read_strips(table, rows, unit, parse_number, parse_value)
    header = headers[0]
    factor = unit_factor(unit or unit_in_header(rows[header.row]))
    # the block ends where an indicator table begins (a 自评表 prints both in one table)
    ends = [h.row for h in find_headers(rows, "indicator_columns") if h.row > header.row]
    stop = ends[0] if ends else len(rows)
    data = [r for r in range(header.row + 1, stop) if any(t.strip() for _c, _s, t in rows[r])]
    total_rows = [r for r in data if any(is_total(t) for _c, _s, t in rows[r])]
    label_rows = [r for r in data if any(normalise(t).rstrip(":") in vocabulary()["budget_total_rows"]
                                         for _c, _s, t in rows[r])]
    if total_rows:
        r = total_rows[0]
    elif label_rows:
        r = label_rows[0]
    elif len(data) >= 1 and "item" not in header.columns:
        r = data[0]
    else:
        return None
    fields = _row_fields(rows[r], header)
    if "execution_rate" not in fields and (rate := _rate_under_heading(rows, header.row)):
        fields["execution_rate"] = rate
    if "initial" in fields and "adjusted" not in fields and (c := header.col("initial")) is not None \
            and any(w in _heading_over(rows, header.row, c) for w in vocabulary()["adjusted_headings"]["words"]):
        fields["adjusted"] = fields.pop("initial")  # 预算安排情况(调整后) over 预算数:
    budget = _budget(fields, factor, parse_number, SourceRef(page=table.row_page(r), table=table.id, row=r))
    indicator = None
    if "score" in header.columns and ("weight" in header.columns):
        indicator = _rate_indicator(fields, budget, parse_number, parse_value)
    return BudgetRead(budget=budget, indicator=indicator)


def _heading_over(rows, label_row: int, col: int) -> str:
    """The text of the cell of the row above ``label_row`` that spans column ``col``."""
    if label_row == 0:
        return ""
    return next((t for hc, hs, t in rows[label_row - 1] if hc <= col < hc + hs), "")


def _rate_under_heading(rows, label_row: int) -> str | None:
    """The 执行率 of a form that prints its budget as label:value pairs under headings
    (河北 部门整体支出绩效自评表: ``预算安排情况(调整后) | 资金执行情况 | 预算执行率`` over
    ``预算数: | 95 | 执行数: | 82.65 | 87%``): the one percent figure of the label row
    whose column a heading cell of the row above, spanning it, names 执行率."""
    found = [
        t for c, _s, t in rows[label_row]
        if re.fullmatch(r"\s*\d+(?:\.\d+)?\s*[%％]\s*", t) and "执行率" in _heading_over(rows, label_row, c)
    ]
    return found[0].strip() if len(found) == 1 else None


def _budget(fields: dict[str, str], factor: float, parse_number: ParseNumber, source: SourceRef | None) -> Budget:
    money = {k: _money(fields.get(k), parse_number, factor) for k in _MONEY}
    rate, form = read_rate(fields.get("execution_rate"), (money["adjusted"], money["initial"], money["spent"]),
                           parse_number)
    return Budget(**money, execution_rate=rate, rate_form=form, source=source)


def _rate_indicator(fields: dict[str, str], budget: Budget, parse_number: ParseNumber,
                    parse_value: ParseValue) -> Indicator | None:
    """The 预算执行率 points of a 自评表 budget block, when it prints 分值 or 得分; its
    actual is the rate in percent, also when the form printed a fraction (0.88)."""
    weight = _rate(fields.get("weight"), parse_number)
    score = _rate(fields.get("score"), parse_number)
    if weight is None and score is None:
        return None
    rate_text = fields.get("execution_rate")
    actual = parse_value(normalise(rate_text)) if rate_text else None
    if actual is not None and budget.rate_form == "fraction":
        actual = actual.model_copy(update={"value": budget.execution_rate, "unit": "%",
                                           "decimals": max(0, (actual.decimals or 0) - 2)})
    elif actual is not None and actual.value is not None and actual.unit is None and budget.rate_form == "percent":
        actual = actual.model_copy(update={"unit": "%"})  # 96.34 under 执行率（%）
    source = budget.source
    return Indicator(
        level1="预算执行率",
        name="预算执行率",
        weight=weight,
        score=score,
        actual=actual,
        source=source,
        weight_text=fields.get("weight"),
        score_text=fields.get("score"),
    )


#: The columns of a 自评表 budget block in printed order (年初预算数 … 得分).
BUDGET_ORDER = ("initial", "adjusted", "spent", "weight", "execution_rate", "score")
_FIGURE = re.compile(r"\d+(?:[,，]\s?\d{3})*(?:[.．]\s?\d+)?\s*[%％]?")


def _strip_figures(row) -> list[tuple[str | None, str, bool]]:
    """(kind or None, figure, bare) for each cell of an OCR row that reads a budget column
    top to bottom (``全年预算数 100000.00 100000.00 0``): the label ending the text before
    a cell's first figure names it; ``bare`` when no other text stands before the figure."""
    return [read for _col, _span, text in row if (read := _cell_figure(text)) is not None]


@lru_cache(maxsize=16384)
def _cell_figure(text: str) -> tuple[str | None, str, bool] | None:
    """(kind or None, figure, bare) of one cell for :func:`_strip_figures`; None without a
    figure. Memoised: every row of every budget-like table is read as strips."""
    m = _FIGURE.search(text)
    if not m:
        return None
    before = text[: m.start()]
    label = trailing_label(before, "budget_columns", BUDGET_ORDER) if before.strip() else None
    return (label[0] if label else None, m.group(), not re.search(r"[\u3400-\u9fff]", before))


def _by_pattern(cells: list[tuple[str | None, str, bool]]) -> dict[str, str]:
    """Budget columns told by their figures alone, where OCR garbled every label: three
    amounts and, after them (past at most one 分值), a rate equal to the third over the
    second — 年初预算数, 全年预算数, 全年执行数, 执行率 — with 分值/得分 around the rate
    when they stand alone in their cells (a lone 5 inside running text is no 分值)."""
    figures = [f for _k, f, _b in cells]
    values = [_number(f) for f in figures]
    percent = [f.rstrip().endswith(("%", "％")) for f in figures]
    for i in range(len(figures) - 3):
        money = values[i:i + 3]
        if any(v is None or p for v, p in zip(money, percent[i:i + 3], strict=True)) or not money[1] or not money[2]:
            continue
        for j in (i + 3, i + 4):
            if j < len(figures) and percent[j] and values[j] is not None \
                    and abs(money[2] / money[1] * 100 - values[j]) <= 0.05:
                out = dict(zip(("initial", "adjusted", "spent", "execution_rate"), [*figures[i:i + 3], figures[j]],
                               strict=True))
                points = [(k, figures[n]) for k, n in (("weight", i + 3), ("score", j + 1))
                          if n < len(figures) and n != j and cells[n][2] and not percent[n]
                          and values[n] is not None and values[n] <= 100]
                return out | dict(points)
    return {}


def _kind_of(figure: str, left: str | None, right: str | None, found: dict[str, str]) -> str | None:
    """The one budget column an unlabelled figure can be: between its labelled neighbours
    in :data:`BUDGET_ORDER`, of its type (a rate has %, points are at most 100)."""
    lo = BUDGET_ORDER.index(left) + 1 if left else 0
    hi = BUDGET_ORDER.index(right) if right else len(BUDGET_ORDER)
    percent = figure.rstrip().endswith(("%", "％"))
    value = _number(figure)
    fits = [k for k in BUDGET_ORDER[lo:hi] if k not in found and (k == "execution_rate") == percent
            and not (k in ("weight", "score") and (value is None or value > 100))]
    return fits[0] if len(fits) == 1 else None


def _number(text: str) -> float | None:
    try:
        return float(re.sub(r"[\s,，%％]", "", text).replace("．", "."))
    except ValueError:
        return None


def _read_strips(table: Table, rows, unit: str | None, parse_number: ParseNumber,
                 parse_value: ParseValue) -> BudgetRead | None:
    """The budget of a 自评表 head whose OCR read columns instead of lines, so no row
    holds the budget labels: each cell runs a column's label and figures together
    (``果题与规划全年预算数 100000.00 …``), its first figure the 年度资金总额 row's.

    Labels are matched exact or at edit distance 1; an unlabelled figure takes the one
    column its neighbours and its type leave (:func:`_kind_of`). Rows after the
    indicator header are not read, and at least two of 年初/全年预算/执行数 must be found.
    """
    ends = find_headers(rows, "indicator_columns")
    stop = ends[0].row if ends else len(rows)
    fields: dict[str, str] = {}
    first: int | None = None
    for r in range(stop):
        cells = [c for c in _strip_figures(rows[r]) if c[0] or c[2]]
        if not any(kind for kind, _f, _b in cells):
            continue
        for k, (kind, figure, _bare) in enumerate(cells):
            if kind is None:
                left = next((c[0] for c in reversed(cells[:k]) if c[0]), None)
                right = next((c[0] for c in cells[k + 1:] if c[0]), None)
                kind = _kind_of(figure, left, right, fields)
            if kind and kind not in fields:
                fields[kind] = figure
                first = r if first is None else first
    if sum(k in fields for k in _MONEY) < 2:
        fields, first = {}, None
        for r in range(stop):
            found = _by_pattern(_strip_figures(rows[r]))
            if found and (first is None or all(_number(fields[k]) == _number(found[k]) for k in _MONEY)):
                fields = found | fields  # later lines of the same block add its 分值/得分
                first = r if first is None else first
        if first is None:
            return None
    source = SourceRef(page=table.row_page(first), table=table.id, row=first)
    budget = _budget(fields, unit_factor(unit), parse_number, source)
    return BudgetRead(budget=budget, indicator=_rate_indicator(fields, budget, parse_number, parse_value))


def budget_from_form(
    form: dict[str, str], parse_number: ParseNumber, unit: str | None = "元", annual: bool = True
) -> Budget:
    """申报表 项目资金 block → ``total`` in 元, in the unit the block's label prints
    (``项目资金（万元）``, read by ``forms`` as the key ``unit``), else ``unit``.

    ``annual=False`` for a 自评表, whose ``年度资金总额`` row labels the budget block
    (年初预算数 …) rather than stating a total."""
    factor = unit_factor(form.get("unit") or unit)  # the block's own label (项目资金（万元）) first
    total = _money(form.get("total"), parse_number, factor)
    if total is None and annual:
        total = _money(form.get("annual_total"), parse_number, factor)
    return Budget(total=total)


class ProseBudget(Budget):
    """Budget figures read from running text (``budget_from_prose``).

    Only ``merge`` tells it from a ``Budget``: prose fills no quantity a table states, so
    the prose is checked against the table rather than standing in for it."""


# fields that name one quantity: prose that states any of a group may not fill another of it
_SAME_QUANTITY = (("total", "initial", "adjusted"), ("spent",), ("execution_rate",))


def merge(into: Budget, other: Budget) -> Budget:
    """Fill ``into``'s empty fields from ``other`` (first source wins).

    A ``ProseBudget`` fills a field only when ``into`` has no figure for that quantity at
    all: a report whose 预算执行情况表 gives 年初预算 2,500,000 does not take its 预算总额 from
    the sentence ``项目预算金额为250万元`` (that sentence is then checked against 2,500,000).
    """
    data = into.model_dump()
    prose = isinstance(other, ProseBudget)
    for key, value in other.model_dump().items():
        if data.get(key) is not None or value is None:
            continue
        group = next((g for g in _SAME_QUANTITY if key in g), (key,))
        if prose and any(data.get(k) is not None for k in group):
            continue
        data[key] = value
    return Budget.model_validate(data)


def budget_from_prose(claims: list[Claim], amounts: list[Amount]) -> ProseBudget:
    """Budget figures stated in prose, for reports without a budget table (监控报告).

    A claim whose subject (or text) names the quantity wins; otherwise an amount whose
    sentence names it just before the figure.
    """
    words: dict[str, list[str]] = vocabulary()["budget_claims"]
    found: dict[str, float] = {}
    pages: dict[str, int | None] = {}  # where each figure was stated, so findings can point there
    for kind, names in words.items():
        for c in claims:
            subject = normalise(c.subject)
            if c.value is None or not any(n in subject for n in names):
                continue
            if kind == "execution_rate" and (c.unit or "%") not in ("%", "％"):
                continue
            if kind != "execution_rate" and c.unit not in (None, "元", "万元"):
                continue
            value = c.value * (10000 if c.unit == "万元" else 1) if kind != "execution_rate" else c.value
            found.setdefault(kind, value)
            pages.setdefault(kind, c.page)
            break
        if kind in found or kind == "execution_rate":
            continue
        for a in amounts:
            context = normalise(a.context)
            at = context.find(normalise(a.text))
            if at < 0:
                continue
            before = context[max(0, at - 12):at]
            if any(n in before for n in names):
                found.setdefault(kind, a.value)
                pages.setdefault(kind, a.page)
                break
    page = pages.get("execution_rate") or next((pg for pg in pages.values() if pg is not None), None)
    return ProseBudget(**found, source=SourceRef(page=page) if page is not None else None)

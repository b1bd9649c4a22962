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

from extractor.contract import Amount, Budget, Claim, Indicator, SourceRef
from extractor.document import Table
from patterns.headers import Header, find_headers, is_total, normalise, unit_in_header, vocabulary
from patterns.indicators import ParseNumber, ParseValue
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
        return None
    header = headers[0]
    factor = unit_factor(unit or unit_in_header(rows[header.row]))
    # the block ends where an indicator table begins (a 自评表 prints both in one table)
    ends = [h.row for h in find_headers(rows, "indicator_columns") if h.row > header.row]
    stop = ends[0] if ends else len(rows)
    data = [r for r in range(header.row + 1, stop) if any(t.strip() for _c, _s, t in rows[r])]
    total_rows = [r for r in data if any(is_total(t) for _c, _s, t in rows[r])]
    label_rows = [r for r in data if any(normalise(t) in ("年度资金总额", "年度资金申请总额") for _c, _s, t in rows[r])]
    if total_rows:
        r = total_rows[0]
    elif label_rows:
        r = label_rows[0]
    elif len(data) >= 1 and "item" not in header.columns:
        r = data[0]
    else:
        return None
    fields = _row_fields(rows[r], header)
    budget = Budget(
        initial=_money(fields.get("initial"), parse_number, factor),
        adjusted=_money(fields.get("adjusted"), parse_number, factor),
        spent=_money(fields.get("spent"), parse_number, factor),
        execution_rate=_rate(fields.get("execution_rate"), parse_number),
        source=SourceRef(page=table.row_page(r), table=table.id, row=r),
    )
    indicator = None
    if "score" in header.columns and ("weight" in header.columns):
        weight = _rate(fields.get("weight"), parse_number)
        score = _rate(fields.get("score"), parse_number)
        if weight is not None or score is not None:
            rate_text = fields.get("execution_rate")
            indicator = Indicator(
                level1="预算执行率",
                name="预算执行率",
                weight=weight,
                score=score,
                actual=parse_value(normalise(rate_text)) if rate_text else None,
                source=SourceRef(page=table.row_page(r), table=table.id, row=r),
                weight_text=fields.get("weight"),
                score_text=fields.get("score"),
            )
    return BudgetRead(budget=budget, indicator=indicator)


def budget_from_form(
    form: dict[str, str], parse_number: ParseNumber, unit: str | None = "元", annual: bool = True
) -> Budget:
    """申报表 项目资金 block → ``total`` (in 元; the block's unit is usually printed 元).

    ``annual=False`` for a 自评表, whose ``年度资金总额`` row labels the budget block
    (年初预算数 …) rather than stating a total."""
    factor = unit_factor(unit)
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

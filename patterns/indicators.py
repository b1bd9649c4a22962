"""Read indicator tables (评分表, 申报表, 自评表, 监控表) into contract ``Indicator``s.

One reader for every kind: the header says which columns exist, rows are read by
position (structured tables) or by alignment (text tables that lost their merges),
the 一级/二级 hierarchy is carried down, and rows without a 三级指标 only update the
hierarchy. ``合计``/``总分`` rows are kept apart as totals. Number and value parsing
are passed in (``parse_value``, ``parse_number``) so this module stays a pure reader.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from extractor.contract import Indicator, SourceRef, Value
from extractor.document import Table
from patterns import lexicon
from patterns.headers import (
    Header,
    canonical_level,
    claimed_by,
    find_headers,
    fits_level2,
    is_level1_word,
    is_level2_under,
    is_level2_word,
    is_total,
    level1_family,
    level1_of,
    normalise,
    vocabulary,
)
from patterns.lazyre import re
from patterns.tables import OriginRow, is_structured, origin_rows, positional, read_row, row_pages

ParseValue = Callable[[str], Value]
ParseNumber = Callable[[str], object]  # -> object with .value / .decimals, or None

_CJK = r"[\u3400-\u9fff\uf900-\ufaff（）【】《》“”、，。：；？！·（）]"
_CODE1 = re.compile(r"^([A-Z])\s*[、.．]?\s*(?=[\u3400-\u9fff])")
# a level-3 code's digits as OCR misreads them, l/I/| for 1 and O/o for 0 (A11 read Al1),
# with at least one real digit so that a name such as "AI辅助审核率" keeps its letters
_CODE2 = re.compile(r"^([A-Z]\d)\s*[、.．]?\s*(?=[\u3400-\u9fff])")
_CODE3 = re.compile(r"^([A-Z](?=[lI|Oo]*\d)[\dlI|Oo]{2,3})\s*[、.．]?\s*(?=[\u3400-\u9fff])")
_OCR_DIGITS = str.maketrans("lI|Oo", "11100")
_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_VALUEISH = re.compile(r"^[=<>≥≤＞＜＝≈]|^\d|\d\s*(%|％|人|次|个|件|天|元|万元|家|场|份|起)")
_NUMBER = re.compile(r"^-?\d[\d,，\s]*(?:[.．]\s*\d+)?$")
_RULE = re.compile(r"^:?[-—–]{2,}:?$")
_PERCENT = re.compile(r"^\d+(?:\.\d+)?\s*[%％]$")


@lru_cache(maxsize=65536)
def clean_text(text: str | None) -> str:
    """Join what line breaks and OCR split: no whitespace next to a CJK character.

    Memoised: the indicator, form and row readers clean the same cells (33,000 calls on the
    70 snapshot documents)."""
    if not text:
        return ""
    t = text.replace("\u3000", " ").strip()
    t = re.sub(rf"(?<={_CJK})\s+|\s+(?={_CJK})", "", t)
    return re.sub(r"\s+", " ", t).strip()


def split_code(text: str, level: int) -> tuple[str | None, str]:
    """``A11 部门工作职能关联性`` → (``A11``, ``部门工作职能关联性``) at the given level."""
    t = clean_text(text)
    pattern = {1: _CODE1, 2: _CODE2, 3: _CODE3}[level]
    m = pattern.match(t)
    if m:
        code = m.group(1)
        return code[0] + code[1:].translate(_OCR_DIGITS), t[m.end():].strip()
    return None, t


def split_points(text: str) -> tuple[str, float | None]:
    """``决策(20分)`` → (``决策``, 20.0): the level-1 weight printed in the heading."""
    m = _POINTS.search(text)
    if m:
        return text[: m.start()].strip(), float(m.group(1))
    return text, None


def fmt_points(points: float) -> str:
    """Points as a 分值 cell would print them (``5``, ``2.5``)."""
    return f"{points:g}"


def plausible_level(text: str) -> bool:
    """A cell that can be a 一级/二级 heading: a known word, a code, ``决策(20分)``, or a
    short phrase ending like one (``…指标``). Keeps OCR debris out of the hierarchy of
    text tables, whose columns cannot be trusted."""
    t = normalise(text)
    if not t or t in vocabulary()["not_names"]:
        return False
    if is_level1_word(t) or is_level2_word(t) or _code_level(clean_text(text)) or _POINTS.search(t):
        return True
    return len(t) <= 12 and len(re.findall(r"[\u3400-\u9fff]", t)) >= 2 and t.endswith(
        tuple(vocabulary()["level_suffixes"])
    )


def plausible_name(text: str) -> bool:
    """A 三级指标 needs two CJK characters and must not be debris (``绩效指标`` side labels).

    Heading words stay allowed: ``预算执行率`` and ``满意度`` are real 三级指标 too."""
    t = normalise(text)
    if t in vocabulary()["not_names"] or t.count("指标") >= 2:
        return False  # 出指标时效指标成本指标: heading cells OCR ran together
    return len(re.findall(r"[\u3400-\u9fff]", t)) >= 2


def _code_level(t: str) -> int:
    if _CODE3.match(t):
        return 3
    if _CODE2.match(t):
        return 2
    if _CODE1.match(t):
        return 1
    return 0


def fit(kind: str, text: str) -> float:
    """How well a cell's text fits a column kind (for aligning lossy text rows)."""
    t = normalise(text)
    code = _code_level(clean_text(text))
    l1, l2 = is_level1_word(t), is_level2_word(t)
    number = bool(_NUMBER.match(t))
    valueish = bool(_VALUEISH.search(t)) and len(t) <= 24
    short = len(t) <= 5
    if t in vocabulary()["not_names"]:
        return -1.0  # a 绩效指标 side label fits no column
    if kind == "level1":
        if code == 1 or l1 or _POINTS.search(t):
            return 3.0 if not l2 else 1.5
        return -3.0 if (valueish or code) else (-1.0 if l2 else -0.5)
    if kind == "level2":
        if code == 2 or l2:
            return 3.0 if not l1 else 1.5
        return -3.0 if (valueish or code) else (-1.0 if l1 else -0.5)
    if kind == "name":
        if code == 3:
            return 3.0
        if l1 or l2 or code or t in vocabulary()["value_words"]:
            return -2.0
        if number or _PERCENT.match(t):
            return -2.0
        return 2.0 if not valueish else -0.5
    if kind in ("weight", "score"):
        return 1.5 if number else -3.0
    if kind == "level1_weight":
        return 2.0 if _PERCENT.match(t) else (-0.5 if number else -3.0)
    if kind in ("target", "stage_target"):
        return 1.5 if (valueish or short) else 0.3
    if kind == "actual":
        return 1.0
    if kind == "criteria":
        return 1.0 if len(t) > 12 else -0.5
    if kind == "remark":
        return 0.5 if not number else -1.0
    return 0.0


_NUMERIC_KINDS = ("weight", "score", "level1_weight", "target", "actual", "stage_target")


def _expected_kinds(text: str) -> tuple[str, ...] | None:
    """Where a cell must stand, judged by its content alone; None when it could be anywhere."""
    t = normalise(text)
    code = _code_level(clean_text(text))
    if code:
        return ({1: "level1", 2: "level2", 3: "name"}[code],)
    l1, l2 = is_level1_word(t), is_level2_word(t)
    if l1 or l2:
        return tuple(k for k, ok in (("level1", l1), ("level2", l2), ("name", l1 and l2)) if ok)
    if _NUMBER.match(t) or _PERCENT.match(t):
        return _NUMERIC_KINDS
    return None


def looks_aligned(rows: list[OriginRow], header: Header) -> bool:
    """True when every recognisable cell already stands under its header column.

    A text or HTML table that lost only its merges (empty cells kept) reads best by
    position; one whose rows shifted left needs :func:`align_row`. Headings, codes and
    numbers give the evidence; one misplaced cell sends the table to alignment.
    """
    seen = 0
    levels = set(header.columns.get("level1", []) + header.columns.get("level2", []))
    names = set(header.columns.get("name", []))
    for row in rows:
        texts = [t for _c, _s, t in row if t.strip()]
        if not texts or any(is_total(t) for t in texts):
            continue
        for col, _span, text in row:
            if not text.strip():
                continue
            if col in levels and not plausible_level(text):
                return False  # a name or value standing in a heading column
            if col in names and (normalise(text) in vocabulary()["value_words"] or _NUMBER.match(normalise(text))):
                return False  # a value standing in the name column
            kinds = _expected_kinds(text)
            if kinds is None:
                continue
            cols = {c for k in kinds for c in header.columns.get(k, [])}
            if col not in cols:
                return False
            seen += 1
    return seen >= 2


#: The printed order of an indicator table's columns, for headers that lost a label to OCR.
COLUMN_ORDER = ("level1", "level1_weight", "level2", "name", "target", "actual", "weight", "score", "remark")


def complete_header(header: Header, header_cells: OriginRow, rows: list[OriginRow]) -> Header:
    """``header`` with the columns OCR left unlabelled filled in from the data below it.

    A 自评表 header read from a scan may come out as ``级指标 | | 三级指标 | | | 分值 |
    得分`` while its rows fill every column. Each run of blank header columns that data
    rows use lies between two labelled kinds; the kinds :data:`COLUMN_ORDER` puts
    between those two are the candidates, and the order-preserving choice whose cells
    fit best (:func:`fit`) names the run. A column that no candidate fits stays unread.
    """
    covered = {c for cols in header.columns.values() for c in cols}
    covered |= {c for col, span, text in header_cells if text.strip() for c in range(col, col + span)}
    used: dict[int, list[str]] = {}
    for row in rows:
        if any(is_total(t) for _c, _s, t in row):
            break
        for col, _span, text in row:
            if text.strip() and col not in covered:
                used.setdefault(col, []).append(text)
    gaps = sorted(c for c, texts in used.items() if len(texts) >= 2)
    if not gaps:
        return header
    position = {k: i for i, k in enumerate(COLUMN_ORDER)}
    labelled = sorted((cols[0], kind) for kind, cols in header.columns.items() if kind in position)
    columns = dict(header.columns)
    runs: list[list[int]] = []
    for c in gaps:
        if runs and runs[-1][-1] == c - 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in runs:
        left = max((k for c, k in labelled if c < run[0]), key=lambda k: position[k], default=None)
        right = min((k for c, k in labelled if c > run[-1]), key=lambda k: position[k], default=None)
        lo = position[left] + 1 if left else 0
        hi = position[right] if right else len(COLUMN_ORDER)
        candidates = [k for k in COLUMN_ORDER[lo:hi] if k not in columns]
        for col, kind in _best_kinds(run, candidates, used).items():
            columns[kind] = [col]
    return Header(row=header.row, columns=columns)


def _best_kinds(run: list[int], candidates: list[str], used: dict[int, list[str]]) -> dict[int, str]:
    """Order-preserving assignment of candidate kinds to the run's columns, best mean fit."""
    if not candidates:
        return {}

    def score(col: int, kind: str) -> float:
        return sum(fit(kind, t) for t in used[col]) / len(used[col])

    best: tuple[float, dict[int, str]] = (0.0, {})
    for chosen in combinations(candidates, min(len(run), len(candidates))):
        for cols in combinations(run, len(chosen)):
            pairs = dict(zip(cols, chosen, strict=True))
            if all(score(c, k) > 0 for c, k in pairs.items()):
                total = sum(score(c, k) for c, k in pairs.items())
                if total > best[0]:
                    best = (total, pairs)
    return best[1]


@dataclass
class Totals:
    """A 合计/总分 (or 小计) row: the label and the numbers it states."""

    row: int
    label: str
    weight: float | None = None
    score: float | None = None


@dataclass
class IndicatorSection:
    """The indicators read from one table under one header."""

    table: str
    header: Header
    indicators: list[Indicator] = field(default_factory=list)
    totals: list[Totals] = field(default_factory=list)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.header.kinds)

    def completeness(self) -> tuple[int, int, int, int, int]:
        """Rank for choosing among tables that cover the same indicators.

        Tables that report outcomes beat declarations: a 得分 column first, then an
        actual (完成值/业绩值) column; then more filled fields (附件1 with 评分标准 and
        业绩值 beats the summary 评分表 表3), more indicators, a total row.
        """
        filled = sum(
            sum(v is not None for v in (i.weight, i.score, i.target, i.actual, i.criteria))
            for i in self.indicators
        )
        kinds = self.kinds
        return (
            int("score" in kinds),
            int("actual" in kinds),
            filled,
            len(self.indicators),
            int(any(t.label != "小计" for t in self.totals)),
        )


def _num(text: str | None, parse_number: ParseNumber) -> float | None:
    if not text:
        return None
    n = parse_number(text)
    return getattr(n, "value", None) if n is not None else None


def _level1_weight(text: str | None, parse_number: ParseNumber) -> float | None:
    if not text:
        return None
    return _num(normalise(text).rstrip("%％"), parse_number)


#: Longer cells are running text (a 业绩值 paragraph), not a value to parse.
MAX_VALUE_CHARS = 32  # 慰问人数不少于100人,宣传用品不少于20000份 (27) is still a value


def _value(text: str, parse_value: ParseValue) -> Value:
    """The printed value, parsed only when it is short enough to be one value."""
    t = clean_text(text)
    if len(normalise(t)) > MAX_VALUE_CHARS:
        return Value(text=t)
    return parse_value(t)


_SYMBOL = {">=": "≥", "<=": "≤"}
_HAS_DIGIT = re.compile(r"\d")


def _op_prefix(text: str | None) -> tuple[str, bool]:
    """What an 指标性质/符号 cell puts before the 指标值: a comparison as printed (``≥``,
    ``不低于``), ``≥``/``≤`` for 正向/反向, nothing for 定量; ``qualitative`` True for 定性."""
    t = normalise(text)
    for op, words in vocabulary()["op_words"].items():
        if t in words:
            return _SYMBOL.get(op, ""), op == "qualitative"
    return t, False


def join_target(op: str | None, value: str | None, unit: str | None) -> str | None:
    """The target as one text when a form prints its parts in columns of their own:
    ``≥`` | ``95`` | ``%`` → ``≥95%``. A value that already carries the comparison or the
    unit keeps its own; a 定性 value (``健全``) is the word alone."""
    if not value or not value.strip():
        return value
    v = clean_text(value)
    prefix, qualitative = _op_prefix(op)
    if qualitative:
        return v
    if prefix and not normalise(v).startswith(prefix) and not re.match(r"^[=<>≥≤＞＜＝≧≦]", normalise(v)):
        v = prefix + v
    return _with_unit(v, unit)


def _with_unit(text: str, unit: str | None) -> str:
    """``96`` under a 计量单位 column of ``%`` → ``96%``; a text with no figure or one that
    already ends in its unit stays as printed."""
    u = clean_text(unit)
    if not u or not _HAS_DIGIT.search(text) or normalise(text).endswith(normalise(u)) \
            or not re.search(r"\d\s*$", text):
        return text
    return text + u


#: a unit printed in brackets at the end of a name: 城镇新增就业人数（人）, 项目总成本（万元）
_NAME_UNIT = re.compile(r"[(（]\s*([^()（）]{1,4})\s*[)）]\s*$")


def unit_from_name(name: str, value: Value | None) -> Value | None:
    """``value`` with the unit the indicator's name prints (``城镇新增就业人数（人）`` |
    ``≥500`` → 500 人), scaled as the unit says (万元 → 元); unchanged when the value has a
    unit of its own, no figure, or the bracket is no known unit."""
    if value is None or value.value is None or value.unit is not None:
        return value
    m = _NAME_UNIT.search(name)
    known = lexicon.units().get(m.group(1).strip()) if m else None
    if known is None:
        return value
    unit, scale = known
    upper = value.upper * scale if value.upper is not None else None
    decimals = value.decimals - round(math.log10(scale)) if value.decimals is not None else None
    return value.model_copy(update={"value": value.value * scale, "upper": upper, "unit": unit, "decimals": decimals})


class _Centred:
    """Rows filled down in an OCR'd table that belong to the next heading printed below.

    A merged 二级指标 cell prints its label mid-span, and OCR puts it on one of the rows
    it covers; filling down gives the rows above the label to the block before. The
    rows at the end of a block that say otherwise wait here: a row under no 二级指标 yet
    (same 一级指标), a row whose name lacks the words of a narrow heading that an
    earlier row of its block did use (越级信访量 after 成本控制 under 成本指标), a row
    whose name claims another heading (…满意度 under 社会效益指标). The next 二级指标
    label takes them; a row that fits where it stands breaks the run.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[Indicator, str]] = []
        self.block_fits = False

    def label(self, l1: str | None, l2: str | None) -> None:
        """A 二级指标 label was read: the waiting rows it can take move under it."""
        for ind, why in self.rows:
            if why == "none":
                ok = normalise(ind.level1) == normalise(l1)
            elif why == "claims":
                ok = bool(fits_level2(l2, ind.name))
            else:
                ok = normalise(l2) != normalise(ind.level2) and fits_level2(l2, ind.name) is not False
            if ok:
                ind.level1, ind.level2 = l1 or None, l2 or None
        self.rows = []
        self.block_fits = False

    def filled(self, ind: Indicator, labelled: bool) -> None:
        """A row was read; ``labelled`` when it printed its own 二级指标."""
        fits = fits_level2(ind.level2, ind.name)
        if labelled:
            self.block_fits = bool(fits)
            return
        why = None
        if not ind.level2:
            why = "none"
        elif fits is False and self.block_fits:
            why = "contradicts"
        elif claimed_by(ind.level2, ind.name):
            why = "claims"
        if why is None:
            self.rows = []
            self.block_fits = self.block_fits or bool(fits)
        else:
            self.rows.append((ind, why))


def _append_tail(last: Indicator, fields: dict[str, str], parse_value: ParseValue) -> None:
    """The running text of a name's wrapped last line goes on the text it continues: a
    cell the alignment called ``actual`` continues the remark when the actual above is a
    figure (98) rather than prose."""
    for kind in ("criteria", "remark", "actual"):
        text = fields.get(kind)
        if not text:
            continue
        if kind == "actual" and last.actual is not None and len(normalise(last.actual.text)) > 12:
            last.actual = _value(last.actual.text + text, parse_value)
            continue
        into = kind if kind != "actual" else ("remark" if last.remark else "criteria" if last.criteria else None)
        if into:
            setattr(last, into, clean_text((getattr(last, into) or "") + text))


def _continuation(fields: dict[str, str]) -> bool:
    """A row carrying only running text of the row above (a cell broken by a page)."""
    return bool(fields) and set(fields) <= {"criteria", "actual", "remark", "stage_target"}


def read_section(
    table: Table,
    rows: list[OriginRow],
    header: Header,
    start: int,
    stop: int,
    parse_value: ParseValue,
    parse_number: ParseNumber,
    carry: Indicator | None = None,
) -> IndicatorSection:
    """Indicators from rows ``start..stop`` of ``table`` under ``header``.

    ``carry`` is the last indicator of a table this one continues: its hierarchy goes
    on, and a first row holding only running text completes it (a cell split by a page).
    """
    trusted = is_structured(table)  # merges kept: the document's own columns
    structured = trusted or looks_aligned(rows[start:stop], header)  # read by position
    section = IndicatorSection(table=table.id, header=header)
    pages = row_pages(table)
    l1, l2, l1_weight = (carry.level1, carry.level2, carry.level1_weight) if carry else (None, None, None)
    last: Indicator | None = carry
    centred = _Centred()
    if not trusted:
        rows = rows[:start] + join_wrapped_headings(rows[start:stop]) + rows[stop:]
    for r in range(start, stop):
        row = rows[r] if trusted else [(c, s, canonical_level(t) or t) for c, s, t in rows[r]]
        texts = [t for _c, _s, t in row if t.strip()]
        if not texts or all(_RULE.match(t.strip()) for t in texts):
            continue  # empty, or a markdown rule row (| --- | --- |)
        if any(is_total(t) for t in texts[:2]):
            label = next(normalise(t) for t in texts[:2] if is_total(t))
            rest = [(c, s, t) for c, s, t in row if not is_total(t)]
            points = Header(row=header.row, columns={k: v for k, v in header.columns.items() if k in ("weight", "score")})
            nums = read_row(structured, rest, points, fit) if points.columns else {}
            weight, score = _num(nums.get("weight"), parse_number), _num(nums.get("score"), parse_number)
            if weight is None and score is None:
                values = [_num(t, parse_number) for _c, _s, t in rest if _NUMBER.match(normalise(t))]
                values = [v for v in values if v is not None]
                if len(values) >= 2:
                    weight, score = values[-2], values[-1]
            section.totals.append(Totals(row=r, label=label, weight=weight, score=score))
            last = None
            if label != "小计":
                break  # 合计/总分 closes the table; what follows is another form
            continue
        fields = {k: v for k, v in read_row(structured, row, header, fit).items() if not _RULE.match(v.strip())}
        if not structured:
            exact = positional(row, header)
            if _continuation(exact) and sum(len(v) for v in exact.values()) == sum(len(t) for t in texts):
                fields = exact
        if _continuation(fields) and not any(_code_level(clean_text(t)) for t in texts):
            if last is None:
                continue
            for kind in ("criteria", "remark"):
                if kind in fields:
                    old = getattr(last, kind) or ""
                    setattr(last, kind, clean_text(old + fields[kind]))
            if "actual" in fields and last.actual is not None:
                last.actual = _value(last.actual.text + fields["actual"], parse_value)
            continue
        if not trusted:
            for kind in ("level1", "level2"):
                if kind in fields and not plausible_level(fields[kind]):
                    del fields[kind]
            # a heading word in the other level's slot (OCR moved it) goes where it belongs
            if "level2" in fields and is_level1_word(fields["level2"]) and not is_level2_word(fields["level2"]):
                fields.setdefault("level1", fields["level2"])
                del fields["level2"]
            if "level1" in fields and is_level2_word(fields["level1"]) and not is_level1_word(fields["level1"]):
                fields.setdefault("level2", fields["level1"])
                del fields["level1"]
        if fields.get("level1") and not fields.get("level2") and is_level2_under(fields["level1"], l1):
            fields["level2"] = fields.pop("level1")
        derive = "level1" not in header.columns
        if fields.get("level1") and not fields.get("level2") and "level2" not in header.columns \
                and is_level2_word(fields["level1"]) and not is_level1_word(fields["level1"]):
            fields["level2"] = fields.pop("level1")  # 指标类型 printing the 二级 heading (数量指标)
            derive = True
        if fields.get("level1"):
            _code, text = split_code(fields["level1"], 1)
            text, points = split_points(text)
            # OCR prints a merged 一级 label mid-span: the 二级 above may still hold
            keep = not trusted and not fields.get("level2") and level1_family(l2) == normalise(text)
            l1, l2, l1_weight = text, (l2 if keep else None), points
        if fields.get("level1_weight"):
            l1_weight = _level1_weight(fields["level1_weight"], parse_number) or l1_weight
        if fields.get("level2"):
            _code, l2 = split_code(fields["level2"], 2)
            l2, _points = split_points(l2)
            family = level1_family(l2)
            if not trusted and not fields.get("level1") and family and (not l1 or is_level1_word(l1)):
                # OCR lost the 一级 label or printed it on another row: the 二级 heading tells
                l1 = family if normalise(l1) != family else l1
            if derive:
                l1 = level1_of(l2)  # the form prints no 一级指标: the 二级 heading tells it
            if not trusted:
                centred.label(l1, l2)
        name_text = fields.get("name")
        if not name_text:
            last = None
            continue
        code, name = split_code(name_text, 3)
        if last is not None and not trusted and _name_tail(name, fields, header):
            last.name += name  # 信访宣传活动开展及时 | 率: the name's last line
            _append_tail(last, fields, parse_value)
            continue
        if not name or not plausible_name(name):
            last = None
            continue
        if "op" in fields or "unit" in fields:  # 指标性质 | 指标值 | 计量单位 printed apart
            fields["target"] = join_target(fields.get("op"), fields.get("target"), fields.get("unit")) or ""
            if fields.get("actual") and fields.get("unit"):
                fields["actual"] = _with_unit(clean_text(fields["actual"]), fields["unit"])
        if not clean_text(fields.get("weight")) and (points := split_points(name)[1]) is not None:
            fields["weight"] = fmt_points(points)  # 相关性(5分) in a 得分表 with no 分值 column
        ind = Indicator(
            code=code,
            level1=l1 or None,
            level2=l2 or None,
            name=name,
            weight=_num(fields.get("weight"), parse_number),
            score=_num(fields.get("score"), parse_number),
            target=_value(fields["target"], parse_value) if fields.get("target") else None,
            actual=_value(fields["actual"], parse_value) if fields.get("actual") else None,
            criteria=clean_text(fields.get("criteria")) or None,
            remark=clean_text(fields.get("remark")) or None,
            source=SourceRef(page=pages.get(r), table=table.id, row=r),
            weight_text=clean_text(fields.get("weight")) or None,
            score_text=clean_text(fields.get("score")) or None,
            level1_weight=l1_weight,
        )
        ind.target = unit_from_name(name, ind.target)
        ind.actual = unit_from_name(name, ind.actual)
        if fields.get("stage_target"):
            stage = "本阶段应完成：" + clean_text(fields["stage_target"])
            ind.remark = stage if not ind.remark else f"{stage}；{ind.remark}"
        section.indicators.append(ind)
        if not trusted:
            centred.filled(ind, labelled=bool(fields.get("level2")))
        last = ind
    return section


_TAIL_KINDS = {"name", "remark", "criteria", "actual"}


def join_wrapped_headings(rows: list[OriginRow]) -> list[OriginRow]:
    """Headings whose last characters OCR put on a line of their own, joined back.

    ``满意度指 | 服务对象 | 群众满意度 | >=85%`` over ``| 标 | 满意度指 标 |``: the line
    below holds only heading pieces (one a bare character or two), and each, in order,
    completes a cell above that is not yet a whole heading into one (``满意度指标``,
    ``服务对象满意度指标``); the line below is then emptied. The line below may stand one
    column off, so pieces pair by order, not by column.
    """
    out = [list(r) for r in rows]
    for r in range(len(out) - 1):
        below = [normalise(t) for _c, _s, t in out[r + 1] if t.strip()]
        if not below or not any(len(b) <= 2 for b in below) \
                or any(re.search(r"\d", b) or (len(b) > 2 and canonical_level(b) is None) for b in below):
            continue
        above = [k for k, (_c, _s, t) in enumerate(out[r]) if t.strip() and canonical_level(t) != normalise(t)]
        joined = [normalise(out[r][k][2]) + b for k, b in zip(above, below, strict=False)]
        if len(above) < len(below) or any(canonical_level(j) != j for j in joined):
            continue
        for k, text in zip(above, joined, strict=False):
            col, span, _t = out[r][k]
            out[r][k] = (col, span, text)
        out[r + 1] = [(c, s, "") for c, s, _t in out[r + 1]]
    return out


def _name_tail(name: str, fields: dict[str, str], header: Header) -> bool:
    """A row holding only the end of the name above (and of its running text): a name
    cell wrapped by OCR onto a line of its own, with no figure of its own."""
    if set(fields) - _TAIL_KINDS or _VALUEISH.search(normalise(fields.get("actual", ""))):
        return False
    cjk = re.findall(r"[\u3400-\u9fff]", name)
    if "指标" in name or not cjk or len(cjk) > 2:
        return False
    # a 自评表 row without 分值 or 得分 is no indicator; a 申报表 row may lack its value
    return len(cjk) == 1 or bool({"weight", "score"} & set(header.columns))


def read_indicator_tables(
    table: Table,
    parse_value: ParseValue,
    parse_number: ParseNumber,
    previous: IndicatorSection | None = None,
) -> list[IndicatorSection]:
    """Every indicator section of ``table``; repeated headers (page breaks) continue one.

    A table with no header of its own continues ``previous`` when it has the same width
    (a table split by the text reader at a page break).
    """
    rows = origin_rows(table)
    headers = find_headers(rows, "indicator_columns")
    if not headers:
        if previous is None:
            return []
        headers_at: list[tuple[int, Header]] = [(-1, previous.header)]
    else:
        headers_at = [(h.row, h) for h in headers]
    out: list[IndicatorSection] = []
    for k, (row, header) in enumerate(headers_at):
        stop = headers_at[k + 1][0] if k + 1 < len(headers_at) else len(rows)
        if row >= 0 and not is_structured(table):
            header = complete_header(header, rows[row], rows[row + 1:stop])
        base = out[-1] if out and out[-1].kinds == frozenset(header.kinds) else None
        if base is None and previous is not None and previous.kinds == frozenset(header.kinds):
            base = previous
        carry = base.indicators[-1] if base is not None and base.indicators else None
        section = read_section(table, rows, header, row + 1, stop, parse_value, parse_number, carry)
        if out and base is out[-1]:
            out[-1].indicators.extend(section.indicators)
            out[-1].totals.extend(section.totals)
        else:
            out.append(section)
    return out


def fill_from_codes(indicators: list[Indicator]) -> None:
    """Give indicators whose hierarchy was lost (a split table) the level names their
    code prefix has elsewhere: ``C12`` takes the level1 of ``C11``."""
    l1: dict[str, str] = {}
    l2: dict[str, str] = {}
    for i in indicators:
        if i.code and i.level1:
            l1.setdefault(i.code[0], i.level1)
        if i.code and i.level2:
            l2.setdefault(i.code[:2], i.level2)
    for i in indicators:
        if i.code:
            if not i.level1 and i.code[0] in l1:
                i.level1 = l1[i.code[0]]
            if not i.level2 and i.code[:2] in l2:
                i.level2 = l2[i.code[:2]]

"""Key-value form tables (申报表/自评表 heads) read as pairs.

In a form the key names the value beside it: ``项目名称 | 课题与规划``. In the PDF a
key cell may span several columns and its value is the next origin cell to the right;
in OCR text a key may be split over two cells (``项目 | 名称``) or written with its value
in one cell (``项目名称：政府购买辅助服务``). Keys come from ``form_keys`` in headers.json.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.document import Table
from patterns.headers import normalise, trailing_label, vocabulary
from patterns.lazyre import re
from patterns.tables import OriginRow, is_structured, origin_rows


@dataclass
class FormValue:
    key: str  # kind from headers.json form_keys (name, department, total …)
    text: str
    row: int


@cache
def _form_key_kinds() -> dict[str, str]:
    """Each form-key word's kind; a word listed under two kinds keeps the first, as a scan in order would."""
    out: dict[str, str] = {}
    for kind, words in vocabulary()["form_keys"].items():
        for w in words:
            out.setdefault(w, kind)
    return out


@lru_cache(maxsize=16384)
def form_key(text: str) -> str | None:
    """The form-key kind of a cell, exact after normalisation.

    Memoised, as :func:`unit_label` and :func:`meaningful`: every row of every table is read
    for pairs (for ``项目名称`` rows, then for the form), 180,000 lookups on the 70 snapshot
    documents."""
    cell = normalise(text).rstrip(":")
    if not cell:
        return None
    return _form_key_kinds().get(cell)


_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"[\^_]\{([^}]*)\}")  # OCR super/subscript: ^{网络信.}
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=16384)
def meaningful(text: str) -> str:
    """The cell without markup debris (``<u>:</u>``, a footnote mark ``^{1}``); the text of
    a superscript OCR put text into (``^{网络信.}``) stays. Empty when nothing readable is left."""
    t = _SCRIPT.sub(lambda m: m.group(1) if _CJK.search(m.group(1)) else "", _TAG.sub("", text)).strip()
    return t if re.search(r"[\u3400-\u9fff0-9A-Za-z]", t) else ""


_YEAR_TAG = re.compile(r"[(（]\s*\d{4}\s*年\s*度?\s*[)）]?")
_DEBRIS = re.compile(r"(?<=[\u3400-\u9fff])\s*[.．·]+\s*(?=[\s)）]*[\u3400-\u9fff])")


def clean_name(text: str | None) -> str:
    """A project name as a form printed it, without what OCR mixed in: markup, the form's
    ``(2022 年度)`` subtitle, stray dots and unbalanced brackets between its characters
    (``(2022 年 ^{网络信.}) 息系统运行与`` → ``网络信息系统运行与``)."""
    t = _YEAR_TAG.sub(" ", meaningful(text or ""))
    t = _DEBRIS.sub("", t)
    out, depth = [], 0
    for ch in t:  # a closing bracket without its opening one is debris
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if not depth:
                continue
            depth -= 1
        out.append(ch)
    t = re.sub(r"(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])", "", "".join(out))
    return re.sub(r"\s+", " ", t).strip(" :：")


def _inline(text: str) -> tuple[str, str] | None:
    """``项目名称：政府购买辅助服务`` → (``name``, ``政府购买辅助服务``)."""
    cell = normalise(text)
    if ":" not in cell:
        return None
    key, _, value = cell.partition(":")
    kind = form_key(key)
    if kind and value:
        return kind, text.split("：" if "：" in text else ":", 1)[1].strip()
    return None


#: a money block's label with its unit: 项目资金（万元）, 预算金额(万元), 金额单位：万元
_UNIT_LABEL = re.compile(r"(?:(?:资金|预算|金额|经费)[^()]{0,8}\((亿元|万元|千元|元)\)|单位:?(亿元|万元|千元|元))$")


@lru_cache(maxsize=16384)
def unit_label(text: str) -> str | None:
    """The money unit a form's block label states (``项目资金（万元）`` → ``万元``), if any."""
    m = _UNIT_LABEL.search(normalise(text))
    return (m.group(1) or m.group(2)) if m and len(normalise(text)) <= 16 else None


def read_row_pairs(row: OriginRow, r: int, structured: bool) -> list[FormValue]:
    """Key-value pairs of one row, left to right; a money block's label gives the key
    ``unit`` (``项目资金（万元）`` → ``万元``)."""
    return [FormValue(key, value, r) for key, value in _row_pairs(tuple(t for _c, _s, t in row), structured)]


@lru_cache(maxsize=16384)
def _row_pairs(texts: tuple[str, ...], structured: bool) -> tuple[tuple[str, str], ...]:
    """(key, value) pairs of a row's cell texts, for :func:`read_row_pairs`. Memoised by the
    texts: every row is read for ``项目名称`` (``name_rows``), then again for the form."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(texts):
        text = texts[i]
        unit = unit_label(text)
        if unit:
            out.append(("unit", unit))
            i += 1
            continue
        kind, width = form_key(text), 1
        if kind is None and i + 1 < len(texts):
            kind, width = form_key(text + texts[i + 1]), 2
            if kind is None and not structured:
                # OCR: a key split around empty cells (项目 | | 名称)
                j = next((k for k in range(i + 1, len(texts)) if texts[k].strip()), None)
                if j is not None:
                    kind, width = form_key(text + texts[j]), j - i + 1
        if kind is None:
            inline = _inline(text)
            if inline:
                out.append(inline)
            i += 1
            continue
        j = i + width
        value = ""
        while j < len(texts):
            candidate = meaningful(texts[j])
            if form_key(candidate):
                break
            if candidate.strip():
                value = candidate.strip()
                j += 1
                break
            if structured:
                j += 1
                break
            j += 1
        if value:
            out.append((kind, value))
        i = j
    return tuple(out)


#: keys whose figures a block of 中期 and 年度 columns prints twice
_MONEY_KEYS = ("total", "annual_total", "fiscal", "fiscal_current", "carried_over", "other")


def year_column(row: OriginRow) -> int | None:
    """The 年度 column of a money block that prints 中期 and 年度 figures side by side
    (项目资金 | 中期资金总额 | 年度资金总额, 财预〔2015〕88号 申报表): the year's figures are the form's."""
    texts = [(c, normalise(t)) for c, _s, t in row]
    if not any(t.startswith("中期") for _c, t in texts):
        return None
    return next((c for c, t in texts if t.startswith("年度") and ("资金" in t or "金额" in t)), None)


def read_form(table: Table, stop: int | None = None) -> list[FormValue]:
    """Every key-value pair in rows ``0..stop`` of ``table`` (first value of a key wins)."""
    rows = origin_rows(table)[:stop]
    structured = is_structured(table)
    seen: set[str] = set()
    out = []
    year_col: int | None = None
    for r, row in enumerate(rows):
        this_year = year_column(row)
        year_col = this_year if this_year is not None else year_col
        for fv in read_row_pairs(row, r, structured):
            if year_col is not None and fv.key in _MONEY_KEYS:
                fv = FormValue(fv.key, next((t.strip() for c, _s, t in row if c == year_col and t.strip()), fv.text), r)
            if fv.key not in seen:
                seen.add(fv.key)
                out.append(fv)
    return out


def as_dict(values: list[FormValue]) -> dict[str, str]:
    return {v.key: v.text for v in values}


def name_rows(table: Table) -> list[int]:
    """Rows holding a ``项目名称`` with a value: where one project's form begins."""
    structured = is_structured(table)
    return [
        r
        for r, row in enumerate(origin_rows(table))
        if any(fv.key == "name" for fv in read_row_pairs(row, r, structured))
    ]


_MONEY_LABELS = ("initial", "adjusted", "spent", "execution_rate")


def name_from_strips(table: Table, stop: int | None = None) -> str | None:
    """The name of a 自评表 whose OCR read columns instead of lines and lost the
    ``项目名称`` label: the name's line heads the column under it, so it is the text a
    budget label follows in its cell (``果题与规划全年预算数 100000.00 …``). Text naming
    an organisation (the 主管部门 line heads other columns) is passed over."""
    orgs = vocabulary()["organisation_words"]
    for row in origin_rows(table)[:stop]:
        for _col, _span, text in row:
            digit = re.search(r"\d", text)
            label = trailing_label(text[: digit.start()] if digit else text, "budget_columns", _MONEY_LABELS)
            if not label:
                continue
            name = clean_name(label[1])
            cjk = len(_CJK.findall(name))
            if 2 <= cjk <= 30 and not any(w in name for w in orgs) and not form_key(name) \
                    and normalise(name) not in vocabulary()["not_names"]:
                return name
    return None


def repair_name(name: str, texts: Iterable[str], is_word: Callable[[str], bool]) -> str:
    """``果题与规划`` → ``课题与规划``: a character OCR misread in a recovered name, put
    right from the project's own words. A character that makes a word with neither
    neighbour (``果题``, ``果`` first) is replaced when exactly one character makes a word
    with a neighbour that the texts (its indicator names) use, the most used winning."""
    pairs = Counter(t[k:k + 2] for t in texts for k in range(len(t) - 1))
    chars = list(name)
    for i, ch in enumerate(chars):
        left = "".join(chars[i - 1:i + 1]) if i else ""
        right = "".join(chars[i:i + 2]) if i + 1 < len(chars) else ""
        if not _CJK.match(ch) or any(b and (is_word(b) or pairs[b]) for b in (left, right)):
            continue
        votes: Counter[str] = Counter()
        for pair, n in pairs.items():
            if not is_word(pair):
                continue
            if right and pair[1] == right[1] and pair[0] != ch:
                votes[pair[0]] += n
            if left and pair[0] == left[0] and pair[1] != ch:
                votes[pair[1]] += n
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            chars[i] = ranked[0][0]
    return "".join(chars)

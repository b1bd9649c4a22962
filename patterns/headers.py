"""Find the header row(s) of a table and map its columns to kinds.

Header text arrives broken in every way a document can break it: line breaks inside
cells (``满意度指\\n标``), OCR spaces (``年度 指标值``), full-width brackets
(``项目资金（元）``). Everything is compared after :func:`normalise`, and the synonyms
live in ``patterns/data/headers.json`` so that a new form layout needs a data change,
not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from patterns.lazyre import re
from patterns.lexicon import load

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "／": "/", "，": ",", "　": " ", "【": "[", "】": "]"})

_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_LONGEST = 24  # no header synonym is longer than this

_SUFFIX = re.compile(r"\([^()]{1,6}\)$")

#: Minimum number of distinct column kinds for a row to count as an indicator header.
MIN_INDICATOR_KINDS = 3

#: Column kinds that carry an indicator's figures: a header with one of them names indicators.
_VALUE_KINDS = frozenset({"target", "actual", "weight", "score"})


@lru_cache(maxsize=65536)
def normalise(text: str | None) -> str:
    """Text reduced to what a header means: no whitespace, half-width punctuation.

    Memoised: the form, header, budget and indicator readers each normalise the same cells
    (65,000 calls on the four sample PDFs, a few thousand distinct cells)."""
    if not text:
        return ""
    return "".join(text.translate(_FULL_WIDTH).split())


@cache
def vocabulary() -> dict:
    """The parsed headers.json, with every synonym normalised once."""
    raw = load("headers")
    out: dict = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if isinstance(value, dict) and all(isinstance(v, list) for k, v in value.items() if not k.startswith("_")):
            out[key] = {normalise(k): [normalise(s) for s in v] for k, v in value.items() if not k.startswith("_")}
        elif isinstance(value, list):
            out[key] = [normalise(s) for s in value]
        else:
            out[key] = value
    return out


@lru_cache(maxsize=65536)
def match_kind(text: str | None, section: str) -> str | None:
    """The kind whose synonym matches ``text`` in ``section`` of headers.json.

    Exact matches win; otherwise the longest synonym (three characters or more) that
    the cell contains, provided the cell is not much longer than it — a header cell
    is short, a prose cell that happens to contain ``目标值`` is not a header.
    Memoised by cell text: every row of every table is tried as a header of each section
    (190,000 calls on the 70 snapshot documents, a tenth as many distinct cells).
    """
    cell = normalise(text)
    if not cell or not _HAS_CJK.search(cell) or len(cell) > _LONGEST + 6:
        return None  # headers are short Chinese words; numbers and prose never are
    return _match(cell, section)


@cache
def _synonyms(section: str) -> tuple[dict[str, str], dict[str, list[tuple[int, str, str]]]]:
    """A section's synonyms indexed once: each word's kind (the first kind that lists it,
    ``_labels``' index) and, by first character, every (place in the section, kind, word)."""
    by_char: dict[str, list[tuple[int, str, str]]] = {}
    place = 0
    for kind, words in vocabulary()[section].items():
        for w in words:
            if w:
                by_char.setdefault(w[0], []).append((place, kind, w))
            place += 1
    return _labels(section, None)[0], by_char


@lru_cache(maxsize=8192)
def _match(cell: str, section: str) -> str | None:
    kinds: dict[str, list[str]] = vocabulary()[section]
    first, by_char = _synonyms(section)
    bare = _SUFFIX.sub("", cell)  # 分值(分), 权重(%), 年初预算数(万元)
    if cell in first or bare in first:
        order = list(kinds)
        return min((first[x] for x in (cell, bare) if x in first), key=order.index)
    # A Chinese heading ends in its head word (执行率权重 is a 权重, 执行率得分 a 得分): a synonym the
    # cell ends with beats a longer one inside it; the unit suffix (分) does not count as the end.
    # Only a synonym whose first character is in the cell can be in it (``bare`` is a prefix of
    # it): those, in the section's order, are all that is looked at.
    best: tuple[bool, int, str] | None = None
    # both tests need the synonym inside the cell (``bare`` is a prefix of it): only those are sorted
    for _place, kind, w in sorted(c for ch in set(cell) for c in by_char.get(ch, ()) if c[2] in cell):
        near = len(w) >= 3 and w in cell and len(cell) <= len(w) + 6
        # OCR glues a neighbour's fragment in front: 访办公室得分
        tail = len(w) >= 2 and (cell.endswith(w) or bare.endswith(w)) and len(bare) <= len(w) + 4
        if near or tail:
            if best is None or (tail, len(w)) > best[:2]:
                best = (tail, len(w), kind)
    return best[2] if best else _fuzzy(cell, section)


@lru_cache(maxsize=8192)
def exact_kind(text: str | None, section: str) -> bool:
    """True when ``text`` is one of the section's synonyms as it stands (年度指标值), not a cell
    that merely contains one (中期指标值): such a column wins over an earlier near one."""
    cell = normalise(text)
    bare = _SUFFIX.sub("", cell)
    return any(cell in words or bare in words for words in vocabulary()[section].values())


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of two short strings, capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return min(prev[-1], limit + 1)


#: Shortest synonym that an OCR-garbled cell may match at edit distance 1 (``年初预箅数``).
FUZZY_MIN = 4


def _fuzzy(cell: str, section: str) -> str | None:
    """The one kind with a synonym of four characters or more at edit distance 1 from
    ``cell`` (one character misread, dropped or added by OCR) or from its end (a
    neighbour's fragment glued in front: ``办公室年初预箅数``); None when two kinds are
    that close (``工级指标`` is as near 一级指标 as 二级指标) or none is."""
    if len(cell) < FUZZY_MIN or not _HAS_CJK.search(cell):
        return None
    shared: dict[tuple[str, str, int], int] = {}
    index = _by_char(section)
    for ch in set(cell):
        for kw in index.get(ch, ()):
            shared[kw] = shared.get(kw, 0) + 1
    # one edit leaves all but one of a synonym's characters in the cell: count before computing
    found = {kind for (kind, w, need), n in shared.items() if n >= need and (
        edit_distance(cell, w, 1) == 1 or (len(w) < len(cell) <= len(w) + 4 and edit_distance(cell[-len(w):], w, 1) == 1))}
    return found.pop() if len(found) == 1 else None


@cache  # one index per vocabulary section
def _by_char(section: str) -> dict[str, list[tuple[str, str, int]]]:
    """Character → the (kind, synonym, its distinct characters less one) of the synonyms of
    four characters or more that hold it, built once per vocabulary section, so a table of
    20,000 distinct cells is not matched against every synonym by edit distance (a cell
    sharing too few characters cannot be one edit away)."""
    index: dict[str, list[tuple[str, str, int]]] = {}
    for kind, words in vocabulary()[section].items():
        for w in words:
            if len(w) >= FUZZY_MIN:
                for ch in set(w):
                    index.setdefault(ch, []).append((kind, w, len(set(w)) - 1))
    return index


def trailing_label(text: str | None, section: str, kinds: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """``果题与规划全年预算数`` → (``adjusted``, ``果题与规划``): the header label that ends
    ``text`` and the text before it, for OCR that ran a column's lines into one cell.

    An exact synonym wins at any length (longest first); only then one at edit distance
    1 of the same length (``年初预箅数``), so that ``办公室年初预算数`` keeps its ``室``.
    """
    t = normalise(text)
    first, by_length = _labels(section, kinds)
    for n in range(min(len(t), _LONGEST), 1, -1):
        kind = first.get(t[-n:])
        if kind:
            return kind, t[:-n]
    for n in range(min(len(t), _LONGEST), FUZZY_MIN - 1, -1):
        tail = t[-n:]
        near = {k for w, k in by_length.get(n, ()) if edit_distance(tail, w, 1) == 1}
        if len(near) == 1:
            return near.pop(), t[:-n]
    return None


@cache  # one index per (section, kinds): a few calls' worth of vocabulary
def _labels(section: str, kinds: tuple[str, ...] | None) -> tuple[dict[str, str], dict[int, list[tuple[str, str]]]]:
    """The section's synonyms of ``kinds`` (all when None) for :func:`trailing_label`: each
    word's kind (the first kind, in the section's order, that lists it) and the (word, kind)
    pairs by length — looked up per tail instead of scanning every synonym per tail length."""
    first: dict[str, str] = {}
    by_length: dict[int, list[tuple[str, str]]] = {}
    for k, ws in vocabulary()[section].items():
        if kinds is None or k in kinds:
            for w in ws:
                first.setdefault(w, k)
                by_length.setdefault(len(w), []).append((w, k))
    return first, by_length


def is_total(text: str | None) -> bool:
    """``合计`` / ``小计`` / ``总分`` rows carry sums, never an indicator."""
    cell = normalise(text)
    return bool(cell) and cell in vocabulary()["totals"]


def is_level1_word(text: str | None) -> bool:
    return normalise(text) in vocabulary()["level1_words"]


def is_level2_word(text: str | None) -> bool:
    return normalise(text) in vocabulary()["level2_words"]


def is_level2_under(text: str | None, level1: str | None) -> bool:
    """True when ``text`` (a level-1 word elsewhere) is a level-2 heading under ``level1``."""
    parents = vocabulary()["level2_under"].get(normalise(text), [])
    return bool(level1) and normalise(level1) in parents


def level1_family(level2: str | None) -> str | None:
    """The one level-1 heading a level-2 heading belongs to (社会效益指标 → 效益指标), if fixed."""
    family = vocabulary()["level2_family"].get(normalise(level2), [])
    return family[0] if family else None


def level1_of(level2: str | None) -> str | None:
    """The 一级指标 a 二级指标 heading stands under (数量指标 → 产出指标, 经济成本指标 →
    成本指标), for forms that print only the 二级 heading; None when it is not fixed."""
    family = vocabulary()["level1_of_level2"].get(normalise(level2), [])
    return family[0] if family else None


def _keyword_groups() -> list[tuple[set[str], list[str], bool]]:
    raw = load("headers")["level2_keywords"]
    return [({normalise(w) for w in g["level2"]}, [normalise(w) for w in g["words"]], bool(g["claims"]))
            for k, g in raw.items() if not k.startswith("_")]


_GROUPS = cache(_keyword_groups)


def fits_level2(level2: str | None, name: str | None) -> bool | None:
    """Whether ``name`` uses the words of a narrow level-2 heading (成本指标: 成本, 经费 …);
    None when the heading is broad (数量指标, 社会效益指标) and any name may stand under it."""
    l2, n = normalise(level2), normalise(name)
    for headings, words, _claims in _GROUPS():
        if l2 in headings:
            return any(w in n for w in words)
    return None


def claimed_by(level2: str | None, name: str | None) -> bool:
    """True when ``name`` carries the words of a heading group that claims its rows
    (…满意度 belongs under a 满意度 heading) and ``level2`` is not of that group."""
    l2, n = normalise(level2), normalise(name)
    return any(claims and l2 not in headings and any(w in n for w in words)
               for headings, words, claims in _GROUPS())


@lru_cache(maxsize=8192)
def canonical_level(text: str | None) -> str | None:
    """The level heading an OCR'd cell stands for: itself when known, the word it starts
    when only its last character(s) went to the next line (``满意度指`` → ``满意度指标``),
    or the one heading at edit distance 1 (``服务对象满童度指标``); None otherwise."""
    t = normalise(text)
    if len(t) < 3 or not _HAS_CJK.search(t) or t in vocabulary()["not_names"]:
        return None  # 绩效指标 (a side label) is one character from 时效指标
    words = set(vocabulary()["level1_words"]) | set(vocabulary()["level2_words"])
    if t in words:
        return t
    heads = {w for w in words if w.startswith(t) and w.endswith("指标") and len(w) - len(t) <= 2}
    if len(heads) == 1:
        return heads.pop()
    if not t.endswith("标"):
        return None  # 社会效益指数 is a name, not a misread 社会效益指标
    near = {w for w in words if len(w) >= FUZZY_MIN and edit_distance(t, w, 1) == 1}
    return near.pop() if len(near) == 1 else None


@dataclass
class Header:
    """A header row: the row index and, per kind, the columns it covers."""

    row: int
    columns: dict[str, list[int]] = field(default_factory=dict)  # kind -> covered columns

    def col(self, kind: str) -> int | None:
        cols = self.columns.get(kind)
        return cols[0] if cols else None

    @property
    def kinds(self) -> set[str]:
        return set(self.columns)


def header_of_row(cells: list[tuple[int, int, str]], section: str) -> Header | None:
    """Map one row's origin cells ``(col, colspan, text)`` to kinds; None if not a header.

    The first column of a kind wins (a monitoring table printing both 指标目标值 and
    跟踪目标值 keeps the declared one as target), unless a later one is the synonym itself and
    the first only contains one (中期指标值 | 年度指标值: the year's target).
    Memoised by the cells, a fresh ``Header`` each call: the indicator, budget and form
    readers look for headers of both sections in the same rows again and again.
    """
    found = _header_of_row(tuple(cells), section)
    return None if found is None else Header(row=-1, columns={k: list(v) for k, v in found.columns.items()})


@lru_cache(maxsize=16384)
def _header_of_row(cells: tuple[tuple[int, int, str], ...], section: str) -> Header | None:
    columns: dict[str, list[int]] = {}
    exact: dict[str, bool] = {}
    for col, span, text in cells:
        kind = match_kind(text, section)
        if not kind:
            continue
        is_exact = exact_kind(text, section)
        if kind not in columns or (is_exact and not exact[kind]):
            columns[kind] = list(range(col, col + span))
            exact[kind] = is_exact
    if section == "indicator_columns":
        if "name" not in columns and {"level1", "level2"} <= set(columns) and set(columns) & _VALUE_KINDS:
            # 一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 with no 三级 column (鄂州 2022 目标表):
            # the 一级 column prints the 二级 heading (数量指标) and the 二级 column the names
            # (a 二级指标 header spanning two columns heads the heading and, right of it, the names)
            level2 = columns.pop("level2")
            columns["name"] = level2[-1:]
            if len(level2) > 1:
                columns["level2"] = level2[:-1]
        if "name" not in columns or len(columns) < MIN_INDICATOR_KINDS:
            return None
        if "weight" not in columns and "level1_weight" in columns:
            # without a 分值 column, 权重 is the indicator's own points
            columns["weight"] = columns.pop("level1_weight")
    elif section == "budget_columns":
        money = {"initial", "adjusted", "spent", "execution_rate"} & set(columns)
        if len(money) < 2:
            return None
    return Header(row=-1, columns=columns)


def find_headers(rows: list[list[tuple[int, int, str]]], section: str) -> list[Header]:
    """Every row of a table that reads as a header of ``section`` (repeats included)."""
    found = []
    for i, cells in enumerate(rows):
        h = header_of_row(cells, section)
        if h is not None:
            h.row = i
            found.append(h)
    return found


def unit_in_header(cells: list[tuple[int, int, str]]) -> str | None:
    """A money unit printed in a header cell (``年初预算数(万元)``), if any."""
    for _col, _span, text in cells:
        m = re.search(r"\((亿元|万元|千元|元)\)", normalise(text))
        if m:
            return m.group(1)
    return None

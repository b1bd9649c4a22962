"""Find the header row(s) of a table and map its columns to kinds.

Header text arrives broken in every way a document can break it: line breaks inside
cells (``满意度指\\n标``), OCR spaces (``年度 指标值``), full-width brackets
(``项目资金（元）``). Everything is compared after :func:`normalise`, and the synonyms
live in ``patterns/data/headers.json`` so that a new form layout needs a data change,
not a code change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "headers.json"

_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "／": "/", "，": ",", "　": " ", "【": "[", "】": "]"})

_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_LONGEST = 24  # no header synonym is longer than this

_SUFFIX = re.compile(r"\([^()]{1,6}\)$")

#: Minimum number of distinct column kinds for a row to count as an indicator header.
MIN_INDICATOR_KINDS = 3


def normalise(text: str | None) -> str:
    """Text reduced to what a header means: no whitespace, half-width punctuation."""
    if not text:
        return ""
    return "".join(text.translate(_FULL_WIDTH).split())


@cache
def vocabulary() -> dict:
    """The parsed headers.json, with every synonym normalised once."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
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


def match_kind(text: str | None, section: str) -> str | None:
    """The kind whose synonym matches ``text`` in ``section`` of headers.json.

    Exact matches win; otherwise the longest synonym (three characters or more) that
    the cell contains, provided the cell is not much longer than it — a header cell
    is short, a prose cell that happens to contain ``目标值`` is not a header.
    """
    cell = normalise(text)
    if not cell or not _HAS_CJK.search(cell) or len(cell) > _LONGEST + 6:
        return None  # headers are short Chinese words; numbers and prose never are
    return _match(cell, section)


@lru_cache(maxsize=8192)
def _match(cell: str, section: str) -> str | None:
    kinds: dict[str, list[str]] = vocabulary()[section]
    bare = _SUFFIX.sub("", cell)  # 分值(分), 权重(%), 年初预算数(万元)
    for kind, words in kinds.items():
        if cell in words or bare in words:
            return kind
    best: tuple[int, str] | None = None
    for kind, words in kinds.items():
        for w in words:
            near = len(w) >= 3 and w in cell and len(cell) <= len(w) + 6
            # OCR glues a neighbour's fragment in front: 访办公室得分
            tail = len(w) >= 2 and cell.endswith(w) and len(cell) <= len(w) + 4
            if near or tail:
                if best is None or len(w) > best[0]:
                    best = (len(w), kind)
    return best[1] if best else None


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
    跟踪目标值 keeps the declared one as target).
    """
    columns: dict[str, list[int]] = {}
    for col, span, text in cells:
        kind = match_kind(text, section)
        if kind and kind not in columns:
            columns[kind] = list(range(col, col + span))
    if section == "indicator_columns":
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

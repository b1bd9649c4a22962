"""What the words of every table row say, read once so that the checker never matches them.

``table_roles.annotate`` reads a table's header block, columns and logical parts. The
score, budget and monitoring forms need more: a table often stacks several forms (seed
002 prints four self-assessments in one OCR'd table; a 四川 自评表 sheet stacks its
projects; a 自评表 prints its budget block rows above the indicator header), so a header
row can stand anywhere in the table, and a 合计 or 总分 row closes each form. This module
reads every row once, with the word lists of ``patterns/data/tables.json`` (and the money
block labels of ``headers.json``), into ``TableOut.reading``: where a total label stands,
which rows repeat a header after a page break, and which column meanings (分值, 得分,
执行率, 支付, 本阶段 …) each cell's words name. The checker asks ``total``, ``col``,
``cols`` and ``says`` by (table, row) and does arithmetic.

A contract JSON written before ``reading`` existed gets it here when first asked (cached
per table object for one check run; ``forget`` drops the cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.contract import RowReading, TableOut
from patterns.cells import parse_cell
from patterns.lazyre import re
from patterns.lexicon import load
from patterns.table_roles import (
    monitoring_words,
    norm,
    recompute_words,
    score_words,
    total_heading,
    vocabulary,
)

FIRST_COLS = 4  # a total row's label stands in its first four cells, before any figure


@cache
def _key_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(key, words) of every column meaning a header cell can name: a cell names a key when
    one of its words stands anywhere in the cell's text."""
    sw = score_words()
    keys: list[tuple[str, tuple[str, ...]]] = [
        ("score.weight", sw.weight),
        ("score.weight_else", sw.weight_else),
        ("score.score", sw.score),
        ("score.rate", sw.rate),
        ("additive", sw.additive),
        ("non_additive", tuple(vocabulary()["non_additive_headers"])),
        ("form.part", tuple(_form_words()["part_words"])),
    ]
    keys += [(f"recompute.{k}", words) for k, words in recompute_words().items()]
    keys += [(f"monitoring.{k}", words) for k, words in monitoring_words().items()]
    return tuple(keys)


@cache
def _form_words() -> dict:
    """A 申报表 money block's total labels and its parts' words (``headers.json`` ``form_totals``)."""
    return load("headers")["form_totals"]


@cache
def _derived() -> dict:
    """Word lists whose keys take more than one word being present (``tables.json``
    ``rate_columns``, ``total_mentions``, ``paid_columns``; ``total_columns`` is
    ``table_roles.total_heading``'s)."""
    v = vocabulary()
    return {k: {n: tuple(ws) for n, ws in v[k].items() if not n.startswith("_")}
            for k in ("rate_columns", "total_columns", "total_mentions", "paid_columns")}  # all feed _any_word


@cache
def _any_word():
    """One alternation of every word: a cell that holds none of them names no key."""
    words = {w for _, ws in _key_words() for w in ws} | set(_form_words()["labels"])
    words |= {w for lists in _derived().values() for ws in lists.values() for w in ws}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _derived_keys(t: str) -> list[str]:
    """``rate`` (a 0–100 % rate column), ``column.total`` / ``column.subtotal`` (a 合计 / 小计
    column header, the whole cell), ``mentions_total`` (a 合计 anywhere in the cell), ``paid``
    (a column of amounts paid)."""
    d = _derived()
    out = []
    rate = d["rate_columns"]
    if any(w in t for w in rate["rate"]) and not any(w in t for w in rate["except"]):
        out.append("rate")
    if (heading := total_heading(t)) is not None:
        out.append(f"column.{heading}")
    if any(w in t for w in d["total_mentions"]["words"]):
        out.append("mentions_total")
    paid = d["paid_columns"]
    if (any(w in t for w in paid["paid"]) and not any(w in t for w in paid["not_paid"])
            and (not any(w in t for w in paid["budget"]) or any(w in t for w in paid["budget_spent"]))):
        out.append("paid")
    return out


@cache
def known_keys() -> frozenset[str]:
    """Every key a reading can hold: asking for another is a mistake (a header word passed
    where a key belongs), and ``cols`` says so instead of finding nothing."""
    return frozenset({k for k, _ in _key_words()} | {"total", "subtotal", "form.total", "rate", "column.total", "column.subtotal", "mentions_total", "paid"})


@cache
def _total_re():
    """A cell that is a total label (``合计``, ``总得分``, ``小计（万元）``, ``合计：``), longest word first."""
    words = sorted(vocabulary()["total_labels"], key=len, reverse=True)
    return re.compile(rf"({'|'.join(re.escape(w) for w in words)})(?:[(（].*[)）]|[:：])?")


@lru_cache(maxsize=65536)
def cell_keys(text: str | None) -> tuple[str, ...]:
    """The keys a cell's words name (``预算执行率（%）`` → ``score.rate``, ``recompute.rate`` …);
    a cell that holds a number names none."""
    t = norm(text)
    if not t or parse_cell(text) is not None:
        return ()
    out: list[str] = []
    m = _total_re().fullmatch(t)
    if m:
        out.append("subtotal" if m.group(1) in vocabulary()["subtotal_words"] else "total")
    if not _any_word().search(t):
        return tuple(out)
    out += [key for key, words in _key_words() if any(w in t for w in words)]
    if t.rstrip(":") in _form_words()["labels"]:
        out.append("form.total")
    return tuple(out + _derived_keys(t))


def _total_of(row: list[str], keys: list[tuple[str, ...]]) -> tuple[str, int] | None:
    """(``total`` | ``subtotal``, column) when one of the row's first cells is a total label
    standing before any figure."""
    for c, text in enumerate(row[:FIRST_COLS]):
        if not norm(text):
            continue
        k = keys[c]
        if "total" in k or "subtotal" in k:
            return ("subtotal" if "subtotal" in k else "total"), c
        if parse_cell(text) is not None:
            return None
    return None


def read_rows(table: TableOut) -> list[RowReading]:
    """The table's reading, one entry per row that carries a total, a repeat or a key."""
    out: list[RowReading] = []
    seen: dict[tuple[str, ...], int] = {}
    last_total = -1
    for r, row in enumerate(table.rows):
        keys = [cell_keys(x) for x in row]
        total = _total_of(row, keys)
        if total is not None:
            last_total = r
        repeated = False
        key = tuple(norm(x) for x in row)
        if any(key) and not any(parse_cell(x) for x in row):
            # a header printed again with no total since its last print: a page break's repeat
            # (after a total it heads the next form of a sheet that stacks forms)
            repeated = key in seen and seen[key] > last_total
            seen[key] = r
        by_key: dict[str, list[int]] = {}
        for c, ks in enumerate(keys):
            for k in ks:
                by_key.setdefault(k, []).append(c)
        if total is None and not repeated and not by_key:
            continue
        out.append(RowReading(row=r, total=total[0] if total else None, col=total[1] if total else None,
                              repeated=repeated, keys=by_key))
    return out


@dataclass(frozen=True)
class Reading:
    """A table's reading indexed by row."""

    totals: dict[int, tuple[str, int]]
    keys: dict[int, dict[str, list[int]]]
    repeated: frozenset[int]


_CACHE: dict[int, tuple[TableOut, Reading]] = {}


def reading(table: TableOut) -> Reading:
    """The table's reading: the contract's ``reading`` when it has one, else read now.

    Cached per table object: a walk up a column asks for it at every row.
    """
    hit = _CACHE.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    if len(_CACHE) > 4096:  # a file of forty reports holds ~500 tables; rules look back across them
        _CACHE.clear()
    rows = table.reading if table.reading is not None else read_rows(table)
    result = Reading(
        {x.row: (x.total, x.col if x.col is not None else 0) for x in rows if x.total},
        {x.row: x.keys for x in rows if x.keys},
        frozenset(x.row for x in rows if x.repeated),
    )
    _CACHE[id(table)] = (table, result)
    return result


def forget() -> None:
    """Drop the per-table cache (a caller may change a table and read it again)."""
    _CACHE.clear()


def total(table: TableOut, r: int) -> tuple[str, int] | None:
    """(``total`` | ``subtotal``, label column) when row ``r`` is a 合计/小计/总计/总分 row."""
    return reading(table).totals.get(r)


def _row_keys(table: TableOut, r: int | None, keys: tuple[str, ...]) -> dict[str, list[int]] | None:
    """Row ``r``'s columns by key, once ``keys`` are known keys; None for no row or no words."""
    if not known_keys().issuperset(keys):
        raise ValueError(f"not a table-reading key: {sorted(set(keys) - known_keys())}")
    if r is None or r < 0:
        return None
    return reading(table).keys.get(r) or None


def cols(table: TableOut, r: int | None, *keys: str) -> list[int]:
    """The columns of row ``r`` whose words name any of ``keys``, left to right."""
    row = _row_keys(table, r, keys)
    return sorted({c for k in keys for c in row.get(k, ())}) if row else []


def col(table: TableOut, r: int | None, *keys: str) -> int | None:
    """The first column of row ``r`` whose words name any of ``keys``, else None (``cols``'
    first, without sorting them all: the rules ask this 50,000 times on the 70 snapshot documents)."""
    row = _row_keys(table, r, keys)
    return min((c for k in keys for c in row.get(k, ())), default=None) if row else None


def says(table: TableOut, r: int | None, c: int, *keys: str) -> bool:
    """Whether cell (``r``, ``c``)'s words name any of ``keys``."""
    return c in cols(table, r, *keys)


def repeated(table: TableOut) -> frozenset[int]:
    """Rows that repeat an earlier header row word for word (a page break's repeat)."""
    return reading(table).repeated

"""The data files under ``patterns/data/``, loaded once, and helpers that only read them.

Vocabulary (units, comparators, qualitative words, grade bands, document kinds, claim
subjects) lives in JSON beside the code so that a new locality's wording is a data edit,
not a code change. Each loader is cached: the files are read once per process.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    """A JSON data file by base name (``"units"`` → ``data/units.json``), read once.

    The one loader of ``patterns/data/``: the recognisers and the checker's rules both read
    their vocabulary through it. Each file is one JSON object; the object is shared, so a
    caller that adds keys copies it first.
    """
    with open(DATA / f"{name}.json", encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"patterns/data/{name}.json: a vocabulary file holds one JSON object")
    return data


@cache
def units() -> dict[str, tuple[str, float]]:
    """Printed unit → (canonical unit, scale), longest printed form first."""
    raw = load("units")["units"]
    return {k: (v["unit"], float(v["scale"])) for k, v in sorted(raw.items(), key=lambda kv: -len(kv[0]))}


def money_scale(unit: str | None) -> float | None:
    """元 per printed money unit (万元 → 10,000) from ``data/units.json``; None if not money."""
    canon = units().get(unit or "")
    return canon[1] if canon and canon[0] == "元" else None


@cache
def money_units() -> tuple[str, ...]:
    """Printed money units (亿元, 万元, 千元, 元), longest first."""
    return tuple(sorted(load("units")["money"], key=len, reverse=True))


@cache
def comparator_phrases() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(prefix, suffix) lists of (phrase, op), longest phrase first."""
    data = load("comparators")

    def flat(section: dict[str, list[str]]) -> list[tuple[str, str]]:
        pairs = [(p, op) for op, phrases in section.items() for p in phrases]
        return sorted(pairs, key=lambda po: -len(po[0]))

    return flat(data["prefix"]), flat(data["suffix"])


@cache
def directions() -> list[tuple[str, str]]:
    """(phrase, 'increase'|'decrease'), longest first."""
    data = load("comparators")["directions"]
    pairs = [(p, op) for op, phrases in data.items() for p in phrases]
    return sorted(pairs, key=lambda po: -len(po[0]))


@cache
def reason_directions() -> dict[str, tuple[str, ...]]:
    """Words of a 主要原因 clause by direction (``increase``, ``decrease``), with the words that
    say both ways (``both``) and the negations that cancel a word (``negations``)."""
    data = load("comparators")["reason_directions"]
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in data.items() if not k.startswith("_")}


@cache
def restated_totals() -> frozenset[str]:
    """A department's own totals (基本支出, 项目支出 …): one figure each in a 编制说明, so two
    printed figures for one of them are an error (``statement.restated``)."""
    return frozenset(load("statements")["department_totals"])


@cache
def field_names() -> frozenset[str]:
    """Words naming which figure of an item is printed (支出决算, 预算数 …), not the item itself."""
    return frozenset(load("statements")["field_names"])


@cache
def own_budget_bases() -> frozenset[str]:
    """占 bases that mean each item's own budget (占调整预算 100.93%): a completion, not a share."""
    return frozenset(load("statements")["own_budget_bases"])


@cache
def own_base_prefixes() -> tuple[str, ...]:
    """占 bases naming each item's own class (占同类产品采购规模的90%), not one shared whole."""
    return tuple(load("statements")["own_base_prefixes"])


@cache
def qualitative_words() -> frozenset[str]:
    return frozenset(load("qualitative")["words"])


@cache
def empty_values() -> frozenset[str]:
    return frozenset(load("qualitative")["empty"])


def grade_for(score: float | None, bands: list[tuple[float, str]] | list[list] | None = None) -> str | None:
    """The grade (优/良/中/差 by default, 财预〔2020〕10号) for a total score.

    ``bands`` are ``[lower_bound_inclusive, grade]`` pairs; pass a locality's own bands
    where it grades differently (five grades, other cut-offs).
    """
    if score is None:
        return None
    table = bands if bands is not None else load("grades")["default"]
    for lower, grade in sorted(table, key=lambda b: -float(b[0])):
        if score >= float(lower):
            return grade
    return None


@cache
def grade_row_columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(score words, grade words) naming the columns of a table of projects graded row by
    row (``grades.json`` ``row_columns``), longest first."""
    raw = load("grades")["row_columns"]
    return tuple(sorted(raw["score"], key=len, reverse=True)), tuple(sorted(raw["grade"], key=len, reverse=True))


def normalise_grade(text: str | None) -> str | None:
    """``优秀`` → ``优``: printed grade words to the band names of ``grades.json``."""
    if text is None:
        return None
    t = text.strip().strip("“”\"'「」")
    return load("grades")["aliases"].get(t, t)

"""A table cell's number as printed: value, decimals, unit (``2,302,740.00``, ``100%``).

Shared by ``patterns`` (which annotates tables once: column and row roles) and ``checker``
(which compares figures at the precision they were printed with). A cell with words around
its number (``=15 天内``) is not a number cell: summing it would be a guess.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from patterns.lazyre import re

_CELL = re.compile(
    r"^(?:[=＝≥≤<>]|>=|<=|不低于|不高于|约)?\s*"
    r"(?P<sign>[-−])?\s*(?P<int>\d{1,3}(?:\s?,\s?\d{3})+|\d+)(?:\s?\.\s?(?P<frac>\d+))?"
    r"\s*(?P<unit>%|万元|元|分|人次|人|次|个|件|天|\(%\)|（%）)?\s*$"
)
_ANY = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?")


@dataclass(frozen=True)
class Printed:
    """A number with the count of fraction digits printed and its unit word, if any."""

    value: float
    decimals: int
    unit: str | None = None


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Fold full-width digits and signs (``１００％`` → ``100%``) and trim; memoised, as
    ``headers.normalise``: every table reader and rule folds the same cells again."""
    return unicodedata.normalize("NFKC", text or "").strip()


@lru_cache(maxsize=65536)
def parse_cell(text: str | None) -> Printed | None:
    """The number a whole cell holds (``2,302,740.00``, ``100%``, ``7. 5``), else None.

    A cell with words around the number (``=15 天内``, ``2 次/年``) is not a number cell:
    summing it would be a guess.
    """
    if not text:
        return None
    t = normalise(text).replace("(%)", "%").replace("（%）", "%")
    m = _CELL.match(t)
    if not m:
        return None
    digits = re.sub(r"[\s,]", "", m["int"])
    frac = m["frac"] or ""
    value = float(f"{digits}.{frac}" if frac else digits)
    if not math.isfinite(value):
        return None  # 400 digits are no figure anybody printed: never an inf in a sum
    if m["sign"]:
        value = -value
    unit = m["unit"]
    if unit in ("(%)", "（%）"):
        unit = "%"
    return Printed(value, len(frac), unit)

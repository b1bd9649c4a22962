"""Read a number as the document printed it, keeping its decimals.

The checker compares figures at the precision they were printed with (``tolerance``), so
a cell like ``3, 852, 396. 53`` (OCR spaces) must give both 3852396.53 and 2 decimals.
This is a deliberately small reader for table cells and claim texts; it does not try to
find numbers inside prose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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


def normalise(text: str) -> str:
    """Fold full-width digits and signs (``１００％`` → ``100%``) and trim."""
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
    if m["sign"]:
        value = -value
    unit = m["unit"]
    if unit in ("(%)", "（%）"):
        unit = "%"
    return Printed(value, len(frac), unit)


def first_number(text: str | None) -> Printed | None:
    """The first plain number inside ``text`` (for ``value_text`` such as ``19.8676万元``)."""
    if not text:
        return None
    t = re.sub(r"(?<=\d)\s*([.,])\s*(?=\d)", r"\1", normalise(text))
    m = _ANY.search(t)
    if not m:
        return None
    frac = m["frac"] or ""
    return Printed(float(m["int"].replace(",", "") + (f".{frac}" if frac else "")), len(frac))


def decimals_of_float(value: float) -> int:
    """Decimals a float shows when nothing printed survives (``66.22`` → 2, ``100.0`` → 0)."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    frac = text.split(".", 1)[1].rstrip("0")
    return len(frac)


def fmt(value: float | None, decimals: int | None = None) -> str:
    """A number for a message: thousands separators for money, no float noise."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = min(decimals_of_float(round(value, 6)), 6)
    text = f"{value:,.{decimals}f}"
    return text


def all_numbers(text: str | None) -> list[Printed]:
    """Every plain number inside ``text``, in order (OCR spaces around points folded)."""
    if not text:
        return []
    t = re.sub(r"(?<=\d)\s*([.,])\s*(?=\d)", r"\1", normalise(text))
    out = []
    for m in _ANY.finditer(t):
        frac = m["frac"] or ""
        out.append(Printed(float(m["int"].replace(",", "") + (f".{frac}" if frac else "")), len(frac)))
    return out

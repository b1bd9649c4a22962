"""Read a number as the document printed it, keeping its decimals.

The checker compares figures at the precision they were printed with (``tolerance``), so
a cell like ``3, 852, 396. 53`` (OCR spaces) must give both 3852396.53 and 2 decimals.
This is a deliberately small reader for table cells and claim texts; it does not try to
find numbers inside prose.
"""

from __future__ import annotations

from patterns.cells import _ANY, Printed, normalise, parse_cell  # noqa: F401  (re-exported)
from patterns.lazyre import re


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

"""Rounding logic: is a difference explained by the precision the document printed?

XBRL Calculations 1.1: a figure printed with d decimals stands for the interval
[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ] (scaled by the unit: 230.274 万元 stands for ±5 元). A computed
figure (a sum, a ratio) is consistent with a printed one when their intervals meet. A
fixed tolerance is wrong both ways, so nothing here uses one.

Truncation (66.2255 % printed 66.22 %) is its own named case: the printed figure is the
computed one cut, not rounded, so it lies in [v, v + 10⁻ᵈ).

Order of the verdicts: exact, then rounding of the computed point, then truncation of the
computed point, then rounding once the inputs' own intervals are allowed, else error. The
point tests come first so that a round-number input (``30 万元``, ±5,000 元) cannot hide
a truncation that the exact figures show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Verdict = Literal["exact", "rounding", "truncation", "error"]


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        """Every difference of a value in ``self`` and one in ``other``."""
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def meets(self, other: Interval) -> bool:
        """Whether the two intervals overlap (touching counts, with float slack)."""
        eps = 1e-9 * max(1.0, abs(self.hi), abs(other.hi))
        return self.lo <= other.hi + eps and other.lo <= self.hi + eps

    def contains(self, x: float) -> bool:
        return self.meets(Interval(x, x))


def point(x: float) -> Interval:
    return Interval(x, x)


def around(value: float, decimals: int | None, scale: float = 1.0) -> Interval:
    """The interval a printed figure stands for; an unknown precision is a point."""
    if decimals is None:
        return point(value)
    half = 0.5 * 10.0 ** (-decimals) * scale
    return Interval(value - half, value + half)


def printed_interval(
    value: float, decimals: int | None, unit: str | None = None, scale: float = 1.0, whole_exact: bool = True
) -> Interval:
    """The interval of a printed figure, treating whole numbers in 元, 分 or 人 as exact.

    XBRL reads ``5500`` as 5,500 ± 0.5; but a document's whole yuan, whole points and head
    counts are counted, not rounded, and giving each of 24 rows ±0.5 would let a whole
    wrong point hide in a 100-point table. Whole percentages and scaled units (万元) do
    stand for rounded figures and keep their interval. A printed 0 is nothing, exactly.
    """
    if value == 0 or decimals is None or (decimals == 0 and unit != "%" and scale == 1.0 and whole_exact):
        return point(value)
    return around(value, decimals, scale)


def truncated(value: float, decimals: int | None, scale: float = 1.0) -> Interval:
    """Where the true figure lies if ``value`` was cut (not rounded) to ``decimals``."""
    if decimals is None:
        return point(value)
    step = 10.0 ** (-decimals) * scale
    if value >= 0:
        return Interval(value, value + step * (1 - 1e-12))
    return Interval(value - step * (1 - 1e-12), value)


def total(intervals: list[Interval]) -> Interval:
    """The interval of a sum: the sum of the items' intervals."""
    out = point(0.0)
    for iv in intervals:
        out = out + iv
    return out


def ratio(num: Interval, den: Interval, factor: float = 100.0) -> Interval | None:
    """The interval of num/den × factor, or None where the denominator may be zero."""
    if den.lo <= 0 <= den.hi:
        return None
    cands = [num.lo / den.lo, num.lo / den.hi, num.hi / den.lo, num.hi / den.hi]
    return Interval(min(cands) * factor, max(cands) * factor)


def equal(a: float, b: float) -> bool:
    """Equal up to float noise (54/120×6 is 2.7000000000000006)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def verdict(
    computed: float,
    printed: float,
    decimals: int | None,
    scale: float = 1.0,
    computed_interval: Interval | None = None,
) -> Verdict:
    """Judge a printed figure against the figure computed from other printed figures."""
    if equal(computed, printed):
        return "exact"
    if decimals is None:
        return "error"
    if _rounds_to(computed, printed, decimals, scale):
        return "rounding"
    if _truncates_to(computed, printed, decimals, scale):
        return "truncation"
    if computed_interval is not None and computed_interval.meets(around(printed, decimals, scale)):
        return "rounding"
    return "error"


def _rounds_to(computed: float, printed: float, decimals: int, scale: float) -> bool:
    """Whether 四舍五入 (round half away from zero) of ``computed`` gives ``printed``.

    The interval is half-open: 19.86765 万元 rounds to 19.8677, so 19.8676 printed for it
    is truncation, not rounding.
    """
    half = 0.5 * 10.0 ** (-decimals) * scale
    eps = 1e-9 * max(1.0, abs(printed))
    lo, hi = printed - half, printed + half
    if printed >= 0:
        return lo - eps <= computed < hi - eps
    return lo + eps < computed <= hi + eps


def _truncates_to(computed: float, printed: float, decimals: int, scale: float) -> bool:
    """Whether cutting ``computed`` after ``decimals`` digits gives ``printed`` (half-open)."""
    step = 10.0 ** (-decimals) * scale
    eps = 1e-9 * max(1.0, abs(printed))
    if printed >= 0:
        return printed - eps <= computed < printed + step - eps
    return printed - step + eps < computed <= printed + eps


def severity(v: Verdict) -> str | None:
    """Finding severity for a verdict; None where there is nothing to report."""
    return {"exact": None, "rounding": "rounding", "truncation": "rounding", "error": "error"}[v]


def explain(v: Verdict, decimals: int | None, unit: str = "") -> str:
    """The Chinese clause a message ends with, naming rounding or truncation."""
    d = decimals if decimals is not None else 0
    if v == "rounding":
        return f"差异在打印精度（{d} 位小数{unit}）四舍五入范围内，属舍入差异"
    if v == "truncation":
        return f"差异为截尾所致（按 {d} 位小数{unit}直接截去而非四舍五入），属舍入差异"
    return f"差异超出打印精度（{d} 位小数{unit}）可解释的范围" if decimals is not None else "差异超出打印精度可解释的范围"

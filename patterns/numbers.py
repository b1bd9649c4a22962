"""Numbers as Chinese budget documents print them.

The same figure reaches us as ``2,302,740.00``, ``１００``, ``100. 00`` (OCR put a space
after the point), ``3, 852, 396. 53``, ``二〇二三`` or ``百分之九十五``. Checks compare
numbers across tables and prose, so every form must come back to one float, and the
printed precision must survive: ``12.30`` and ``12.3`` are different claims (a figure with
d decimals stands for the interval v ± ½·10⁻ᵈ), so ``decimals`` is kept beside ``value``.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from patterns.lazyre import regex

# Arabic numbers. OCR inserts a space after a comma or point; a space after the point is
# accepted only before 1–2 fraction digits, so "4. 2023年" (a list number, then a year)
# is not read as 4.2023. Thousands groups are exactly three digits.
_SIGN = r"(?P<sign>[+\-−－]\s?)?"
_INT_GROUPED = r"\d{1,3}(?:\s?,\s?\d{3})+(?!\d)"
_INT_PLAIN = r"\d+"
_FRAC = r"(?:\s?\.(?:\d+|\s\d{1,2}(?!\d)))"
_ARABIC = regex.compile(
    rf"(?<![\d.])(?:{_SIGN})(?P<int>{_INT_GROUPED}|{_INT_PLAIN})(?P<frac>{_FRAC})?(?![\d])",
)

_CN_DIGITS = "零〇○一二两三四五六七八九"
_CN_UNITS = "十百千万亿"
_CN_RUN = regex.compile(rf"(?P<pct>百分之)?(?P<num>[{_CN_DIGITS}{_CN_UNITS}点]+)")
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}


@dataclass(frozen=True)
class Number:
    """One number as printed.

    ``decimals`` is the count of printed fraction digits (``100.00`` → 2). ``unit`` is set
    only where the wording itself carries one (``百分之九十五`` → ``%``). ``start``/``end``
    locate the printed text in the string searched (``find_numbers``).
    """

    value: float
    decimals: int
    text: str
    unit: str | None = None
    start: int = 0
    end: int = 0


class _HalfwidthTable(dict):
    """Code point → its one-character NFKC form (itself when NFKC gives none or several),
    filled as characters are first met; ``str.translate`` looks each one up."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch)
        self[code] = out = n if len(n) == 1 else ch
        return out


_HALFWIDTH = _HalfwidthTable()


def to_halfwidth(text: str) -> str:
    """Full-width digits, signs and punctuation to ASCII, keeping string length.

    NFKC per character (not on the whole string) so that offsets into the result are
    offsets into the printed text as well. Every block is normalised by several
    recognisers (about a dozen passes over the text), so each character's form is computed
    once and the string translated: half the time of a ``normalize`` call per character.
    """
    return text if text.isascii() else _translated(text)


@lru_cache(maxsize=4096)
def _translated(text: str) -> str:
    # memoised: the same block is translated by about a dozen recognisers, and a table
    # value by each comparator looked up in it (``str.translate`` through a mapping is a
    # lookup per character)
    return text.translate(_HALFWIDTH)


def _arabic(m: regex.Match, printed: str) -> Number:
    sign = -1.0 if (m.group("sign") or "").strip() in ("-", "−", "－") else 1.0
    integer = regex.sub(r"[\s,]", "", m.group("int"))
    frac = regex.sub(r"[\s.]", "", m.group("frac") or "")
    value = float(f"{integer}.{frac}" if frac else integer) * sign
    if value == 0:
        value = 0.0
    return Number(value=value, decimals=len(frac), text=printed, start=m.start(), end=m.end())


def _cn_integer(s: str) -> int | None:
    """A Chinese integer: positional digits (二〇二三) or with units (一千二百三十)."""
    if not s:
        return None
    if all(c in _CN_DIGIT_VALUE for c in s):
        if len(s) == 1:
            return _CN_DIGIT_VALUE[s]
        return int("".join(str(_CN_DIGIT_VALUE[c]) for c in s))
    total, section, digit = 0, 0, None
    small = {"十": 10, "百": 100, "千": 1000}
    big = {"万": 10_000, "亿": 100_000_000}
    for c in s:
        if c in _CN_DIGIT_VALUE:
            digit = _CN_DIGIT_VALUE[c]
        elif c in small:
            section += (1 if digit is None else digit) * small[c]
            digit = None
        elif c in big:
            section += digit or 0
            total = (total + section) * big[c]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=65536)
def squash(text: str | None) -> str:
    """``text`` without any whitespace (``""`` for None); memoised: the metadata's key-value
    lookups and the event finders squash the same cells and sentences again and again."""
    return _SPACE.sub("", text or "")


def parse_chinese(text: str) -> Number | None:
    """``二〇二三`` → 2023, ``三`` → 3, ``百分之九十五`` → 95 (unit %), ``一点五`` → 1.5."""
    s = text.strip()
    m = _CN_RUN.fullmatch(s)
    if not m:
        return None
    num = m.group("num")
    if len(num) > 24:  # no real numeral is that long; 九万万…万 would overflow a float
        return None
    int_part, _, frac_part = num.partition("点")
    value = _cn_integer(int_part)
    if value is None or (frac_part and not all(c in _CN_DIGIT_VALUE for c in frac_part)):
        return None
    frac_digits = "".join(str(_CN_DIGIT_VALUE[c]) for c in frac_part)
    v = float(f"{value}.{frac_digits}") if frac_digits else float(value)
    return Number(
        value=v, decimals=len(frac_digits), text=text, unit="%" if m.group("pct") else None,
        start=0, end=len(text),
    )


def parse_number(text: str) -> Number | None:
    """The number a whole string stands for, or None.

    Accepts thousands separators, full-width digits, OCR spaces, a leading sign, a
    trailing ``%`` (recorded in ``unit``) and Chinese numerals. Anything else around the
    number (units, comparators) is the job of ``patterns.values``.
    """
    if text is None:
        return None
    s = to_halfwidth(text).strip()
    unit = None
    if s.endswith("%"):
        s, unit = s[:-1].rstrip(), "%"
    m = _ARABIC.fullmatch(s)
    if m:
        n = _arabic(m, text)
        if not math.isfinite(n.value):  # 400 printed digits: not a figure anyone wrote
            return None
        return Number(n.value, n.decimals, text, unit, 0, len(text))
    cn = parse_chinese(s)
    if cn is not None:
        return Number(cn.value, cn.decimals, text, cn.unit or unit, 0, len(text))
    return None


def find_numbers(text: str, chinese: bool = False) -> list[Number]:
    """Every Arabic number in ``text`` with its span (offsets into ``text`` as given).

    Chinese numerals are left out unless ``chinese``: in prose they are mostly ordinals
    and names (一是, 二级指标, 党的二十大), not figures. Memoised (a fresh list each call, of
    frozen numbers): the claim and the amount readers both read every block's figures.
    """
    return list(_find_numbers(text, chinese))


@lru_cache(maxsize=4096)
def _find_numbers(text: str, chinese: bool) -> tuple[Number, ...]:
    half = to_halfwidth(text)
    found: list[Number] = []
    for m in _ARABIC.finditer(half):
        # A sign right after a digit, Latin letter or bracket is a hyphen (1-2 辆, A-1), not a sign.
        if m.group("sign") and m.start() > 0 and regex.match(r"[0-9A-Za-z)\]]", half[m.start() - 1]):
            inner = regex.match(r"[+\-−－]\s?", half[m.start():])
            sub = _ARABIC.match(half, m.start() + (inner.end() if inner else 0))
            if sub is None:
                continue
            m = sub
        n = _arabic(m, text[m.start():m.end()])
        if math.isfinite(n.value):
            found.append(n)
    if chinese:
        for m in _CN_RUN.finditer(half):
            if any(n.start <= m.start() < n.end for n in found):
                continue
            n = parse_chinese(m.group(0))
            if n is not None:
                found.append(Number(n.value, n.decimals, text[m.start():m.end()], n.unit, m.start(), m.end()))
        found.sort(key=lambda n: n.start)
    return tuple(found)

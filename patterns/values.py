"""The value grammar of 指标值 / 完成值 cells: ``=100.00(%)``, ``≥80%``, ``90（含）-100``, ``下降``.

A target is a comparison, not a number: ``>=85%`` and ``85%`` fail differently when the
actual is 84 %. ``parse_value`` turns the printed text into the contract ``Value``
(op, value, upper, unit) and keeps the text unchanged, so a reader can always see what
the document said. Vocabulary comes from ``data/comparators.json``, ``data/units.json``
and ``data/qualitative.json``.

Decisions worth knowing:
- Money is normalised to 元 and 万人次 to 人次; ``decimals`` then refers to the normalised
  value, XBRL style, and may be negative (``230.274 万元`` → 2302740.0, decimals −1:
  the figure is exact to 10 元).
- A bare number (``100``, ``54 人``) has op None: the column decides what it means. The
  exception is a bare zero (``0 起``): a count of none is an equality, ``>= 0`` would be
  empty of meaning.
- ``以上``/``以下``/``以内``/``天内`` include the number, as in Chinese legal usage.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from extractor.contract import Value
from patterns import lexicon
from patterns.lazyre import regex
from patterns.numbers import Number, find_numbers, parse_chinese, to_halfwidth

_DATE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")
_MONTH_DAY = regex.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


def _squash(text: str) -> str:
    """Half-width, brackets unified, whitespace and line breaks removed (OCR, wrapped cells)."""
    t = to_halfwidth(text)
    return regex.sub(r"\s+", "", t)


def unit_at(s: str, pos: int, skip_space: bool = False) -> tuple[str | None, float, int]:
    """The unit printed at ``s[pos:]`` (bare or in brackets): (canonical, scale, end).

    ``s`` must be half-width (``numbers.to_halfwidth``); ``skip_space`` lets one space
    stand between number and unit, as in prose (``230.274 万元``).
    """
    if skip_space and s[pos:pos + 1] == " ":
        gap = len(s[pos:]) - len(s[pos:].lstrip(" "))
        unit, scale, end = unit_at(s, pos + min(gap, 3))
        if unit is not None:
            return unit, scale, end
    rest = s[pos:]
    bracket = regex.match(r"\(([^()]{1,6})\)", rest)
    if bracket:
        inner = bracket.group(1)
        for printed, (unit, scale) in lexicon.units().items():
            if inner == printed:
                return unit, scale, pos + bracket.end()
        if inner != "含" and regex.fullmatch(r"\p{Han}{1,4}", inner):
            return inner, 1.0, pos + bracket.end()
        return None, 1.0, pos
    for printed, (unit, scale) in lexicon.units().items():
        if rest.startswith(printed):
            return unit, scale, pos + len(printed)
    return None, 1.0, pos


@cache
def _prefix_phrases() -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """The prefix comparators as the squashed text prints them (half-width): every form, and
    (form, phrase, op) longest first — made once, not per phrase on every value read."""
    triples = tuple((to_halfwidth(phrase), phrase, op) for phrase, op in lexicon.comparator_phrases()[0])
    return tuple(half for half, _, _ in triples), triples


def _prefix_op(s: str, start: int) -> str | None:
    """The comparator printed just before ``start`` (allowing 的/为 and spaces between)."""
    before = s[:start].rstrip()
    before = regex.sub(r"(?:为|是|约|共|在)$", "", before)
    forms, triples = _prefix_phrases()
    if not before.endswith(forms):
        return None
    for half, phrase, op in triples:
        if before.endswith(half):
            if phrase == "=" and before.endswith((">=", "<=", "=>", "=<")):
                continue
            return op
    return None


def _suffix_op(s: str, end: int) -> str | None:
    after = s[end:]
    for phrase, op in lexicon.comparator_phrases()[1]:
        if after.startswith(phrase):
            return op
    return None


def _decimals(n: Number, scale: float) -> int:
    return n.decimals - round(math.log10(scale)) if scale > 0 else n.decimals


def _direction(s: str) -> str | None:
    """increase/decrease when the text states only a direction (``逐年下降``, ``提高``)."""
    core = s.strip("。.,，;；")
    for mod in lexicon.load("comparators")["direction_modifiers"]:
        core = core.replace(mod, "")
    if regex.search(r"不(?:再|得|能|会)?$|^不", core):
        return None  # 不下降 / 不提高 are not directions
    for phrase, op in lexicon.directions():
        # a bare direction (提高), or a short clause whose predicate (覆盖面不断扩大) or verb
        # (提升社区法治宣传氛围) is one: targets are written both ways
        if core == phrase or (core.endswith(phrase) and len(core) <= 30) or (
            core.startswith(phrase) and len(core) <= 16
        ):
            return op
    return None


def _direction_before(prefix: str) -> str | None:
    """A direction word right before the number: ``较上年增长5%``, ``下降 2 个百分点``."""
    core = prefix.rstrip("的了约 ")
    for phrase, op in lexicon.directions():
        if core.endswith(phrase):
            return op
    return None


def _numbers(s: str) -> list[Number]:
    """Numbers in a squashed value string, dates left out."""
    blocked = [m.span() for m in _DATE.finditer(s)]
    return [n for n in find_numbers(s) if not any(a <= n.start < b for a, b in blocked)]


def parse_value(text: str | None) -> Value:
    """Parse one printed 指标值 / 完成值 into a contract ``Value`` (text kept as printed).

    Memoised by text, a fresh copy each call (a reader may set a field of its own value):
    ``≥95%``, ``100%``, ``是`` stand in row after row of a document's indicator tables."""
    return _parse_value(text).model_copy()


@lru_cache(maxsize=8192)
def _parse_value(text: str | None) -> Value:
    printed = "" if text is None else text
    s = _squash(printed)
    if s in lexicon.empty_values() or not s or regex.fullmatch(r"[-—_/\\.·…]+", s):
        return Value(text=printed)
    if _DATE.fullmatch(s) or regex.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
        return Value(text=printed)

    # Deadline by date: 12月31日前 — a date, not a quantity; keep the op only.
    md = _MONTH_DAY.search(s)
    if md and regex.search(r"(?:前|之前|以前)$", s) and not _numbers(s[md.end():]):
        return Value(text=printed, op="<=")

    nums = _numbers(s)
    if not nums:
        cn = _chinese_value(s)
        if cn is not None:
            return cn.model_copy(update={"text": printed})
        direction = _direction(s)
        if direction:
            return Value(text=printed, op=direction)
        return Value(text=printed, op="qualitative")

    first = nums[0]
    unit, scale, end = unit_at(s, first.end)
    if unit is None and s[first.end:first.end + 1] == "%":
        unit, scale, end = "%", 1.0, first.end + 1

    # Range: 90%-100%, 90(含)-100, 95%~100%.
    if len(nums) >= 2:
        between = s[end:nums[1].start]
        for mark in lexicon.load("comparators")["inclusive_marks"]:
            between = between.replace(to_halfwidth(mark), "")
        glued = between == "" and to_halfwidth(nums[1].text[:1]) in "-~"
        if between in lexicon.load("comparators")["range_separators"] or glued:
            u2, scale2, end2 = unit_at(s, nums[1].end)
            if u2 is None and s[nums[1].end:nums[1].end + 1] == "%":
                u2, scale2 = "%", 1.0
            unit_r, scale_r = (unit, scale) if unit else (u2, scale2)
            return Value(
                text=printed, op="range", value=first.value * scale_r, upper=abs(nums[1].value) * scale_r,
                unit=unit_r, decimals=_decimals(first, scale_r),
            )

    value = abs(first.value) * scale if first.text.lstrip().startswith(("-", "−", "－")) and _prefix_op(
        s, first.start + 1
    ) else first.value * scale
    op = _prefix_op(s, first.start)
    suffix = _suffix_op(s, end)
    if suffix:
        op = suffix if op in (None, "=") else op
        if suffix == "<=" and op == "=":
            op = "<="
    if op is None:
        direction = _direction_before(s[:first.start]) or _direction(s[end:])
        if direction:
            op = direction
        elif value == 0 and unit not in (None, "%", "‰") and s[end:] == "":
            op = "="
    return Value(text=printed, op=op, value=value, unit=unit, decimals=_decimals(first, scale))


def _chinese_value(s: str) -> Value | None:
    """``百分之九十五`` → 95 %, ``三个`` → 3 个: a value written in Chinese numerals only."""
    m = regex.fullmatch(r"(?P<pre>\D*?)(?P<num>(?:百分之)?[零〇○一二两三四五六七八九十百千万点]+)(?P<rest>.*)", s)
    if not m or m.group("pre") and not _prefix_op(s, m.start("num")):
        return None
    n = parse_chinese(m.group("num"))
    if n is None:
        return None
    unit, scale, end = unit_at(s, m.end("num"))
    if n.unit == "%":
        unit, scale = "%", 1.0
    if unit is None and (m.group("pre") or m.group("rest")):
        return None
    op = _prefix_op(s, m.start("num")) or _suffix_op(s, end)
    return Value(text=s, op=op, value=n.value * scale, unit=unit, decimals=_decimals(n, scale))

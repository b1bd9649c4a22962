"""Money figures in running text: ``230.274 万元``, ``实际支出198676.5元``, ``1200 元/辆次``.

The checker cross-foots prose against tables (a total stated in the summary against the
budget table), so every money figure in the prose becomes a contract ``Amount`` with its
value in 元 and the sentence it stands in. Unit prices (``1200 元/辆次``, ``每人 500 元``)
are kept, since their products are checkable too, but their ``text`` keeps the rate
(``元/辆次``, ``每人``) so ``is_unit_price`` can tell them from totals.
"""

from __future__ import annotations

from extractor.contract import Amount
from patterns import lexicon
from patterns.lazyre import regex
from patterns.numbers import find_numbers, to_halfwidth

_SENTENCE_END = "。！？；;!?\n"
_RATE = regex.compile(r"\s?/\s?(?:\p{Han}{1,3}|人|天|次)(?:\s?/\s?\p{Han}{1,3})*")
_PER = regex.compile(r"每(?:人|户|次|辆次|辆|天|月|年|个|件|项|场|期|名|家|人次|人每天|人/天)\s?$")


_END_BEFORE = regex.compile(f"[{regex.escape(_SENTENCE_END)}]", regex.REVERSE)  # the last one before a place
_END_AFTER = regex.compile(f"[{regex.escape(_SENTENCE_END)}]")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``: from the previous to the next 。；！？ or line break
    (one search each way, not one per end mark: every claim and amount asks for its sentence)."""
    before = _END_BEFORE.search(text, 0, start)  # pos/endpos read as slice bounds, negatives included
    after = _END_AFTER.search(text, end)
    left = before.start() + 1 if before else 0
    right = after.start() + 1 if after else len(text)
    return regex.sub(r"\s+", " ", text[left:right]).strip()


def find_amounts(text: str, page: int | None = None) -> list[Amount]:
    """Every money figure in ``text``, value normalised to 元, with its sentence as context."""
    half = to_halfwidth(text)
    scales = lexicon.units()
    out: list[Amount] = []
    for n in find_numbers(text):
        after = half[n.end:]
        m = regex.match(r"\s?(" + "|".join(lexicon.money_units()) + ")", after)
        if not m:
            continue
        printed_unit = m.group(1)
        unit, scale = scales[printed_unit]
        stop = n.end + m.end()
        rate = _RATE.match(half, stop)
        if rate:
            stop = rate.end()
        start = n.start
        per = _PER.search(half[max(0, n.start - 8):n.start])
        if per:
            start = max(0, n.start - 8) + per.start()
        value = n.value * scale
        out.append(
            Amount(text=text[start:stop], value=round(value, 6), page=page, context=sentence_at(text, n.start, stop))
        )
    return out


def is_unit_price(amount: Amount) -> bool:
    """True for a rate (``1200 元/辆次``, ``每人 500 元``) rather than a sum."""
    return "/" in amount.text or amount.text.startswith("每")

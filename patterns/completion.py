"""Clauses of running text that state a rate together with the two figures it is made of.

``当年人才驿站组织活动数量绩效目标值是28次，实际完成值为40次，目标完成率为143%`` (宁德
人才驿站 2023 自评报告) carries its own arithmetic: 40 ÷ 28 = 142.86 %; so does
``资金支付18501.096万元，未支703万元，支付率95%`` (paid ÷ (paid + unpaid) = 96.34 %). This
module only reads such clauses (words from ``patterns/data/completion.json``);
``checker.rules.completion`` judges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from patterns.lazyre import re
from patterns.lexicon import load

_NUM = r"(\d+(?:\.\d+)?)"
_UNIT = r"([^\d\s，,；;。：:（）()、]{0,4}?)"


@dataclass(frozen=True)
class CompletionClause:
    """One clause: target and actual in one unit, and the completion rate printed for them."""

    text: str  # the clause as printed, from the target word to the rate's %
    target: float
    actual: float
    unit: str  # the shared unit (次, 人, 万元, %, or "" when neither prints one)
    rate: float
    rate_text: str  # the rate as printed, for its decimals (``143``)


def _alt(words: list[str]) -> str:
    """An alternation of ``words``, longest first (目标完成率 before 完成率)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _three_parts(first: str, second: str, rate: str) -> str:
    """``first``, comma, ``second``, comma, then the rate's words and its percent."""
    return f"{first}\\s*[，,、]\\s*{second}\\s*[，,、]\\s*{rate}\\s*{_NUM}\\s*[%％]"


@cache
def _patterns() -> tuple:
    """(target/actual/完成率 clause, paid/unpaid/支付率 clause), compiled once."""
    raw = load("completion")
    cop = f"(?:{_alt(raw['copulas'])})?"
    ops = f"(?P<op>{_alt(raw['cap_operators'])}|≥|>=|>|＞|=)?"
    spend = raw["spending"]
    money = r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|万)?"
    return (
        re.compile(_three_parts(
            f"(?:{_alt(raw['target_words'])}){cop}\\s*{ops}\\s*{_NUM}\\s*{_UNIT}",
            f"(?:{_alt(raw['actual_words'])}){cop}\\s*{_NUM}\\s*{_UNIT}",
            f"(?:{_alt(raw['rate_words'])}){cop}",
        )),
        re.compile(_three_parts(
            f"(?:{_alt(spend['paid'])})(?:资金|金额)?(?:了|为|共计|合计)?\\s*{money}",
            f"(?:{_alt(spend['unpaid'])})(?:资金|金额)?(?:为)?\\s*{money}",
            f"(?:{_alt(spend['rates'])})(?:为|是|达|达到)?",
        )),
    )


def _cap(op: str | None) -> bool:
    return op is not None and op in load("completion")["cap_operators"]


def completion_clauses(text: str) -> list[CompletionClause]:
    """Every target / actual / 完成率 clause of ``text`` whose two figures share a unit.

    A capped target (``≤10万元``) is skipped: whether meeting a cap is 100 % or actual ÷ cap
    is the document's choice, not arithmetic.
    """
    out: list[CompletionClause] = []
    for m in _patterns()[0].finditer(text):
        t, tu, a, au, r = m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)
        if _cap(m.group("op")) or (tu and au and tu != au):
            continue
        out.append(CompletionClause(m.group(0), float(t), float(a), tu or au, float(r), r))
    return out


@dataclass(frozen=True)
class SpendingClause:
    """One clause: the amount paid, the amount left unpaid (one unit) and the rate printed."""

    text: str
    paid: float
    unpaid: float
    unit: str  # 万元, 元, 亿元 (the paid figure's, or the unpaid one's when only it prints one)
    rate: float
    rate_text: str


def _money_unit(printed: str | None) -> str:
    """``万`` (``安排资金19204.096万``) is 万元; no unit is ""."""
    return "万元" if printed == "万" else (printed or "")


def spending_clauses(text: str) -> list[SpendingClause]:
    """Every paid / unpaid / rate clause of ``text`` whose two amounts are in one unit
    (``万`` read as 万元)."""
    out: list[SpendingClause] = []
    for m in _patterns()[1].finditer(text):
        pu, uu = _money_unit(m.group(2)), _money_unit(m.group(4))
        if pu and uu and pu != uu:
            continue
        out.append(SpendingClause(m.group(0), float(m.group(1)), float(m.group(3)), pu or uu, float(m.group(5)), m.group(5)))
    return out

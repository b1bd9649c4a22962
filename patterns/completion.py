"""Target, actual and completion rate stated together in one clause of running text.

``当年人才驿站组织活动数量绩效目标值是28次，实际完成值为40次，目标完成率为143%`` (宁德
人才驿站 2023 自评报告) carries its own arithmetic: 40 ÷ 28 = 142.86 %. This module only
reads such clauses (words from ``patterns/data/completion.json``); ``checker.rules.completion``
judges them.
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


@cache
def _clause_re():
    raw = load("completion")

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    cop = f"(?:{alt(raw['copulas'])})?"
    ops = f"(?P<op>{alt(raw['cap_operators'])}|≥|>=|>|＞|=)?"
    return re.compile(
        f"(?:{alt(raw['target_words'])}){cop}\\s*{ops}\\s*{_NUM}\\s*{_UNIT}\\s*[，,]\\s*"
        f"(?:{alt(raw['actual_words'])}){cop}\\s*{_NUM}\\s*{_UNIT}\\s*[，,]\\s*"
        f"(?:{alt(raw['rate_words'])}){cop}\\s*{_NUM}\\s*[%％]"
    )


def _cap(op: str | None) -> bool:
    return op is not None and op in load("completion")["cap_operators"]


def completion_clauses(text: str) -> list[CompletionClause]:
    """Every target / actual / 完成率 clause of ``text`` whose two figures share a unit.

    A capped target (``≤10万元``) is skipped: whether meeting a cap is 100 % or actual ÷ cap
    is the document's choice, not arithmetic.
    """
    out: list[CompletionClause] = []
    for m in _clause_re().finditer(text):
        t, tu, a, au, r = m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)
        if _cap(m.group("op")) or (tu and au and tu != au):
            continue
        out.append(CompletionClause(m.group(0), float(t), float(a), tu or au, float(r), r))
    return out

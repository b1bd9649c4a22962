"""Word lists the checker's rules read, typed, from ``patterns/data/`` through ``lexicon.load``.

The rules of ``checker/`` judge figures; which words name a budget, a 三公 item, a fund, an
empty table's note or a total score is vocabulary, kept in JSON beside the recognisers'
(``statements.json`` ``rule_words``, ``presence.json``, ``crossref.json``) so that a new
locality's wording is a data edit. Each accessor is cached: a file is read once a process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from patterns.lazyre import re
from patterns.lexicon import load


def _words(raw: dict, key: str) -> tuple[str, ...]:
    return tuple(raw[key])


def _entries(raw: dict) -> dict:
    """A section without its ``_about``."""
    return {k: v for k, v in raw.items() if not k.startswith("_")}


@dataclass(frozen=True)
class StatementWords:
    """Word lists of the ``statement.*`` rules (``statements.json`` ``rule_words``).

    ``budget_kinds``: (kind, words) in order, a subject with a ``not_budget`` word naming no
    budget; ``sangong_kinds``: the words of each of the three 三公 kinds; ``complements``: two
    parts that make a whole (上/下, 城镇/农村, both orders); ``negations`` make one (未 + 到位);
    ``rest`` names the remainder (其他); ``approx_*`` mark a figure as approximate (约, 左右);
    ``balance``: (income, spending) lines that balance; ``name_ends``: what may follow a 科目
    name in a clause; ``grant_names``: the two names of the grant's amount; ``name_lead``,
    ``name_tail``, ``total_base``: how ``statement.restated`` compares names.
    """

    not_budget: tuple[str, ...]
    budget_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    rate_words: tuple[str, ...]
    spent_words: tuple[str, ...]
    adjusted_words: tuple[str, ...]
    sangong_names: tuple[str, ...]
    sangong_kinds: tuple[tuple[str, ...], ...]
    complements: frozenset[tuple[str, str]]
    negations: tuple[str, ...]
    rest: tuple[str, ...]
    approx_before: tuple[str, ...]
    approx_after: tuple[str, ...]
    balance: tuple[tuple[str, str], ...]
    name_ends: tuple[str, ...]
    grant_names: tuple[str, ...]
    name_lead: re.Pattern  # 此外，/ 其中 before a restated name
    name_tail: re.Pattern  # 预算数 / 预算 after it
    total_base: re.Pattern  # the department's own 收入/支出 合计


@cache
def statement_words() -> StatementWords:
    raw = load("statements")["rule_words"]
    kinds = _entries(raw["budget_kinds"])
    names = raw["restated_names"]
    pairs = [(a, b) for a, b in raw["complements"]]
    return StatementWords(
        not_budget=tuple(kinds.pop("not_budget")),
        budget_kinds=tuple((k, tuple(v)) for k, v in kinds.items()),
        rate_words=_words(raw, "rate_words"),
        spent_words=_words(raw, "spent_words"),
        adjusted_words=_words(raw, "adjusted_words"),
        sangong_names=_words(raw, "sangong_names"),
        sangong_kinds=tuple(tuple(k) for k in raw["sangong_kinds"]),
        complements=frozenset(pairs + [(b, a) for a, b in pairs]),
        negations=_words(raw, "negations"),
        rest=_words(raw, "rest"),
        approx_before=_words(raw, "approx_before"),
        approx_after=_words(raw, "approx_after"),
        balance=tuple((a, b) for a, b in raw["balance"]),
        name_ends=_words(raw, "name_ends"),
        grant_names=_words(raw, "grant_names"),
        name_lead=re.compile(f"^(?:{_alternation(names['leads'])})[，,、]?"),
        name_tail=re.compile(f"(?:{_alternation(names['tails'])})$"),
        total_base=re.compile(names["total_pattern"]),
    )


@dataclass(frozen=True)
class PresenceWords:
    """Vocabulary of the ``tables.*`` presence rules (``presence.json``).

    ``text_subjects``: subject → the words naming it in a note or a sentence; ``title_subjects``:
    subject → the one word naming it in a table's title; ``change`` matches a clause that
    speaks of a change (比上年, 增加), not of this year's figure.
    """

    toc_heading: frozenset[str]
    final_accounts_words: tuple[str, ...]
    org_prefix: re.Pattern
    type_words: tuple[str, ...]
    empty_note: re.Pattern
    text_subjects: dict[str, tuple[str, ...]]
    title_subjects: dict[str, str]
    change: re.Pattern


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def presence_words() -> PresenceWords:
    raw = load("presence")
    subjects = _entries(raw["subjects"])
    return PresenceWords(
        toc_heading=frozenset(raw["toc_heading"]),
        final_accounts_words=_words(raw, "final_accounts_words"),
        org_prefix=re.compile(f"^(?:{_alternation(raw['org_prefixes'])})"),
        type_words=tuple(raw["type_words"]["words"]),
        empty_note=re.compile(raw["empty_note"]["pattern"]),
        text_subjects={k: tuple(v["text"]) for k, v in subjects.items()},
        title_subjects={k: v["title"] for k, v in subjects.items()},
        change=re.compile(_alternation(raw["change_words"])),
    )


@dataclass(frozen=True)
class CrossrefWords:
    """Vocabulary of ``crossref.*`` (``crossref.json``): ``money_fields`` (subject words →
    Budget fields, in order: adjusted, spent, budget), the words of a 满分 (``weight``) and a
    得分 (``score``, ``score_suffix``) claim, a total score's names, the 执行率 word and a
    form's declared-total labels."""

    money_fields: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    adjusted: tuple[str, ...]
    spent: tuple[str, ...]
    budget: tuple[str, ...]
    weight: tuple[str, ...]
    score: tuple[str, ...]
    score_suffix: tuple[str, ...]
    total_score: tuple[str, ...]
    rate: tuple[str, ...]
    declared_labels: frozenset[str]


@cache
def crossref_words() -> CrossrefWords:
    raw = load("crossref")
    fields = _entries(raw["money_fields"])
    return CrossrefWords(
        money_fields=tuple((tuple(v["words"]), tuple(v["fields"])) for v in fields.values()),
        adjusted=tuple(fields["adjusted"]["words"]),
        spent=tuple(fields["spent"]["words"]),
        budget=tuple(fields["budget"]["words"]),
        weight=_words(raw, "weight_words"),
        score=_words(raw, "score_words"),
        score_suffix=_words(raw, "score_suffix"),
        total_score=_words(raw, "total_score_words"),
        rate=_words(raw, "rate_words"),
        declared_labels=frozenset(raw["declared_labels"]),
    )


@dataclass(frozen=True)
class ScoringWords:
    """Vocabulary of ``bounds.*`` (``scoring.json``, grade words from ``grades.json``):
    ``strict_rates`` never exceed 100 %; ``families`` (family, words) in order; the default
    points by family; a grade claim's words; ``grade_words`` matches a printed grade."""

    strict_rates: tuple[str, ...]
    families: tuple[tuple[str, tuple[str, ...]], ...]
    points_with_cost: dict[str, float]
    points_without_satisfaction: dict[str, float]
    points_otherwise: dict[str, float]
    grade_claim_words: tuple[str, ...]
    grade_after: str
    grade_words: re.Pattern

    def strict_rate(self, name: str) -> bool:
        """Whether an indicator, column or sentence subject names a rate that cannot pass
        100 % (满意度, 到位率, 办结率 …), as against 执行率/完成率, which can."""
        return any(w in name for w in self.strict_rates)


@cache
def scoring_words() -> ScoringWords:
    raw = load("scoring")
    points = raw["default_points"]
    grades = load("grades")
    printed = sorted({*grades["aliases"], *(g for _, g in grades["default"])}, key=lambda w: (-len(w), w))
    return ScoringWords(
        strict_rates=tuple(raw["strict_rates"]["words"]),
        families=tuple((k, tuple(v)) for k, v in _entries(raw["level1_families"]).items()),
        points_with_cost={k: float(v) for k, v in points["with_cost"].items()},
        points_without_satisfaction={k: float(v) for k, v in points["without_satisfaction"].items()},
        points_otherwise={k: float(v) for k, v in points["otherwise"].items()},
        grade_claim_words=_words(raw, "grade_claim_words"),
        grade_after=raw["grade_after"]["word"],
        grade_words=re.compile(_alternation(printed)),
    )


@dataclass(frozen=True)
class SurveyWords:
    """A satisfaction survey's vocabulary (``survey.json``): ``coefficients`` answer → usual
    weight (its keys are the answers); ``formula_answers`` those a criteria text may weight;
    ``respondents`` (who, words) in the order tried; ``satisfaction`` the word of a figure;
    ``name_without`` what a satisfaction indicator's name is compared without."""

    coefficients: dict[str, float]
    formula_answers: tuple[str, ...]
    respondents: tuple[tuple[str, tuple[str, ...]], ...]
    satisfaction: str
    name_without: tuple[str, ...]


@cache
def survey_words() -> SurveyWords:
    raw = load("survey")
    return SurveyWords(
        coefficients={k: float(v) for k, v in raw["answers"].items()},
        formula_answers=_words(raw, "formula_answers"),
        respondents=tuple((k, tuple(v)) for k, v in raw["respondents"].items()),
        satisfaction=raw["satisfaction_word"],
        name_without=_words(raw, "name_without"),
    )


@dataclass(frozen=True)
class MonitoringWords:
    """Vocabulary of the monitoring-report rules (``monitoring.json``): ``families`` a level
    cell's words in the order tried, ``cost`` the family of money spent; a spending-progress
    indicator has a ``spending_markers`` and a ``spending_money`` word in its name, and is the
    project's 执行率 itself when it holds a ``same_rate`` name; ``time_progress`` names 序时进度;
    a verdict holding a ``one_indicator`` word speaks of one indicator; a 调整类型 cell with a
    ``deleted`` word deletes the row, a 是否跟踪 cell reading an ``untracked`` word leaves it out."""

    families: tuple[str, ...]
    cost: str
    spending_markers: tuple[str, ...]
    spending_money: tuple[str, ...]
    same_rate: tuple[str, ...]
    time_progress: tuple[str, ...]
    one_indicator: tuple[str, ...]
    deleted: tuple[str, ...]
    untracked: frozenset[str]

    def family(self, level: str) -> str | None:
        """The family the level cells name (成本, 产出 …), None when they name none."""
        return next((w for w in self.families if w in level), None)

    def spending(self, name: str) -> bool:
        """Whether an indicator's name says it measures spending progress."""
        return any(w in name for w in self.spending_markers) and any(w in name for w in self.spending_money)


@cache
def monitoring_rule_words() -> MonitoringWords:
    raw = load("monitoring")
    levels, spending = raw["level_families"], raw["spending_indicator"]
    return MonitoringWords(
        families=_words(levels, "words"),
        cost=levels["cost"],
        spending_markers=_words(spending, "markers"),
        spending_money=_words(spending, "money"),
        same_rate=_words(spending, "same_rate"),
        time_progress=_words(raw, "time_progress"),
        one_indicator=_words(raw, "one_indicator"),
        deleted=_words(raw, "deleted"),
        untracked=frozenset(raw["untracked"]),
    )

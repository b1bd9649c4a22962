"""The rule registry: ``@rule`` registers a rule function under a stable id, and
``CheckConfig`` is what a locality or caller may change.

Kept apart from ``checker.engine`` so that rule modules import this and the engine imports
the rules, one way: the engine runs what the rule modules registered here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.contract import SEVERITIES, Finding, Report
from patterns.lexicon import load

DEFAULT_BANDS: tuple[tuple[float, str], ...] = ((90.0, "优"), (80.0, "良"), (60.0, "中"), (0.0, "差"))
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}

RuleFn = Callable[[Report, "CheckConfig"], list[Finding]]


def _load_grades() -> tuple[tuple[tuple[float, str], ...], dict[str, str]]:
    """Bands and grade-word aliases from ``patterns/data/grades.json``, else the defaults.

    The file is owned by ``patterns``; it may say ``bands`` or ``default``.
    """
    try:
        data = load("grades")
        raw = data.get("bands") or data.get("default")
        bands = tuple(sorted(((float(lo), str(g)) for lo, g in raw), reverse=True))
        aliases = {str(k): str(v) for k, v in (data.get("aliases") or {}).items()}
        return (bands or DEFAULT_BANDS), aliases
    except (OSError, ValueError, TypeError, AttributeError):
        return DEFAULT_BANDS, {}


def _default_bands() -> tuple[tuple[float, str], ...]:
    return _load_grades()[0]


def _default_aliases() -> dict[str, str]:
    return _load_grades()[1]


@dataclass
class CheckConfig:
    """What a locality or a caller may change.

    ``bands``: (lower bound inclusive, grade), tried from the highest down.
    ``budget_points``: points a self-assessment gives the budget block (执行率) outside the
    indicator table (财预〔2020〕10号: 10).
    ``rules``: ids to run; None runs all.
    """

    bands: tuple[tuple[float, str], ...] = field(default_factory=_default_bands)
    grade_aliases: dict[str, str] = field(default_factory=_default_aliases)
    budget_points: float = 10.0
    score_max: float = 100.0
    rules: frozenset[str] | None = None

    def grade_for(self, score: float) -> str | None:
        for lo, grade in sorted(self.bands, reverse=True):
            if score >= lo:
                return grade
        return None

    def grade_of(self, word: str) -> str:
        """A printed grade word (normalised) as the bands name it: its alias resolved (良 → 良好)."""
        return self.grade_aliases.get(word, word)

    def band_floor(self, grade: str) -> float | None:
        """The lowest score of ``grade``'s band (its highest band if it has several), None if no band."""
        return next((lo for lo, g in sorted(self.bands, reverse=True) if g == grade), None)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str
    fn: RuleFn


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, title: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule under a stable id (ids never change meaning once published)."""

    def wrap(fn: RuleFn) -> RuleFn:
        if rule_id in REGISTRY and REGISTRY[rule_id].fn is not fn:
            raise ValueError(f"rule id {rule_id} registered twice")
        REGISTRY[rule_id] = Rule(rule_id, severity, title, fn)
        return fn

    return wrap

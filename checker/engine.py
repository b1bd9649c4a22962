"""Run every registered rule over a Report and return sorted findings.

A rule is one small function ``(report, config) -> list[Finding]`` registered with a
stable id, a default severity and a one-line Chinese title (``RULES.md`` documents each).
A rule that raises does not stop the others: its crash becomes a ``rule.crash`` warning,
because a reader of a 40-page report is better served by 14 rules' findings and one
honest "this rule failed" than by a traceback.
"""

from __future__ import annotations

import checker.rules  # noqa: F401 - importing registers the rules
from checker.memo import check_run
from checker.registry import REGISTRY, SEVERITY_ORDER, CheckConfig, Rule, rule
from checker.tables import forget_tables
from extractor.contract import Finding, Report
from patterns.table_roles import identify

__all__ = ["REGISTRY", "SEVERITY_ORDER", "CheckConfig", "Rule", "check", "merge_repeated_rounding", "rule", "run_rule"]

def _sort_key(f: Finding) -> tuple:
    loc = f.locations[0] if f.locations else None

    def n(x: int | None) -> int:
        return -1 if x is None else x

    return (
        SEVERITY_ORDER.get(f.severity, 9),
        n(loc.page) if loc else -1,
        (loc.table or "") if loc else "",
        n(loc.row) if loc else -1,
        n(loc.col) if loc else -1,
        f.rule,
        f.message,
    )


def run_rule(r: Rule, report: Report, config: CheckConfig) -> list[Finding]:
    """One rule's findings; a crash becomes one ``rule.crash`` warning naming the rule."""
    try:
        return list(r.fn(report, config))
    except Exception as exc:  # noqa: BLE001 - a rule must never take the checker down
        return [
            Finding(
                rule="rule.crash",
                severity="warning",
                message=f"规则 {r.id}（{r.title}）运行出错，未完成检查：{type(exc).__name__}: {exc}",
            )
        ]


def check(report: Report, config: CheckConfig | None = None) -> list[Finding]:
    """Run every registered rule (or ``config.rules``) and return findings in a stable order."""
    forget_tables()  # per-table caches hold for one run: a caller may change a table and check again
    config = config or CheckConfig()
    # which standard table, fund and stage: said by patterns, also for a table it never saw
    # (a version-1 JSON, a table built by hand), so no rule reads a caption's words
    report.tables = [identify(t) for t in report.tables]
    findings: list[Finding] = []
    with check_run():  # views several rules read (checker/memo.py) are made once
        for rid in sorted(REGISTRY):
            if config.rules is not None and rid not in config.rules:
                continue
            findings.extend(run_rule(REGISTRY[rid], report, config))
    ocr = set(report.source.ocr_pages)
    flattened = {t.id for t in report.tables if t.flattened}
    findings = [
        _demoted(_demoted(f, [loc.page for loc in f.locations], ocr, _OCR_NOTE),
                 [loc.table for loc in f.locations], flattened, _FLATTENED_NOTE)
        for f in findings
    ]
    return merge_repeated_rounding(sorted(findings, key=_sort_key))


def merge_repeated_rounding(findings: list[Finding]) -> list[Finding]:
    """One ``rounding`` finding per printed figure, however many places repeat it.

    A report prints its 执行率 on the cover, in the summary and in the body; when that figure
    is truncated (66.22 % for 66.2255 %) the budget rule, the claim rule and the sentence
    rule each say so at each place — five notes for one fact. Rounding findings with the same
    printed value and the same true value at two decimals are one fact: the first is kept,
    the others' places are added to its locations and named in its message. Errors and
    warnings are never merged: each place of a wrong figure is a correction to make.
    """
    kept: dict[tuple, int] = {}
    out: list[Finding] = []
    extra: dict[int, list[Finding]] = {}
    for f in findings:
        if f.severity != "rounding" or f.expected is None or f.actual is None:
            out.append(f)
            continue
        key = (round(f.actual, 6), round(f.expected, 2))
        if key in kept:
            extra[kept[key]].append(f)
            continue
        kept[key] = len(out)
        extra[len(out)] = []
        out.append(f)
    for i, others in extra.items():
        if not others:
            continue
        first = out[i]
        seen = {(x.page, x.table, x.row, x.col) for x in first.locations}
        locations = list(first.locations)
        for o in others:
            for x in o.locations:
                if (x.page, x.table, x.row, x.col) not in seen:
                    seen.add((x.page, x.table, x.row, x.col))
                    locations.append(x)
        if len(locations) == len(first.locations):
            continue  # the same place said twice (two rules, or two lines of one page): one note
        pages = sorted({x.page for o in others for x in o.locations if x.page is not None} - {x.page for x in first.locations})
        where = f"第 {'、'.join(map(str, pages))} 页" if pages else "同页另一处"
        note = f"（同一数字另见{where}，共 {len(locations)} 处，同为此舍入）"
        out[i] = first.model_copy(update={"locations": locations, "message": first.message + note})
    return out


# On a scanned page a mismatch is more often a misread digit than a wrong document; a table
# rebuilt from flattened text (a form pasted as text, patterns/flat_forms.py) had its columns
# aligned by reading, not printed, so a figure one column off makes a mismatch of its own.
_OCR_NOTE = "（该处为 OCR 识别页，可能是识别误差，请对照原件）"
_FLATTENED_NOTE = "（该表由无表格线的文本还原，列的对应可能有误，请对照原件）"


def _demoted(f: Finding, places: list, doubtful: set, note: str) -> Finding:
    """An error whose every place (its locations' pages, or tables) is a doubtful reading
    becomes a warning, its message saying why: the contract keeps ``warning`` for doubt."""
    if f.severity != "error" or not doubtful or not places or any(p is None or p not in doubtful for p in places):
        return f
    return f.model_copy(update={"severity": "warning", "message": f.message + note})

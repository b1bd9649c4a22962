"""Small builders for hand-made contract Reports: tables from ``|``-separated lines, values
from their printed text. Kept apart from ``reports.py`` so the fixtures read like the seeds."""

from __future__ import annotations

import re

from extractor.contract import Claim, Indicator, Report, SourceRef, TableOut, Value
from patterns.events import report_events

_OP = [(">=", ">="), ("≥", ">="), ("<=", "<="), ("≤", "<="), (">", ">"), ("<", "<"), ("=", "=")]


def table(tid: str, pages: list[int], caption: str | None, text: str, unit: str | None = None, spans=()) -> TableOut:
    """Rows from lines of ``|``-separated cells, as printed (empty cells stay "")."""
    rows = [[c.strip() for c in line.split("|")] for line in text.strip("\n").split("\n")]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return TableOut(id=tid, pages=pages, caption=caption, unit=unit, rows=rows, spans=[list(s) for s in spans])


def value(text: str | None) -> Value | None:
    """A target or actual as the recogniser should parse it (``=120 人``, ``>=95%``, ``26488.00``)."""
    if text is None:
        return None
    t = text.strip()
    op = None
    for sym, name in _OP:
        if t.startswith(sym):
            op, t = name, t[len(sym) :].strip()
            break
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(%|元|人次|人|次|个|天)?", t)
    if not m:
        return Value(text=text, op="qualitative" if op is None else op)
    frac = m.group(1).split(".")[1] if "." in m.group(1) else ""
    return Value(text=text, op=op, value=float(m.group(1)), unit=m.group(2), decimals=len(frac))


def ind(
    code: str | None,
    level1: str,
    level2: str | None,
    name: str,
    weight: str | None,
    score: str | None,
    src: tuple[int, str, int],
    *,
    target: str | None = None,
    actual: str | None = None,
    criteria: str | None = None,
    level1_weight: float | None = None,
    remark: str | None = None,
) -> Indicator:
    page, tid, row = src
    return Indicator(
        code=code,
        level1=level1,
        level2=level2,
        name=name,
        weight=float(weight.replace(" ", "")) if weight else None,
        score=float(score.replace(" ", "")) if score else None,
        weight_text=weight,
        score_text=score,
        target=value(target),
        actual=value(actual),
        criteria=criteria,
        level1_weight=level1_weight,
        remark=remark,
        source=SourceRef(page=page, table=tid, row=row),
    )


def claim(subject: str, text: str, value_: float | None, unit: str | None, page: int, value_text: str | None = None) -> Claim:
    return Claim(subject=subject, text=text, value=value_, unit=unit, page=page, value_text=value_text)


def with_events(report: Report) -> Report:
    """A hand-made report with ``Report.events`` read as ``patterns.recognise`` reads them."""
    report.events = report_events(report)
    return report


def read_written(tmp_path, name: str, text: str) -> Report:
    """``text`` written to ``tmp_path / name`` and read as a user's file is (reader and recogniser,
    no findings yet): for fixtures rebuilt from a real page's layout."""
    from jixiao.pipeline import extract

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)

"""Helpers more than one rule family uses, in one public place.

A rule module never imports another rule module's private helper: what two families share
(the precision of a 得分 column, the months a monitoring report covers) lives here.
"""

from __future__ import annotations

import re

from checker.numbers import decimals_of_float, parse_cell
from checker.tables import norm
from extractor.contract import Project, Report

_UNTIL = re.compile(r"(?:截至|截止|至)\s*(?:20\d\d\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SPAN = re.compile(r"1\s*[-—–~至到]\s*(\d{1,2})\s*月")


def score_decimals(project: Project) -> int:
    """Precision of the 得分 column: the most decimals any score in it shows.

    A column that prints 5.6 could have printed 2.7, so its 3 stands for [2.95, 3.05].
    """
    ds = [0]
    for i in project.indicators:
        p = parse_cell(i.score_text) if i.score_text else None
        ds.append(p.decimals if p else (decimals_of_float(i.score) if i.score is not None else 0))
    return max(ds)


def months_elapsed(report: Report, text: str) -> int | None:
    """Months a monitoring report covers: ``截至…10月31日`` in ``text`` (a month ending before
    its 28th counts the month before), else ``1-10月`` in the title."""
    if m := _UNTIL.search(norm(text)):
        month, day = int(m.group(1)), int(m.group(2))
        return month if day >= 28 else month - 1
    if m := _SPAN.search(norm(report.document.title)):
        return int(m.group(1))
    return None

"""Whether a readable document is a budget-performance document at all.

Users point the batch at whole archive folders, which also hold meeting notices, cover
letters and English papers. Returning an empty result for those would look like a reading
failure; saying "not a performance document" tells the user the truth. The test is
deliberately generous: one marker word anywhere (``data/relevance.json``), one indicator
or one budget figure is enough to be read as one.
"""

from __future__ import annotations

from functools import cache

from extractor.contract import Report
from extractor.document import Document, Table
from patterns.lexicon import load


@cache
def markers() -> tuple[str, ...]:
    return tuple(load("relevance")["markers"])


def _text(doc: Document) -> str:
    parts: list[str] = []
    for item in doc.items:
        if isinstance(item, Table):
            parts.extend(c.text for c in item.cells)
        else:
            parts.append(item.text)
    return "".join("".join(parts).split())


def is_performance_document(doc: Document, report: Report) -> bool:
    """True unless the document has no indicator, no budget figure and no marker word."""
    if any(p.indicators for p in report.projects):
        return True
    if any(v is not None for p in report.projects for v in p.budget.model_dump(exclude={"source"}).values()):
        return True
    text = _text(doc)
    return any(word in text for word in markers())

"""One job's work: read, recognise, check, keep the cell geometry, add to the corpus.

The stages are those of ``jixiao.pipeline.process``, run one by one so that the job list
can show which stage a file is in, and so that the ``Document`` the reader produced is
kept: its cell boxes are what the finding view highlights, and reading a PDF a second time
only for them would double the wait. A checker that crashes leaves the extracted report
viewable, with the crash shown as a warning instead of losing the whole file.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from extractor.atomic import write_atomic
from extractor.contract import Report
from extractor.document import Document

Progress = Callable[[str, float], None]

_corpus_lock = threading.Lock()  # one writer at a time into the SQLite corpus


def geometry(doc: Document) -> dict:
    """Every table cell's page and box (PDF points, top-left origin), keyed by table id.

    Cells are ``[row, col, rowspan, colspan, page, x0, top, x1, bottom]``; cells without a
    box (formats without pages) are left out.
    """
    tables: dict[str, list[list]] = {}
    for t in doc.tables:
        cells = []
        for c in t.cells:
            if c.bbox is None or c.page is None:
                continue
            cells.append([c.row, c.col, c.rowspan, c.colspan, c.page, *(round(v, 2) for v in c.bbox)])
        if cells:
            tables[t.id] = cells
    return {"format": doc.format, "pages": doc.pages, "tables": tables}


def analyse(path: Path, display_name: str, out_dir: Path, *, max_pages: int | None,
            corpus_db: Path | None, progress: Progress) -> Report:
    """Process one stored upload into ``out_dir`` (report.json, geometry.json); index it."""
    import checker
    import extractor
    import patterns

    progress("读取文档 reading", 0.1)
    doc = extractor.read(path, max_pages=max_pages)
    doc.file = display_name
    write_atomic(out_dir / "geometry.json", json.dumps(geometry(doc), ensure_ascii=False))
    progress("识别指标 recognising", 0.5)
    report = patterns.recognise(doc)
    report.source.file = display_name
    progress("核对数字 checking", 0.7)
    try:
        report.findings = checker.check(report, None)
    except Exception as e:  # a rule's bug must not hide the extracted tables from the reviewer
        report.source.warnings.append(f"checker failed: {type(e).__name__}: {e}")
    write_atomic(out_dir / "report.json", report.to_json())
    if corpus_db is not None:
        progress("加入语料库 indexing", 0.9)
        from corpus.api import index_report, open_corpus

        with _corpus_lock:
            corpus = open_corpus(corpus_db)
            try:
                index_report(corpus, report)
            finally:
                corpus.close()
    return report

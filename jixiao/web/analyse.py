"""One job's work: read, recognise, check, keep the cell geometry, add to the corpus.

``jixiao.pipeline.process`` runs the stages and tells each one, so that the job list can
show which stage a file is in, and hands over the ``Document`` the reader produced: its
cell boxes are what the finding view highlights, and reading a PDF a second time only for
them would double the wait. A checker that crashes leaves the extracted report viewable,
with the crash shown as a warning instead of losing the whole file.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from extractor.atomic import write_atomic
from extractor.contract import Report
from extractor.document import Document
from jixiao.pipeline import Progress, process

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
    """Process one stored upload into ``out_dir`` (report.json, geometry.json); index it.

    ``jixiao.pipeline.process`` does the work, as for the CLI and the batch (a text that is
    not about budget performance is refused the same way); the web app keeps the reader's
    cell boxes and survives a checker crash.
    """
    def keep(doc: Document) -> None:
        write_atomic(out_dir / "geometry.json", json.dumps(geometry(doc), ensure_ascii=False))

    report = process(path, max_pages=max_pages, name=display_name, progress=progress, keep=keep,
                     survive_checker=True)
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

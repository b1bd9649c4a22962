"""Issue 18: ``extractor.pdf_cells`` against pdfplumber's ``TableFinder`` — same cells, less CPU.

``python benchmarks/table_cells.py [--rounds N] [--no-time] [EXTRA.pdf ...]``

1. Identity: every page of every PDF the project has (``samples/`` with ``real``,
   ``scanned`` and the generated ``zoo/docs``, ``tests/fixtures``, ``../shared/real``,
   and any PDF named on the command line) is read by PDFium as the reader reads it
   (upright, ``square_lines`` applied), and its tables from ``pdf_cells.find_tables`` must
   equal ``TableFinder(page).tables`` exactly: same tables, same cells in the same order,
   same floats, same bboxes. Any difference is printed and the exit status is 1.
2. Speed (unless ``--no-time``): CPU seconds of both finders over the pages of the four
   text samples, interleaved round by round, and of ``extractor.read`` on those PDFs with
   either finder in place. The machine is shared: the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import pdf_cells, pdf_pdfium  # noqa: E402
from extractor.pdf_rotation import square_lines  # noqa: E402

SAMPLE_PDFS = [
    ROOT / "samples" / "eval_report_2022_xinfang.pdf",
    ROOT / "samples" / "monitoring_2023_qingyunpu.pdf",
    ROOT
    / "samples"
    / "real"
    / "shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf",
    ROOT / "samples" / "target_decl_2023_songjiang.pdf",
]


def all_pdfs(extra: list[Path]) -> list[Path]:
    """Every PDF of the project, in a fixed order."""
    found = sorted((ROOT / "samples").rglob("*.pdf")) + sorted((ROOT / "tests").rglob("*.pdf"))
    found += sorted((ROOT.parent / "shared" / "real").rglob("*.pdf"))
    return found + extra


def plumber_tables(page: Any) -> list[Any]:
    """pdfplumber's own finder on a page, default settings (the reference)."""
    from pdfplumber.table import TableFinder

    return TableFinder(page, None).tables


def shape(tables: list[Any]) -> list[tuple[Any, list[Any]]]:
    """What the reader takes of the tables: each one's bbox and cells, in order."""
    return [(tuple(t.bbox), [tuple(c) for c in t.cells]) for t in tables]


def pages(path: Path) -> list[Any]:
    """The PDF's pages as the PDFium reader hands them to ``find_tables``; [] if PDFium cannot open it."""
    try:
        doc = pdf_pdfium.open_document(path.read_bytes())
    except Exception:
        return []
    out = []
    try:
        for i in range(len(doc)):
            try:
                page, _ = pdf_pdfium.read_page(doc, i)
            except Exception:
                continue
            square_lines(page)
            out.append(page)
    finally:
        doc.close()
    return out


def check_identity(paths: list[Path]) -> int:
    """Compare the finders on every page; the number of pages that differ."""
    n_pages = n_tables = n_cells = bad = 0
    for path in paths:
        for page in pages(path):
            n_pages += 1
            want = shape(plumber_tables(page))
            got = shape(pdf_cells.find_tables(page))
            n_tables += len(want)
            n_cells += sum(len(c) for _, c in want)
            if repr(got) != repr(want):  # repr: -0.0 and 0.0 differ, as they would in the output
                bad += 1
                print(f"DIFFERENT: {path} page {page.number}: {len(got)} tables / {len(want)} expected")
    print(
        f"identity: {len(paths)} PDFs, {n_pages} pages, {n_tables} tables, {n_cells} cells; {bad} pages differ"
    )
    return bad


def cpu(fn: Callable[[], Any]) -> float:
    """CPU seconds of one call."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def time_finders(rounds: int) -> None:
    """Interleaved CPU of both finders over the sample pages, then of ``extractor.read``."""
    import extractor

    sample_pages = [p for path in SAMPLE_PDFS for p in pages(path)]
    fast = pdf_cells.find_tables
    old: list[float] = []
    new: list[float] = []
    for _ in range(rounds):
        old.append(cpu(lambda: [plumber_tables(p) for p in sample_pages]))
        new.append(cpu(lambda: [fast(p) for p in sample_pages]))
    print(f"load {os.getloadavg()[0]:.2f}; find_tables on {len(sample_pages)} pages, {rounds} rounds, CPU s")
    print(f"  pdfplumber TableFinder: median {statistics.median(old):.3f}, min {min(old):.3f}")
    print(f"  pdf_cells:              median {statistics.median(new):.3f}, min {min(new):.3f}")
    print(f"  ratio of medians {statistics.median(new) / statistics.median(old):.3f}")
    read_old: list[float] = []
    read_new: list[float] = []
    try:
        for _ in range(rounds):
            pdf_cells.find_tables = plumber_tables  # type: ignore[assignment]
            read_old.append(cpu(lambda: [extractor.read(p) for p in SAMPLE_PDFS]))
            pdf_cells.find_tables = fast  # type: ignore[assignment]
            read_new.append(cpu(lambda: [extractor.read(p) for p in SAMPLE_PDFS]))
    finally:
        pdf_cells.find_tables = fast  # type: ignore[assignment]
    print(f"load {os.getloadavg()[0]:.2f}; extractor.read of the {len(SAMPLE_PDFS)} PDFs, CPU s")
    print(f"  with TableFinder: median {statistics.median(read_old):.3f}, min {min(read_old):.3f}")
    print(f"  with pdf_cells:   median {statistics.median(read_new):.3f}, min {min(read_new):.3f}")
    print(f"  ratio of medians {statistics.median(read_new) / statistics.median(read_old):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("extra", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-time", action="store_true")
    args = ap.parse_args()
    bad = check_identity(all_pdfs(args.extra))
    if not args.no_time:
        time_finders(args.rounds)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

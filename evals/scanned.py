"""OCR accuracy on the scanned samples, against the text layer of the same pages (issue 8).

Each scan in ``samples/scanned/`` is a page of a committed sample PDF, rendered, turned,
given noise and saved through JPEG (``samples/make_scanned.py``); ``tests/fixtures/bad/
image_only.pdf`` is 表3 of the evaluation report rasterised at 150 dpi. The text layer of
the source page is therefore what the OCR must give, with no hand labelling; that text
layer's own accuracy against hand-checked tables is ``evals.cells`` (99.9 %).

Scored per page, the OCR'd page against the source page read from its text layer:

* **numeric cells**: of the table cells whose text-layer text is a number, those the OCR
  table has at the same (row, col) with the same value (tables paired in order);
* **cells**: all text-layer cells reproduced character for character (spaces ignored);
* **indicator records**: F1 of (level1, level2, name, 分值, 得分, target, actual) tuples from
  ``patterns.recognise``; and again without the target/actual texts ("key" F1), since long
  业绩值 prose is where OCR differs (``;`` for ``；``) and the key fields are what checks use.

Bars: indicator F1 ≥ 0.90 (the full records, prose included) and numeric cells exact
≥ 97 %. Seconds per page (wall and process CPU) are printed for information; the one-core
figure belongs to ``make bench`` (``benchmarks/ocr.py``).

    .venv/bin/python -m evals.scanned [N]     # N: mismatches listed per page (default 5)
"""

from __future__ import annotations

import io
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from evals.cells import ROOT, SAMPLES

SCANNED = SAMPLES / "scanned"
F1_BAR = 0.90
NUMERIC_BAR = 0.97


@dataclass(frozen=True)
class ScanPage:
    """One scanned page and the text-layer page it was made from."""

    scan: Path
    source: Path
    page: int  # 1-based page of the source PDF
    dpi: int
    angle: float


@dataclass
class PageScore:
    name: str
    numeric: int = 0
    numeric_ok: int = 0
    cells: int = 0
    cells_ok: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    key_tp: int = 0
    key_fp: int = 0
    key_fn: int = 0
    wall: float = 0.0  # seconds to read the scan (render, tables, OCR, layout)
    cpu: float = 0.0  # process CPU seconds for the same
    ocr_pages: list[int] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return _f1(self.tp, self.fp, self.fn)

    @property
    def key_f1(self) -> float:
        return _f1(self.key_tp, self.key_fp, self.key_fn)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def scan_pages() -> list[ScanPage]:
    """Every scanned sample: the plan of ``samples/make_scanned.py`` and the 150 dpi fixture."""
    from samples.make_scanned import PLAN

    out = [
        ScanPage(SCANNED / name, SAMPLES / source, s.page, s.dpi, s.angle)
        for name, (source, scans) in PLAN.items()
        for s in scans
    ]
    out.append(ScanPage(ROOT / "tests" / "fixtures" / "bad" / "image_only.pdf",
                        SAMPLES / "eval_report_2022_xinfang.pdf", 12, 150, 0.0))
    return out


def one_page(source: Path, page: int) -> bytes:
    """Page ``page`` of ``source`` as a PDF of its own (pypdfium2), to read like the scan."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    try:
        out.import_pages(src, [page - 1])
        buf = io.BytesIO()
        out.save(buf)
    finally:
        out.close()
        src.close()
    return buf.getvalue()


def records(doc, texts: bool = True) -> Counter[tuple]:
    """Indicator records of ``doc``; ``texts=False`` leaves out the free-text target/actual."""
    from patterns.recognise import recognise

    out: Counter[tuple] = Counter()
    for p in recognise(doc).projects:
        for i in p.indicators:
            out[(i.level1, i.level2, i.name, i.weight, i.score,
                 i.target.text if i.target and texts else None,
                 i.actual.text if i.actual and texts else None)] += 1
    return out


def score_cells(truth, ocr, s: PageScore) -> None:
    """Numeric and all-cell agreement, tables paired in page order (``s`` is updated)."""
    from patterns.numbers import parse_number

    for k, (t, o) in enumerate(zip(truth.tables, ocr.tables, strict=False), start=1):
        gt, go = t.grid(), o.grid()
        for r, row in enumerate(gt):
            for c, text in enumerate(row):
                if not text:
                    continue
                got = go[r][c] if r < len(go) and c < len(go[r]) else ""
                s.cells += 1
                same = got.replace(" ", "") == text.replace(" ", "")
                s.cells_ok += same
                n = parse_number(text)
                if n is not None:
                    s.numeric += 1
                    m = parse_number(got)
                    s.numeric_ok += m is not None and m.value == n.value
                if not same:
                    s.mismatches.append(f"table {k} ({r},{c}): expected {text!r} got {got!r}")
    for t in truth.tables[len(ocr.tables):]:
        s.mismatches.append(f"table {t.id} not found")
        for row in t.grid():
            for text in filter(None, row):
                s.cells += 1
                s.numeric += parse_number(text) is not None


def score_records(truth, ocr, s: PageScore) -> None:
    """Indicator-record counts, full and without free-text target/actual (``s`` is updated)."""
    a, b = records(truth), records(ocr)
    hit = a & b
    s.tp, s.fp, s.fn = sum(hit.values()), sum((b - a).values()), sum((a - b).values())
    s.mismatches += [f"record missing {r[2]!r}: {r}" for r in (a - b)]
    s.mismatches += [f"record extra   {r[2]!r}: {r}" for r in (b - a)]
    ka, kb = records(truth, texts=False), records(ocr, texts=False)
    s.key_tp, s.key_fp, s.key_fn = sum((ka & kb).values()), sum((kb - ka).values()), sum((ka - kb).values())


def score_page(sp: ScanPage) -> PageScore:
    """OCR one scanned page (timed) and score it against its source page's text layer."""
    from extractor.pdf import read_pdf

    s = PageScore(f"{sp.scan.name} p{sp.page}")
    data = sp.scan.read_bytes()
    w0, c0 = time.perf_counter(), time.process_time()
    ocr = read_pdf(data, sp.scan.name)
    s.wall, s.cpu = time.perf_counter() - w0, time.process_time() - c0
    s.ocr_pages = list(ocr.ocr_pages)
    truth = read_pdf(one_page(sp.source, sp.page), sp.source.name)
    score_cells(truth, ocr, s)
    score_records(truth, ocr, s)
    return s


def total(scores: list[PageScore]) -> PageScore:
    out = PageScore("OVERALL")
    for s in scores:
        for f in ("numeric", "numeric_ok", "cells", "cells_ok", "tp", "fp", "fn", "key_tp", "key_fp", "key_fn"):
            setattr(out, f, getattr(out, f) + getattr(s, f))
        out.wall += s.wall
        out.cpu += s.cpu
    return out


def evaluate(pages: list[ScanPage] | None = None) -> list[PageScore]:
    """Scores per scanned page (the OCR engine is started first, outside the timings)."""
    from extractor import ocr

    ocr.warm_up()
    return [score_page(sp) for sp in (scan_pages() if pages is None else pages)]


def passes(t: PageScore) -> bool:
    return t.f1 >= F1_BAR and (t.numeric_ok / t.numeric if t.numeric else 1.0) >= NUMERIC_BAR


def report(scores: list[PageScore], show: int = 5) -> str:
    lines = ["Scanned pages (OCR against the text layer of the same page)",
             f"{'page':48} {'numeric':>8} {'cells':>8} {'records':>8} {'F1':>7} {'key F1':>7} {'wall s':>7} {'CPU s':>6}"]
    t = total(scores)
    for s in [*scores, t]:
        lines.append(f"{s.name[:48]:48} {s.numeric_ok:>3}/{s.numeric:<4} {s.cells_ok:>3}/{s.cells:<4} "
                     f"{s.tp:>3}/{s.tp + s.fn:<4} {s.f1:>7.2%} {s.key_f1:>7.2%} {s.wall:>7.1f} {s.cpu:>6.1f}")
        if s is not t and s.ocr_pages != [1]:
            lines.append(f"    not read by OCR (ocr_pages {s.ocr_pages})")
        lines += [f"    {m}" for m in s.mismatches[:show]]
        if len(s.mismatches) > show:
            lines.append(f"    … {len(s.mismatches) - show} more")
    n = len(scores) or 1
    lines.append(f"numeric cells exact {t.numeric_ok}/{t.numeric} ({t.numeric_ok / (t.numeric or 1):.1%}, bar "
                 f"{NUMERIC_BAR:.0%}); indicator F1 {t.f1:.3f} (bar {F1_BAR:.2f}; without free-text target/actual "
                 f"{t.key_f1:.3f}); {t.wall / n:.1f} s wall, {t.cpu / n:.1f} s CPU per page (this machine, "
                 "all its cores; one core: make bench)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the scanned-page report; exit 1 under either bar. Without the ocr extra: skipped."""
    from extractor import ocr

    if not ocr.available():
        print("Scanned pages: skipped, the ocr extra is not installed (pip install 'jixiao[ocr]')")
        return 0
    scores = evaluate()
    print(report(scores, show=int((argv or sys.argv[1:] or ["5"])[0])))
    return 0 if passes(total(scores)) else 1


if __name__ == "__main__":
    sys.exit(main())

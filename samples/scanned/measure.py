"""How well and how fast the scanned samples are read, against the same pages' text layer.

Each scanned PDF is a page of a committed sample PDF (``samples/make_scanned.py``), so the
text layer of that page is a ground truth that needs no hand labelling. Reported, never
asserted (speed belongs to benchmarks, not to tests):

* seconds per page (engine start-up reported apart; ``JIXIAO_OCR_THREADS=1`` and
  ``taskset -c 0`` give the one-core figure);
* numeric cells: of the table cells whose text-layer text is a number, the share the OCR
  table has at the same (row, col) with the same value;
* cells: share of all text-layer cells reproduced character for character;
* indicator records: F1 of (level1, level2, name, 分值, 得分, target, actual) tuples from
  ``patterns.recognise``, and again without the target/actual texts (long 业绩值 prose, where
  OCR gives ``;`` for ``；``).

Run: ``JIXIAO_OCR_THREADS=1 taskset -c 0 .venv/bin/python samples/scanned/measure.py``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent))

from make_scanned import PLAN, Scan  # noqa: E402

from extractor.document import Document  # noqa: E402
from extractor.pdf import read_pdf  # noqa: E402
from patterns.numbers import parse_number  # noqa: E402
from patterns.recognise import recognise  # noqa: E402

# tests/fixtures/bad/image_only.pdf: 表3 (page 12) rasterised at 150 dpi, straight and clean
EXTRA = {"../../tests/fixtures/bad/image_only.pdf": ("eval_report_2022_xinfang.pdf", [Scan(12, 150, 0.0, 0.0, 0)])}


def one_page(source: Path, page: int) -> bytes:
    """The text-layer page as a PDF of its own (pypdfium2), to read like the scan."""
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [page - 1])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def records(doc: Document, texts: bool = True) -> Counter[tuple]:
    """Indicator records; ``texts=False`` leaves out the free-text target/actual cells."""
    report = recognise(doc)
    out: Counter[tuple] = Counter()
    for p in report.projects:
        for i in p.indicators:
            out[
                (
                    i.level1,
                    i.level2,
                    i.name,
                    i.weight,
                    i.score,
                    i.target.text if i.target and texts else None,
                    i.actual.text if i.actual and texts else None,
                )
            ] += 1
    return out


def cell_scores(truth: Document, ocr: Document) -> tuple[int, int, int, int]:
    """(numeric cells, numeric exact, cells, cells exact), tables paired in order."""
    num = num_ok = cells = cells_ok = 0
    for t, o in zip(truth.tables, ocr.tables, strict=False):
        gt, go = t.grid(), o.grid()
        for r, row in enumerate(gt):
            for c, text in enumerate(row):
                if not text:
                    continue
                got = go[r][c] if r < len(go) and c < len(go[r]) else ""
                cells += 1
                cells_ok += got.replace(" ", "") == text.replace(" ", "")
                n = parse_number(text)
                if n is not None:
                    num += 1
                    m = parse_number(got)
                    num_ok += m is not None and m.value == n.value
    for t in truth.tables[len(ocr.tables) :]:
        cells += sum(1 for row in t.grid() for x in row if x)
    return num, num_ok, cells, cells_ok


def main() -> None:
    from extractor import ocr

    t0 = time.perf_counter()
    ocr._engine()
    print(f"engine start-up: {time.perf_counter() - t0:.2f} s")
    tp = fp = fn = 0
    key_tp = key_n = 0
    totals = [0, 0, 0, 0]
    seconds: list[float] = []
    for name, (source, scans) in {**PLAN, **EXTRA}.items():
        path = HERE / name
        t0 = time.perf_counter()
        scanned = read_pdf(path.read_bytes(), name)
        seconds.append((time.perf_counter() - t0) / len(scans))
        for k, s in enumerate(scans, start=1):
            truth = read_pdf(one_page(HERE.parent / source, s.page), source)
            page = Document(file=name, sha256="", format="pdf", pages=1)
            page.items = [i for i in scanned.items if (getattr(i, "page", None) or i.pages[0]) == k]
            scores = cell_scores(truth, page)
            a, b = records(truth), records(page)
            hit = sum((a & b).values())
            ka, kb = records(truth, texts=False), records(page, texts=False)
            key_tp, key_n = key_tp + sum((ka & kb).values()), key_n + sum(ka.values()) + sum(kb.values())
            tp, fp, fn = tp + hit, fp + sum(b.values()) - hit, fn + sum(a.values()) - hit
            totals = [x + y for x, y in zip(totals, scores, strict=True)]
            print(
                f"{Path(name).name} p{s.page} ({s.dpi} dpi, {s.angle}°): {seconds[-1]:.1f} s/page, "
                f"numeric {scores[1]}/{scores[0]}, cells {scores[3]}/{scores[2]}, "
                f"records {hit}/{sum(a.values())} (ocr {sum(b.values())}), ocr_pages {scanned.ocr_pages}"
            )
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    print(
        f"mean {sum(seconds) / len(seconds):.1f} s/page; numeric cells exact {totals[1]}/{totals[0]}; "
        f"cells exact {totals[3]}/{totals[2]}; indicator-record F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn}); "
        f"without free-text target/actual {2 * key_tp / key_n if key_n else 1.0:.3f}"
    )


if __name__ == "__main__":
    main()

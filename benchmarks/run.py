"""`make bench`: throughput and peak memory of the pipeline on the bundled samples.

Each measurement runs in a fresh child process so that peak RSS (ru_maxrss) belongs to
that measurement alone; each child reports wall and CPU seconds. The PDFs are read in
five ways, interleaved round by round so that all see the same load: bare pdfplumber
(``extract_text`` + ``extract_tables``), bare pypdfium2 (text, character boxes, path
outlines), ``extract`` (the PDFium reader), ``extract`` with ``JIXIAO_PDF_READER=pdfplumber``,
and ``check`` (extract, recognise, check, warm: the jieba dictionary loaded, but the caches
keyed by a document's cells and text emptied before every repeat, as for a new file).
Figures go to stdout as Markdown tables;
paste them into benchmarks/README.md with the date, machine and load average.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

CHILD = r"""
import json, os, resource, sys, time
mode, path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "bare":
    import pdfplumber
    def work():
        n = 0
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text(); page.extract_tables(); n += 1
                page.flush_cache()
        return n
elif mode == "bare_pdfium":
    import ctypes
    import pypdfium2 as pdfium, pypdfium2.raw as raw
    def work():
        # page text, every character's box, every path's outline (points of its segments)
        doc = pdfium.PdfDocument(path)
        x, y = ctypes.c_float(), ctypes.c_float()
        for page in doc:
            tp = page.get_textpage()
            tp.get_text_range()
            for i in range(tp.count_chars()):
                tp.get_charbox(i, loose=True)
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
                for k in range(raw.FPDFPath_CountSegments(obj)):
                    raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj, k), x, y)
            tp.close(); page.close()
        n = len(doc); doc.close()
        return n
else:
    sys.path.insert(0, %(root)r)
    if mode == "extract_pdfplumber":
        os.environ["JIXIAO_PDF_READER"] = "pdfplumber"
    import extractor, patterns, checker
    # the PDF libraries imported before the clock starts, as the bare modes import theirs
    import pdfplumber, pdfplumber.table, pypdfium2, pdfminer.pdfinterp, extractor.pdf, extractor.pdf_pdfium
    if mode == "pipeline":
        patterns.recognise(extractor.read(path))  # warm the tokenizer once
    def forget():
        # each repeat recognises the file as a new one would be: the memo caches keyed by cell
        # and block text (bounded lru_caches in patterns/ and checker/) start empty
        for name, mod in list(sys.modules.items()):
            if mod is None or name.split(".")[0] not in ("patterns", "checker"):
                continue
            for v in list(vars(mod).values()):
                params = getattr(v, "cache_parameters", None)
                if params is not None and params()["maxsize"] is not None:
                    v.cache_clear()
    def work():
        doc = extractor.read(path)
        if mode in ("pipeline", "cold"):
            forget()
            report = patterns.recognise(doc)
            checker.check(report)
        return doc.pages or 1
t0, c0 = time.perf_counter(), time.process_time(); pages = 0
for _ in range(repeat):
    pages += work()
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"pages": pages, "seconds": dt, "cpu": cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(mode: str, path: Path, repeat: int) -> dict:
    code = CHILD % {"root": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, mode, str(path), str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


PDF_MODES = ("bare", "bare_pdfium", "extract", "extract_pdfplumber", "pipeline")
LABELS = {"bare": "bare pdfplumber", "bare_pdfium": "bare pypdfium2", "extract": "extract",
          "extract_pdfplumber": "extract, pdfplumber reader", "pipeline": "check (extract → recognise → check)"}


def pdf_table(files: list[Path], rounds: int, repeat: int) -> None:
    """Every mode on every PDF, interleaved round by round (so each mode sees the same load);
    medians over the rounds, ratios to bare pdfplumber and bare pypdfium2 from CPU and wall time."""
    import os
    import statistics

    runs: dict[tuple[Path, str], list[dict]] = {}
    loads = []
    for _ in range(rounds):
        loads.append(os.getloadavg()[0])
        for path in files:
            for mode in PDF_MODES:
                runs.setdefault((path, mode), []).append(measure(mode, path, repeat))
    loads.append(os.getloadavg()[0])
    print(f"load average (1 min) at the start of each round and at the end: {', '.join(f'{v:.1f}' for v in loads)}\n")
    print("| file | mode | pages | CPU s | wall s | pages/s (CPU) | peak MB | CPU × bare pdfplumber | wall × bare pdfplumber "
          "| CPU × bare pypdfium2 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    total: dict[str, list[float]] = {}
    for path in files:
        med = {mode: {k: statistics.median(r[k] for r in runs[(path, mode)]) for k in ("pages", "seconds", "cpu", "peak_mb")}
               for mode in PDF_MODES}
        for mode in PDF_MODES:
            m = med[mode]
            total.setdefault(mode, [0.0, 0.0, 0.0])
            total[mode][0] += m["pages"]
            total[mode][1] += m["cpu"]
            total[mode][2] += m["seconds"]
            print(f"| {path.name} | {LABELS[mode]} | {m['pages']:.0f} | {m['cpu']:.2f} | {m['seconds']:.2f} "
                  f"| {m['pages'] / m['cpu']:.1f} | {m['peak_mb']:.0f} | {m['cpu'] / med['bare']['cpu']:.2f} "
                  f"| {m['seconds'] / med['bare']['seconds']:.2f} | {m['cpu'] / med['bare_pdfium']['cpu']:.2f} |")
    for mode in PDF_MODES:
        pages, cpu, wall = total[mode]
        print(f"| **all PDFs** | {LABELS[mode]} | {pages:.0f} | {cpu:.2f} | {wall:.2f} | {pages / cpu:.1f} | "
              f"| **{cpu / total['bare'][1]:.2f}** | {wall / total['bare'][2]:.2f} | {cpu / total['bare_pdfium'][1]:.2f} |")


def thousand_pages(folder: Path) -> Path:
    """A 1,000-page PDF: the evaluation-report sample repeated (real tables on every page)."""
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(SAMPLES / "eval_report_2022_xinfang.pdf")
    writer = PdfWriter()
    while len(writer.pages) < 1000:
        for page in src.pages:
            if len(writer.pages) < 1000:
                writer.add_page(page)
    path = folder / "thousand_pages.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def big_tables(folder: Path, sizes: tuple[int, ...] = (5000, 20000)) -> None:
    """One generated indicator table of thousands of rows (the hostile corpus's HTML table), read,
    recognised and checked once in a cold process: seconds per 1,000 rows should not grow with
    the table (every rule linear or bucketed), and memory stays small."""
    sys.path.insert(0, str(ROOT))
    from tests.hostile.make_hostile import big_html_table

    print("\n| generated table | rows | s (cold: read + recognise + check) | s per 1,000 rows | peak MB |")
    print("|---|---:|---:|---:|---:|")
    for n in sizes:
        path = folder / f"table_{n}_rows.html"
        path.write_bytes(big_html_table(n))
        m = measure("cold", path, 1)
        print(f"| {path.name} | {n:,} | {m['seconds']:.1f} | {m['seconds'] / n * 1000:.2f} | {m['peak_mb']:.0f} |")


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per PDF mode (medians are printed)")
    parser.add_argument("--quick", action="store_true", help="the sample PDFs only: no DOCX, 1,000-page or big-table runs")
    args = parser.parse_args()
    pdfs = sorted(p for p in SAMPLES.rglob("*.pdf") if "scanned" not in p.parts and "zoo" not in p.parts)
    print(f"# jixiao bench — {time.strftime('%Y-%m-%d')} — python {sys.version.split()[0]}\n")
    pdf_table(pdfs, args.rounds, repeat=3)
    if args.quick:
        return
    print("\n| file | mode | documents | s | documents/s | peak MB |")
    print("|---|---|---:|---:|---:|---:|")
    for path in sorted(SAMPLES.glob("*.docx")):
        for mode in ("extract", "pipeline"):
            m = measure(mode, path, 3)
            print(f"| {path.name} | {mode} | {m['pages']} | {m['seconds']:.2f} | {m['pages'] / m['seconds']:.1f} "
                  f"| {m['peak_mb']:.0f} |")
    print("\n| file | mode | pages | s | pages/s | peak MB | × bare pdfplumber |")
    print("|---|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:  # flat memory over a long PDF, read page by page
        big = thousand_pages(Path(tmp))
        bare = measure("bare", big, 1)
        m = measure("extract", big, 1)
        print(f"| {big.name} | extract | {m['pages']} | {m['seconds']:.1f} | {m['pages'] / m['seconds']:.1f} "
              f"| {m['peak_mb']:.0f} | {m['seconds'] / bare['seconds']:.2f} |")
        print(f"| {big.name} | bare pdfplumber | {bare['pages']} | {bare['seconds']:.1f} | "
              f"{bare['pages'] / bare['seconds']:.1f} | {bare['peak_mb']:.0f} | 1.00 |")
        big_tables(Path(tmp))


if __name__ == "__main__":
    main()

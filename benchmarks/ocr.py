"""`make bench` (OCR part): seconds per scanned page on one core.

Each scanned sample (``samples/scanned/*.pdf``, ``tests/fixtures/bad/image_only.pdf``) and
two prose pages scanned on the fly (pages 4–5 of the evaluation report through
``samples/make_scanned.scan``: the pages of a report that have no table) is read with
``extractor.pdf.read_pdf`` in a child process pinned to one CPU (``sched_setaffinity``) with
one onnxruntime thread (``JIXIAO_OCR_THREADS=1``). The engine is started and one page read
before timing; then every file is read ``--repeat`` times.

Reported per file: the median over the repeats of wall seconds and of the child's CPU
seconds per page. CPU time is what the page costs; wall time is what a user waits and
also counts the time other processes took the core from us, so the share CPU/wall is
printed next to the machine's load average: a share well under 100 % means contention,
not a slower reader.

    .venv/bin/python benchmarks/ocr.py [--repeat 3] [--cpu N] [--root CHECKOUT]

``--root`` reads with another checkout's ``extractor`` (e.g. a ``git worktree`` of an
older commit), so two versions are compared on the same pages and the same core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = sorted((ROOT / "samples" / "scanned").glob("*.pdf")) + [ROOT / "tests" / "fixtures" / "bad" / "image_only.pdf"]
PROSE_PAGES = (4, 5)  # eval_report_2022_xinfang.pdf: 主要绩效 and 存在问题, text only

CHILD = r"""
import json, os, sys, time
cpu, root, repeat, files = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
os.sched_setaffinity(0, {cpu})          # before onnxruntime starts its threads
os.environ["JIXIAO_OCR_THREADS"] = "1"
sys.path.insert(0, root)
from extractor import ocr
from extractor.pdf import read_pdf

def timed(path):
    data = open(path, "rb").read()
    w, c = time.perf_counter(), time.process_time()
    doc = read_pdf(data, os.path.basename(path))
    return time.perf_counter() - w, time.process_time() - c, len(doc.ocr_pages)

w, c = time.perf_counter(), time.process_time()
getattr(ocr, "warm_up", ocr._engine)()
timed(files[0])                        # models loaded, first-call allocations done
start = (time.perf_counter() - w, time.process_time() - c)
runs = {f: [timed(f) for _ in range(repeat)] for f in files}
print(json.dumps({"start": start, "runs": runs}))
"""


def prose_scan(folder: Path) -> Path:
    """Pages 4–5 of the evaluation report scanned like the samples (turned, noisy, JPEG)."""
    sys.path.insert(0, str(ROOT))
    import pypdfium2 as pdfium

    from samples.make_scanned import Scan, scan

    src = pdfium.PdfDocument(str(ROOT / "samples" / "eval_report_2022_xinfang.pdf"))
    images = [scan(src[p - 1], Scan(p, 200, 0.5, 3.0, 40), seed=2000 + p) for p in PROSE_PAGES]
    path = folder / "eval_report_2022_xinfang_p4-5_prose_scanned.pdf"
    images[0].save(path, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    src.close()
    return path


def measure(files: list[Path], cpu: int, repeat: int, root: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(cpu), str(root), str(repeat), *map(str, files)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu", type=int, default=max(os.sched_getaffinity(0)), help="the one CPU to run on")
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose extractor reads the pages")
    args = ap.parse_args(argv)
    try:
        import rapidocr  # noqa: F401
    except ImportError:
        print("OCR bench skipped: the ocr extra is not installed (pip install 'jixiao[ocr]')")
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = [*SCANNED, prose_scan(Path(tmp))]
        load0 = os.getloadavg()[0]
        m = measure(files, args.cpu, args.repeat, args.root.resolve())
        load1 = os.getloadavg()[0]
    print(f"\n# OCR, one core — {time.strftime('%Y-%m-%d')} — CPU {args.cpu}, 1 onnxruntime thread, "
          f"median of {args.repeat}; load average {load0:.1f} → {load1:.1f} on {os.cpu_count()} CPUs\n")
    print(f"engine start-up and first page: {m['start'][0]:.1f} s wall, {m['start'][1]:.1f} s CPU\n")
    print("| scanned file | pages | wall s/page | CPU s/page | CPU/wall |")
    print("|---|---:|---:|---:|---:|")
    walls, cpus = {}, {}
    for f in files:
        runs = m["runs"][str(f)]
        pages = max(runs[0][2], 1)
        walls[f.name] = statistics.median(r[0] for r in runs) / pages
        cpus[f.name] = statistics.median(r[1] for r in runs) / pages
        print(f"| {f.name} | {pages} | {walls[f.name]:.2f} | {cpus[f.name]:.2f} | {cpus[f.name] / walls[f.name]:.0%} |")
    table = [f.name for f in files if "prose" not in f.name]
    print(f"| **median, table pages** | {len(table)} | **{statistics.median(walls[n] for n in table):.2f}** | "
          f"**{statistics.median(cpus[n] for n in table):.2f}** | |")
    print(f"| **median, all files** | {len(files)} | **{statistics.median(walls.values()):.2f}** | "
          f"**{statistics.median(cpus.values()):.2f}** | |")


if __name__ == "__main__":
    main()

"""`make bench`: throughput and peak memory of the pipeline on the bundled samples.

Each measurement runs in a fresh child process so that peak RSS (ru_maxrss) belongs to
that measurement alone. Figures go to stdout as a Markdown table; paste them into
benchmarks/README.md with the date and machine.
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
import json, resource, sys, time
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
else:
    sys.path.insert(0, %(root)r)
    import extractor, patterns, checker
    if mode == "pipeline":
        patterns.recognise(extractor.read(path))  # warm the tokenizer once
    def work():
        doc = extractor.read(path)
        if mode in ("pipeline", "cold"):
            report = patterns.recognise(doc)
            checker.check(report)
        return doc.pages or 1
t0 = time.perf_counter(); pages = 0
for _ in range(repeat):
    pages += work()
dt = time.perf_counter() - t0
print(json.dumps({"pages": pages, "seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(mode: str, path: Path, repeat: int) -> dict:
    code = CHILD % {"root": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, mode, str(path), str(repeat)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    import tempfile

    files = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".pdf", ".docx") and "scanned" not in p.parts)
    print(f"# jixiao bench — {time.strftime('%Y-%m-%d')} — python {sys.version.split()[0]}\n")
    print("| file | mode | pages | s | pages/s | peak MB | × bare pdfplumber |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for path in files:
        repeat = 3
        bare = measure("bare", path, repeat) if path.suffix == ".pdf" else None
        for mode in ("extract", "pipeline"):
            m = measure(mode, path, repeat)
            ratio = f"{m['seconds'] / bare['seconds']:.2f}" if bare else "—"
            print(f"| {path.name} | {mode} | {m['pages']} | {m['seconds']:.2f} | {m['pages'] / m['seconds']:.1f} "
                  f"| {m['peak_mb']:.0f} | {ratio} |")
        if bare:
            print(f"| {path.name} | bare pdfplumber | {bare['pages']} | {bare['seconds']:.2f} | "
                  f"{bare['pages'] / bare['seconds']:.1f} | {bare['peak_mb']:.0f} | 1.00 |")
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

"""`make bench`: oversized files against the size limits, and prose work at 1×, 10× and 100×.

Issue 19. Part one generates the issue's four files — a 200 MB text, a 5,000-page PDF, a
1,048,576-row XLSX and a 10,000-row DOCX table — and, beside them, files just inside the
default limits (extractor/limits.py), then runs ``jixiao check`` on each in a fresh child
that reports its own CPU time and peak RSS (VmHWM): each must end with a result or a
one-line error, in under 1 GB. Part two (``prose``) times recognition and checking of a
generated 说明 text at 1×, 10× and 100× (CPU seconds, interleaved, best of a few runs):
the work must grow at most 12× per 10×.

Run: ``python benchmarks/limits.py [limits|prose]`` (both by default). Figures go to stdout
as Markdown tables; ``uptime``'s load average is printed beside them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT))

# The CLI in this process, reporting its own peak RSS (VmHWM, not inherited like ru_maxrss) and CPU.
WRAPPER = """
import json, os, re, resource, sys
from jixiao.cli import main
try:
    code = main(sys.argv[1:])
finally:
    kb = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
    cpu = sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    with open(os.environ["JIXIAO_RSS_FILE"], "w") as fh:
        json.dump({"peak_mb": kb // 1024, "cpu": cpu}, fh)
sys.exit(code)
"""


def load() -> str:
    """The 1-minute load average now (the machine is shared: every figure is read beside it)."""
    return f"{os.getloadavg()[0]:.1f}"


def run_check(path: Path) -> dict:
    """``jixiao check PATH --json`` in a fresh child: exit code, wall s, CPU s, peak MB, stderr lines."""
    with tempfile.TemporaryDirectory() as tmp:
        usage = Path(tmp) / "usage.json"
        env = {**os.environ, "JIXIAO_RSS_FILE": str(usage), "PYTHONPATH": str(ROOT)}
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", WRAPPER, "check", str(path), "--json"], capture_output=True,
                           text=True, env=env, cwd=ROOT)
        wall = time.perf_counter() - t0
        u = json.loads(usage.read_text()) if usage.exists() else {"peak_mb": -1, "cpu": -1}
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    return {"rc": r.returncode, "wall": wall, "cpu": u["cpu"], "peak_mb": u["peak_mb"], "stderr": lines,
            "load": load()}


# --- generated files ---------------------------------------------------------------------------
def huge_text(folder: Path, megabytes: int = 200) -> Path:
    """A 200 MB budget text: real-looking lines up front, the rest sparse (written in a moment)."""
    from tests.hostile.test_size_limits import TEXT

    path = folder / f"text_{megabytes}mb.txt"
    with open(path, "wb") as fh:
        fh.write((TEXT * 20_000).encode())
        fh.truncate(megabytes * 1024 * 1024)
    return path


def long_pdf(folder: Path, pages: int) -> Path:
    """The evaluation-report sample (tables on most pages) repeated to ``pages`` pages."""
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(SAMPLES / "eval_report_2022_xinfang.pdf")
    writer = PdfWriter()
    while len(writer.pages) < pages:
        for page in src.pages[: pages - len(writer.pages)]:
            writer.add_page(page)
    path = folder / f"pages_{pages}.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main'
        '+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="支出决算表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_rows(folder: Path, rows: int) -> Path:
    """A one-sheet 支出决算表 of ``rows`` rows × 4 columns (code, name, two amounts), written as XML."""
    path = folder / f"rows_{rows}.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, xml in _XLSX_PARTS.items():
            z.writestr(part, xml)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main"><sheetData>')
            head = "".join(_inline(f"{c}1", t) for c, t in zip("ABCD", ("科目编码", "科目名称", "年初预算", "决算数"), strict=True))
            fh.write(f'<row r="1">{head}</row>'.encode())
            out = io.StringIO()
            for r in range(2, rows + 1):
                out.write(f'<row r="{r}">{_inline(f"A{r}", str(2010000 + r))}{_inline(f"B{r}", f"项目支出{r}")}'
                          f'<c r="C{r}"><v>{r % 997 * 1.5}</v></c><c r="D{r}"><v>{r % 991 * 1.25}</v></c></row>')
                if r % 10_000 == 0:
                    fh.write(out.getvalue().encode())
                    out = io.StringIO()
            fh.write(out.getvalue().encode() + b"</sheetData></worksheet>")
    return path


def docx_table(folder: Path, rows: int, cols: int = 10) -> Path:
    """A DOCX 绩效目标表 of ``rows`` rows × ``cols`` columns after a title paragraph."""
    from tests.hostile.make_hostile import CONTENT_TYPES, RELS, W

    def cell(text: str) -> str:
        return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    header = ["一级指标", "二级指标", "三级指标", "指标值", "分值", "得分"] + [f"备注{k}" for k in range(cols - 6)]
    body = ["<w:tr>" + "".join(cell(h) for h in header) + "</w:tr>"]
    for i in range(rows - 1):
        values = ["产出指标", "数量指标", f"指标{i}", f"≥{i % 100}%", str(i % 10), str(i % 7)]
        body.append("<w:tr>" + "".join(cell(v) for v in (values + [""] * (cols - 6))) + "</w:tr>")
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document ' + W.decode() + "><w:body><w:p><w:r><w:t>"
           "2023年项目绩效自评表</w:t></w:r></w:p><w:tbl>" + "".join(body) + "</w:tbl></w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", xml.encode())
    path = folder / f"table_{rows}_rows.docx"
    path.write_bytes(buf.getvalue())
    return path


def limits_table(folder: Path) -> None:
    """The issue's four oversized files, then files just inside the default limits."""
    from extractor import limits

    cases = [
        ("200 MB text", lambda: huge_text(folder)),
        ("5,000-page PDF", lambda: long_pdf(folder, 5000)),
        ("1,048,576-row XLSX", lambda: xlsx_rows(folder, 1_048_576)),
        ("10,000 × 10 DOCX table", lambda: docx_table(folder, 10_000)),
        (f"XLSX at the row limit ({limits.MAX_XLSX_ROWS:,} rows × 4)", lambda: xlsx_rows(folder, limits.MAX_XLSX_ROWS)),
        (f"DOCX table at the row limit ({limits.MAX_DOCX_ROWS:,} × 10)",
         lambda: docx_table(folder, limits.MAX_DOCX_ROWS)),
        (f"PDF at the page limit ({limits.MAX_PDF_PAGES:,} pages)", lambda: long_pdf(folder, limits.MAX_PDF_PAGES)),
    ]
    print("\n| file | size MB | exit | answer | wall s | CPU s | peak MB | load |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for label, make in cases:
        path = make()
        size = path.stat().st_size / 1024 / 1024
        m = run_check(path)
        path.unlink()
        answer = m["stderr"][-1] if m["rc"] == 2 and len(m["stderr"]) == 1 else (
            "result" if m["rc"] in (0, 1) else f"{len(m['stderr'])} lines: {' / '.join(m['stderr'][-2:])}")
        print(f"| {label} | {size:,.1f} | {m['rc']} | {answer} | {m['wall']:.1f} | {m['cpu']:.1f} "
              f"| {m['peak_mb']:,} | {m['load']} |", flush=True)


# --- prose at 1×, 10×, 100× ------------------------------------------------------------------------
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

PROSE_CHILD = r"""
import json, sys, time
sys.path.insert(0, %(root)r)
import extractor.limits as limits
limits.MAX_TEXT_BYTES = limits.MAX_TEXT_CHARS = 10**9  # the scales go past the text limits on purpose
import checker, patterns
from benchmarks.limits import prose_text
from extractor.text import read_text
kind, scales, rounds = sys.argv[1], [int(n) for n in sys.argv[2].split(",")], int(sys.argv[3])
texts = {n: prose_text(n, kind).encode() for n in scales}
patterns.recognise(read_text(texts[scales[0]], "warm.txt"))  # load the tokenizer and vocabularies once
best = {}
for _ in range(rounds):  # interleaved: every scale once per round, the least CPU of the rounds kept
    for n in scales:
        t0 = time.process_time()
        doc = read_text(texts[n], f"{kind}_{n}.txt")
        t1 = time.process_time()
        report = patterns.recognise(doc)
        t2 = time.process_time()
        checker.check(report)
        t3 = time.process_time()
        m = {"chars": sum(len(b.text) for b in doc.blocks), "read": t1 - t0, "recognise": t2 - t1,
             "check": t3 - t2, "claims": len(report.claims)}
        if n not in best or m["read"] + m["recognise"] + m["check"] < sum(best[n][k] for k in ("read", "recognise", "check")):
            best[n] = m
print(json.dumps(best))
"""


def _vary(text: str, k: int) -> str:
    """``text`` with every figure but the years raised by ``k``: copy ``k`` states other amounts."""
    import re

    return re.sub(r"\d+", lambda m: m.group() if len(m.group()) == 4 and m.group().startswith("20")
                  else str(int(m.group()) + k), text)


def prose_text(n: int, kind: str = "prose") -> str:
    """The seed documents' 说明 paragraphs (``prose``: lines of running text only) or whole texts
    (``budget``: tables as tab-separated lines too), repeated ``n`` times with varied figures."""
    parts = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if kind == "prose":
            text = "\n\n".join(line for line in text.splitlines()
                                if len(line) >= 30 and "\t" not in line and "|" not in line)
        parts.append(text)
    base = "\n\n".join(parts)
    return "\n\n".join(_vary(base, k) for k in range(n))


def prose_table(scales: tuple[int, ...] = (1, 10, 100), rounds: int = 2) -> None:
    """CPU seconds of reading, recognising and checking the generated text at each scale, and
    the growth per 10× (goal: at most 12×)."""
    print("\n| text | scale | characters | claims | read s | recognise s | check s | total CPU s | × per 10× | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in ("prose", "budget"):
        out = subprocess.run([sys.executable, "-c", PROSE_CHILD % {"root": str(ROOT)}, kind,
                              ",".join(map(str, scales)), str(rounds)], capture_output=True, text=True, check=True)
        best = {int(k): v for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}
        previous = None
        for n in scales:
            m = best[n]
            total = m["read"] + m["recognise"] + m["check"]
            growth = f"{total / previous:.1f}" if previous else "—"
            previous = total
            print(f"| {kind} | {n}× | {m['chars']:,} | {m['claims']:,} | {m['read']:.2f} | {m['recognise']:.2f} "
                  f"| {m['check']:.2f} | {total:.2f} | {growth} | {load()} |", flush=True)


def main(argv: list[str]) -> None:
    parts = argv or ["limits", "prose"]
    print(f"# jixiao limits bench — {time.strftime('%Y-%m-%d %H:%M')} — python {sys.version.split()[0]}, "
          f"load {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        if "limits" in parts:
            limits_table(Path(tmp))
        if "prose" in parts:
            prose_table()


if __name__ == "__main__":
    main(sys.argv[1:])

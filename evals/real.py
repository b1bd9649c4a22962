"""The precision gate on real public documents (issue 15): no unexpected ``error``.

``python -m evals.real [DIR]`` checks every PDF under ``../shared/real/`` (or ``DIR``) and
compares its ``error`` findings with ``evals/real/expected/<stem>.json``, a list of the
document's slips written by reading it by hand (``evals/real/README.md``). An error on no
list fails the gate (exit 1); warnings and rounding are printed per document, not gated;
a certain slip no finding reports counts against recall (printed).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
EXPECTED = Path(__file__).parent / "real" / "expected"
# a slip printed without figures (a placeholder left in, a wrong year) is matched by the
# rule that reads that kind of slip, never by any error that happens to stand on its page
RULES_FOR_KIND = {
    "placeholder": ("doc.placeholder",),
    "year": ("doc.year",),
    "missing_table": ("tables.",),
    "empty_table": ("tables.",),
    "duplicate": ("statement.repeated", "tables.duplicate"),
    "wording": ("statement.copied_text", "statement.words", "tables.note_contradicts"),
    "other": ("code.",),  # the figure-less 'other' slips so far: a 科目 code misprinted
}
UNIT_FACTORS = {"万元": (1.0, 1e4), "亿元": (1.0, 1e8), "元": (1.0, 1e-4)}


@dataclass
class Outcome:
    stem: str
    counts: Counter
    unexpected: list[str]
    missed: list[str]
    error: str | None = None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.006, 1e-6 * max(abs(a), abs(b)))


def matches(finding: dict, slip: dict) -> bool:
    """Whether a finding reports the slip: on one of its pages, with one of its figures."""
    pages = {loc.get("page") for loc in finding.get("locations", [])}
    if not pages & set(slip.get("pages", [])):
        return False
    figures = slip.get("figures") or []
    if not figures:
        return finding["rule"].startswith(RULES_FOR_KIND.get(slip.get("kind", ""), ("\0",)))
    factors = UNIT_FACTORS.get(slip.get("unit") or "", (1.0,))
    got = [v for v in (finding.get("expected"), finding.get("actual")) if v is not None]
    return any(_close(v, f * k) for v in got for f in figures for k in factors)


def judge(stem: str, findings: list[dict], expected: dict) -> Outcome:
    slips = expected.get("slips", [])
    certain = [s for s in slips if s.get("certain")]
    counts = Counter(f["severity"] for f in findings)
    unexpected = [
        f"{f['rule']} p{sorted({loc.get('page') for loc in f['locations']} - {None})}: {f['message'][:160]}"
        for f in findings
        if f["severity"] == "error" and not any(matches(f, s) for s in certain)
    ]
    missed = [f"{s['id']} (p{s['pages']}): {s['what'][:90]}" for s in certain if not any(matches(f, s) for f in findings)]
    return Outcome(stem, counts, unexpected, missed)


def run(real: Path = REAL, only: str = "") -> list[Outcome]:
    """Judge every PDF under ``real`` whose stem contains ``only``."""
    from jixiao.pipeline import process

    out: list[Outcome] = []
    for pdf in sorted(real.rglob("*.pdf")):
        if only not in pdf.stem:
            continue
        exp_path = EXPECTED / f"{pdf.stem}.json"
        if not exp_path.exists():
            out.append(Outcome(pdf.stem, Counter(), [], [], error="no expectation file"))
            continue
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        try:
            report = process(pdf)
        except Exception as e:  # a crash is a failure of the gate, reported per document
            out.append(Outcome(pdf.stem, Counter(), [], [], error=f"{type(e).__name__}: {e}"))
            continue
        findings = [f.model_dump() for f in report.findings]
        out.append(judge(pdf.stem, findings, expected))
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m evals.real [DIR] [--only SUBSTRING] [--missed]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m evals.real", description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", type=Path, default=REAL, help="folder of real PDFs")
    ap.add_argument("--only", default="", help="judge only documents whose name contains this")
    ap.add_argument("--missed", action="store_true", help="list each certain slip no finding reports")
    args = ap.parse_args(sys.argv[1:] if argv is None else argv)
    real = args.dir
    if not real.exists():
        print(f"real documents: {real} not found, gate skipped")
        return 0
    outcomes = run(real, args.only)
    print("Real documents (precision gate: 0 unexpected errors)")
    print(f"{'document':58} {'err':>4} {'warn':>5} {'rnd':>4} {'info':>5} {'unexp':>6} {'missed':>6}")
    bad = 0
    for o in outcomes:
        if o.error:
            print(f"{o.stem[:58]:58} FAILED: {o.error}")
            bad += 1
            continue
        c = o.counts
        print(f"{o.stem[:58]:58} {c['error']:>4} {c['warning']:>5} {c['rounding']:>4} {c['info']:>5} {len(o.unexpected):>6} {len(o.missed):>6}")
        for u in o.unexpected:
            print(f"    unexpected error  {u}")
        for m in o.missed if args.missed else []:
            print(f"    missed  {m}")
        bad += bool(o.unexpected)
    missed = sum(len(o.missed) for o in outcomes)
    unexpected = sum(len(o.unexpected) for o in outcomes)
    print(f"unexpected errors: {unexpected} in {bad} documents; certain slips not reported: {missed}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

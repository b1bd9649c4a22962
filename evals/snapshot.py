"""Findings of every document before and after a refactor, to show a change alters none.

``python -m evals.snapshot dump OUT [--cache DIR] [--only TEXT]`` writes, per sample, zoo
document, seed and real document (``../shared/seeds``, ``../shared/real``), its findings,
claims (the version-1 fields) and projects as JSON into ``OUT``; ``--cache`` keeps each
file's extracted ``Document`` (pickled) so that a second dump reruns only recognition and
the rules. ``python -m evals.snapshot compare A B`` lists every document whose findings,
claims or projects differ and exits 1 if any does. Issue 20's refactor was held to
"no difference" on all 70 documents this way after each step.

Run the "before" dump from a checkout of the old commit (``PYTHONPATH`` set to it) with its
own cache: a change to a reader changes the cached documents.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLAIM_FIELDS = ("subject", "text", "value", "unit", "page", "value_text")


def documents() -> list[Path]:
    """Samples, zoo documents, seeds and real documents, in a fixed order."""
    out: list[Path] = []
    for pattern in ("*.pdf", "*.docx", "*.html", "*.txt"):
        out += sorted((ROOT / "samples").glob(pattern))
    out += sorted((ROOT / "samples" / "real").glob("*.pdf"))
    out += sorted((ROOT / "samples" / "zoo" / "docs").glob("*"))
    out += sorted((SHARED / "seeds").glob("*.txt"))
    out += sorted((SHARED / "real").rglob("*.pdf"))
    return out


def _key(path: Path) -> str:
    return f"{path.parent.name}__{path.name}"


def dump(out: Path, cache: Path | None, only: str) -> None:
    import checker
    import extractor
    import patterns

    out.mkdir(parents=True, exist_ok=True)
    for path in documents():
        if only not in str(path):
            continue
        doc = None
        stored = cache / f"{_key(path)}.pkl" if cache else None
        if stored is not None and stored.exists():
            doc = pickle.loads(stored.read_bytes())
        if doc is None:
            doc = extractor.read(path)
            if stored is not None:
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_bytes(pickle.dumps(doc))
        report = patterns.recognise(doc)
        findings = checker.check(report)
        data = {
            "findings": [f.model_dump(mode="json") for f in findings],
            "claims": [{k: v for k, v in c.model_dump(mode="json").items() if k in CLAIM_FIELDS} for c in report.claims],
            "projects": [p.model_dump(mode="json") for p in report.projects],
        }
        (out / f"{_key(path)}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(_key(path), len(findings), flush=True)


def compare(a: Path, b: Path) -> int:
    """Print each difference; the number of documents that differ."""
    differ = 0
    for fa in sorted(a.glob("*.json")):
        fb = b / fa.name
        if not fb.exists():
            print(f"missing in {b}: {fa.name}")
            differ += 1
            continue
        x, y = json.loads(fa.read_text(encoding="utf-8")), json.loads(fb.read_text(encoding="utf-8"))
        for part in ("findings", "claims", "projects"):
            if x[part] != y[part]:
                differ += 1
                print(f"{fa.name}: {part} differ")
                if part == "findings":
                    before = {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in x[part]}
                    after = {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in y[part]}
                    for f in sorted(before - after)[:5]:
                        print("  -", f[:300])
                    for f in sorted(after - before)[:5]:
                        print("  +", f[:300])
    print(f"{len(list(a.glob('*.json')))} documents, {differ} differences")
    return differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evals.snapshot", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--cache", type=Path)
    d.add_argument("--only", default="")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, args.cache, args.only)
        return 0
    return 1 if compare(args.a, args.b) else 0


if __name__ == "__main__":
    sys.exit(main())

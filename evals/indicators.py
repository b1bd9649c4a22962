"""Indicator F1 of recognition against hand-checked expected records (issue 4).

Expected records live in ``evals/golden/indicators/<seed>.json``, written by
``evals/golden/make_indicators.py`` from the samples' TSVs with every target parsed by
hand. One seed's records are the expectation for each format of that seed (PDF, DOCX and
the XLSX/HTML renderings of ``evals/golden/docs/``): the same tables must give the same
indicators whatever the container.

A record *matches* when every compared field agrees: name, level1, level2 (whitespace
removed), weight, score (within 1e-6), target op/value/upper/unit, and the actual (its
op/value/upper/unit when the expected actual is a figure, its whitespace-free text when
it is prose). Expected and extracted records are paired one to one by name, preferring
the same project and level2, so a name printed twice (申报表 duplicates) is counted twice.
Precision = matches / extracted, recall = matches / expected. Per-field accuracy is
computed over the name-paired records, to say *which* field breaks a match.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from evals.cells import GOLDEN, SAMPLES, norm

FIELDS = ("level1", "level2", "weight", "score", "target", "actual")
EPS = 1e-6

DOCS: dict[str, list[Path]] = {
    "000": [SAMPLES / "eval_report_2022_xinfang.pdf", SAMPLES / "eval_report_2022_xinfang.docx",
            GOLDEN / "docs" / "eval_report_tables.xlsx", GOLDEN / "docs" / "eval_report_tables.html"],
    "001": [SAMPLES / "target_decl_2023_songjiang.pdf", SAMPLES / "target_decl_2023_songjiang.docx",
            GOLDEN / "docs" / "target_decl_forms.xlsx", GOLDEN / "docs" / "target_decl_forms.html"],
    "004": [SAMPLES / "monitoring_2023_qingyunpu.pdf", SAMPLES / "monitoring_2023_qingyunpu.docx",
            GOLDEN / "docs" / "monitoring_tables.xlsx", GOLDEN / "docs" / "monitoring_tables.html"],
    "real": [next((SAMPLES / "real").glob("*.pdf"))],
}
# only indicators read from these pages are scored (the real PDF's other pages are budget tables)
PAGES: dict[str, tuple[int, int]] = {"real": (31, 35)}


def expected(seed: str) -> list[dict]:
    return json.loads((GOLDEN / "indicators" / f"{seed}.json").read_text(encoding="utf-8"))["indicators"]


def _value(v) -> dict | None:
    """A contract Value (model or dict) as a plain dict; an empty one counts as absent."""
    if v is None:
        return None
    d = v if isinstance(v, dict) else v.model_dump()
    return d if (d.get("text") or "").strip() or d.get("value") is not None else None


def extracted(report, pages: tuple[int, int] | None = None) -> list[dict]:
    """The report's indicators as flat records, the shape of the expected JSON."""
    out = []
    for p in report.projects:
        for i in p.indicators:
            if pages and not (i.source.page is not None and pages[0] <= i.source.page <= pages[1]):
                continue
            out.append({"project": p.name, "code": i.code, "level1": i.level1, "level2": i.level2,
                        "name": i.name, "weight": i.weight, "score": i.score,
                        "target": _value(i.target), "actual": _value(i.actual)})
    return out


def _num_eq(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= EPS)


def _val_eq(exp: dict | None, got: dict | None) -> bool:
    if exp is None or got is None:
        return exp is None and got is None
    if "op" not in exp:  # prose: the text is the value
        return norm(exp["text"]) == norm(got.get("text"))
    return (exp["op"] == got.get("op") and _num_eq(exp["value"], got.get("value"))
            and _num_eq(exp["upper"], got.get("upper")) and exp["unit"] == got.get("unit"))


def field_eq(name: str, exp: dict, got: dict) -> bool:
    """Whether one compared field agrees (the rules of the module docstring)."""
    if name in ("level1", "level2", "name"):
        return norm(exp[name]) == norm(got[name])
    if name in ("weight", "score"):
        return _num_eq(exp[name], got[name])
    return _val_eq(exp[name], got[name])


def _show(rec: dict, name: str) -> str:
    v = rec.get(name)
    if isinstance(v, dict):
        if "op" in v and v.get("op") is not None or v.get("value") is not None:
            return f"{v.get('op')} {v.get('value')}{'' if v.get('upper') is None else '-' + str(v['upper'])} {v.get('unit')}"
        t = v.get("text") or ""
        return repr(t if len(t) <= 24 else t[:21] + "…")
    return repr(v)


@dataclass
class DocScore:
    name: str
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    paired: int = 0
    field_ok: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    mismatches: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pair(exp: list[dict], got: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """One-to-one pairs by name (same project and level2 preferred), and the leftovers."""
    free = list(range(len(got)))
    pairs, missing = [], []
    for e in exp:
        cands = [k for k in free if norm(got[k]["name"]) == norm(e["name"])]
        if not cands:
            missing.append(e)
            continue
        k = max(cands, key=lambda k: (norm(got[k]["project"]) == norm(e["project"]),
                                      field_eq("level2", e, got[k]), field_eq("level1", e, got[k]), -k))
        free.remove(k)
        pairs.append((e, got[k]))
    return pairs, missing, [got[k] for k in free]


def score_doc(name: str, exp: list[dict], got: list[dict]) -> DocScore:
    s = DocScore(name, expected=len(exp), extracted=len(got))
    pairs, missing, extra = _pair(exp, got)
    s.paired = len(pairs)
    for e, g in pairs:
        bad = [f for f in FIELDS if not field_eq(f, e, g)]
        for f in FIELDS:
            s.field_ok[f] += f not in bad
        if not bad:
            s.matched += 1
        else:
            s.mismatches.append(f"{e['name']}: " + "; ".join(
                f"{f} expected {_show(e, f)} got {_show(g, f)}" for f in bad))
    s.mismatches += [f"missing {e['name']!r} ({e['level2']})" for e in missing]
    s.mismatches += [f"extra {g['name']!r} ({g['level2']})" for g in extra]
    return s


def is_sample(name: str) -> bool:
    """The bundled samples (PDF/DOCX and the real PDF): the scope of issue 4's bar."""
    return (SAMPLES / name).exists() or (SAMPLES / "real" / name).exists()


def total(scores: list[DocScore], name: str = "OVERALL") -> DocScore:
    """Micro-averaged total of ``scores``."""
    out = DocScore(name)
    for s in scores:
        out.expected += s.expected
        out.extracted += s.extracted
        out.matched += s.matched
        out.paired += s.paired
        for f in FIELDS:
            out.field_ok[f] += s.field_ok[f]
    return out


def evaluate() -> list[DocScore]:
    """Scores per document (samples and their XLSX/HTML renderings)."""
    import extractor
    import patterns

    scores = []
    for seed, paths in DOCS.items():
        exp = expected(seed)
        for path in paths:
            try:
                got = extracted(patterns.recognise(extractor.read(path)), PAGES.get(seed))
            except Exception as e:  # an unreadable golden file scores zero, it must not stop the run
                s = DocScore(path.name, expected=len(exp), error=f"{type(e).__name__}: {e}")
            else:
                s = score_doc(path.name, exp, got)
            scores.append(s)
    return scores


def totals(scores: list[DocScore]) -> tuple[DocScore, DocScore]:
    """(samples only — issue 4's bar —, every format)."""
    return (total([s for s in scores if is_sample(s.name)], "OVERALL samples"),
            total(scores, "OVERALL all formats"))


def report(scores: list[DocScore], show: int = 5) -> str:
    lines = ["Indicator records (expected: hand-checked JSON from the TSVs)",
             f"{'document':34} {'exp':>4} {'got':>4} {'match':>5} {'P':>7} {'R':>7} {'F1':>7}"]
    both = totals(scores)
    for s in [*scores, *both]:
        lines.append(f"{s.name[:34]:34} {s.expected:>4} {s.extracted:>4} {s.matched:>5} "
                     f"{s.precision:>7.2%} {s.recall:>7.2%} {s.f1:>7.2%}")
        if s.error:
            lines.append(f"    unreadable: {s.error}")
        lines += [f"    {m}" for m in s.mismatches[:show]]
        if len(s.mismatches) > show:
            lines.append(f"    … {len(s.mismatches) - show} more")
    every = both[1]
    acc = ", ".join(f"{f} {every.field_ok[f] / every.paired:.2%}" for f in FIELDS) if every.paired else "-"
    lines.append(f"per-field accuracy on {every.paired} name-paired records (all formats): {acc}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the indicator report; exit 1 when either total is under the F1 0.97 bar of issue 4."""
    scores = evaluate()
    print(report(scores, show=int((argv or sys.argv[1:] or ["5"])[0])))
    return 0 if all(t.f1 >= 0.97 for t in totals(scores)) else 1


if __name__ == "__main__":
    sys.exit(main())

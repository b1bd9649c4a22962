"""Per-field indicator F1 on the template zoo (issue 17).

``python -m evals.zoo [N]`` reads every document of ``samples/zoo/docs/`` (each template
in XLSX, DOCX and PDF) with ``extractor.read`` and ``patterns.recognise`` and compares its
indicators with ``samples/zoo/truth/<template>.json`` — written by the generator
(``samples/zoo/build.py``), never by the program under test.

**Pairing.** Projects pair by whitespace-free name; within a pair of projects, indicators
pair one to one by name (level2 preferred). An indicator of an unpaired project, or one
left over, is extracted but wrong in every field; an expected one never paired is missed.

**Fields.** ``name``, ``level1``, ``level2``; ``op``, ``value``, ``unit`` of the target;
``weight``, ``score``; ``actual`` (its value and unit, or its text when the truth is a
word). A field is right on a paired record when it agrees (numbers within 1e-6, absent
equals absent). Per field: precision = right / extracted records, recall = right /
expected records, F1. Also per document: kind, scope and region of the document, and the
budget figures of each paired project (initial, adjusted, spent, execution_rate and its
printed form, total — each only where the truth states it).

**Bar** (``main`` exits 1 below it): F1 ≥ 0.99 for every field on every template and
format, and document kind and budget figures all right.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZOO = ROOT / "samples" / "zoo"
FORMATS = ("xlsx", "docx", "pdf")
FIELDS = ("name", "level1", "level2", "op", "value", "unit", "weight", "actual", "score")
BAR = 0.99
EPS = 1e-6


def _norm(s: object) -> str:
    return "".join(str(s).split()) if s is not None else ""


def _num(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= EPS * max(1.0, abs(a)))


def records(report) -> list[dict]:
    """The report's indicators in the truth's shape, each with its project's name."""
    out = []
    for p in report.projects:
        for i in p.indicators:
            t, a = i.target, i.actual
            empty_actual = a is None or (not _norm(a.text) and a.value is None)
            out.append({
                "project": p.name, "name": i.name, "level1": i.level1, "level2": i.level2,
                "op": t.op if t else None, "value": t.value if t else None, "unit": t.unit if t else None,
                "weight": i.weight, "score": i.score,
                "actual": None if empty_actual else {"text": a.text, "value": a.value, "unit": a.unit},
            })
    return out


def field_ok(name: str, exp: dict, got: dict) -> bool:
    if name == "name":
        return True  # paired by name
    if name in ("level1", "level2", "op", "unit"):
        return _norm(exp[name]) == _norm(got[name])
    if name in ("value", "weight", "score"):
        return _num(exp[name], got[name])
    e, g = exp["actual"], got["actual"]
    if e is None or g is None:
        return e is None and g is None
    if e.get("value") is None:
        return _norm(e["text"]) == _norm(g["text"]) and g["value"] is None
    return _num(e["value"], g["value"]) and _norm(e["unit"]) == _norm(g["unit"])


@dataclass
class Score:
    name: str
    expected: int = 0
    extracted: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)
    doc_misses: list[str] = field(default_factory=list)
    error: str | None = None

    def f1(self, f: str) -> float:
        p = self.right[f] / self.extracted if self.extracted else 0.0
        r = self.right[f] / self.expected if self.expected else 0.0
        return 2 * p * r / (p + r) if p + r else (1.0 if not self.expected and not self.extracted else 0.0)

    @property
    def ok(self) -> bool:
        return not self.error and not self.doc_misses and all(self.f1(f) >= BAR for f in FIELDS)


def _pair(exp: list[dict], got: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    free = list(range(len(got)))
    pairs, missing = [], []
    for e in exp:
        cands = [k for k in free if _norm(got[k]["name"]) == _norm(e["name"])]
        if not cands:
            missing.append(e)
            continue
        k = max(cands, key=lambda k: (_norm(got[k]["level2"]) == _norm(e["level2"]), -k))
        free.remove(k)
        pairs.append((e, got[k]))
    return pairs, missing, [got[k] for k in free]


def _show(rec: dict, f: str) -> str:
    v = rec[f]
    if isinstance(v, dict):
        return repr(v["text"]) if v.get("value") is None else f"{v['value']:g} {v.get('unit')}"
    return repr(v)


BUDGET_FIELDS = ("initial", "adjusted", "spent", "execution_rate", "rate_form", "total")


def score_doc(name: str, truth: dict, report) -> Score:
    s = Score(name)
    meta = report.document
    for key in ("kind", "scope", "region"):
        want, got = truth.get(key), getattr(meta, key, None)
        if key == "scope" and want == "project":
            want_ok = got in (None, "project")
        else:
            want_ok = _norm(want) == _norm(got)
        if not want_ok:
            s.doc_misses.append(f"document {key}: expected {want!r} got {got!r}")
    got_all = records(report)
    by_project: dict[str, list[dict]] = {}
    for g in got_all:
        by_project.setdefault(_norm(g["project"]), []).append(g)
    s.extracted = len(got_all)
    projects = {_norm(p.name): p for p in report.projects}
    for tp in truth["projects"]:
        exp = tp["indicators"]
        s.expected += len(exp)
        got = by_project.pop(_norm(tp["name"]), [])
        if not got:
            s.misses.append(f"project {tp['name']!r} not found ({len(exp)} indicators missed)")
            continue
        pairs, missing, extra = _pair(exp, got)
        for e, g in pairs:
            for f in FIELDS:
                if field_ok(f, e, g):
                    s.right[f] += 1
                else:
                    s.misses.append(f"{tp['name']}/{e['name']}: {f} expected {_show(e, f)} got {_show(g, f)}")
        s.misses += [f"{tp['name']}/{e['name']}: missed" for e in missing]
        s.misses += [f"{tp['name']}/{g['name']}: extra" for g in extra]
        p = projects.get(_norm(tp["name"]))
        for key, want in tp.get("budget", {}).items():
            got_v = getattr(p.budget, key, None) if p is not None else None
            ok = _norm(want) == _norm(got_v) if isinstance(want, str) else _num(want, got_v)
            if not ok:
                s.doc_misses.append(f"{tp['name']}: budget.{key} expected {want!r} got {got_v!r}")
    for k, rest in by_project.items():
        s.misses.append(f"unexpected project {k!r} ({len(rest)} indicators)")
    return s


def evaluate(keys: list[str] | None = None) -> list[Score]:
    from extractor import read
    from patterns.recognise import recognise

    scores = []
    for path in sorted((ZOO / "truth").glob("*.json")):
        if keys and path.stem not in keys:
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        for fmt in FORMATS:
            doc = ZOO / "docs" / f"{path.stem}.{fmt}"
            try:
                report = recognise(read(doc))
            except Exception as e:  # noqa: BLE001 — an unreadable document is a score of 0, not a crash
                s = Score(doc.name, expected=sum(len(p["indicators"]) for p in truth["projects"]))
                s.error = f"{type(e).__name__}: {e}"
                scores.append(s)
                continue
            scores.append(score_doc(doc.name, truth, report))
    return scores


def report(scores: list[Score], show: int = 5) -> str:
    head = f"{'document':22} {'exp':>4} {'got':>4} " + " ".join(f"{f[:6]:>6}" for f in FIELDS)
    lines = ["Template zoo: indicator F1 per field (truth from the generator, samples/zoo/)", head]
    for s in scores:
        lines.append(f"{s.name[:22]:22} {s.expected:>4} {s.extracted:>4} "
                     + " ".join(f"{s.f1(f):>6.1%}" for f in FIELDS))
        if s.error:
            lines.append(f"    unreadable: {s.error}")
        for m in s.doc_misses[:show]:
            lines.append(f"    {m}")
        lines += [f"    {m}" for m in s.misses[:show]]
        if len(s.misses) > show:
            lines.append(f"    … {len(s.misses) - show} more")
    total = Score("OVERALL")
    for s in scores:
        total.expected += s.expected
        total.extracted += s.extracted
        for f in FIELDS:
            total.right[f] += s.right[f]
    lines.append(f"{'OVERALL':22} {total.expected:>4} {total.extracted:>4} "
                 + " ".join(f"{total.f1(f):>6.1%}" for f in FIELDS))
    bad = [s.name for s in scores if not s.ok]
    lines.append(f"bar: F1 ≥ {BAR:.2f} per field, kind/region and budget right — "
                 + ("met on every document" if not bad else f"missed on {', '.join(bad)}"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    show = int(argv[0]) if argv and argv[0].isdigit() else 5
    keys = [a for a in argv if not a.isdigit()]
    scores = evaluate(keys or None)
    print(report(scores, show))
    return 0 if all(s.ok for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())

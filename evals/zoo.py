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

**Findings.** Each template carries slips planted at random by the generator
(``samples/zoo/slips.py``: a wrong 合计, a score above its 分值, a 执行率 a step off or
truncated, a 资金总额 off), listed in the truth with the rules that must report them. The
checker runs on the report; a finding belongs to the project whose form holds its first
location (the project whose rows start nearest above it in that table). A slip is caught when a
finding of one of its rules, of its severity (``error``; ``rounding`` saying 截尾 for a
truncation), falls on its project. Recall = caught / planted; precision = error findings
that match a slip / all error findings (an error no slip explains is a false error).

**Bar** (``main`` exits 1 below it): F1 ≥ 0.99 for every field on every template and
format, document kind and budget figures all right, every planted slip caught and no false
error.
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
    planted: int = 0
    caught: int = 0
    errors: int = 0
    false_errors: int = 0
    finding_misses: list[str] = field(default_factory=list)

    def f1(self, f: str) -> float:
        p = self.right[f] / self.extracted if self.extracted else 0.0
        r = self.right[f] / self.expected if self.expected else 0.0
        return 2 * p * r / (p + r) if p + r else (1.0 if not self.expected and not self.extracted else 0.0)

    @property
    def ok(self) -> bool:
        return (not self.error and not self.doc_misses and all(self.f1(f) >= BAR for f in FIELDS)
                and self.caught == self.planted and not self.false_errors)

    @property
    def recall(self) -> float:
        return self.caught / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return (self.errors - self.false_errors) / self.errors if self.errors else 1.0


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


def owner(report, loc) -> str | None:
    """The project a finding's location falls in: in its table, the project whose rows (budget
    block and indicators) start nearest above the location's row (the first one when no row)."""
    starts: list[tuple[int, str]] = []
    for p in report.projects:
        rows = [i.source.row for i in p.indicators if i.source.table == loc.table and i.source.row is not None]
        b = p.budget.source
        if b is not None and b.table == loc.table and b.row is not None:
            rows.append(b.row)
        if rows:
            starts.append((min(rows), p.name))
    if not starts:
        return None
    starts.sort()
    if loc.row is None:
        return starts[0][1]
    above = [name for first, name in starts if first <= loc.row]
    return above[-1] if above else starts[0][1]


def _matches(slip: dict, f, project: str | None) -> bool:
    if _norm(project) != _norm(slip["project"]) or f.rule not in slip["rules"]:
        return False
    if slip.get("severity") == "rounding":
        return f.severity == "rounding" and "截尾" in f.message
    return f.severity == "error"


def score_findings(s: Score, truth: dict, report, findings) -> None:
    """Slips caught and false errors (see the module's **Findings**)."""
    slips = truth.get("slips", [])
    s.planted = len(slips)
    owned = [(f, owner(report, f.locations[0]) if f.locations else None) for f in findings]
    for slip in slips:
        if any(_matches(slip, f, p) for f, p in owned):
            s.caught += 1
        else:
            s.finding_misses.append(f"slip not reported: {slip['project']} {slip['kind']} ({slip['where']})")
    for f, p in owned:
        if f.severity != "error":
            continue
        s.errors += 1
        if not any(_matches(slip, f, p) for slip in slips):
            s.false_errors += 1
            s.finding_misses.append(f"false error: {f.rule} on {p!r}: {f.message[:120]}")


def evaluate(keys: list[str] | None = None) -> list[Score]:
    from checker.engine import check
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
            s = score_doc(doc.name, truth, report)
            score_findings(s, truth, report, check(report))
            scores.append(s)
    return scores


def report(scores: list[Score], show: int = 5) -> str:
    head = (f"{'document':22} {'exp':>4} {'got':>4} " + " ".join(f"{f[:6]:>6}" for f in FIELDS)
            + f" {'slips':>6} {'recall':>6} {'prec':>6}")
    lines = ["Template zoo: indicator F1 per field (truth from the generator, samples/zoo/)", head]
    for s in scores:
        lines.append(f"{s.name[:22]:22} {s.expected:>4} {s.extracted:>4} "
                     + " ".join(f"{s.f1(f):>6.1%}" for f in FIELDS)
                     + f" {s.caught:>2}/{s.planted:<3} {s.recall:>6.0%} {s.precision:>6.0%}")
        if s.error:
            lines.append(f"    unreadable: {s.error}")
        for m in s.doc_misses[:show] + s.finding_misses[:show]:
            lines.append(f"    {m}")
        lines += [f"    {m}" for m in s.misses[:show]]
        if len(s.misses) > show:
            lines.append(f"    … {len(s.misses) - show} more")
    total = Score("OVERALL")
    for s in scores:
        total.expected += s.expected
        total.extracted += s.extracted
        total.planted += s.planted
        total.caught += s.caught
        total.errors += s.errors
        total.false_errors += s.false_errors
        for f in FIELDS:
            total.right[f] += s.right[f]
    lines.append(f"{'OVERALL':22} {total.expected:>4} {total.extracted:>4} "
                 + " ".join(f"{total.f1(f):>6.1%}" for f in FIELDS)
                 + f" {total.caught:>2}/{total.planted:<3} {total.recall:>6.0%} {total.precision:>6.0%}")
    bad = [s.name for s in scores if not s.ok]
    lines.append(f"bar: F1 ≥ {BAR:.2f} per field, kind/region and budget right, every slip caught, no false error — "
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

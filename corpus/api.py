"""What users ask of a corpus: search, target statistics, suggestions and export.

Backends store rows, match and rank tokens (``SqliteCorpus``; PostgreSQL behind the same
``match``/``ingest``/``counts``) and count the rows stats reads in SQL (``aggregate``, the
facets named in ``FACETS``); the answers and their labels are made here, once, for every
backend.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.aggregate import Facet
from corpus.rows import report_rows
from corpus.tokens import words
from extractor.atomic import write_atomic
from extractor.spreadsheet import safe_cell, safe_row

if TYPE_CHECKING:  # the contract's pydantic models cost 0.2 s to import; search and stats never build one
    from extractor.contract import Report

DEFAULT_DB = Path.home() / ".local" / "share" / "jixiao" / "corpus.sqlite"


def open_corpus(db: str | Path | None = None):
    """A corpus at ``db``: a SQLite path (default) or a ``postgresql://`` URL."""
    target = str(db or DEFAULT_DB)
    if target.startswith(("postgresql://", "postgres://")):
        from corpus.postgres_store import PostgresCorpus

        return PostgresCorpus(target)
    from corpus.sqlite_store import SqliteCorpus

    return SqliteCorpus(target)


def index_report(corpus, report: Report, key: str | None = None) -> str:
    """Add one report; idempotent by sha256, a changed file replaces its old rows.

    ``key`` identifies the file for replacement (its path relative to what was indexed), so
    ``a/x.pdf`` and ``b/x.pdf`` stay two documents; without it the base name is the key.
    """
    doc, rows = report_rows(report, key)
    return corpus.ingest(doc, rows)


def _query_words(query: str) -> list[str]:
    return [w for w in words(query) if w.strip()]


def find(corpus, query: str, filters: dict | None = None, limit: int | None = 20) -> list[dict]:
    """Indicators matching every word of ``query``; when none do, those matching any word."""
    filters = filters or {}
    qwords = _query_words(query)
    hits = corpus.match(qwords, filters, limit)
    if not hits and len(qwords) > 1:
        hits = corpus.match(qwords, filters, limit, any_word=True)
    return hits


def highlight(text: str | None, query: str, start: str = "[", end: str = "]") -> str:
    """``text`` with the query's words marked, longest first so that parts do not split wholes."""
    if not text:
        return ""
    out = text
    for w in sorted(set(_query_words(query)), key=len, reverse=True):
        if len(w) > 1 or not w.isascii():
            out = out.replace(w, f"\0{w}\1")
    return out.replace("\0", start).replace("\1", end)


@dataclass
class Stats:
    query: str
    count: int
    documents: int
    ops: dict[str, int]
    values: list[tuple[str, int]]  # "≥ 95 %" → how many
    weight_median: float | None
    weight_common: list[tuple[float, int]]
    met: int
    missed: int
    unknown: int
    filed_under: list[tuple[str, int]]  # "产出指标 / 质量指标" → how many
    names: list[tuple[str, int]] = field(default_factory=list)


OP_SIGN = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


def _target_label(row: dict) -> str:
    op, value, unit = row.get("op"), row.get("value"), row.get("unit") or ""
    if op in OP_SIGN and value is not None:
        return f"{OP_SIGN[op]}{value:g}{unit}"
    if op == "range" and value is not None:
        return f"{value:g}–{(row.get('upper') or value):g}{unit}"
    return (row.get("target_text") or "—").strip()


def _value_label(op, value, upper, unit, target_text) -> str:
    return _target_label({"op": op, "value": value, "upper": upper, "unit": unit, "target_text": target_text})


# What stats counts, for backends that count in SQL (``corpus.aggregate``): the columns each
# count reads, the label printed for their values, and how many labels are shown.
FACETS = {
    "ops": Facet(("op",), lambda op: op or "—"),
    "values": Facet(("op", "value", "upper", "unit", "target_text"), _value_label, 15),
    "weight_common": Facet(("weight",), lambda weight: weight, 5, skip_null=True),
    "filed_under": Facet(("level1", "level2"), lambda l1, l2: f"{l1 or '—'} / {l2 or '—'}", 10),
    "names": Facet(("name",), lambda name: name, 10),
}


def stats(corpus, query: str, filters: dict | None = None) -> Stats:
    """How targets for the indicator ``query`` (and near-synonyms) are set, weighted and met.

    The rows are those ``find`` returns, counted in its order: by the backend in SQL when it
    has ``aggregate`` (``corpus.aggregate``) and that can count, else in Python over the rows
    (``stats_of_rows``).
    """
    filters = filters or {}
    aggregate = getattr(corpus, "aggregate", None)
    qwords = _query_words(query)
    f = aggregate(qwords, filters, FACETS) if aggregate else None
    if f is not None and not f.count and len(qwords) > 1:
        f = aggregate(qwords, filters, FACETS, any_word=True)
    if f is None:  # no aggregate, or it cannot count this corpus as it stands
        return stats_of_rows(query, find(corpus, query, filters, limit=None))
    return Stats(
        query=query, count=f.count, documents=f.documents,
        ops=dict(f.ranked("ops", FACETS["ops"])),
        values=f.ranked("values", FACETS["values"]),
        weight_median=f.weight_median(),
        weight_common=f.ranked("weight_common", FACETS["weight_common"]),
        met=f.total("met", lambda m: m == 1), missed=f.total("met", lambda m: m == 0),
        unknown=f.total("met", lambda m: m is None),
        filed_under=f.ranked("filed_under", FACETS["filed_under"]),
        names=f.ranked("names", FACETS["names"]),
    )


def stats_of_rows(query: str, rows: list[dict]) -> Stats:
    """``Stats`` counted in Python over ``rows`` in search order (backends without ``aggregate``)."""
    weights = [r["weight"] for r in rows if r.get("weight") is not None]
    return Stats(
        query=query, count=len(rows), documents=len({r["doc_id"] for r in rows}),
        ops=dict(Counter(r["op"] or "—" for r in rows).most_common()),
        values=Counter(_target_label(r) for r in rows).most_common(15),
        weight_median=statistics.median(weights) if weights else None,
        weight_common=Counter(weights).most_common(5),
        met=sum(1 for r in rows if r["met"] == 1), missed=sum(1 for r in rows if r["met"] == 0),
        unknown=sum(1 for r in rows if r["met"] is None),
        filed_under=Counter(f"{r['level1'] or '—'} / {r['level2'] or '—'}" for r in rows).most_common(10),
        names=Counter(r["name"] for r in rows).most_common(10),
    )


def suggest(corpus, description: str, limit: int = 30) -> dict[str, list[dict]]:
    """Indicators similar projects used, grouped by ``level1 / level2``, each with its usual target."""
    hits = find(corpus, description, limit=500)
    if not hits:
        hits = corpus.match(_query_words(description), {}, 500, any_word=True)
    by_name: dict[tuple, list[dict]] = defaultdict(list)
    for r in hits:
        by_name[(r["level1"] or "—", r["level2"] or "—", r["name"])].append(r)
    ranked = sorted(by_name.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    groups: dict[str, list[dict]] = defaultdict(list)
    for (l1, l2, name), rows in ranked:
        common = Counter(_target_label(r) for r in rows).most_common(1)[0][0]
        groups[f"{l1} / {l2}"].append({"name": name, "uses": len(rows), "target": common,
                                       "projects": sorted({r["project"] or r["file"] for r in rows})[:3]})
    return dict(sorted(groups.items()))


EXPORT_COLUMNS = ["file", "year", "region", "kind", "project", "code", "level1", "level2", "name",
                  "target_text", "op", "value", "upper", "unit", "actual_text", "actual_value",
                  "weight", "score", "met", "page", "table_id", "row"]


def export(rows: list[dict], fmt: str, path: Path | None) -> bytes:
    """Rows as csv, jsonl or xlsx bytes (written to ``path`` atomically when given)."""
    rows = [{c: r.get(c) for c in EXPORT_COLUMNS} for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS)
        w.writeheader()
        w.writerows({c: safe_cell(v) for c, v in r.items()} for r in rows)  # no cell a spreadsheet runs
        data = ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens Chinese CSV right
    elif fmt == "jsonl":
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "indicators"
        ws.append(EXPORT_COLUMNS)
        for r in rows:
            ws.append(safe_row(r[c] for c in EXPORT_COLUMNS))
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    else:
        raise ValueError(f"unknown export format {fmt!r} (csv, jsonl, xlsx)")
    if path is not None:
        write_atomic(path, data)
    return data

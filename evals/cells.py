"""Cell-level accuracy of table extraction against hand-checked expected tables.

The expected tables are the TSVs the samples were *built from* (``samples/tables/``) and
the hand-typed 填报表 of the real PDF (``evals/golden/real_p31-35/``), so the yardstick
never comes from the program under test. A TSV cell ``^`` is covered by the cell above,
``<`` by the cell to the left (the ``samples/build.py`` format); an expected table is its
list of origin cells with spans, because the extractor's model keeps merges as spans and a
span that comes out wrong is an error even when the text is right.

Scoring, per document:

* each expected table is paired with the extracted table that holds most of its cell
  texts (one extracted table per expected one; a table split over pages therefore only
  scores its first piece, which is the point: it must come out whole);
* every expected origin cell is compared with the extracted origin cell at the same
  (row, col): *exact* when text (whitespace removed) and (rowspan, colspan) agree;
* extracted origin cells where the expected table has none (extra rows, split cells)
  count as compared and wrong, so padding a table cannot raise the score.

``python -m evals.cells`` prints the report; ``evaluate()`` returns the numbers.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
TABLES = SAMPLES / "tables"

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Whitespace-free text: PDF line wraps and TSV ``\\n`` must not count as errors."""
    return _WS.sub("", (text or "").replace("\\n", "\n"))


@dataclass(frozen=True)
class ExpCell:
    """One origin cell of an expected table."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


@dataclass
class ExpTable:
    """An expected table: its name (the TSV stem) and its origin cells."""

    name: str
    n_rows: int
    n_cols: int
    cells: list[ExpCell]


def read_tsv_rows(path: Path) -> list[list[str]]:
    """The rows of a build.py TSV (directives dropped, short rows padded)."""
    rows = [raw.split("\t") for raw in path.read_text(encoding="utf-8").split("\n")
            if raw and not raw.startswith("#!")]
    ncols = max(len(r) for r in rows)
    return [r + [""] * (ncols - len(r)) for r in rows]


def origin_cells(rows: list[list[str]], flat: bool = False) -> list[ExpCell]:
    """Origin cells with spans, computed exactly as ``samples/build.py`` merges them.

    ``flat``: the format cannot merge (Markdown pipe tables), so every grid position is
    its own 1×1 cell and covered positions are empty.
    """
    from samples.tablespec import anchors

    out = [ExpCell(r, c, 1 if flat else r2 - r + 1, 1 if flat else c2 - c + 1, text.replace("\\n", "\n"))
           for r, c, r2, c2, text in anchors(rows)]
    if flat:  # every covered position is its own empty cell
        out += [ExpCell(r, c, 1, 1, "") for r, row in enumerate(rows) for c, t in enumerate(row) if t in ("^", "<")]
        out.sort(key=lambda e: (e.row, e.col))
    return out


def expected_table(path: Path, flat: bool = False) -> ExpTable:
    rows = read_tsv_rows(path)
    return ExpTable(path.stem, len(rows), len(rows[0]), origin_cells(rows, flat))


@dataclass(frozen=True)
class GoldenDoc:
    """A document of the golden suite and the TSVs of the tables it must yield, in order."""

    path: Path
    tables: tuple[Path, ...]
    flat: bool = False  # pipe-table Markdown: no spans
    pages: tuple[int, int] | None = None  # only tables starting on these pages (real PDF)

    @property
    def name(self) -> str:
        return self.path.name


def _tsvs(seed: str, names: list[str] | None = None) -> tuple[Path, ...]:
    if names is None:
        order = re.findall(rf"\[\[table {seed}/([^\]]+)\]\]", (SAMPLES / "src" / f"{seed}.txt").read_text("utf-8"))
        names = [n.removesuffix(".tsv") for n in order]
    return tuple(TABLES / seed / f"{n}.tsv" for n in names)


# Tables of the Markdown document: simple ones as pipe tables (no merges), plus the
# merged 表3 as embedded HTML (what MinerU writes); see make_docs.py.
MD_PIPE = {"000": ["t1_budget", "base3_hardship_pay"], "004": ["t2_goal_adjust"]}


def golden_docs() -> list[GoldenDoc]:
    """Every document of the suite (≥ 12, six formats)."""
    docs: list[GoldenDoc] = []
    for seed, stem in (("000", "eval_report_2022_xinfang"), ("001", "target_decl_2023_songjiang"),
                       ("004", "monitoring_2023_qingyunpu")):
        for ext in ("pdf", "docx"):
            docs.append(GoldenDoc(SAMPLES / f"{stem}.{ext}", _tsvs(seed)))
    gd = GOLDEN / "docs"
    docs += [
        GoldenDoc(gd / "eval_report_tables.xlsx", _tsvs("000")),
        GoldenDoc(gd / "target_decl_forms.xlsx", _tsvs("001")),
        GoldenDoc(gd / "monitoring_tables.xlsx", _tsvs("004")),
        GoldenDoc(gd / "eval_report_tables.html", _tsvs("000")),
        GoldenDoc(gd / "target_decl_forms.html", _tsvs("001")),
        GoldenDoc(gd / "monitoring_tables.html", _tsvs("004")),
        GoldenDoc(gd / "pipe_tables.md", _tsvs("000", MD_PIPE["000"]) + _tsvs("004", MD_PIPE["004"]), flat=True),
        GoldenDoc(gd / "html_in_markdown.md", _tsvs("000", ["t3_scores"]) + _tsvs("001", ["p2_wangluo_kaifa_form"])),
    ]
    real = next((SAMPLES / "real").glob("*.pdf"))
    docs.append(GoldenDoc(real, tuple(sorted((GOLDEN / "real_p31-35").glob("*.tsv"))), pages=(31, 35)))
    return docs


@dataclass
class Mismatch:
    table: str
    row: int
    col: int
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.table} r{self.row}c{self.col}: expected {self.expected!r}, got {self.got!r}"


@dataclass
class DocResult:
    name: str
    tables_expected: int = 0
    tables_found: int = 0
    compared: int = 0
    exact: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None

    @property
    def accuracy(self) -> float:
        return self.exact / self.compared if self.compared else 0.0


def _show(text: str, rowspan: int, colspan: int) -> str:
    span = f" [{rowspan}x{colspan}]" if (rowspan, colspan) != (1, 1) else ""
    return (text if len(text) <= 40 else text[:37] + "…") + span


def _similarity(exp: ExpTable, table) -> float:
    """Shared non-empty cell texts over the larger table's count (multiset Jaccard-like).

    Dividing by the larger side keeps 表3 from pairing with 附件1, which holds every
    表3 text and much more.
    """
    want = Counter(norm(c.text) for c in exp.cells if norm(c.text))
    have = Counter(norm(c.text) for c in table.cells if norm(c.text))
    if not want:
        return 0.0
    return sum((want & have).values()) / max(sum(want.values()), sum(have.values()))


def compare_table(exp: ExpTable, table, res: DocResult) -> None:
    """Add one expected/extracted pair's cell counts and mismatches to ``res``."""
    got = {(c.row, c.col): c for c in table.cells}
    seen: set[tuple[int, int]] = set()
    for e in exp.cells:
        res.compared += 1
        g = got.get((e.row, e.col))
        seen.add((e.row, e.col))
        if g is not None and norm(g.text) == norm(e.text) and (g.rowspan, g.colspan) == (e.rowspan, e.colspan):
            res.exact += 1
            continue
        shown = "(no cell)" if g is None else _show(g.text, g.rowspan, g.colspan)
        res.mismatches.append(Mismatch(exp.name, e.row, e.col, _show(e.text, e.rowspan, e.colspan), shown))
    for key, g in sorted(got.items()):
        if key not in seen:
            res.compared += 1
            res.mismatches.append(Mismatch(exp.name, key[0], key[1], "(no cell)", _show(g.text, g.rowspan, g.colspan)))


def evaluate_doc(gdoc: GoldenDoc, document=None) -> DocResult:
    """Score one golden document; ``document`` may be passed in when already read."""
    import extractor

    res = DocResult(gdoc.name)
    expected = [expected_table(p, gdoc.flat) for p in gdoc.tables]
    res.tables_expected = len(expected)
    try:
        doc = document if document is not None else extractor.read(gdoc.path)
    except Exception as e:  # an unreadable golden file scores zero, it must not stop the run
        res.error = f"{type(e).__name__}: {e}"
        res.compared = sum(len(t.cells) for t in expected)
        return res
    tables = doc.tables
    if gdoc.pages:
        lo, hi = gdoc.pages
        tables = [t for t in tables if t.pages and lo <= t.pages[0] <= hi]
    used: set[int] = set()
    for exp in expected:
        scored = [(_similarity(exp, t), i) for i, t in enumerate(tables) if i not in used]
        best = max(scored, default=(0.0, -1))
        if best[0] < 0.3:
            res.compared += len(exp.cells)
            res.mismatches.append(Mismatch(exp.name, -1, -1, f"table of {len(exp.cells)} cells", "(not found)"))
            continue
        used.add(best[1])
        res.tables_found += 1
        compare_table(exp, tables[best[1]], res)
    return res


def evaluate(docs: list[GoldenDoc] | None = None) -> tuple[list[DocResult], float]:
    """Per-document results and the overall (micro-averaged) cell accuracy."""
    results = [evaluate_doc(d) for d in (docs if docs is not None else golden_docs())]
    compared = sum(r.compared for r in results)
    return results, (sum(r.exact for r in results) / compared if compared else 0.0)


def report(results: list[DocResult], overall: float, show: int = 5) -> str:
    """The plain-text table ``make eval`` prints."""
    lines = ["Cell-level accuracy (expected: hand-checked TSVs)",
             f"{'document':42} {'tables exp/found':>16} {'cells':>6} {'exact':>6} {'accuracy':>9}"]
    for r in results:
        lines.append(f"{r.name[:42]:42} {r.tables_expected:>8}/{r.tables_found:<7} {r.compared:>6} "
                     f"{r.exact:>6} {r.accuracy:>8.2%}")
        if r.error:
            lines.append(f"    unreadable: {r.error}")
        for m in r.mismatches[:show]:
            lines.append(f"    {m}")
        if len(r.mismatches) > show:
            lines.append(f"    … {len(r.mismatches) - show} more")
    compared = sum(r.compared for r in results)
    exact = sum(r.exact for r in results)
    lines.append(f"{'OVERALL':42} {sum(r.tables_expected for r in results):>8}/"
                 f"{sum(r.tables_found for r in results):<7} {compared:>6} {exact:>6} {overall:>8.2%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the cell report; exit 1 under the 98 % bar of issue 3."""
    results, overall = evaluate()
    print(report(results, overall, show=int((argv or sys.argv[1:] or ["5"])[0])))
    return 0 if overall >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())

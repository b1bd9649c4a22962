"""The embedded corpus: one SQLite file, FTS5 over jieba tokens plus structured columns.

Tokens are produced in Python (``corpus.tokens``) and stored space-separated, so FTS5's
plain ``unicode61`` tokenizer only has to split on spaces: index and query segment alike.
Each report is ingested in one transaction (a crash leaves the corpus as it was before
that file); WAL mode lets readers search while one writer ingests.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from corpus.aggregate import COMBO, Facets, combos_sql, key_condition
from corpus.filters import where
from corpus.rows import DocRow, IndicatorRow

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT, title TEXT, project TEXT, year INTEGER, region TEXT,
    organisation TEXT, department TEXT
);
CREATE INDEX IF NOT EXISTS documents_key ON documents(key);
CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    project TEXT, code TEXT, level1 TEXT, level2 TEXT, name TEXT NOT NULL,
    target_text TEXT, op TEXT, value REAL, upper REAL, unit TEXT,
    actual_text TEXT, actual_value REAL, weight REAL, score REAL, met INTEGER,
    page INTEGER, table_id TEXT, row INTEGER,
    tok_name TEXT, tok_context TEXT, tok_target TEXT
);
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(doc_id);
CREATE INDEX IF NOT EXISTS indicators_level1 ON indicators(level1);
CREATE INDEX IF NOT EXISTS indicators_unit ON indicators(unit);
CREATE VIRTUAL TABLE IF NOT EXISTS indicators_fts USING fts5(
    tok_name, tok_context, tok_target, content='indicators', content_rowid='id', tokenize='unicode61'
);
"""

IND_COLUMNS = [f for f in IndicatorRow.__dataclass_fields__]
COLUMNS = "i.*, d.file, d.year, d.region, d.kind, d.organisation, d.department, d.title"
SELECT = f"SELECT {COLUMNS} FROM indicators i JOIN documents d ON d.id = i.doc_id"
# A filtered search first filters this many of the best matches per 20 it shows (``_filtered_among_best``).
CANDIDATES = 1000
# ... when the filters keep at least this share of the matches (else only the rows kept are ranked).
MOST = 0.4
# Lower is better; name ≫ context > target. Ties are broken by id, everywhere.
RANK = "bm25(indicators_fts, 10.0, 2.0, 1.0)"



class SqliteCorpus:
    """A corpus in one SQLite file (created on first use)."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=30000")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------
    def ingest(self, doc: DocRow, rows: list[IndicatorRow]) -> str:
        """Store one report: 'unchanged' (same sha256), 'replaced' (same file, new bytes) or 'added'."""
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            if cur.execute("SELECT 1 FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone():
                cur.execute("ROLLBACK")
                return "unchanged"
            old = [r[0] for r in cur.execute("SELECT id FROM documents WHERE key = ?", (doc.key,))]
            for doc_id in old:
                self._delete(cur, doc_id)
            cur.execute(
                "INSERT INTO documents (sha256, file, key, kind, title, project, year, region, organisation,"
                " department) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc.sha256, doc.file, doc.key, doc.kind, doc.title, doc.project, doc.year, doc.region,
                 doc.organisation, doc.department))
            doc_id = cur.lastrowid
            cols = ", ".join(IND_COLUMNS)
            marks = ", ".join("?" for _ in IND_COLUMNS)
            for r in rows:
                d = r.as_dict()
                cur.execute(f"INSERT INTO indicators (doc_id, {cols}) VALUES (?, {marks})",
                            (doc_id, *[d[c] for c in IND_COLUMNS]))
                cur.execute("INSERT INTO indicators_fts (rowid, tok_name, tok_context, tok_target) VALUES (?,?,?,?)",
                            (cur.lastrowid, r.tok_name, r.tok_context, r.tok_target))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return "replaced" if old else "added"

    def _delete(self, cur: sqlite3.Cursor, doc_id: int) -> None:
        for r in cur.execute("SELECT id, tok_name, tok_context, tok_target FROM indicators WHERE doc_id = ?",
                             (doc_id,)).fetchall():
            cur.execute("INSERT INTO indicators_fts (indicators_fts, rowid, tok_name, tok_context, tok_target)"
                        " VALUES ('delete', ?, ?, ?, ?)", tuple(r))
        cur.execute("DELETE FROM indicators WHERE doc_id = ?", (doc_id,))
        cur.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- reading ---------------------------------------------------------------
    @staticmethod
    def _fts_query(words: list[str], any_word: bool) -> str:
        return (" OR " if any_word else " AND ").join('"' + w.replace('"', '""') + '"' for w in words)

    @staticmethod
    def _joins(clauses: list[str]) -> str:
        """The tables a filtered query reads besides ``indicators i``: documents only when a filter needs it."""
        return " JOIN documents d ON d.id = i.doc_id" if any(c.startswith("d.") for c in clauses) else ""

    def match(self, words: list[str], filters: dict, limit: int | None, any_word: bool = False) -> list[dict]:
        """Indicators whose tokens hold all ``words`` (or any, with ``any_word``), best bm25 first.

        Ranked inside the full-text query: the FTS5 table gives (rowid, bm25) of its matches,
        sorted and cut to ``limit`` there; only the rows kept are joined to their columns.
        With filters that keep most matches, the best matches are filtered first
        (``_filtered_among_best``); otherwise, or when too few of them pass, the rows the
        filters keep are ranked (bm25 only for those).
        """
        clauses, params = where(filters, "?")
        lim = f" LIMIT {int(limit)}" if limit else ""
        if not words:
            sql = SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY i.id" + lim
            return [dict(r) for r in self.db.execute(sql, params)]
        query = self._fts_query(words, any_word)
        if clauses and limit and self._share_kept(query, clauses, params) >= MOST:
            hits = self._filtered_among_best(query, clauses, params, int(limit))
            if hits is not None:
                return hits
        if clauses:
            ranked = (f"SELECT i.id AS id, {RANK} AS r FROM indicators_fts"
                      f" JOIN indicators i ON i.id = indicators_fts.rowid{self._joins(clauses)}"
                      " WHERE indicators_fts MATCH ?" + "".join(f" AND {c}" for c in clauses))
        else:
            ranked = f"SELECT rowid AS id, {RANK} AS r FROM indicators_fts WHERE indicators_fts MATCH ?"
        sql = (f"WITH f AS ({ranked} ORDER BY r, id{lim})"
               f" SELECT {COLUMNS} FROM f JOIN indicators i ON i.id = f.id JOIN documents d ON d.id = i.doc_id"
               " ORDER BY f.r, f.id")
        return [dict(r) for r in self.db.execute(sql, [query, *params])]

    def _share_kept(self, query: str, clauses: list[str], params: list) -> float:
        """About what share of the matches the filters keep: counted on the first 200 (by id, unranked)."""
        row = self.db.execute(
            f"SELECT count(*), sum(kept) FROM (SELECT ({' AND '.join(clauses)}) AS kept FROM indicators_fts"
            f" JOIN indicators i ON i.id = indicators_fts.rowid{self._joins(clauses)}"
            " WHERE indicators_fts MATCH ? LIMIT 200)", [*params, query]).fetchone()
        return (row[1] or 0) / row[0] if row[0] else 0.0

    def _filtered_among_best(self, query: str, clauses: list[str], params: list, limit: int) -> list[dict] | None:
        """A filtered search answered from the best ``CANDIDATES`` matches, or None when they are not enough.

        The matches are ranked once without the filters (no row is joined for that), the best
        ones joined and filtered in rank order. Exact: if ``limit`` of them pass, no match
        ranked lower can come before them; if fewer pass but they were all the matches, they
        are the answer. Otherwise the caller ranks the rows the filters keep. Worth it when
        most matches pass (``_share_kept`` ≥ ``MOST``): ranking every match costs about as much
        as joining every match to test the filters and ranking those kept (``--unit %`` at
        85,000 matches: 265 → 175 ms; ``--year 2023`` keeps one in seven and is left alone).
        """
        n = CANDIDATES * -(-limit // 20)  # 1,000 for the 20 a search shows
        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            best = [r[0] for r in self.db.execute(
                f"SELECT rowid, {RANK} AS r FROM indicators_fts WHERE indicators_fts MATCH ? ORDER BY r, rowid LIMIT {n}",
                [query])]
            hits = [dict(r) for r in self.db.execute(
                f"SELECT {COLUMNS} FROM json_each(?) AS f JOIN indicators i ON i.id = f.value"
                " JOIN documents d ON d.id = i.doc_id WHERE " + " AND ".join(clauses) + f" ORDER BY f.key LIMIT {limit}",
                [json.dumps(best), *params])]
        finally:
            if own:
                self.db.execute("COMMIT")
        return hits if len(hits) == limit or len(best) < n else None

    def aggregate(self, words: list[str], filters: dict, facets: dict, any_word: bool = False) -> Facets:
        """The rows ``match(words, filters, None, any_word)`` returns, counted in SQL (``corpus.aggregate``).

        One read transaction: the counts and the ranks of tied labels come from one snapshot.
        """
        clauses, params = where(filters, "?")
        cols = ", ".join(f"i.{c}" for c in COMBO)
        tail = "".join(f" AND {c}" for c in clauses)
        if words:
            source = (f"FROM indicators_fts JOIN indicators i ON i.id = indicators_fts.rowid{self._joins(clauses)}"
                      f" WHERE indicators_fts MATCH ?{tail}")
            params = [self._fts_query(words, any_word), *params]
        else:
            source = f"FROM indicators i{self._joins(clauses)} WHERE 1{tail}"

        def ranked(columns: tuple[str, ...], keys: set[tuple]):
            cond, kparams = key_condition(columns, keys, "?")
            return self.db.execute(f"SELECT {', '.join('i.' + c for c in columns)}, {RANK}, i.id {source} AND {cond}",
                                   [*params, *kparams])

        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            rows = [r for sql in combos_sql(f"SELECT i.id AS id, i.doc_id AS doc_id, {cols} {source}", once=False)
                    for r in self.db.execute(sql, params)]
            return Facets.from_rows(rows, in_id_order=not words).resolve(facets, ranked)
        finally:
            if own:
                self.db.execute("COMMIT")

    def counts(self) -> dict:
        docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        inds = self.db.execute("SELECT count(*) FROM indicators").fetchone()[0]
        return {"documents": docs, "indicators": inds}

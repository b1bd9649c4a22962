"""The embedded corpus: one SQLite file, FTS5 over jieba tokens plus structured columns.

Tokens are produced in Python (``corpus.tokens``) and stored space-separated, so FTS5's
plain ``unicode61`` tokenizer only has to split on spaces: index and query segment alike.
Each report is ingested in one transaction (a crash leaves the corpus as it was before
that file); WAL mode lets readers search while one writer ingests.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
SELECT = ("SELECT i.*, d.file, d.year, d.region, d.kind, d.organisation, d.department, d.title "
          "FROM indicators i JOIN documents d ON d.id = i.doc_id")



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
    def match(self, words: list[str], filters: dict, limit: int | None, any_word: bool = False) -> list[dict]:
        """Indicators whose tokens hold all ``words`` (or any, with ``any_word``), best bm25 first."""
        clauses, params = where(filters, "?")
        if words:
            query = (" OR " if any_word else " AND ").join('"' + w.replace('"', '""') + '"' for w in words)
            sql = (f"{SELECT} JOIN indicators_fts f ON f.rowid = i.id WHERE indicators_fts MATCH ?"
                   + "".join(f" AND {c}" for c in clauses)
                   + " ORDER BY bm25(indicators_fts, 10.0, 2.0, 1.0), i.id")
            params = [query, *params]
        else:
            sql = SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY i.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.db.execute(sql, params)]

    def counts(self) -> dict:
        docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        inds = self.db.execute("SELECT count(*) FROM indicators").fetchone()[0]
        return {"documents": docs, "indicators": inds}

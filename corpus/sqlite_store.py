"""The embedded corpus: one SQLite file, FTS5 over jieba tokens plus structured columns.

Tokens are produced in Python (``corpus.tokens``) and stored space-separated, so FTS5's
plain ``unicode61`` tokenizer only has to split on spaces: index and query segment alike.
Each report is ingested in one transaction (a crash leaves the corpus as it was before
that file); WAL mode lets readers search while one writer ingests.

Two side structures are kept in the same transactions: ``combos``/``indicator_keys`` (an
integer per distinct combination of what stats reads, so stats groups by one integer) and the
impact-ordered index of common words (``corpus.sqlite_rank``), so a one-word search reads its
best rows without FTS5 scoring every match. A corpus written before they existed gets them
the first time it is opened for writing (``_upgrade``; minutes per million indicators, once).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from corpus.aggregate import COMBO, Facets, combo_key
from corpus.filters import where
from corpus.impact import WEIGHTS
from corpus.rows import DocRow, IndicatorRow
from corpus.sqlite_rank import SCHEMA as RANK_SCHEMA
from corpus.sqlite_rank import TOKENIZE, RankIndex

SCHEMA = f"""
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
    tok_name, tok_context, tok_target, content='indicators', content_rowid='id', tokenize='{TOKENIZE}'
);
CREATE TABLE IF NOT EXISTS combos (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    name TEXT, level2 TEXT, level1 TEXT, target_text TEXT, op TEXT, value REAL, upper REAL, unit TEXT,
    weight REAL, met INTEGER
);
CREATE TABLE IF NOT EXISTS indicator_keys (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, combo INTEGER NOT NULL);
""" + RANK_SCHEMA
# PRAGMA user_version of a corpus whose side structures (combos, indicator_keys, rank_*) are filled.
VERSION = 1

IND_COLUMNS = [f for f in IndicatorRow.__dataclass_fields__]
COLUMNS = "i.*, d.file, d.year, d.region, d.kind, d.organisation, d.department, d.title"
SELECT = f"SELECT {COLUMNS} FROM indicators i JOIN documents d ON d.id = i.doc_id"
# A filtered search first filters this many of the best matches per 20 it shows (``_filtered_among_best``).
CANDIDATES = 1000
# ... when the filters keep at least this share of the matches (else only the rows kept are ranked).
MOST = 0.4
# Lower is better; name ≫ context > target. Ties are broken by id, everywhere.
RANK = f"bm25(indicators_fts, {', '.join(map(str, WEIGHTS))})"



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
        self.rank = RankIndex(self.db)
        self._upgrade()

    def _upgrade(self) -> None:
        """Fill the side structures of a corpus written without them, or changed by an older jixiao
        since (its FTS5 totals are not those the side index last saw): rebuilt from the rows."""
        if self.db.execute("PRAGMA user_version").fetchone()[0] >= VERSION and self.rank.current():
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # read-only: searched and counted without them
            return
        try:
            if self.db.execute("PRAGMA user_version").fetchone()[0] < VERSION or not self.rank.current():
                self._fill_keys()
                self.rank.rebuild()
                self.rank.save_state()
                self.db.execute(f"PRAGMA user_version = {VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _fill_keys(self) -> None:
        self.db.execute("DELETE FROM indicator_keys")
        write = self.db.cursor()
        read = self.db.cursor()
        read.execute(f"SELECT id, doc_id, {', '.join(COMBO)} FROM indicators")
        while batch := read.fetchmany(10_000):
            write.executemany("INSERT INTO indicator_keys (id, doc_id, combo) VALUES (?, ?, ?)",
                              [(r["id"], r["doc_id"], self._combo(write, dict(r))) for r in batch])

    @staticmethod
    def _combo(cur: sqlite3.Cursor, row: dict) -> int:
        """The id of the row's combination of what stats reads (added if new)."""
        key, values = combo_key(row)
        got = cur.execute("SELECT id FROM combos WHERE key = ?", (key,)).fetchone()
        if got:
            return got[0]
        return cur.execute(f"INSERT INTO combos (key, {', '.join(COMBO)}) VALUES (?{', ?' * len(COMBO)})",
                           (key, *values)).lastrowid

    @contextmanager
    def _snapshot(self):
        """One read transaction (unless one is open): side index and rows read from one state."""
        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            yield
        finally:
            if own:
                self.db.execute("COMMIT")

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
            tokens = []
            for r in rows:
                d = r.as_dict()
                cur.execute(f"INSERT INTO indicators (doc_id, {cols}) VALUES (?, {marks})",
                            (doc_id, *[d[c] for c in IND_COLUMNS]))
                id_ = cur.lastrowid
                cur.execute("INSERT INTO indicators_fts (rowid, tok_name, tok_context, tok_target) VALUES (?,?,?,?)",
                            (id_, r.tok_name, r.tok_context, r.tok_target))
                cur.execute("INSERT INTO indicator_keys (id, doc_id, combo) VALUES (?, ?, ?)",
                            (id_, doc_id, self._combo(cur, d)))
                tokens.append((id_, r.tok_name, r.tok_context, r.tok_target))
            self.rank.add(tokens)
            self.rank.save_state()
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return "replaced" if old else "added"

    def _delete(self, cur: sqlite3.Cursor, doc_id: int) -> None:
        rows = [tuple(r) for r in cur.execute("SELECT id, tok_name, tok_context, tok_target FROM indicators"
                                              " WHERE doc_id = ?", (doc_id,)).fetchall()]
        for r in rows:
            cur.execute("INSERT INTO indicators_fts (indicators_fts, rowid, tok_name, tok_context, tok_target)"
                        " VALUES ('delete', ?, ?, ?, ?)", r)
            cur.execute("DELETE FROM indicator_keys WHERE id = ?", (r[0],))
        self.rank.remove(rows)
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

        A one-word query of a common word without filters reads its best rows from the side
        index (``corpus.sqlite_rank``), scored per class exactly as bm25 scores them. Otherwise
        ranked inside the full-text query: the FTS5 table gives (rowid, bm25) of its matches,
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
            hits = self._filtered_among_best(words, any_word, clauses, params, int(limit))
            if hits is not None:
                return hits
        if not clauses and limit:
            with self._snapshot():
                best = self._best(words, any_word, int(limit))
                if best is not None:
                    return self._rows(best)
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

    def _best(self, words: list[str], any_word: bool, limit: int) -> list[int] | None:
        """Ids of the best ``limit`` matches from the side index, None when it cannot say."""
        if len(words) != 1 or any_word:
            return None
        top = self.rank.top(words[0], limit)
        return None if top is None else [i for i, _ in top]

    def _rows(self, ids: list[int], clauses: list[str] = (), params: list = (), limit: int | None = None) -> list[dict]:
        """The rows of ``ids`` in that order (those the filters keep, at most ``limit``)."""
        where_ = " WHERE " + " AND ".join(clauses) if clauses else ""
        lim = f" LIMIT {int(limit)}" if limit else ""
        return [dict(r) for r in self.db.execute(
            f"SELECT {COLUMNS} FROM json_each(?) AS f JOIN indicators i ON i.id = f.value"
            f" JOIN documents d ON d.id = i.doc_id{where_} ORDER BY f.key{lim}", [json.dumps(ids), *params])]

    def _share_kept(self, query: str, clauses: list[str], params: list) -> float:
        """About what share of the matches the filters keep: counted on the first 200 (by id, unranked)."""
        row = self.db.execute(
            f"SELECT count(*), sum(kept) FROM (SELECT ({' AND '.join(clauses)}) AS kept FROM indicators_fts"
            f" JOIN indicators i ON i.id = indicators_fts.rowid{self._joins(clauses)}"
            " WHERE indicators_fts MATCH ? LIMIT 200)", [*params, query]).fetchone()
        return (row[1] or 0) / row[0] if row[0] else 0.0

    def _filtered_among_best(self, words: list[str], any_word: bool, clauses: list[str], params: list,
                             limit: int) -> list[dict] | None:
        """A filtered search answered from the best ``CANDIDATES`` matches, or None when they are not enough.

        The matches are ranked once without the filters (no row is joined for that; from the
        side index when it can say), the best ones joined and filtered in rank order. Exact:
        if ``limit`` of them pass, no match ranked lower can come before them; if fewer pass
        but they were all the matches, they are the answer. Otherwise the caller ranks the
        rows the filters keep. Worth it when most matches pass (``_share_kept`` ≥ ``MOST``):
        ranking every match costs about as much as joining every match to test the filters
        and ranking those kept (``--unit %`` at 85,000 matches: 265 → 175 ms; ``--year 2023``
        keeps one in seven and is left alone).
        """
        n = CANDIDATES * -(-limit // 20)  # 1,000 for the 20 a search shows
        with self._snapshot():
            best = self._best(words, any_word, n)
            if best is None:
                best = [r[0] for r in self.db.execute(
                    f"SELECT rowid, {RANK} AS r FROM indicators_fts WHERE indicators_fts MATCH ? ORDER BY r, rowid"
                    f" LIMIT {n}", [self._fts_query(words, any_word)])]
            hits = self._rows(best, clauses, params, limit)
        return hits if len(hits) == limit or len(best) < n else None

    def aggregate(self, words: list[str], filters: dict, facets: dict, any_word: bool = False) -> Facets | None:
        """The rows ``match(words, filters, None, any_word)`` returns, counted in SQL (``corpus.aggregate``);
        None while the side structures lag behind the rows (see ``_upgrade``): counted from the rows.

        Grouped by the integer id of each row's combination (``indicator_keys``), the rows read
        only for filters on their columns; the combinations' values are read once per group.
        One read transaction: the counts and the ranks of tied labels come from one snapshot.
        """
        clauses, params = where(filters, "?")
        tail = "".join(f" AND {c}" for c in clauses)

        def source(rows: bool) -> str:
            """FROM … WHERE of the matching rows; ``rows``: their columns are read (else only filters need them)."""
            joins = ((" JOIN indicators i ON i.id = k.id" if rows or any(c.startswith("i.") for c in clauses) else "")
                     + (" JOIN documents d ON d.id = k.doc_id" if any(c.startswith("d.") for c in clauses) else ""))
            if words:
                return (f"FROM indicators_fts JOIN indicator_keys k ON k.id = indicators_fts.rowid{joins}"
                        f" WHERE indicators_fts MATCH ?{tail}")
            return f"FROM indicator_keys k{joins} WHERE 1{tail}"

        if words:
            params = [self._fts_query(words, any_word), *params]
        with self._snapshot():
            if not self.rank.current():
                return None
            n, p = self.db.execute(f"SELECT count(*), count(DISTINCT k.doc_id) {source(False)}", params).fetchone()
            groups = self.db.execute(f"SELECT k.combo, count(*), min(k.id) {source(False)} GROUP BY k.combo",
                                     params).fetchall()
            values = {r[0]: tuple(r[1:]) for r in self.db.execute(
                f"SELECT id, {', '.join(COMBO)} FROM combos WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps([g[0] for g in groups])])}
            found = Facets.from_groups(n, p, groups, values, in_id_order=not words)

            def ranked(columns: tuple[str, ...], keys: set[tuple]):
                return self.db.execute(f"SELECT {', '.join('i.' + c for c in columns)}, {RANK}, i.id {source(True)}"
                                       " AND k.combo IN (SELECT value FROM json_each(?))",
                                       [*params, json.dumps(found.ids_of(columns, keys))])

            return found.resolve(facets, ranked)

    def counts(self) -> dict:
        docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        inds = self.db.execute("SELECT count(*) FROM indicators").fetchone()[0]
        return {"documents": docs, "indicators": inds}

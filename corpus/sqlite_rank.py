"""The impact-ordered side index of a SQLite corpus (``corpus.impact``), kept in step with FTS5.

Tables: ``rank_terms`` (every token of the full-text index with the number of rows holding it;
``listed`` once that reaches ``HEAD``), ``rank_classes`` (per listed word: rows per (f, dl) class,
and whether the class is in the head), ``rank_rows`` (the ids of head classes). Every ingest
and delete updates them in the same transaction as the rows: the rows' tokens are counted by
FTS5's own tokenizer (a temporary FTS5 table read through ``fts5vocab``), so hits and lengths
are FTS5's. A word that reaches ``HEAD`` rows is filled from the full-text index itself. The
head is trimmed (``sweep``) whenever a word's rows have doubled since the last trim, and after
rows are deleted (when that lets a class left out rank, the word is filled again).

``rank_state`` holds FTS5's totals record as of the last change made here (same transaction); a
search trusts the side index only while the full-text index still holds that record, so a
corpus changed by an older jixiao is ranked by FTS5 until it is next opened, which rebuilds the
side index.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from corpus import impact
from corpus.impact import WEIGHTS, Class, best, bm25, dominating, head, needed

FTS_COLUMNS = ("tok_name", "tok_context", "tok_target")
_WEIGHT = dict(zip(FTS_COLUMNS, WEIGHTS, strict=True))
TOKENIZE = "unicode61"

SCHEMA = """
CREATE TABLE IF NOT EXISTS rank_terms (
    id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL,
    listed INTEGER NOT NULL DEFAULT 0, swept INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS rank_classes (
    term INTEGER NOT NULL, f REAL NOT NULL, dl INTEGER NOT NULL, n INTEGER NOT NULL, head INTEGER NOT NULL,
    PRIMARY KEY (term, f, dl)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rank_rows (
    term INTEGER NOT NULL, f REAL NOT NULL, dl INTEGER NOT NULL, id INTEGER NOT NULL,
    PRIMARY KEY (term, f, dl, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rank_state (id INTEGER PRIMARY KEY CHECK (id = 1), totals BLOB);
"""
_TEMP = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_tokens USING fts5({', '.join(FTS_COLUMNS)}, tokenize='{TOKENIZE}');
CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_tokens_i USING fts5vocab(temp, rank_tokens, instance);
CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_vocab_i USING fts5vocab(main, indicators_fts, instance);
CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_vocab_r USING fts5vocab(main, indicators_fts, row);
"""


def varints(blob: bytes) -> list[int]:
    """SQLite varints (FTS5's totals and row sizes are stored as these)."""
    out, i = [], 0
    while i < len(blob):
        v, n = 0, 0
        while True:
            x = blob[i]
            i += 1
            n += 1
            if n == 9:  # the ninth byte carries 8 bits
                v = (v << 8) | x
                break
            v = (v << 7) | (x & 0x7F)
            if not x & 0x80:
                break
        out.append(v)
    return out


class RankIndex:
    """The side index of one connection's corpus (``db``: the store's connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._temp_ready = False

    def _temp(self) -> None:
        if not self._temp_ready:
            for statement in _TEMP.split(";"):  # not executescript: it would commit the open transaction
                if statement.strip():
                    self.db.execute(statement)
            self._temp_ready = True

    # -- keeping it right --------------------------------------------------------------------
    def _row_terms(self, rows: list[tuple]) -> dict[str, list[tuple[float, int, int]]]:
        """term → [(f, dl, id)] for ``rows`` of (id, tok_name, tok_context, tok_target), counted by FTS5."""
        self._temp()
        self.db.executemany(f"INSERT INTO temp.rank_tokens (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?)",
                            rows)
        hits: dict[tuple[str, int], float] = {}
        lengths: Counter[int] = Counter()
        for term, doc, col in self.db.execute("SELECT term, doc, col FROM temp.rank_tokens_i"):
            hits[term, doc] = hits.get((term, doc), 0.0) + _WEIGHT[col]
            lengths[doc] += 1  # every token is an instance of some term: the row's length
        self.db.execute("DELETE FROM temp.rank_tokens")
        out: dict[str, list[tuple[float, int, int]]] = {}
        for (term, doc), f in hits.items():
            out.setdefault(term, []).append((f, lengths[doc], doc))
        return out

    def add(self, rows: list[tuple]) -> None:
        """Rows just written to the full-text index (same transaction)."""
        self._change(rows, 1)

    def remove(self, rows: list[tuple]) -> None:
        """Rows just deleted from the full-text index (same transaction)."""
        self._change(rows, -1)

    def _change(self, rows: list[tuple], sign: int) -> None:
        if not rows:
            return
        for term, items in self._row_terms(rows).items():
            got = self.db.execute("SELECT id, df, listed, swept FROM rank_terms WHERE term = ?", (term,)).fetchone()
            if got is None:
                if sign < 0:
                    continue
                tid = self.db.execute("INSERT INTO rank_terms (term, df) VALUES (?, 0)", (term,)).lastrowid
                df, listed, swept = 0, 0, 0
            else:
                tid, df, listed, swept = got
            df += sign * len(items)
            if listed:
                self._classes(tid, items, sign)
                if sign < 0 or df >= 2 * swept:
                    self.sweep(tid, term)
                    swept = df
            elif sign > 0 and df >= impact.HEAD:
                df = swept = self._fill(tid, term)
                listed = 1
            self.db.execute("UPDATE rank_terms SET df = ?, listed = ?, swept = ? WHERE id = ?", (df, listed, swept, tid))

    def _classes(self, tid: int, items: list[tuple[float, int, int]], sign: int) -> None:
        for f, dl, id_ in items:
            got = self.db.execute("SELECT n, head FROM rank_classes WHERE term = ? AND f = ? AND dl = ?",
                                  (tid, f, dl)).fetchone()
            if sign > 0:
                if got is None:  # a new class is in the head if few rows dominate it
                    classes = self.classes(tid)
                    in_head = int(dominating({c: n for c, (n, _) in classes.items()}, (f, dl)) < impact.HEAD)
                    self.db.execute("INSERT INTO rank_classes VALUES (?, ?, ?, 1, ?)", (tid, f, dl, in_head))
                else:
                    in_head = got[1]
                    self.db.execute("UPDATE rank_classes SET n = n + 1 WHERE term = ? AND f = ? AND dl = ?",
                                    (tid, f, dl))
                if in_head:
                    self.db.execute("INSERT INTO rank_rows VALUES (?, ?, ?, ?)", (tid, f, dl, id_))
            elif got is not None:
                if got[0] <= 1:
                    self.db.execute("DELETE FROM rank_classes WHERE term = ? AND f = ? AND dl = ?", (tid, f, dl))
                else:
                    self.db.execute("UPDATE rank_classes SET n = n - 1 WHERE term = ? AND f = ? AND dl = ?",
                                    (tid, f, dl))
                if got[1]:
                    self.db.execute("DELETE FROM rank_rows WHERE term = ? AND f = ? AND dl = ? AND id = ?",
                                    (tid, f, dl, id_))

    def classes(self, tid: int) -> dict[Class, tuple[int, int]]:
        """(f, dl) → (rows, in the head) of one listed word."""
        return {(f, dl): (n, h) for f, dl, n, h in
                self.db.execute("SELECT f, dl, n, head FROM rank_classes WHERE term = ?", (tid,))}

    def sweep(self, tid: int, term: str) -> None:
        """Fit the head to the word's classes as they are now: drop the classes that enough rows
        dominate (their rows can no longer rank); if rows were deleted and a class left out now
        could rank, fill the word again from the full-text index."""
        classes = self.classes(tid)
        keep = head({c: n for c, (n, _) in classes.items()})
        if any(not h for c, (_, h) in classes.items() if c in keep):
            self._fill(tid, term)
            return
        for (f, dl), (_, h) in classes.items():
            if h and (f, dl) not in keep:
                self.db.execute("UPDATE rank_classes SET head = 0 WHERE term = ? AND f = ? AND dl = ?", (tid, f, dl))
                self.db.execute("DELETE FROM rank_rows WHERE term = ? AND f = ? AND dl = ?", (tid, f, dl))

    def _lengths(self, ids: Iterable[int]) -> dict[int, int]:
        """Row lengths in tokens as FTS5 stores them (its docsize table)."""
        import json

        ids = list(ids)
        out: dict[int, int] = {}
        for k in range(0, len(ids), 50_000):
            for id_, sz in self.db.execute("SELECT id, sz FROM indicators_fts_docsize WHERE id IN"
                                           " (SELECT value FROM json_each(?))", (json.dumps(ids[k:k + 50_000]),)):
                out[id_] = sum(varints(sz))
        return out

    def _fill(self, tid: int, term: str, lengths: dict[int, int] | None = None) -> int:
        """(Re)build one word's classes and head from the full-text index; its number of rows."""
        self._temp()
        self.db.execute("DELETE FROM rank_classes WHERE term = ?", (tid,))
        self.db.execute("DELETE FROM rank_rows WHERE term = ?", (tid,))
        f: dict[int, float] = {}
        for doc, col in self.db.execute("SELECT doc, col FROM temp.rank_vocab_i WHERE term = ?", (term,)):
            f[doc] = f.get(doc, 0.0) + _WEIGHT[col]
        if lengths is None:
            lengths = self._lengths(f)
        of = {doc: (w, lengths[doc]) for doc, w in f.items()}
        counts = Counter(of.values())
        keep = head(counts)
        self.db.executemany("INSERT INTO rank_classes VALUES (?, ?, ?, ?, ?)",
                            [(tid, c[0], c[1], n, int(c in keep)) for c, n in counts.items()])
        self.db.executemany("INSERT INTO rank_rows VALUES (?, ?, ?, ?)",
                            sorted((tid, *c, doc) for doc, c in of.items() if c in keep))
        return len(f)

    def rebuild(self) -> None:
        """The whole side index from the full-text index (a corpus written before it existed)."""
        self._temp()
        for table in ("rank_rows", "rank_classes", "rank_terms"):
            self.db.execute(f"DELETE FROM {table}")
        terms = self.db.execute("SELECT term, doc FROM temp.rank_vocab_r").fetchall()
        self.db.executemany("INSERT INTO rank_terms (term, df, listed, swept) VALUES (?, ?, ?, ?)",
                            [(t, n, int(n >= impact.HEAD), n if n >= impact.HEAD else 0) for t, n in terms])
        listed = [(t, n) for t, n in terms if n >= impact.HEAD]
        lengths = ({id_: sum(varints(sz)) for id_, sz in self.db.execute("SELECT id, sz FROM indicators_fts_docsize")}
                   if listed else {})
        for term, _ in listed:
            tid = self.db.execute("SELECT id FROM rank_terms WHERE term = ?", (term,)).fetchone()[0]
            self._fill(tid, term, lengths)

    # -- reading -------------------------------------------------------------------------------
    def totals(self) -> bytes | None:
        row = self.db.execute("SELECT block FROM indicators_fts_data WHERE id = 1").fetchone()
        return row[0] if row else None

    def save_state(self) -> None:
        """Record FTS5's totals as they stand in this transaction (FTS5 writes them at a savepoint)."""
        self.db.execute("SAVEPOINT rank_totals")
        self.db.execute("RELEASE rank_totals")
        self.db.execute("INSERT OR REPLACE INTO rank_state (id, totals) VALUES (1, ?)", (self.totals(),))

    def current(self) -> bool:
        """Whether the side index was last changed with the full-text index as it is now."""
        row = self.db.execute("SELECT totals FROM rank_state WHERE id = 1").fetchone()
        return row is not None and row[0] == self.totals()

    def top(self, word: str, limit: int) -> list[tuple[int, float]] | None:
        """(id, bm25) of the best ``limit`` rows matching the one-word query ``word``, in order;
        None when the side index cannot say (the caller asks FTS5). Run inside a read transaction."""
        if limit > impact.HEAD:
            return None
        got = self.db.execute("SELECT id, listed FROM rank_terms WHERE term = ?", (word,)).fetchone()
        if got is None or not got[1]:
            return None
        tid = got[0]
        blob = self.totals()
        state = self.db.execute("SELECT totals FROM rank_state WHERE id = 1").fetchone()
        if blob is None or state is None or state[0] != blob:
            return None
        totals = varints(blob)
        rows, tokens = totals[0], sum(totals[1:])
        classes = self.classes(tid)
        counts = {c: n for c, (n, _) in classes.items()}
        df = sum(counts.values())
        scores = {c: bm25(c[0], c[1], rows, tokens, df) for c in classes}
        take = needed(scores, counts, limit)
        if not all(classes[c][1] for c in take):
            return None

        def rows_of(c: Class, k: int) -> list[int]:
            return [r[0] for r in self.db.execute(
                "SELECT id FROM rank_rows WHERE term = ? AND f = ? AND dl = ? ORDER BY id LIMIT ?", (tid, *c, k))]

        return best(scores, rows_of, take, limit)

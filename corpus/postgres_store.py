"""The shared corpus: PostgreSQL, a weighted tsvector over jieba tokens plus pg_trgm on names.

Same interface and same result keys as ``SqliteCorpus`` so ``corpus.api`` works unchanged.
Tokens are segmented in Python (``corpus.tokens``) and stored space-separated; the ``simple``
configuration only splits on spaces and lower-cases, so index and query segment alike (no
Chinese parser extension needed on the server). The tsvector is a generated column: it can
never disagree with the token columns, and deleting rows removes them from the index.

Several writers may share one database: each report is ingested in one transaction that first
takes transaction-level advisory locks on its sha256 and its key (path), so two writers cannot
both add (or both replace) the same report; readers keep reading committed data meanwhile.

Every ``jixiao search`` opens the corpus anew, so an open that finds it as this jixiao makes it is
the connection and one statement (``READY``); the schema, its lock and the repairs of a corpus an
older jixiao made or changed run only when that statement says they are needed (``_prepare``).
"""

from __future__ import annotations

import re

from corpus import postgres_rank
from corpus.aggregate import COMBO, Facets, combo_key, key_condition
from corpus.filters import where
from corpus.postgres_rank import RANK_WEIGHTS
from corpus.rows import DocRow, IndicatorRow

SCHEMA = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS documents (
    id BIGSERIAL PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT, title TEXT, project TEXT, year INTEGER, region TEXT,
    organisation TEXT, department TEXT
);
CREATE INDEX IF NOT EXISTS documents_key ON documents(key);
CREATE TABLE IF NOT EXISTS indicators (
    id BIGSERIAL PRIMARY KEY,
    doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    project TEXT, code TEXT, level1 TEXT, level2 TEXT, name TEXT NOT NULL,
    target_text TEXT, op TEXT, value DOUBLE PRECISION, upper DOUBLE PRECISION, unit TEXT,
    actual_text TEXT, actual_value DOUBLE PRECISION, weight DOUBLE PRECISION, score DOUBLE PRECISION,
    met INTEGER, page INTEGER, table_id TEXT, "row" INTEGER,
    tok_name TEXT, tok_context TEXT, tok_target TEXT,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(tok_name, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(tok_context, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(tok_target, '')), 'C')
    ) STORED
);
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(doc_id);
CREATE INDEX IF NOT EXISTS indicators_level1 ON indicators(level1);
CREATE INDEX IF NOT EXISTS indicators_unit ON indicators(unit);
CREATE INDEX IF NOT EXISTS indicators_tsv ON indicators USING GIN (tsv);
CREATE INDEX IF NOT EXISTS indicators_name_trgm ON indicators USING GIN (name gin_trgm_ops);
CREATE TABLE IF NOT EXISTS combos (
    id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    name TEXT, level2 TEXT, level1 TEXT, target_text TEXT, op TEXT, value DOUBLE PRECISION,
    upper DOUBLE PRECISION, unit TEXT, weight DOUBLE PRECISION, met INTEGER
);
CREATE TABLE IF NOT EXISTS corpus_schema (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL);
"""
# Stats groups by one integer per combination of what it reads (``corpus.aggregate.combo_key``):
# added to a corpus created before it; rows written without it (an older jixiao) are found by
# the partial index and given theirs when the corpus is next opened.
COMBO_SCHEMA = """
ALTER TABLE indicators ADD COLUMN combo BIGINT;
CREATE INDEX indicators_no_combo ON indicators (id) WHERE combo IS NULL;
"""

# The schema ``SCHEMA`` and ``COMBO_SCHEMA`` make, stored in ``corpus_schema`` once they have run:
# bumped whenever either changes, so that a corpus made before runs them again when next opened.
SCHEMA_VERSION = 1
# Every table and index the schema creates.
RELATIONS = re.findall(r"CREATE (?:TABLE|INDEX) (?:IF NOT EXISTS )?(\w+)", SCHEMA + COMBO_SCHEMA)
# Whether an open can skip the schema, as one statement (one round trip, no lock, no DDL): the
# schema's version, how many of its ``RELATIONS`` are there (one catalog look-up by name each: a
# dropped index is made again, as the schema's IF NOT EXISTS used to at every open), rows without
# a combination (an older jixiao wrote them), the side index's state (``postgres_rank.STATE``). A
# corpus without ``corpus_schema`` (new, or made by an older jixiao), ``indicators`` or its
# ``combo`` column makes it fail: the open then runs the schema.
READY = ("SELECT (SELECT version FROM corpus_schema) AS schema, (SELECT count(*) FROM unnest(ARRAY["
         + ", ".join(f"'{name}'" for name in RELATIONS) + "]) AS r WHERE to_regclass(r) IS NOT NULL) AS relations,"
         " EXISTS (SELECT 1 FROM indicators WHERE combo IS NULL) AS unfilled, " + postgres_rank.STATE)

# Any constant shared by every jixiao process: serialises concurrent schema creation, which
# CREATE ... IF NOT EXISTS alone does not (two sessions can race on the catalog).
SCHEMA_LOCK = 0x6A6978_69616F

IND_COLUMNS = [f for f in IndicatorRow.__dataclass_fields__]
_COLS = ", ".join('"row"' if c == "row" else c for c in IND_COLUMNS)
# Explicit columns (not i.*): the result keys must match SqliteCorpus, without tsv.
COLUMNS = (f"i.id, i.doc_id, {', '.join('i.' + c for c in _COLS.split(', '))}, "
           "d.file, d.year, d.region, d.kind, d.organisation, d.department, d.title")
SELECT = f"SELECT {COLUMNS} FROM indicators i JOIN documents d ON d.id = i.doc_id"
# A filtered one-word search first filters this many of the best matches per 20 it shows.
CANDIDATES = 1000


def _documents(clauses: list[str]) -> str:
    """The documents join, for filters that read it."""
    return " JOIN documents d ON d.id = i.doc_id" if any(c.startswith("d.") for c in clauses) else ""


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")



class PostgresCorpus:
    """A corpus in a PostgreSQL database (tables and extension created on first use)."""

    backend = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as e:  # pragma: no cover - depends on the install
            raise ImportError("the PostgreSQL corpus needs psycopg 3: pip install 'jixiao[pg]'") from e
        self.path = url
        self.db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        if not self._ready():
            self._prepare()

    def _ready(self) -> bool:
        """Whether the corpus is as this jixiao makes it (``READY``: one statement), so that opening it
        costs the connection and one round trip; the schema's DDL, its lock and the catalog checks
        run only when it is not (``_prepare``)."""
        from psycopg import errors

        try:
            row = self.db.execute(READY).fetchone()
        except (errors.UndefinedTable, errors.UndefinedColumn):  # autocommit: nothing to roll back
            return False
        return (row["schema"] is not None and row["schema"] >= SCHEMA_VERSION and row["relations"] == len(RELATIONS)
                and not row["unfilled"] and postgres_rank.trusted(row))

    def _prepare(self) -> None:
        """Create or bring up to date the tables, the combinations and the side index, under the
        schema lock in one transaction (concurrent first opens wait for each other), then record
        ``SCHEMA_VERSION``."""
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            self.db.execute(SCHEMA)
            if not self.db.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'indicators'"
                                   " AND column_name = 'combo' AND table_schema = current_schema()").fetchone():
                self.db.execute(COMBO_SCHEMA)
            if self.db.execute("SELECT 1 FROM indicators WHERE combo IS NULL LIMIT 1").fetchone():
                self._fill_combos()
            postgres_rank.ensure(self.db)
            # a newer jixiao's version stays: its schema holds this one's
            self.db.execute("INSERT INTO corpus_schema (one, version) VALUES (1, %s) ON CONFLICT (one)"
                            " DO UPDATE SET version = greatest(corpus_schema.version, excluded.version)",
                            (SCHEMA_VERSION,))

    def _fill_combos(self) -> None:
        """Give rows written without one their combination id (in batches, by id)."""
        from psycopg.rows import dict_row

        while True:
            with self.db.cursor(row_factory=dict_row) as cur:
                rows = cur.execute(f"SELECT id, {', '.join(COMBO)} FROM indicators WHERE combo IS NULL"
                                   " ORDER BY id LIMIT 20000").fetchall()
                if not rows:
                    return
                ids = self._combos(cur, rows)
                cur.execute("UPDATE indicators AS i SET combo = v.combo FROM unnest(%s::bigint[], %s::bigint[])"
                            " AS v(id, combo) WHERE i.id = v.id", ([r["id"] for r in rows], ids))

    @staticmethod
    def _combos(cur, rows: list[dict]) -> list[int]:
        """The combination id of each row (new combinations added; concurrent writers agree on them)."""
        keys = [combo_key(r) for r in rows]
        new = dict(keys)
        cur.executemany(f"INSERT INTO combos (key, {', '.join(COMBO)}) VALUES (%s{', %s' * len(COMBO)})"
                        " ON CONFLICT (key) DO NOTHING", [(k, *v) for k, v in sorted(new.items())])
        got = {r["key"]: r["id"] for r in cur.execute("SELECT key, id FROM combos WHERE key = ANY(%s)",
                                                      (list(new),)).fetchall()}
        return [got[k] for k, _ in keys]

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------
    def ingest(self, doc: DocRow, rows: list[IndicatorRow]) -> str:
        """Store one report: 'unchanged' (same sha256), 'replaced' (same file, new bytes) or 'added'."""
        with self.db.transaction(), self.db.cursor() as cur:
            # Sorted keys: two writers locking (sha, key) pairs in one order cannot deadlock.
            cur.execute("SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(x, 0) AS k"
                        " FROM unnest(%s::text[]) AS x ORDER BY 1) AS keys",
                        (["sha256:" + doc.sha256, "key:" + doc.key],))
            cur.execute("SELECT 1 FROM documents WHERE sha256 = %s", (doc.sha256,))
            if cur.fetchone():
                return "unchanged"
            cur.execute("DELETE FROM documents WHERE key = %s RETURNING id", (doc.key,))
            old = cur.fetchall()  # ON DELETE CASCADE drops their indicators and index entries
            cur.execute(
                "INSERT INTO documents (sha256, file, key, kind, title, project, year, region, organisation,"
                " department) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (doc.sha256, doc.file, doc.key, doc.kind, doc.title, doc.project, doc.year, doc.region,
                 doc.organisation, doc.department))
            doc_id = cur.fetchone()["id"]
            marks = "(" + ", ".join("%s" for _ in range(len(IND_COLUMNS) + 2)) + ")"
            dicts = [r.as_dict() for r in rows]
            if dicts:  # one statement: the side index's triggers run once per document
                combos = self._combos(cur, dicts)
                cur.execute(f"INSERT INTO indicators (doc_id, combo, {_COLS}) VALUES {', '.join([marks] * len(dicts))}",
                            [v for d, combo in zip(dicts, combos, strict=True)
                             for v in (doc_id, combo, *[d[c] for c in IND_COLUMNS])])
        return "replaced" if old else "added"

    # -- reading ---------------------------------------------------------------
    # A way to match is (source, its parameters, rank, its parameters): ``source`` is the
    # FROM … WHERE of the matching rows (filters included), ``rank`` an expression over them,
    # higher is better; rows are ordered by rank, then id.
    @staticmethod
    def _by_tokens(words: list[str], filters: dict, any_word: bool) -> tuple[str, list, str, list]:
        """The token match (GIN index on the tsvector), ranked by weighted ts_rank_cd."""
        clauses, params = where(filters, "%s")
        join = " || " if any_word else " && "
        tsquery = join.join("phraseto_tsquery('simple', %s)" for _ in words)
        source = (f"FROM indicators i{_documents(clauses)} CROSS JOIN (SELECT {tsquery} AS q) AS query"
                  " WHERE i.tsv @@ q" + "".join(f" AND {c}" for c in clauses))
        return source, [*words, *params], f"ts_rank_cd('{RANK_WEIGHTS}', i.tsv, q)", []

    @staticmethod
    def _by_name(words: list[str], filters: dict, any_word: bool) -> tuple[str, list, str, list]:
        """The substring fallback: names holding the words (pg_trgm index), most similar first."""
        clauses, params = where(filters, "%s")
        names = (" OR " if any_word else " AND ").join("i.name ILIKE %s" for _ in words)
        source = f"FROM indicators i{_documents(clauses)} WHERE ({names})" + "".join(f" AND {c}" for c in clauses)
        return (source, [*(f"%{_like_escape(w)}%" for w in words), *params],
                "similarity(i.name, %s)", [" ".join(words)])

    def _kept(self, how: tuple[str, list, str, list], limit: int | None) -> list[dict]:
        """Rank inside the match (ids and ranks only, sorted and cut to ``limit``), then join the rows kept."""
        source, sparams, rank, rparams = how
        lim = f" LIMIT {int(limit)}" if limit else ""
        sql = (f"WITH f AS MATERIALIZED (SELECT i.id AS id, {rank} AS r {source} ORDER BY r DESC, i.id{lim})"
               f" SELECT {COLUMNS} FROM f JOIN indicators i ON i.id = f.id JOIN documents d ON d.id = i.doc_id"
               " ORDER BY f.r DESC, f.id")
        return self.db.execute(sql, [*rparams, *sparams]).fetchall()

    def match(self, words: list[str], filters: dict, limit: int | None, any_word: bool = False) -> list[dict]:
        """Indicators whose tokens hold all ``words`` (or any, with ``any_word``), best ts_rank_cd first.

        Ranked inside the match: ids and ranks are sorted and cut to ``limit`` before the rows
        kept are joined to their columns (filters apply first, so only the rows they keep are
        ranked). When the token index finds nothing, fall back to names containing the words
        as substrings (pg_trgm index): catches a query that jieba segments across token borders.
        """
        if not words:
            clauses, params = where(filters, "%s")
            lim = f" LIMIT {int(limit)}" if limit else ""
            sql = SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY i.id" + lim
            return self.db.execute(sql, params).fetchall()
        hits = self._best(words, filters, limit, any_word)
        if hits is None:
            hits = self._kept(self._by_tokens(words, filters, any_word), limit)
        return hits or self._kept(self._by_name(words, filters, any_word), limit)

    def _best(self, words: list[str], filters: dict, limit: int | None, any_word: bool) -> list[dict] | None:
        """The best rows of a one-word query from the side index (``corpus.postgres_rank``), or None
        when it cannot say. With filters, the best ``CANDIDATES`` matches per 20 asked are filtered
        in rank order (``postgres_rank.best``); when too few pass, the caller ranks the rows the
        filters keep."""
        if len(words) != 1 or any_word or not limit:
            return None
        clauses, params = where(filters, "%s")
        return postgres_rank.best(self.db, words[0], int(limit), COLUMNS, clauses, params,
                                  CANDIDATES * -(-int(limit) // 20) if clauses else None)

    def aggregate(self, words: list[str], filters: dict, facets: dict, any_word: bool = False) -> Facets | None:
        """The rows ``match(words, filters, None, any_word)`` returns, counted in SQL (``corpus.aggregate``),
        grouped by their combination id; None if a matching row has none yet (written by an older
        jixiao since this corpus was opened): then they are counted from the rows.

        One repeatable-read transaction: the counts and the ranks of tied labels share a snapshot.
        """
        from psycopg.rows import tuple_row

        def counted(cur, source: str, params: list, in_id_order: bool = False) -> Facets | None:
            cur.execute(f"WITH m AS MATERIALIZED (SELECT i.id AS id, i.doc_id AS doc_id, i.combo AS combo {source})"
                        " SELECT NULL, count(*), count(DISTINCT doc_id) FROM m"
                        " UNION ALL SELECT combo, count(*), min(id) FROM m GROUP BY combo", params)
            (_, n, p), *groups = cur.fetchall()
            if any(g[0] is None for g in groups):
                return None
            cur.execute(f"SELECT id, {', '.join(COMBO)} FROM combos WHERE id = ANY(%s)", ([g[0] for g in groups],))
            values = {r[0]: tuple(r[1:]) for r in cur.fetchall()}
            return Facets.from_groups(n, p, groups, values, in_id_order=in_id_order)

        with self.db.transaction(), self.db.cursor(row_factory=tuple_row) as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            if not words:
                clauses, params = where(filters, "%s")
                source = f"FROM indicators i{_documents(clauses)}" + (" WHERE " + " AND ".join(clauses) if clauses else "")
                return counted(cur, source, params, in_id_order=True)
            for way in (self._by_tokens, self._by_name):
                source, sparams, rank, rparams = way(words, filters, any_word)
                found = self._grouped(words, filters, any_word) if way == self._by_tokens else None
                if found is None:
                    found = counted(cur, source, sparams)
                if found is None or found.count:
                    break
            if found is None:
                return None

            def ranked(columns: tuple[str, ...], keys: set[tuple]):
                # by the columns, not the combination ids: the name's trigram index finds the rows
                cond, kparams = key_condition(columns, keys, "%s")
                # higher rank first: ordered by its negation, then id, as the search orders them
                cur.execute(f"SELECT {', '.join('i.' + c for c in columns)}, -({rank}), i.id {source} AND {cond}",
                            [*rparams, *sparams, *kparams])
                return cur.fetchall()

            return found.resolve(facets, ranked)

    def _grouped(self, words: list[str], filters: dict, any_word: bool) -> Facets | None:
        """Stats counts of a one-word query without filters from the side index (``corpus.postgres_rank``:
        kept for common words whose rows hold few combinations), or None when it does not keep them
        or a row has no combination yet. Only ranked queries come here: a group's smallest id is
        not needed (``Facets.in_id_order`` is false), 0 stands for it."""
        if len(words) != 1 or any_word or any(v is not None for v in filters.values()):
            return None
        got = postgres_rank.groups(self.db, words[0], COMBO)
        if got is None:
            return None
        n, p, groups = got
        return Facets.from_groups(n, p, [(g[0], g[1], 0) for g in groups], {g[0]: tuple(g[2:]) for g in groups})

    def counts(self) -> dict:
        docs = self.db.execute("SELECT count(*) AS n FROM documents").fetchone()["n"]
        inds = self.db.execute("SELECT count(*) AS n FROM indicators").fetchone()["n"]
        return {"documents": docs, "indicators": inds}

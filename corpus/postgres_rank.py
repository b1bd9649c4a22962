"""The impact-ordered side index of a PostgreSQL corpus: a one-word search reads its best rows in order.

PostgreSQL ranks matches with ``ts_rank_cd`` (weights name ≫ context > target, normalization 0).
For a one-word query that rank depends on nothing but the word's positions and their weights in
the row — no document frequency, no average length — so each (word, row) has a score fixed when the
row is written. Rows of a word with the same score form a *class* (a few dozen per word); equal
scores are ordered by id. The side index keeps, per word in at least ``HEAD`` rows (``listed``):

* every class with its row count (``rank_classes``): the classes the best ``limit`` rows come from
  are those with fewer than ``limit`` rows scoring higher;
* the ids of the *head* classes (``rank_rows``, indexed by (word, score descending, id)): a class is
  in the head while fewer than ``HEAD`` rows score higher, so the best ``HEAD`` rows are all there.

Scores are computed by ``ts_rank_cd`` itself on the row's own tsvector, with a query of the word's
lexeme: the same function on the same input as the search, so the same float4 (the tests compare
them on every matching row).

It is kept by statement-level triggers on ``indicators`` (insert, delete — ON DELETE CASCADE
included — and updates that change a tsvector), in the writer's transaction, so any writer keeps it
right, an older jixiao too. Writers take one transaction-level advisory lock (``RANK_LOCK``) before
changing it: the counts of common words are shared by every document. A corpus without the
triggers (new, or its ``indicators`` table recreated) or built for another ``HEAD`` is rebuilt from
the rows when opened (``ensure``).
"""

from __future__ import annotations

from corpus import impact

# ts_rank_cd weights {D, C, B, A}: name ≫ context > target, as bm25(10, 2, 1) in SQLite.
RANK_WEIGHTS = "{0.05, 0.1, 0.2, 1.0}"
# Any constant shared by every jixiao process (differs from the schema lock): side-index writers.
RANK_LOCK = 0x6A6978_72616E6B
# Bumped whenever the functions or triggers below change: a corpus with another version is rebuilt.
VERSION = 2
# A listed word whose rows hold at most one combination (``corpus.aggregate``) per this many rows
# keeps its stats counts too (``rank_groups``, ``rank_docs``); words in most rows through the
# documents' titles hold nearly one per row and are counted from the rows.
SHARE = 8

TABLES = """
CREATE TABLE IF NOT EXISTS rank_terms (
    id SERIAL PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL,
    listed BOOLEAN NOT NULL DEFAULT false, swept INTEGER NOT NULL DEFAULT 0, grouped BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS rank_classes (
    term INTEGER NOT NULL, score REAL NOT NULL, n INTEGER NOT NULL, head BOOLEAN NOT NULL,
    kept INTEGER NOT NULL, upto BIGINT,
    PRIMARY KEY (term, score)
);
CREATE TABLE IF NOT EXISTS rank_rows (term INTEGER NOT NULL, score REAL NOT NULL, id BIGINT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS rank_rows_order ON rank_rows (term, score DESC, id);
CREATE TABLE IF NOT EXISTS rank_groups (
    term INTEGER NOT NULL, combo BIGINT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (term, combo)
);
CREATE TABLE IF NOT EXISTS rank_docs (
    term INTEGER NOT NULL, doc_id BIGINT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (term, doc_id)
);
CREATE TABLE IF NOT EXISTS rank_state (
    one INTEGER PRIMARY KEY CHECK (one = 1), head INTEGER NOT NULL, share INTEGER NOT NULL, version INTEGER NOT NULL
);
"""
TABLE_NAMES = "rank_rows, rank_classes, rank_groups, rank_docs, rank_terms, rank_state"

# Rows scoring higher than a class, per word (window over its classes, best first).
_ABOVE = ("coalesce(sum(n) OVER (PARTITION BY term ORDER BY score DESC"
          " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)")

FUNCTIONS = r"""
DROP FUNCTION IF EXISTS rank_hits(BIGINT[], tsvector[]);
CREATE OR REPLACE FUNCTION rank_query(lexeme TEXT) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
$$;
CREATE OR REPLACE FUNCTION rank_score(tsv tsvector, lexeme TEXT) RETURNS REAL LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ts_rank_cd('@WEIGHTS@', tsv, rank_query(lexeme))
$$;

-- Classes, head rows and stats groups of the words ``tids`` from the temporary table rank_postings
-- (term, score, id, doc_id, combo), which holds every row of those words. A head class keeps its
-- first HEAD ids (``upto``: the last one kept, NULL while every row is). A word is ``grouped`` when
-- its rows hold few combinations (at most one per ``SHARE`` rows): stats then reads its counts here.
CREATE OR REPLACE FUNCTION rank_store(tids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER := (SELECT head FROM rank_state);
BEGIN
    DELETE FROM rank_classes WHERE term = ANY(tids);
    DELETE FROM rank_rows WHERE term = ANY(tids);
    DELETE FROM rank_groups WHERE term = ANY(tids);
    DELETE FROM rank_docs WHERE term = ANY(tids);
    INSERT INTO rank_classes (term, score, n, head, kept)
        SELECT term, score, n, @ABOVE@ < h, 0 FROM (SELECT term, score, count(*) AS n FROM rank_postings
                                                    GROUP BY term, score) AS c;
    INSERT INTO rank_rows (term, score, id)
        SELECT term, score, id FROM (
            SELECT p.term, p.score, p.id, row_number() OVER (PARTITION BY p.term, p.score ORDER BY p.id) AS k
            FROM rank_postings p JOIN rank_classes c ON c.term = p.term AND c.score = p.score AND c.head) AS r
        WHERE k <= h ORDER BY 1, 2 DESC, 3;
    UPDATE rank_classes c SET kept = m.kept, upto = CASE WHEN m.kept < c.n THEN m.upto END
        FROM (SELECT term, score, count(*) AS kept, max(id) AS upto FROM rank_rows WHERE term = ANY(tids)
              GROUP BY term, score) AS m
        WHERE c.term = m.term AND c.score = m.score;
    UPDATE rank_terms SET listed = true, grouped = false, df = 0, swept = 0 WHERE id = ANY(tids);
    UPDATE rank_terms t SET df = c.n, swept = c.n, grouped = c.combos * (SELECT share FROM rank_state) <= c.n
        FROM (SELECT term, count(*) AS n, count(DISTINCT coalesce(combo, 0)) AS combos FROM rank_postings
              GROUP BY term) AS c WHERE t.id = c.term;
    INSERT INTO rank_groups (term, combo, n)
        SELECT p.term, coalesce(p.combo, 0), count(*) FROM rank_postings p JOIN rank_terms t ON t.id = p.term
        WHERE t.grouped GROUP BY 1, 2;
    INSERT INTO rank_docs (term, doc_id, n)
        SELECT p.term, p.doc_id, count(*) FROM rank_postings p JOIN rank_terms t ON t.id = p.term
        WHERE t.grouped GROUP BY 1, 2;
    DROP TABLE rank_postings;
END $$;

-- (Re)build the words ``tids`` from the rows (the tsvector's GIN index finds them).
CREATE OR REPLACE FUNCTION rank_fill(tids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE rank_postings AS
        SELECT t.id AS term, rank_score(i.tsv, t.term) AS score, i.id, i.doc_id, i.combo
        FROM rank_terms t JOIN indicators i ON i.tsv @@ rank_query(t.term) WHERE t.id = ANY(tids);
    PERFORM rank_store(tids);
END $$;

-- The whole side index from the rows (one pass over them).
CREATE OR REPLACE FUNCTION rank_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER := (SELECT head FROM rank_state);
BEGIN
    PERFORM pg_advisory_xact_lock(@LOCK@);
    DELETE FROM rank_rows;
    DELETE FROM rank_classes;
    DELETE FROM rank_groups;
    DELETE FROM rank_docs;
    DELETE FROM rank_terms;
    INSERT INTO rank_terms (term, df)
        SELECT l.lexeme, count(*) FROM indicators i, unnest(i.tsv) AS l GROUP BY l.lexeme;
    CREATE TEMP TABLE rank_postings AS
        SELECT t.id AS term, rank_score(i.tsv, t.term) AS score, i.id, i.doc_id, i.combo
        FROM indicators i, unnest(i.tsv) AS l, rank_terms t WHERE t.term = l.lexeme AND t.df >= h;
    PERFORM rank_store(ARRAY(SELECT id FROM rank_terms WHERE df >= h));
END $$;

-- Fit the words ``tids`` to their classes as they are now: a word one of whose classes left out
-- could now rank, or whose head class kept too few of its rows (rows were deleted), is filled
-- again; head classes that enough rows now outscore are dropped.
CREATE OR REPLACE FUNCTION rank_sweep(tids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER := (SELECT head FROM rank_state);
    refill INTEGER[];
BEGIN
    SELECT coalesce(array_agg(DISTINCT term), '{}') INTO refill FROM (
        SELECT term, head, kept, upto, @ABOVE@ < h AS keep FROM rank_classes WHERE term = ANY(tids)) AS c
        WHERE (keep AND NOT head) OR (head AND upto IS NOT NULL AND kept < h / 2);
    IF cardinality(refill) > 0 THEN
        PERFORM rank_fill(refill);
    END IF;
    WITH c AS (SELECT term, score, head, @ABOVE@ < h AS keep FROM rank_classes
               WHERE term = ANY(tids) AND NOT term = ANY(refill)),
         gone AS (SELECT term, score FROM c WHERE head AND NOT keep),
         cut AS (UPDATE rank_classes x SET head = false, kept = 0, upto = NULL FROM gone
                 WHERE x.term = gone.term AND x.score = gone.score)
    DELETE FROM rank_rows x USING gone WHERE x.term = gone.term AND x.score = gone.score;
    UPDATE rank_terms SET swept = df WHERE id = ANY(tids) AND NOT id = ANY(refill);
END $$;

-- Rows (ids, tsvectors, documents, combinations) written (sign 1) or deleted (sign -1) in this
-- transaction; returns the listed words they hold. ``settle`` false: deleted rows' words are not swept
-- (an update sweeps them once its new rows are counted too, since a refill reads the rows as they are).
DROP FUNCTION IF EXISTS rank_change(INTEGER, BIGINT[], tsvector[], BOOLEAN);
CREATE OR REPLACE FUNCTION rank_change(sign INTEGER, ids BIGINT[], tsvs tsvector[], docs BIGINT[], combos BIGINT[],
                                       settle BOOLEAN DEFAULT true)
RETURNS INTEGER[] LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER := (SELECT head FROM rank_state);
    v_listed INTEGER[];
    v_grown INTEGER[];
    v_fill INTEGER[];
    v_regroup INTEGER[];
    x_term INTEGER[];
    x_score REAL[];
    x_id BIGINT[];
    x_doc BIGINT[];
    x_combo BIGINT[];
    x_grouped BOOLEAN[];
BEGIN
    IF ids IS NULL THEN
        RETURN '{}';
    END IF;
    PERFORM pg_advisory_xact_lock(@LOCK@);
    WITH up AS (
        INSERT INTO rank_terms AS t (term, df)
            SELECT l.lexeme, sign * count(*) FROM unnest(tsvs) AS v(tsv), unnest(v.tsv) AS l GROUP BY l.lexeme
            ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df
            RETURNING t.id, t.listed, t.df, t.swept)
    SELECT coalesce(array_agg(id) FILTER (WHERE listed), '{}'),
           coalesce(array_agg(id) FILTER (WHERE listed AND df >= 2 * swept), '{}'),
           coalesce(array_agg(id) FILTER (WHERE NOT listed AND df >= h AND sign > 0), '{}')
        INTO v_listed, v_grown, v_fill FROM up;
    -- every (listed word, row) once, scored: the statements below read these arrays
    SELECT array_agg(t.id), array_agg(rank_score(r.tsv, t.term)), array_agg(r.id), array_agg(r.doc),
           array_agg(coalesce(r.combo, 0)), array_agg(t.grouped)
        INTO x_term, x_score, x_id, x_doc, x_combo, x_grouped
        FROM unnest(ids, tsvs, docs, combos) AS r(id, tsv, doc, combo), unnest(r.tsv) AS l, rank_terms t
        WHERE t.term = l.lexeme AND t.id = ANY(v_listed);
    IF x_term IS NOT NULL THEN
        INSERT INTO rank_groups AS g (term, combo, n)
            SELECT term, combo, sign * count(*) FROM unnest(x_term, x_combo, x_grouped) AS s(term, combo, grouped)
            WHERE grouped GROUP BY term, combo
            ON CONFLICT (term, combo) DO UPDATE SET n = g.n + excluded.n;
        INSERT INTO rank_docs AS g (term, doc_id, n)
            SELECT term, doc, sign * count(*) FROM unnest(x_term, x_doc, x_grouped) AS s(term, doc, grouped)
            WHERE grouped GROUP BY term, doc
            ON CONFLICT (term, doc_id) DO UPDATE SET n = g.n + excluded.n;
    END IF;
    IF x_term IS NOT NULL AND sign > 0 THEN
        -- a new class is in the head if fewer than HEAD rows outscore it
        INSERT INTO rank_classes AS x (term, score, n, head, kept)
            SELECT s.term, s.score, count(*),
                   (SELECT coalesce(sum(y.n), 0) FROM rank_classes y WHERE y.term = s.term AND y.score > s.score) < h, 0
            FROM unnest(x_term, x_score) AS s(term, score) GROUP BY s.term, s.score
            ON CONFLICT (term, score) DO UPDATE SET n = x.n + excluded.n;
        WITH r AS (
            INSERT INTO rank_rows (term, score, id)
                SELECT s.term, s.score, s.id FROM unnest(x_term, x_score, x_id) AS s(term, score, id)
                JOIN rank_classes c ON c.term = s.term AND c.score = s.score
                WHERE c.head AND (c.upto IS NULL OR s.id <= c.upto)
                RETURNING term, score)
        UPDATE rank_classes x SET kept = x.kept + k.n FROM (SELECT term, score, count(*) AS n FROM r GROUP BY 1, 2) AS k
            WHERE x.term = k.term AND x.score = k.score;
        -- a head class that holds twice HEAD rows keeps its first HEAD
        WITH big AS (SELECT term, score FROM rank_classes WHERE term = ANY(v_listed) AND kept > 2 * h),
             ranked AS (SELECT r.term, r.score, r.id, row_number() OVER (PARTITION BY r.term, r.score ORDER BY r.id) AS k
                        FROM rank_rows r JOIN big ON big.term = r.term AND big.score = r.score),
             dropped AS (DELETE FROM rank_rows x USING ranked
                         WHERE ranked.k > h AND x.term = ranked.term AND x.score = ranked.score AND x.id = ranked.id)
        UPDATE rank_classes x SET kept = h, upto = ranked.id FROM ranked
            WHERE ranked.k = h AND x.term = ranked.term AND x.score = ranked.score;
        IF cardinality(v_grown) > 0 THEN
            -- a word not grouped is weighed again each time its rows double (up to 64 heads of rows)
            v_regroup := ARRAY(SELECT id FROM rank_terms WHERE id = ANY(v_grown) AND NOT grouped AND df <= 64 * h);
            IF cardinality(v_regroup) > 0 THEN
                PERFORM rank_fill(v_regroup);
            END IF;
            PERFORM rank_sweep(ARRAY(SELECT unnest(v_grown) EXCEPT SELECT unnest(v_regroup)));
        END IF;
    ELSIF x_term IS NOT NULL THEN
        DELETE FROM rank_groups g USING unnest(x_term, x_combo) AS s(term, combo)
            WHERE g.term = s.term AND g.combo = s.combo AND g.n <= 0;
        DELETE FROM rank_docs g USING unnest(x_term, x_doc) AS s(term, doc)
            WHERE g.term = s.term AND g.doc_id = s.doc AND g.n <= 0;
        WITH gone AS (
                DELETE FROM rank_rows x USING unnest(x_term, x_score, x_id) AS s(term, score, id)
                WHERE x.term = s.term AND x.score = s.score AND x.id = s.id RETURNING x.term, x.score),
             hit AS (SELECT term, score, count(*) AS k FROM unnest(x_term, x_score) AS s(term, score) GROUP BY term, score),
             lost AS (SELECT term, score, count(*) AS k FROM gone GROUP BY term, score)
        UPDATE rank_classes c SET n = c.n - hit.k, kept = c.kept - coalesce(lost.k, 0)
            FROM hit LEFT JOIN lost ON lost.term = hit.term AND lost.score = hit.score
            WHERE c.term = hit.term AND c.score = hit.score;
        DELETE FROM rank_classes WHERE term = ANY(v_listed) AND n <= 0;
        IF settle THEN
            PERFORM rank_sweep(v_listed);
        END IF;
    END IF;
    IF cardinality(v_fill) > 0 THEN
        PERFORM rank_fill(v_fill);
    END IF;
    RETURN v_listed;
END $$;

CREATE OR REPLACE FUNCTION rank_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rank_change(1, array_agg(id), array_agg(tsv), array_agg(doc_id), array_agg(combo)) FROM rank_new;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION rank_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rank_change(-1, array_agg(id), array_agg(tsv), array_agg(doc_id), array_agg(combo)) FROM rank_old;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION rank_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched INTEGER[];
BEGIN  -- only rows whose tsvector, document or combination changed (or id)
    SELECT rank_change(-1, array_agg(o.id), array_agg(o.tsv), array_agg(o.doc_id), array_agg(o.combo), false)
        INTO touched FROM rank_old o
        WHERE NOT EXISTS (SELECT 1 FROM rank_new n WHERE n.id = o.id AND n.tsv = o.tsv AND n.doc_id = o.doc_id
                          AND n.combo IS NOT DISTINCT FROM o.combo);
    PERFORM rank_change(1, array_agg(n.id), array_agg(n.tsv), array_agg(n.doc_id), array_agg(n.combo)) FROM rank_new n
        WHERE NOT EXISTS (SELECT 1 FROM rank_old o WHERE o.id = n.id AND o.tsv = n.tsv AND o.doc_id = n.doc_id
                          AND o.combo IS NOT DISTINCT FROM n.combo);
    IF cardinality(touched) > 0 THEN
        PERFORM rank_sweep(touched);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS rank_ins ON indicators;
DROP TRIGGER IF EXISTS rank_del ON indicators;
DROP TRIGGER IF EXISTS rank_upd ON indicators;
CREATE TRIGGER rank_ins AFTER INSERT ON indicators REFERENCING NEW TABLE AS rank_new
    FOR EACH STATEMENT EXECUTE FUNCTION rank_inserted();
CREATE TRIGGER rank_del AFTER DELETE ON indicators REFERENCING OLD TABLE AS rank_old
    FOR EACH STATEMENT EXECUTE FUNCTION rank_deleted();
CREATE TRIGGER rank_upd AFTER UPDATE ON indicators REFERENCING OLD TABLE AS rank_old NEW TABLE AS rank_new
    FOR EACH STATEMENT EXECUTE FUNCTION rank_updated();
""".replace("@WEIGHTS@", RANK_WEIGHTS).replace("@LOCK@", str(RANK_LOCK)).replace("@ABOVE@", _ABOVE)


# What ``ensure`` reads to trust the side index, as columns of one SELECT (``rank_state`` and the
# triggers on ``indicators``); ``trusted`` judges them. An error means a table is missing: not trusted.
STATE = ("(SELECT to_jsonb(s) - 'one' FROM rank_state s) AS rank_state, (SELECT count(*) FROM pg_trigger"
         " WHERE tgrelid = 'indicators'::regclass AND tgname IN ('rank_ins', 'rank_del', 'rank_upd')) AS rank_triggers")


def trusted(row: dict) -> bool:
    """Whether the ``STATE`` columns of ``row`` say the side index is in place for this jixiao: its
    three triggers on ``indicators`` and the same ``VERSION``, ``HEAD`` and ``SHARE``."""
    return (row["rank_state"] == {"head": impact.HEAD, "share": SHARE, "version": VERSION}
            and row["rank_triggers"] == 3)


def ensure(db) -> None:
    """Create the side index, or rebuild it from the rows when it cannot be trusted: no triggers on
    ``indicators`` (a new corpus, or the table recreated), another ``VERSION``, ``HEAD`` or ``SHARE``
    (its tables are then made anew). Run in the open's transaction, under the schema lock (rows as
    dicts); when all is in place, two catalog reads and no DDL (no lock on the tables). An open that
    finds everything in place does not come here (``PostgresCorpus._ready`` reads ``STATE``)."""
    if db.execute("SELECT to_regclass('rank_state') IS NOT NULL AS there").fetchone()["there"]:
        if trusted(db.execute(f"SELECT {STATE}").fetchone()):
            return
    db.execute(f"DROP TABLE IF EXISTS {TABLE_NAMES}")
    db.execute(TABLES)
    db.execute("INSERT INTO rank_state (one, head, share, version) VALUES (1, %s, %s, %s)", (impact.HEAD, SHARE, VERSION))
    db.execute(FUNCTIONS)
    db.execute("SELECT rank_rebuild()")


# The word's one lexeme (none when ``phraseto_tsquery('simple', word)`` is more than one lexeme) and
# its listed entry; parameters ``word`` (and ``limit`` below).
_TERM = ("w AS (SELECT CASE WHEN numnode(phraseto_tsquery('simple', %(word)s)) = 1 AND cardinality(a) = 1"
         " THEN a[1] END AS term FROM tsvector_to_array(to_tsvector('simple', %(word)s)) AS a),"
         " t AS (SELECT r.id, r.grouped FROM rank_terms r JOIN w ON r.term = w.term WHERE r.listed)")
# ``best``: (ok, ids of the best ``limit`` rows); ok when every class they come from keeps enough rows.
_BEST = (f"WITH {_TERM},"
         f" c AS (SELECT head, kept, upto, {_ABOVE} AS above FROM rank_classes WHERE term = (SELECT id FROM t)),"
         " best AS (SELECT EXISTS (SELECT 1 FROM t) AND coalesce((SELECT bool_and(head AND (upto IS NULL"
         " OR kept >= %(limit)s - above)) FROM c WHERE above < %(limit)s), true) AS ok,"
         " ARRAY(SELECT id FROM rank_rows WHERE term = (SELECT id FROM t) ORDER BY score DESC, id LIMIT %(limit)s) AS ids)")


def top(db, word: str, limit: int) -> list[int] | None:
    """Ids of the best ``limit`` rows matching the one-word query ``word`` (rank, then id), or None
    when the side index cannot say (the caller ranks the matches)."""
    if limit > impact.HEAD:
        return None
    row = db.execute(f"{_BEST} SELECT ok, ids FROM best", {"word": word, "limit": limit}).fetchone()
    return list(row["ids"]) if row["ok"] else None


def best(db, word: str, limit: int, columns: str, clauses: list[str] = (), params: list = (),
         candidates: int | None = None) -> list[dict] | None:
    """``columns`` (over ``indicators i`` and ``documents d``) of the best ``limit`` rows matching the
    one-word query ``word``, in order, or None when the side index cannot say (the caller ranks the
    matches). One statement: one snapshot, one round trip.

    With filters (``clauses``, each with one ``%s`` for its value in ``params``) the best
    ``candidates`` matches are filtered in rank order: exact when ``limit`` of them pass (no match
    ranked lower can come before them) or when they were all the matches; else None.
    """
    n = candidates or limit
    if n > impact.HEAD:
        return None
    named = {"word": word, "limit": n}
    where = ""
    for k, (clause, value) in enumerate(zip(clauses, params, strict=True)):
        where += " AND " + clause.replace("%s", f"%(f{k})s")
        named[f"f{k}"] = value
    rows = db.execute(
        f"{_BEST} SELECT best.ok, cardinality(best.ids) AS candidates, x.* FROM best LEFT JOIN LATERAL"
        f" (SELECT f.k, {columns} FROM unnest(best.ids) WITH ORDINALITY AS f(id, k)"
        f" JOIN indicators i ON i.id = f.id JOIN documents d ON d.id = i.doc_id WHERE best.ok{where}"
        f" ORDER BY f.k LIMIT {int(limit)}) AS x ON true ORDER BY x.k", named).fetchall()
    ok, found = rows[0]["ok"], rows[0]["candidates"]
    hits = [{c: v for c, v in r.items() if c not in ("ok", "candidates", "k")} for r in rows if r["k"] is not None]
    if not ok or not found or (len(hits) < limit and found == n):
        return None
    return hits


def groups(db, word: str, columns: tuple[str, ...]) -> tuple[int, int, list[tuple]] | None:
    """(rows, documents, [(combination id, rows, *its ``columns``)]) of the rows matching the one-word
    query ``word``, from the side index, or None when it does not keep them or a row has no
    combination yet (the caller counts the rows). One statement; rows as tuples (thousands of them)."""
    from psycopg.rows import tuple_row

    with db.cursor(row_factory=tuple_row) as cur:
        got = cur.execute(
            f"WITH {_TERM}, docs AS (SELECT count(*) AS documents FROM rank_docs WHERE term = (SELECT id FROM t))"
            f" SELECT docs.documents, c.id IS NULL, g.combo, g.n, {', '.join('c.' + x for x in columns)}"
            " FROM t JOIN rank_groups g ON g.term = t.id LEFT JOIN combos c ON c.id = g.combo, docs"
            " WHERE t.grouped", {"word": word}).fetchall()
    if not got or any(r[1] for r in got):
        return None
    return sum(r[3] for r in got), got[0][0], [r[2:] for r in got]

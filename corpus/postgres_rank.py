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
VERSION = 1

TABLES = """
CREATE TABLE IF NOT EXISTS rank_terms (
    id SERIAL PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL,
    listed BOOLEAN NOT NULL DEFAULT false, swept INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS rank_classes (
    term INTEGER NOT NULL, score REAL NOT NULL, n INTEGER NOT NULL, head BOOLEAN NOT NULL,
    kept INTEGER NOT NULL, upto BIGINT,
    PRIMARY KEY (term, score)
);
CREATE TABLE IF NOT EXISTS rank_rows (term INTEGER NOT NULL, score REAL NOT NULL, id BIGINT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS rank_rows_order ON rank_rows (term, score DESC, id);
CREATE TABLE IF NOT EXISTS rank_state (
    one INTEGER PRIMARY KEY CHECK (one = 1), head INTEGER NOT NULL, version INTEGER NOT NULL
);
"""

# Rows scoring higher than a class, per word (window over its classes, best first).
_ABOVE = ("coalesce(sum(n) OVER (PARTITION BY term ORDER BY score DESC"
          " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)")

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION rank_query(lexeme TEXT) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
$$;
CREATE OR REPLACE FUNCTION rank_score(tsv tsvector, lexeme TEXT) RETURNS REAL LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ts_rank_cd('@WEIGHTS@', tsv, rank_query(lexeme))
$$;
-- (word, score, id) of the listed words the rows (ids, tsvectors) hold.
CREATE OR REPLACE FUNCTION rank_hits(ids BIGINT[], tsvs tsvector[])
RETURNS TABLE (term INTEGER, score REAL, id BIGINT) LANGUAGE sql STABLE AS $$
    SELECT t.id, rank_score(r.tsv, t.term), r.id
    FROM unnest(ids, tsvs) AS r(id, tsv), unnest(r.tsv) AS l, rank_terms t WHERE t.term = l.lexeme AND t.listed
$$;

-- Classes and head rows of the words ``tids`` from the temporary table rank_postings (term, score, id),
-- which holds every row of those words. A head class keeps its first HEAD ids (``upto``: the last
-- one kept, NULL while every row is).
CREATE OR REPLACE FUNCTION rank_store(tids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER := (SELECT head FROM rank_state);
BEGIN
    DELETE FROM rank_classes WHERE term = ANY(tids);
    DELETE FROM rank_rows WHERE term = ANY(tids);
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
    UPDATE rank_terms SET listed = true, df = 0, swept = 0 WHERE id = ANY(tids);
    UPDATE rank_terms t SET df = c.n, swept = c.n
        FROM (SELECT term, count(*) AS n FROM rank_postings GROUP BY term) AS c WHERE t.id = c.term;
    DROP TABLE rank_postings;
END $$;

-- (Re)build the words ``tids`` from the rows (the tsvector's GIN index finds them).
CREATE OR REPLACE FUNCTION rank_fill(tids INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE rank_postings AS
        SELECT t.id AS term, rank_score(i.tsv, t.term) AS score, i.id
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
    DELETE FROM rank_terms;
    INSERT INTO rank_terms (term, df)
        SELECT l.lexeme, count(*) FROM indicators i, unnest(i.tsv) AS l GROUP BY l.lexeme;
    CREATE TEMP TABLE rank_postings AS
        SELECT t.id AS term, rank_score(i.tsv, t.term) AS score, i.id
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

-- Rows (ids, tsvectors) written (sign 1) or deleted (sign -1) in this transaction; the listed words
-- they hold. ``settle`` false: deleted rows' words are not swept (an update sweeps them once its new
-- rows are counted too, since a refill reads the rows as they are now).
DROP FUNCTION IF EXISTS rank_change(INTEGER, BIGINT[], tsvector[]);
CREATE OR REPLACE FUNCTION rank_change(sign INTEGER, ids BIGINT[], tsvs tsvector[], settle BOOLEAN DEFAULT true)
RETURNS INTEGER[] LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER := (SELECT head FROM rank_state);
    v_listed INTEGER[];
    v_grown INTEGER[];
    v_fill INTEGER[];
BEGIN
    IF ids IS NULL THEN
        RETURN '{}';
    END IF;
    PERFORM pg_advisory_xact_lock(@LOCK@);
    INSERT INTO rank_terms AS t (term, df)
        SELECT l.lexeme, sign * count(*) FROM unnest(tsvs) AS v(tsv), unnest(v.tsv) AS l GROUP BY l.lexeme
        ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df;
    SELECT coalesce(array_agg(t.id) FILTER (WHERE t.listed), '{}'),
           coalesce(array_agg(t.id) FILTER (WHERE t.listed AND t.df >= 2 * t.swept), '{}'),
           coalesce(array_agg(t.id) FILTER (WHERE NOT t.listed AND t.df >= h AND sign > 0), '{}')
        INTO v_listed, v_grown, v_fill
        FROM rank_terms t WHERE t.term IN (SELECT l.lexeme FROM unnest(tsvs) AS v(tsv), unnest(v.tsv) AS l);
    IF sign > 0 THEN
        -- a new class is in the head if fewer than HEAD rows outscore it
        INSERT INTO rank_classes AS x (term, score, n, head, kept)
            SELECT s.term, s.score, count(*),
                   (SELECT coalesce(sum(y.n), 0) FROM rank_classes y WHERE y.term = s.term AND y.score > s.score) < h, 0
            FROM rank_hits(ids, tsvs) AS s GROUP BY s.term, s.score
            ON CONFLICT (term, score) DO UPDATE SET n = x.n + excluded.n;
        WITH r AS (
            INSERT INTO rank_rows (term, score, id)
                SELECT s.term, s.score, s.id FROM rank_hits(ids, tsvs) AS s
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
            PERFORM rank_sweep(v_grown);
        END IF;
    ELSE
        WITH gone AS (
                DELETE FROM rank_rows x USING rank_hits(ids, tsvs) AS s
                WHERE x.term = s.term AND x.score = s.score AND x.id = s.id RETURNING x.term, x.score),
             hit AS (SELECT term, score, count(*) AS k FROM rank_hits(ids, tsvs) GROUP BY term, score),
             lost AS (SELECT term, score, count(*) AS k FROM gone GROUP BY term, score)
        UPDATE rank_classes c SET n = c.n - hit.k, kept = c.kept - coalesce(lost.k, 0)
            FROM hit LEFT JOIN lost ON lost.term = hit.term AND lost.score = hit.score
            WHERE c.term = hit.term AND c.score = hit.score;
        DELETE FROM rank_classes WHERE term = ANY(v_listed) AND n <= 0;
        IF settle AND cardinality(v_listed) > 0 THEN
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
    PERFORM rank_change(1, array_agg(id), array_agg(tsv)) FROM rank_new;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION rank_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rank_change(-1, array_agg(id), array_agg(tsv)) FROM rank_old;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION rank_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched INTEGER[];
BEGIN  -- only rows whose tsvector (or id) changed: filling stats' combination ids changes neither
    SELECT rank_change(-1, array_agg(o.id), array_agg(o.tsv), false) INTO touched FROM rank_old o
        WHERE NOT EXISTS (SELECT 1 FROM rank_new n WHERE n.id = o.id AND n.tsv = o.tsv);
    PERFORM rank_change(1, array_agg(n.id), array_agg(n.tsv)) FROM rank_new n
        WHERE NOT EXISTS (SELECT 1 FROM rank_old o WHERE o.id = n.id AND o.tsv = n.tsv);
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


def ensure(db) -> None:
    """Create the side index, or rebuild it from the rows when it cannot be trusted: no triggers on
    ``indicators`` (a new corpus, or the table recreated), another ``VERSION`` or another ``HEAD``.
    Run in the open's transaction, under the schema lock (rows as dicts)."""
    db.execute(TABLES)
    state = db.execute("SELECT head, version FROM rank_state").fetchone()
    triggers = db.execute("SELECT count(*) AS n FROM pg_trigger WHERE tgrelid = 'indicators'::regclass"
                          " AND tgname IN ('rank_ins', 'rank_del', 'rank_upd')").fetchone()["n"]
    if state == {"head": impact.HEAD, "version": VERSION} and triggers == 3:
        return
    db.execute("INSERT INTO rank_state (one, head, version) VALUES (1, %s, %s)"
               " ON CONFLICT (one) DO UPDATE SET head = excluded.head, version = excluded.version",
               (impact.HEAD, VERSION))
    db.execute(FUNCTIONS)
    db.execute("SELECT rank_rebuild()")


def lexeme(db, word: str) -> str | None:
    """The one lexeme ``phraseto_tsquery('simple', word)`` searches for, None if it is more than one."""
    row = db.execute("SELECT numnode(phraseto_tsquery('simple', %s)) AS n,"
                     " tsvector_to_array(to_tsvector('simple', %s)) AS lex", (word, word)).fetchone()
    return row["lex"][0] if row["n"] == 1 and len(row["lex"]) == 1 else None


def top(db, word: str, limit: int) -> list[int] | None:
    """Ids of the best ``limit`` rows matching the one-word query ``word`` (rank, then id), or None
    when the side index cannot say (the caller ranks the matches). Run in a repeatable-read transaction."""
    if limit > impact.HEAD:
        return None
    term = lexeme(db, word)
    if term is None:
        return None
    row = db.execute(
        "WITH t AS (SELECT id FROM rank_terms WHERE term = %(term)s AND listed),"
        f" c AS (SELECT head, kept, upto, {_ABOVE} AS above FROM rank_classes WHERE term = (SELECT id FROM t))"
        " SELECT EXISTS (SELECT 1 FROM t) AND coalesce((SELECT bool_and(head AND (upto IS NULL OR kept >= %(limit)s - above))"
        " FROM c WHERE above < %(limit)s), true)"
        " AS ok, ARRAY(SELECT id FROM rank_rows WHERE term = (SELECT id FROM t)"
        " ORDER BY score DESC, id LIMIT %(limit)s) AS ids", {"term": term, "limit": limit}).fetchone()
    return list(row["ids"]) if row["ok"] else None

"""The corpus queries as they were before ranking moved inside the full-text match and stats
into SQL, kept verbatim as the reference the new ones are held to (``assert_same_as_before``).

Before: every match joined to its row and document, filtered, ranked (bm25 / ts_rank_cd)
and sorted; stats counted in Python over all of those rows (``api.stats_of_rows``).
"""

from __future__ import annotations

from dataclasses import asdict

from corpus.api import _query_words, find, stats, stats_of_rows
from corpus.filters import where

QUERIES = ["满意度", "及时性", "成本", "信访", "研究", "完成率", "办结率", "绩效", "课题 研究", "信访 满意度",
           "满意度 不存在的词", "访满", "访满 困慰", "群众满意度", "", "、"]
FILTERS = [{}, {"year": 2022}, {"year": 2023}, {"unit": "%"}, {"region": "闵行"}, {"level1": "满意度"},
           {"kind": "self_assessment", "unit": "%"}, {"op": ">="}, {"level2": "质量", "year": 2021},
           {"organisation": "信访", "op": "="}, {"department": "不存在"}]
LIMITS = [1, 5, 20, None]

OLD_SQLITE_SELECT = ("SELECT i.*, d.file, d.year, d.region, d.kind, d.organisation, d.department, d.title "
                     "FROM indicators i JOIN documents d ON d.id = i.doc_id")


def old_sqlite_match(c, words, filters, limit, any_word=False):
    clauses, params = where(filters, "?")
    if words:
        query = (" OR " if any_word else " AND ").join('"' + w.replace('"', '""') + '"' for w in words)
        sql = (f"{OLD_SQLITE_SELECT} JOIN indicators_fts f ON f.rowid = i.id WHERE indicators_fts MATCH ?"
               + "".join(f" AND {c}" for c in clauses)
               + " ORDER BY bm25(indicators_fts, 10.0, 2.0, 1.0), i.id")
        params = [query, *params]
    else:
        sql = OLD_SQLITE_SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY i.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [dict(r) for r in c.db.execute(sql, params)]


def old_pg_match(c, words, filters, limit, any_word=False):
    from corpus.postgres_store import _COLS, RANK_WEIGHTS, _like_escape

    SELECT = (f"SELECT i.id, i.doc_id, {', '.join('i.' + c for c in _COLS.split(', '))}, "
              "d.file, d.year, d.region, d.kind, d.organisation, d.department, d.title "
              "FROM indicators i JOIN documents d ON d.id = i.doc_id")

    clauses, params = where(filters, "%s")
    tail = "".join(f" AND {c}" for c in clauses)
    lim = f" LIMIT {int(limit)}" if limit else ""
    if not words:
        sql = SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY i.id" + lim
        return c.db.execute(sql, params).fetchall()
    join = " || " if any_word else " && "
    tsquery = join.join("phraseto_tsquery('simple', %s)" for _ in words)
    sql = (f"{SELECT} CROSS JOIN (SELECT {tsquery} AS q) AS query WHERE i.tsv @@ q{tail}"
           f" ORDER BY ts_rank_cd('{RANK_WEIGHTS}', i.tsv, q) DESC, i.id{lim}")
    hits = c.db.execute(sql, [*words, *params]).fetchall()
    if hits:
        return hits
    glue = " OR " if any_word else " AND "
    names = glue.join("i.name ILIKE %s" for _ in words)
    sql = (f"{SELECT} WHERE ({names}){tail}"
           f" ORDER BY similarity(i.name, %s) DESC, i.id{lim}")
    return c.db.execute(sql, [*(f"%{_like_escape(w)}%" for w in words), *params, " ".join(words)]).fetchall()


def old_find(c, query, filters, limit):
    old_match = old_pg_match if c.backend == "postgres" else old_sqlite_match
    words = _query_words(query)
    hits = old_match(c, words, filters, limit)
    if not hits and len(words) > 1:
        hits = old_match(c, words, filters, limit, any_word=True)
    return hits


def assert_same_as_before(c, queries=QUERIES, filters=FILTERS, limits=LIMITS) -> int:
    """Every query × filter × limit: same rows, same order, same stats; how many rows were compared."""
    compared = 0
    for q in queries:
        for f in filters:
            for limit in limits:
                before = old_find(c, q, f, limit)
                assert find(c, q, f, limit) == before, (q, f, limit)
                compared += len(before)
            assert asdict(stats(c, q, f)) == asdict(stats_of_rows(q, old_find(c, q, f, None))), (q, f)
    return compared

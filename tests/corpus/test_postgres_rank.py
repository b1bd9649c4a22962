"""The impact-ordered side index of the PostgreSQL corpus (``corpus.postgres_rank``).

A one-word search of a common word reads its best rows from the side index instead of letting
PostgreSQL rank every match; the answer must be the one the old query gives
(``tests/corpus/before.py``), row for row, ties by id. ``HEAD`` is 2,000 rows in use; here it is
lowered so that the words of a 4,800-indicator generated corpus are indexed this way, pass the
threshold while documents are added, have their heads trimmed, lose rows when documents are
replaced or deleted, and are written by plain SQL (as an older jixiao writes) — and after every step
the side index must hold exactly what the rows say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

import corpus.impact as impact
import corpus.postgres_rank as rank
from corpus.api import open_corpus
from tests.corpus.before import assert_same_as_before
from tests.corpus.conftest import drop_tables
from tests.corpus.side_index import QUERIES, add_checking, replace_checking


@pytest.fixture()
def small(pg_url, monkeypatch):
    """An empty PostgreSQL corpus whose side index lists words in 60 rows or more and keeps the stats
    counts of all of them (the generated rows rarely repeat a combination)."""
    monkeypatch.setattr(impact, "HEAD", 60)
    monkeypatch.setattr(rank, "SHARE", 1)
    drop_tables(pg_url)
    c = open_corpus(pg_url)
    yield c
    c.close()


def _query_scores(c, term: str) -> dict[int, float]:
    """id → ts_rank_cd of every row matching ``term`` as the search query ranks it."""
    return {r["id"]: r["r"] for r in c.db.execute(
        f"SELECT id, ts_rank_cd('{rank.RANK_WEIGHTS}', tsv, q) AS r FROM indicators,"
        " phraseto_tsquery('simple', %s) AS q WHERE tsv @@ q", (term,))}


def assert_side_index_right(c) -> int:
    """Row counts of every word, and classes, counts and kept rows of every listed word, and the stats
    counts of those grouped, as the rows say; how many words are listed."""
    head = impact.HEAD
    df = {r["lexeme"]: r["n"] for r in c.db.execute(
        "SELECT l.lexeme, count(*) AS n FROM indicators, unnest(tsv) AS l GROUP BY l.lexeme")}
    terms = {r["term"]: r for r in c.db.execute("SELECT id, term, df, listed, grouped FROM rank_terms")}
    assert {t: r["df"] for t, r in terms.items() if r["df"]} == df
    listed = 0
    for term, t in terms.items():
        if not t["listed"]:
            assert t["df"] < head
            continue
        listed += 1
        scores = _query_scores(c, term)
        counts = Counter(scores.values())
        classes = {r["score"]: r for r in c.db.execute(
            "SELECT score, n, head, kept, upto FROM rank_classes WHERE term = %s", (t["id"],))}
        assert {s: r["n"] for s, r in classes.items()} == counts, term
        above = 0
        kept: set[int] = set()
        for s in sorted(counts, reverse=True):  # every class that can hold one of the best HEAD rows is kept
            assert classes[s]["head"] or above >= head, term
            ids = sorted(i for i, v in scores.items() if v == s)
            if classes[s]["head"]:
                upto = classes[s]["upto"]
                mine = [i for i in ids if upto is None or i <= upto]
                assert classes[s]["kept"] == len(mine) >= min(len(ids), head // 2), term
                kept.update(mine)
            above += counts[s]
        assert {r["id"] for r in c.db.execute("SELECT id FROM rank_rows WHERE term = %s", (t["id"],))} == kept, term
        if t["grouped"]:  # stats counts: rows per combination and per document
            rows = c.db.execute("SELECT coalesce(combo, 0) AS combo, doc_id FROM indicators i"
                                " WHERE tsv @@ rank_query(%s)", (term,)).fetchall()
            for column, table in (("combo", "rank_groups"), ("doc_id", "rank_docs")):
                assert {r[column]: r["n"] for r in c.db.execute(
                    f"SELECT {column}, n FROM {table} WHERE term = %s", (t["id"],))} == Counter(
                    r[column] for r in rows), (term, table)
        assert all(scores[r["id"]] == r["score"] for r in c.db.execute(
            "SELECT id, score FROM rank_rows WHERE term = %s", (t["id"],))), term
    return listed


def test_stored_scores_are_the_querys_ts_rank_cd(small, generated_rows):
    c = small
    for doc, rows in generated_rows[:60]:
        c.ingest(doc, rows)
    compared = 0
    for term in ("满意度", "绩效", "完成率", "修复"):
        scores = _query_scores(c, term)
        stored = {r["id"]: r["s"] for r in c.db.execute("SELECT i.id, rank_score(i.tsv, %s) AS s FROM indicators i"
                                                       " WHERE i.tsv @@ rank_query(%s)", (term, term))}
        assert stored == scores  # same rows, same float4, bit for bit
        compared += len(scores)
    assert compared > 2400


def test_searches_read_the_side_index_and_answer_as_before(small, generated_rows, monkeypatch):
    c = small
    served = Counter()
    original = rank.best

    def spy(db, word, limit, columns, *filtered):
        got = original(db, word, limit, columns, *filtered)
        served["side" if got is not None else "rank"] += 1
        return got

    def counted(db, word, columns):
        got = groups(db, word, columns)
        served["grouped" if got is not None else "counted"] += 1
        return got

    groups = rank.groups
    monkeypatch.setattr(rank, "best", spy)
    monkeypatch.setattr(rank, "groups", counted)
    add_checking(c, generated_rows, assert_side_index_right)
    assert served["grouped"] > 5 and served["counted"] > 0
    assert served["side"] > 20 and served["rank"] > 0
    assert rank.top(c.db, "满意度", 61) is None  # beyond the head: ranked as before


@pytest.mark.parametrize("candidates", [1, 7, 60])
def test_filtered_search_among_the_best_matches_or_all_of_them(small, generated_rows, monkeypatch, candidates):
    """A filtered one-word search filters the side index's best matches first and ranks every kept
    row only when too few pass: with few candidates both ways are taken, the answer is the old one."""
    import corpus.postgres_store as store

    c = small
    for doc, rows in generated_rows:
        c.ingest(doc, rows)
    monkeypatch.setattr(store, "CANDIDATES", candidates)
    answered = Counter()
    original = rank.best

    def counted(db, word, limit, columns, clauses=(), params=(), n=None):
        hits = original(db, word, limit, columns, clauses, params, n)
        if clauses:
            answered["best" if hits is not None else "all"] += 1
        return hits

    monkeypatch.setattr(rank, "best", counted)
    filters = [{"year": 2023}, {"unit": "%"}, {"region": "闵行"}, {"level1": "产出", "unit": "%"},
               {"kind": "evaluation_report"}, {"year": 2020, "region": "上海"}, {"department": "不存在"}]
    assert assert_same_as_before(c, ["满意度", "完成率", "绩效", "信访 满意度", "古籍修复"], filters, [1, 5, 20, 100]) > 0
    assert answered["best"] and answered["all"]


def test_replaced_and_deleted_documents_keep_the_side_index_right(small, generated_rows):
    c = small
    replace_checking(c, generated_rows, assert_side_index_right)
    # documents deleted by plain SQL (ON DELETE CASCADE), as another tool would
    c.db.execute("DELETE FROM documents WHERE id IN (SELECT id FROM documents ORDER BY id LIMIT 45)")
    assert assert_side_index_right(c) > 20
    assert assert_same_as_before(c, QUERIES, [{}], [1, 20, 60]) > 0


def test_rows_written_and_changed_by_plain_sql_are_indexed(small, generated_rows):
    """An older jixiao writes one row per statement; a tool may change tokens in place."""
    c = small
    for doc, rows in generated_rows[:30]:
        c.ingest(doc, rows)
    doc_id = c.db.execute("SELECT max(id) AS m FROM documents").fetchone()["m"]
    for r in generated_rows[40][1] + generated_rows[41][1]:
        c.db.execute("INSERT INTO indicators (doc_id, name, tok_name, tok_context, tok_target)"
                     " VALUES (%s, %s, %s, %s, %s)", (doc_id, r.name, r.tok_name, r.tok_context, r.tok_target))
    c.db.execute("UPDATE indicators SET tok_name = tok_name || ' 满意度' WHERE id % 7 = 0")
    c.db.execute("UPDATE indicators SET combo = combo WHERE id % 5 = 0")  # tsvector unchanged: nothing to do
    assert assert_side_index_right(c) > 20
    assert assert_same_as_before(c, QUERIES, [{}], [1, 20, 60]) > 0


def test_a_corpus_without_the_side_index_gets_it_when_opened(small, generated_rows, pg_url):
    c = small
    for doc, rows in generated_rows[:40]:
        c.ingest(doc, rows)
    # as a corpus written before the side index: no triggers, no rows in its tables
    for trigger in ("rank_ins", "rank_del", "rank_upd"):
        c.db.execute(f"DROP TRIGGER {trigger} ON indicators")
    c.db.execute("DELETE FROM rank_rows; DELETE FROM rank_classes; DELETE FROM rank_terms")
    for doc, rows in generated_rows[40:50]:  # rows the side index never saw
        c.ingest(doc, rows)
    again = open_corpus(pg_url)
    try:
        assert assert_side_index_right(again) > 30
        assert rank.top(again.db, "满意度", 20) is not None
        assert assert_same_as_before(again, QUERIES, [{}, {"year": 2023}], [1, 20, None]) > 0
    finally:
        again.close()


def test_any_lexeme_is_quoted(small):
    """rank_query makes the one-lexeme query of any lexeme the simple configuration could store."""
    for lexeme in ("it's", "a\\b", "满意度", "x:y", "a b", "''"):
        row = small.db.execute("SELECT numnode(rank_query(%s)) AS n, array_to_tsvector(ARRAY[%s]) @@ rank_query(%s) AS hit,"
                               " array_to_tsvector(ARRAY[%s || 'z']) @@ rank_query(%s) AS other",
                               (lexeme,) * 5).fetchone()
        assert row == {"n": 1, "hit": True, "other": False}, lexeme


def test_words_are_grouped_once_their_rows_repeat_combinations(pg_url, generated_rows, monkeypatch):
    """A word is weighed for stats counts each time its rows double: once its rows hold at most one
    combination per two rows (here: the same 30 documents filed four times) it is grouped."""
    monkeypatch.setattr(impact, "HEAD", 60)
    monkeypatch.setattr(rank, "SHARE", 2)
    drop_tables(pg_url)
    c = open_corpus(pg_url)
    try:
        for copy in range(4):
            for doc, rows in generated_rows[:30]:
                c.ingest(replace(doc, sha256=f"{copy}{doc.sha256[1:]}", key=f"{copy}/{doc.key}"), rows)
        assert assert_side_index_right(c) > 50
        grouped = {r["term"] for r in c.db.execute("SELECT term FROM rank_terms WHERE grouped")}
        assert {"满意度", "完成率", "绩效"} <= grouped
        assert assert_same_as_before(c, ["满意度", "完成率", "绩效"], [{}, {"unit": "%"}], [20]) > 0
    finally:
        c.close()

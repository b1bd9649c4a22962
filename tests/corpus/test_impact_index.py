"""The impact-ordered side index of the SQLite corpus (``corpus.impact``, ``corpus.sqlite_rank``).

A one-word search of a common word reads its best rows from the side index instead of letting
FTS5 score every match; the answer must be the one the old query gives (``tests/corpus/before.py``),
row for row, ties by id. ``HEAD`` is 2,000 rows in use; here it is lowered so that the words of a
4,800-indicator generated corpus are indexed this way, pass the threshold while documents are
added, have their heads trimmed, lose rows when documents are replaced — and after every step
the side index must hold exactly what rebuilding it from the full-text index gives.
"""

from __future__ import annotations

from collections import Counter

import pytest

import corpus.impact as impact
from corpus.api import find, open_corpus
from corpus.sqlite_rank import FTS_COLUMNS, RankIndex, varints
from tests.corpus.before import assert_same_as_before
from tests.corpus.side_index import QUERIES, add_checking, replace_checking


@pytest.fixture()
def small_head(monkeypatch):
    monkeypatch.setattr(impact, "HEAD", 60)
    return 60


def _row_classes(c, term: str) -> dict[int, tuple[float, int]]:
    """id → (f, dl) of every row holding ``term``, straight from FTS5 (its instances and docsize)."""
    weight = dict(zip(FTS_COLUMNS, impact.WEIGHTS, strict=True))
    c.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_i USING fts5vocab(main, indicators_fts, instance)")
    f: Counter[int] = Counter()
    for doc, col in c.db.execute("SELECT doc, col FROM temp.check_i WHERE term = ?", (term,)):
        f[doc] += weight[col]
    sizes = {i: sum(varints(sz)) for i, sz in c.db.execute("SELECT id, sz FROM indicators_fts_docsize")}
    return {doc: (w, sizes[doc]) for doc, w in f.items()}


def assert_side_index_right(c) -> int:
    """Classes, counts and head rows as the full-text index says; how many words are listed."""
    vocab = dict(c.db.execute("SELECT term, doc FROM temp.rank_vocab_r"))
    terms = {t: (tid, df, listed) for tid, t, df, listed in c.db.execute("SELECT id, term, df, listed FROM rank_terms")}
    assert {t: df for t, (_, df, _) in terms.items() if df} == vocab
    assert c.rank.current()
    listed = 0
    for term, (tid, df, is_listed) in terms.items():
        if not is_listed:
            assert df < impact.HEAD or not df
            continue
        listed += 1
        rows = _row_classes(c, term)
        classes = c.rank.classes(tid)
        assert {k: n for k, (n, _) in classes.items()} == Counter(rows.values()), term
        kept = {k for k, (_, h) in classes.items() if h}
        assert kept >= impact.head(Counter(rows.values())), term  # every class that can rank is kept
        assert sorted(r[0] for r in c.db.execute("SELECT id FROM rank_rows WHERE term = ?", (tid,))) == sorted(
            i for i, k in rows.items() if k in kept), term
    return listed


def test_class_scores_are_fts5_bm25_bit_for_bit(sqlite_corpus_empty, generated_rows, small_head):
    c = sqlite_corpus_empty
    for doc, rows in generated_rows:
        c.ingest(doc, rows)
    totals = varints(c.rank.totals())
    compared = 0
    for term in ("满意度", "绩效", "完成率", "修复"):
        rows = _row_classes(c, term)
        got = dict(c.db.execute("SELECT rowid, bm25(indicators_fts, 10.0, 2.0, 1.0) FROM indicators_fts"
                                " WHERE indicators_fts MATCH ?", (f'"{term}"',)))
        for id_, (f, dl) in rows.items():
            assert impact.bm25(f, dl, totals[0], sum(totals[1:]), len(rows)) == got[id_], (term, id_)
            compared += 1
    assert compared > 4800


def test_searches_read_the_side_index_and_answer_as_before(sqlite_corpus_empty, generated_rows, small_head,
                                                           monkeypatch):
    c = sqlite_corpus_empty
    served = Counter()
    original = RankIndex.top

    def spy(self, word, limit):
        got = original(self, word, limit)
        served["side" if got is not None else "fts5"] += 1
        return got

    monkeypatch.setattr(RankIndex, "top", spy)
    add_checking(c, generated_rows, assert_side_index_right)
    assert served["side"] > 20 and served["fts5"] > 0
    assert c.rank.top("满意度", 61) is None  # beyond the head: FTS5 ranks it


def test_replaced_documents_keep_the_side_index_right(sqlite_corpus_empty, generated_rows, small_head):
    replace_checking(sqlite_corpus_empty, generated_rows, assert_side_index_right)


def test_an_old_corpus_gets_its_side_structures_when_opened(tmp_path, generated_rows, small_head):
    path = tmp_path / "old.sqlite"
    c = open_corpus(path)
    for doc, rows in generated_rows[:60]:
        c.ingest(doc, rows)
    expected = {q: find(c, q, {}, 20) for q in QUERIES}
    # as a corpus written before the side structures: none of their rows, version 0
    for table in ("rank_rows", "rank_classes", "rank_terms", "rank_state", "indicator_keys", "combos"):
        c.db.execute(f"DELETE FROM {table}")
    c.db.execute("PRAGMA user_version = 0")
    c.close()
    c = open_corpus(path)
    try:
        assert assert_side_index_right(c) > 50
        assert c.db.execute("SELECT count(*) FROM indicator_keys").fetchone()[0] == 60 * 40
        assert {q: find(c, q, {}, 20) for q in QUERIES} == expected
        assert assert_same_as_before(c, QUERIES, [{}, {"year": 2023}], [1, 20, None]) > 0
    finally:
        c.close()


def test_a_corpus_changed_behind_the_side_index_is_ranked_by_fts5(tmp_path, generated_rows, small_head):
    """Rows written as an older jixiao writes them (no side index): searches stay right, the next open repairs."""
    path = tmp_path / "mixed.sqlite"
    c = open_corpus(path)
    for doc, rows in generated_rows[:40]:
        c.ingest(doc, rows)
    doc_id = c.db.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]
    c.db.execute("BEGIN")
    for r in generated_rows[50][1][:5]:
        cur = c.db.execute("INSERT INTO indicators (doc_id, name, tok_name, tok_context, tok_target) VALUES (?,?,?,?,?)",
                           (doc_id, r.name, r.tok_name, r.tok_context, r.tok_target))
        c.db.execute("INSERT INTO indicators_fts (rowid, tok_name, tok_context, tok_target) VALUES (?,?,?,?)",
                     (cur.lastrowid, r.tok_name, r.tok_context, r.tok_target))
    c.db.execute("COMMIT")
    assert not c.rank.current() and c.rank.top("满意度", 20) is None
    assert assert_same_as_before(c, ["满意度", "绩效"], [{}], [1, 20]) > 0
    c.close()
    c = open_corpus(path)
    try:
        assert c.rank.current() and c.rank.top("满意度", 20) is not None
        assert assert_side_index_right(c) > 10
    finally:
        c.close()

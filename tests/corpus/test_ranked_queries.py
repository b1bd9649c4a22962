"""Search ranked inside the full-text query, and stats grouped in SQL, give what the old queries gave.

The old queries are kept verbatim as the reference (``tests/corpus/before.py``): every match
joined to its row and document, filtered, ranked (bm25 / ts_rank_cd) and sorted, and stats
counted in Python over all of those rows (``stats_of_rows``). The new ones must return the
same rows in the same order (ties broken by id) and the same stats, ties in the counts
included, on the seed reports, on a small generated corpus (``benchmarks/corpus.py``: 4,800 indicators, many with
equal ranks), on reports made to catch label merging, and (test_corpus_samples.py) on the
corpus the command line builds from the bundled samples. Speed is not asserted here: it is
``benchmarks/corpus.py``'s job.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest

from corpus.aggregate import Facets
from corpus.api import FACETS, index_report, stats, stats_of_rows
from tests.corpus.before import assert_same_as_before, old_find
from tests.corpus.seed_reports import make_report


@pytest.fixture(params=["sqlite", "postgres"])
def empty(request):
    """An empty corpus on each backend in turn."""
    return request.getfixturevalue(f"{request.param if request.param == 'sqlite' else 'pg'}_corpus_empty")


@pytest.fixture()
def generated(empty, generated_rows):
    c = empty
    for doc, rows in generated_rows:
        assert c.ingest(doc, rows) == "added"
    return c


def test_seed_corpus_same_as_before(corpus):
    assert assert_same_as_before(corpus) > 100


def test_generated_corpus_same_as_before(generated):
    assert generated.counts() == {"documents": 120, "indicators": 4800}
    queries = ["满意度", "完成率", "绩效", "信访 满意度", "满意度 不存在的词", "养护 维修", "古籍修复", "访满", ""]
    filters = [{}, {"year": 2023}, {"unit": "%"}, {"region": "闵行"}, {"level1": "产出", "unit": "%"},
               {"kind": "evaluation_report"}, {"year": 2020, "region": "上海"}]
    assert assert_same_as_before(generated, queries, filters, [1, 20, None]) > 10_000


@pytest.mark.parametrize("candidates", [1, 7, 60])
def test_filtered_search_among_the_best_matches_or_all_of_them(sqlite_corpus_empty, generated_rows, monkeypatch,
                                                              candidates):
    """SQLite filters the best matches first and ranks every kept row only when too few pass:
    with few candidates both ways are taken, and the answer is the old one either way."""
    import corpus.sqlite_store as store

    c = sqlite_corpus_empty
    for doc, rows in generated_rows:
        c.ingest(doc, rows)
    monkeypatch.setattr(store, "CANDIDATES", candidates)
    monkeypatch.setattr(store, "MOST", 0.0)  # every filtered search tries the best matches first
    answered = {"best": 0, "all": 0}
    original = store.SqliteCorpus._filtered_among_best

    def counted(self, *args):
        hits = original(self, *args)
        answered["best" if hits is not None else "all"] += 1
        return hits

    monkeypatch.setattr(store.SqliteCorpus, "_filtered_among_best", counted)
    filters = [{"year": 2023}, {"unit": "%"}, {"region": "闵行"}, {"level1": "产出", "unit": "%"},
               {"kind": "evaluation_report"}, {"year": 2020, "region": "上海"}, {"department": "不存在"}]
    assert assert_same_as_before(c, ["满意度", "完成率", "绩效", "信访 满意度", "古籍修复"], filters, [1, 5, 20, 100]) > 0
    assert answered["best"] and answered["all"]


def test_a_filter_that_keeps_few_rows_ranks_only_those(generated):
    """Which way a filtered search goes depends on the share its filters keep, not the answer."""
    if generated.backend != "sqlite":
        pytest.skip("PostgreSQL tries the best matches whenever its side index has them (test_postgres_rank.py)")
    query = '"满意度"'
    assert generated._share_kept(query, ["i.unit = ?"], ["%"]) > 0.5
    assert generated._share_kept(query, ["d.year = ?"], [2023]) < 0.4
    assert generated._share_kept(query, ["d.department LIKE ?"], ["%不存在%"]) == 0


def test_generated_corpus_has_ties_broken_by_id(generated):
    """The point of the generated corpus: most rows share their rank with others, so the id decides."""
    if generated.backend == "sqlite":
        tied = generated.db.execute(
            "WITH m AS MATERIALIZED (SELECT bm25(indicators_fts, 10.0, 2.0, 1.0) AS r FROM indicators_fts"
            " WHERE indicators_fts MATCH '\"满意度\"')"
            " SELECT sum(n) FROM (SELECT count(*) AS n FROM m GROUP BY r HAVING count(*) > 1) AS t").fetchone()[0]
    else:
        from corpus.postgres_store import RANK_WEIGHTS

        tied = generated.db.execute(
            f"SELECT sum(c) AS n FROM (SELECT count(*) AS c FROM indicators, phraseto_tsquery('simple', '满意度') AS q"
            f" WHERE tsv @@ q GROUP BY ts_rank_cd('{RANK_WEIGHTS}', tsv, q) HAVING count(*) > 1) AS t"
        ).fetchone()["n"]
    assert tied > 200  # of ~450 rows matching 满意度


def _odd_report(n: int, rows):
    return make_report(f"odd_{n}.pdf", f"{n:x}" * 64, rows, kind="self_assessment", project="标签合并",
                       year=2021, region="上海市松江区")


def test_stats_merges_groups_that_print_alike(empty):
    """Values, levels and texts that differ in the database but print the same are one label,
    and a tie in counts keeps the order the labels first occur in the search results."""
    rows = [
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥95%", ">=", 95, "%", "96%", 96, 5, 5),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥95%", ">=", 95.0000001, "%", "96%", 96, 5.0, 5),
        ("", "服务对象满意度指标", "学生满意度", " 良好 ", "qualitative", None, None, "良好", None, 3, 3),
        (None, "服务对象满意度指标", "学生满意度", "良好", "qualitative", None, None, "良好", None, 4, 4),
        ("满意度指标", None, "家长满意度", "80%-90%", "range", 80, "%", "85%", 85, 4, 4),
        ("满意度指标", "", "家长满意度", "=90%", "=", 90, "%", "90%", 90, 3, 3),
        ("满意度指标", "服务对象满意度指标", "企业满意度", "", None, None, None, "", None, None, None),
        ("满意度指标", "服务对象满意度指标", "企业满意度", "提高", "increase", None, None, "提高", None, 8, 8),
    ]
    c = empty
    for n in range(3):
        assert index_report(c, _odd_report(n + 1, rows[n:] + rows[:n])) == "added"
    st = stats(c, "满意度")
    assert asdict(st) == asdict(stats_of_rows("满意度", old_find(c, "满意度", {}, None)))
    labels = dict(st.values)
    assert labels["≥95%"] == 6 and labels["良好"] == 6
    assert dict(st.filed_under)["— / 服务对象满意度指标"] == 6
    assert st.weight_median == 4.0 and st.weight_common[3] == (8.0, 3)  # 3, 4 and 5 tie at 6
    assert assert_same_as_before(c, ["满意度", "良好", "企业"], [{}, {"unit": "%"}, {"level1": "满意度"}]) > 0


def test_ties_are_ranked_only_where_they_are_shown(generated, monkeypatch):
    """Equal counts in view are put in search order by ranking the rows of those labels only;
    a facet without such a tie asks nothing more of the backend."""
    asked: list[tuple] = []
    original = Facets.resolve

    def spy(self, facets, ranked):
        def counted(columns, keys):
            rows = list(ranked(columns, keys))
            asked.append((columns, len(keys), len(rows)))
            return rows

        return original(self, facets, counted)

    monkeypatch.setattr(Facets, "resolve", spy)
    st = stats(generated, "满意度")
    assert st.count > 300 and asked
    for columns, keys, rows in asked:
        assert columns in {f.columns for f in FACETS.values()} and 2 <= keys and rows < st.count
    assert asdict(st) == asdict(stats_of_rows("满意度", old_find(generated, "满意度", {}, None)))
    asked.clear()
    assert stats(generated, "").count == 4800 and asked == []  # id order: the smallest id is the first place


def test_no_query_words_counts_every_row_in_id_order(corpus):
    for f in ({}, {"unit": "%"}, {"region": "松江"}):
        assert asdict(stats(corpus, "、", f)) == asdict(stats_of_rows("、", old_find(corpus, "、", f, None)))
    assert stats(corpus, "").count == 16


def test_a_backend_without_aggregate_still_gets_stats(corpus):
    class Plain:
        backend = corpus.backend

        def match(self, *args, **kwargs):
            return corpus.match(*args, **kwargs)

    assert asdict(stats(Plain(), "满意度", {"unit": "%"})) == asdict(stats(corpus, "满意度", {"unit": "%"}))


def test_rows_written_without_their_combination_are_counted_from_the_rows(empty, generated_rows):
    """An older jixiao writes rows without a combination id: until the corpus is reopened,
    stats counts the rows themselves (same answer); reopening gives them their ids."""
    c = empty
    for doc, rows in generated_rows[:20]:
        c.ingest(doc, rows)
    doc_id = c.db.execute("SELECT max(id) AS m FROM documents").fetchone()["m"]
    extra = generated_rows[30][1][:6]
    if c.backend == "sqlite":
        c.db.execute("BEGIN")
        for r in extra:
            cur = c.db.execute("INSERT INTO indicators (doc_id, name, level1, op, value, tok_name, tok_context,"
                               " tok_target) VALUES (?,?,?,?,?,?,?,?)",
                               (doc_id, r.name, r.level1, r.op, r.value, r.tok_name, r.tok_context, r.tok_target))
            c.db.execute("INSERT INTO indicators_fts (rowid, tok_name, tok_context, tok_target) VALUES (?,?,?,?)",
                         (cur.lastrowid, r.tok_name, r.tok_context, r.tok_target))
        c.db.execute("COMMIT")
    else:
        for r in extra:
            c.db.execute("INSERT INTO indicators (doc_id, name, level1, op, value, tok_name, tok_context, tok_target)"
                         " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                         (doc_id, r.name, r.level1, r.op, r.value, r.tok_name, r.tok_context, r.tok_target))
    words: list[str] = []  # every row, the ones without a combination among them
    assert c.aggregate(words, {}, FACETS) is None
    for q in ("满意度", "完成率", ""):
        assert asdict(stats(c, q)) == asdict(stats_of_rows(q, old_find(c, q, {}, None)))
    path = c.path
    c.close()
    from corpus.api import open_corpus

    c = open_corpus(path)
    try:
        assert c.aggregate(words, {}, FACETS) is not None
        for q in ("满意度", "完成率", ""):
            assert asdict(stats(c, q)) == asdict(stats_of_rows(q, old_find(c, q, {}, None)))
    finally:
        c.close()

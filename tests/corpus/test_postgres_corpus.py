"""What only the PostgreSQL corpus has to prove: parity with SQLite, weighted ranking, the
pg_trgm substring fallback, the schema it builds, and concurrent writers.

The shared behaviour tests (test_corpus.py) already run on PostgreSQL through the ``corpus``
fixture; these add what SQLite cannot show.
"""

from __future__ import annotations

import threading

import pytest

from corpus.api import find, index_report, open_corpus
from tests.corpus.seed_reports import seed_reports

QUERIES = ["满意度", "及时性", "成本", "信访", "研究", "社会", "办结率", "课题 研究", "信访 满意度"]


@pytest.fixture()
def both(sqlite_corpus_empty, pg_corpus_empty):
    for c in (sqlite_corpus_empty, pg_corpus_empty):
        for r in seed_reports():
            assert index_report(c, r) == "added"
    return sqlite_corpus_empty, pg_corpus_empty


@pytest.mark.parametrize("query", QUERIES)
def test_same_rows_and_keys_as_sqlite(both, query):
    lite, pg = both
    a = sorted(find(lite, query, limit=None), key=lambda r: r["id"])
    b = sorted(find(pg, query, limit=None), key=lambda r: r["id"])
    assert a, f"seed data should match {query!r}"
    assert a == b  # same keys, same values, same Python types


def test_filters_and_no_words_match_sqlite(both):
    lite, pg = both
    for filters in ({"region": "闵行"}, {"unit": "%", "level1": "满意度"}, {"year": 2022, "kind": "self_eval"},
                    {"op": ">="}, {}):
        assert lite.match([], filters, None) == pg.match([], filters, None)
    with pytest.raises(ValueError):
        pg.match(["满意度"], {"colour": "red"}, None)


def test_name_outranks_context(pg_corpus_empty):
    c = pg_corpus_empty
    for r in seed_reports():
        index_report(c, r)
    names = [h["name"] for h in c.match(["信访"], {}, None)]
    in_name = [n for n in names if "信访" in n]
    assert in_name and names[: len(in_name)] == in_name  # every name hit before any context-only hit
    assert c.match(["社会"], {}, None)[0]["name"] == "社会面防控影响力"
    assert len(c.match(["研究"], {}, 2)) == 2


def test_substring_fallback_uses_trigrams(pg_corpus_empty):
    c = pg_corpus_empty
    for r in seed_reports():
        index_report(c, r)
    # "访满" spans two jieba tokens of 群众信访满意度: no token matches, the name does.
    assert [h["name"] for h in c.match(["访满"], {}, None)] == ["群众信访满意度"]
    assert [h["name"] for h in find(c, "访满")] == ["群众信访满意度"]
    assert c.match(["访满"], {"region": "闵行"}, None) == []
    assert {h["name"] for h in c.match(["访满", "困慰"], {}, None, any_word=True)} == {"群众信访满意度",
                                                                                   "帮困慰问送温暖人数"}
    assert c.match(["访满", "困慰"], {}, None) == []  # all words: no name holds both
    # Only when the tokens find nothing: "温暖" is a token, so the substring "访满" is not tried.
    assert [h["name"] for h in c.match(["访满", "温暖"], {}, None, any_word=True)] == ["帮困慰问送温暖人数"]
    assert c.match(["%"], {}, None) == []  # LIKE wildcards in a query are literal


def test_schema_has_weighted_tsvector_and_trigram_index(pg_corpus_empty):
    c = pg_corpus_empty
    index_report(c, seed_reports()[0])
    indexes = {r["indexname"]: r["indexdef"] for r in
               c.db.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'indicators'")}
    assert "gin (tsv)" in indexes["indicators_tsv"]
    assert "gin_trgm_ops" in indexes["indicators_name_trgm"]
    tsv = c.db.execute("SELECT tsv::text AS t FROM indicators WHERE name = '成本控制'").fetchone()["t"]
    assert "'成本控制':3A" in tsv and "'良好':16C" in tsv and "'规划'" in tsv


def test_reopening_keeps_the_data(pg_corpus_empty, pg_url):
    index_report(pg_corpus_empty, seed_reports()[0])
    again = open_corpus(pg_url.replace("postgresql://", "postgres://"))
    try:
        assert again.counts() == pg_corpus_empty.counts() == {"documents": 1, "indicators": 9}
        assert index_report(again, seed_reports()[0]) == "unchanged"
    finally:
        again.close()


def test_an_open_runs_the_schema_only_when_the_corpus_is_not_in_place(pg_corpus_empty, pg_url, monkeypatch):
    """Opening a corpus this jixiao made is one statement (``PostgresCorpus._ready``); a corpus made
    by an older jixiao (no recorded schema version), an older schema version, rows written without a
    combination, a table or index of the schema missing, or a side index without its triggers or of
    another version run the schema, which repairs them and records the version. The corpus answers the same either way."""
    from corpus import postgres_store
    from corpus.postgres_store import PostgresCorpus

    c = pg_corpus_empty
    index_report(c, seed_reports()[0])
    expected = [(r["id"], r["name"]) for r in find(c, "满意度")]
    assert expected
    prepared: list[bool] = []
    real = PostgresCorpus._prepare

    def spy(self) -> None:
        prepared.append(True)
        real(self)

    monkeypatch.setattr(PostgresCorpus, "_prepare", spy)

    def ran_schema() -> bool:
        prepared.clear()
        again = open_corpus(pg_url)
        try:
            assert again.counts() == {"documents": 1, "indicators": 9}
            assert [(r["id"], r["name"]) for r in find(again, "满意度")] == expected
        finally:
            again.close()
        return bool(prepared)

    def version() -> int:
        return c.db.execute("SELECT version FROM corpus_schema").fetchone()["version"]

    assert version() == postgres_store.SCHEMA_VERSION
    assert not ran_schema()
    c.db.execute("DROP TABLE corpus_schema")  # as a corpus made before the version was recorded
    assert ran_schema()
    assert version() == postgres_store.SCHEMA_VERSION and not ran_schema()
    monkeypatch.setattr(postgres_store, "SCHEMA_VERSION", postgres_store.SCHEMA_VERSION + 1)  # a newer schema
    assert ran_schema()
    assert version() == postgres_store.SCHEMA_VERSION and not ran_schema()
    c.db.execute("UPDATE corpus_schema SET version = version + 5")  # a newer jixiao's schema holds this one's
    assert not ran_schema() and version() == postgres_store.SCHEMA_VERSION + 5
    # a row as an older jixiao writes it: no combination; the open gives it one
    c.db.execute("UPDATE indicators SET combo = NULL WHERE id = (SELECT min(id) FROM indicators)")
    assert ran_schema()
    assert c.db.execute("SELECT count(*) AS n FROM indicators WHERE combo IS NULL").fetchone()["n"] == 0
    c.db.execute("DROP INDEX indicators_unit")  # the schema makes it again
    assert ran_schema()
    assert c.db.execute("SELECT to_regclass('indicators_unit') IS NOT NULL AS there").fetchone()["there"]
    c.db.execute("DROP TRIGGER rank_upd ON indicators")  # the side index can no longer be trusted
    assert ran_schema()
    assert c.db.execute("SELECT count(*) AS n FROM pg_trigger WHERE tgname LIKE 'rank_%'").fetchone()["n"] == 3
    c.db.execute("UPDATE rank_state SET version = version - 1")  # built by an older jixiao
    assert ran_schema() and not ran_schema()


def _race(url: str, reports: list, n: int) -> list[str]:
    """Ingest reports[i % len] from n connections at once; the outcome of each."""
    corpora = [open_corpus(url) for _ in range(n)]
    start = threading.Barrier(n)
    results: list[str | BaseException] = [""] * n

    def work(i: int) -> None:
        start.wait()
        try:
            results[i] = index_report(corpora[i], reports[i % len(reports)])
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            results[i] = e

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for c in corpora:
        c.close()
    assert not [r for r in results if isinstance(r, BaseException)], results
    return results  # type: ignore[return-value]


def test_concurrent_writers_add_a_report_once(pg_corpus_empty, pg_url):
    report = seed_reports()[0]
    results = _race(pg_url, [report], 6)
    assert sorted(results) == ["added"] + ["unchanged"] * 5
    assert pg_corpus_empty.counts() == {"documents": 1, "indicators": 9}


def test_concurrent_replacements_leave_one_version_of_a_file(pg_corpus_empty, pg_url):
    base = seed_reports()[0]
    index_report(pg_corpus_empty, base)
    versions = []
    for i in range(4):
        v = base.model_copy(deep=True)
        v.source.sha256 = f"{i}" * 64
        v.projects[0].indicators = v.projects[0].indicators[: i + 1]
        versions.append(v)
    results = _race(pg_url, versions, 4)
    assert sorted(results) == ["replaced"] * 4
    counts = pg_corpus_empty.counts()
    assert counts["documents"] == 1 and 1 <= counts["indicators"] <= 4
    row = pg_corpus_empty.db.execute("SELECT file, sha256 FROM documents").fetchone()
    assert row["file"] == base.source.file

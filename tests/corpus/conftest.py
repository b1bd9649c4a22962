"""Corpus fixtures: every behaviour test runs on SQLite and on a real PostgreSQL server.

The server starts once per session (see ``pg_server``) and each test gets freshly created
tables, so the PostgreSQL backend is held to exactly the assertions the SQLite one passes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.api import index_report, open_corpus
from tests.corpus import pg_server
from tests.corpus.seed_reports import seed_reports

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pg_url():
    """URL of a throw-away PostgreSQL database; skips when no PostgreSQL binaries exist."""
    reason = pg_server.missing_reason()
    if reason:
        pytest.skip(reason)
    pytest.importorskip("psycopg", reason="psycopg 3 not installed (pip install -e '.[test]')")
    server = pg_server.start()
    print(f"\nPostgreSQL test server {server.url}: {server.timings}")
    try:
        yield server.url
    finally:
        server.stop()


def drop_tables(url: str) -> None:
    """Empty the test database so the next corpus creates its schema from nothing."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS indicators, documents CASCADE")


@pytest.fixture()
def sqlite_corpus_empty(tmp_path):
    c = open_corpus(tmp_path / "c.sqlite")
    yield c
    c.close()


@pytest.fixture()
def pg_corpus_empty(pg_url):
    drop_tables(pg_url)
    c = open_corpus(pg_url)
    yield c
    c.close()


@pytest.fixture(params=["sqlite", "postgres"])
def corpus(request):
    """The seed reports indexed into each backend in turn."""
    c = request.getfixturevalue(f"{request.param if request.param == 'sqlite' else 'pg'}_corpus_empty")
    assert c.backend == request.param
    for r in seed_reports():
        assert index_report(c, r) == "added"
    return c


def _count(corpus, table: str) -> int:
    if corpus.backend == "postgres":
        import psycopg

        with psycopg.connect(corpus.path) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    import sqlite3

    reader = sqlite3.connect(corpus.path)
    try:
        return reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        reader.close()


@pytest.fixture()
def reader_count() -> Callable[[object, str], int]:
    """Rows of a table as a second, independent connection (another reader) sees them."""
    return _count


@pytest.fixture(scope="session")
def generated_rows():
    """120 documents of the benchmark's generated corpus (``benchmarks/corpus.py``: 4,800 indicators,
    many with equal ranks), as (DocRow, [IndicatorRow])."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.documents(docs=120))

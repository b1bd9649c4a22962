"""What the side-index tests of both backends do to a corpus (``test_impact_index.py`` for SQLite,
``test_postgres_rank.py`` for PostgreSQL): documents added one by one while words pass the
threshold, and documents replaced; after each, every answer is held to the old queries'."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from tests.corpus.before import assert_same_as_before

QUERIES = ["满意度", "完成率", "绩效", "指标", "群众满意度", "信访", "古籍修复", "修复", "访满"]


def add_checking(c, generated_rows: list, side_index_right: Callable[[object], int]) -> None:
    """Ingest every document; searches answer as before while words cross the threshold and at the end."""
    for n, (doc, rows) in enumerate(generated_rows):
        c.ingest(doc, rows)
        if n in (10, 45):  # words pass the threshold while documents arrive
            assert assert_same_as_before(c, QUERIES, [{}, {"unit": "%"}], [1, 20, 60]) > 0
    assert side_index_right(c) > 100
    filters = [{}, {"unit": "%"}, {"level1": "产出", "unit": "%"}, {"year": 2023}]
    assert assert_same_as_before(c, QUERIES, filters, [1, 5, 20, 60, None]) > 10_000


def replace_checking(c, generated_rows: list, side_index_right: Callable[[object], int]) -> None:
    """80 documents, then 30 of them replaced by shorter other ones (same key, new bytes)."""
    for doc, rows in generated_rows[:80]:
        c.ingest(doc, rows)
    for k, (doc, _rows) in enumerate(generated_rows[:30]):  # old rows out, new rows in
        other = generated_rows[80 + k % 40][1]
        assert c.ingest(replace(doc, sha256=f"{k + 1:064x}"[::-1]), other[: 10 + k]) == "replaced"
    assert side_index_right(c) > 50
    assert assert_same_as_before(c, QUERIES, [{}, {"unit": "%"}], [1, 20, 60]) > 0

"""``recompute.detail`` finds the lines a detail table's caption names through an index of row
names (``_RowNames``); it must find exactly the rows the plain walk over every name finds."""

from __future__ import annotations

from checker.rules.recompute import _GRAM, _RowNames
from checker.tables import norm
from extractor.contract import Report, TableOut
from patterns.table_roles import caption_subject
from tests.conftest import read_recognised

SEEDS = ["tests/fixtures/seeds/000_3dc6be9536a5ad30.txt", "tests/fixtures/seeds/002_b4aca793d1875d66.txt",
         "tests/fixtures/seeds/004_6a38d2289e928ccf.txt"]


def _walk(index: _RowNames, key: str) -> list[tuple[TableOut, int]]:
    return [(u, r) for u, r, names in index.rows
            if any(n == key or (len(n) >= _GRAM and n in key) or (len(key) >= _GRAM and key in n) for n in names)]


def _keys(report: Report) -> set[str]:
    """Every caption subject and every row name of the file, and pieces of them: the index is
    asked for whole names, names inside longer ones and names holding shorter ones."""
    keys = {caption_subject(t.caption) for t in report.tables}
    for t in report.tables:
        for row in t.rows:
            for x in row:
                n = norm(x)
                keys |= {n, n[:4], n[:6], n[1:], n[2:9]}
    return {k for k in keys if len(k) >= 4}


def test_the_index_finds_what_a_walk_over_every_name_finds():
    for path in SEEDS:
        _, report = read_recognised(path)
        index = _RowNames(report)
        keys = _keys(report)
        assert len(keys) > 100 and index.rows
        found = 0
        for key in keys:
            got = index.naming(key)
            assert [(u.id, r) for u, r in got] == [(u.id, r) for u, r in _walk(index, key)], key
            found += bool(got)
        assert found > 50, path  # the keys do name rows: the comparison is not of empty lists


def test_a_name_split_across_two_cells_is_not_found_across_them():
    t = TableOut(id="t1", rows=[["维稳值班经费", "劝返工作经费", "1,000.00"]])
    index = _RowNames(Report.model_validate({"source": {"file": "x.txt", "sha256": "0" * 64, "format": "txt"},
                                             "tables": [t.model_dump()]}))
    assert index.naming("经费劝返工作") == []  # the joined text's separator is no name's character
    assert [(u.id, r) for u, r in index.naming("劝返工作经费")] == [("t1", 0)]

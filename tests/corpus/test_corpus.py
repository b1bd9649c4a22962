"""The corpus on every backend (SQLite, PostgreSQL): jieba-token search, filters, stats, suggest,
export, idempotent ingest. The ``corpus`` fixture (conftest.py) runs each test on both."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corpus.api import export, find, highlight, index_report, stats, suggest
from tests.corpus.seed_reports import seed_reports


def test_word_search_finds_whole_and_part(corpus):
    names = [h["name"] for h in find(corpus, "满意度")]
    assert set(names) == {"群众信访满意度", "受益对象满意度", "群众满意度", "信访市民对信访办满意度", "居民群众满意度"}
    assert "课题研究开展及时性" in [h["name"] for h in find(corpus, "及时性")]
    assert [h["name"] for h in find(corpus, "成本")] == ["成本控制"]


def test_filters(corpus):
    hits = find(corpus, "满意度", {"region": "闵行"})
    assert {h["file"] for h in hits} == {"minhang_eval_2022.pdf"}
    hits = find(corpus, "满意度", {"unit": "%", "level1": "满意度"})
    assert all(h["unit"] == "%" for h in hits) and len(hits) == 4
    assert find(corpus, "满意度", {"year": 2021}) == []


def test_reindex_is_idempotent_and_a_changed_file_replaces(corpus):
    reports = seed_reports()
    assert index_report(corpus, reports[0]) == "unchanged"
    assert corpus.counts() == {"documents": 2, "indicators": 16}
    changed = reports[0].model_copy(deep=True)
    changed.source.sha256 = "c" * 64
    changed.projects[0].indicators = changed.projects[0].indicators[:3]
    assert index_report(corpus, changed) == "replaced"
    assert corpus.counts() == {"documents": 2, "indicators": 10}
    assert find(corpus, "成本控制") == []  # the old rows are gone from the full-text index too


def test_same_name_in_two_folders_is_two_documents(corpus):
    other = seed_reports()[0].model_copy(deep=True)
    other.source.sha256 = "e" * 64  # another file that happens to share the name
    assert index_report(corpus, other, key="2021/songjiang_self_2022.pdf") == "added"
    assert corpus.counts()["documents"] == 3
    changed = other.model_copy(deep=True)
    changed.source.sha256 = "f" * 64
    assert index_report(corpus, changed, key="2021/songjiang_self_2022.pdf") == "replaced"
    assert corpus.counts()["documents"] == 3


def test_stats_histogram_and_met(corpus):
    st = stats(corpus, "满意度")
    assert st.count == 5 and st.documents == 2
    labels = dict(st.values)
    assert labels["≥80%"] == 1 and labels["≥85%"] == 1
    # 居民群众满意度 ≥95 % with 84 % actual is missed; ≥80 % with 90 met; ≥85 % with 90 met; 提高/提高 met
    assert st.missed == 1 and st.met >= 3
    assert ("满意度指标 / 服务对象满意度指标", 5) in st.filed_under


def test_suggest_groups_by_level(corpus):
    groups = suggest(corpus, "信访课题研究")
    assert "产出指标 / 数量指标" in groups
    names = [i["name"] for items in groups.values() for i in items]
    assert "信访课题研究完成率" in names


def test_highlight_marks_whole_words():
    assert highlight("群众信访满意度", "满意度") == "群众信访[满意度]"


def test_export_formats(corpus, tmp_path):
    rows = find(corpus, "满意度", limit=None)
    data = export(rows, "csv", tmp_path / "x.csv")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 5 and table[0]["name"]
    lines = export(rows, "jsonl", None).decode().splitlines()
    assert json.loads(lines[0])["name"] == rows[0]["name"]
    export(rows, "xlsx", tmp_path / "x.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "x.xlsx").active
    assert ws.max_row == 6


def test_a_failed_ingest_leaves_the_corpus_as_it_was(corpus, monkeypatch):
    before = corpus.counts()
    bad = seed_reports()[0].model_copy(deep=True)
    bad.source.sha256 = "d" * 64
    bad.source.file = "new.pdf"
    from corpus import rows as rows_mod

    original = rows_mod.IndicatorRow.as_dict
    calls = {"n": 0}

    def explode(self):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("crash mid-ingest")
        return original(self)

    monkeypatch.setattr(rows_mod.IndicatorRow, "as_dict", explode)
    with pytest.raises(RuntimeError):
        index_report(corpus, bad)
    assert corpus.counts() == before


def test_readers_see_a_consistent_corpus_while_writing(corpus, tmp_path, reader_count):
    assert reader_count(corpus, "indicators") == 16

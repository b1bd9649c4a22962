"""The corpus built by the command line from the bundled samples and the seeds, end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES, SEEDS


def jixiao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    for name in ("eval_report_2022_xinfang.docx", "target_decl_2023_songjiang.docx", "monitoring_2023_qingyunpu.docx",
                 "target_decl_2018_minhang.html"):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SAMPLES / "real" / "shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf",
                folder / "putuo_2023.pdf")
    seeds = folder / "seeds"
    seeds.mkdir()
    shutil.copy(next(SEEDS.glob("002_*.txt")), seeds / "self_assessment_ocr.txt")
    path = tmp_path_factory.mktemp("db") / "corpus.sqlite"
    r = jixiao("index", str(folder), "--db", str(path))
    assert r.returncode == 0, r.stderr
    assert "6 份文件" in r.stderr
    again = jixiao("index", str(folder), "--db", str(path))
    assert "unchanged 6" in again.stderr
    return path


def test_search_finds_satisfaction_indicators_with_file_and_page(db):
    hits = json.loads(jixiao("search", "满意度", "--db", str(db), "--json", "--limit", "100").stdout)
    names = {h["name"] for h in hits}
    assert {"居民群众满意度", "管理部门满意度", "受益对象满意度", "居民满意度"} <= names
    putuo = [h for h in hits if h["file"] == "putuo_2023.pdf"]
    assert putuo and all(h["page"] and 31 <= h["page"] <= 35 for h in putuo)
    table = jixiao("search", "满意度", "--db", str(db), "--unit", "%")
    assert table.returncode == 0 and "满意度" in table.stdout


def test_search_filters_by_year_and_level1(db):
    hits = json.loads(jixiao("search", "满意度", "--db", str(db), "--year", "2023", "--json").stdout)
    assert hits and all(h["year"] == 2023 for h in hits)
    hits = json.loads(jixiao("search", "执行率", "--db", str(db), "--level1", "过程", "--json").stdout)
    assert [h["code"] for h in hits] == ["B11"]


def test_stats_shows_target_distribution(db):
    st = json.loads(jixiao("stats", "满意度", "--db", str(db), "--json").stdout)
    assert st["count"] >= 8 and st["documents"] >= 3
    labels = dict((label, n) for label, n in st["values"])
    assert labels.get("≥80%", 0) >= 3
    assert any("满意度指标" in under for under, _ in st["filed_under"])
    text = jixiao("stats", "满意度", "--db", str(db)).stdout
    assert "█" in text and "≥80%" in text


def test_suggest_for_a_project_description(db):
    groups = json.loads(jixiao("suggest", "信访信息化系统运维", "--db", str(db), "--json").stdout)
    names = [i["name"] for items in groups.values() for i in items]
    assert "信访信息化水平" in names or "信访接待系统维保完成率" in names


def test_export_xlsx_and_jsonl(db, tmp_path):
    out = tmp_path / "all.xlsx"
    r = jixiao("export", "--format", "xlsx", "-o", str(out), "--db", str(db))
    assert r.returncode == 0 and out.exists()
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws.max_row > 100 and ws.cell(1, 9).value == "name"
    lines = jixiao("export", "--format", "jsonl", "-o", "-", "--db", str(db), "--query", "满意度").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows and all("满意度" in (r["name"] + (r["level1"] or "") + (r["level2"] or "")) for r in rows)


def test_ranked_search_and_stats_same_as_before(db):
    """On the corpus built from the samples: the same rows, order and stats as the old queries."""
    from corpus.api import open_corpus
    from tests.corpus.before import assert_same_as_before

    c = open_corpus(db)
    try:
        compared = assert_same_as_before(
            c, ["满意度", "执行率", "信访", "及时性", "资金 使用", "完成率", "率", "访满", ""],
            [{}, {"year": 2023}, {"unit": "%"}, {"level1": "过程"}, {"kind": "evaluation_report"}, {"region": "闵行"},
             {"year": 2022, "unit": "%"}], [1, 20, None])
    finally:
        c.close()
    assert compared > 1000

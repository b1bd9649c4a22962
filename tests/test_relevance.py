"""A readable file that is not a budget-performance document is named as such, not
returned as an empty result (patterns/relevance.py, jixiao/pipeline.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import NotPerformanceDocumentError
from jixiao.batch import BatchOptions, run_batch
from jixiao.cli import main
from jixiao.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
PAPER = "Attention Is All You Need\n\nThe dominant sequence transduction models are based on recurrent networks.\n"
NOTICE = "关于召开2024年春节团拜会的通知\n\n各科室：定于1月20日下午2点在三楼会议室召开团拜会，请准时参加。\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    (tmp_path / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "decl.html").write_bytes((ROOT / "samples" / "target_decl_2018_minhang.html").read_bytes())
    return tmp_path


def test_a_notice_and_a_paper_are_not_performance_documents(folder: Path):
    for name in ("paper.txt", "notice.txt"):
        with pytest.raises(NotPerformanceDocumentError, match=f"^{name}: not a budget-performance document"):
            extract(folder / name)
    assert extract(folder / "decl.html").document.kind == "target_declaration"


def test_a_short_text_about_a_budget_is_still_read(tmp_path: Path):
    note = tmp_path / "note.txt"
    note.write_text("2023年本项目预算金额为15万元，预计于年底完成。\n", encoding="utf-8")
    report = extract(note)
    assert [c.value for c in report.claims if c.value] or report.amounts


def test_the_cli_names_the_file_and_goes_on(folder: Path, capsys):
    code = main(["check", str(folder / "notice.txt"), str(folder / "decl.html")])
    captured = capsys.readouterr()
    assert code == 2
    assert "notice.txt: not a budget-performance document" in captured.err
    assert "target_declaration" in captured.out


def test_a_batch_records_it_and_goes_on(folder: Path, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run_batch(folder, out, BatchOptions(workers=1))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in summary["files"]}
    assert by_name["decl.html"]["status"] == "ok"
    for name in ("paper.txt", "notice.txt"):
        assert by_name[name]["status"] == "failed"
        assert "not a budget-performance document" in by_name[name]["error"]

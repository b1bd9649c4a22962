"""What each short command imports (issue 18): start-up is paid by every command and every batch
worker, so ``--help``, ``search`` and ``stats`` load no recogniser, no contract model and no
document reader, and a check of a text or of a contract JSON no PDF/Office reader and no spaCy.
Modules, not seconds: speed itself lives in ``make bench`` (benchmarks/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# run the command in-process, then print which of the heavy modules it imported
PROBE = """
import sys
sys.argv = ["jixiao", *sys.argv[1:]]
from jixiao.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ["spacy", "jieba", "pydantic", "extractor.contract", "patterns.recognise", "checker.rules",
         "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "docx", "xlrd", "numpy"]
sys.__stdout__.write("\\nIMPORTED " + " ".join(m for m in heavy if m in sys.modules) + "\\n")
"""

TEXT = "项目预算资金100万元，实际支出95万元，预算执行率为95%。\n服务对象满意度为96%，综合评分为91分，绩效评级为“优”。\n"


def imported(*args: str) -> set[str]:
    r = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    line = [ln for ln in r.stdout.splitlines() if ln.startswith("IMPORTED")]
    assert line, r.stderr
    return set(line[-1].split()[1:])


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("startup")
    text = tmp / "self.txt"
    text.write_text("2023年度帮困救助项目绩效自评报告\n" + TEXT, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "jixiao", "check", str(text), "-o", str(tmp / "out")], cwd=ROOT,
                   capture_output=True, timeout=300)
    subprocess.run([sys.executable, "-m", "jixiao", "index", str(text), "--db", str(tmp / "c.db")], cwd=ROOT,
                   capture_output=True, timeout=300)
    report = tmp / "out" / "self.json"
    assert json.loads(report.read_text(encoding="utf-8"))["claims"]
    return {"text": text, "json": report, "db": tmp / "c.db"}


def test_help_imports_nothing_heavy() -> None:
    assert imported("--help") == set()


def test_search_and_stats_import_no_recogniser_model_or_reader(files) -> None:
    for command in ("search", "stats"):
        assert imported(command, "满意度", "--db", str(files["db"])) <= {"jieba"}, command


def test_rechecking_a_contract_json_reads_no_text(files) -> None:
    got = imported("check", str(files["json"]))
    assert "extractor.contract" in got  # the JSON is validated by the contract
    assert not got & {"spacy", "jieba", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "docx", "xlrd"}


def test_checking_a_text_loads_no_pdf_or_office_reader_and_no_spacy(files) -> None:
    got = imported("check", str(files["text"]))
    assert {"jieba", "patterns.recognise", "checker.rules"} <= got
    assert not got & {"spacy", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "docx", "xlrd", "numpy"}

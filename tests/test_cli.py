"""The command line end to end: real samples in, contract JSON and findings out, exit codes kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BAD, ROOT, sample, validate_report


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("jixiao ")
    r = run("--help")
    assert r.returncode == 0 and "check" in r.stdout and "extract" in r.stdout


@pytest.fixture(scope="module")
def eval_pdf_report(tmp_path_factory) -> dict:
    pdf = sample("eval_report_2022_xinfang.pdf")
    out = tmp_path_factory.mktemp("out")
    r = run("extract", str(pdf), "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads((out / "eval_report_2022_xinfang.json").read_text(encoding="utf-8"))
    validate_report(data)
    return data


def test_extract_eval_report_pdf_gives_all_22_indicators(eval_pdf_report):
    project = eval_pdf_report["projects"][0]
    inds = project["indicators"]
    codes = [i["code"] for i in inds]
    assert codes == ["A11", "A12", "A21", "A22", "A31", "B11", "B12", "B21", "B22", "B23", "B24",
                     "C11", "C12", "C13", "C21", "C22", "C31", "D11", "D12", "D21", "D31", "D32"]
    by_code = {i["code"]: i for i in inds}
    assert by_code["A12"]["name"] == "立项依据充分性"
    assert (by_code["A12"]["level1"], by_code["A12"]["level2"]) == ("决策", "项目立项")
    assert (by_code["C13"]["weight"], by_code["C13"]["score"]) == (6.0, 3.0)
    assert (by_code["D31"]["weight"], by_code["D31"]["score"]) == (7.0, 5.6)
    assert by_code["D32"]["level2"] == "满意度" and by_code["D32"]["level1"] == "效益"
    assert sum(i["weight"] for i in inds) == pytest.approx(100)
    assert sum(i["score"] for i in inds) == pytest.approx(91)
    assert project["score"]["total"] == 91 and project["score"]["grade"] == "优"


def test_extract_to_stdout_is_deterministic():
    pdf = sample("eval_report_2022_xinfang.pdf")
    a, b = run("extract", str(pdf), "-"), run("extract", str(pdf), "-")
    assert a.returncode == 0 and a.stdout == b.stdout
    validate_report(a.stdout)


def test_check_eval_report_finds_real_errors_and_exits_1():
    pdf = sample("eval_report_2022_xinfang.pdf")
    r = run("check", str(pdf), "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    validate_report(data)
    rules = {f["rule"] for f in data["findings"] if f["severity"] == "error"}
    assert rules, "the evaluation report holds real errors"
    r = run("check", str(pdf))
    assert r.returncode == 1 and "错误" in r.stdout


@pytest.mark.parametrize("name, words", [
    ("empty.pdf", "empty"),
    ("truncated.pdf", "corrupt"),
    ("encrypted.pdf", "encrypted"),
    ("corrupt.docx", "corrupt"),
])
def test_unreadable_inputs_exit_2_with_one_line(name, words):
    path = BAD / name
    if not path.exists():
        pytest.fail(f"fixture {name} not built")
    r = run("check", str(path))
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert name in lines[0] and words in lines[0].lower()
    assert "Traceback" not in r.stderr + r.stdout


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    pdf = sample("eval_report_2022_xinfang.pdf")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    r = run("extract", str(empty), str(pdf), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert (tmp_path / "out" / "eval_report_2022_xinfang.json").exists()
    assert "empty.docx" in r.stderr


def test_a_contract_json_is_rechecked(tmp_path, eval_pdf_report):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(eval_pdf_report, ensure_ascii=False), encoding="utf-8")
    r = run("check", str(path), "--json")
    assert r.returncode in (0, 1)
    validate_report(r.stdout)


def test_check_writes_html_review_and_findings_xlsx(tmp_path):
    pdf = sample("monitoring_2023_qingyunpu.pdf")
    r = run("check", str(pdf), "--format", "html", "-o", str(tmp_path))
    assert r.returncode == 1, r.stderr  # the report's cost actuals do not add up
    html = (tmp_path / "monitoring_2023_qingyunpu.review.html").read_text(encoding="utf-8")
    assert "target.cost_sum" in html and "198,660.00" in html and "<script" not in html
    r = run("check", str(pdf), "--format", "xlsx", "-o", str(tmp_path))
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "monitoring_2023_qingyunpu.findings.xlsx").active
    rules = [ws.cell(row, 3).value for row in range(2, ws.max_row + 1)]
    assert rules[0] == "target.cost_sum" and "budget.execution_rate" in rules


def test_fail_on_sets_the_exit_code(tmp_path):
    decl = sample("target_decl_2023_songjiang.pdf")  # rounding and info findings, no error
    assert run("check", str(decl), "--json").returncode == 0
    assert run("check", str(decl), "--json", "--fail-on", "rounding").returncode == 1

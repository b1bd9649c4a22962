"""Text, Markdown and HTML are refused by size and by characters, with one line naming the file and limit.

Issue 19: a 200 MB ``.txt`` ran for ten minutes and reached 14.6 GB. Now an oversized file is
refused from its length and first bytes, before it is read; one under the byte limit but
over the character limit is refused once decoded. Both limits are module constants
(``extractor.limits``) and environment variables (``JIXIAO_MAX_TEXT_BYTES`` …).
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

import extractor
import extractor.limits as limits
from extractor.errors import TooLargeError
from tests.conftest import ROOT
from tests.hostile.test_hostile import bounded_child

TEXT = "2023年项目绩效自评表\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出指标\t数量指标\t培训人次\t10\t9\n"
HTML = ("<html><body><h1>2023年项目绩效自评表</h1><table><tr><td>三级指标</td><td>分值</td></tr>"
        "<tr><td>培训人次</td><td>10</td></tr></table></body></html>")
CASES = [("report.txt", TEXT, "TEXT", "plain text"), ("report.md", "# " + TEXT, "TEXT", "Markdown"),
         ("report.html", HTML, "HTML", "HTML")]


def forbid_whole_read(monkeypatch: pytest.MonkeyPatch, path: pathlib.Path) -> None:
    """Make reading the whole of ``path`` fail the test: a size limit must refuse it before that."""
    real_read = pathlib.Path.read_bytes

    def no_whole_read(self):
        if self == path:
            raise AssertionError("the whole file was read before its size was checked")
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", no_whole_read)


@pytest.mark.parametrize(("name", "body", "key", "label"), CASES)
def test_byte_limit_refuses_before_the_file_is_read(tmp_path, monkeypatch, name, body, key, label):
    path = tmp_path / name
    path.write_text(body * 40, encoding="utf-8")
    monkeypatch.setattr(limits, f"MAX_{key}_BYTES", 1000)
    forbid_whole_read(monkeypatch, path)
    with pytest.raises(TooLargeError) as e:
        extractor.read(path)
    message = str(e.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    assert f"of {label}; the limit is 1,000 bytes" in message and f"JIXIAO_MAX_{key}_BYTES" in message


@pytest.mark.parametrize(("name", "body", "key", "label"), CASES)
def test_character_limit_refuses_once_decoded(tmp_path, monkeypatch, name, body, key, label):
    path = tmp_path / name
    path.write_text(body * 40, encoding="utf-8")
    monkeypatch.setattr(limits, f"MAX_{key}_CHARS", 500)
    with pytest.raises(TooLargeError, match=rf"^{re.escape(name)}: .*characters of {label}; the limit is 500\b"):
        extractor.read(path)
    monkeypatch.setattr(limits, f"MAX_{key}_CHARS", 10**6)
    assert extractor.read(path).items  # under both limits: read as before


def test_readers_given_bytes_check_the_limit_too(monkeypatch):
    """The web upload and the fuzz targets hand bytes to the readers without a path."""
    from extractor.html import read_html
    from extractor.markdown import read_markdown
    from extractor.text import read_text

    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 100)
    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 100)
    for reader, body in ((read_text, TEXT), (read_markdown, TEXT), (read_html, HTML)):
        with pytest.raises(TooLargeError, match="the limit is 100 bytes"):
            reader((body * 5).encode(), "x")


def test_pdf_and_office_files_are_not_held_to_the_text_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1000)
    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 1000)
    doc = extractor.read(ROOT / "samples" / "eval_report_2022_xinfang.docx")
    assert doc.tables


def test_limit_is_set_by_environment(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(TEXT * 10, encoding="utf-8")
    code = "import extractor; extractor.read(__import__('sys').argv[1])"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JIXIAO_MAX_TEXT_BYTES": "200"}
    r = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env, cwd=ROOT,
                       timeout=600)
    assert r.returncode != 0 and "the limit is 200 bytes, set JIXIAO_MAX_TEXT_BYTES" in r.stderr


def test_a_200_mb_text_gets_one_line_at_once(tmp_path):
    """The issue's file: 200 MB of text → exit 2, one line naming it and the limit, little CPU and memory."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.write((TEXT * 20_000).encode())  # text up front; the rest sparse, so the test writes ~2 MB
        fh.truncate(200 * 1024 * 1024)
    try:
        r, peak_mb, cpu = bounded_child(["check", str(path)], cpu_seconds=60)
    finally:
        path.unlink()
    assert r.returncode == 2, r.stderr[-2000:]
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "huge.txt" in lines[0] and "200 MB of plain text; the limit is 4 MB" in lines[0], lines
    assert peak_mb < 400, f"peak RSS {peak_mb} MB: the file was read"
    assert cpu < 30, f"{cpu:.1f} s of CPU"


# --- PDF, DOCX and XLSX (issue 19): bytes before reading, then pages, table rows and sheet cells ---
from benchmarks.limits import docx_table, xlsx_rows  # noqa: E402  (generators shared with `make bench`)

EVAL_PDF = ROOT / "samples" / "eval_report_2022_xinfang.pdf"


def _one_line(e: pytest.ExceptionInfo, name: str) -> str:
    message = str(e.value)
    assert message.startswith(f"{name}: ") and "\n" not in message, message
    return message


def test_xlsx_cell_limit_counts_written_cells(tmp_path, monkeypatch):
    path = xlsx_rows(tmp_path, 300)  # 300 rows × 4 cells
    monkeypatch.setattr(limits, "MAX_XLSX_CELLS", 1000)
    with pytest.raises(TooLargeError, match=r"1,200 sheet cells of XLSX; the limit is 1,000, set JIXIAO_MAX_XLSX_CELLS"):
        extractor.read(path)
    monkeypatch.setattr(limits, "MAX_XLSX_CELLS", 1200)  # exactly at the limit: read
    table = extractor.read(path).tables[0]
    assert (table.n_rows, table.n_cols) == (300, 4) and table.caption == "支出决算表"


@pytest.mark.parametrize(("make", "key", "parser", "said"), [
    (lambda d: xlsx_rows(d, 300), "MAX_XLSX_ROWS", ("openpyxl", "load_workbook"), "300 sheet rows of XLSX"),
    (lambda d: docx_table(d, 300), "MAX_DOCX_ROWS", ("docx", "Document"), "300 table rows of DOCX"),
])
def test_office_file_over_its_row_limit_is_refused_before_the_parser_builds_it(tmp_path, monkeypatch, make, key,
                                                                               parser, said):
    """A 1,048,576-row XLSX took 150 s and 808 MB in openpyxl: the rows are counted in the XML first."""
    import importlib

    path = make(tmp_path)
    monkeypatch.setattr(limits, key, 250)

    def no_parse(*_a, **_k):
        raise AssertionError(f"{parser} ran before the rows were counted")

    monkeypatch.setattr(importlib.import_module(parser[0]), parser[1], no_parse)
    with pytest.raises(TooLargeError) as e:
        extractor.read(path)
    assert f"{said}; the limit is 250, set JIXIAO_{key}" in _one_line(e, path.name)


def test_docx_cell_limit_and_a_table_inside_the_limits(tmp_path, monkeypatch):
    path = docx_table(tmp_path, 120, cols=10)
    monkeypatch.setattr(limits, "MAX_DOCX_CELLS", 1000)
    with pytest.raises(TooLargeError, match=r"1,200 table cells of DOCX; the limit is 1,000"):
        extractor.read(path)
    monkeypatch.setattr(limits, "MAX_DOCX_CELLS", 1200)
    table = extractor.read(path).tables[0]
    assert (table.n_rows, table.n_cols) == (120, 10)


def test_counting_does_not_depend_on_where_the_xml_is_cut(tmp_path, monkeypatch):
    """Tags cut between two pieces of inflated XML are counted once: pieces of 7 bytes count as 1 MB ones."""
    import zipfile

    path = docx_table(tmp_path, 40, cols=7)
    with zipfile.ZipFile(path) as z:
        counts = limits._count_tags(z, ["word/document.xml"], limits._DOCX_ROW, limits._DOCX_CELL, (10**9, 10**9))
        monkeypatch.setattr(limits, "_CHUNK", 7)
        assert limits._count_tags(z, ["word/document.xml"], limits._DOCX_ROW, limits._DOCX_CELL,
                                  (10**9, 10**9)) == counts == (40, 280)


def test_pdf_over_its_page_limit_is_refused_unless_fewer_pages_are_asked_for(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 2)
    with pytest.raises(TooLargeError) as e:
        extractor.read(EVAL_PDF)
    message = _one_line(e, EVAL_PDF.name)
    assert re.search(r"\b\d+ pages of PDF; the limit is 2, set JIXIAO_MAX_PDF_PAGES", message), message
    doc = extractor.read(EVAL_PDF, max_pages=2)  # --max-pages 2: the first two pages, within the limit
    assert doc.pages > 2 and any("only the first 2" in w for w in doc.warnings)


@pytest.mark.parametrize(("path", "key", "label"), [
    (EVAL_PDF, "PDF", "PDF"),
    (ROOT / "samples" / "eval_report_2022_xinfang.docx", "DOCX", "DOCX"),
    (ROOT / "samples" / "zoo" / "docs" / "mof_self.xlsx", "XLSX", "XLSX"),
])
def test_pdf_and_office_byte_limits_refuse_before_the_file_is_read(monkeypatch, path, key, label):
    monkeypatch.setattr(limits, f"MAX_{key}_BYTES", 2048)
    forbid_whole_read(monkeypatch, path)
    with pytest.raises(TooLargeError) as e:
        extractor.read(path)
    message = _one_line(e, path.name)
    assert f"of {label}; the limit is 2 KB, set JIXIAO_MAX_{key}_BYTES" in message


def test_real_documents_are_within_the_default_limits():
    """What each limit sees of the samples (bytes, pages, table rows and cells) is under it."""
    import pypdfium2

    for path in sorted((ROOT / "samples").glob("*.pdf")):
        limits.check_bytes(path.stat().st_size, "pdf", path.name)
        limits.check_count(len(pypdfium2.PdfDocument(str(path))), "pdf", "PAGES", path.name, "pages")
    for path in sorted((ROOT / "samples").glob("*.docx")):
        limits.check_docx_tables(path.read_bytes(), path.name)
    for path in sorted((ROOT / "samples" / "zoo" / "docs").glob("*.xlsx")):
        limits.check_xlsx_sheets(path.read_bytes(), path.name)

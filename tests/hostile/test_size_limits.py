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


@pytest.mark.parametrize(("name", "body", "key", "label"), CASES)
def test_byte_limit_refuses_before_the_file_is_read(tmp_path, monkeypatch, name, body, key, label):
    path = tmp_path / name
    path.write_text(body * 40, encoding="utf-8")
    monkeypatch.setattr(limits, f"MAX_{key}_BYTES", 1000)
    real_read = pathlib.Path.read_bytes

    def no_whole_read(self):
        if self == path:
            raise AssertionError("the whole file was read before its size was checked")
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", no_whole_read)
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

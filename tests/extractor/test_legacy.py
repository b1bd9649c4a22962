"""Word 97–2003 .doc and Excel 97–2003 .xls read like the DOCX/XLSX they were saved from.

The fixtures in tests/fixtures/legacy were saved by LibreOffice from the committed
samples: target_decl_2023_songjiang.doc from samples/target_decl_2023_songjiang.docx and
eval_report_tables.xls from evals/golden/docs/eval_report_tables.xlsx.
"""

from __future__ import annotations

import pytest

from extractor import legacy
from extractor.errors import CorruptError, TooLargeError, UnsupportedFormatError
from extractor.sniff import read, sniff
from tests.extractor.helpers import ROOT

LEGACY = ROOT / "tests" / "fixtures" / "legacy"


def _grids(doc) -> list[list[list[str]]]:
    return [t.grid() for t in doc.tables]


def test_xls_reads_like_the_xlsx_it_was_saved_from():
    xls = read(LEGACY / "eval_report_tables.xls")
    xlsx = read(ROOT / "evals" / "golden" / "docs" / "eval_report_tables.xlsx")
    assert len(xls.tables) == 11
    assert _grids(xls) == _grids(xlsx)
    assert [[(c.row, c.col, c.rowspan, c.colspan) for c in t.cells] for t in xls.tables] == [
        [(c.row, c.col, c.rowspan, c.colspan) for c in t.cells] for t in xlsx.tables
    ]
    assert "150,000.00" in [x for row in xls.tables[0].grid() for x in row]  # number formats kept


def test_doc_reads_like_the_docx_it_was_saved_from():
    assert legacy.soffice(), "LibreOffice is installed by .ci/install-libreoffice.sh"
    doc = read(LEGACY / "target_decl_2023_songjiang.doc")
    docx = read(ROOT / "samples" / "target_decl_2023_songjiang.docx")
    assert "converted from a legacy .doc with LibreOffice" in doc.warnings
    assert len(doc.tables) == 5
    assert [g[:12] for g in _grids(doc)] == [g[:12] for g in _grids(docx)]
    assert doc.blocks[0].text == docx.blocks[0].text


def test_doc_without_libreoffice_says_what_to_do(monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(UnsupportedFormatError, match="install LibreOffice"):
        read(LEGACY / "target_decl_2023_songjiang.doc")


def test_ole_files_are_told_apart_by_their_streams(tmp_path):
    assert sniff((LEGACY / "target_decl_2023_songjiang.doc").read_bytes(), "a.bin") == "doc"
    assert sniff((LEGACY / "eval_report_tables.xls").read_bytes(), "a.bin") == "xls"
    other = tmp_path / "thumbs.db"
    other.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnsupportedFormatError, match="neither a Word .doc nor an Excel .xls"):
        read(other)


def test_truncated_legacy_files_are_corrupt(tmp_path):
    for name in ("eval_report_tables.xls", "target_decl_2023_songjiang.doc"):
        data = (LEGACY / name).read_bytes()
        cut = tmp_path / name
        cut.write_bytes(data[: len(data) // 3])
        with pytest.raises(CorruptError):
            read(cut)


def test_damaged_xls_is_reported_as_damaged_and_prints_nothing(capsys):
    """xlrd fails on damaged records with IndexError, struct.error, AssertionError … and
    prints its diagnostics to stdout; a random probe of 3,000 damaged copies found all of
    these. Each must become one CorruptError, and stdout (which may carry JSON) stay clean."""
    import random

    from extractor.legacy import read_xls

    data = (LEGACY / "eval_report_tables.xls").read_bytes()
    rng = random.Random(7)
    outcomes = set()
    for _ in range(150):
        damaged = bytearray(data)
        for _ in range(rng.choice([5, 20, 100])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            read_xls(bytes(damaged), "damaged.xls")
            outcomes.add("read")
        except CorruptError:
            outcomes.add("corrupt")
        except TooLargeError:  # a damaged merge record spanning a million cells
            outcomes.add("too large")
    assert "corrupt" in outcomes
    assert capsys.readouterr().out == ""

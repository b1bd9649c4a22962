"""The sample documents built from the seeds: PDF and DOCX renderings must read alike."""

from __future__ import annotations

import re
import sys

import pytest

from extractor.document import Document, Table
from extractor.errors import CorruptError, EncryptedError, ImageOnlyError
from extractor.sniff import read
from tests.extractor.helpers import ROOT, column_of, find, right_of, sample

INDICATOR = re.compile(r"^[A-D]\d{2}\s")


@pytest.fixture(scope="module")
def eval_pdf() -> Document:
    return read(sample("eval_report_2022_xinfang.pdf"))


@pytest.fixture(scope="module")
def eval_docx() -> Document:
    return read(sample("eval_report_2022_xinfang.docx"))


def _scoring_appendix(doc: Document) -> Table:
    found = [t for t in doc.tables if t.caption and "指标体系" in t.caption]
    assert len(found) == 1, [t.caption for t in doc.tables]
    return found[0]


def test_appendix_scoring_table_is_one_table_over_its_pages(eval_pdf: Document) -> None:
    t = _scoring_appendix(eval_pdf)
    assert len(t.pages) >= 2
    grid = t.grid()
    l3 = column_of(t, "三级指标")
    indicators = [r for r in grid if INDICATOR.match(r[l3])]
    assert len(indicators) == 22
    assert len(grid) == 1 + 22 + 1  # header, 22 indicator rows, 合计
    assert grid[0][:4] == ["一级指标", "权重", "二级指标", "三级指标"]
    assert grid[-1][0] == "合计" and grid[-1][-1] == "91"
    flat = [x for row in grid for x in row]
    assert flat.count("一级指标") == 1 and flat.count("评分标准") == 1  # repeated headers dropped
    assert t.header_rows == 1


def test_appendix_level1_cells_span_rows(eval_pdf: Document) -> None:
    t = _scoring_appendix(eval_pdf)
    decision = find(t, "A 决策")
    assert decision.rowspan == 5
    assert find(t, "10%").rowspan == 5
    # the 产出 block crosses no page break in every build, but spans at least its own page part
    assert find(t, "C 产出").rowspan >= 2


def test_row_cut_by_a_page_break_is_rejoined(eval_pdf: Document) -> None:
    t = _scoring_appendix(eval_pdf)
    criteria = t.grid()[find(t, "A31 预算编制科学性").row][column_of(t, "评分标准")]
    assert criteria.startswith("①项目预算编制是否经过科学论证")
    assert criteria.endswith("扣完为止。")


def test_pdf_and_docx_agree_on_the_scoring_table(eval_pdf: Document, eval_docx: Document) -> None:
    a, b = _scoring_appendix(eval_pdf), _scoring_appendix(eval_docx)
    keys = lambda t: [r[:5] for r in t.grid(fill_down=True)]  # noqa: E731
    assert keys(a) == keys(b)


def test_budget_table_caption_and_unit(eval_pdf: Document, eval_docx: Document) -> None:
    for doc in (eval_pdf, eval_docx):
        t = next(t for t in doc.tables if t.caption and "预算执行情况表" in t.caption)
        assert t.unit == "元"
        assert t.grid()[-1][:3] == ["合计", "", "2,500,000.00"]
        assert find(t, "合计").colspan == 2


def test_eval_prose_and_headings(eval_pdf: Document) -> None:
    heads = [b.text for b in eval_pdf.blocks if b.kind == "heading" and b.level == 1]
    assert any(h.startswith("三、评价结论及绩效分析") for h in heads)
    assert not any(re.search(r"\s\d+$", h) for h in heads)  # TOC lines are not headings
    assert any("230.274 万元" in b.text or "230.274万元" in b.text for b in eval_pdf.blocks)


def test_songjiang_forms_one_table_per_project() -> None:
    doc = read(sample("target_decl_2023_songjiang.pdf"))
    forms = [t for t in doc.tables if t.caption == "财政项目支出绩效目标申报表"]
    assert len(forms) == 5
    assert right_of(forms[0], "项目名称") == "课题与规划"
    assert any(len(t.pages) == 2 for t in forms)
    docx = read(sample("target_decl_2023_songjiang.docx"))
    assert [t.n_rows for t in forms] == [
        t.n_rows for t in docx.tables if t.caption == "财政项目支出绩效目标申报表"
    ]


def test_monitoring_tables_run_over_pages() -> None:
    doc = read(sample("monitoring_2023_qingyunpu.pdf"))
    t = next(t for t in doc.tables if t.caption and "年度绩效分解目标调整表" in t.caption)
    assert len(t.pages) == 2
    flat = [x for row in t.grid() for x in row]
    assert flat.count("一级指标") == 1
    assert "社会公众满意度率" in flat


def test_a_merge_with_one_row_before_the_page_break_is_joined_over_it() -> None:
    """成本指标 / 经济成本 have one row on the first page and the rest, empty merged cells,
    on the next: one cell each, as in the DOCX the PDF was printed from."""
    doc = read(sample("monitoring_2023_qingyunpu.pdf"))
    t = next(t for t in doc.tables if t.caption and "年度绩效分解目标调整表" in t.caption)
    assert (find(t, "成本指标").rowspan, find(t, "经济成本").rowspan) == (6, 4)
    form = next(t for t in doc.tables if t.caption and "项目绩效目标申报表" in t.caption)
    quality = find(form, "质量指标")  # its second row is the first row of page 5
    assert quality.rowspan == 2
    assert {c.page for c in form.cells if c.row == quality.row + 1} == {5}


BAD = ROOT / "tests" / "fixtures" / "bad"


@pytest.mark.parametrize(
    ("name", "error"),
    [("encrypted.pdf", EncryptedError), ("truncated.pdf", CorruptError), ("image_only.pdf", ImageOnlyError)],
)
def test_unreadable_pdfs_raise_the_right_error(name: str, error: type, monkeypatch) -> None:
    path = BAD / name
    if not path.exists():
        pytest.fail(f"{name} not built")
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # without the OCR extra a scan is unreadable
    with pytest.raises(error):
        read(path)


def test_image_only_pdf_is_read_by_ocr_when_the_extra_is_installed() -> None:
    pytest.importorskip("rapidocr", reason="the OCR extra is not installed (pip install 'jixiao[ocr]')")
    doc = read(BAD / "image_only.pdf")
    assert doc.ocr_pages == [1]
    assert any("C13" in "".join(row) for t in doc.tables for row in t.grid())


def test_wrapped_centred_title_is_one_block() -> None:
    doc = read(sample("monitoring_2023_qingyunpu.pdf"))
    first = [b.text for b in doc.blocks if b.page == 1]
    assert first[0] == "2023年青云谱区委信访局全国省市“两会”现场值守工作经费项目1-10月份绩效运行监控报告"
    assert first[1] == "江西正效咨询管理有限公司"


def test_ids_count_tables_starting_on_a_page() -> None:
    doc = read(sample("monitoring_2023_qingyunpu.pdf"))
    ids = [t.id for t in doc.tables]
    assert len(ids) == len(set(ids))
    for t in doc.tables:
        page, k = re.fullmatch(r"p(\d+)-t(\d+)", t.id).groups()
        assert int(page) == t.pages[0]
        starting_here = [u for u in doc.tables if u.pages[0] == t.pages[0]]
        assert int(k) == starting_here.index(t) + 1

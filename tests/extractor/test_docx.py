"""DOCX: merges from gridSpan/vMerge, nested tables, text boxes, headings, checkboxes."""

from __future__ import annotations

import copy
import io
import zipfile

import pytest
from docx import Document as make_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extractor.docx import read_docx
from extractor.errors import CorruptError
from tests.extractor.helpers import find, right_of


def _form_bytes() -> bytes:
    d = make_docx()
    d.add_heading("绩效评价报告", level=1)
    d.add_paragraph("一、项目概况")
    d.add_paragraph("（一）项目立项依据")
    d.add_paragraph("本项目 2022 年预算 250 万元。")
    d.add_paragraph("表 3：项目具体指标评分表")
    d.add_paragraph("金额单位：元")
    t = d.add_table(rows=5, cols=4)
    for k, h in enumerate(["一级指标", "二级指标", "三级指标", "分值"]):
        t.cell(0, k).text = h
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    rows = [("产出", "数量", "C11 完成率", "6"), ("", "", "C12 接待率", "6"), ("", "质量", "C21 办结率", "6")]
    for r, row in enumerate(rows, start=1):
        for k, text in enumerate(row):
            if text:
                t.cell(r, k).text = text
    t.cell(1, 0).merge(t.cell(3, 0))  # 一级指标 over three rows (vMerge restart/continue)
    t.cell(1, 1).merge(t.cell(2, 1))
    t.cell(4, 0).merge(t.cell(4, 2))  # 合计 over three columns (gridSpan)
    t.cell(4, 0).text = "合计"
    t.cell(4, 3).text = "18"
    d.add_paragraph("项目类别：☑经常性项目 □一次性项目")
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "项目类别"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "☑"
    inner.cell(0, 1).text = "经常性项目"
    inner.cell(1, 0).text = "□"
    inner.cell(1, 1).text = "一次性项目"
    box = d.add_paragraph("正文段落。")
    box._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p>"
            "</w:txbxContent></wps:txbx></w:drawing></w:r>"
        )
    )
    sym = d.add_paragraph("满意度调查 ")
    sym._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def doc():
    return read_docx(_form_bytes(), "form.docx")


def test_merges_come_from_markup(doc) -> None:
    t = doc.tables[0]
    assert t.n_rows == 5 and t.n_cols == 4
    assert t.header_rows == 1  # w:tblHeader
    assert find(t, "产出").rowspan == 3
    assert find(t, "数量").rowspan == 2
    assert find(t, "质量").rowspan == 1
    total = find(t, "合计")
    assert (total.colspan, total.rowspan) == (3, 1)
    assert t.grid(fill_down=True)[3][:3] == ["产出", "质量", "C21 办结率"]
    assert len(t.cells) == 4 + 4 + 2 + 3 + 2  # covered positions are not cells


def test_caption_and_unit(doc) -> None:
    t = doc.tables[0]
    assert t.caption == "表 3：项目具体指标评分表"
    assert t.unit == "元"


def test_headings_from_styles_and_numbering(doc) -> None:
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("绩效评价报告", 1), ("一、项目概况", 1), ("（一）项目立项依据", 2)]


def test_nested_table_follows_its_parent(doc) -> None:
    outer, inner = doc.tables[1], doc.tables[2]
    assert right_of(outer, "项目类别") == ""
    assert inner.grid() == [["☑", "经常性项目"], ["□", "一次性项目"]]
    assert [c.checked for c in inner.cells if c.col == 0] == [True, False]
    assert doc.items.index(inner) == doc.items.index(outer) + 1


def test_text_box_and_symbol_checkbox(doc) -> None:
    texts = [b.text for b in doc.blocks]
    assert texts.index("文本框里的说明") == texts.index("正文段落。") + 1
    assert "满意度调查 ☑" in texts


def test_broken_docx_is_corrupt() -> None:
    data = _form_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(copy.copy(item), src.read(item.filename))
    with pytest.raises(CorruptError):
        read_docx(buf.getvalue(), "broken.docx")
    with pytest.raises(CorruptError):
        read_docx(data[: len(data) // 2], "cut.docx")

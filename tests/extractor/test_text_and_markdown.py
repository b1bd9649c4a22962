"""Plain text (the seeds), Markdown and encodings."""

from __future__ import annotations

import pytest

from extractor.cjk import heading_level, join_lines, join_wrapped, squeeze
from extractor.document import Document
from extractor.markdown import read_markdown
from extractor.text import read_text
from tests.extractor.helpers import find, right_of, seed


def _read_seed(prefix: str) -> Document:
    path = seed(prefix)
    return read_text(path.read_bytes(), path.name)


def test_seed_target_form_is_one_table_despite_a_page_break_blank_line() -> None:
    doc = _read_seed("001_")
    first = doc.tables[0]
    assert first.caption == "财政项目支出绩效目标申报表"
    assert right_of(first, "项目名称") == "课题与规划"
    assert right_of(first, "项目资金总额") == "100000.00"
    flat = [x for row in first.grid() for x in row]
    assert "信访课题研究完成率" in flat and "群众信访满意度" in flat  # both sides of the blank line
    widths = {len(r) for r in first.grid()}
    assert widths == {first.n_cols}  # rows padded to the widest


def test_seed_headings_and_paragraphs() -> None:
    doc = _read_seed("001_")
    heads = [b.text for b in doc.blocks if b.kind == "heading"]
    assert heads[:3] == ["一、项目概述", "二、立项依据", "三、实施主体"]
    assert any(b.text.startswith("每年初，市信访下发") for b in doc.blocks)


def test_seed_checkbox_inputs_and_unit() -> None:
    doc = _read_seed("003_")
    t = doc.tables[0]
    assert t.unit == "元"
    cat = find(t, "项目类别")
    box = t.cell_at(cat.row, cat.col + 1)
    assert box is not None and box.checked is False and box.text.startswith("□ 一次性项目")
    ticked = [c for tb in doc.tables for c in tb.cells if c.checked]
    assert any(c.text.startswith("立项和计划阶段") for c in ticked)


def test_seed_markdown_headings_in_text_and_toc_table() -> None:
    doc = _read_seed("004_")
    toc = doc.tables[0]
    assert toc.n_cols == 2 and toc.grid()[0][1] == "1"
    levels = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert levels["一、项目基本情况"] == 2
    assert "(四) 项目资金投入安排情况" in levels  # **bold** markers stripped
    target = next(t for t in doc.tables if t.caption and t.caption.startswith("表 1"))
    assert "<b>" not in "".join(x for row in target.grid() for x in row)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings(encoding: str) -> None:
    text = "项目名称\t课题与规划\n项目资金总额\t100000.00\n\n一、项目概述\n本项目预算 10 万元。\n"
    doc = read_text(text.encode(encoding), "x.txt")
    assert right_of(doc.tables[0], "项目名称") == "课题与规划"
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "一、项目概述"


def test_hard_wrapped_text_is_joined() -> None:
    text = "根据年度信访维稳工作总体情况，对困难信访人员给予困\n难补助，共计 54 人。\nThe budget was\nexecuted in full.\n"
    blocks = read_text(text.encode(), "x.txt").blocks
    assert blocks[0].text == "根据年度信访维稳工作总体情况，对困难信访人员给予困难补助，共计 54 人。"
    assert blocks[1].text == "The budget was executed in full."


def test_markdown_pipe_and_html_tables() -> None:
    md = (
        "# 绩效评价报告\n\n## 一、项目概况\n\n表 1：预算执行情况表\n\n单位：万元\n\n"
        "| 项目 | 预算 | 执行率 |\n|---|---:|---|\n| 维稳 | 230.274 | 100% |\n\n"
        "表 2：评分表\n"
        '<table><tr><th>一级指标</th><th>三级指标</th></tr><tr><td rowspan="2">产出</td><td>C11</td></tr>'
        "<tr><td>C12</td></tr></table>\n结论段落。\n"
    )
    doc = read_markdown(md.encode(), "r.md")
    assert [(b.text, b.level) for b in doc.blocks if b.kind == "heading"] == [
        ("绩效评价报告", 1),
        ("一、项目概况", 2),
    ]
    pipe, html = doc.tables
    assert pipe.caption == "表 1：预算执行情况表" and pipe.unit == "万元"
    assert pipe.grid() == [["项目", "预算", "执行率"], ["维稳", "230.274", "100%"]]
    assert html.caption == "表 2：评分表"
    assert find(html, "产出").rowspan == 2
    assert doc.blocks[-1].text == "结论段落。"


def test_cjk_joining_rules() -> None:
    assert join_wrapped("立项依据充分", "性") == "立项依据充分性"
    assert join_wrapped("budget was", "executed") == "budget was executed"
    assert join_wrapped("4,100,000.0", "0") == "4,100,000.00"
    assert join_lines(["服务对象满意度", "指标"]) == "服务对象满意度指标"
    assert squeeze("主 评 人：刁盛梅") == "主评人：刁盛梅"
    assert squeeze("2023 年  全年") == "2023 年全年"
    assert heading_level("一、项目概况") == 1
    assert heading_level("（二）项目立项依据") == 2
    assert heading_level("一、项目概况 5") is None  # a table-of-contents line
    assert heading_level("一、加强党的建设。落实基层党建责任制。") is None

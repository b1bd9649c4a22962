"""XLSX (merged ranges, displayed numbers) and HTML (spans, checkboxes, charsets)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from extractor.errors import CorruptError
from extractor.html import read_html
from extractor.xlsx import display, read_xlsx
from tests.extractor.helpers import find, right_of, sample


def _workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效自评表"
    ws["A1"] = "金额单位：元"
    ws.merge_cells("A1:D1")
    ws.append(["一级指标", "三级指标", "全年执行数", "执行率"])
    ws.append(["产出指标", "完成率", 1234, 0.95])
    ws.append([None, "接待率", 2302740, 1])
    ws.merge_cells("A3:A4")
    ws["C3"].number_format = "#,##0.00"
    ws["C4"].number_format = "#,##0.00"
    ws["D3"].number_format = "0.00%"
    ws["D4"].number_format = "0%"
    ws.append(["日期", dt.datetime(2023, 1, 1), None, None])
    ws["B5"].number_format = "yyyy-mm-dd"
    empty = wb.create_sheet("Sheet2")
    assert empty.max_row == 1
    third = wb.create_sheet("Sheet3")
    third.append(["项目名称", "课题与规划"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_sheet_becomes_a_table_with_spans_and_displayed_numbers() -> None:
    doc = read_xlsx(_workbook(), "self.xlsx")
    assert [t.id for t in doc.tables] == ["s1-t1", "s3-t1"]
    t = doc.tables[0]
    assert t.caption == "绩效自评表" and t.unit == "元"
    assert find(t, "金额单位：元").colspan == 4
    assert find(t, "产出指标").rowspan == 2
    assert t.grid()[2] == ["产出指标", "完成率", "1,234.00", "95.00%"]
    assert t.grid()[3] == ["", "接待率", "2,302,740.00", "100%"]
    assert t.grid()[4][:2] == ["日期", "2023-01-01"]
    assert right_of(doc.tables[1], "项目名称") == "课题与规划"
    assert doc.tables[1].caption == "Sheet3"


def test_hidden_sheets_are_skipped_with_a_warning() -> None:
    wb = Workbook()
    wb.active.append(["项目名称", "课题与规划"])
    lookup = wb.create_sheet("下拉选项")
    lookup.append(["数量指标", "质量指标", "时效指标"])
    lookup.sheet_state = "hidden"
    old = wb.create_sheet("2021版")
    old.append(["项目名称", "旧项目"])
    old.sheet_state = "veryHidden"
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_xlsx(buf.getvalue(), "decl.xlsx")
    assert [right_of(t, "项目名称") for t in doc.tables] == ["课题与规划"]
    assert doc.warnings == ["hidden sheet “下拉选项” not read", "hidden sheet “2021版” not read"]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.9512, "0.00%", "95.12%"),
        (1234, "#,##0.00", "1,234.00"),
        (1234.5, '#,##0.00"元"', "1,234.50元"),
        (100000, "General", "100000"),
        (3.5, "General", "3.5"),
        (-5, "#,##0;(#,##0)", "(5)"),
        (12, '0"人"', "12人"),
        (dt.datetime(2023, 1, 5), 'yyyy"年"m"月"d"日"', "2023年1月5日"),
    ],
)
def test_number_formats(value: object, fmt: str, shown: str) -> None:
    assert display(value, fmt) == shown


def test_broken_xlsx_is_corrupt() -> None:
    data = _workbook()
    with pytest.raises(CorruptError):
        read_xlsx(data[: len(data) // 2], "cut.xlsx")


PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>t</title></head><body>
<h2>一、项目概况</h2><p>本项目预算<b>100</b>万元。</p>
<p>表1：项目绩效目标表</p><p>单位：元</p>
<table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>完成率</td><td>=100%</td></tr>
<tr><td>接待率<br>（人次）</td><td>≥80%</td></tr>
<tr><td colspan="2">类别 <input type="checkbox" checked> 经常性 <input type="checkbox"> 一次性</td></tr>
<tr><td>内嵌</td><td colspan="3"><table><tr><td>a</td><td>b</td></tr></table></td></tr>
</table><div>结束语</div></body></html>"""


def test_html_spans_checkboxes_and_nested_tables() -> None:
    doc = read_html(PAGE.encode("gbk"), "form.html")
    assert [(b.text, b.kind) for b in doc.blocks][:2] == [
        ("一、项目概况", "heading"),
        ("本项目预算100万元。", "paragraph"),
    ]
    t, inner = doc.tables
    assert (t.caption, t.unit) == ("表1：项目绩效目标表", "元")
    assert find(t, "产出指标").rowspan == 3
    assert find(t, "数量指标").rowspan == 2
    assert t.grid(fill_down=True)[2][:3] == ["产出指标", "数量指标", "接待率（人次）"]
    box = find(t, "类别 ☑ 经常性 □ 一次性")
    assert (box.row, box.col, box.colspan, box.checked) == (3, 1, 2, True)
    assert inner.grid() == [["a", "b"]] and inner.caption is None
    assert (t.header_rows, inner.header_rows) == (1, 0)
    assert doc.blocks[-1].text == "结束语"


def test_html_built_sample() -> None:
    path = sample("target_decl_2018_minhang.html")
    doc = read_html(path.read_bytes(), path.name)
    first = doc.tables[0]
    assert first.unit == "元" and first.caption and first.caption.startswith("财政项目支出绩效目标申报表")
    assert right_of(first, "项目名称") == "政府购买辅助服务"
    assert find(first, "项目类别").row == 1
    assert first.cell_at(1, 1).checked is False


def test_a_numbered_caption_yields_to_the_title_above_it() -> None:
    """南漳 2019 决算 prints 收入支出决算总表, then 公开01表, then the table: 公开01表 names no table."""
    page = """<html><body><p>收入支出决算总表</p><p>公开01表</p><p>部门:南漳县招商服务中心　金额单位:万元</p>
    <table><tr><td>项目</td><td>金额</td></tr><tr><td>总计</td><td>462.95</td></tr></table>
    <p>财政拨款收入支出决算总表</p><p>公开04表</p>
    <table><tr><td>项目</td><td>金额</td></tr><tr><td>总计</td><td>452.95</td></tr></table>
    <p>公开05表</p><table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>443.25</td></tr></table>
    </body></html>"""
    doc = read_html(page.encode("utf-8"), "juesuan.html")
    assert [t.caption for t in doc.tables] == ["收入支出决算总表", "财政拨款收入支出决算总表", "公开05表"]
    assert doc.tables[0].unit == "万元"

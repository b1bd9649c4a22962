"""The real 普陀区万里街道 2023 budget PDF: five 绩效目标填报表 on pages 31–35 and budget tables."""

from __future__ import annotations

import pytest

from extractor.document import Block, Document, Table
from extractor.pdf import read_pdf
from tests.extractor.helpers import column_of, find, real_pdf, right_of


@pytest.fixture(scope="module")
def doc() -> Document:
    path = real_pdf()
    return read_pdf(path.read_bytes(), path.name)


def _table_on(doc: Document, page: int) -> Table:
    found = [t for t in doc.tables if t.pages and t.pages[0] == page]
    assert found, f"no table starts on page {page}"
    return found[0]


def test_five_target_forms_each_a_table_of_its_own(doc: Document) -> None:
    forms = [t for t in doc.tables if t.caption == "财政项目支出绩效目标填报表"]
    assert [t.pages for t in forms] == [[31], [32], [33], [34], [35]]
    assert [t.id for t in forms] == ["p31-t1", "p32-t1", "p33-t1", "p34-t1", "p35-t1"]
    names = [right_of(t, "项目名称") for t in forms]
    assert names == [
        "新建万里街道社区公共服务中心",
        "就业援助基地补贴",
        "社区环境整治和建设经费",
        "各类工作经费",
        "公共服务设施运行经费",
    ]


def test_key_value_cells_of_the_first_form(doc: Document) -> None:
    t = _table_on(doc, 31)
    assert right_of(t, "项目名称") == "新建万里街道社区公共服务中心"
    assert right_of(t, "项目资金总额") == "4,100,000.00"
    assert right_of(t, "年度资金申请总额") == "4,100,000.00"
    assert right_of(t, "计划开始日期") == "2023-01-01"
    assert right_of(t, "主管部门") == "上海市普陀区人民政府万里街道办事处"
    # a label broken over lines in its cell reads as one word
    assert find(t, "项目资金（元）").rowspan == 4
    assert find(t, "项目绩效目标").rowspan == 2


def test_level1_indicator_spans_its_rows(doc: Document) -> None:
    t = _table_on(doc, 31)
    output = find(t, "产出指标")
    assert output.rowspan == 3 and output.colspan == 1
    assert find(t, "绩效指标").rowspan == 5  # the header row has its own empty cell in that column
    assert find(t, "效益指标").rowspan == 1
    assert find(t, "服务对象满意度指标").text == "服务对象满意度指标"  # was 服务对象满意度\n指标


def test_indicator_rows_of_the_first_form(doc: Document) -> None:
    t = _table_on(doc, 31)
    grid = t.grid(fill_down=True)
    l1, l2, l3 = column_of(t, "一级指标"), column_of(t, "二级指标"), column_of(t, "三级指标")
    val = column_of(t, "年度(/项目)指标值")
    header = find(t, "一级指标").row
    rows = [(r[l1], r[l2], r[l3], r[val]) for r in grid[header + 1 :]]
    assert rows == [
        ("产出指标", "数量指标", "规划建筑面积", "≥13459.00(平方米)"),
        ("产出指标", "质量指标", "完工及时率", "及时率"),
        ("产出指标", "成本指标", "预算内经费", "合规"),
        ("效益指标", "社会效益指标", "完善社区基础设施建设", "完善率"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "满意度"),
    ]


def test_long_form_keeps_its_vertical_merges(doc: Document) -> None:
    t = _table_on(doc, 34)
    quantity = find(t, "数量指标")
    assert quantity.rowspan == 15
    assert right_of(t, "项目资金总额") == "7595500.00"
    assert find(t, "满意度指标").rowspan == 6
    last = t.grid(fill_down=True)[-1]
    assert last[column_of(t, "三级指标")] == "党员群众满意度"
    assert last[column_of(t, "年度(/项目)指标值")] == "党员群众满意度不少于80%"


def test_budget_table_runs_over_four_pages(doc: Document) -> None:
    t = _table_on(doc, 11)
    assert t.pages == [11, 12, 13, 14]
    assert t.caption == "2023年部门收入预算总表"
    assert t.unit == "元"
    last = t.grid()[-1]
    assert last[0] == "合计" and "164,978,640" in last
    codes = [r[3] for r in t.grid()]
    assert codes.count("一般公共服务支出") == 1 and "其他城乡社区住宅支出" in codes


def test_repeated_header_rows_are_dropped(doc: Document) -> None:
    t = _table_on(doc, 20)
    assert t.pages == [20, 21, 22, 23]
    flat = [x for row in t.grid() for x in row]
    assert flat.count("功能分类科目编码") == 1
    assert flat.count("一般公共预算支出") == 1
    assert t.header_rows == 3
    assert t.grid()[-1][0] == "合计"


def test_unit_in_wan_yuan(doc: Document) -> None:
    t = _table_on(doc, 28)
    assert t.unit == "万元"
    assert t.caption == "2023年部门“三公”经费和机关运行经费预算表"


def test_table_text_is_not_repeated_as_blocks(doc: Document) -> None:
    text = "\n".join(b.text for b in doc.blocks if b.page and b.page >= 31)
    assert "规划建筑面积" not in text
    assert "财政项目支出绩效目标填报表" not in text
    assert "164,978,640" not in text
    assert "新建万里街道社区公共服务中心" not in text


def test_wrapped_lines_join_without_spaces(doc: Document) -> None:
    blocks = [b.text for b in doc.blocks if b.page == 3]
    party = next(b for b in blocks if b.startswith("一、加强党的建设"))
    assert "居民区党建工作，实现社区党建全覆盖，提高党建工作的有效性。" in party
    assert "\n" not in party and "工 作" not in party


def test_headings_from_outline_numbers(doc: Document) -> None:
    heads = [(b.text, b.level) for b in doc.blocks if b.page == 29 and b.kind == "heading"]
    assert ("三、政府采购情况", 1) in heads
    numbered_paragraph = next(b for b in doc.blocks if b.text.startswith("（一）、因公出国"))
    assert numbered_paragraph.kind == "paragraph"


def test_items_are_in_reading_order(doc: Document) -> None:
    pages = [i.page if isinstance(i, Block) else i.pages[0] for i in doc.items]
    assert pages == sorted(pages)
    i = next(k for k, it in enumerate(doc.items) if isinstance(it, Table) and it.id == "p11-t1")
    assert (
        doc.items[i - 1].text.startswith("编制部门：") and doc.items[i - 2].text == "2023年部门收入预算总表"
    )


def test_max_pages_truncates_with_a_warning() -> None:
    path = real_pdf()
    doc = read_pdf(path.read_bytes(), path.name, max_pages=3)
    assert doc.pages == 35
    assert {b.page for b in doc.blocks} <= {1, 2, 3}
    assert any("first 3 of 35" in w for w in doc.warnings)

"""Key-value form tables: spanning keys (real PDF), OCR-split keys, inline keys, debris."""

from __future__ import annotations

from _docbuild import table_from_rows

from patterns.forms import as_dict, form_key, name_rows, read_form

REAL = [
    ["财政项目支出绩效目标填报表", "<", "<", "<", "<", "<", "<", "<"],
    ["项目名称", "<", "新建万里街道社区公共服务中心", "<", "项目性质", "阶段性项目", "项目类别", "特定目标类"],
    ["主管部门", "<", "上海市普陀区人民政府万里街道办事处", "<", "实施单位", "上海市普陀区人民政府万里街道办事处", "<", "<"],
    ["项目资金\n（元）", "<", "项目资金总额", "<", "4,100,000.00", "年度资金申请总额", "<", "4,100,000.00"],
    ["^", "^", "其中：财政资金", "<", "4,100,000.00", "其中：当年财政拨款", "<", "4,100,000.00"],
    ["^", "^", "", "<", "", "上年结转资金", "<", "0.00"],
]


def test_real_pdf_keys_span_columns_value_is_next_origin_cell():
    form = as_dict(read_form(table_from_rows(REAL)))
    assert form["name"] == "新建万里街道社区公共服务中心"
    assert form["department"] == "上海市普陀区人民政府万里街道办事处"
    assert form["organisation"] == "上海市普陀区人民政府万里街道办事处"
    assert form["category"] == "特定目标类"
    assert form["total"] == "4,100,000.00"
    assert form["annual_total"] == "4,100,000.00"
    assert form["fiscal"] == "4,100,000.00"
    assert form["carried_over"] == "0.00"


def test_keys_tolerate_spaces_and_full_width_colons():
    assert form_key("其中：财政资金") == "fiscal"
    assert form_key("其中: 当年财政拨款") == "fiscal_current"
    assert form_key("计划开始日期") == "start"
    assert form_key("信访课题研究完成率") is None


def test_ocr_split_key_inline_key_and_markup_debris():
    rows = [
        ["项目", "名称", "", "", "维稳工作", "", ""],
        ["主管", "部门", "上海市松江区", "实施单位", "", "", "上海市松江区人民政府信访办公室"],
        ["", "项目名称", "", "<u>:</u>", "宣传与推广", "", ""],
    ]
    pairs = read_form(table_from_rows(rows))
    assert [(p.key, p.text) for p in pairs] == [
        ("name", "维稳工作"),
        ("department", "上海市松江区"),
        ("organisation", "上海市松江区人民政府信访办公室"),
    ]
    inline = as_dict(read_form(table_from_rows([["项目名称：政府购买辅助服务", ""]])))
    assert inline == {"name": "政府购买辅助服务"}


def test_name_rows_mark_where_each_form_begins():
    rows = [["项目名称", "课题与规划"], ["一级指标", "三级指标"], ["项目名称", "维稳工作"], ["项目名称", ""]]
    assert name_rows(table_from_rows(rows)) == [0, 2]

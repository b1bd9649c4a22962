"""Indicator tables of every kind: 评分表 with codes and spans, 申报表 from the real PDF,
lossy text rows, monitoring tables, page-split cells and totals."""

from __future__ import annotations

from _docbuild import table_from_rows

from patterns.indicators import clean_text, fill_from_codes, read_indicator_tables, split_code, split_points
from patterns.numbers import parse_number
from patterns.values import parse_value


def read(table, previous=None):
    return read_indicator_tables(table, parse_value, parse_number, previous)


def test_clean_text_joins_line_breaks_and_ocr_spaces():
    assert clean_text("立项依据充分\n性") == "立项依据充分性"
    assert clean_text("满意度指\n标") == "满意度指标"
    assert clean_text("A11 部门工作职能 关联性") == "A11部门工作职能关联性"
    assert clean_text("=120 人") == "=120人"


def test_codes_and_points():
    assert split_code("A11 部门工作职能\n关联性", 3) == ("A11", "部门工作职能关联性")
    assert split_code("A1 项目 立项", 2) == ("A1", "项目立项")
    assert split_code("A 决策", 1) == ("A", "决策")
    assert split_code("信访事项接待率", 3) == (None, "信访事项接待率")
    # OCR reads a code's 1 as l and 0 as O; a name that starts with letters keeps them
    assert split_code("Al1 部门工作职能关联性", 3) == ("A11", "部门工作职能关联性")
    assert split_code("B2O 资金到位率", 3) == ("B20", "资金到位率")
    assert split_code("AI辅助审核覆盖率", 3) == (None, "AI辅助审核覆盖率")
    assert split_points("决策(20分)") == ("决策", 20.0)
    assert split_points("产出指标（50分）") == ("产出指标", 50.0)


# 附件1 of seed 000 (evaluation report), merges as the PDF/DOCX readers deliver them
ANNEX = [
    ["一级指标", "权重", "二级指标", "三级指标", "分值", "评分标准", "业绩值", "得分"],
    ["A 决策", "10%", "A1 项目\n立项", "A11 部门工作职能\n关联性", "2", "①项目符合职责，计分值的 100%", "项目实施与园区信访办的职责密切相关。", "2"],
    ["^", "^", "^", "A12 立项依据充分\n性", "2", "①符合规划；②符合需求", "项目立项依据充分。", "2"],
    ["B 过程", "20%", "B1 资金管理", "B11 预算执行率", "5", "①预算执行率95%-100%，得满分", "预算执行率为 100%。", "5"],
    ["^", "^", "^", "B12 资金使用情况", "3", "合规得满分", "未发现截留、挤占。", "3"],
    ["D 效益", "30%", "D3 满意度", "D31 管理部门满意\n度", "7", "满意度95%以上，得满分", "总体满意度为 80%以上。", "5.6"],
    ["合计", "<", "<", "<", "100", "", "", "91"],
]


def test_scoring_table_with_codes_spans_and_total():
    sections = read(table_from_rows(ANNEX, id="p30-t1", page=30))
    assert len(sections) == 1
    s = sections[0]
    names = [(i.code, i.level1, i.level2, i.name) for i in s.indicators]
    assert names == [
        ("A11", "决策", "项目立项", "部门工作职能关联性"),
        ("A12", "决策", "项目立项", "立项依据充分性"),
        ("B11", "过程", "资金管理", "预算执行率"),
        ("B12", "过程", "资金管理", "资金使用情况"),
        ("D31", "效益", "满意度", "管理部门满意度"),
    ]
    d31 = s.indicators[-1]
    assert (d31.weight, d31.score, d31.score_text, d31.level1_weight) == (7.0, 5.6, "5.6", 30.0)
    assert d31.criteria == "满意度95%以上，得满分"
    assert d31.actual.text == "总体满意度为80%以上。"
    assert d31.source.model_dump() == {"page": 30, "table": "p30-t1", "row": 5}
    assert [(t.label, t.weight, t.score) for t in s.totals] == [("合计", 100.0, 91.0)]


def test_long_performance_text_keeps_text_without_a_value():
    rows = [ANNEX[0], ["C 产出", "40%", "C1 产出数量", "C13 帮困补助工作完成情况", "6", "【最终得分=完成率*分值】",
                       "根据年度信访维稳工作总体情况，2022 年 2 月份发放补助 11 人，每人 500 元。", "3"]]
    ind = read(table_from_rows(rows))[0].indicators[0]
    assert ind.actual.value is None and ind.actual.text.startswith("根据年度")


# page 34 of the real PDF: the form and the indicator table are one table
REAL = [
    ["项目名称", "<", "各类工作经费", "<", "项目性质", "经常性项目", "项目类别", "特定目标类"],
    ["", "一级指标", "二级指标", "三级指标", "<", "<", "年度(/项目)指标值", "<"],
    ["绩效指标", "产出指标", "数量指标", "成立社戒社康人员习得规范小组", "<", "<", ">6.00(次)", "<"],
    ["^", "^", "^", "寒托班、暑托班开设班级数", "<", "<", "≥1.00(个)", "<"],
    ["^", "^", "质量指标", "中心全年活动人次", "<", "<", "=5.00(万人次)", "<"],
    ["^", "满意度指标", "服务对象满意\n度指标", "特殊人员及群体满意", "<", "<", "90.00(度)", "<"],
]


def test_real_pdf_form_table_header_mid_table_and_colspans():
    s = read(table_from_rows(REAL, id="p34-t1", page=34))[0]
    assert s.header.row == 1
    got = [(i.level1, i.level2, i.name, i.target.text) for i in s.indicators]
    assert got == [
        ("产出指标", "数量指标", "成立社戒社康人员习得规范小组", ">6.00(次)"),
        ("产出指标", "数量指标", "寒托班、暑托班开设班级数", "≥1.00(个)"),
        ("产出指标", "质量指标", "中心全年活动人次", "=5.00(万人次)"),
        ("满意度指标", "服务对象满意度指标", "特殊人员及群体满意", "90.00(度)"),
    ]
    assert s.indicators[0].target.op == ">" and s.indicators[0].target.value == 6.0
    assert [i.source.row for i in s.indicators] == [2, 3, 4, 5]


# seed 001 as the text reader gives it: merges lost, rows shifted left by varying amounts
TEXT_DECL = [
    ["绩效 指标", "一级指标", "二级指标", "三级指标", "年度指标值"],
    ["产出指 标", "数量指标", "信访课题研究完成率", "=100%"],
    ["", "", "质量指标", "课题研究疑难问题化解率", ">=85%"],
    ["成本指标", "成本控制", "良好"],
    ["效益指标", "社会效益指标", "信访课题研究成果", "良好"],
    ["", "", "课题研究成果", "良好"],
    ["", "", "重要交办信访事项解决率", ">80%", ""],
    ["满意度指标", "服务对象满意度指标", "群众信访满意度", "提高"],
]


def test_text_rows_are_aligned_by_content():
    rows = [r + [""] * (5 - len(r)) for r in TEXT_DECL]
    s = read(table_from_rows(rows))[0]
    got = [(i.level1, i.level2, i.name, i.target.text) for i in s.indicators]
    assert got == [
        ("产出指标", "数量指标", "信访课题研究完成率", "=100%"),
        ("产出指标", "质量指标", "课题研究疑难问题化解率", ">=85%"),
        ("产出指标", "成本指标", "成本控制", "良好"),
        ("效益指标", "社会效益指标", "信访课题研究成果", "良好"),
        ("效益指标", "社会效益指标", "课题研究成果", "良好"),
        ("效益指标", "社会效益指标", "重要交办信访事项解决率", ">80%"),
        ("满意度指标", "服务对象满意度指标", "群众信访满意度", "提高"),
    ]


def test_self_assessment_rows_with_remark_and_total():
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度 指标值", "实际 完成值", "分值", "得分", "偏差原因分析及 改进措施"],
        ["产出指标", "时效指标", "宣传活动开展及时率", ">=95%", "98", "6", "5", "受疫情影响,部分线下活动无法开展"],
        ["", "", "信访宣传活动开展及时率", ">=95%", "98", "6", "5", ""],
        ["满意度指标", "服务对象满意度指标", "受益对象满意度", ">=80%", "90", "2", "2", ""],
        ["", "总分", "", "", "", "100", "98. 00", ""],
    ]
    s = read(table_from_rows(rows))[0]
    assert len(s.indicators) == 3
    first = s.indicators[0]
    assert (first.weight, first.score, first.actual.value) == (6.0, 5.0, 98.0)
    assert first.remark == "受疫情影响,部分线下活动无法开展"
    assert [(t.label, t.weight, t.score) for t in s.totals] == [("总分", 100.0, 98.0)]


def test_monitoring_table_keeps_stage_target_in_remark():
    rows = [
        ["一级目标", "二级目标", "三级目标", "项目完成时绩效目标值", "本阶段应完成的绩效目标值", "实际完成的绩效目标值"],
        ["成本指标", "经济成本", "全国省市“两会”等重大活动现场值守交通经费", "≤40000 元", "=24000 元", "26488.00"],
        ["产出", "产出数量", "特殊时期派出现场值守人员开展信访维稳工作次数", "≥3 次", "2 次", "2 次"],
        ["满意度", "", "接待对象满意率", ">=95%", ">=95%", ">=95%"],
    ]
    s = read(table_from_rows(rows))[0]
    first = s.indicators[0]
    assert first.target.op == "<=" and first.target.value == 40000.0
    assert first.actual.value == 26488.0
    assert first.remark == "本阶段应完成：=24000元"
    assert (s.indicators[2].level1, s.indicators[2].level2) == ("满意度", None)


def test_rows_without_a_third_level_name_are_not_indicators():
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "完成值"],
        ["产出指标", "数量指标", "帮困慰问送温暖人数", "=120 人", "54 人"],
        ["", "成本指标", "", "", ""],
        ["效益指标", "经济效益指标", "", "", ""],
    ]
    s = read(table_from_rows(rows))[0]
    assert [i.name for i in s.indicators] == ["帮困慰问送温暖人数"]
    assert s.indicators[0].target.value == 120.0 and s.indicators[0].actual.value == 54.0


def test_a_table_split_by_a_page_continues_the_previous_one():
    head = ANNEX[0]
    first = table_from_rows([head, ["B 过程", "20%", "B1 资金管理", "B11 预算执行率", "5", "①预算执行率95%-100%", "项目调整后的", "5"]],
                            id="p19-t1", page=19)
    # text reader: the header repeats, the broken 业绩值 cell continues on the first row
    second = table_from_rows([head, ["", "", "", "", "", "", "预算执行率为 100%。", ""],
                              ["", "", "B12 资金使用情况", "", "3", "合规得满分", "未发现截留。", "3"]], id="p20-t1", page=20)
    prev = read(first)[0]
    nxt = read(second, previous=prev)[0]
    assert prev.indicators[0].actual.text == "项目调整后的预算执行率为100%。"
    b12 = nxt.indicators[0]
    assert (b12.code, b12.level1, b12.level2, b12.weight) == ("B12", "过程", "资金管理", 3.0)


def test_fill_from_codes():
    rows = [ANNEX[0], ["", "", "", "C12 维稳值班劝返工作完成率", "6", "", "", "6"]]
    first = read(table_from_rows([ANNEX[0], ["C 产出", "40%", "C1 产出数量", "C11 外聘办班管控等维稳服务完成率", "6", "", "", "6"]]))
    lost = read(table_from_rows(rows))
    indicators = first[0].indicators + lost[0].indicators
    fill_from_codes(indicators)
    assert (indicators[1].level1, indicators[1].level2) == ("产出", "产出数量")


def test_header_matching_tolerates_breaks_brackets_and_ocr():
    from patterns.headers import match_kind

    assert match_kind("年度(/项目)指标值", "indicator_columns") == "target"
    assert match_kind("年度（/项目）指标值", "indicator_columns") == "target"
    assert match_kind("年度 指标值", "indicator_columns") == "target"
    assert match_kind("偏差原因分析及\n改进措施", "indicator_columns") == "remark"
    assert match_kind("本阶段应完成的绩效目标值", "indicator_columns") == "stage_target"
    assert match_kind("实际完成的绩效目标值", "indicator_columns") == "actual"
    assert match_kind("分值(分)", "indicator_columns") == "weight"
    assert match_kind("访办公室 得分", "budget_columns") == "score"
    assert match_kind("办公室 年初预算数", "budget_columns") == "initial"
    assert match_kind("根据调研结果显示，管理部门满意度目标值为80%以上", "indicator_columns") is None


def test_weight_column_alone_is_the_indicator_points():
    rows = [["一级指标", "二级指标", "三级指标", "权重", "得分"], ["产出指标", "数量指标", "完成率", "20", "18"]]
    ind = read(table_from_rows(rows))[0].indicators[0]
    assert (ind.weight, ind.score, ind.level1_weight) == (20.0, 18.0, None)


def test_ocr_hierarchy_repair_from_level2_family():
    """OCR prints merged 一级 labels mid-span or loses them; the 二级 heading tells."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
        ["", "", "", "", "", "", ""],
        ["", "数量指标", "信访稳定例会完成率", "=100%", "100", "10", "10"],
        ["", "社会效益指标", "信访事项办理效率", "提高", "提高", "3", "3"],
        ["效益指标", "信访积案化解率", "提高", "提高", "3", "3"],
    ]
    got = [(i.level1, i.level2, i.name) for i in read(table_from_rows(rows))[0].indicators]
    assert got == [
        ("产出指标", "数量指标", "信访稳定例会完成率"),
        ("效益指标", "社会效益指标", "信访事项办理效率"),
        ("效益指标", "社会效益指标", "信访积案化解率"),
    ]

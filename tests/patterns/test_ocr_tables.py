"""OCR'd indicator tables (seed 002, 自评表 scans): headers that lost labels, labels centred
in merged cells, headings and names wrapped onto lines of their own, misread characters."""

from __future__ import annotations

from _docbuild import table_from_rows

from patterns.headers import canonical_level, match_kind
from patterns.indicators import read_indicator_tables
from patterns.numbers import parse_number
from patterns.values import parse_value


def read(rows):
    width = max(len(r) for r in rows)
    table = table_from_rows([r + [""] * (width - len(r)) for r in rows])  # no ^/<: merges lost, as OCR gives
    return read_indicator_tables(table, parse_value, parse_number)


def hierarchy(section):
    return [(i.level1, i.level2, i.name) for i in section.indicators]


def test_fuzzy_header_labels_match_one_kind_only():
    assert match_kind("年初预箅数", "budget_columns") == "initial"  # 算 misread
    assert match_kind("全年执彳数", "budget_columns") == "spent"
    assert match_kind("年度指标値", "indicator_columns") == "target"
    assert match_kind("三级指木", "indicator_columns") == "name"
    assert match_kind("信访总量", "budget_columns") is None
    assert match_kind("成本控制", "indicator_columns") is None


def test_level_headings_split_or_misread_by_ocr():
    assert canonical_level("满意度指") == "满意度指标"  # 标 went to the next line
    assert canonical_level("社会效益指") == "社会效益指标"
    assert canonical_level("服务对象满童度指标") == "服务对象满意度指标"
    assert canonical_level("绩效指标") is None  # a side label, one character from 时效指标
    assert canonical_level("成本控制") is None


# project 1 of seed 002: the header row kept 级指标 / 三级指标 / 分值 / 得分 only
PROJECT1 = [
    ["级指标", "", "三级指标", "", "", "分值", "得分", ""],
    ["", "数量指标", "", "", "/ J L / / / L L L", "I", "I", "改进措施"],
    ["产出指标", "", "信访课题研究完成率", "=100%", "100%", "20", "20"],
    ["", "质量指标", "课题研究疑难问题化解率", ">=85%", "100%", "10", "10"],
    ["", "时效指标", "课题研究开展及时性", "=100%", "100%", "10", "10"],
    ["", "成本指标", "成本控制", "良好", "良好", "10", "10"],
    ["", "", "信访课题研究成果", "良好", "良好", "10", "10"],
    ["效益指标", "社会效益指标", "课题研究成果", "良好", "良好", "10", "10"],
    ["", "", "社会面防控影响力", "提高", "提高", "10", "10"],
    ["", "", "提高群众信访满意度", "提高", "提高", "5", "5"],
    ["", "", "出指标时效指标成本指标", "世", "", "出指标", "出指标", "上"],
    ["满意度指标", "服务对象满意度指标"],
    ["", "", "群众信访满意度", "提高", "提高", "5", "5"],
    ["", "", "总分", "", "", "100", "100.00"],
]


def test_header_columns_lost_to_ocr_are_named_from_the_rows_below():
    s = read(PROJECT1)[0]
    assert {"level2", "target", "actual", "remark"} <= s.kinds
    first = s.indicators[0]
    assert (first.target.text, first.actual.text, first.weight, first.score) == ("=100%", "100%", 20.0, 20.0)
    assert len(s.indicators) == 9  # the run-together heading cells are no indicator
    assert sum(i.weight for i in s.indicators) == 90


def test_labels_centred_in_merged_cells_take_the_rows_above_them():
    assert hierarchy(read(PROJECT1)[0]) == [
        ("产出指标", "数量指标", "信访课题研究完成率"),
        ("产出指标", "质量指标", "课题研究疑难问题化解率"),
        ("产出指标", "时效指标", "课题研究开展及时性"),
        ("产出指标", "成本指标", "成本控制"),
        ("效益指标", "社会效益指标", "信访课题研究成果"),  # no cost word: not under 成本指标
        ("效益指标", "社会效益指标", "课题研究成果"),
        ("效益指标", "社会效益指标", "社会面防控影响力"),
        ("满意度指标", "服务对象满意度指标", "提高群众信访满意度"),  # …满意度 claims the row
        ("满意度指标", "服务对象满意度指标", "群众信访满意度"),
    ]


# project 2 of seed 002 (维稳工作), its 成本指标 block and the 社会效益指标 label below it
HEADER = ["", "级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "改进措施"]
PROJECT2 = [
    HEADER,
    ["", "", "时效指标", "维稳工作开展及时性", "=100%", "100", "5", "5"],
    ["", "", "成本指标", "成本控制", "良好", "良好", "5", "5"],
    ["", "", "", "越级信访量", "下降", "下降", "3", "3"],
    ["绩效指标", "", "", "信访总量", "下降", "下降", "3", "3"],
    ["掃", "", "", "市信访工作目标责任考核成绩", "提高", "提高", "3", "3"],
    ["", "", "社会效益指标", "信访事项办理效率", "提高", "提高", "3", "3"],
    ["", "效益指标", "效益指标", "信访积案化解率", "提高", "提高", "3", "3"],
    ["", "", "", "信访事项办理率", "提高", "提高", "2", "2"],
]


def test_rows_filled_down_past_a_narrow_block_go_to_the_next_label():
    got = hierarchy(read(PROJECT2)[0])
    assert got[:2] == [("产出指标", "时效指标", "维稳工作开展及时性"), ("产出指标", "成本指标", "成本控制")]
    assert got[2:] == [("效益指标", "社会效益指标", n) for n in (
        "越级信访量", "信访总量", "市信访工作目标责任考核成绩", "信访事项办理效率", "信访积案化解率", "信访事项办理率")]


def test_rows_that_fit_their_block_stay_in_it():
    rows = [HEADER,
            ["", "产出指标", "成本指标", "成本控制", "良好", "良好", "5", "5"],
            ["", "", "", "人均培训经费", "≤500元", "480元", "5", "5"],
            ["", "", "社会效益指标", "信访事项办理效率", "提高", "提高", "3", "3"]]
    assert [i.level2 for i in read(rows)[0].indicators] == ["成本指标", "成本指标", "社会效益指标"]


def test_a_row_before_the_first_level2_label_of_its_block_takes_it():
    rows = [HEADER,
            ["", "产出指标", "", "来访来电登记单印刷率", ">=95%", "100", "10", "10"],
            ["", "", "数量指标", "来访登记单印刷率", ">=95%", "100", "6", "6"]]
    assert hierarchy(read(rows)[0]) == [("产出指标", "数量指标", "来访来电登记单印刷率"),
                                        ("产出指标", "数量指标", "来访登记单印刷率")]


def test_a_name_wrapped_onto_its_own_line_is_joined_with_its_remark():
    rows = [HEADER,
            ["绩效指", "", "时效指标", "信访宣传活动开展及时", ">=95%", "98", "6", "5", "受疫情影响,部分活动转为线上活动模"],
            ["绩效指标", "", "", "率", "", "", "", "", "式"],
            ["", "", "", "信访便民率", "提高", "提高", "10", "10"]]
    inds = read(rows)[0].indicators
    assert [i.name for i in inds] == ["信访宣传活动开展及时率", "信访便民率"]
    assert inds[0].remark == "受疫情影响,部分活动转为线上活动模式"


def test_a_heading_split_over_two_lines_is_one_heading():
    rows = [HEADER,
            ["", "满意度指", "服务对象满童度指标", "群众满意度", ">=85%", "90", "10", "10"],
            ["", "标", "", "受益对象满意度", ">=80%", "90", "5", "5"]]
    assert hierarchy(read(rows)[0]) == [("满意度指标", "服务对象满意度指标", "群众满意度"),
                                        ("满意度指标", "服务对象满意度指标", "受益对象满意度")]


def test_heading_pieces_on_a_line_of_their_own_complete_the_headings_above():
    # seed 001 as the text reader gives it: 满意度指 | 服务对象 over | 标 | 满意度指 标, one column off
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值"],
            ["可持续影响指标", "社会秩序", "", "改善"],
            ["满意度指", "服务对象", "群众满意度", ">=85%"],
            ["", "标", "满意度指 标", ""]]
    assert hierarchy(read(rows)[0])[-1] == ("满意度指标", "服务对象满意度指标", "群众满意度")


def test_a_label_row_after_debris_is_not_joined_to_it():
    rows = [["一级指标", "二级指标", "三级指标", "年度指标值"],
            ["", "出指标", "世", ""],
            ["满意度指标", "服务对象满意度指标", "", ""],
            ["", "", "群众信访满意度", "提高"]]
    assert hierarchy(read(rows)[0]) == [("满意度指标", "服务对象满意度指标", "群众信访满意度")]


def test_names_near_a_heading_and_rows_that_lost_their_points_stay_names():
    assert canonical_level("社会效益指数") is None  # only a misread ending in 标 is a heading
    rows = [HEADER,
            ["", "效益指标", "社会效益指标", "信访便民率", "提高", "提高", "10", "10"],
            ["", "", "", "满意度", "", "", "", ""]]  # OCR lost its figures: still its own row
    assert [i.name for i in read(rows)[0].indicators] == ["信访便民率", "满意度"]

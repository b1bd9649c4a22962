"""Forms that arrive as flattened text are read as the tables they are (patterns/flat_forms.py).

The fixtures are rebuilt from the figures of real published forms that came as text: an
Anhui 水利 自评表 copied as one row per line (headings broken over lines, 指标1： slots, a
一级 cell of which only ``(30分)`` came through), an Anhui 镇 自评表 pasted as one line, and
a Sichuan 自评表 whose page gives one cell per line ending in ``|``. The expected rows were
written by hand from the forms.
"""

from __future__ import annotations

import pytest

from checker import check
from extractor.text import read_text
from patterns.recognise import recognise

ROWS_PER_LINE = """\
天长市水利局水旱灾害防御股项目支出绩效自评
项目支出绩效自评表
(2022年度)
项目名称 水旱灾害防御经费
主管部门 实施单位 天长市水利局
项目资金
(万元)
年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 880 880 880 10 10
 其中:本年财政拨款 880 880 880 - -
上年结转资金 - -
其他资金 - -
年度总体目标完成情况 预期目标 实际完成情况
 完成年度防汛工作,完成中型灌区节水改造项目。 完成年度目标。
年度绩效指标完成情况 一级
指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
(50分)
数量指标 指标1:完成中型灌区节水改造项目数量 1 1 10 10
指标2:完成农业综合水价改革项目 1 1 10 10
……
质量指标 指标1:工程质量合格 10 10
指标2:
……
时效指标 指标1:年度资金支付完成率100% 10 10
指标2:
……
成本指标 指标1:资金执行在预算范围内 10 10
指标2:
……
(30分)
经济效益
指标
指标1:全市安全度汛 10 10
指标2:
……
社会效益
指标
指标1:保护全市人口财产不受损失 10 10
指标2:
……
生态效益
指标
指标1:/ / /
指标2:
……
可持续影
响指标
指标1:已建工程良性运行 10 10
指标2:
……
满意度指标
(10分)
服务对象
满意度指标
指标1:服务对象满意度 90% 100% 10 10
指标2:
……
总分 100 100
"""

ROWS_PER_LINE_EXPECTED = [
    ("产出指标", "数量指标", "完成中型灌区节水改造项目数量", "1", "1", 10, 10),
    ("产出指标", "数量指标", "完成农业综合水价改革项目", "1", "1", 10, 10),
    ("产出指标", "质量指标", "工程质量合格", None, None, 10, 10),
    ("产出指标", "时效指标", "年度资金支付完成率100%", None, None, 10, 10),
    ("产出指标", "成本指标", "资金执行在预算范围内", None, None, 10, 10),
    ("效益指标", "经济效益指标", "全市安全度汛", None, None, 10, 10),
    ("效益指标", "社会效益指标", "保护全市人口财产不受损失", None, None, 10, 10),
    ("效益指标", "可持续影响指标", "已建工程良性运行", None, None, 10, 10),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "90%", "100%", 10, 10),
]

ONE_LINE = (
    "附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 "
    "实施单位 219001-池州市贵池区棠溪镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 年度总体目标 预期目标 "
    "实际完成情况 本项目共申请预算资金90万元。其中:30万元用于预算编制;30万元用于审计;30万元用于设计、测绘。 "
    "本项目共完成预算资金89.97万元。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    "偏差原因分析及改进措施 产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8 质量指标 "
    "委托业务报告合格率 ≥100% 100 8 8 经费支出合规性 严格执行相关制度规定 达成预期指标 8 8 时效指标 "
    "提交报告及时性 在项目计划完成时间内完成 达成预期指标 8 8 成本指标 项目总成本 ≤90万元 90 8 8 单项业务成本 "
    "符合相关规定 达成预期指标 10 10 效益指标(30分) 社会效益指标 对维护基建市场公平的影响程度 效果明显 "
    "达成预期指标 10 10 生态效益指标 对控制基建项目成本影响程度 效果明显 达成预期指标 10 10 可持续影响指标 "
    "对推动基建项目“四项制度”健全和落实的持续性影响 效果明显 达成预期指标 10 10 满意度指标(10分) "
    "满意度指标 公众满意度 ≥95% 95% 10 10 总分 100 90\n"
)

ONE_LINE_EXPECTED = [
    ("产出指标", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", 8, 8),
    ("产出指标", "质量指标", "委托业务报告合格率", "≥100%", "100", 8, 8),
    ("产出指标", "质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8),
    ("产出指标", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", 8, 8),
    ("产出指标", "成本指标", "项目总成本", "≤90万元", "90", 8, 8),
    ("产出指标", "成本指标", "单项业务成本", "符合相关规定", "达成预期指标", 10, 10),
    ("效益指标", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", "达成预期指标", 10, 10),
    ("效益指标", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", 10, 10),
    ("效益指标", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", "达成预期指标", 10, 10),
    ("满意度指标", "满意度指标", "公众满意度", "≥95%", "95%", 10, 10),
]

_CELLS = [
    "报表编号:510000_0013zp", "", "部门预算项目支出绩效自评表(2023年度)",
    "项目名称", "51000021R000000019951-工资性支出", "主管部门", "青神县发展和改革局本级",
    "实施单位 (盖章)", "青神县发展和改革局", "项目基本情况", "项目年度目标", "年度目标完成情况",
    "严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳。", "",
    "预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因",
    "总额", "238.93", "251.89", "251.89", "100.00%", "10", "", "1.预算执行率=预算执行数/调整后预算数。",
    "其中:财政资金", "238.93", "251.89", "251.89", "100.00%", "/", "/",
    "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/",
    "其他资金", "", "", "", "", "/", "/",
    "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析",
    "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", "100", "%", "100", "60", "60", "",
    "效益指标", "社会效益指标", "足额保障率(参保率)", "=", "100", "%", "100", "30", "30", "",
    "合计", "100", "", "",
    "评价结论", "结合自评情况,说明项目自评总分。",
]
ONE_CELL_PER_LINE = "".join(f"{c} |\n" if c else "|\n" for c in _CELLS)


def _report(text: str, name: str = "form.txt"):
    report = recognise(read_text(text.encode("utf-8"), name))
    report.findings = check(report)
    return report


def _rows(report) -> list[tuple]:
    out = []
    for p in report.projects:
        for i in p.indicators:
            if i.name == "预算执行率":
                continue  # the money block's own line, read from the budget rows
            out.append((i.level1, i.level2, i.name, i.target.text if i.target else None,
                        i.actual.text if i.actual else None, i.weight, i.score))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    (ROWS_PER_LINE, ROWS_PER_LINE_EXPECTED),
    (ONE_LINE, ONE_LINE_EXPECTED),
])
def test_flattened_rows_read_as_written_by_hand(text, expected):
    report = _report(text)
    assert _rows(report) == expected
    assert [t.flattened for t in report.tables] == [True]


def test_rows_per_line_reads_the_form_and_its_money():
    report = _report(ROWS_PER_LINE)
    (project,) = report.projects
    assert project.name == "水旱灾害防御经费"
    assert (project.budget.initial, project.budget.adjusted, project.budget.spent) == (8_800_000, 8_800_000, 8_800_000)
    assert project.budget.execution_rate is None  # printed blank: the one figure short is the rate
    assert (project.score.total, project.score.max) == (100, 100)
    # 9 × 10 points and the money block's 10 make the printed 100: no sum finding
    assert not [f for f in report.findings if f.rule in ("score.total", "sum.rows", "score.bounds")]
    # the title lines stay running text before the table
    assert report.blocks[0].text.startswith("天长市水利局")


def test_one_cell_per_line_reads_the_form():
    report = _report(ONE_CELL_PER_LINE)
    (project,) = report.projects
    assert project.name == "51000021R000000019951-工资性支出"
    assert (project.budget.initial, project.budget.adjusted, project.budget.spent) == (2_389_300, 2_518_900, 2_518_900)
    assert project.budget.execution_rate == 100
    assert _rows(report) == [
        ("产出指标", "数量指标", "发放(缴纳)覆盖率", "=100%", "100%", 60, 60),
        ("效益指标", "社会效益指标", "足额保障率(参保率)", "=100%", "100%", 30, 30),
    ]
    assert project.score.max == 100
    assert not [f for f in report.findings if f.severity in ("error", "warning")]


def test_one_line_finds_the_printed_total_and_the_zero_money_total_as_warnings():
    report = _report(ONE_LINE)
    by_rule = {f.rule: f for f in report.findings}
    # 分值 8×5 + 10 + 10×3 + 10 + the money block's 10 = 100, 得分 the same but the money
    # block's 0 = 90: both as 总分 prints them, so no sum finding
    assert "score.total" not in by_rule and "sum.rows" not in by_rule
    # 年度资金总额 printed 0 over 本年财政拨款 90: the form's own slip, a warning on rebuilt text
    assert by_rule["sum.form"].severity == "warning"
    assert "还原" in by_rule["sum.form"].message


def _slipped(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("text", [ROWS_PER_LINE, ONE_LINE])
def test_a_score_above_its_points_is_found(text):
    old = "指标1:工程质量合格 10 10" if text is ROWS_PER_LINE else "≥50个 50 8 8"
    new = "指标1:工程质量合格 10 12" if text is ROWS_PER_LINE else "≥50个 50 8 9"
    report = _report(_slipped(text, old, new))
    bounds = [f for f in report.findings if f.rule == "score.bounds"]
    assert len(bounds) == 1 and bounds[0].severity == "warning"
    assert "12" in bounds[0].message or "9" in bounds[0].message


def test_points_summing_to_105_are_found():
    report = _report(_slipped(ROWS_PER_LINE, "指标1:全市安全度汛 10 10", "指标1:全市安全度汛 15 10"))
    total = [f for f in report.findings if f.rule == "score.total" and "分值" in f.message]
    assert total and total[0].actual == 105 or total[0].expected == 105
    cells = _report(_slipped(ONE_CELL_PER_LINE, "|\n60 |", "|\n65 |"))
    assert [f.severity for f in cells.findings if f.rule == "score.total" and "105" in f.message] == ["warning"]


@pytest.mark.parametrize("text", [
    # a 说明 paragraph naming the columns in a sentence
    "填报说明：一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分均按财预〔2020〕10号填写，"
    "分值合计100分，得分不得超过分值。\n",
    # the column names as a list of words, with prose under them and no rows
    "评分说明 一级指标 二级指标 三级指标 分值 得分\n本表各项指标的分值由主管部门确定，得分按完成程度计算。\n"
    "二、项目绩效目标完成情况\n项目完成了年度目标，资金支付及时。\n",
    # a list of indicator names, one a line
    "主要绩效指标：\n数量指标\n质量指标\n时效指标\n成本指标\n满意度指标\n",
])
def test_prose_lists_and_notes_never_become_tables(text):
    report = _report(text)
    assert report.tables == []
    assert not any(p.indicators for p in report.projects)


def test_headings_left_out_span_the_rows_below_as_merged_cells():
    report = _report(ROWS_PER_LINE)
    (table,) = report.tables
    header = next(r for r, row in enumerate(table.rows) if "三级指标" in row)
    level1 = table.rows[header].index("一级指标")
    spans = {(r, c): (rs, cs) for r, c, rs, cs in table.spans}
    first = header + 1
    assert table.rows[first][level1] == "产出指标(50分)"
    assert spans[(first, level1)] == (5, 1)  # 数量 ×2, 质量, 时效, 成本: the rows that print no 一级
    # 效益指标 came through as its points alone, "(30分)": named from its 二级 heading
    assert table.rows[first + 5][level1] == "效益指标(30分)"


def test_a_form_posted_as_web_paragraphs_is_read_too():
    from html import escape

    from extractor.html import page_document

    page = "<html><body>" + "".join(f"<p>{escape(ln)}</p>" for ln in ROWS_PER_LINE.splitlines()) + "</body></html>"
    report = recognise(page_document(page, "form.html"))
    assert _rows(report) == ROWS_PER_LINE_EXPECTED


def test_each_row_on_one_line_with_both_headings_and_a_remark():
    text = (
        "项目支出绩效自评表\n项目名称 乡村道路养护\n"
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
        "产出指标 数量指标 养护里程 ≥120公里 110公里 20 18 受汛期影响部分路段延后\n"
        "质量指标 养护合格率 ≥95% 96% 20 20\n"
        "效益指标 社会效益指标 群众出行条件 明显改善 改善 30 30\n"
        "满意度指标 服务对象满意度指标 群众满意度 ≥90% 92% 30 30\n"
        "合计 100 98\n"
    )
    report = _report(text)
    assert report.projects[0].name == "乡村道路养护"
    assert _rows(report) == [
        ("产出指标", "数量指标", "养护里程", "≥120公里", "110公里", 20, 18),
        ("产出指标", "质量指标", "养护合格率", "≥95%", "96%", 20, 20),
        ("效益指标", "社会效益指标", "群众出行条件", "明显改善", "改善", 30, 30),
        # 满意度指标 is a 一级 and a 二级 heading: side by side, the first is the 一级 one
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 30, 30),
    ]
    assert report.projects[0].indicators[0].remark == "受汛期影响部分路段延后"
    assert (report.projects[0].score.total, report.projects[0].score.max) == (98, 100)


def test_a_score_above_its_points_is_not_called_a_deduction():
    """得分 9 of 分值 8 on a met target is over the points (score.bounds), not "低于分值"."""
    report = _report(_slipped(ONE_LINE, "≥50个 50 8 8", "≥50个 50 8 9"))
    assert not [f for f in report.findings if f.rule == "target.score"]


def test_one_cell_per_line_rows_that_leave_out_merged_headings():
    cells = _CELLS[: _CELLS.index("产出指标")] + [
        "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", "100", "%", "100", "30", "30", "",
        "质量指标", "发放准确率", "=", "100", "%", "100", "30", "30", "",  # 一级 merged above
        "足额发放率", "=", "100", "%", "100", "10", "10", "",  # 一级 and 二级 merged above
        "效益指标", "社会效益指标", "足额保障率(参保率)", "=", "100", "%", "100", "20", "20", "",
        "合计", "100", "", "",
        "评价结论", "结合自评情况,说明项目自评总分。",
    ]
    report = _report("".join(f"{c} |\n" if c else "|\n" for c in cells))
    assert [(r[0], r[1], r[2], r[5]) for r in _rows(report)] == [
        ("产出指标", "数量指标", "发放(缴纳)覆盖率", 30),
        ("产出指标", "质量指标", "发放准确率", 30),
        ("产出指标", "质量指标", "足额发放率", 10),
        ("效益指标", "社会效益指标", "足额保障率(参保率)", 20),
    ]
    assert not [f for f in report.findings if f.severity in ("error", "warning")]


def test_a_header_word_list_before_the_form_does_not_hide_it():
    note = "评分说明 一级指标 二级指标 三级指标 分值 得分\n本表各项指标的分值由主管部门确定，得分按完成程度计算。\n\n"
    report = _report(note + ROWS_PER_LINE)
    assert _rows(report) == ROWS_PER_LINE_EXPECTED
    assert report.blocks[0].text.startswith("评分说明")

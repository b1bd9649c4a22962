"""form.* rules: declarations and forms left incomplete.

Hand-built Reports carry the seeds' real content (seed 003's 2018 闵行 申报表 with no 目标值,
no money and no dates; seed 001's 维稳工作 form with 越级信访量 blank; seed 000's 基础表1 whose
年度资金申请总额 has no components); the samples built from those seeds are then read end
to end, and every other sample, the real 普陀 budget among them, must stay silent.
"""

from __future__ import annotations

import pytest

from checker import check
from checker.rules import completeness as cp
from extractor.contract import DocumentMeta, Project, Report, Source
from tests.checker.build import ind, table
from tests.checker.reports import T000_TARGETS, report_000
from tests.conftest import read_recognised


def _form(report: Report, rule: str | None = None):
    return [f for f in check(report) if f.rule.startswith("form.") and (rule is None or f.rule == rule)]


def _report(kind: str, tables, projects=(), ocr_pages=()) -> Report:
    return Report(
        source=Source(file="x.txt", sha256="0" * 64, format="txt", ocr_pages=list(ocr_pages)),
        document=DocumentMeta(kind=kind, year=2023),
        projects=list(projects),
        tables=list(tables),
    )


# ---------------------------------------------------------------- seed 003 (2018 闵行 申报表)

T003_HEAD = table("t1", [], "财政项目支出绩效目标申报表（项目总体情况）", """
项目名称|政府购买辅助服务||||
项目类别|□ 一次性项目 □ 经常性项目 □ 中期预算试点项目||||
项目负责人：|姚怡、周志鹏、张卫东、刘海峰|联系人：|李青|联系电话：|24033522
起始日期：|||结束日期：||
项目概况|此项目主要定为贯彻落实中央和市委关于信访工作制度改革的目標…||||
项目资金|一、项目总预算：二、当年预算：（一）财政拨款： 1. 上级财政拨款： 2. 本级财政安排： 3. 下级财政配套：（二）其他资金：||||
项目总目标|1、通过该项目，提高信访事项复查的权威性和专业性…||||
年度绩效目标|1、年度受理的信访事项复查申请，有律师意见的达到100%；2、积案化解建立常态化机制。3、移交第三方组织的信访事项化解率达到70%；4、信访基础工作进一步加强…||||
需要说明的其他问题|||||
""")

_T003_ROWS = [
    ("产出目标", "数量", "全程目标达成率", "以合同双方确定的年度工作目标核计"),
    ("产出目标", "质量", "阶段性效果呈现", "以上级部门的评价为依据"),
    ("产出目标", "质量", "信访业务工作质量", "考察外聘人员工作质量成果"),
    ("产出目标", "时效", "区间过程性跟踪", "基于及时、有效的过程参与"),
    ("效果目标", "社会效益", "满意度", "行政及行政相对人对服务提供方…的效果感受"),
    ("效果目标", "社会效益", "群众满意率", "考察信访群众对相关业务办理的满意程度"),
    ("影响力目标", "长效管理", "建立健全完善的长效工作制度和经费制度", "建立健全完善的长效制度保障个数"),
    ("影响力目标", "满意度", "积案逐年下降", "创新工作机制"),
    ("影响力目标", "满意度", "外聘人员参与办理的信访业务满意率", "考察外聘人员参与办理的信访业务"),
]


def _t003_targets(values: list[str] | None = None) -> tuple:
    values = values or [""] * len(_T003_ROWS)
    lines = ["项目构成|主体活动（作业、任务）和对应产出|各等子项目由综合科负责。||", "|一级目标|二级目标|三级目标|目标值|备注"]
    inds = []
    for j, ((l1, l2, name, remark), v) in enumerate(zip(_T003_ROWS, values, strict=True)):
        lines.append(f"{'绩效目标' if j == 0 else ''}|{l1}|{l2}|{name}|{v}|{remark}")
        inds.append(ind(None, l1, l2, name, None, None, (None, "t2", 2 + j), target=v or None, remark=remark))
    return table("t2", [], "财政项目支出绩效目标申报表（绩效目标）", "\n".join(lines)), inds


def report_003(values: list[str] | None = None, head=T003_HEAD) -> Report:
    t2, inds = _t003_targets(values)
    return _report("target_declaration", [head, t2], [Project(name="政府购买辅助服务", indicators=inds)])


def test_seed003_no_target_value_at_all():
    (f,) = _form(report_003(), "form.target_blank")
    assert f.severity == "warning"
    assert f.message.startswith("项目“政府购买辅助服务”的财政项目支出绩效目标申报表（绩效目标）：9 个三级指标全部未填“目标值”（行 2–10）")
    # the prose goal states figures that never reached the table
    assert "“年度绩效目标”写有“年度受理的信访事项复查申请，有律师意见的达到100%”、“移交第三方组织的信访事项化解率达到70%”" in f.message
    assert [(loc.table, loc.row, loc.col) for loc in f.locations] == [("t2", r, 4) for r in range(2, 11)]


def test_seed003_money_block_of_labels_only():
    (f,) = _form(report_003(), "form.funds_blank")
    assert f.severity == "warning"
    assert "项目资金栏只列栏目、未填金额：项目总预算、当年预算、财政拨款、上级财政拨款、本级财政安排、下级财政配套、其他资金均为空白（行 5）" in f.message
    assert [(loc.table, loc.row) for loc in f.locations] == [("t1", 5)]


def test_seed003_dates_and_category():
    (f,) = _form(report_003(), "form.field_blank")
    assert f.severity == "info"
    assert "起始日期、结束日期未填（行 3）" in f.message
    assert "项目类别的选项（一次性项目、经常性项目、中期预算试点项目）均未勾选（行 1）" in f.message


def test_seed003_filled_in_is_silent():
    """Words are targets (及时, 健全); a ticked box, dates and amounts complete the head."""
    values = ["=100%", "良好", ">=90%", "及时", ">=80%", ">=85%", "健全", "下降", ">=85%"]
    head = table("t1", [], "财政项目支出绩效目标申报表（项目总体情况）", "\n".join(
        "|".join(r) for r in [
            ["项目名称", "政府购买辅助服务", "", "", "", ""],
            ["项目类别", "□ 一次性项目 ☑ 经常性项目 □ 中期预算试点项目", "", "", "", ""],
            ["起始日期：", "2018-01-01", "", "结束日期：", "2018-12-31", ""],
            ["项目资金", "一、项目总预算：1,200,000 二、当年预算：1,200,000（一）财政拨款：1,200,000（二）其他资金：0", "", "", "", ""],
        ]))
    assert _form(report_003(values, head)) == []


def test_one_target_left_out_of_nine():
    values = ["=100%", "良好", ">=90%", "及时", "", ">=85%", "健全", "下降", ">=85%"]
    (f,) = _form(report_003(values), "form.target_blank")
    assert "9 个三级指标中 1 个未填“目标值”：社会效益“满意度”（行 6）；其余 8 个均已填写" in f.message
    assert "年度绩效目标" not in f.message  # the prose is quoted only when the whole column is empty


# ---------------------------------------------------------------- seed 001 (2023 松江 维稳工作)

_WEIWEN = [
    ("产出指标", "数量指标", "下基层与约谈次数完成率", "=100%"),
    ("", "", "信访稳定例会完成率", "=100%"),
    ("", "质量指标", "市信访工作目标责任考核成绩", "提高"),
    ("", "", "维稳工作开展有效性", "有效"),
    ("", "", "疑难信访矛盾化解率", "提高"),
    ("", "时效指标", "维稳工作开展及时率", "=100%"),
    ("", "", "维稳工作开展及时性", "=100%"),
    ("", "成本指标", "成本控制", "良好"),
    ("效益指标", "社会效益指标", "越级信访量", ""),
    ("", "", "信访总量", "下降"),
    ("", "", "市信访工作目标责任考核成绩", "提高"),
    ("", "", "信访事项办理效率", "提高"),
    ("", "", "信访积案化解率", "提高"),
    ("", "", "社会防控面影响力", "提高"),
    ("", "", "信访事项办理率", "提高"),
    ("", "", "新增重复率", "下降"),
    ("", "", "社会面防控影响力", "提高"),
    ("", "", "信访积案总量", "减少"),
    ("", "可持续影响指标", "社会秩序", "改善"),
    ("", "", "信访事项及时完成率", "及时"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", ">=85%"),
]


def report_001_weiwen(recognised: bool = True) -> Report:
    lines = [
        "财政项目支出绩效目标申报表||||",
        "(2023年度)||||",
        "项目名称|维稳工作|项目类别|经常性项目|",
        "主管部门|上海市松江区人民政府信访办公室|实施单位|上海市松江区人民政府信访办公室|",
        "计划开始日期|2023-01-01|计划完成日期|2023-12-31|",
        "项目资金 (元)|项目资金总额|2371500.00|年度资金申请总额|2371500.00",
        "|其中：财政资金|2371500.00|其中：当年财政拨款|2371500.00",
        "|||上年结转资金|0",
        "|其他资金|0|其他资金|0",
        "项目绩效目标|项目总目标 (2023年-2023年)||年度总目标|",
        "|一、维稳基金一是要有效地化解一批责任主体难以认定…||一、维稳基金…|",
        "绩效指标|一级指标|二级指标|三级指标|年度指标值",
    ]
    inds, l1, l2 = [], "", ""
    for j, (a, b, name, target) in enumerate(_WEIWEN):
        lines.append(f"|{a}|{b}|{name}|{target}")
        l1, l2 = a or l1, b or l2
        inds.append(ind(None, l1, l2, name, None, None, (10, "p10-t1", 12 + j), target=target or None))
    t = table("p10-t1", [10, 11], "财政项目支出绩效目标申报表", "\n".join(lines))
    return _report("target_declaration", [t], [Project(name="维稳工作", indicators=inds if recognised else [])])


@pytest.mark.parametrize("recognised", [True, False])
def test_seed001_one_indicator_without_target(recognised):
    """Read through the recogniser's indicators or, where it took none, the rows themselves."""
    (f,) = _form(report_001_weiwen(recognised))
    assert (f.rule, f.severity) == ("form.target_blank", "warning")
    assert f.message == ("项目“维稳工作”的财政项目支出绩效目标申报表（第 10 页）：21 个三级指标中 1 个未填“年度指标值”："
                         "社会效益指标“越级信访量”（行 20）；其余 20 个均已填写")
    assert [(loc.table, loc.row, loc.col) for loc in f.locations] == [("p10-t1", 20, 4)]


def test_shifted_text_rendering_is_read_as_blank_only_when_the_name_slid():
    """The seed's text rendering drops merged cells: ``|效益指标|社会效益指标|越级信访量`` puts
    the name in the 年度指标值 column; a row whose name column holds a value (``>80%``)
    is a shifted row, not an indicator without target."""
    r = report_001_weiwen()
    t = r.tables[0]
    t.rows[20] = ["", "", "效益指标", "社会效益指标", "越级信访量"]
    assert [f.rule for f in _form(r)] == ["form.target_blank"]
    walked = report_001_weiwen(recognised=False)
    walked.tables[0].rows[21] = ["", "", "信访总量", "下降", ""]
    assert "越级信访量" in _form(walked)[0].message and "信访总量" not in _form(walked)[0].message


# ---------------------------------------------------------------- seed 000 (基础表1 in the evaluation)


T000_DECL = table("p22-t1", [22], "基础表1：项目绩效目标表", """
财政项目支出绩效目标申报表||||
(2022 年度)||||
项目名称|信访办维稳专项|项目类别|经常性项目|
主管部门|上海市莘庄工业区 (汇总)|实施单位|上海市莘庄工业区管理委员会|
计划开始日期|2022-01-01|计划完成日期|2022-12-31|
项目资金 (元)|项目资金总额|2610000|年度资金申请总额|2610000
|其中：财政资金|2610000|其中：当年财政拨款|
|||上年结转资金|
|其他资金||其他资金|
项目绩效目标|项目总目标 (2022 年- 2022 年)||年度总目标|
|园区信访办工作平稳有序。||继续围绕区信访办工作要点，结合信访规范化建设，不断…|
绩效指标|一级指标|二级指标|三级指标|年度指标值
|产出指标|数量指标|初次信访事项办结率|=100%
|||帮困慰问送温暖人数|=120 人
||时效指标|帮困慰问开展及时性|及时
||成本指标||
|效益指标|经济效益指标||
||社会效益指标|本市或北京因信访问题引发的重大群体性事件或恶性事件|0 起
||可持续影响指标|信访维稳工作机制|健全有效
|满意度指标|服务对象满意度指标|信访市民对信访办满意度|>90%
""")


def test_seed000_declared_total_without_its_sources():
    (f,) = _form(_report("evaluation_report", [T000_DECL]))
    assert (f.rule, f.severity, f.actual) == ("form.funds_blank", "info", 2610000.0)
    assert f.message == ("项目“信访办维稳专项”的基础表1：项目绩效目标表（第 22 页）：“年度资金申请总额”印为 2,610,000，"
                         "而其构成当年财政拨款、上年结转资金、其他资金均为空白（行 6–8）：资金来源未填，总额与各项之和无从核对")
    # 项目资金总额 2610000 = 财政资金 2610000 + a blank 其他资金 (nothing): silent; the
    # indicator rows (成本指标 and 经济效益指标 with no indicator under them) all have targets


def test_seed000_whole_report_gives_only_that():
    """表2's 成本指标/经济效益指标/生态效益指标 group rows hold no indicator; 及时, 健全有效, 0 起 are targets."""
    assert [(f.rule, f.severity) for f in _form(report_000())] == [("form.funds_blank", "info")]
    assert _form(_report("evaluation_report", [T000_TARGETS])) == []


def test_components_partly_blank():
    base = [
        "项目名称|课题与规划|项目类别|经常性项目|",
        "项目资金 (元)|项目资金总额|100000.00|年度资金申请总额|100000",
        "|其中：财政资金|100000|其中：当年财政拨款|{cur}",
        "|||上年结转资金|{carried}",
        "|其他资金|0|其他资金|0",
    ]

    def form(cur: str, carried: str) -> Report:
        return _report("target_declaration", [table("t1", [2], "财政项目支出绩效目标申报表", "\n".join(base).format(cur=cur, carried=carried))])

    (f,) = _form(form("", "0"))
    assert f.severity == "info" and f.expected == 100000.0
    assert "已填的 上年结转资金 0 + 其他资金 0 = 0，差 100,000，而当年财政拨款空白（行 2）：空白处应为 100,000" in f.message
    assert _form(form("100000", "")) == []  # the printed parts make the total: a blank is nothing
    (f,) = _form(form("", ""))
    assert f.rule == "form.funds_blank" and "当年财政拨款、上年结转资金" in f.message


def test_whole_money_block_blank_in_cells():
    rows = "\n".join([
        "项目名称|课题与规划|项目类别|经常性项目|",
        "计划开始日期|2023-01-01|计划完成日期|2023-12-31|",
        "项目资金 (元)|项目资金总额||年度资金申请总额|",
        "|其中：财政资金||其中：当年财政拨款|",
        "|||上年结转资金|",
        "|其他资金||其他资金|",
    ])
    (f,) = _form(_report("target_declaration", [table("t1", [2], "财政项目支出绩效目标申报表", rows)]))
    assert (f.rule, f.severity) == ("form.funds_blank", "warning")
    assert "项目资金栏未填金额：项目资金总额、年度资金申请总额、财政资金、当年财政拨款、上年结转资金、其他资金均为空白（行 2–5）" in f.message


# ---------------------------------------------------------------- self-assessments: actuals, OCR


_SELF = """
项目名称|宣传与推广|||||
一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分
产出指标|数量指标|来访来电登记单印刷率|>=95%|100|10|10
||来访登记单印刷率|>=95%||6|6
|时效指标|宣传活动开展及时率|>=95%|98|6|5
效益指标|社会效益指标|信访制度知晓率|良好|良好|7.5|7.5
|成本指标||||
总分|||||100|98
"""


def test_self_assessment_blank_actual_is_a_note():
    (f,) = _form(_report("self_assessment", [table("t1", [3], "2022 年项目支出绩效自评表", _SELF)]))
    assert (f.rule, f.severity) == ("form.actual_blank", "info")
    assert f.message == ("项目“宣传与推广”的2022 年项目支出绩效自评表（第 3 页）：4 个三级指标中 1 个未填“实际完成值”："
                         "数量指标“来访登记单印刷率”（行 3）")


def test_ocr_blank_is_only_a_note():
    (f,) = _form(_report("self_assessment", [table("t1", [3], "自评表", _SELF.replace("|>=95%||6|6", "|||6|6"))], ocr_pages=[3]))
    assert (f.rule, f.severity) == ("form.target_blank", "info")
    assert "OCR" in f.message


def test_helpers():
    assert cp.empty("") and cp.empty(" ： ") and cp.empty("<u>:</u>") and not cp.empty("—") and not cp.empty("及时")
    assert cp.value_like(">80%") and cp.value_like("0 起") and cp.value_like("健全有效") and not cp.value_like("越级信访量")
    assert cp._labels_only("一、项目总预算：二、当年预算：（一）财政拨款：（二）其他资金：") == ["项目总预算", "当年预算", "财政拨款", "其他资金"]
    assert cp._labels_only("一、项目总预算：120万元 二、当年预算：（一）财政拨款：（二）其他资金：") is None
    assert cp._labels_only("联系人：李青：电话：") is None


# ---------------------------------------------------------------- the samples end to end


def _sample(path: str) -> Report:
    return read_recognised(path)[1]


def _keys(path: str) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in _form(_sample(path)))


def test_sample_minhang_declaration():
    got = _form(_sample("samples/target_decl_2018_minhang.html"))
    assert sorted((f.rule, f.severity) for f in got) == [
        ("form.field_blank", "info"), ("form.funds_blank", "warning"), ("form.target_blank", "warning")]
    msg = {f.rule: f.message for f in got}
    assert "9 个三级指标全部未填“目标值”（行 2–10）" in msg["form.target_blank"]
    assert "达到100%" in msg["form.target_blank"] and "达到70%" in msg["form.target_blank"]
    assert "项目总预算、当年预算、财政拨款" in msg["form.funds_blank"]
    assert "起始日期、结束日期未填" in msg["form.field_blank"] and "项目类别" in msg["form.field_blank"]


@pytest.mark.parametrize("path", ["samples/target_decl_2023_songjiang.docx", "samples/target_decl_2023_songjiang.pdf"])
def test_sample_songjiang_declaration(path):
    (f,) = _form(_sample(path))
    assert (f.rule, f.severity) == ("form.target_blank", "warning")
    assert "项目“维稳工作”" in f.message and "21 个三级指标中 1 个未填“年度指标值”：社会效益指标“越级信访量”（行 20）" in f.message


@pytest.mark.parametrize("path", ["samples/eval_report_2022_xinfang.docx", "samples/eval_report_2022_xinfang.pdf"])
def test_sample_evaluation_report(path):
    (f,) = _form(_sample(path))
    assert (f.rule, f.severity, f.actual) == ("form.funds_blank", "info", 2610000.0)
    assert "“年度资金申请总额”印为 2,610,000，而其构成当年财政拨款、上年结转资金、其他资金均为空白" in f.message


@pytest.mark.parametrize("path", [
    "samples/real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf",
    "samples/monitoring_2023_qingyunpu.pdf",
    "samples/monitoring_2023_qingyunpu.docx",
    "samples/self_assessment_2022_songjiang_ocr.txt",
])
def test_complete_forms_are_silent(path):
    """Putuo's five 填报表 (65 indicators, every money cell printed, dates and 类别 filled),
    the monitoring report's three indicator tables, the OCR'd self-assessments."""
    assert _keys(path) == []

"""Text-only contradictions (checker/rules/consistency.py, patterns/events.py): one payment
given two months or two counts, a plan dated before the document's year, another body
named as the doer. Each rule is tried on small hand-made Reports, then on every sample and
seed: through the contract as the pipeline builds it, and over every paragraph of the
running text (what the rules would see if the contract kept it)."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from checker import check
from checker.engine import CheckConfig
from checker.rules import consistency as cs
from extractor.contract import DocumentMeta, Report, Source
from patterns import events as ev
from tests.checker.build import claim, table, with_events
from tests.conftest import ROOT, read_recognised

RULES = ("consistency.event_month", "consistency.stale_year", "consistency.organisation", "consistency.form_period")
AID_TABLE = """
序号|发放人员|发放金额|备注
1|2022 年 2 月发放 11 人困难补助, 每人 500 元|5500|
2|2022 年 9 月发放 7 人困难补助, 每人 900 元|6300|
3|2022 年 10 月发放 36 人困难补助, 每人 500 元|18000|
"""
PROSE_11 = "2 月份发放补助 11 人，每人 500 元，9 月份发放补助 7 人，每人 900 元，11月发放补助36人，每人500元。"


def _report(kind="evaluation_report", year=2022, org="上海市莘庄工业区管理委员会", title=None, claims=(), tables=()):
    return with_events(Report(
        source=Source(file="x.pdf", sha256="0" * 64, format="pdf"),
        document=DocumentMeta(kind=kind, year=year, organisation=org, title=title),
        claims=list(claims),
        tables=list(tables),
    ))


def _ours(report, rule=None):
    got = check(report, CheckConfig(rules=frozenset([rule] if rule else RULES)))
    return [f for f in got if f.rule.startswith("consistency.")]


# ---------------------------------------------------------------- patterns/events.py


def test_events_read_month_count_and_price():
    (e,) = ev.find_events("2022 年 10 月发放 36 人困难补助, 每人 500 元")
    assert (e.year, e.month, e.count, e.unit, e.price, e.verb) == (2022, 10, 36, "人", 500.0, "发放")
    assert "补助" in e.topic
    got = [(e.month, e.count, e.price) for e in ev.find_events(PROSE_11)]
    assert got == [(2, 11, 500.0), (9, 7, 900.0), (11, 36, 500.0)]


def test_a_date_a_range_or_a_running_total_is_not_a_month_of_payment():
    assert ev.find_events("截至 2023 年 10 月 31 日发放补助 36 人") == []
    assert ev.find_events("1-10 月发放补助 36 人") == []
    assert ev.find_events("截至10月累计发放补助50人") == ev.find_events("10月共发放补助 50 人") == []


def test_month_list():
    (lst,) = ev.find_month_lists("分别于 2022 年 2 月、9 月和 10 月对相关人员进行困难补助。")
    assert lst.months == (2, 9, 10) and lst.year == 2022 and "补助" in lst.topic


def test_plans_future_not_disposal_nor_past():
    (p,) = ev.find_plans("根据 2017 年 8 月 1 日《纪要》，经审批通过实施区信访办信息化系统工程。2022 年，将对该系统实施运维。")
    assert (p.year, p.marker, p.sentence) == (2022, "将", "2022 年，将对该系统实施运维。")
    (q,) = ev.find_plans("区信访办拟于 2023 年 1 月（至 2023 年 12 月）实施松江区信访办技防改造项目。")
    assert q.year == 2023
    assert ev.find_plans("2021年将原有老旧设备进行更换。") == []  # 将 = 把
    assert ev.find_plans("2021年拟投入 50 万元，实际投入 40 万元。") == []  # a plan against what happened
    assert ev.find_plans("2022 年计划帮困救助计划人数为 120 人。") == []  # 计划 as a noun
    assert ev.find_plans("根据2022年拟定的《方案》执行。") == []  # 拟定: drafted
    assert ev.find_plans("本项目将在2022年的基础上进一步提升。") == []  # a baseline, not a date


def test_org_function_and_kind():
    assert ev.org_function("上海市松江区人民政府信访办公室") == "信访"
    assert ev.org_function("青云谱区委信访局") == "信访"
    assert ev.org_function("区医保局") == ev.org_function("南昌市青云谱区医疗保障局") == "医保"
    assert ev.org_function("上海市莘庄工业区管理委员会") == ""
    assert ev.org_function("上海市普陀区人民政府万里街道办事处") == ""
    assert (ev.org_kind("区医保局"), ev.org_kind("闵行区信访办公室"), ev.org_kind("居委")) == ("局", "办", None)
    assert ev.title_organisation("2023年青云谱区委信访局全国省市“两会”现场值守工作经费项目") == "青云谱区委信访局"
    assert ev.title_organisation("2022 年闵行区莘庄工业区 财政支出项目绩效评价报告") is None


def test_actors():
    (a,) = ev.find_actors("项目的各项支出均按照区医保局相关财务管理制度执行。")
    assert (a.names, a.how) == (("区医保局",), "finance")
    assert ev.find_actors("项目实施过程按照莘庄工业区财务管理制度和业务管理制度有关规定执行。") == []
    assert [a.names for a in ev.find_actors("按照本办法第三条执行；本办年度工作计划")] == [("办",)]
    assert ev.find_actors("形成了基本局面") == []


# ---------------------------------------------------------------- consistency.event_month


def test_one_payment_two_months():
    r = _report(claims=[claim("11月发放补助.人数", PROSE_11, 36.0, "人", 7, "36人")],
                tables=[table("p23-t2", [23], "基础表3：帮困补助经费发放情况表", AID_TABLE, unit="元")])
    (f,) = _ours(r)
    assert (f.rule, f.severity, f.expected, f.actual) == ("consistency.event_month", "warning", 10.0, 11.0)
    assert "11月发放补助36人" in f.message and "2022 年 10 月发放 36 人困难补助" in f.message
    assert "正文（第 7 页）" in f.message and "基础表3：帮困补助经费发放情况表（第 23 页 行 3）" in f.message
    assert [(loc.page, loc.table, loc.row) for loc in f.locations] == [(7, None, None), (23, "p23-t2", 3)]


def test_agreeing_months_are_silent():
    prose = PROSE_11.replace("11月", "10月")
    r = _report(claims=[claim("10月发放补助.人数", prose, 36.0, "人", 7)],
                tables=[table("p23-t2", [23], "基础表3", AID_TABLE)])
    assert _ours(r) == []


def test_two_payments_of_the_same_size_are_two_payments():
    """The table lists 36 people at 500 元 in both 10 月 and 11 月: the prose's 11 月 is the
    second, not a second date for the first."""
    rows = AID_TABLE + "4|2022 年 11 月发放 36 人困难补助, 每人 500 元|18000|\n"
    r = _report(claims=[claim("x", PROSE_11, 36.0, "人", 7)], tables=[table("t", [23], "基础表3", rows)])
    assert _ours(r) == []


def test_nothing_shared_nothing_said():
    """One statement each and no payment in common: two payments as likely as one."""
    r = _report(claims=[claim("x", "11 月发放补助 36 人，每人 500 元。", 36.0, "人", 7)],
                tables=[table("t", [23], "基础表3", "序号|发放人员\n1|2022 年 10 月发放 36 人困难补助, 每人 500 元")])
    assert _ours(r) == []


def test_other_price_or_topic_is_another_payment():
    other_price = PROSE_11.replace("11月发放补助36人，每人500元", "11月发放补助36人，每人800元")
    other_topic = PROSE_11.replace("11月发放补助36人", "11月召开例会36次")
    for text in (other_price, other_topic):
        r = _report(claims=[claim("x", text, 36.0, "人", 7)], tables=[table("t", [23], "基础表3", AID_TABLE)])
        assert _ours(r) == [], text


def test_one_month_two_counts():
    prose = PROSE_11.replace("11月发放补助36人", "10月发放补助38人")
    r = _report(claims=[claim("x", prose, 38.0, "人", 7)], tables=[table("t", [23], "基础表3", AID_TABLE)])
    (f,) = _ours(r)
    assert (f.expected, f.actual) == (36.0, 38.0) and "10 月的同一次发放有两个数" in f.message


def test_month_list_against_the_months_stated_after_it():
    cell = "根据年度信访维稳工作总体情况，对困难信访人员给予困难补助，分别于 2022 年 2 月、9 月和 10 月对相关人员进行困难补助。" + PROSE_11
    r = _report(tables=[table("p18-t1", [18], "评价指标体系表", f"三级指标|业绩值\nC13 帮困补助工作完成情况|{cell}")])
    (f,) = _ours(r)
    assert f.actual == 11.0 and "分别于 2022 年 2 月、9 月和 10 月" in f.message and "11 月不在所列月份中" in f.message
    agree = cell.replace("11月发放", "10月发放")
    r = _report(tables=[table("p18-t1", [18], "评价指标体系表", f"三级指标|业绩值\nC13|{agree}")])
    assert _ours(r) == []


def test_table_with_month_and_head_count_columns():
    t = table("t", [9], "帮困补助发放明细", "发放时间|人数|标准\n2022年2月|11|500元\n2022年9月|7|900元\n2022年10月|36|500元")
    r = _report(claims=[claim("x", PROSE_11, 36.0, "人", 7)], tables=[t])
    (f,) = _ours(r)
    assert (f.expected, f.actual) == (10.0, 11.0) and "帮困补助发放明细（第 9 页 行 3）" in f.message


# ---------------------------------------------------------------- consistency.stale_year


def test_plan_dated_last_year_in_a_declaration():
    text = "根据 2017 年 8 月 1 日《上海市松江区人民政府常务会议纪要》，经审批通过实施区信访办信息化系统工程。2022 年，将对该系统实施运维。"
    t = table("p5-t1", [5], "项目经费情况说明", f"立项依据|{text}")
    (f,) = _ours(_report(kind="target_declaration", year=2023, org="上海市松江区人民政府信访办公室", tables=[t]))
    assert (f.rule, f.severity, f.expected, f.actual) == ("consistency.stale_year", "warning", 2023.0, 2022.0)
    assert "“2022 年，将对该系统实施运维。”" in f.message and "第 5 页" in f.message and "2023 年度" in f.message


def test_plans_of_the_year_or_after_and_past_documents_are_silent():
    for kind, year, text in (
        ("target_declaration", 2023, "区信访办拟于 2023 年 1 月实施松江区信访办技防改造项目。"),
        ("target_declaration", 2023, "本项目将于 2022 年底前完成验收。"),  # the form is written in 2022
        ("target_declaration", 2023, "拟于 2022 年 12 月完成招标。"),
        ("evaluation_report", 2023, "2022 年，将对该系统实施运维。"),  # an evaluation narrates the past
        ("target_declaration", 2023, "2022年拟投入 50 万元，实际投入 40 万元。"),
    ):
        t = table("t", [1], None, f"说明|{text}")
        assert _ours(_report(kind=kind, year=year, tables=[t])) == [], text


# ---------------------------------------------------------------- consistency.organisation

TITLE_004 = "2023年青云谱区委信访局全国省市“两会”现场值守工作经费项目1-10月份绩效运行监控报告"


def test_another_bureau_as_the_doer():
    text = "截至跟踪节点（2023 年 10 月 31 日），项目的各项支出均按照区医保局相关财务管理制度执行。"
    r = _report(kind="monitoring_report", year=2023, org=None, title=TITLE_004,
                claims=[claim("资金使用合规性", text, None, None, 7)])
    (f,) = _ours(r)
    assert (f.rule, f.severity) == ("consistency.organisation", "warning")
    assert "区医保局" in f.message and "青云谱区委信访局" in f.message and "第 7 页" in f.message


@pytest.mark.parametrize("text", [
    "项目的各项支出均按照区信访局相关财务管理制度执行。",  # its own
    "项目的各项支出均按照区财政局相关财务管理制度执行。",  # oversight
    "项目实施过程按照莘庄工业区财务管理制度和业务管理制度有关规定执行。",
    "由区公安局负责现场秩序维护。",  # a cooperating body, not the project's implementer
    "3.具体实施单位：信访局、各相关职能科室、居委。",
])
def test_own_oversight_and_cooperating_bodies_are_silent(text):
    r = _report(kind="monitoring_report", year=2023, org=None, title=TITLE_004, claims=[claim("x", text, None, None, 3)])
    assert _ours(r) == []


def test_self_reference_of_another_kind():
    r = _report(kind="target_declaration", year=2018, org="闵行区信访办公室",
                tables=[table("t", [1], None, "制度|措施\n本办财务报账管理规定|按照本办财务管理规定进行费用支付")])
    assert _ours(r) == []
    r.tables[0].rows[1][1] = "按照我局财务管理规定进行费用支付"
    with_events(r)  # the recogniser reads the events of the changed cell
    (f,) = _ours(r)
    assert "自称“我局”" in f.message and "闵行区信访办公室" in f.message


def test_implementer_lines_in_a_department_budget_are_its_sub_units():
    text = "实施单位：区老龄工作委员会办公室"
    r = _report(kind="target_declaration", year=2023, org="区民政局", claims=[claim("x", text, None, None, 3)])
    assert len(_ours(r)) == 1
    r.document.kind = "budget"
    assert _ours(r) == []


def test_offices_inside_a_general_government_are_its_own():
    """A 管委会 owns its 信访办; a district bureau is never inside it."""
    for text, n in (("2.项目责任单位：莘庄工业区信访办；", 0), ("项目支出按照区医保局相关财务管理制度执行。", 1)):
        assert len(_ours(_report(claims=[claim("x", text, None, None, 9)]))) == n, text


# ---------------------------------------------------------------- consistency.form_period

FORM = """
财政项目支出绩效目标申报表||||
(2023 年度)||||
项目名称|网络信息系统运行与维护|项目类别|经常性项目|
计划开始日期|2023-01-01|计划完成日期|2023-12-31|
项目绩效目标|项目总目标 (2023年-2023年)||年度总目标|
"""


def _form(text=FORM, kind="target_declaration", year=2023):
    return _report(kind=kind, year=year, org="上海市松江区人民政府信访办公室",
                   tables=[table("p6-t1", [6], "财政项目支出绩效目标申报表", text)])


def test_form_whose_year_span_and_dates_agree_is_silent():
    assert _ours(_form()) == []
    multi = FORM.replace("(2023年-2023年)", "(2021年-2025年)").replace("2023-01-01", "2021-01-01").replace("2023-12-31", "2025-12-31")
    assert _ours(_form(multi)) == []  # a five-year project in its third year


def test_form_heading_outside_its_dates():
    (f,) = _ours(_form(FORM.replace("(2023 年度)", "(2022 年度)"), kind="self_assessment", year=2022))
    assert (f.rule, f.expected, f.actual) == ("consistency.form_period", 2023.0, 2022.0)
    assert "表头为“2022 年度”" in f.message and "不含 2022 年" in f.message and "（第 6 页）" in f.message


def test_goal_span_other_than_the_dates():
    (f,) = _ours(_form(FORM.replace("(2023年-2023年)", "(2022年-2022年)"), kind="self_assessment", year=2023))
    assert "项目总目标写“2022 年-2022 年”" in f.message and (f.expected, f.actual) == (2023.0, 2022.0)


def test_declaration_form_of_another_year_and_reversed_dates():
    stale = FORM.replace("2023", "2022")
    got = _ours(_form(stale))
    assert [(f.expected, f.actual) for f in got] == [(2023.0, 2022.0)] and "本文件为 2023 年度" in got[0].message
    (f,) = _ours(_form(FORM.replace("2023-01-01", "2024-01-01").replace("(2023年-2023年)", "")))
    assert "开始与完成日期颠倒" in f.message


# ---------------------------------------------------------------- every sample and seed

DOCS = sorted(
    str(Path(p).relative_to(ROOT))
    for pat in ("samples/*.pdf", "samples/*.docx", "samples/*.html", "samples/*.txt", "samples/real/*.pdf",
                "tests/fixtures/seeds/*.txt")
    for p in glob.glob(str(ROOT / pat))
)
# What the whole running text holds (checked by hand against the seeds): the 36 people paid
# in 11 月 (prose) or 10 月 (基础表3 and the 分别于 list); 2022 年，将… in the 2023 申报表; 区医保局
# in the 信访局's monitoring report. The recogniser brings those sentences into the contract
# (``patterns.events.event_claims``), so the contract shows all three.
FULL_TEXT = {
    "eval_report_2022_xinfang": {("consistency.event_month", 10.0, 11.0)},
    "000_3dc6be9536a5ad30": {("consistency.event_month", 10.0, 11.0)},
    "target_decl_2023_songjiang": {("consistency.stale_year", 2023.0, 2022.0)},
    "001_42a0b3d4e7d7d2a6": {("consistency.stale_year", 2023.0, 2022.0)},
    "monitoring_2023_qingyunpu": {("consistency.organisation", None, None)},
    "004_6a38d2289e928ccf": {("consistency.organisation", None, None)},
}


def _read(path: str):
    return read_recognised(path)


def _keys(findings):
    return sorted((f.rule, f.expected, f.actual) for f in findings)


@pytest.mark.parametrize("path", DOCS)
def test_samples_and_seeds_through_the_contract(path):
    doc, report = _read(path)
    assert {c.text for c in ev.event_claims(doc.blocks)} <= {c.text for c in report.claims}
    assert _keys(_ours(report)) == sorted(FULL_TEXT.get(Path(path).stem, set())), [f.message for f in _ours(report)]


@pytest.mark.parametrize("path", DOCS)
def test_rule_cores_over_every_paragraph(path):
    from extractor.document import Block

    doc, report = _read(path)
    paragraphs = [ev.TextUnit(b.text, b.page) for b in doc.items if isinstance(b, Block) and b.text.strip()]
    events = ev.read_events(ev.text_units(report) + paragraphs, report.tables)
    got = cs.month_conflicts(events, report) + cs.stale_plans(events, report) + cs.foreign_actors(events, report)
    assert _keys(got) == sorted(FULL_TEXT.get(Path(path).stem, set())), [f.message for f in got]


def test_messages_name_sentence_and_page():
    _, report = _read("samples/target_decl_2023_songjiang.pdf")
    (f,) = _ours(report)
    assert f.message == ("正文（第 5 页）以将来时写 2022 年的安排：“2022 年，将对该系统实施运维。”，而本申报表为 2023 年度，"
                         "计划年份早于文件年度：疑为沿用上年文本，请核对年份")
    _, report = _read("samples/monitoring_2023_qingyunpu.pdf")
    (f,) = _ours(report)
    assert "正文（第 7 页）称本项目支出按“区医保局”的财务制度执行" in f.message and "“青云谱区委信访局”（标题）" in f.message


def test_seed000_message_quotes_both_and_the_list():
    _, report = _read("samples/eval_report_2022_xinfang.pdf")
    (f,) = _ours(report)
    assert f.message.startswith("同一次发放（36 人，每人 500 元）写成两个月份：正文（第 4、7、15、17 页）")
    assert "基础表3：帮困补助经费发放情况表（第 23 页 行 3）记为“2022 年 10 月发放 36 人困难补助, 每人 500 元”" in f.message
    assert "；正文（第 4、7、15、17 页）、2022年信访办维稳专项绩效评价指标体系表（第 20 页 行 14）又称“分别于 2022 年 2 月、9 月和 10 月”，与 10 月相合" in f.message


def test_month_list_against_two_series_with_other_counts_does_not_crash():
    lst = "分别于 2022 年 2 月、9 月和 10 月对相关人员进行困难补助。"
    a = PROSE_11
    b = PROSE_11.replace("11月发放补助36人", "11月发放补助38人")
    r = _report(claims=[claim("x", lst, None, None, 4), claim("y", a, 36.0, "人", 7), claim("z", b, 38.0, "人", 9)])
    got = {(f.expected, f.actual) for f in _ours(r, "consistency.event_month")}
    assert got == {(38.0, 36.0), (None, 11.0)}  # 36 or 38 people in 11 月; 11 月 not among the listed months


def test_random_text_never_crashes_the_finders():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("月年日发放补助人次每元将对于拟计划局办委按照财务管理制度执行由负责项目实施我本分别、和0123456789，。：（）- "))

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet, max_size=120))
    def run(text):
        for fn in (ev.find_events, ev.find_month_lists, ev.find_plans, ev.find_actors, ev.org_function, ev.org_kind):
            fn(text)
        r = _report(kind="target_declaration", year=2023, org="区信访办", claims=[claim("x", text, None, None, 1)],
                    tables=[table("t", [1], None, f"发放时间|人数\n{text}|3")])
        for f in check(r, CheckConfig(rules=frozenset(RULES))):
            assert f.rule != "rule.crash", f.message

    run()

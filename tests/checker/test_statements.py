"""Sentences and numbered items that carry their own arithmetic (checker/rules/statements.py),
claims attached to a project by position, and the real errors of the Putuo budget PDF."""

from __future__ import annotations

import pytest

from checker import check
from extractor.contract import Budget, DocumentMeta, Project, Report, Source
from extractor.document import Block
from patterns.prose import extract_claims
from tests.checker.build import claim, ind, table
from tests.checker.reports import report_001

PUTUO = "samples/real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf"


def _report(texts: list[str], tables=(), projects=None, year=2023) -> Report:
    """A report whose claims are read from ``texts`` (one block per page) by the real recogniser."""
    claims = extract_claims([Block(text=t, page=k + 6) for k, t in enumerate(texts)])
    return Report(
        source=Source(file="x.pdf", sha256="0" * 64, format="pdf"),
        document=DocumentMeta(kind="budget", year=year),
        projects=projects or [],
        tables=list(tables),
        claims=claims,
    )


def _found(report: Report, rule: str, severity: str | None = None):
    return [f for f in check(report) if f.rule == rule and (severity is None or f.severity == severity)]


# ---- A. 执行率 = 支出 ÷ 预算 inside one sentence, any year ---------------------------------

Y2020 = "2020年项目预算金额为359万元,年中调整后的预算金额为231万元,实际支出金额为144.65万元,项目调整后的预算执行率为62.62%。"


def test_sentence_rate_of_another_year_agrees():
    assert _found(_report([Y2020], year=2022), "statement.execution_rate") == []


def test_sentence_rate_of_another_year_slip_is_caught_naming_both_denominators():
    got = _found(_report([Y2020.replace("144.65", "146.45")], year=2022), "statement.execution_rate", "error")
    assert len(got) == 1
    msg = got[0].message
    assert "146.45万元" in msg and "62.62%" in msg and "调整后预算 231万元" in msg and "年初预算 359万元" in msg
    assert got[0].locations[0].page == 6


def test_sentence_rate_over_the_initial_budget_is_named():
    text = "2021年项目预算金额为200万元,年中调整后的预算金额为150万元,实际支出金额为100万元,项目调整后的预算执行率为50%。"
    got = _found(_report([text], year=2022), "statement.execution_rate")
    assert [(f.severity, "非调整后预算" in f.message) for f in got] == [("info", True)]


MONITOR = ("本级财政预算安排专项资金共计2646.34万元,截至6月30日,专项资金已到位672.44万元,"
           "实际支出605.2万元,预算执行率为{rate}。")


def test_sentence_rate_over_the_funds_received_agrees():
    """执行率 = 实际支出 ÷ 实际到位资金 (财预〔2020〕10号): 605.2 ÷ 672.44 = 90.0 %, not a slip
    because 605.2 ÷ the 2646.34 budget is 22.87 % (a monitoring report's mid-year sentence)."""
    assert _found(_report([MONITOR.format(rate="90%")]), "statement.execution_rate") == []


def test_sentence_rate_slip_names_the_funds_received_too():
    [got] = _found(_report([MONITOR.format(rate="100%")]), "statement.execution_rate", "error")
    assert "到位资金 672.44万元" in got.message and "年初预算 2646.34万元" in got.message


# ---- B. a 部门预算编制说明, line by line ---------------------------------------------------

LINE = ("1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”{a}万元，主要用于统计管理。"
        "2022年当年预算执行数为{last}万元，2023年预算安排{this}万元，比2022年预算执行数{change}。")

FUNCTION_TABLE = """
功能分类科目编码|||功能分类科目名称|合计|基本支出|项目支出
类|款|项||||
201|||一般公共服务支出|{t201}|0|{t201}
201|05||统计信息事务|{t20105}|0|{t20105}
201|05|06|统计管理|{t}|0|{t}
201|05|07|专项普查活动|601,300|0|601,300
合计||||{t201}|0|{t201}
"""


def _line(a="2.63", last="1.48", this="2.63", change="增加77.70 %", t=26300, unit="元"):
    scale = 10000 if unit == "万元" else 1
    fmt = (lambda v: f"{v / scale:.2f}") if unit == "万元" else (lambda v: f"{v:,}")
    tab = table("p20-t1", [20], "2023年部门一般公共预算支出功能分类预算表", FUNCTION_TABLE.format(
        t=fmt(t), t20105=fmt(t + 601300), t201=fmt(t + 601300)), unit=unit)
    return _report([LINE.format(a=a, last=last, this=this, change=change)], [tab])


def test_a_line_that_agrees_is_silent():
    r = _line()
    for rid in ("statement.repeated", "statement.growth", "statement.classification"):
        assert [f for f in _found(r, rid) if f.severity != "info"] == [], rid


def test_the_amount_stated_twice_must_agree():
    got = _found(_line(this="2.66"), "statement.repeated", "error")
    assert len(got) == 1 and "2.63万元" in got[0].message and "2.66万元" in got[0].message


def test_growth_recomputed():
    got = _found(_line(change="增加71.70 %"), "statement.growth", "error")
    assert len(got) == 1
    assert "(2.63万元 − 1.48万元) ÷ 1.48万元 = 77.7027%" in got[0].message and "71.70" in got[0].message


def test_growth_direction_must_agree_with_the_sign():
    got = _found(_line(change="减少77.70%"), "statement.growth", "error")
    assert len(got) == 1 and "增减方向相反" in got[0].message


def test_growth_from_zero_is_a_hundred_percent_and_equal_amounts_are_flat():
    assert _found(_line(last="0", change="增加100.00%"), "statement.growth") == []
    assert _found(_line(last="0", change="增加90.00%"), "statement.growth", "error")
    assert _found(_line(last="2.63", change="持平"), "statement.growth") == []
    flat = _found(_line(last="2.60", change="持平"), "statement.growth", "error")
    assert len(flat) == 1 and "持平" in flat[0].message


@pytest.mark.parametrize("unit", ["元", "万元"])
def test_line_against_the_function_table_row_in_its_unit(unit):
    assert _found(_line(unit=unit), "statement.classification") == []
    got = _found(_line(t=26900, unit=unit), "statement.classification", "error")
    assert len(got) == 1
    f = got[0]
    assert "2.63万元" in f.message and "2010506" in f.message and "26,900.00" in f.message
    assert (f.locations[1].table, f.locations[1].row, f.locations[1].col) == ("p20-t1", 4, 4)


def test_line_matches_the_row_by_its_whole_path():
    # the same 项 name under another 款 is another row: no match, no finding
    r = _line()
    r.claims = [c.model_copy(update={"subject": c.subject.replace("统计信息事务", "群众团体事务")}) for c in r.claims]
    assert _found(r, "statement.classification") == []


SUMMARY = ("2023年，某街道办事处收入预算{inc}万元，其中：财政拨款收入{grant}万元，比2022年（上一年度，下同）预算增加1421.25万元；"
           "事业收入{biz}万元；事业单位经营收入0万元；其他收入0万元。")
SPENDING = ("支出预算16497.86万元，其中：财政拨款支出预算16497.86万元，比2022年预算增加{chg}万元。财政拨款支出预算中，"
            "一般公共预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算增加{fund}万元；"
            "国有资本经营预算拨款支出预算0万元，比2022年预算持平。")
TOTALS = table("p10-t1", [10], "2023年部门财务收支预算总表", """
本年收入||本年支出|
项目|预算数|项目|预算数
一、财政拨款收入|164,978,640|一、一般公共服务支出|{out}
二、事业收入||二、城乡社区支出|162,001,840
收入总计|164,978,640|支出总计|164,978,640
""".replace("{out}", "2,976,800"), unit="元")


def _summary(inc="16497.86", grant="16497.86", biz="0", chg="1421.25", fund="0"):
    return _report([SUMMARY.format(inc=inc, grant=grant, biz=biz), SPENDING.format(chg=chg, fund=fund)], [TOTALS])


def test_summary_lines_that_agree_are_silent():
    r = _summary()
    assert [f for f in check(r) if f.rule.startswith("statement.")] == []


def test_parts_above_the_whole_are_an_error_below_it_a_warning():
    over = _found(_summary(biz="5"), "statement.parts", "error")
    assert len(over) == 1 and "事业收入 5万元" in over[0].message
    under = _found(_summary(inc="16597.86"), "statement.parts", "warning")
    assert len(under) == 1 and "16597.86万元" in under[0].message


def test_summary_against_the_two_sided_table():
    got = _found(_summary(inc="16597.86", grant="16597.86"), "statement.totals", "error")
    assert {f.locations[1].row for f in got} == {2, 4}  # 一、财政拨款收入 and 收入总计
    assert "事业收入为 0.00 元" in _found(_summary(biz="5"), "statement.totals", "error")[0].message  # blank cell = 0
    lopsided = TOTALS.model_copy(deep=True)
    lopsided.rows[4][3] = "164,978,650"
    r = _summary()
    r.tables = [lopsided]
    sides = _found(r, "statement.totals", "error")
    assert any("两侧应相等" in f.message for f in sides)


def test_an_increase_larger_than_the_amount_and_changes_that_do_not_add_up_warn():
    got = _found(_summary(fund="1421.25"), "statement.change", "warning")
    assert any("政府性基金拨款支出预算 0万元" in f.message and "负数" in f.message for f in got)
    assert any("2,842.50万元" in f.message for f in got)


def test_both_sides_balance():
    got = _found(_summary(chg="1521.25"), "statement.balance", "warning")
    assert len(got) == 1 and "1421.25" in got[0].message and "1521.25" in got[0].message


# ---- C. a claim with no project name belongs to the section it stands in -------------------


def test_unnamed_claim_is_checked_against_the_project_of_its_section():
    r = report_001()
    assert not [f for f in check(r) if f.rule == "crossref.claims" and f.severity == "error"]
    last = r.claims[-1]  # 宣传与推广 section (p. 13), its form on p. 14
    r.claims[-1] = last.model_copy(update={"value": 250000.0, "value_text": "25万元", "text": last.text.replace("15", "25")})
    r.projects[-1].indicators[0].source.page = 14
    for p, page in zip(r.projects, (2, 4, 6, 10, 14), strict=True):
        for i in p.indicators:
            i.source.page = page
    got = [f for f in check(r) if f.rule == "crossref.claims" and f.severity == "error"]
    assert len(got) == 1 and "宣传与推广" in got[0].message and "25万元" in got[0].message


def test_several_figures_in_one_section_are_parts_of_its_budget():
    r = report_001()
    for p, page in zip(r.projects, (2, 4, 6, 11, 14), strict=True):
        for i in p.indicators:
            i.source.page = page
    assert not [f for f in check(r) if f.rule == "crossref.claims" and f.severity == "error"]
    r.claims[4] = r.claims[4].model_copy(update={"value": 1350000.0, "value_text": "135万元"})
    got = [f for f in check(r) if f.rule == "crossref.claims" and f.severity == "error"]
    assert len(got) == 1 and "135万元 + 88.25万元 + 23.9万元" in got[0].message and "2,371,500.00" in got[0].message


def test_front_matter_is_not_attached_to_the_first_project():
    p1 = Project(name="甲", budget=Budget(total=100.0), indicators=[ind(None, "产出指标", "数量指标", "x", None, None, (31, "p31-t1", 1))])
    p2 = Project(name="乙", budget=Budget(total=200.0), indicators=[ind(None, "产出指标", "数量指标", "y", None, None, (32, "p32-t1", 1))])
    r = Report(source=Source(file="x.pdf", sha256="0" * 64, format="pdf"), document=DocumentMeta(year=2023),
               projects=[p1, p2], claims=[claim("预算金额", "本部门预算金额为5万元。", 50000.0, "元", 29, "5万元")])
    assert not [f for f in check(r) if f.rule == "crossref.claims"]


# ---- the real Putuo budget: what a careful auditor finds ---------------------------------


@pytest.fixture(scope="module")
def putuo():
    from extractor import read
    from patterns import recognise
    from tests.conftest import ROOT

    return check(recognise(read(ROOT / PUTUO)))


def test_putuo_real_errors(putuo):
    keyed = {(f.rule, f.severity, f.expected, f.actual) for f in putuo}
    # item 16 职业年金: 220.63 万元, then 预算安排 441.25 万元 and 增加 60.54 % (both copied from item 15)
    assert ("statement.repeated", "error", 2206300.0, 4412500.0) in keyed
    assert ("statement.classification", "error", 2206272.0, 4412500.0) in keyed
    assert any(r == "statement.growth" and s == "error" and a == 60.54 and abs(e - 232.7928) < 1e-3 for r, s, e, a in keyed)
    # item 3 群众团体事务: (45.41 − 11.67) ÷ 11.67 = 289.12 %, printed 314.82 %
    assert any(r == "statement.growth" and s == "error" and a == 314.82 for r, s, e, a in keyed)
    # item 47: 政府性基金拨款支出预算 0 万元, 比2022年预算增加 1421.25 万元
    assert ("statement.change", "warning", 0.0, 14212500.0) in keyed
    # p. 30: 地上建筑面积 8013 平方米, 其中 计容 7998 + 不计容 105 = 8103 (tests/checker/test_breakdowns.py)
    assert ("statement.parts", "error", 8013.0, 8103.0) in keyed
    errors = [f for f in putuo if f.rule.startswith("statement.") and f.severity == "error"]
    assert len(errors) == 5, [f.message for f in errors]


def test_line_against_a_same_named_row_of_another_table_warns():
    econ = table("p26-t1", [26], "2023年部门一般公共预算基本支出部门预算经济分类预算表", """
部门预算经济分类科目编码||经济分类科目名称|合计|人员经费|公用经费
302|15|会议费|30,000||30,000
302|17|公务接待费|{v}||{v}
""".replace("{v}", "13,500"), unit="元")
    text = "（三）、公务接待费1.35万元。比2022年预算持平，主要原因是公务接待费保持不变。"
    assert _found(_report([text], [econ]), "statement.named_row") == []
    got = _found(_report([text.replace("1.35", "1.30")], [econ]), "statement.named_row", "warning")
    assert len(got) == 1 and "1.30万元" in got[0].message and "13,500.00" in got[0].message
    assert (got[0].locations[1].table, got[0].locations[1].row, got[0].locations[1].col) == ("p26-t1", 2, 3)


# ---- statement.payment: a payment stated in parts against the table row --------------------

PAID = "根据签订的专项法律服务合同，管委会将补偿款24万元及税费7.4952万元转入律所账户，再由律所转账至信访人账户。"


def _seed000_with(*blocks: tuple[str, int]) -> Report:
    """Seed 000's hand-built Report (表1 on p. 7) plus the claims the recogniser reads from ``blocks``."""
    from tests.checker.reports import report_000

    r = report_000()
    r.claims += extract_claims([Block(text=t, page=p) for t, p in blocks])
    return r


def test_seed000_payment_in_parts_against_its_row():
    got = _found(_seed000_with(("5. 动迁补偿差额利息", 7), (PAID, 7)), "statement.payment")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 240000.0, 314952.0)]
    msg = got[0].message
    assert "第 7 页" in msg and PAID in msg and "“动迁补偿差额利息”一节" in msg
    assert "补偿款 24万元 + 税费 7.4952万元 = 314,952.00 元" in msg
    assert "表 1:2022 年项目预算执行情况表（第 7 页）“动迁补偿差额利息”行支付金额为 240,000.00 元（差 74,952.00 元）" in msg
    assert "补偿款 24万元与该行相等" in msg and "税费 7.4952万元（74,952.00 元）未见于任何表格" in msg
    assert [(loc.page, loc.table, loc.row, loc.col) for loc in got[0].locations] == [(7, None, None, None), (7, "p7-t1", 6, 4)]


def test_payment_that_adds_up_to_its_row_is_silent():
    for text in (PAID.replace("补偿款24万元及税费7.4952万元", "补偿款20万元及税费4万元"),
                 PAID.replace("补偿款24万元及税费7.4952万元", "补偿款24万元")):
        assert _found(_seed000_with(("5. 动迁补偿差额利息", 7), (text, 7)), "statement.payment") == [], text


def test_payment_with_no_row_of_its_name_is_silent():
    assert _found(_seed000_with(("6. 律师服务", 7), (PAID, 7)), "statement.payment") == []


def test_payment_row_named_by_the_sentence_itself():
    text = "就动迁补偿差额利息事宜，管委会将补偿款24万元及税费7.4952万元转入律所账户。"
    got = _found(_seed000_with((text, 7)), "statement.payment", "warning")
    assert len(got) == 1 and "“动迁补偿差额利息”行" in got[0].message and "一节" not in got[0].message


def test_one_figure_below_its_row_may_be_an_instalment_above_it_is_not():
    heading = ("5. 动迁补偿差额利息", 7)
    assert _found(_seed000_with(heading, ("管委会已支付补偿款20万元。", 7)), "statement.payment") == []
    got = _found(_seed000_with(heading, ("管委会已支付补偿款31.4952万元。", 7)), "statement.payment", "warning")
    assert [(f.expected, f.actual) for f in got] == [(240000.0, 314952.0)] and "相等" not in got[0].message


def test_the_other_part_found_in_a_table_is_named_and_repeats_are_one_finding():
    r = _seed000_with(("3.跟进动迁补偿差额利息的支付管理", 4), (PAID, 4), ("5. 动迁补偿差额利息", 7), (PAID, 7),
                      ("3.跟进动迁补偿差额利息的支付管理", 17), (PAID, 17))
    got = _found(r, "statement.payment")
    assert len(got) == 1 and got[0].message.startswith("正文（第 7 页）")  # the one under the row's own heading
    assert got[0].message.endswith("同一句另见第 4、17 页")
    r.tables.append(table("p40-t1", [40], "基础表4：税费缴纳情况表", "项目|金额\n税费|74,952.00", unit="元"))
    msg = _found(r, "statement.payment")[0].message
    assert "税费 7.4952万元见于基础表4：税费缴纳情况表（第 40 页）第 2 行“74,952.00”" in msg


def test_payment_claims_stay_out_of_the_project_cross_checks():
    """24 万元 of 补偿款 is not the project's spending: no crossref finding, no statement.parts."""
    base = _seed000_with()
    more = _seed000_with(("5. 动迁补偿差额利息", 7), (PAID, 7))
    for rule in ("crossref.claims", "statement.parts", "statement.execution_rate"):
        assert len(_found(more, rule)) == len(_found(base, rule)), rule


@pytest.fixture(scope="module")
def xinfang():
    from extractor import read
    from patterns import recognise
    from tests.conftest import ROOT

    return check(recognise(read(ROOT / "samples" / "eval_report_2022_xinfang.docx")))


def test_xinfang_sample_payment_end_to_end(xinfang):
    got = [f for f in xinfang if f.rule == "statement.payment"]
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 240000.0, 314952.0)]
    assert "税费 7.4952万元（74,952.00 元）未见于任何表格" in got[0].message


# ---- statement.copied_text: a 用途/原因 clause naming another line -------------------------

L14 = ("14. “社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”5.21万元，主要用于事业单位离退休。"
       "2022年当年预算执行数为1.79万元，2023年预算安排5.21万元，比2022年预算执行数增加191.06%。主要原因是：事业单位离退休经费增加。")
L15 = ("15. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”441.25万元，"
       "主要用于机关事业单位基本养老保险缴费支出。2022年当年预算执行数为274.85万元，2023年预算安排441.25万元，"
       "比2022年预算执行数增加60.54%。主要原因是：机关事业单位基本养老保险缴费支出经费增加。")
L16 = ("16. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元，"
       "主要用于机关事业单位职业年金缴费支出。2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，"
       "比2022年预算执行数增加60.54%。主要原因是：事业单位离退休经费增加。")
L26 = ("26. “城乡社区支出（类）城乡社区管理事务（款）一般行政管理事务（项）”1822.95万元，主要用于城乡社区管理事务一般行政管理事务。"
       "2022年当年预算执行数为1096.67万元，2023年预算安排1822.95万元，比2022年预算执行数增加66.23%。"
       "主要原因是：城乡社区管理事务一般行政管理事务经费增加。")
L27 = ("27. “城乡社区支出（类）城乡社区管理事务（款）城管执法（项）”690.58万元，主要用于城乡社区管理事务一般行政管理事务。"
       "2022年当年预算执行数为767.68万元，2023年预算安排690.58万元，比2022年预算执行数减少10.04%。"
       "主要原因是：城乡社区管理事务一般行政管理事务经费减少。")
L5 = ("5. “一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）”100.20万元，主要用于宣传事务一般行政管理事务。"
      "2022年当年预算执行数为79.90万元，2023年预算安排100.20万元，比2022年预算执行数增加25.41%。主要原因是：宣传事务一般行政管理事务经费增加。")


def test_reason_copied_from_another_line_names_it():
    got = _found(_report([L14, L15, L16]), "statement.copied_text", "warning")
    assert len(got) == 1
    assert got[0].message == (
        "正文（第 8 页）第 16 项“行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”称“主要原因是：事业单位离退休经费增加”，"
        "所写“事业单位离退休”是第 14 项“行政事业单位养老支出（款）事业单位离退休（项）”（第 6 页）的名称，"
        "未提本项“机关事业单位职业年金缴费支出”；疑从第 14 项误抄")
    assert [loc.page for loc in got[0].locations] == [8, 6]


def test_use_copied_with_the_other_lines_kuan_and_shared_xiang():
    got = _found(_report([L26, L27]), "statement.copied_text", "warning")
    assert len(got) == 1 and got[0].message.startswith("正文（第 7 页）第 27 项“城乡社区管理事务（款）城管执法（项）”称“主要用于城乡社区管理事务一般行政管理事务”、")
    assert "所写“城乡社区管理事务一般行政管理事务”是第 26 项" in got[0].message


def test_own_names_and_shared_reasons_are_silent():
    # 一般行政管理事务 is shared: with its own 款 (宣传事务) the line names itself
    assert _found(_report([L5, L26, L14, L15]), "statement.copied_text") == []
    # the same reason word for word in neighbouring lines is no finding by itself
    same = [t.replace("主要原因是：事业单位离退休经费增加", "主要原因是：人员变动").replace(
        "主要原因是：机关事业单位基本养老保险缴费支出经费增加", "主要原因是：人员变动") for t in (L14, L15)]
    assert _found(_report(same), "statement.copied_text") == []
    # a line naming another line's 款 instead of its own is caught
    got = _found(_report([L5, L26.replace("主要用于城乡社区管理事务一般行政管理事务", "主要用于宣传事务")]), "statement.copied_text")
    assert len(got) == 1 and "所写“宣传事务”是第 5 项" in got[0].message


def test_putuo_copied_text(putuo):
    got = {f.message.split("项“")[0]: f for f in putuo if f.rule == "statement.copied_text"}
    assert all(f.severity == "warning" for f in got.values())
    assert set(got) == {"正文（第 6 页）第 2 ", "正文（第 7 页）第 16 ", "正文（第 9 页）第 27 "}
    assert "“主要原因是：事业单位离退休经费增加”，所写“事业单位离退休”是第 14 项" in got["正文（第 7 页）第 16 "].message
    assert "“主要用于城乡社区管理事务一般行政管理事务”" in got["正文（第 9 页）第 27 "].message
    assert not [f for f in putuo if f.rule == "statement.payment"]


def test_a_json_without_identity_fund_or_stage_is_checked_by_them(tmp_path):
    """A contract JSON written before ``identity``, ``fund`` and ``stage`` (its tables never
    annotated) still has its 收支总表 found: the checker asks patterns once, from the caption."""
    import json

    from jixiao.pipeline import load_report_json

    lopsided = TOTALS.model_copy(deep=True)
    lopsided.rows[4][3] = "164,978,650"
    r = _summary()
    r.tables = [lopsided]
    data = json.loads(r.to_json())
    for t in data["tables"]:
        for k in ("identity", "fund", "stage", "header_rows", "columns", "parts", "values"):
            t.pop(k, None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    sides = _found(load_report_json(path), "statement.totals", "error")
    assert any("两侧应相等" in f.message for f in sides)


def test_a_final_accounts_summary_is_left_to_the_juesuan_rules():
    """A 收支决算总表 is a 决算's (``stage`` 决算): ``statement.totals`` reads the 预算's only."""
    final = TOTALS.model_copy(update={"caption": "2023年部门财务收支决算总表"}, deep=True)
    final.rows[4][3] = "164,978,650"
    r = _summary()
    r.tables = [final]
    assert _found(r, "statement.totals", "error") == []


# ---- a prose-only 评价报告: the grade against the score of its own sentence ----------------

PINGJIA = "经评价,该项目综合评分为{score}分,评价等级为“{grade}”。其中项目决策、项目过程分别得分18分、17.5分。"


def test_prose_grade_against_the_score_of_its_sentence():
    """No score table was read (a report pasted as text): 87.5 分 is 良, printed 优 → error."""
    assert _found(_report([PINGJIA.format(score="87.5", grade="良")]), "grade.band") == []
    assert _found(_report([PINGJIA.format(score="91", grade="优秀")]), "grade.band") == []
    [got] = _found(_report([PINGJIA.format(score="87.5", grade="优")]), "grade.band", "error")
    assert "87.5" in got.message and "“良”" in got.message and "“优”" in got.message


def test_prose_grade_of_another_sentence_is_not_paired():
    texts = ["经评价,该项目综合评分为87.5分。", "上年度评价等级为“优”。"]
    assert _found(_report(texts), "grade.band") == []


RESPECTIVE = ("经评价,该项目综合评分为87.5分,评价等级为“良”。其中项目决策、项目过程、项目产出、项目效益"
              "分别得分18分、17.5分、32分、{last}分,得分率分别为90%、87.5%、80%、66.67%。")


def test_dimensions_scored_respectively_add_up_to_the_total():
    assert _found(_report([RESPECTIVE.format(last="20")]), "statement.parts") == []


def test_dimensions_scored_respectively_above_the_total_are_flagged():
    [got] = _found(_report([RESPECTIVE.format(last="22")]), "statement.parts", "warning")
    assert "89.5" in got.message and "87.5" in got.message and "项目效益 22分" in got.message


def test_a_respective_list_of_other_things_is_no_score_breakdown():
    text = "综合评分为87.5分。甲乡、乙乡分别得分18分、17.5分。"
    assert _found(_report([text]), "statement.parts") == []

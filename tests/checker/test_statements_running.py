"""The 说明's 增减 and 占比 recomputed (statement.growth from amount and change, statement.share),
on sentences of the real Jiangsu budgets and the Putuo 决算, and the 功能分类 rules giving the same
findings on the 2023, 2026 and numbered-list formats of one line."""

from __future__ import annotations

import pytest

from checker import check
from extractor.contract import DocumentMeta, Report, Source
from extractor.document import Block
from patterns.prose import extract_claims
from tests.checker.build import table
from tests.checker.test_statements import FUNCTION_TABLE, LINE


def _report(*texts, tables=(), year=2018) -> Report:
    """Claims read by the real recogniser from ``texts`` (a text, or (text, page)); first page 22."""
    blocks = [Block(text=t, page=22 + k) if isinstance(t, str) else Block(text=t[0], page=t[1]) for k, t in enumerate(texts)]
    return Report(source=Source(file="x.pdf", sha256="0" * 64, format="pdf"), document=DocumentMeta(kind="budget", year=year),
                  tables=list(tables), claims=extract_claims(blocks))


def _found(report: Report, rule: str, severity: str | None = None):
    return [f for f in check(report) if f.rule == rule and (severity is None or f.severity == severity)]


# ---- statement.growth: p = D ÷ (X − D), or D ÷ (X + D) -----------------------------------

JIGUAN = ("2017 年本部门一般公共预算机关运行经费预算支出6032.55 万元，比 2016 年增加 3401.59 万元，增长", "129.97 %。主要原因是两个年度报表设计的统计口径形成的差异。")


def test_growth_over_a_block_break_names_the_base_year():
    """Jiangsu 2017 检察院 p. 22: 6032.55 − 3401.59 = 2630.96; 3401.59 ÷ 2630.96 = 129.29 %, printed 129.97 %."""
    got = _found(_report((JIGUAN[0], 22), (JIGUAN[1], 22)), "statement.growth")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", 129.29, 129.97)]
    msg = got[0].message
    assert msg.startswith("正文（第 22 页）“一般公共预算机关运行经费预算支出”6032.55 万元，比2016年增加 3401.59 万元")
    assert "2016年应为 6032.55 万元 − 3401.59 万元 = 2,630.96万元" in msg and "129.2908%" in msg and "129.97 %" in msg
    assert [loc.page for loc in got[0].locations] == [22]


@pytest.mark.parametrize(("text", "expected", "printed"), [
    # 2018 检察院 p. 26: a decrease has its base above the amount, 1,895 + 134 = 2,029
    ("3．公诉、审判、侦查、执行等检察监督支出（项） 1,895万元，与上年相比减少 134 万元，降幅 0.66 %。", 6.60, 0.66),
    ("2．一般行政管理事务（项）支出 3,666 万元，与上年相比增加 21.8 万元，增长 0.06 %。", 0.60, 0.06),
    # 2017 省委办公厅 p. 8 and 2019 检察院 p. 29: two and three units off in the last digit
    ("1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出 6106.99 万元，与上年相比增加 101.48 万元，增长 1.66%。", 1.69, 1.66),
    ("1．住房改革支出（款）住房公积金（项）支出1442.74万元，与上年相比增加368.97万元，增加34.38 %。", 34.36, 34.38),
])
def test_growth_slips_in_one_sentence_are_errors(text, expected, printed):
    got = _found(_report(text), "statement.growth")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", expected, printed)]


def test_growth_with_the_amount_in_the_sentence_before_is_a_warning():
    """2019 检察院 p. 26: 项目支出 4335.3 万元。与上年相比减少了1237.7万元，减少 13.22 % (the rate of the line above)."""
    text = "项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少 13.22 %。主要原因一是贯彻厉行节约规定。"
    got = _found(_report(text), "statement.growth")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("warning", 22.21, 13.22)]
    assert "上年应为 4335.3万元 + 1237.7万元 = 5,573.0万元" in got[0].message and "配对或有误" in got[0].message


def test_a_whole_percentage_is_not_excused_a_whole_point():
    """2019 省委办公厅 p. 8: 878.93 ÷ 3015.16 = 29.15 %, printed 30 %."""
    text = "3．住房保障（类）支出3894.09万元，与上年相比增加878.93万元，增长30%。主要原因是政策性调增。"
    assert [(f.severity, f.actual) for f in _found(_report(text), "statement.growth")] == [("error", 30.0)]


@pytest.mark.parametrize("text", [
    "其他资金收入预算总计 15 万元。与上年相比增加9.45 万元，增长 170.27 %。",  # 9.45 ÷ 5.55 (2017 检察院 checked)
    "5．政协事务（款）其他政协事务支出（项）100万元，与上年相比减少 191 万元，下降 65.64%。",  # 191 ÷ 291
    "3.政协事务（款）职业年金缴费支出（项）166.13万元，与上年相比增加 3万元，增长 1.84%。",  # 3 ÷ 163.13
    "4. 人大事务（款）人大立法（项）支出729万元，与上年相比减少81万元，减少10%。",
    "（2）政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。",  # a template left in: 0, 0
    "2．财政专户管理资金收入预算总计0万元。与上年相比减少147.20万元，减少100%。",
    "2017 年度部门支出预算安排与 2016 年度相比（2016 年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。",
])
def test_growth_that_agrees_is_silent(text):
    assert _found(_report(text), "statement.growth") == []


@pytest.mark.parametrize(("text", "how"), [
    ("2．社会保障和就业支出 1,836.22 万元，与上年相比减少 184.96 万元，降幅 9.1 %。", "截尾"),  # 9.1511 %
    ("1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出9370.12万元，与上年相比增加1297.83万元，增长16.07%。", "截尾"),
    ("一般公共预算机关运行经费预算支出 1,115.85 万元，与上年相比减少 2,233.13 万元，下降66.69%。", "末位相差一个单位"),  # 66.68
])
def test_growth_off_in_the_last_digit_is_rounding(text, how):
    got = _found(_report(text), "statement.growth")
    assert [f.severity for f in got] == ["rounding"] and how in got[0].message


def test_an_amount_of_zero_that_fell_is_the_slip():
    """The seeded 决算 p. 18: 收入支出总计0万元 (2,995.39 in the table), 减少56.95万元, 下降1.87%."""
    text = "上海市普陀区财政局2024年度收入支出总计0万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。主要原因：人员变化。"
    got = _found(_report(text, year=2024), "statement.growth")
    assert [(f.severity, f.actual) for f in got] == [("warning", 0.0)]
    assert "2023年度约为 3,045.45万元、本年约为 2,988.50万元" in got[0].message and "疑本年金额“0万元”有误" in got[0].message


def test_opposite_directions_are_an_error():
    got = _found(_report("项目支出 5,573 万元，与上年相比增加 40 万元，下降 0.72%。"), "statement.growth")
    assert [f.severity for f in got] == ["error"] and "增减方向相反" in got[0].message


# ---- statement.share: a part ÷ its base --------------------------------------------------

SAN_GONG_2017 = ("2017 年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出 110 万元，占“三公”经费的18.85 %；"
                 "公务用车购置及运行费支出 317.8 万元，占“三公”经费的 54.43%；公务接待费支出 156.55 万元，占“三公”经费的26.72%。具体情况如下：")
SAN_GONG_TABLE = table("p16-t1", [16], "十一、一般公共预算“三公”经费、会议费、培训费支出预算表", """
合计|“三公”经费||||||会议费|培训费
|小计|因公出国（境）费|公务用车购置及运行维护费|||公务接待费||
|||小计|公务用车购置费|公务用车运行维护费|||
{total}|584.35|110.00|317.80|50.00|267.80|156.55|{meeting}|700.00
""".replace("{total}", "1,452.35").replace("{meeting}", "168.00"), unit="万元")


def test_san_gong_shares_against_the_sum_of_the_three():
    """Jiangsu 2017 检察院 p. 22: 110 + 317.8 + 156.55 = 584.35 (表十一 小计): 18.82 / 54.39 / 26.79 %, printed
    18.85 / 54.43 / 26.72 %. ``110`` beside ``156.55`` is 110.00: the 说明 drops trailing zeros."""
    got = _found(_report(SAN_GONG_2017, tables=[SAN_GONG_TABLE]), "statement.share")
    assert sorted((f.severity, round(f.expected, 2), f.actual) for f in got) == [
        ("error", 18.82, 18.85), ("error", 26.79, 26.72), ("error", 54.39, 54.43)]
    msg = next(f.message for f in got if f.actual == 18.85)
    assert "“三公”经费为所列三项之和 110 万元 + 317.8 万元 + 156.55 万元 = 584.35万元" in msg
    assert "（与十一、一般公共预算“三公”经费、会议费、培训费支出预算表（第 16 页）“小计”相符）" in msg
    assert all([(loc.page, loc.table, loc.row, loc.col) for loc in f.locations] == [(22, None, None, None), (16, "p16-t1", 3, 1)]
               for f in got)


def test_shares_of_the_wrong_base_name_it():
    """Jiangsu 2017 人大常委会办公厅 p. 28: 222.5 / 183.6 / 427.5 of 833.6, printed as shares of 2,542.60
    (三公 + 会议费 + 培训费, the table's 合计)."""
    text = ("“三公”经费预算支出中，因公出国（境）费支出 222.5万元，占“三公”经费的 8.75%；公务用车购置及运行费支出 183.6 万元，"
            "占“三公”经费的 7.22%；公务接待费支出427.5 万元，占“三公”经费的16.81%。")
    t = table("p20-t1", [20], "“三公”经费、会议费、培训费支出预算表", """
合计|“三公”经费||||||会议费|培训费
|小计|因公出国（境）费|公务用车购置及运行维护费|||公务接待费||
|||小计|公务用车购置费|公务用车运行维护费|||
2,542.60|833.60|222.50|183.60|0|183.60|427.50|1,305.25|403.75
""")
    got = _found(_report(text, tables=[t]), "statement.share", "error")
    assert sorted((round(f.expected, 2), f.actual) for f in got) == [(22.02, 7.22), (26.69, 8.75), (51.28, 16.81)]
    assert all("即“三公”经费、会议费、培训费支出预算表（第 20 页）“合计” 2,542.60万元：疑用错基数" in f.message for f in got)
    assert all((f.locations[-1].table, f.locations[-1].row, f.locations[-1].col) == ("p20-t1", 3, 0) for f in got)


def test_san_gong_shares_that_agree_are_silent_and_a_forced_hundred_is_rounding():
    ok = ("因公出国（境）费支出199.25万元，占“三公”经费的25.96%；公务用车购置及运行费支出183.6万元，占“三公”经费的23.92%；"
          "公务接待费支出384.75万元，占“三公”经费的50.12%。")
    assert _found(_report(ok), "statement.share") == []
    forced = ("因公出国（境）费支出70万元，占“三公”经费的13.77%；公务用车购置及运行费支出411.20万元，占“三公”经费的80.92%；"
              "公务接待费支出27万元，占“三公”经费的5.31%。")  # 411.20 ÷ 508.20 = 80.913 %, the three add to 100.00
    got = _found(_report(forced), "statement.share")
    assert [(f.severity, f.actual) for f in got] == [("rounding", 80.92)] and "凑整" in got[0].message


def test_san_gong_shares_without_all_three_kinds_are_not_judged():
    text = "因公出国（境）费支出 110 万元，占“三公”经费的18.85 %；公务接待费支出 156.55 万元，占“三公”经费的26.72%。"
    assert _found(_report(text), "statement.share") == []


JUESUAN = [("一般公共预算财政拨款支出 2940.05 万元，主要用于以下", 19), ("方面：一般公共服务支出（类）2106.66 万元，占 71.73%；社", 19),
           ("会保障和就业支出（类）326.72 万元，占 11.11%；卫生健康支", 19), ("出（类）60.99 万元，占 2.07%；住房保障支出（类）445.69", 19),
           ("万元，占15.16%。", 19)]


def test_juesuan_share_of_the_paragraph_total():
    """Putuo 2024 决算 (seeded copy p. 19, original p. 21): 2106.66 ÷ 2940.05 = 71.65 %, printed 71.73 %; the
    three other 类 agree."""
    got = _found(_report(*JUESUAN, year=2024), "statement.share")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", 71.65, 71.73)]
    assert got[0].message.startswith("正文（第 19 页）“一般公共服务支出（类）”2106.66 万元，占比印为 71.73%；“一般公共预算财政拨款支出”2940.05 万元")


def test_shares_of_the_whole_before_qizhong():
    """2018 检察院 p. 25: the shares of 21,955.35 printed to add up to 100 % are one unit off: rounding."""
    text = ("省检察院本年支出预算合计 21,955.35 万元，其中：基本支出 13,994.31万元，占 63.75%；项目支出 5,573 万元，占 25.38%；"
            "单位预留机动经费 2,388.04 万元，占 10.87%。")
    got = _found(_report(text), "statement.share")
    assert sorted((f.severity, f.actual) for f in got) == [("rounding", 10.87), ("rounding", 63.75)]
    wrong = _found(_report(text.replace("25.38", "25.83")), "statement.share", "error")
    assert [(round(w.expected, 2), w.actual) for w in wrong] == [(25.38, 25.83)]


# ---- one line, three formats: the same findings ---------------------------------------------

FORMATS = {
    "2023": LINE,
    "2026": ("1. “一般公共服务支出（201类）统计信息事务（05款）统计管理（06项）”科目{a}万元，主要用于统计管理。"
             "2022年当年预算执行数为{last}万元，2023年预算安排{this}万元，比2022年预算执行数{change}。"),
}


def _line(fmt: str, a="2.63", last="1.48", this="2.63", change="增加77.70%", t=26300) -> Report:
    tab = table("p20-t1", [20], "2023年部门一般公共预算支出功能分类预算表",
                FUNCTION_TABLE.format(t=f"{t:,}", t20105=f"{t + 601300:,}", t201=f"{t + 601300:,}"), unit="元")
    return _report((FORMATS[fmt].format(a=a, last=last, this=this, change=change), 6), tables=[tab], year=2023)


def _statement_findings(r: Report) -> list[tuple[str, str, float | None, float | None, str]]:
    return sorted((f.rule, f.severity, f.expected, f.actual, f.message) for f in check(r) if f.rule.startswith("statement."))


@pytest.mark.parametrize("slip", [{}, {"change": "增加71.70%"}, {"this": "2.66"}, {"t": 26900}, {"change": "减少77.70%"},
                                  {"last": "0", "change": "增加90.00%"}])
def test_2023_and_2026_formats_give_the_same_findings(slip):
    a, b = _statement_findings(_line("2023", **slip)), _statement_findings(_line("2026", **slip))
    assert a == b
    assert bool(a) == bool(slip)


def test_the_issue_line_in_the_2026_format():
    """``公共安全支出（204类）司法（06款）其他司法支出（99项）…比2025年预算执行数增加17.62%``: (99.98 − 85) ÷ 85."""
    line = ("1. “公共安全支出（204类）司法（06款）其他司法支出（99项）”科目99.98万元，主要用于其他司法支出。"
            "2025年当年预算执行数为{last}万元，2026年预算安排99.98万元，比2025年预算执行数增加17.62%。")
    assert _found(_report(line.format(last="85.00"), year=2026), "statement.growth") == []
    got = _found(_report(line.format(last="86.00"), year=2026), "statement.growth", "error")
    assert len(got) == 1 and "“司法（款）其他司法支出（项）”本年 99.98万元、上年 86.00万元" in got[0].message


RENDA_TABLE = table("p11-t1", [11], "财政拨款支出预算表", """
|财政拨款支出预算表|||
|部门：|江苏省人大常委会办公厅|单位：万元|
|功能科目代码|功能科目名称|金额|
||合计|13,649.07|
|201|一般公共服务支出|10,528.33|
|20101|人大事务|10,528.33|
|2010101|行政运行|4,545.94|
|2010102|一般行政管理事务|5,982.39|
""")


def test_numbered_list_line_against_the_table_joins_a_run_together_name():
    """Jiangsu 2017 人大常委会办公厅 p. 26: ``1. 人大事务行政运行（项）支出 10528.33 万元``, while 2010101 行政运行 is
    4,545.94 万元 (a table whose unit is a ``单位：万元`` cell); 10,528.33 is 201 / 20101's amount."""
    text = "1. 人大事务行政运行（项）支出 10528.33 万元，与上年相比减少 17.89万元，减少 0.17%。"
    got = _found(_report((text, 26), tables=[RENDA_TABLE]), "statement.classification", "error")
    assert [(f.expected, f.actual) for f in got] == [(45459400.0, 105283300.0)]
    assert "2010101 行政运行 行合计为 45,459,400.00 元" in got[0].message
    assert "是财政拨款支出预算表中 201 一般公共服务支出、20101 人大事务 行的金额" in got[0].message
    assert _found(_report((text.replace("10528.33", "4545.94").replace("17.89", "1.00").replace("0.17%", "0.02%"), 26),
                          tables=[RENDA_TABLE]), "statement.classification") == []


def test_numbered_list_and_2023_format_of_one_line_agree():
    jiangsu = "1．人大事务（款）一般行政管理事务（项）支出 {a} 万元，与上年相比增加 100 万元，增长 1.70%。"
    shanghai = "1. “一般公共服务支出（类）人大事务（款）一般行政管理事务（项）”{a}万元，主要用于一般行政管理事务。"
    for a, n in (("5982.39", 0), ("5990.00", 1)):
        for text in (jiangsu, shanghai):
            got = _found(_report((text.format(a=a), 26), tables=[RENDA_TABLE]), "statement.classification")
            assert len(got) == n, text
            assert all(f.expected == 59823900.0 for f in got)


# ---- statement.restated: one amount of this year, two figures ----------------------------

# Jiangsu 2017 检察院 p. 19, as printed (the tables, p. 10–11, say 12,323.48)
BASIC_TOTALS = "此外，基本支出预算数为 12323.46 万元。与上年相比增加 1483.8 万元，增长 13.69 %。主要是因员额制检察官工资改革增加了支出。"
BASIC_SPENDING = "省检察院本年支出预算合计 17996.68 万元，其中：基本支出 12323.48 万元，占 68.48%；项目支出 5533 万元，占 30.74%；单位预留机动经费 140.2 万元，占 0.78 %"
PAY_TABLE = """公开03表 支出预算总表 | | | |
单位：万元 | | | |
科目名称 | 合计 | 基本支出 | 项目支出 | 单位预留机动经费
合计 | 17996.68 | 12323.48 | 5533.00 | 140.20"""


def _annotated(text: str, page: int = 11):
    from patterns.table_roles import annotate
    return annotate(table("t1", [page], "支出预算总表", text))


def test_one_amount_stated_twice_with_two_figures_is_an_error_naming_the_table():
    got = _found(_report((BASIC_TOTALS, 19), (BASIC_SPENDING, 19), tables=[_annotated(PAY_TABLE)], year=2017), "statement.restated")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 123234800.0, 123234600.0)]
    msg = got[0].message
    assert "“基本支出”为 12323.46 万元" in msg and "12323.48 万元" in msg and "相差 0.02万元" in msg
    assert "支出预算总表（第 11 页）印为 12323.48 万元" in msg
    assert sorted({loc.page for loc in got[0].locations}) == [11, 19]


def test_the_same_amount_restated_alike_is_silent():
    agree = BASIC_TOTALS.replace("12323.46", "12323.48")
    assert _found(_report((agree, 19), (BASIC_SPENDING, 19), year=2017), "statement.restated") == []
    # 12323.5 is 12323.48 printed at one decimal: within its printed precision
    coarse = BASIC_TOTALS.replace("12323.46", "12323.5")
    assert _found(_report((coarse, 19), (BASIC_SPENDING, 19), year=2017), "statement.restated") == []


def test_parts_of_two_wholes_are_two_figures():
    """财政拨款's 基本支出 (13,979.92 in Jiangsu 2018) is not the department's (13,994.31); 商品和服务支出 of
    基本支出 is not that of 项目支出 (a 2024 county budget: 445,372.24 and 426,000 元)."""
    grant = "财政拨款支出预算 21940.96 万元，其中：基本支出 13979.92 万元，占 63.72%；项目支出 5573 万元，占 25.40%。"
    own = "此外，基本支出预算数为 13994.31 万元。与上年相比增加 1670.85 万元，增长 13.56 %。"
    assert _found(_report((own, 24), (grant, 27)), "statement.restated") == []
    basic = "商品和服务支出预算 445372.24 元,占基本支出预算17.99%,同比减少 36235.88 元,下降 7.52%。"
    project = "商品和服务支出 426000 元,占项目支出预算 90.73%,同比增加 36600 元,增长 9.4%。"
    assert _found(_report((basic, 7), (project, 7), year=2024), "statement.restated") == []


def test_another_name_stated_twice_is_a_warning():
    """Only a department's totals (patterns/data/statements.json) are one figure for certain."""
    a = "工资福利支出 2016.91 万元，比上年增加 33.28 万元，增长 1.68%。"
    b = "工资福利支出 2061.91 万元，比上年增加 33.28 万元，增长 1.64%。"
    got = _found(_report((a, 7), (b, 9), year=2024), "statement.restated")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 20169100.0, 20619100.0)]
    assert [loc.page for loc in got[0].locations] == [7, 9]


# ---- statement.reason_direction: 主要原因 against the direction of the line ----------------

WANLI_ITEM4 = ("4. “一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）”110.60万元，主要用于宣传事务一般行政管理事务。"
               "2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。")


def test_a_decrease_explained_by_an_increase_warns():
    """Real 万里街道 2024 预算 p. 6, item 4."""
    got = _found(_report((WANLI_ITEM4, 6), year=2024), "statement.reason_direction")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 1140000.0, 1106000.0)]
    assert "减少2.98%（114.00万元 → 110.60万元）" in got[0].message and "经费增加" in got[0].message


@pytest.mark.parametrize("reason", [
    "宣传事务一般行政管理事务经费减少",
    "一是在职人员缴纳职业年金，增加了该项支出；二是退休人员工资改由社保发放，减少了该项支出。增减相抵后为现有数目",
    "人员未增加，公用经费压缩",
    "人员变动",
])
def test_reasons_that_agree_name_both_ways_or_neither_are_silent(reason):
    text = WANLI_ITEM4.replace("宣传事务一般行政管理事务经费增加", reason)
    assert _found(_report((text, 6), year=2024), "statement.reason_direction") == []


def test_an_increase_explained_by_a_cut_warns():
    text = WANLI_ITEM4.replace("114.00", "104.00").replace("减少2.98%", "增加6.35%").replace("经费增加", "经费压缩")
    got = _found(_report((text, 6), year=2024), "statement.reason_direction")
    assert [f.severity for f in got] == ["warning"] and "只说减少" in got[0].message


# Jiangsu 2018 检察院: the 财政拨款 increase printed 3,959.28 (p. 23) and 3,958.98 (pp. 25, 26)
GRANT_23 = "一般公共预算收入预算 21940.96 万元，比上年增加 3959.28 万元，增长 22 %。"
GRANT_25 = "财政拨款收、支总预算 21940.96 万元。与上年相比增加 3958.98 万元，增长 22 %。"
GRANT_26 = "财政拨款预算支出 21940.96 万元，比上年增加 3958.98 万元，增长 22 %。"
TOTAL_23 = "收入、支出预算总计 21955.35 万元，与上年相比增加 3958.67 万元，增长 22 %。"


def test_one_grant_with_two_increases_warns_naming_every_page():
    got = _found(_report((GRANT_23, 23), (GRANT_25, 25), (GRANT_26, 26)), "statement.restated")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 39592800.0, 39589800.0)]
    assert [loc.page for loc in got[0].locations] == [23, 25, 26]
    assert "相差 0.30万元" in got[0].message


def test_grant_increases_that_agree_and_the_total_are_silent():
    fixed = GRANT_25.replace("3958.98", "3959.28")
    assert _found(_report((GRANT_23, 23), (fixed, 25), (TOTAL_23, 23)), "statement.restated") == []


# ---- statement.share with a whole the text never states -----------------------------------

# a 2024 county budget (元): 基本支出 and 项目支出 each 占一般公共预算支出的…, the whole never printed
BASIC_SHARE = "1. 基本支出预算 2476260.58 元,占一般公共预算支出的84.06%,同比减少 4966.66 元,下降 0.2%。"
PROJECT_SHARE = "2. 项目支出 469500 元,占一般公共预算支出的 19.62%,同比增加 70100 元 ,增长 17.55%。"


def test_shares_of_an_unstated_whole_must_imply_one_whole():
    got = _found(_report((BASIC_SHARE, 7), (PROJECT_SHARE, 8), year=2024), "statement.share")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", 15.94, 19.62)]
    assert "2476260.58 元 + 469500 元 = 2,945,760.58元" in got[0].message
    assert [loc.page for loc in got[0].locations] == [8, 7]


def test_shares_of_an_unstated_whole_that_agree_are_silent():
    fixed = PROJECT_SHARE.replace("19.62%", "15.94%")
    assert _found(_report((BASIC_SHARE, 7), (fixed, 8), year=2024), "statement.share") == []


def test_implied_wholes_that_disagree_with_no_sum_to_settle_them_warn():
    """Three parts, one not listed: their sum settles nothing, so only a warning."""
    a = "基本支出 2000 万元，占本年支出的 50%。"
    b = "项目支出 1000 万元，占本年支出的 40%。"
    got = _found(_report((a, 7), (b, 7), year=2024), "statement.share")
    assert [f.severity for f in got] == ["warning"] and "约 4,000.00万元" in got[0].message


def test_a_change_is_never_taken_for_the_amount_it_changes():
    """A 2022 三公 note: ``较2021年度增加1.68万元，其中公务接待较上年同期减少0.58万元，减少4.68%`` states no
    amount; 1.68 is the whole's change, not 公务接待's amount (4.68 % = 0.58 ÷ 12.39, last year's)."""
    text = ("2022年度“三公”经费预算较2021年度增加1.68万元，其中公务接待较上年同期减少0.58万元，减少4.68%。"
            "公务用车运行费用较上年同期增加2.27万元，增长29.37%。")
    assert _found(_report((text, 3), year=2022), "statement.growth") == []


def test_the_budget_a_spending_completes_is_not_the_amount_that_changed():
    """A provincial 三公 决算 note: ``支出决算为27.46万元，完成预算29.6万元的92.8%，比上年决算数增加6.32万元，
    增长29.9%`` — the change is the 决算's (6.32 ÷ 21.14 = 29.9 %), 29.6 is the base of 92.8 %."""
    text = ("公务用车购置及运行维护费支出决算为27.46万元，完成预算29.6万元的92.8%，比上年决算数增加6.32万元，增长29.9%；"
            "公务接待费支出决算为22.59万元，完成预算43.2万元的52.3%，比上年决算数增加8.49万元，增长60.2%。")
    r = _report((text, 3), year=2023)
    assert _found(r, "statement.growth") == [] and _found(r, "statement.restated") == []
    slipped = _found(_report((text.replace("增长29.9%", "增长27.1%"), 3), year=2023), "statement.growth")
    assert [(f.severity, round(f.expected, 1), f.actual) for f in slipped] == [("error", 29.9, 27.1)]


def test_two_kinds_each_with_its_own_zhichu_juesuan_are_not_one_amount_restated():
    """A county 三公 决算 page: ``“三公”经费支出预算为3万元，支出决算为1.71万元…较上年减少1.29万元`` and
    ``1.公务接待费预算为1万元，支出决算为0.53万元…较上年减少0.47万元``: 支出决算 names the figure, the item
    is what stands before the clause's first figure; 1.71 and 0.53 are two items' amounts."""
    a = "某中心2023年度一般公共预算财政拨款“三公”经费支出预算为3万元，支出决算为1.71万元，较上年减少1.29万元，下降43%。"
    b = "1.公务接待费预算为1万元，支出决算为0.53万元，较上年减少0.47万元，下降47%。"
    r = _report((a, 3), (b, 3), year=2023)
    assert _found(r, "statement.restated") == [] and _found(r, "statement.growth") == []
    names = {c.subject for c in r.claims if c.subject.endswith(".金额")}
    assert names == {"分项.增减.一般公共预算财政拨款三公经费支出决算.金额", "分项.增减.公务接待费支出决算.金额"}


def test_zhan_tiaozheng_yusuan_is_each_items_own_completion_not_a_share():
    """A county budget report: ``税务部门完成13,866万元，占调整预算100.93%，占一般公共预算收入的48.51%；财政部门
    完成14,717万元，占调整预算110.14%…`` — each 调整预算 is that item's own; only the shares of 一般公共预算
    收入 (28,583) have one whole."""
    text = ("地方一般公共预算收入完成28,583万元，占调整预算105.47%，同比增长10.85%，增收2,798万元，从征收部门来看："
            "税务部门完成13,866万元，占调整预算100.93%，占一般公共预算收入的48.51%；财政部门完成14,717万元，占调整预算110.14%，"
            "占一般公共预算收入的51.49%。从收入分类来看，税收收入完成11,136万元，占调整预算90.75%，占一般公共预算收入的38.96%；"
            "非税收入完成17,447万元，占调整预算117.66%，占一般公共预算收入的61.04%。")
    assert _found(_report((text, 2), year=2022), "statement.share") == []


def test_bare_shares_that_add_up_to_a_hundred_are_shares_of_the_parts_listed():
    """A county 三公 决算 page states no whole in the sentence: ``…决算中，公务接待费支出决算0.53万元，占69%；
    公务用车购置及运行维护费支出决算1.18万元，占31%`` — 69 + 31 = 100, so the base is 0.53 + 1.18 = 1.71,
    and the two shares are swapped (0.53 ÷ 1.71 = 30.99 %)."""
    text = ("某中心2023年度一般公共预算财政拨款“三公”经费支出决算中，公务接待费支出决算0.53万元，占69%；"
            "公务用车购置及运行维护费支出决算1.18万元，占31%。")
    got = _found(_report((text, 4), year=2023), "statement.share")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("error", 30.99, 69.0), ("error", 69.01, 31.0)]
    assert "基数为所列各项之和 0.53万元 + 1.18万元 = 1.71万元" in got[0].message
    right = text.replace("占69%", "占31%").replace("占31%。", "占69%。")
    assert _found(_report((right, 4), year=2023), "statement.share") == []
    # a 2019 county note (其中 with the whole in the sentence before): 20.10 ÷ 22.62 = 88.86 %
    taojiang = "其中公务接待费为20.10万元，占88.86%；公务用车运行维护费为2.52万元，占11.14%。"
    assert _found(_report((taojiang, 4), year=2019), "statement.share") == []
    # bare shares that do not add up to 100 % name no whole: not judged
    assert _found(_report((taojiang.replace("11.14%", "9.14%"), 4), year=2019), "statement.share") == []


def test_a_change_after_the_last_part_of_a_qizhong_list_may_be_the_wholes():
    """A 2025 city budget: ``事业运行经费总预算安排 37337407.64 元，其中：基本支出预算 488180.64 元，项目支出预算
    36849227 元，同比增加 27125219.46 元，增长 265.6%`` — 27,125,219.46 ÷ 10,212,188.18 = 265.6 %: the
    whole's change, not 项目支出's (278.95 %)."""
    text = ("事业运行经费总预算安排37337407.64元，其中：基本支出预算488180.64元，项目支出预算36849227元，"
            "同比增加27125219.46元，增长265.6%，增加主要原因为落实政策推进各项业务。")
    assert _found(_report((text, 13), year=2025), "statement.growth") == []
    # neither the part nor the whole gives the printed rate: still an error, read as printed
    slipped = _found(_report((text.replace("增长265.6%", "增长165.6%"), 13), year=2025), "statement.growth")
    assert [(f.severity, f.actual) for f in slipped] == [("error", 165.6)]


def test_shares_printed_respectively_and_of_each_items_own_class_are_not_one_whole():
    """A national 政府采购 note: ``分别为2666.3亿元和30400.7亿元，占全国政府采购规模的8.1%和91.9%`` pairs
    respectively (30400.7 is 91.9 %, not 8.1 %), and ``占同类产品采购规模的90%`` / ``…的88%`` are two
    classes' own totals."""
    text = ("中央预算单位、地方预算单位政府采购规模分别为2666.3亿元和30400.7亿元，占全国政府采购规模的8.1%和91.9%。"
            "全国强制和优先采购节能、节水产品633.7亿元，占同类产品采购规模的90%，全国优先采购环保产品718.7亿元，占同类产品采购规模的88%。"
            "全国政府采购授予中小微企业合同金额为24519.1亿元，占全国政府采购规模的74.1%。")
    assert _found(_report((text, 1), year=2019), "statement.share") == []


def test_a_share_of_an_unstated_whole_one_unit_off_is_rounding():
    """A 2023 city budget: 工资福利支出预算 716052.51 元 占基本支出预算81.25%；商品和服务支出预算 165247.88 元
    占基本支出预算18.76% — 165,247.88 ÷ 881,300.39 = 18.7505 %: one unit in the last digit, as a share of
    a stated whole would be judged (rounding), not an error."""
    a = "工资福利支出预算 716052.51 元,占基本支出预算81.25%,同比减少 148979.48 元,下降 17.22%。"
    b = "商品和服务支出预算 165247.88 元,占基本支出预算18.76%,同比减少 17291.92 元,下降 9.47%。"
    got = _found(_report((a, 6), (b, 6), year=2023), "statement.share")
    assert [(f.severity, round(f.expected, 2), f.actual) for f in got] == [("rounding", 18.75, 18.76)]
    assert "末位相差一个单位" in got[0].message
    far = _found(_report((a, 6), (b.replace("18.76%", "18.96%"), 6), year=2023), "statement.share")
    assert [(f.severity, f.actual) for f in far] == [("error", 18.96)]


BASIC_SPLIT = ("六、一般公共预算基本支出情况说明", "2023 年本年一般公共预算基本支出 911000.39 元,其中:",
               "人员经费 809961.19 元,主要包括:基本工资、津贴补贴、伙食补助费、绩效工资、住房公积金。",
               "公用经费 71339.2 元,主要包括:办公费、工会经费、其他商品服务和支出。", "七、一般公共预算“三公”经费情况说明")


def test_basic_spending_is_personnel_plus_public_funds_over_two_sentences():
    """A 2023 Guangxi budget: ``基本支出 911000.39 元,其中:人员经费 809961.19 元,主要包括:…。公用经费 71339.2 元,
    主要包括:…`` — 809,961.19 + 71,339.20 = 881,300.39 (the 基本支出 its other paragraph states); 911,000.39 is
    基本 + 项目. The two kinds of 基本支出 leave nothing out: an error."""
    got = _found(_report(*[(t, 6) for t in BASIC_SPLIT], year=2023), "statement.parts")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 911000.39, 881300.39)]  # the whole as printed, the parts' sum
    assert "“人员经费”与“公用经费”互补" in got[0].message
    right = [t.replace("911000.39", "881300.39") for t in BASIC_SPLIT]
    assert _found(_report(*[(t, 6) for t in right], year=2023), "statement.parts") == []
    # in one sentence the per-sentence readers judge it, once
    one = "基本支出 911000.39 元,其中:人员经费 809961.19 元,公用经费 71339.2 元。"
    assert len(_found(_report((one, 6), year=2023), "statement.parts")) <= 1

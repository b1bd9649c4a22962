"""The national 部门决算 template before 2023 (公开01表 … 公开07表), as county pages publish it
(湖北 南漳县招商服务中心 2019, rebuilt from the page): a 行次 column beside every 金额 column,
a 栏次 row numbering the columns under the header, 本年支出合计 heading the 支出决算表's total
column, and 年初财政拨款结转和结余 broken down by fund in unnumbered rows. Read as figures, the
行次 and 栏次 made 32 false findings on a document whose sums all hold."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_roles import annotate
from tests.checker.build import table

SUMS = frozenset({"sum.rows", "sum.cross", "sum.nested", "sum.parts_over"})

# 公开01表: 行次 columns and the 栏次 row
SHOUZHI_2019 = """
收入|||支出||
项目|行次|金额|项目|行次|金额
栏次||1|栏次||2
一、一般公共预算财政拨款收入|1|440.55|一、一般公共服务支出|29|423.20
二、政府性基金预算财政拨款收入|2|0.00|二、外交支出|30|0.00
三、上级补助收入|3|10.00|三、国防支出|31|0.00
四、事业收入|4|0.00|四、社会保障和就业支出|32|15.62
|||五、卫生健康支出|33|5.31
|||六、住房保障支出|34|9.12
本年收入合计|11|450.55|本年支出合计|39|453.25
用事业基金弥补收支差额|12|0.00|结余分配|40|0.00
年初结转和结余|13|12.40|年末结转和结余|41|9.70
总计|14|462.95|总计|42|462.95
"""

# 公开04表: 年初财政拨款结转和结余 and its three funds, flush left in a web page's table
CAIZHENG_2019 = """
收入|||支出|||||
项目|行次|金额|项目|行次|合计|一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款
栏次||1|栏次||2|3|4|5
一、一般公共预算财政拨款|1|440.55|一、一般公共服务支出|31|413.20|413.20||
二、政府性基金预算财政拨款|2|0.00|二、社会保障和就业支出|32|15.62|15.62||
三、国有资本经营预算财政拨款|3|0.00|三、卫生健康支出|33|5.31|5.31||
|||四、住房保障支出|34|9.12|9.12||
本年收入合计|7|440.55|本年支出合计|37|443.25|443.25|0.00|0.00
年初财政拨款结转和结余|8|12.40|年末财政拨款结转和结余|38|9.70|9.70|0.00|0.00
一般公共预算财政拨款|9|12.40||39||||
政府性基金预算财政拨款|10|0.00||40||||
国有资本经营预算财政拨款|11|0.00||41||||
总计|12|452.95|总计|42|452.95|452.95|0.00|0.00
"""

# 公开03表: 本年支出合计 = 基本支出 + 项目支出 + …, 科目 codes in one merged cell
ZHICHU_2019 = """
项目||||本年支出合计|基本支出|项目支出|上缴上级支出|经营支出|对附属单位补助支出
功能分类科目编码|||科目名称||||||
类|款|项|||||||
栏次||||1|2|3|4|5|6
合计||||453.25|340.45|112.80|0.00|0.00|0.00
201|||一般公共服务支出|423.20|310.40|112.80|||
20113|||商贸事务|423.20|310.40|112.80|||
2011301|||行政运行|310.40|310.40||||
2011308|||招商引资|112.80||112.80|||
208|||社会保障和就业支出|15.62|15.62||||
20805|||行政事业单位养老支出|15.62|15.62||||
2080505|||机关事业单位基本养老保险缴费支出|15.62|15.62||||
210|||卫生健康支出|5.31|5.31||||
21011|||行政事业单位医疗|5.31|5.31||||
2101102|||事业单位医疗|5.31|5.31||||
221|||住房保障支出|9.12|9.12||||
22102|||住房改革支出|9.12|9.12||||
2210201|||住房公积金|9.12|9.12||||
"""

# 公开07表: a row of column numbers and no label at all
SANGONG_2019 = """
预算数||||||决算数|||||
合计|因公出国（境）费|公务用车购置及运行费|||公务接待费|合计|因公出国（境）费|公务用车购置及运行费|||公务接待费
||小计|公务用车购置费|公务用车运行费|||小计|公务用车购置费|公务用车运行费|
1|2|3|4|5|6|7|8|9|10|11|12
10.00|0.00|8.50|0.00|8.50|1.50|9.15|0.00|8.00|0.00|8.00|1.15
"""


def _findings(caption: str, text: str):
    t = annotate(table("t1", [1], caption, text, unit="万元"))
    report = Report(source=Source(file="juesuan.html", sha256="7" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    return list(check(report, CheckConfig(rules=SUMS)))


def test_the_2019_template_as_printed_gives_no_finding() -> None:
    for caption, text in (("收入支出决算总表", SHOUZHI_2019), ("财政拨款收入支出决算总表", CAIZHENG_2019),
                          ("支出决算表", ZHICHU_2019)):
        assert _findings(caption, text) == [], caption


def test_column_numbers_and_row_numbers_are_not_figures() -> None:
    t = annotate(table("t1", [1], "收入支出决算总表", SHOUZHI_2019, unit="万元"))
    assert t.header_rows == 3  # 收入/支出, 项目/行次/金额, 栏次
    assert [c.role for c in t.columns] == ["label", "text", "amount", "label", "text", "amount"]
    assert t.columns[2].header == "金额"  # the 栏次 row's 1 is no header word
    sangong = annotate(table("t7", [1], "一般公共预算财政拨款“三公”经费支出决算表", SANGONG_2019, unit="万元"))
    assert sangong.header_rows == 4


def test_the_funds_under_the_carry_over_are_its_breakdown() -> None:
    t = annotate(table("t1", [1], "财政拨款收入支出决算总表", CAIZHENG_2019, unit="万元"))
    income = t.parts[0]
    assert [(income.rows[r].role, income.rows[r].parent) for r in (9, 10, 11)] == [("part_of", 8)] * 3
    slipped = CAIZHENG_2019.replace("总计|12|452.95|总计", "总计|12|453.95|总计")
    assert {(f.rule, f.expected, f.actual) for f in _findings("财政拨款收入支出决算总表", slipped)} >= {("sum.rows", 452.95, 453.95)}


def test_a_row_against_the_本年支出合计_column() -> None:
    slipped = ZHICHU_2019.replace("2011301|||行政运行|310.40|310.40", "2011301|||行政运行|301.40|310.40")
    found = {(f.rule, f.expected, f.actual) for f in _findings("支出决算表", slipped)}
    assert ("sum.cross", 310.40, 301.40) in found


def test_a_web_pages_tables_name_no_page() -> None:
    """A web page has no pages: 收入支出决算总表's two 总计 apart said “第None页” before."""
    from checker.rules.final_accounts import identity_totals

    slipped = SHOUZHI_2019.replace("总计|14|462.95|总计", "总计|14|462.59|总计")
    t = annotate(table("t1", [], "收入支出决算总表", slipped, unit="万元"))
    report = Report(source=Source(file="juesuan.html", sha256="7" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    found = identity_totals(report, CheckConfig())
    assert found and all("None" not in f.message for f in found)

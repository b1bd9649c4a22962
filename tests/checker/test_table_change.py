"""table.change: a table's own 增减额 / 增减% columns against its two years (贵州 德江县机关事务中心
2025 一般公共预算支出表 and 三公表, rebuilt from the page's table list with hand-checked figures)."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_roles import annotate
from tests.checker.build import table

ZHICHU = """
科目编码|科目名称|2024年预算数|2025年预算数|||2025年预算数比2024年预算数增减|
||2024年预算数|小计|基本支出|项目支出|增减额|增减%
|合计|362.10|380.25|300.25|80.00|18.15|5.01
201|一般公共服务支出|300.40|316.55|236.55|80.00|16.15|5.38
2010301|行政运行|220.40|236.55|236.55||16.15|7.33
2010399|其他政府办公厅（室）及相关机构事务支出|80.00|80.00||80.00|0.00|0.00
208|社会保障和就业支出|30.10|31.60|31.60||1.50|4.98
2080505|机关事业单位基本养老保险缴费支出|30.10|31.60|31.60||1.50|4.98
210|卫生健康支出|12.60|12.90|12.90||0.30|2.38
2101101|行政单位医疗|12.60|12.90|12.90||0.30|2.38
221|住房保障支出|19.00|19.20|19.20||0.20|1.05
2210201|住房公积金|19.00|19.20|19.20||0.20|1.05
"""
SPANS = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 3), (0, 6, 1, 2)]

SANGONG = """
项目|2024年预算数|2025年预算数|增减变化情况|
|||增减额|增减%
合计|9.50|8.00|-1.50|-15.79
1.因公出国（境）费||||
2.公务接待费|2.50|2.00|-0.50|-20.00
3.公务用车购置及运行费|7.00|6.00|-1.00|-14.29
其中：（1）公务用车购置费||||
（2）公务用车运行费|7.00|6.00|-1.00|-14.29
"""


def _changes(caption: str, text: str, spans=()):
    t = annotate(table("t1", [1], caption, text, unit="万元", spans=spans))
    report = Report(source=Source(file="yusuan.html", sha256="9" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    return [(f.rule, f.severity, round(f.expected, 2), f.actual) for f in check(report, CheckConfig(rules=frozenset({"table.change"})))]


def test_the_printed_changes_hold() -> None:
    assert _changes("一般公共预算支出表", ZHICHU, SPANS) == []
    assert _changes("一般公共预算“三公”经费支出表", SANGONG) == []


def test_a_wrong_rate_and_a_wrong_change_are_warned() -> None:
    slipped = ZHICHU.replace("行政运行|220.40|236.55|236.55||16.15|7.33", "行政运行|220.40|236.55|236.55||16.15|8.33")
    assert _changes("一般公共预算支出表", slipped, SPANS) == [("table.change", "warning", 7.33, 8.33)]
    slipped = SANGONG.replace("合计|9.50|8.00|-1.50", "合计|9.50|8.00|-1.05")
    assert _changes("一般公共预算“三公”经费支出表", slipped) == [("table.change", "warning", -1.50, -1.05)]


def test_a_table_without_two_years_is_not_read() -> None:
    one_year = SANGONG.replace("2024年预算数", "预算数").replace("合计|9.50|8.00|-1.50", "合计|9.50|8.00|-1.05")
    assert _changes("一般公共预算“三公”经费支出表", one_year) == []

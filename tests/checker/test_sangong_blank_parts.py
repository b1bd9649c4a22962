"""A 三公 预算表 of a unit that spends on 公务接待 alone (开江县惠民帮扶中心 2024, 四川 公开表3-3
layout): 出国 and 公务用车 are blank on every row, so those columns read as empty; the 合计
must still be held to 公务接待费 — with only one filled part the row went unchecked."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_roles import annotate
from tests.checker.build import table

SANGONG = """
单位编码|单位名称|当年财政拨款安排|||||
|||||||
||合计|因公出国（境）费|公务用车购置及运行费|||公务接待费
||||小计|公务用车购置费|公务用车运行费|
|合计|1.80|||||1.80
301001|开江县惠民帮扶中心|1.80|||||1.80
"""
SPANS = [(0, 0, 4, 1), (0, 1, 4, 1), (0, 2, 2, 6), (2, 2, 2, 1), (2, 3, 2, 1), (2, 4, 1, 3), (2, 7, 2, 1)]


def _cross(text: str):
    t = annotate(table("t8", [1], "一般公共预算“三公”经费支出预算表", text, unit="万元", spans=SPANS))
    report = Report(source=Source(file="yusuan.html", sha256="8" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    return [(f.rule, f.expected, f.actual) for f in check(report, CheckConfig(rules=frozenset({"sum.cross"})))]


def test_a_total_over_one_filled_part_is_checked() -> None:
    assert _cross(SANGONG) == []
    assert _cross(SANGONG.replace("|合计|1.80|", "|合计|2.80|")) == [("sum.cross", 1.80, 2.80)]


# 贵州 德江 2025 三公表: 上年 and 本年 columns, parts numbered 其中：（1）… （2）…
SANGONG_YEARS = """
项目|2024年预算数|2025年预算数
合计|9.50|8.00
1.因公出国（境）费||
2.公务接待费|2.50|2.00
3.公务用车购置及运行费|7.00|6.00
其中：（1）公务用车购置费||
（2）公务用车运行费|7.00|6.00
"""


def test_a_part_numbered_after_the_其中_row_is_a_part_even_when_the_parts_fall_short() -> None:
    t = annotate(table("t3", [1], "一般公共预算“三公”经费支出表", SANGONG_YEARS, unit="万元"))
    assert [(r.role, r.parent) for r in t.parts[0].rows[5:7]] == [("part_of", 4), ("part_of", 4)]
    # 运行费 printed 5.00 under 6.00: the 合计 (2.00 + 6.00 = 8.00) still holds, no 13.00 summed
    slipped = SANGONG_YEARS.replace("（2）公务用车运行费|7.00|6.00", "（2）公务用车运行费|7.00|5.00")
    t = annotate(table("t3", [1], "一般公共预算“三公”经费支出表", slipped, unit="万元"))
    report = Report(source=Source(file="yusuan.html", sha256="8" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    assert [f for f in check(report, CheckConfig(rules=frozenset({"sum.rows"}))) if f.severity == "error"] == []

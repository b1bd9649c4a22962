"""部门预算/决算 arithmetic read from table roles (issue 15), on tables copied from the real
上海市普陀区财政局 2024 部门决算: each side of a two-sided 总表 on its own, codes never
added as money, blank never read as zero, side-by-side halves never nested across."""

from __future__ import annotations

from checker import check, ledger
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_roles import annotate
from tests.checker.build import table
from tests.patterns.test_table_roles import GONGGONG, JIBEN, SHOUZHI, blank_template

SUMS = frozenset({"sum.rows", "sum.cross", "sum.nested"})


def _findings(caption: str, text: str, pages: list[int] | None = None):
    t = annotate(table("t1", pages or [6], caption, text, unit="万元"))
    report = Report(source=Source(file="juesuan.pdf", sha256="6" * 64, format="pdf"), document=DocumentMeta(kind="budget"), tables=[t])
    from checker.engine import CheckConfig

    return [f for f in check(report, CheckConfig(rules=SUMS))]


def _errors(found) -> set[tuple[str, float | None, float | None]]:
    return {(f.rule, f.expected, f.actual) for f in found if f.severity == "error"}


def test_real_tables_as_printed_are_consistent() -> None:
    for caption, text in (("收入支出决算总表", SHOUZHI), ("一般公共预算财政拨款支出决算表", GONGGONG),
                          ("一般公共预算财政拨款基本支出决算表", JIBEN)):
        # the printed tables hold to the last digit: 2,940.06 against 合计 2,940.05 is rounding
        assert [f for f in _findings(caption, text) if f.severity == "error"] == [], caption


def test_each_side_of_the_total_table_is_summed_on_its_own() -> None:
    slipped = SHOUZHI.replace("本年支出合计|2,940.05", "本年支出合计|2,950.05")
    errors = _errors(_findings("收入支出决算总表", slipped))
    assert ("sum.rows", 2940.05, 2950.05) in errors
    # the income side (2,946.25) is untouched: no finding names its figures
    assert not any(2946.25 in (e, a) for _, e, a in errors)


def test_a_parent_subject_against_its_children_and_the_codes_never_added() -> None:
    slipped = GONGGONG.replace("201|06|02|一般行政管理事务|10.00||10.00", "201|06|02|一般行政管理事务|20.00||20.00")
    found = _findings("一般公共预算财政拨款支出决算表", slipped)
    errors = _errors(found)
    assert ("sum.nested", 2116.66, 2106.66) in errors
    # 201 + 06 + 01 are codes: no sum ever contains them
    assert not any(e is not None and abs(e - (201 + 6 + 1 + 1511.89)) < 0.01 for _, e, _ in errors)
    nested = next(f for f in found if f.rule == "sum.nested" and f.severity == "error")
    assert "财政事务" in nested.message and "2,106.66" in nested.message


def test_a_child_printed_without_any_figure_is_not_zero() -> None:
    blank_kids = GONGGONG.replace("201|06|01|行政运行|1,511.89|1,503.52|8.37", "201|06|01|行政运行|||").replace(
        "201|06|02|一般行政管理事务|10.00||10.00", "201|06|02|一般行政管理事务|||")
    nested = [f for f in _findings("一般公共预算财政拨款支出决算表", blank_kids) if f.rule == "sum.nested"]
    assert nested and {f.severity for f in nested} == {"warning"}
    assert all("整行未印金额" in f.message for f in nested)


def test_the_blank_national_template_is_silent() -> None:
    assert _findings("一般公共预算财政拨款支出决算表", blank_template(GONGGONG)) == []
    assert _findings("一般公共预算财政拨款基本支出决算表", blank_template(JIBEN)) == []
    assert _findings("收入支出决算总表", blank_template(SHOUZHI)) == []


def test_side_by_side_halves_are_checked_each_against_its_own_total() -> None:
    slipped = JIBEN.replace("302|02|印刷费|7.61", "302|02|印刷费|9.61")
    errors = _errors(_findings("一般公共预算财政拨款基本支出决算表", slipped))
    assert errors and all(e != 2082.85 and a != 2082.85 for _, e, a in errors)  # the left half is sound
    assert ("sum.nested", 173.09, 171.07) in errors  # as printed its children give 171.09  # 商品和服务支出 171.07 against its children


def test_ledger_reading_of_real_tables() -> None:
    shouzhi = annotate(table("t", [6], "收入支出决算总表", SHOUZHI, unit="万元"))
    assert ledger.is_ledger(shouzhi)
    score = annotate(table("t", [3], "评分表", "指标|分值|得分\n产出指标|50|48\n效益指标|30|29\n合计|80|77"))
    assert not ledger.is_ledger(score)  # a score table is read by the indicator rules
    gong = annotate(table("t", [15], "一般公共预算财政拨款支出决算表", GONGGONG, unit="万元"))
    (part,) = gong.parts
    assert ledger.children(part, 5) == [6, 7, 8, 9]
    groups = ledger.cross_groups(gong, 0)
    assert [(total.semantic, [c.semantic for c in parts]) for total, parts in groups] == [("合计", ["基本支出", "项目支出"])]


# a 市级“三公”经费预算表 (亿元) as 重庆 2024 printed it: only the first part of 公务用车购置及运行费
# carries 其中, the second (运行费) stands bare under it
SANGONG_REST = """
支出|预算数
合计|6.08
因公出国(境)费|0.66
公务用车购置及运行费|4.72
其中:公务用车购置费|1.77
公务用车运行费|2.95
公务接待费|0.7
"""


def test_a_bare_row_after_a_qizhong_row_is_its_sibling_when_they_add_up_to_the_parent() -> None:
    t = annotate(table("t1", [1], "2024年市级“三公”经费预算表", SANGONG_REST, unit="亿元"))
    assert [(r.role, r.parent) for r in t.parts[0].rows[4:7]] == [("part_of", 3), ("part_of", 3), ("detail", None)]
    assert _findings("2024年市级“三公”经费预算表", SANGONG_REST) == []  # 0.66 + 4.72 + 0.7 = 6.08


def test_a_bare_row_after_a_qizhong_row_that_does_not_complete_it_stays_top_level() -> None:
    # 基本支出 1,035.21 | 其中：人员经费 862.41 | 项目支出 345.58: 862.41 + 345.58 is not 1,035.21,
    # so 项目支出 is the next line item
    text = "项目|预算数\n合计|1,380.79\n基本支出|1,035.21\n其中：人员经费|862.41\n项目支出|345.58\n"
    t = annotate(table("t1", [1], "支出预算总表", text))
    assert [(r.role, r.parent) for r in t.parts[0].rows[3:5]] == [("part_of", 2), ("detail", None)]
    assert _findings("支出预算总表", text) == []
    # the 其中 list that does not add up is left as printed: the 合计 says the table is wrong
    slipped = SANGONG_REST.replace("公务用车运行费|2.95", "公务用车运行费|2.85")
    assert _errors(_findings("2024年市级“三公”经费预算表", slipped))


# a 2015 city bureau's 三公 table: the 公务用车费 row printed 0 while its 其中 part holds 32.65
GUILIN = """
项 目|本年预算数|其中:公共预算财政拨款
合 计|34.35|34.35
1.因公出国(境)费用|0|0
2.公务接待费|1.70|1.70
3.公务用车费|0|0
其中:(1)公务用车运行维护费|32.65|32.65
(2)公务用车购置|0|0
"""


def test_a_qizhong_part_above_its_row_is_an_error_on_that_row() -> None:
    t = annotate(table("t1", [1], "2015年部门“三公”经费情况统计表", GUILIN, unit="万元"))
    report = Report(source=Source(file="sangong.html", sha256="9" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    from checker.engine import CheckConfig

    got = [f for f in check(report, CheckConfig(rules=frozenset({"sum.parts_over"})))]
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 32.65, 0.0), ("error", 32.65, 0.0)]
    assert "“3.公务用车费”行印为 0，而其下“其中”“(1)公务用车运行维护费” 32.65" in got[0].message
    right = annotate(table("t1", [1], "2015年部门“三公”经费情况统计表", GUILIN.replace("3.公务用车费|0|0", "3.公务用车费|32.65|32.65"), unit="万元"))
    assert check(report.model_copy(update={"tables": [right]}), CheckConfig(rules=frozenset({"sum.parts_over"}))) == []
    # the 重庆 layout (a bare second part) and a 其中 under its row that stays below it: silent
    assert _findings("2024年市级“三公”经费预算表", SANGONG_REST) == []


# a 三公 budget with last year, this year and the change, its 其中 listing one part: the part's
# change may exceed, or run against, the whole's (用车 运行维护 +2.00 under 用车 −1.00)
CHANGES = """
项 目|2024年预算数|2025年预算数|增减
合 计|12.00|11.00|-1.00
1.公务接待费|2.00|2.00|0
2.公务用车购置及运行费|10.00|9.00|-1.00
其中:公务用车运行维护费|6.00|8.00|2.00
"""


def test_a_parts_change_is_not_held_under_its_rows_change() -> None:
    t = annotate(table("t1", [1], "2025年部门“三公”经费预算表", CHANGES, unit="万元"))
    report = Report(source=Source(file="sangong.html", sha256="9" * 64, format="html"), document=DocumentMeta(kind="budget"), tables=[t])
    from checker.engine import CheckConfig

    rules = CheckConfig(rules=frozenset({"sum.parts_over"}))
    assert check(report, rules) == []
    slipped = annotate(table("t1", [1], "2025年部门“三公”经费预算表", CHANGES.replace("10.00|9.00|-1.00", "1.00|9.00|-1.00"), unit="万元"))
    got = check(report.model_copy(update={"tables": [slipped]}), rules)
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 6.0, 1.0)]  # the amounts still are

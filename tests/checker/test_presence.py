"""Which standard tables a 部门预算/决算 holds (``checker/rules/presence.py``).

The tables are hand-copied from the real 上海市普陀区财政局 2024 部门决算 (shared/real/
final_accounts, its planted-slip copy deletes 三、支出决算表 and empties the 三公 table) and
the 万里街道 2024 / 财政局 2025 部门预算 (a 三公 table printing 47.91 under a note saying it is
empty; a 国有资本经营 table under the 政府性基金 table's note). Running text (the 目录, the notes
under tables) is passed as ``Text`` items, as the rules read it from the report.
"""

from __future__ import annotations

from checker import check
from checker.rules.presence import (
    Text,
    find_contradicting_notes,
    find_empty,
    find_missing,
    same_title,
    table_of_contents,
    title_key,
)
from extractor.contract import Amount, DocumentMeta, Report, Source, TableOut
from patterns.table_roles import annotate
from tests.checker.build import table
from tests.conftest import validate_report

# ---------------------------------------------------------------- 决算 (上海市普陀区财政局 2024)

ZONG = table("p6-t1", [6, 7], "收入支出决算总表", """
收入||支出|
项目|决算数|项目|决算数
一、一般公共预算财政拨款收入|2,940.05|一、一般公共服务支出|2,106.66
二、政府性基金预算财政拨款收入||二、外交支出|
本年收入合计|2,940.05|本年支出合计|2,940.05
""", unit="万元")
SHOURU = table("p8-t1", [8, 9], "收入决算表", """
项目||||本年收入合计|财政拨款收入|其他收入
支出功能分类|||科目名称|||
类|款|项|合计|2,946.25|2,940.05|6.20
201|||一般公共服务支出|2,112.86|2,106.66|6.20
""", unit="万元")
ZHICHU = table("p10-t1", [10, 11], "支出决算表", """
项目||||本年支出合计|基本支出|项目支出
支出功能分类|||科目名称|||
类|款|项|合计|2,940.05|2,336.91|603.14
201|||一般公共服务支出|2,106.66|1,503.52|603.14
""", unit="万元")
CZBK = table("p12-t1", [12, 13], "财政拨款收入支出决算总表", """
收入||支出|
项目|决算数|项目|合计
一、一般公共预算财政拨款|2,940.05|一、一般公共服务支出|2,106.66
二、政府性基金预算财政拨款||二、外交支出|
""", unit="万元")
YIBAN = table("p15-t1", [15], "一般公共预算财政拨款支出决算表", """
项目||||合计|基本支出|项目支出
支出功能分类|||科目名称|||
201|||一般公共服务支出|2,106.66|1,503.52|603.14
201|06|01|行政运行|1,511.89|1,503.52|8.37
""", unit="万元")
JIBEN = table("p16-t1", [16, 17], "一般公共预算财政拨款基本支出决算表", """
经济分类||科目名称|决算数|经济分类||科目名称|决算数
301||工资福利支出|2,082.85|302||商品和服务支出|171.07
301|01|基本工资|262.33|302|01|办公费|21.21
""", unit="万元")
SANGONG_ROWS = """
财政拨款“三公”经费|||||||||||
合计||因公出国（境）费||公务用车购置及运行费||||||公务接待费|
||||小计||公务用车购置费||公务用车运行费|||
预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数
"""
SANGONG = table("p18-t1", [18], "财政拨款“三公”经费支出决算表", SANGONG_ROWS + "0.95||||||||||0.95|\n", unit="万元")
SANGONG_EMPTY = table("p18-t1", [18], "财政拨款“三公”经费支出决算表", SANGONG_ROWS + "||||||||||||\n", unit="万元")
FUND_ROWS = """
项目||||年初结转和结余|本年收入|本年支出|||年末结转和结余
支出功能分类科目编码|||科目名称|||小计|基本支出|项目支出|
类|款|项|||||||
|||||||||
"""
JIJIN = table("p19-t1", [19], "政府性基金预算财政拨款收入支出决算表", FUND_ROWS, unit="万元")
GUOZI = table("p20-t1", [20], "国有资本经营预算财政拨款收入支出决算表", FUND_ROWS, unit="万元")
FINAL = [ZONG, SHOURU, ZHICHU, CZBK, YIBAN, JIBEN, SANGONG, JIJIN, GUOZI]

TOC_LINES = [
    "第一部分上海市普陀区财政局概况", "一、主要职能", "二、部门决算单位构成",
    "第二部分上海市普陀区财政局2024 年度部门决算表",
    "一、收入支出决算总表", "二、收入决算表", "三、支出决算表", "四、财政拨款收入支出决算总表",
    "五、一般公共预算财政拨款支出决算表", "六、一般公共预算财政拨款基本支出决算表",
    "七、财政拨款“三公”经费支出决算表", "八、政府性基金预算财政拨款收入支出决算表",
    "九、国有资本经营预算财政拨款收入支出决算表",
    "第三部分上海市普陀区财政局2024 年度部门决算情况说明", "一、收入支出决算总体情况说明",
    "三、支出决算情况说明",
]
NOTES = {
    "p19-t1": "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",
    "p20-t1": "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。",
}


def report(tables: list[TableOut], *, title: str = "上海市普陀区财政局2024年度部门决算", amounts=()) -> Report:
    return Report(
        source=Source(file="putuo_juesuan.pdf", sha256="6" * 64, format="pdf"),
        document=DocumentMeta(kind="budget", title=title, year=2024),
        tables=[annotate(t.model_copy(deep=True)) for t in tables],
        amounts=list(amounts),
    )


def page_text(r: Report, *, toc: bool = True, notes: dict[str, str] = NOTES) -> list[Text]:
    """The page text as the extractor reads it: the 目录 on p2, each table's title just above
    it, the notes printed under the empty tables."""
    items = [Text(2, "目录", None)] + [Text(2, line, None) for line in TOC_LINES] if toc else []
    previous = None
    for t in r.tables:
        items.append(Text(t.pages[0], t.caption or "", previous))
        items.append(Text(t.pages[0], "单位：万元", previous))
        if t.id in notes:
            items.append(Text(t.pages[-1], notes[t.id], t.id))
        previous = t.id
    return items


SANGONG_QUOTE = Amount(
    text="0.95 万元", value=9500.0, page=22,
    context="“三公”经费财政拨款支出年初预算为 0.95 万元，支出决算为 0.00 万元，完成预算的 0%",
)


# ---------------------------------------------------------------- tables.missing


def test_toc_lists_a_table_the_document_lacks_is_an_error():
    r = report([t for t in FINAL if t is not ZHICHU])
    fs = find_missing(r, page_text(r))
    assert [(f.rule, f.severity) for f in fs] == [("tables.missing", "error")]
    assert fs[0].message.startswith("目录第2页列有“三、支出决算表”，但文件中未见此表")
    assert "“收入决算表”（第8–9页）之后即为“财政拨款收入支出决算总表”（第12–13页）" in fs[0].message
    assert [loc.page for loc in fs[0].locations] == [2, 9, 12]


def test_every_listed_table_present_is_silent():
    r = report(FINAL)
    assert find_missing(r, page_text(r)) == []


def test_title_printed_in_the_body_may_be_a_merged_table_and_is_silent():
    """支出决算表's title still printed above where it stands: the extractor may have joined it
    to the 收入决算表 before it (same header), so it is not called missing."""
    r = report([t for t in FINAL if t is not ZHICHU])
    items = page_text(r) + [Text(10, "支出决算表", "p8-t1")]
    assert find_missing(r, items) == []


def test_an_untitled_table_where_the_missing_one_should_stand_is_silent():
    stray = table("p10-t1", [10], None, "201|||一般公共服务支出|2,106.66|1,503.52|603.14", unit="万元")
    r = report([ZONG, SHOURU, stray, CZBK, YIBAN, JIBEN, SANGONG, JIJIN, GUOZI])
    assert find_missing(r, page_text(r)) == []


def test_tables_printed_in_another_file_are_not_missing():
    """A 预算公开 text whose 目录 lists twelve tables published as a separate file of tables."""
    r = report([ZONG, SHOURU, ZHICHU], title="江苏省人民检察院2017年部门预算")
    assert find_missing(r, page_text(r)) == []


def test_final_accounts_without_toc_lacking_a_template_table_is_a_warning():
    r = report([t for t in FINAL if t is not ZHICHU])
    fs = [f for f in check(r) if f.rule.startswith("tables.")]
    assert [(f.rule, f.severity) for f in fs] == [("tables.missing", "warning")]
    assert "按全国部门决算公开模板应有“支出决算表”" in fs[0].message
    assert [loc.page for loc in fs[0].locations] == [9, 12]
    validate_report(r.model_copy(update={"findings": fs}).to_json())


def test_budget_without_toc_is_silent():
    """A 预算's set is the locality's: without a 目录 nothing says which tables it must have."""
    budget = [t.model_copy(update={"caption": t.caption.replace("决算", "预算")}) for t in FINAL if t is not ZHICHU]
    r = report(budget, title="上海市普陀区财政局2024年部门预算")
    assert [f for f in check(r) if f.rule.startswith("tables.")] == []


def test_toc_printed_as_a_table_is_read_from_the_report():
    """万里街道 prints its 目录 as a one-column table; a listed table deleted is an error."""
    toc = table("p2-t1", [2], None, """
目录
五、部门预算表 ……………………………………
1. 2024年部门财务收支预算总表 ……………………………
2. 2024年部门收入预算总表 ……………………………
3. 2024年部门支出预算总表 ……………………………
4. 2024年部门财政拨款收支预算总表 ………………………
六、其他相关情况说明 ……………………………………
""")
    budget = [
        table("p10-t1", [10], "2024年部门财务收支预算总表", "项目|预算数\n一、财政拨款收入|1,000.00\n收入总计|1,000.00", unit="万元"),
        table("p11-t1", [11], "2024年部门收入预算总表", "项目|合计\n合计|1,000.00\n201|1,000.00", unit="万元"),
        table("p16-t1", [16], "2024年部门支出预算总表", "项目|合计\n合计|1,000.00\n201|1,000.00", unit="万元"),
        table("p21-t1", [21], "2024年部门财政拨款收支预算总表", "项目|预算数\n一、财政拨款收入|1,000.00\n收入总计|1,000.00", unit="万元"),
    ]
    kept = report([toc, *budget], title="上海市普陀区2024年区级部门预算")
    assert [f for f in check(kept) if f.rule.startswith("tables.")] == []
    r = report([toc, budget[0], budget[1], budget[3]], title="上海市普陀区2024年区级部门预算")
    fs = [f for f in check(r) if f.rule == "tables.missing"]
    assert [f.severity for f in fs] == ["error"]
    assert fs[0].message.startswith("目录第2页列有“3.2024年部门支出预算总表”，但文件中未见此表")


# ---------------------------------------------------------------- tables.empty_quoted


def _emptied() -> list[TableOut]:
    return [SANGONG_EMPTY if t is SANGONG else t for t in FINAL]


def test_empty_table_the_text_quotes_is_an_error_naming_both_places():
    r = report(_emptied(), amounts=[SANGONG_QUOTE])
    fs = [f for f in check(r) if f.rule.startswith("tables.")]
    assert [(f.rule, f.severity, f.expected) for f in fs] == [("tables.empty_quoted", "error", 0.95)]
    assert fs[0].message.startswith("第18页“财政拨款“三公”经费支出决算表”未印任何数字，而第22页说明称")
    assert "年初预算为0.95万元" in fs[0].message
    assert {loc.page for loc in fs[0].locations} == {18, 22}


def test_a_change_or_a_zero_quoted_for_an_empty_table_is_silent():
    change = Amount(text="0.95万元", value=9500.0, page=22, context="“三公”经费财政拨款支出决算比2023年减少0.95万元")
    zero = Amount(text="0.00 万元", value=0.0, page=22, context="“三公”经费财政拨款支出决算为 0.00 万元")
    other_year = Amount(text="0.95万元", value=9500.0, page=22, context="2023年“三公”经费预算为0.95万元")
    r = report(_emptied(), amounts=[change, zero, other_year])
    assert [f.severity for f in find_empty(r, page_text(r))] == ["warning"]  # empty, with no note: nothing more
    assert [f for f in check(r) if f.rule.startswith("tables.")] == []  # no page text: nothing to say


def test_the_original_table_with_its_figures_is_silent():
    r = report(FINAL, amounts=[SANGONG_QUOTE])
    assert find_empty(r, page_text(r)) == []
    assert [f for f in check(r) if f.rule.startswith("tables.")] == []


def test_empty_table_with_its_note_is_silent():
    r = report(FINAL)
    assert find_empty(r, page_text(r)) == []


def test_empty_table_without_a_note_is_a_warning():
    r = report(FINAL)
    fs = find_empty(r, page_text(r, notes={"p20-t1": NOTES["p20-t1"]}))
    assert [(f.rule, f.severity) for f in fs] == [("tables.empty_quoted", "warning")]
    assert fs[0].message == "第19页“政府性基金预算财政拨款收入支出决算表”未印任何数字，表下亦未注明“本表无数据”或为空的原因"


def test_a_note_printed_inside_the_table_counts():
    """江苏省人民检察院 2019 公开10表: ``此表为空`` is a row of the table itself."""
    inside = table("p19-t1", [19], "政府性基金预算财政拨款收入支出决算表", FUND_ROWS + "此表为空|||||||||\n", unit="万元")
    r = report([inside if t is JIJIN else t for t in FINAL])
    assert find_empty(r, page_text(r, notes={"p20-t1": NOTES["p20-t1"]})) == []


def test_a_blank_template_is_silent():
    """The national template prints every table empty; it has nothing to quote or note."""
    blank = [table(t.id, t.pages, t.caption, "\n".join("|".join("" if any(ch.isdigit() for ch in c) else c for c in row) for row in t.rows), unit="万元") for t in FINAL]
    r = report(blank, title="上海市 XX 局2024 年度部门决算")
    assert find_empty(r, page_text(r, notes={})) == []


def test_without_page_text_an_unnoted_empty_table_is_not_judged():
    """The report holds no page text: whether a note is printed cannot be told."""
    r = report(FINAL)
    assert [f for f in check(r) if f.rule.startswith("tables.")] == []


# ---------------------------------------------------------------- tables.note_contradicts

WANLI_SANGONG = table("p31-t1", [31], "部门“三公”经费和机关运行经费预算表", """
2024年“三公”经费预算数||||||2024年机关运行经费预算数
合计|因公出国(境)费|公务接待费|公务用车购置及运行费|||
|||小计|购置费|运行费|
47.91|0|1.35|46.56|25|21.56|443.18
""", unit="万元")
PUTUO_FUND = """
项目||||{fund}预算支出||
功能分类科目编码|||功能分类科目名称|合计|基本支出|项目支出
类|款|项||||
||||||
合计||||||
"""
JIJIN_2025 = table("p17-t1", [17], "2025年部门政府性基金预算支出功能分类预算表", PUTUO_FUND.format(fund="政府性基金"), unit="元")
GUOZI_2025 = table("p18-t1", [18], "2025年部门国有资本经营预算支出功能分类预算表", PUTUO_FUND.format(fund="国有资本经营"), unit="元")
BUDGET_2025 = [
    table("p9-t1", [9], "2025年部门财务收支预算总表", "项目|预算数\n一、财政拨款收入|1,000.00\n收入总计|1,000.00", unit="万元"),
    table("p12-t1", [12], "2025年部门支出预算总表", "项目|合计\n合计|1,000.00\n201|1,000.00", unit="万元"),
    table("p14-t1", [14], "2025年部门财政拨款收支预算总表", "项目|预算数\n一、财政拨款收入|1,000.00\n收入总计|1,000.00", unit="万元"),
]
FUND_NOTE = "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
STATE_NOTE = "注:本部门2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。"


def test_table_printing_figures_under_an_empty_note_is_an_error():
    r = report([*BUDGET_2025, WANLI_SANGONG], title="上海市普陀区2024年区级部门预算")
    items = page_text(r, toc=False, notes={"p31-t1": "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"})
    fs = find_contradicting_notes(r, items)
    assert [(f.rule, f.severity, f.actual) for f in fs] == [("tables.note_contradicts", "error", 47.91)]
    assert fs[0].message.startswith("第31页“部门“三公”经费和机关运行经费预算表”表下注“注:本部门2024年无“三公”经费和机关运行经费预算")
    assert "表中印有数字（如第4行 47.91）" in fs[0].message


def test_note_naming_another_fund_is_a_warning_naming_the_copied_note():
    r = report([*BUDGET_2025, JIJIN_2025, GUOZI_2025], title="上海市普陀区2025年区级部门预算")
    items = page_text(r, toc=False, notes={"p17-t1": FUND_NOTE, "p18-t1": FUND_NOTE})
    fs = find_contradicting_notes(r, items)
    assert [(f.rule, f.severity) for f in fs] == [("tables.note_contradicts", "warning")]
    assert "所称为政府性基金预算，而本表为国有资本经营预算" in fs[0].message
    assert "与第17页“2025年部门政府性基金预算支出功能分类预算表”表下的注一字不差" in fs[0].message
    assert fs[0].locations[0].page == 18


def test_each_fund_with_its_own_note_is_silent():
    r = report([*BUDGET_2025, JIJIN_2025, GUOZI_2025], title="上海市普陀区2025年区级部门预算")
    items = page_text(r, toc=False, notes={"p17-t1": FUND_NOTE, "p18-t1": STATE_NOTE})
    assert find_contradicting_notes(r, items) == []
    assert find_empty(r, items) == []


def test_figures_under_a_note_naming_another_fund_are_only_a_warning():
    """The note may belong to the table after it: the reading is not sure enough for an error."""
    filled = table("p18-t1", [18], "2025年部门国有资本经营预算支出功能分类预算表",
                   PUTUO_FUND.format(fund="国有资本经营").replace("合计||||||", "合计||||12.00|0|12.00"), unit="元")
    r = report([*BUDGET_2025, filled], title="上海市普陀区2025年区级部门预算")
    fs = find_contradicting_notes(r, page_text(r, toc=False, notes={"p18-t1": FUND_NOTE}))
    assert [f.severity for f in fs] == ["warning"]


# ---------------------------------------------------------------- reading titles and the 目录


def test_title_keys_agree_across_printings():
    assert title_key("9.部门“三公”经费和机关运行经费预算表 …………………… 31") == "三公经费和机关运行经费预算表"
    assert title_key("2024年部门“三公”经费和机关运行经费预算表") == "三公经费和机关运行经费预算表"
    assert title_key("公开 10表：政府性基金支出预算表") == "政府性基金支出预算表"
    assert title_key("财政拨款支出预算表（功能科目）") == "财政拨款支出预算表"
    assert same_title("上海市普陀区财政局收入决算表", "收入决算表")
    assert not same_title("一般公共预算财政拨款支出决算表", "支出决算表")


def test_toc_entries_split_and_joined():
    lines = [
        Text(2, "目录", None),
        Text(2, "五、部门预算表 ………………………", None),
        Text(2, "3. 2025年部门支出预算总表 ………………… 4．2025年部门财政拨款收支预算总表 …………", None),
        Text(2, "十一、一般公共预算“三公”经费、会议费、培训费支", None),
        Text(3, "出预算表", None),
        Text(3, "第一部分部门概况", None),
        Text(3, "一、主要职能", None),
        Text(3, "省人大常委会是省人民代表大会的常设机构，主要职责是：在本省行政区域内，保证宪法、法律、行政法规和上级人民代表大会及其常务委员会决议的遵守和执行", None),
    ]
    assert [e.text for e in table_of_contents(lines)] == [
        "3.2025年部门支出预算总表",
        "4.2025年部门财政拨款收支预算总表",
        "十一、一般公共预算“三公”经费、会议费、培训费支出预算表",
    ]

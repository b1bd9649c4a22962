"""doc.placeholder and doc.year (checker/rules/hygiene.py): template text left in print and
a year that is not the document's own, on text taken from the real 部门预算/决算 of
``shared/real`` (Jiangsu 2018/2019, 普陀区 2024/2025, the seeded 2024 决算, the national
template), with its stray spaces and line breaks.

The rules read ``Report.blocks`` (paragraphs and headings); a Report without them (an older
contract JSON) holds only the sentences with figures (claims and money sentences), which the
rules fall back on (``text=False``).
"""

from __future__ import annotations

from checker import check
from extractor.contract import DocumentMeta, Report, Source, TextBlock
from extractor.document import Block
from patterns.money import find_amounts
from patterns.prose import extract_claims

JUESUAN_2024 = "上海市普陀区财政局2024年度部门决算"


def _blocks(pages: dict[int, list[str]]) -> list[Block]:
    """``{page: [line, …]}``; a line starting with ``#`` is a heading."""
    return [
        Block(text=t.lstrip("#"), page=p, kind="heading" if t.startswith("#") else "paragraph")
        for p, lines in pages.items()
        for t in lines
    ]


def _report(pages: dict[int, list[str]], title: str | None = JUESUAN_2024, year: int | None = 2024, text: bool = True) -> Report:
    blocks = _blocks(pages)
    fields = dict(
        source=Source(file="x.pdf", sha256="0" * 64, format="pdf"),
        document=DocumentMeta(kind="budget", title=title, year=year),
        claims=extract_claims(blocks),
        amounts=[a for b in blocks for a in find_amounts(b.text, page=b.page)],
    )
    text_blocks = [TextBlock(text=b.text, page=b.page, kind=b.kind) for b in blocks] if text else []
    return Report(**fields, blocks=text_blocks)


def _found(report: Report, rule: str):
    return [f for f in check(report) if f.rule == rule]


def _pages(f) -> list[int | None]:
    return [loc.page for loc in f.locations]


# a 2024 决算 as the seeded file prints it: cover, part titles, body
SEEDED = {
    1: [JUESUAN_2024],
    2: ["#第二部分上海市普陀区财政局2024 年度部门决算表", "#第三部分上海市普陀区财政局2024 年度部门决算情况说明"],
    6: ["从预算单位构成看，纳入上海市普陀区财政局2024年度部门决算编制范围的单位包括："],
    7: ["#第二部分上海市普陀区XX局 2024 年度部门决算表", "收入支出决算总表", "单位：万元"],
    18: [
        "#第三部分上海市普陀区财政局 2023年度部门决算情况说明",
        "#一、收入支出决算总体情况说明",
        "上海市普陀区财政局2024 年度收入支出总计 2995.39 万元。与",
        "2023 年度相比，收入支出总计减少 56.95 万元，下降 1.87%。",
    ],
    24: [
        "#（三）国有资产占有使用情况说明",
        "截至 2023年 12 月 31 日，上海市普陀区财政局共有车辆 0",
        "辆，其中：部级领导干部用车 0 辆、主要领导干部用车 0 辆。",
    ],
}


# ---------------------------------------------------------------- doc.placeholder


def test_a_placeholder_name_in_a_part_title_is_an_error_on_its_page():
    got = _found(_report(SEEDED), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("error", [7])]
    msg = got[0].message
    assert msg.startswith("第7页标题模板占位名称")
    assert "“XX局”" in msg and "第二部分上海市普陀区XX局2024年度部门决算表" in msg


def test_both_alternatives_left_in_are_one_error_per_page_with_stray_spaces_and_line_breaks():
    # Jiangsu 2018 人大办公厅 p28: '增加（减 少）' and a 增长（减 / 少） broken over two lines
    pages = {
        28: [
            "（1）公务用车购置预算支出 0 万元，比上年预算增加（减 少） 0 万元，主要原因无此项预算。",
            "2018年政府性基金支出预算支出 0 万元。与上年相比增加（减少） 0 万元，增长（减",
            "少） 0 %。主要原因是本部门无此项支出。",
        ],
        29: ["2018年本部门国有资本经营预算收入为 0 万元，与上年相比增加（减少） 0 万元，增长（降低） 0 %。"],
    }
    got = _found(_report(pages, title="江苏省人大常委会办公厅2018年度部门预算公开", year=2018), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("error", [28]), ("error", [29])]
    assert "共 3 处，首处“增加（减少）”" in got[0].message
    assert "比上年预算增加（减少）0万元" in got[0].message
    assert "共 2 处" in got[1].message and "增长（降低）" not in got[1].message.split("首处")[0]


def test_a_change_word_alone_or_with_its_own_gloss_is_silent():
    pages = {9: ["一般公共预算收入 5,380.10 万元，与上年相比增加 125.3 万元，增长 2.38%。", "基本支出比上年减少（下同）12 万元。"]}
    assert _found(_report(pages, title="江苏省人大常委会办公厅2019年度部门预算公开", year=2019), "doc.placeholder") == []


def test_the_template_filling_instruction_is_reported_once_per_page():
    note = "（按“部门预算公开06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）"
    pages = {
        12: [
            "（一）人员经费 3,880.19 万元，主要包括：基本工资、津贴补贴、奖金。" + note,
            "（二）公用经费 1,115.85 万元，主要包括：办公费、印刷费。" + note,
        ]
    }
    got = _found(_report(pages, title="江苏省政协办公厅 2018年度部门预算公开", year=2018), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("error", [12])]
    assert got[0].message.startswith("第12页模板填报说明未删（共 2 处")
    assert "按“部门预算公开06表财政拨款基本支出预算表”中实际发生经济分类支出事项填写" in got[0].message


def test_a_reason_left_blank_is_an_error_and_a_given_reason_is_silent():
    line = (
        "（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：公务用车购置费0.00万元，"
        "与2023年预算持平，主要原因是无此项支出；公务用车运行费6.40万元，与2023年预算持平，主要原因是根据实际公务用车运行情况。"
    )
    got = _found(_report({16: [line]}, title="上海市普陀区社会福利院2024年单位预算"), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("error", [16])]
    assert "原因或用途留空" in got[0].message and "主要原因是。" in got[0].message
    fine = "支出减少 3.2 万元，主要是人员调整等原因。"
    assert _found(_report({16: [fine]}, title="上海市普陀区社会福利院2024年单位预算"), "doc.placeholder") == []


def test_a_share_or_change_left_without_its_figure_is_an_error():
    """A 2017 三公 note filled in without its shares: ``占 %，比上年减少 万元``."""
    line = ("其中：因公出国(境)费 0 万元，占 %，比上年减少 万元；公务用车购置及运行维护费5万元，占 %，比上年减少 0.28 万元，"
            "公务接待费30万元，占 %，比上年减少2 万元。")
    got = _found(_report({3: [line]}, title="2017年湛江市委宣传部“三公”经费增减情况说明", year=2017), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("error", [3])]
    assert "数字留空（共 4 处" in got[0].message
    fine = "公务接待费30万元，占85.71%，比上年减少2万元，下降6.25%；占“三公”经费的比重下降。"
    assert _found(_report({3: [fine]}, title="2017年湛江市委宣传部“三公”经费增减情况说明", year=2017), "doc.placeholder") == []


def test_a_template_note_under_every_table_is_one_warning_naming_each_page():
    pages = {p: ["单位：万元", "注：“科目编码”和“科目名称”为必填项。"] for p in (16, 17, 18)}
    got = _found(_report(pages, title="江苏省人民检察院2019年度部门预算公开", year=2019), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("warning", [16, 17, 18])]
    assert got[0].message.startswith("第16、17、18页疑似模板提示语未删（共 3 处，首处第16页")


def test_an_unfilled_template_is_one_info_not_an_error_per_page():
    pages = {
        1: ["上海市 XX 局2024 年度部门决算"],
        2: ["#第二部分上海市XX 局2024年度部门决算表"],
        15: [
            "上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。",
            "主要原因：XXXXXXXX。（如持平作持平表述）",
        ],
    }
    got = _found(_report(pages, title="上海市 XX 局2024 年度部门决算"), "doc.placeholder")
    assert [f.severity for f in got] == ["info"]
    assert got[0].message.startswith("文件为未填写的模板：第1、2、15页")
    # the sentences with figures alone: the placeholder cover title still says it is a template
    pages[16] = ["1、因公出国（境）费支出XXX 万元。全年安排因公出国（境）团组XX个、累计XX 人次，支出 1 万元。"]
    got = _found(_report(pages, title="上海市 XX 局2024 年度部门决算", text=False), "doc.placeholder")
    assert [f.severity for f in got] == ["info"]


def test_document_numbers_in_square_brackets_are_not_placeholders():
    line = "根据沪府规【2016】168号文和普发改投【2017】89号文进行建设，总投资 1,200 万元。真如城市副中心X101、X102街坊。"
    assert _found(_report({33: [line]}, title="上海市普陀区2024年区级部门预算"), "doc.placeholder") == []


def test_without_running_text_the_sentences_with_figures_are_read():
    pages = {9: ["（2）政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项收入。"]}
    got = _found(_report(pages, title="江苏省人大常委会办公厅2019年度部门预算公开", year=2019, text=False), "doc.placeholder")
    assert [(f.severity, _pages(f)) for f in got] == [("error", [9])]
    assert "增加（减少）" in got[0].message


# ---------------------------------------------------------------- doc.year


def test_a_part_title_of_another_year_is_an_error():
    got = _found(_report(SEEDED), "doc.year")
    by_page = {_pages(f)[0]: f for f in got}
    title = by_page[18]
    assert (title.severity, title.expected, title.actual) == ("error", 2024, 2023)
    assert title.message == (
        "第18页标题“第三部分上海市普陀区财政局2023年度部门决算情况说明”的年度2023与文件年度2024不符"
        "（封面为“上海市普陀区财政局2024年度部门决算”）"
    )


def test_the_asset_date_of_a_final_account_is_the_year_end():
    got = [f for f in _found(_report(SEEDED), "doc.year") if _pages(f) == [24]]
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 2024, 2023)]
    assert "截至2023年12月31日，上海市普陀区财政局共有车辆0辆" in got[0].message
    assert "应截至2024年12月31日" in got[0].message
    assert sorted(_pages(f)[0] for f in _found(_report(SEEDED), "doc.year")) == [18, 24]


def test_a_budget_reports_assets_of_the_year_before():
    title = "上海市普陀区2024年区级部门预算"
    head = ["#一、2024年“三公”经费预算情况说明"]
    ok = {32: head + ["截至2023年8月31日，上海市普陀区人民政府万里街道办事处（部门）共有车辆 6 辆。"]}
    assert _found(_report(ok, title=title), "doc.year") == []
    odd = {32: head + ["截至2024年12月31日，上海市普陀区社会福利院共有车辆2辆，其中：其他用车2辆。"]}
    got = _found(_report(odd, title=title), "doc.year")
    assert [(f.severity, f.expected, f.actual, _pages(f)) for f in got] == [("warning", 2023, 2024, [32])]


def test_the_scope_sentence_names_the_budget_year():
    pages = {
        1: ["江苏省人大常委会办公厅2019年度部门预算公开"],
        2: ["#第二部分 2019年度部门预算表", "#第三部分 2019年度部门预算情况说明"],
        5: ["2．从预算单位构成看，纳入本部门2018年部门汇总预算编制范围的预算单位共计一家，具体包括：江苏省人大常委会办公厅本级。"],
    }
    got = _found(_report(pages, title="江苏省人大常委会办公厅2019年度部门预算公开", year=2019), "doc.year")
    assert [(f.severity, f.expected, f.actual, _pages(f)) for f in got] == [("error", 2019, 2018, [5])]
    assert "纳入本部门2018年部门汇总预算编制范围" in got[0].message and "文件年度2019" in got[0].message


def test_a_budget_speaking_of_last_year_is_silent():
    pages = {
        1: ["上海市普陀区2024年区级部门预算"],
        6: [
            "2024年部门预算编制说明",
            "1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。"
            "2023年执行数为 2.63 万元，2024年预算安排2.63万元，比2023年预算执行数持平。",
            "与2023年度部门决算相比，比2023年预算增加 12 万元。",
        ],
        10: ["2024年部门财务收支预算总表"],
        29: ["#一、2024年“三公”经费预算情况说明", "#二、2023年预算执行情况"],
    }
    assert _found(_report(pages, title="上海市普陀区2024年区级部门预算"), "doc.year") == []
    assert _found(_report(pages, title="上海市普陀区2024年区级部门预算"), "doc.placeholder") == []


def test_a_final_account_naming_last_years_figures_in_prose_is_silent():
    pages = {k: v for k, v in SEEDED.items() if k not in (7, 18, 24)}
    pages[21] = ["#第三部分上海市普陀区财政局2024年度部门决算情况说明", "与2023年度部门决算相比，支出减少 63.14 万元。"]
    pages[24] = ["截至2024年12月31日，上海市普陀区财政局共有车辆 0 辆。"]
    assert _found(_report(pages), "doc.year") == []


def test_a_year_only_one_title_bears_out_is_a_warning():
    pages = {9: ["#第三部分 2018年度部门预算情况说明"]}
    got = _found(_report(pages, title=None, year=2019), "doc.year")
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 2019, 2018)]


def test_a_placeholder_quoted_from_another_text_is_silent():
    # seed 004 (monitoring report) criticises the indicators it was given, quoting their name
    line = (
        "一是经济成本指标设置不合理。项目主要是工作是保障重大活动期间信访稳定，但是设置的成本指标均为"
        "“全国省市“两会”XX工作成本”，与实际内容不匹配；且该项目无社会成本和生态成本，不需要设置。"
    )
    report = _report({9: [line]}, title="2023年度特殊时期值守及信访维稳工作经费项目绩效运行监控报告", year=2023)
    assert _found(report, "doc.placeholder") == []

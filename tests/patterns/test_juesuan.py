"""patterns.juesuan: the 情况说明 of a 部门决算 read into ``决算.`` claims.

The texts are copied from the real 上海市普陀区财政局 2024 部门决算 (``shared/real/final_accounts``):
the original PDF gives one block per paragraph (one item's figures pushed onto a line of their
own), the re-typeset copy with planted slips one block per printed line.
"""

from __future__ import annotations

from extractor.document import Block
from patterns.juesuan import juesuan_claims, paragraphs

# the original's pp. 21-23, one block per paragraph as the PDF reader gives them
ORIGINAL = [
    (21, "第三部分上海市普陀区财政局2024年度部门决算情况说明"),
    (21, "一、收入支出决算总体情况说明"),
    (21, "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。主要原因：基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。"),
    (21, "二、收入决算情况说明"),
    (21, "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；"),
    (21, "三、支出决算情况说明"),
    (21, "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；"),
    (21, "四、财政拨款收入支出决算总体情况说明"),
    (21, "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。主要原因："),
    (21, "基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。"),
    (21, "五、一般公共预算财政拨款支出决算情况说明"),
    (21, "（一）一般公共预算财政拨款支出决算总体情况"),
    (21, "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%。"),
    (21, "（二）一般公共预算财政拨款支出决算结构情况"),
    (21, "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占"),
    (21, "15.16%；"),
    (21, "（三）一般公共预算财政拨款支出决算具体情况"),
    (21, "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：因年度工作计划安排，个别信息化项目和中介机构服务调减。其中："),
    (22, "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员进出及退休变化，减少人员经费开支。"),
    (22, "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"),
    (22, "9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：在职人员基本医疗保险费。年初预算为 万元，支出决算为 万元。决"),
    (22, "62.29 60.99"),
    (22, "算数小于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。"),
    (23, "六、一般公共预算财政拨款基本支出决算情况说明"),
    (23, "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元，主要包括：基本工资、津贴补贴、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、其他社会保障缴费、住房公积金、其他工资福利支出、退休"),
    (23, "费、个人农业生产补贴；公用经费184.65万元，主要包括：办公费、印刷费、手续费、邮电费、差旅费、维修（护）费、培训费、劳务费、工会经费、福利费、其他交通费用、其他商品和服务支出、办公设备购置。"),
    (23, "七、财政拨款“三公”经费支出决算情况说明"),
    (23, "（一）“三公”经费财政拨款支出决算总体情况说明。"),
    (23, "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行维护费支出决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。"),
    (23, "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算持平；公务接待费支出决算持平。"),
    (25, "第四部分名词解释"),
    (25, "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，本年收入合计100万元。"),
]

# the seeded copy's pp. 18-19, one block per printed line (its slips: 0 万元, 大于)
SEEDED = [
    (18, "第三部分上海市普陀区财政局 2023年度部门决算情况说明"),
    (18, "一、收入支出决算总体情况说明"),
    (18, "上海市普陀区财政局2024 年度收入支出总计 0 万元。与"),
    (18, "2023 年度相比，收入支出总计减少 56.95 万元，下降 1.87%。主"),
    (18, "要原因：基本支出中人员进出及退休变化，以及项目支出中合"),
    (18, "同支付进度条款等原因减少支付。"),
    (19, "1、一般公共服务支出（类）财政事务（款）行政运行"),
    (19, "（项）。主要用于：局本部人员经费及公用经费等的基本支出。"),
    (19, "年初预算为 1560.05 万元，支出决算为 1511.89 万元。决算"),
    (19, "数大于预算数的主要原因：人员进出及退休变化，减少人员经"),
    (19, "费开支。"),
]

# the blank template (national_juesuan_template_blank.pdf p15-16): placeholders only
TEMPLATE = [
    (15, "第三部分上海市XX局 2024年度部门决算情况说明"),
    (15, "一、收入支出决算总体情况说明"),
    (15, "上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年"),
    (15, "度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。"),
    (16, "（三）一般公共预算财政拨款支出决算具体情况"),
    (16, "一般公共预算财政拨款支出年初预算为XXX 万元，支出决算"),
    (16, "为XXX 万元，完成年初预算的XX%。决算数大于（小于）预算数"),
    (16, "的主要原因：XXXXXXXX（如持平作持平表述）。其中："),
    (16, "1、教育支出（类）普通教育（款）初中教育（项）。主要用"),
    (16, "于：XXXXXXXX。年初预算为 XXX万元，支出决算为XXX 万元。决"),
    (16, "算数大于（小于）预算数的主要原因：XXXXXXXX。（如持平作持"),
]


def _blocks(lines):
    return [Block(text=t, page=p) for p, t in lines]


def _by_subject(claims):
    return {c.subject: c for c in claims}


def test_original_statement_figures_become_claims_on_their_pages() -> None:
    got = _by_subject(juesuan_claims(_blocks(ORIGINAL)))
    assert got["决算.收入支出总计.金额"].value == 29953900.0
    assert got["决算.收入支出总计.金额"].value_text == "2995.39万元"
    assert got["决算.财政拨款收入支出总计.金额"].value == 3000.0  # the original's slip: 0.3 万元
    assert got["决算.本年收入合计>其他收入.金额"].value_text == "6.2万元"
    assert got["决算.本年支出合计>项目支出.金额"].value == 6031400.0
    assert got["决算.功能分类.住房保障支出(类).金额"].value == 4456900.0
    assert got["决算.一般公共预算财政拨款支出.完成率"].value == 98.2
    assert got["决算.一般公共预算财政拨款支出.比较"].value_text == "小于"
    assert got["决算.基本支出>公用经费.金额"].value == 1846500.0
    item = "决算.功能分类.一般公共服务支出(类)财政事务(款)行政运行(项)"
    assert (got[item + ".年初预算"].value, got[item + ".决算数"].value, got[item + ".比较"].page) == (15600500.0, 15118900.0, 22)
    assert got["决算.功能分类.一般公共服务支出(类)财政事务(款)一般行政管理事务(项).比较"].value_text == "基本持平"
    assert got["决算.三公.年初预算"].value == 9500.0 and got["决算.三公.完成率"].value == 0.0
    assert got["决算.三公>公务用车购置及运行维护费.决算数"].value == 0.0
    assert got["决算.三公.比较"].value_text == "小于"  # the 与2023年度持平 sentence is no budget comparison
    # 名词解释 is not the 说明: its figure is not read
    assert sum(1 for c in juesuan_claims(_blocks(ORIGINAL)) if c.subject == "决算.本年收入合计.金额") == 1


def test_figures_pushed_onto_their_own_line_go_back_into_the_sentence() -> None:
    got = _by_subject(juesuan_claims(_blocks(ORIGINAL)))
    item = "决算.功能分类.卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)"
    assert got[item + ".年初预算"].value_text == "62.29万元"
    assert got[item + ".决算数"].value_text == "60.99万元"
    assert got[item + ".比较"].value_text == "小于"


def test_lines_are_joined_and_each_figure_keeps_its_page() -> None:
    claims = juesuan_claims(_blocks(SEEDED))
    got = _by_subject(claims)
    total = got["决算.收入支出总计.金额"]
    assert (total.value, total.value_text, total.page) == (0.0, "0万元", 18)
    assert total.text == "上海市普陀区财政局2024年度收入支出总计0万元。"  # the heading is not the sentence
    item = "决算.功能分类.一般公共服务支出(类)财政事务(款)行政运行(项)"
    assert got[item + ".比较"].value_text == "大于"  # 决算 / 数大于 joined over the line break
    assert got[item + ".决算数"].page == 19
    assert [p.text[:2] for p in paragraphs(_blocks(SEEDED))] == ["第三", "一、", "1、"]


def test_template_placeholders_give_no_claim() -> None:
    assert juesuan_claims(_blocks(TEMPLATE)) == []


def test_a_budget_explanation_gives_no_claim() -> None:
    budget = [
        (6, "一、关于上海市普陀区万里街道办事处2024年财务收支预算总表的说明"),
        (6, "2024年，收入预算总计16497.86万元，本年收入合计16497.86万元，其中：财政拨款收入16497.86万元。"),
        (7, "1、一般公共服务支出（类）统计信息事务（款）统计管理（项）2.63万元，年初预算为2.63万元，支出决算为2.63万元。"),
    ]
    assert juesuan_claims(_blocks(budget)) == []


def test_a_sangong_tables_columns_are_read_by_their_header_path() -> None:
    """The 三公 决算表's header paths (national template, p18) → (measure, kind)."""
    from patterns.juesuan import sangong_column

    read = {h: sangong_column(h) for h in (
        "合计/预算数", "因公出国（境）费/决算数", "公务用车购置及运行费/小计/预算数",
        "公务用车购置及运行费/公务用车购置费/决算数", "公务用车购置及运行费/公务用车运行费/年初预算数",
        "公务接待费/决算数", "会议费/决算数", "公务用车购置及运行费/决算数", "项目/金额", "公务接待费",
    )}
    assert read == {
        "合计/预算数": ("预算数", "total"),
        "因公出国（境）费/决算数": ("决算数", "abroad"),
        "公务用车购置及运行费/小计/预算数": ("预算数", "car"),
        "公务用车购置及运行费/公务用车购置费/决算数": ("决算数", "car_buy"),
        "公务用车购置及运行费/公务用车运行费/年初预算数": ("预算数", "car_run"),
        "公务接待费/决算数": ("决算数", "reception"),
        "会议费/决算数": ("决算数", "meeting"),
        "公务用车购置及运行费/决算数": ("决算数", "car"),
        "项目/金额": None,
        "公务接待费": None,
    }

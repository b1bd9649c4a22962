"""Tables understood once (issue 15): header rows, column roles and units, logical parts,
row roles and 科目 parents, on tables copied from the real 上海市普陀区财政局 2024 部门决算
(shared/real/final_accounts), the blank national template and a Jiangsu 预算."""

from __future__ import annotations

from patterns.table_roles import annotate
from tests.checker.build import table

# 收入支出决算总表 (p6-7): two sides, one header row per side
SHOUZHI = """
收入||支出|
项目|决算数|项目|决算数
一、一般公共预算财政拨款收入|2,940.05|一、一般公共服务支出|2,106.66
二、政府性基金预算财政拨款收入||二、外交支出|
三、国有资本经营预算财政拨款收入||三、国防支出|
四、上级补助收入||四、公共安全支出|
五、事业收入||五、教育支出|
六、经营收入||六、科学技术支出|
七、附属单位上缴收入||七、文化旅游体育与传媒支出|
八、其他收入|6.20|八、社会保障和就业支出|326.71
||九、卫生健康支出|60.99
||十、节能环保支出|
||十一、城乡社区支出|
||十二、农林水支出|
||十三、交通运输支出|
||十四、资源勘探工业信息等支出|
||十五、商业服务业等支出|
||十六、金融支出|
||十七、援助其他地区支出|
||十八、自然资源海洋气象等支出|
||十九、住房保障支出|445.69
||二十、粮油物资储备支出|
||二十一、国有资本经营预算支出|
||二十二、灾害防治及应急管理支出|
||二十三、其他支出|
||二十四、债务还本支出|
||二十五、债务付息支出|
||二十六、抗疫特别国债安排的支出|
本年收入合计|2,946.25|本年支出合计|2,940.05
使用非财政拨款结余（含专用结余）||结余分配|
年初结转和结余|49.14|年末结转和结余|55.34
总计|2,995.39|总计|2,995.39
"""

# 一般公共预算财政拨款支出决算表 (p15): 类/款/项 code columns, 合计 at the foot
GONGGONG = """
项目||||合计|基本支出|项目支出
支出功能分类|||科目名称|||
科目编码||||||
类|款|项||||
201|||一般公共服务支出|2,106.66|1,503.52|603.14
201|06||财政事务|2,106.66|1,503.52|603.14
201|06|01|行政运行|1,511.89|1,503.52|8.37
201|06|02|一般行政管理事务|10.00||10.00
201|06|07|信息化建设|135.25||135.25
201|06|08|财政委托业务支出|449.52||449.52
208|||社会保障和就业支出|326.72|326.72|
208|05||行政事业单位养老支出|326.72|326.72|
208|05|01|行政单位离退休|84.65|84.65|
208|05|05|机关事业单位基本养老保险缴费支出|160.75|160.75|
208|05|06|机关事业单位职业年金缴费支出|80.38|80.38|
208|05|99|其他行政事业单位养老支出|0.94|0.94|
210|||卫生健康支出|60.99|60.99|
210|11||行政事业单位医疗|60.99|60.99|
210|11|01|行政单位医疗|60.99|60.99|
221|||住房保障支出|445.69|445.69|
221|02||住房改革支出|445.69|445.69|
221|02|01|住房公积金|187.19|187.19|
221|02|03|购房补贴|258.50|258.50|
合计||||2,940.05|2,336.91|603.14
"""

# 一般公共预算财政拨款基本支出决算表 (p16-17): two tables side by side (its blank row dropped)
JIBEN = """
经济分类||科目名称|决算数|经济分类||科目名称|决算数
科目编码||||科目编码|||
类|款|||类|款||
301||工资福利支出|2,082.85|302||商品和服务支出|171.07
301|01|基本工资|262.33|302|01|办公费|21.21
301|02|津贴补贴|1,238.58|302|02|印刷费|7.61
301|03|奖金||302|03|咨询费|
301|06|伙食补助费||302|04|手续费|0.09
301|07|绩效工资||302|05|水费|
301|08|机关事业单位基本养老保险缴费|160.75|302|06|电费|
301|09|职业年金缴费|80.38|302|07|邮电费|4.88
301|10|职工基本医疗保险缴费|60.99|302|08|取暖费|
301|11|公务员医疗补助缴费||302|09|物业管理费|
301|12|其他社会保障缴费|1.61|302|11|差旅费|1.20
301|13|住房公积金|187.19|302|12|因公出国（境）费用|
301|14|医疗费||302|13|维修（护）费|2.83
301|99|其他工资福利支出|91.03|302|14|租赁费|
303||对个人和家庭的补助|69.41|302|15|会议费|
303|01|离休费||302|16|培训费|4.05
303|02|退休费|69.10|302|17|公务接待费|
303|03|退职（役）费||302|18|专用材料费|
303|04|抚恤金||302|24|被装购置费|
303|05|生活补助||302|25|专用燃料费|
303|07|医疗费补助||302|26|劳务费|2.01
303|08|助学金||302|27|委托业务费|
303|09|奖励金|0.31|302|28|工会经费|24.42
303|10|个人农业生产补贴||302|29|福利费|42.77
303|11|代缴社会保险费||302|31|公务用车运行维护费|
303|99|其他对个人和家庭的补助||302|39|其他交通费用|48.49
||||302|40|税金及附加费用|
||||302|99|其他商品和服务支出|11.53
||||310||资本性支出|13.58
||||310|01|房屋建筑物购建|
||||310|02|办公设备购置|13.58
||||310|03|专用设备购置|
||||310|07|信息网络及软件购置更新|
||||310|13|公务用车购置|
||||310|19|其他交通工具购置|
||||310|21|文物和陈列品购置|
||||310|22|无形资产购置|
||||310|99|其他资本性支出|
人员经费合计|||2,152.26|公用经费合计|||184.65
"""


def _roles(part) -> list[tuple[str, str | None, int | None]]:
    return [(r.role, r.code, r.parent) for r in part.rows]


def _by_code(part) -> dict[str, tuple[int, int | None]]:
    return {r.code: (i, r.parent) for i, r in enumerate(part.rows) if r.code}


def test_two_sided_total_table_splits_into_income_and_spending() -> None:
    t = annotate(table("p6-t1", [6, 7], "收入支出决算总表", SHOUZHI, unit="万元"))
    assert t.identity == "收支总表"
    assert t.header_rows == 2
    assert [p.side for p in t.parts] == ["收入", "支出"]
    assert [(c.role, c.part, c.unit) for c in t.columns] == [
        ("label", 0, None), ("amount", 0, "万元"), ("label", 1, None), ("amount", 1, "万元"),
    ]
    income, spending = t.parts
    # below 八、其他收入 the income side is blank while the spending side runs on
    assert income.rows[10].role == "blank" and spending.rows[10].role == "detail"
    assert [income.rows[r].role for r in (28, 31)] == ["total", "total"]  # 本年收入合计, 总计
    assert [spending.rows[r].role for r in (28, 31)] == ["total", "total"]
    assert income.rows[30].role == spending.rows[30].role == "detail"  # 年初结转和结余 | 年末结转和结余


def test_code_columns_are_codes_not_money_and_give_each_row_its_parent() -> None:
    t = annotate(table("p15-t1", [15], "一般公共预算财政拨款支出决算表", GONGGONG, unit="万元"))
    assert t.identity == "一般公共预算支出功能分类表"
    assert t.header_rows == 4
    roles = {c.col: (c.role, c.semantic) for c in t.columns}
    assert [roles[c][0] for c in (0, 1, 2, 3)] == ["code", "code", "code", "label"]
    assert [roles[c] for c in (4, 5, 6)] == [("amount", "合计"), ("amount", "基本支出"), ("amount", "项目支出")]
    (part,) = t.parts
    codes = _by_code(part)
    assert codes["201"] == (4, None)
    assert codes["20106"] == (5, 4)
    assert codes["2010601"] == (6, 5)
    assert codes["2080505"][1] == codes["20805"][0]
    assert codes["2210203"][1] == codes["22102"][0]
    assert part.rows[-1].role == "total" and part.rows[-1].code is None


def test_side_by_side_economic_table_is_two_logical_tables() -> None:
    t = annotate(table("p16-t1", [16, 17], "一般公共预算财政拨款基本支出决算表", JIBEN, unit="万元"))
    assert t.identity == "基本支出经济分类表"
    assert len(t.parts) == 2
    assert [t.columns[c].role for c in t.parts[1].columns] == ["code", "code", "label", "amount"]
    left, right = (_by_code(p) for p in t.parts)
    assert left["30101"][1] == left["301"][0] and right["30201"][1] == right["302"][0]
    assert left["30302"][1] == left["303"][0] and right["31002"][1] == right["310"][0]
    assert not set(left) & set(right)  # no row of one half is a 科目 of the other
    assert t.parts[0].rows[-1].role == t.parts[1].rows[-1].role == "total"  # 人员经费合计 | 公用经费合计


def test_identity_prefers_the_longest_standard_name() -> None:
    blank = "项目|金额\n本年收入|\n本年支出|"
    assert annotate(table("t", [19], "政府性基金预算财政拨款收入支出决算表", blank)).identity == "政府性基金表"
    assert annotate(table("t", [13], "财政拨款收入支出决算总表", blank)).identity == "财政拨款收支总表"
    assert annotate(table("t", [20], "国有资本经营预算财政拨款收入支出决算表", blank)).identity == "国有资本经营表"
    assert annotate(table("t", [3], "项目支出绩效自评表", "指标|分值|得分")).identity == "自评表"
    # Jiangsu 2017-2019 预算: a fund's or the procurement table is not the 支出总表 (支出预算表 is a
    # shorter word of each), and 政府性基金…财政拨款支出预算表 is the fund's, not 一般公共预算's
    assert annotate(table("t", [13], "七、政府性基金支出预算表", blank)).identity == "政府性基金表"
    assert annotate(table("t", [11], "财政拨款政府性基金支出预算表", blank)).identity == "政府性基金表"
    assert annotate(table("t", [15], "政府性基金预算财政拨款支出预算表", blank)).identity == "政府性基金表"
    assert annotate(table("t", [16], "十二、政府采购支出预算表", blank)).identity == "政府采购表"
    assert annotate(table("t", [20], "2017年政府采购预算表", blank)).identity == "政府采购表"
    assert annotate(table("t", [11], "三、支出预算总表", blank)).identity == "支出总表"


def blank_template(text: str) -> str:
    """The same table with every figure taken out, as the national template prints it."""
    return "\n".join(
        "|".join("" if any(ch in c for ch in ",.") else c for c in line.split("|")) for line in text.strip().split("\n")
    )


def test_blank_template_keeps_its_structure() -> None:
    t = annotate(table("t", [15], "一般公共预算财政拨款支出决算表", blank_template(GONGGONG), unit="万元"))
    assert [c.role for c in t.columns][:4] == ["code", "code", "code", "label"]
    assert _by_code(t.parts[0])["2010601"] == (6, 5)


def test_each_cell_carries_its_printed_number() -> None:
    t = annotate(table("p15-t1", [15], "一般公共预算财政拨款支出决算表", GONGGONG, unit="万元"))
    assert len(t.values) == len(t.rows) and all(len(v) == len(r) for v, r in zip(t.values, t.rows, strict=True))
    v = t.values[4][4]  # 一般公共服务支出 | 合计 2,106.66
    assert (v.value, v.decimals, v.unit) == (2106.66, 2, None)
    assert t.values[4][3] is None and t.values[7][5] is None  # a name; a blank 基本支出
    assert t.values[7][6].value == 10.0 and t.values[7][6].decimals == 2
    again = type(t).model_validate_json(t.model_dump_json())
    assert again.values == t.values


def test_fund_and_stage_are_read_from_the_caption_once() -> None:
    """``TableOut.fund`` is the narrowest fund a caption names, 财政拨款 when it names the grant's
    every fund, None for every source; ``stage`` is 决算 / 预算, not the 预算 of 一般公共预算."""
    blank = "项目|金额\n合计|"
    read = {c: annotate(table("t", [1], c, blank)) for c in (
        "一般公共预算财政拨款支出决算表", "财政拨款收支预算总表", "收入支出决算总表",
        "2023年部门政府性基金预算支出功能分类预算表", "一般公共预算“三公”经费支出表", "项目支出绩效自评表",
    )}
    assert {c: (t.fund, t.stage) for c, t in read.items()} == {
        "一般公共预算财政拨款支出决算表": ("一般公共预算", "决算"),
        "财政拨款收支预算总表": ("财政拨款", "预算"),
        "收入支出决算总表": (None, "决算"),
        "2023年部门政府性基金预算支出功能分类预算表": ("政府性基金", "预算"),
        "一般公共预算“三公”经费支出表": ("一般公共预算", None),
        "项目支出绩效自评表": (None, None),
    }


def test_a_table_never_annotated_is_identified_and_an_annotated_one_kept() -> None:
    """A version-1 JSON's table (no identity, fund, stage) gets them from its caption; a table
    annotated with an identity of its own keeps it."""
    from patterns.table_roles import identify

    bare = identify(table("t", [1], "财政拨款收支预算总表", "项目|金额\n合计|1"))
    assert (bare.identity, bare.fund, bare.stage) == ("财政拨款收支总表", "财政拨款", "预算")
    kept = annotate(table("t", [1], "财政拨款收支预算总表", "项目|金额\n合计|1")).model_copy(update={"identity": "收支总表"})
    assert identify(kept) is kept


def test_a_unit_the_caption_prints_in_brackets_is_the_tables_unit() -> None:
    """``…支出情况表（万元）``: the unit the sums and the presence rules scale by comes from
    ``TableOut.unit``, which patterns fills from the caption; the checker reads no caption."""
    from patterns.tables import table_unit
    from tests.patterns._docbuild import table_from_rows

    rows = [["项目", "金额"], ["合计", "1.5"]]
    assert table_unit(table_from_rows(rows, caption="2023年项目支出情况表（万元）"), []) == "万元"
    assert table_unit(table_from_rows(rows, caption="项目支出情况表（单位：元）"), []) == "元"
    assert table_unit(table_from_rows(rows, caption="100万元以上项目表"), []) is None


def test_the_subject_a_detail_tables_caption_names() -> None:
    from patterns.table_roles import caption_subject

    assert caption_subject("基础表 3：帮困补助经费发放情况表") == "帮困补助经费"
    assert caption_subject("基础表 2：维稳值班、劝返工作经费发放情况表") == "维稳值班、劝返工作经费"
    assert caption_subject("项目资金使用明细表") == "项目资金"
    assert caption_subject(None) == ""


def test_a_basic_spending_detail_table_is_the_economic_table() -> None:
    """贵州 德江 2025 prints 一般公共预算基本支出明细表（按经济分类）, 广西 北海 2023
    一般公共预算财政拨款基本支出决算明细表: both the 基本支出 table by 经济分类 (no identity before)."""
    for caption in ("德江县机关事务中心2025年一般公共预算基本支出明细表（按经济分类）", "一般公共预算财政拨款基本支出决算明细表"):
        t = annotate(table("t2", [1], caption, "科目编码|科目名称|合计|人员经费|公用经费\n|合计|300.25|262.05|38.20", unit="万元"))
        assert t.identity == "基本支出经济分类表", caption


def test_a_column_repeating_one_three_digit_figure_holds_values_not_codes() -> None:
    # a 自评表's 完成值 column printing 100 on every row is no 科目 code column: read as codes,
    # its rows nested under each other and the 权重 beside them were "summed" (sum.nested)
    rows = "\n".join(["三级指标|完成值|权重"] + [f"指标{k}|100|{w}" for k, w in enumerate((30, 30, 10, 20))])
    t = annotate(table("t1", [], "部门预算项目支出绩效自评表", rows))
    roles = {c.col: c.role for c in t.columns}
    assert roles[1] != "code"
    assert all(r.parent is None for r in t.parts[0].rows)


def test_name_columns_give_depth_and_each_row_the_nearest_shallower_row_as_parent() -> None:
    # a 政府采购 table naming 大类 | 专项 | (经济科目) | 物品 in successive columns: the first filled
    # name column is the row's depth; its parent is the nearest row above at a lesser depth
    # (found from the latest row at each depth: a 20,000-row table used to walk back every row)
    rows = """采购品目大类|专项名称|经济科目|采购物品名称|金额
货物||||120.00
|办公设备购置|||80.00
|||台式计算机|50.00
|||打印机|30.00
|办公家具|||40.00
|||办公桌椅|40.00
服务||||60.00
|物业管理|||60.00
|||保洁服务|60.00
合计||||180.00"""
    t = annotate(table("t1", [1], "政府采购预算表", rows, unit="万元"))
    got = [(r.label, r.level, r.parent) for r in t.parts[0].rows if r.role == "detail"]
    assert got == [
        ("货物", 1, None),
        ("办公设备购置", 2, 1),
        ("台式计算机", 3, 2),
        ("打印机", 3, 2),
        ("办公家具", 2, 1),
        ("办公桌椅", 3, 5),
        ("服务", 1, None),
        ("物业管理", 2, 7),
        ("保洁服务", 3, 8),
    ]

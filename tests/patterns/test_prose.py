"""Claims and amounts found in running text, on sentences from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Block
from patterns.money import find_amounts, is_unit_price
from patterns.prose import extract_amounts, extract_claims
from tests.conftest import SEEDS  # noqa: E402

if not SEEDS.exists():
    SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def claims_of(*texts: str) -> list[tuple[str, float | None, str | None]]:
    return [(c.subject, c.value, c.unit) for c in extract_claims([Block(text=t, page=2) for t in texts])]


def test_budget_sentence() -> None:
    got = claims_of("2022 年项目预算金额为 250 万元，年中调整后的预算金额为 230.274 万元，实际支出金额为 230.274 万元，"
                    "项目调整后的预算执行率为 100%。")
    assert got == [
        ("预算金额", 2500000.0, "元"),
        ("调整后预算", 2302740.0, "元"),
        ("实际支出", 2302740.0, "元"),
        ("预算执行率", 100.0, "%"),
    ]


def test_score_and_grade() -> None:
    claims = extract_claims([Block(text="通过评价该项目最终评分为 **91** 分，绩效评级为“**优**”。", page=1)])
    assert [(c.subject, c.value, c.value_text) for c in claims] == [("总分", 91.0, "91 分"), ("绩效评级", None, "优")]
    assert claims[0].page == 1


def test_points_attach_to_the_indicator_heading() -> None:
    blocks = [
        Block(text="D31 管理部门满意度", kind="heading"),
        Block(text="根据调研结果显示，管理部门对 2022 年信访维稳日常工作的总体满意度为 80%以上。"),
        Block(text="该指标满分 4 分，根据评分标准，得 5.6 分。"),
        Block(text="四、主要经验及做法、存在的问题和建议", kind="heading"),
        Block(text="该指标满分 4 分。"),
    ]
    got = [(c.subject, c.value, c.value_text) for c in extract_claims(blocks)]
    assert got == [
        ("满意度", 80.0, "80%以上"),
        ("D31 管理部门满意度.满分", 4.0, "4 分"),
        ("D31 管理部门满意度.得分", 5.6, "5.6 分"),
        ("满分", 4.0, "4 分"),
    ]


def test_monitoring_sentences() -> None:
    got = claims_of(
        "截至2023年10月31日，实际支出198676.5元，资金执行率为66.22%，项目资金使用进度低于监控要求的序时进度83.33%。",
        "截至跟踪节点（2023 年 10 月 31 日），预算资金到位 30 万元，资金到位率为 100%。",
    )
    assert got == [
        ("实际支出", 198676.5, "元"),
        ("资金执行率", 66.22, "%"),
        ("序时进度", 83.33, "%"),
        ("到位资金", 300000.0, "元"),
        ("资金到位率", 100.0, "%"),
    ]


def test_counts_by_indicator_name_and_by_phrase() -> None:
    got = claims_of("帮困慰问送温暖人数约120人次。", "项目绩效目标表显示，2022 年计划帮困救助计划人数为 120 人。")
    assert got == [("帮困慰问送温暖人数", 120.0, "人次"), ("计划帮困救助计划人数", 120.0, "人")]


def test_count_times_unit_price() -> None:
    got = claims_of("2 月份发放补助 11 人，每人 500 元，9 月份发放补助 7 人，每人 900 元。")
    assert ("2月发放补助.人数", 11.0, "人") in got
    assert ("2月发放补助.单价", 500.0, "元") in got
    assert ("2月发放补助.金额", 5500.0, "元") in got
    assert ("9月发放补助.金额", 6300.0, "元") in got


def test_survey_shares() -> None:
    got = claims_of("根据问卷调查显示,38%的居民表示非常满意,44%的居民表示比较满意,18%的居民表示一般。")
    assert got == [("满意度调查.非常满意", 38.0, "%"), ("满意度调查.比较满意", 44.0, "%"), ("满意度调查.一般", 18.0, "%")]


def test_amounts_in_prose() -> None:
    text = ("管委会将补偿款 24 万元及税费 7.4952 万元转入律所账户。实际支出198676.5元，共支出 19.8676万元。"
            "车辆租赁计费标准 1200 元/辆次。2 月份发放补助 11 人，每人 500 元。")
    amounts = find_amounts(text, page=7)
    assert [(a.text, a.value) for a in amounts] == [
        ("24 万元", 240000.0), ("7.4952 万元", 74952.0), ("198676.5元", 198676.5), ("19.8676万元", 198676.0),
        ("1200 元/辆次", 1200.0), ("每人 500 元", 500.0),
    ]
    assert [is_unit_price(a) for a in amounts] == [False, False, False, False, True, True]
    assert amounts[0].context == "管委会将补偿款 24 万元及税费 7.4952 万元转入律所账户。"
    assert all(a.page == 7 for a in amounts)


def test_extract_amounts_over_blocks() -> None:
    got = extract_amounts([Block(text="年中调整后的预算金额为230.274万元", page=2), Block(text="无金额", page=3)])
    assert [(a.text, a.value, a.page) for a in got] == [("230.274万元", 2302740.0, 2)]


def _seed_blocks(name: str) -> list[Block]:
    path = SEEDS / name
    if not path.exists():
        pytest.fail("seeds not available")
    return [Block(text=line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and "\t" not in line]


def test_whole_evaluation_report_finds_the_key_claims() -> None:
    # its speed is measured by `make bench`, never by a timed assertion
    blocks = _seed_blocks("000_3dc6be9536a5ad30.txt")
    claims = extract_claims(blocks)
    subjects = {c.subject for c in claims}
    for s in ("预算执行率", "总分", "绩效评级", "A11 部门工作职能关联性.满分", "D32 居民群众满意度.得分", "满意度调查.非常满意"):
        assert s in subjects
    # every 得分 attached to a heading has a matching 满分
    scored = [c.subject[:-3] for c in claims if c.subject.endswith(".得分")]
    assert len(scored) == 22


# ---- a budget stated in prose never stands in for the table it is checked against ----


def test_prose_budget_fills_only_what_no_table_states() -> None:
    from extractor.contract import Budget
    from patterns.budget import budget_from_prose, merge

    said = extract_claims([Block(text="2022 年项目预算金额为 150 万元，实际支出金额为 230.274 万元。", page=3)])
    prose = budget_from_prose(said, [])
    assert (prose.total, prose.spent) == (1500000.0, 2302740.0)
    table = Budget(initial=2500000.0, adjusted=2302740.0)
    got = merge(table, prose)
    # 预算金额 is the quantity the table's 年初/调整后预算 already give: the table wins …
    assert (got.total, got.initial) == (None, 2500000.0)
    # … while a quantity the table lacks is still taken from the prose
    assert got.spent == 2302740.0
    # a monitoring report without a budget table takes everything from the prose
    assert merge(Budget(), prose).total == 1500000.0


# ---- a 部门预算编制说明, line by line (real 普陀区万里街道 2023 部门预算, pp. 6–9) ----


def test_function_classification_line() -> None:
    text = ("16. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元，"
            "主要用于机关事业单位职业年金缴费支出。2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，"
            "比2022年预算执行数增加60.54%。主要原因是：事业单位离退休经费增加。")
    got = [c for c in extract_claims([Block(text=text, page=7)]) if c.subject.startswith("功能分类.")]
    key = "功能分类.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）"
    assert [(c.subject, c.value, c.unit, c.value_text) for c in got] == [
        (f"{key}.金额", 2206300.0, "元", "220.63万元"),
        (f"{key}.上年执行数", 1325900.0, "元", "132.59万元"),
        (f"{key}.本年预算", 4412500.0, "元", "441.25万元"),
        (f"{key}.比上年", 60.54, "%", "增加60.54%"),
    ]
    assert all(c.text == text and c.page == 7 for c in got)  # the whole item: its figures span two sentences


def test_function_classification_line_decrease_and_flat() -> None:
    down = claims_of("18. “社会保障和就业支出（类）就业补助（款）公益性岗位补贴（项）”635.10万元，主要用于公益性岗位补贴。"
                     "2022年当年预算执行数为667.32万元，2023年预算安排635.10万元，比2022年预算执行数减少4.83%。")
    assert ("功能分类.社会保障和就业支出（类）就业补助（款）公益性岗位补贴（项）.比上年", -4.83, "%") in down
    flat = extract_claims([Block(text="8. “公共安全支出（类）司法（款）公共法律服务（项）”15.00万元，主要用于公共法律服务。"
                                      "2022年当年预算执行数为15.00万元，2023年预算安排15.00万元，比2022年预算执行数持平。")])
    assert [(c.value, c.value_text) for c in flat if c.subject.endswith(".比上年")] == [(0.0, "持平")]


def test_budget_lines_with_parts_and_changes() -> None:
    got = claims_of(
        "支出预算16497.86万元，其中：财政拨款支出预算16497.86万元，比2022年预算增加1421.25万元。财政拨款支出预算中，"
        "一般公共预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元；"
        "国有资本经营预算拨款支出预算0万元，比2022年预算持平。"
    )
    mine = [g for g in got if g[0].startswith("部门预算.")]
    assert mine == [
        ("部门预算.支出预算", 164978600.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算", 164978600.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算.比上年", 14212500.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算>一般公共预算拨款支出预算", 164978600.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算>一般公共预算拨款支出预算.比上年", 14212500.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算>政府性基金拨款支出预算", 0.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算>政府性基金拨款支出预算.比上年", 14212500.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算>国有资本经营预算拨款支出预算", 0.0, "元"),
        ("部门预算.支出预算>财政拨款支出预算>国有资本经营预算拨款支出预算.比上年", 0.0, "元"),
    ]
    parts = claims_of("2023年本部门政府采购预算830.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算550.00万元、政府采购服务预算270.00万元。")
    assert [g[0] for g in parts if g[0].startswith("部门预算.")] == [
        "部门预算.政府采购预算", "部门预算.政府采购预算>政府采购货物预算", "部门预算.政府采购预算>政府采购工程预算",
        "部门预算.政府采购预算>政府采购服务预算",
    ]


def test_ordinary_sentences_are_no_budget_lines() -> None:
    for text in ("2022 年项目预算金额为 250 万元，年中调整后的预算金额为 230.274 万元。",
                 "2023年本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，预留给小型和微型企业的政府采购项目预算为232.40万元。",
                 "截至2023年10月31日，实际支出198676.5元，资金执行率为66.22%。"):
        assert not [g for g in claims_of(text) if g[0].startswith(("部门预算.", "功能分类."))], text


AREAS = ("本工程规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积105平方米），"
         "地下建筑面积为5356平方米，建筑高度为29.8米，地上主楼7层，裙房3层，地下2层。")


def test_breakdowns_in_any_unit() -> None:
    """Real Putuo p. 30: the whole with its 约, its parts, and the bracketed 其中 under the part before it;
    29.8 米 (another unit) ends the list."""
    got = [(c.subject, c.value, c.unit, c.value_text) for c in extract_claims([Block(text=AREAS, page=30)])
           if c.subject.startswith("分项.")]
    assert got == [
        ("分项.规划建筑面积", 13459.0, "平方米", "约为13459平方米"),
        ("分项.规划建筑面积>地上建筑面积", 8013.0, "平方米", "8013平方米"),
        ("分项.规划建筑面积>地下建筑面积", 5356.0, "平方米", "5356平方米"),
        ("分项.规划建筑面积>地上建筑面积>计容面积", 7998.0, "平方米", "7998平方米"),
        ("分项.规划建筑面积>地上建筑面积>不计容面积", 105.0, "平方米", "105平方米"),
    ]
    # seed 000: the whole in 件 is found past the 人次 figure beside it
    cases = claims_of("全年受理各类初信初访 315 件、407 人次，其中满意度件 176 件，公开件 47 件")
    assert [g for g in cases if g[0].startswith("分项.")] == [
        ("分项.受理各类初信初访", 315.0, "件"), ("分项.受理各类初信初访>满意度件", 176.0, "件"),
        ("分项.受理各类初信初访>公开件", 47.0, "件"),
    ]


def test_no_breakdown_without_two_parts_in_one_unit() -> None:
    for text in ("共排查收集涉疫情信访问题 54 件，其中国家局 12 件，办结率为 100%",  # one part
                 "共 9 个、共计 140 多天，其中冬奥会、冬残奥会、全国两会专项工作启动一级预案，合计 128 天",  # 140 多天 is a bound
                 "固定资产3149.52万元，其中：房屋14609.83平方米；车辆7辆（一般公务用车3辆，执法执勤用车4辆）",  # other units
                 "共支出 19.8676 万元，其中比上年增加 2 万元，减少 1 万元。"):  # changes, not parts
        assert not [g for g in claims_of(text) if g[0].startswith("分项.")], text


def test_verdicts_without_figures() -> None:
    """Seed 004's conclusions in words; a budget's definition of 基本支出计划 is no such verdict."""
    got = claims_of("根据对信访局“全国省市“两会”现场值守工作经费”项目的绩效监控，该项目在实施未出现较大偏离，本次绩效跟踪结论如下：",
                    "全国省市“两会”现场值守工作期间按规定在特殊时期完成了现场值守及信访维稳工作进度执行支出计划。",
                    "资金到位情况符合项目正常进度，该指标无偏差。")
    assert got == [("结论.无偏离", None, None), ("结论.完成支出计划", None, None), ("结论.无偏离", None, None)]
    assert not claims_of("基本支出预算是为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划。")


def test_one_jieba_dictionary_in_the_process() -> None:
    """The recogniser segments with the domain tokenizer alone: no spaCy, jieba's global dictionary never loaded (issue 18)."""
    import sys

    from patterns.phrases import tokens
    from patterns.prose import pipeline

    assert claims_of("预算执行率为95%") == [("预算执行率", 95.0, "%")]
    assert pipeline().phrases.longest(tokens("预算执行率为95%"))[0].key == "S:预算执行率"
    assert "spacy" not in sys.modules
    assert not sys.modules["jieba"].dt.initialized

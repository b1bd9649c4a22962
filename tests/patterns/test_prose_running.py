"""增减 and 占比 read from running text joined over blocks (patterns/prose.py ``running_text``,
``change_claims``, ``share_claims``) and 功能分类 lines in every real format
(``classification_claims``): 2023 ``（类）（款）（项）``, 2026 ``（204类）（06款）（99项）`` and the
numbered lists of the Jiangsu budgets (``1．检察（款）行政运行（项）支出 7968.14 万元``)."""

from __future__ import annotations

import pytest

from extractor.document import Block
from patterns.prose import classification_claims, extract_claims, running_text, share_claims


def _got(prefix: str, *texts: str, page: int = 22) -> list[tuple[str, float | None, str | None, int | None]]:
    claims = extract_claims([Block(text=t, page=page + k) if isinstance(t, str) else Block(text=t[0], page=t[1])
                             for k, t in enumerate(texts)])
    return [(c.subject, c.value, c.value_text, c.page) for c in claims if c.subject.startswith(prefix)]


# ---- running text: blocks joined where the extractor split a sentence ---------------------


def test_a_sentence_split_over_two_blocks_is_one_sentence():
    """Jiangsu 2017 检察院 p. 22: the rate stands at the top of the next block."""
    got = _got("分项.增减.", ("2017 年本部门一般公共预算机关运行经费预算支出6032.55 万元，比 2016 年增加 3401.59 万元，增长", 22),
               ("129.97 %。主要原因是两个年度报表设计的统计口径形成的差异。", 22))
    key = "分项.增减.一般公共预算机关运行经费预算支出"
    assert got == [
        (f"{key}.金额", 60325500.0, "6032.55 万元", 22),
        (f"{key}.增减额", 34015900.0, "增加 3401.59 万元", 22),
        (f"{key}.增减幅度", 129.97, "增长129.97 %", 22),
    ]


def test_numbered_and_finished_blocks_start_sentences_and_headings_stand_alone():
    run = running_text([Block(text="（二）一般公共预算财政拨款支出决算结构情况", page=21),
                        Block(text="一般公共预算财政拨款支出2940.05万元，主要用于以下方面：", page=21),
                        Block(text="1. 人大事务行政运行（项）支出 10528.33 万元。", page=26),
                        Block(text="此外，基本支出预算数为 7666.68 万元。", page=26)])
    sentences = [run.printed[a:b] for a, b in run.sentences]
    assert sentences == ["（二）一般公共预算财政拨款支出决算结构情况\n", "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：\n",
                         "1. 人大事务行政运行（项）支出 10528.33 万元。", "此外，基本支出预算数为 7666.68 万元。"]
    assert run.pages[run.printed.index("10528.33")] == 26


# ---- 增减: amount, change and rate ---------------------------------------------------------


def test_decrease_is_negative_and_the_words_are_kept():
    got = _got("分项.增减.", "3．公诉、审判、侦查、执行等检察监督支出（项） 1,895万元，与上年相比减少 134 万元，降幅 0.66 %。")
    assert [(s.rsplit(".", 1)[1], v, t) for s, v, t, _ in got] == [
        ("金额", 18950000.0, "1,895万元"), ("增减额", -1340000.0, "减少 134 万元"), ("增减幅度", -0.66, "降幅 0.66 %")]


def test_amount_in_the_sentence_before_over_a_purpose_sentence():
    got = _got("分项.增减.", "1．公共安全（类）支出16,593.12 万元。主要用于检察院行政支出及检察办案业务等项目支出。"
                             "与上年相比增加134.37万元，增长0.82 %。主要原因是人员工资有一定增加。")
    assert [(s.rsplit(".", 1)[1], v) for s, v, _t, _p in got] == [("上句金额", 165931200.0), ("增减额", 1343700.0), ("增减幅度", 0.82)]


@pytest.mark.parametrize("text", [
    # last year's amount in brackets is not this year's
    "2017 年度部门支出预算安排与 2016 年度相比（2016 年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。",
    # no comparison with last year
    "本年新增项目支出 40万元，增长 0.72%。",
    # a change without its rate
    "因公出国（境）费预算支出199.25万元，比上年预算减少23.25万元，主要原因按规定压减10%。",
])
def test_no_change_claims(text):
    assert _got("分项.增减.", text) == []


def test_template_either_or_is_read_with_its_figures():
    got = _got("分项.增减.", "（2）政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少） 0 %。")
    assert [(v, t) for _s, v, t, _p in got] == [(0.0, "0万元"), (0.0, "增加（减少）0万元"), (0.0, "增长（减少） 0 %")]


# ---- 占比: parts, their shares and the base ---------------------------------------------------


def test_san_gong_shares_name_their_base():
    got = _got("分项.占比.", "江苏省人大常委会办公厅 2017 年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出 222.5万元，"
                             "占“三公”经费的 8.75%；公务用车购置及运行费支出 183.6 万元，占“三公”经费的 7.22%；公务接待费支出427.5 万元，"
                             "占“三公”经费的16.81%。具体情况如下：")
    assert [(s, v) for s, v, _t, _p in got] == [
        ("分项.占比.三公经费>因公出国（境）费支出", 2225000.0), ("分项.占比.三公经费>因公出国（境）费支出.占比", 8.75),
        ("分项.占比.三公经费>公务用车购置及运行费支出", 1836000.0), ("分项.占比.三公经费>公务用车购置及运行费支出.占比", 7.22),
        ("分项.占比.三公经费>公务接待费支出", 4275000.0), ("分项.占比.三公经费>公务接待费支出.占比", 16.81)]


def test_bare_shares_take_the_whole_before_qizhong_or_yixia_fangmian():
    """决算 p. 21, the seeded copy split over lines (p. 19): the whole is the paragraph's total."""
    blocks = [("一般公共预算财政拨款支出 2940.05 万元，主要用于以下", 19), ("方面：一般公共服务支出（类）2106.66 万元，占 71.73%；社", 19),
              ("会保障和就业支出（类）326.72 万元，占 11.11%；卫生健康支", 19), ("出（类）60.99 万元，占 2.07%；住房保障支出（类）445.69", 19),
              ("万元，占15.16%。", 19)]
    got = _got("分项.占比.", *blocks)
    assert got[0] == ("分项.占比.一般公共预算财政拨款支出", 29400500.0, "2940.05 万元", 19)
    assert [(s.split(">")[1], v) for s, v, _t, _p in got[1:] if s.endswith(".占比")] == [
        ("一般公共服务支出（类）.占比", 71.73), ("社会保障和就业支出（类）.占比", 11.11), ("卫生健康支出（类）.占比", 2.07),
        ("住房保障支出（类）.占比", 15.16)]


def test_a_share_of_a_base_the_sentence_does_not_state_has_no_whole():
    run = running_text([Block(text="省检察院 2017 年财政拨款预算支出 17981.68 万元，占本年支出合计的 99.92%。", page=20)])
    assert [c.subject for c in share_claims(run)] == ["分项.占比.本年支出合计>财政拨款预算支出", "分项.占比.本年支出合计>财政拨款预算支出.占比"]
    run = running_text([Block(text="支出合计100万元，其中：基本支出60万元，占支出合计的60%；项目支出40万元，占比40%。", page=1)])
    assert [c.subject for c in share_claims(run)] == [
        "分项.占比.支出合计", "分项.占比.支出合计>基本支出", "分项.占比.支出合计>基本支出.占比",
        "分项.占比.支出合计>项目支出", "分项.占比.支出合计>项目支出.占比"]


# ---- 功能分类 lines in each format ---------------------------------------------------------

F2023 = ("1. “公共安全支出（类）司法（款）其他司法支出（项）”99.98万元，主要用于其他司法支出。2024年当年预算执行数为85.00万元，"
         "2025年预算安排99.98万元，比2024年预算执行数增加17.62%。主要原因是：其他司法支出经费增加。")
F2026 = ("1. “公共安全支出（204类）司法（06款）其他司法支出（99项）”科目99.98万元，主要用于其他司法支出。2025年当年预算执行数为85.00万元，"
         "2026年预算安排99.98万元，比2025年预算执行数增加17.62%。主要原因是：其他司法支出经费增加。")


def test_the_2026_format_is_read_as_the_2023_one():
    a, b = classification_claims(F2023, 7), classification_claims(F2026, 7)
    assert [(c.subject, c.value, c.unit) for c in a] == [(c.subject, c.value, c.unit) for c in b]
    assert [c.subject.rsplit(".", 1)[1] for c in b] == ["金额", "上年执行数", "本年预算", "比上年"]
    assert b[0].subject == "功能分类.公共安全支出（类）司法（款）其他司法支出（项）.金额"


@pytest.mark.parametrize(("text", "name", "value"), [
    ("1. 人大事务行政运行（项）支出 10528.33 万元，与上年相比减少 17.89万元，减少 0.17%。", "人大事务行政运行（项）", 105283300.0),
    ("1．检察（款）行政运行（项）支出 7968.14 万元，与上年相比增加 300.38 万元，增长 3.92 %。", "检察（款）行政运行（项）", 79681400.0),
    ("1.政协事务（款）行政运行（项）4,432.78 万元，与上年相比增加 1,199.75万元，增长 37.11%。", "政协事务（款）行政运行（项）", 44327800.0),
    ("（二）社会保障和就业支出（类）行政事业单位离退休（款）未归口管理的行政单位离退休（项）支出 1,509.72万元，与上年相比增加 140.96 万元。",
     "社会保障和就业支出（类）行政事业单位离退休（款）未归口管理的行政单位离退休（项）", 15097200.0),
    ("1．公共安全（类）支出 13656.34 万元，主要用于检察院行政支出。", "公共安全（类）", 136563400.0),
])
def test_numbered_list_lines(text, name, value):
    assert [(c.subject, c.value) for c in classification_claims(text, 20)] == [(f"功能分类.{name}.金额", value)]


@pytest.mark.parametrize("text", [
    "2. 社会保障和就业支出 1608.51万元，与上年相比增加193.25 万元，增长 13.65%。",  # no level marked
    "1. 基本工资（款） 737.94 万元",  # an 经济分类 line
    "5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：退休人员经费支出。",  # 决算: no amount
])
def test_not_classification_lines(text):
    assert classification_claims(text, 20) == []

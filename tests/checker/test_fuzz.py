"""No table, however odd, makes a rule crash: every rule survives random tables and claims."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import check
from extractor.contract import Budget, Claim, Indicator, Project, Report, Score, Source, TableOut

CELLS = st.sampled_from(
    ["", "合计", "小计", "总分", "分值", "得分", "执行率", "年初预算", "支付金额", "调整后预算", "10%", "100%", "0",
     "2,302,740.00", "5.6", "7. 5", "3, 852, 396. 53", "201", "05", "信访办 (7 人, 51 天)", "200 元/人/天",
     "项目资金总额", "其中：财政资金", "其他资金", "—", "=120 人", "每人 500 元", "-3", "1e5"]
)


@st.composite
def tables(draw):
    width = draw(st.integers(1, 7))
    rows = draw(st.lists(st.lists(CELLS, min_size=width, max_size=width), min_size=1, max_size=9))
    spans = draw(st.lists(st.lists(st.integers(0, 9), min_size=4, max_size=4), max_size=4))
    return TableOut(id=f"t{draw(st.integers(0, 3))}", pages=[1], caption=draw(st.sampled_from([None, "基础表 3：帮困补助经费发放情况表", "表 1"])), rows=rows, spans=spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ts=st.lists(tables(), max_size=3),
    weight=st.sampled_from([None, 0.0, 6.0, 10.0]),
    score=st.sampled_from([None, -1.0, 3.0, 12.0]),
    spent=st.sampled_from([None, 0.0, 198676.5]),
    rate=st.sampled_from([None, 0.0, 66.22, 150.0]),
    crit=st.sampled_from([None, "【最终得分=完成率*分值】", "扣权重的0%", "每下降1%，扣权重5%", "满意度95%以上，得满分"]),
)
def test_rules_never_crash(ts, weight, score, spent, rate, crit):
    ind = Indicator(name="帮困补助", level1="产出", weight=weight, score=score, criteria=crit, level1_weight=40.0)
    report = Report(
        source=Source(file="f.txt", sha256="0" * 64, format="txt"),
        projects=[Project(name="p", budget=Budget(total=0.0, initial=300000.0, spent=spent, execution_rate=rate),
                          score=Score(total=score, max=weight), indicators=[ind])],
        tables=ts,
        claims=[Claim(subject="满分", text="该指标满分 4 分", value=4.0, unit="分", page=1, value_text="4"),
                Claim(subject="序时进度", text="截至2023年13月31日", value=83.33, unit="%", page=1),
                Claim(subject="非常满意", text="x", value=38.0, unit="%", page=1)],
    )
    found = check(report)
    assert not [f.message for f in found if f.rule == "rule.crash"]

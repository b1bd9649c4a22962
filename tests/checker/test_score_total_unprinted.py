"""score.total when the form prints no 满分: the 100 is assumed (``CheckConfig.score_max``),
so the message says so and the finding is a warning, not an error about a printed figure.

Built from the layout of 平山县行政审批局 2023 部门整体支出绩效自评表 (sjzps.gov.cn): a
预算执行情况 block, then 一级指标 / 二级指标 / 三级指标 / 指标内容 / 评价标准 / 分值 / 自评得分
rows with the level weights in the cells (投入(30)) and no 总分 row — here a copy whose
效果 rows were left off (the web page split the table), so the rows add up to 45.
"""

from __future__ import annotations

from checker import check
from tests.checker.build import read_written

ROWS = [
    ("投入(30)", "目标设定(15)", "绩效目标合理性", "是否符合部门职责", 8, 7),
    ("投入(30)", "目标设定(15)", "绩效指标明确性", "是否细化量化", 7, 6),
    ("投入(30)", "预算配置(15)", "在职人员控制率", "在职人数÷编制数", 15, 15),
    ("过程(15)", "预算执行(15)", "预算执行率", "执行数÷预算数", 15, 13),
]


def _html(rows) -> str:
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td><td>按标准评分</td><td>{w}</td><td>{s}</td></tr>" for a, b, c, d, w, s in rows)
    return (
        "<html><body><p>某县行政审批局部门2023年度整体支出绩效自评报告</p><p>部门整体支出绩效自评表</p><table border='1'>"
        "<tr><td>填报单位:</td><td colspan='4'>某县行政审批局</td><td colspan='2'>单位:万元</td></tr>"
        "<tr><td>预算数:</td><td>120</td><td>执行数:</td><td>104.4</td><td colspan='3'>87%</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标内容</td><td>评价标准</td><td>分值</td><td>自评得分</td></tr>"
        f"{body}</table></body></html>"
    )


def test_an_unprinted_full_mark_is_named_as_assumed_and_only_warned(tmp_path):
    got = [f for f in check(read_written(tmp_path, "zhengti.html", _html(ROWS))) if f.rule == "score.total"]
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 45.0, 100.0)]
    assert "满分未印出，按 100 分计" in got[0].message and "印为 100" not in got[0].message

"""A 得分表 with no 分值 column prints each indicator's points in its name (``相关性(5分)``), as its
level headings do (``部门决策(25分)``): the name's points are the indicator's 分值.

Layout of a 2017 部门整体支出绩效评价得分表 (wanglu.net copy of a department's 自评 material):
一级指标 | 二级指标 | 三级指标 | 得分, 三级 names ``测算依据(5分)`` with 得分 2. Before: no 分值 read,
so a 得分 above the name's points (6 of 5) went unseen.
"""

from __future__ import annotations

from checker import check
from tests.checker.build import read_written

TABLE = (
    "<html><body><p>2017年部门整体支出绩效评价得分表</p><table border='1'>"
    "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>得分</td></tr>"
    "<tr><td rowspan='5'>部门决策(25分)</td><td rowspan='3'>目标任务(15分)</td><td>相关性(5分)</td><td>5</td></tr>"
    "<tr><td>明确性(5分)</td><td>4</td></tr><tr><td>合理性(5分)</td><td>5</td></tr>"
    "<tr><td rowspan='2'>预算编制(10分)</td><td>测算依据(5分)</td><td>{score}</td></tr>"
    "<tr><td>目标管理(5分)</td><td>4</td></tr>"
    "</table><p>本部门对2017年整体支出开展绩效自评。</p></body></html>"
)


def test_points_in_the_name_are_the_weight(tmp_path):
    report = read_written(tmp_path, "defen.html", TABLE.format(score="3"))
    assert [(i.name, i.weight, i.score) for i in report.projects[0].indicators][3] == ("测算依据(5分)", 5.0, 3.0)
    assert [f for f in check(report) if f.rule in ("score.bounds", "score.level1_weight")] == []  # 25 = 5 × 5


def test_a_score_above_the_points_in_its_name_is_an_error(tmp_path):
    got = [f for f in check(read_written(tmp_path, "slip.html", TABLE.format(score="6"))) if f.rule == "score.bounds"]
    assert [(f.severity, f.expected, f.actual) for f in got] == [("error", 5.0, 6.0)]

"""grade.rows: a table of projects graded row by row, each grade against its own score's band.

Layout of 柯桥区卫生健康局 2023年新增地方政府专项债券项目绩效评价表 (kq.gov.cn, Zhejiang):
项目名称 | 债券性质 | 截至2023年底已发债券规模 | 自评分数 | 自评等级 — the page's rows (96.5, 92, 91)
all 优; the names and figures below are real-looking, not the page's.
"""

from __future__ import annotations

from checker import check
from tests.checker.build import read_written

TABLE = (
    "<html><body><p>2023年度新增地方政府专项债券项目绩效评价情况</p>"
    "<p>我单位2023年新增地方政府专项债券项目3个，从决策、管理、产出和效益等方面进行绩效自评，评价结果如下：</p>"
    "<p>2023年新增地方政府专项债券项目绩效评价表</p><p>单位:亿元</p><table border='1'>"
    "<tr><td>项目名称</td><td>债券性质</td><td>截至2023年底已发债券规模</td><td>自评分数</td><td>自评等级</td></tr>"
    "<tr><td>某区人民医院新院区工程</td><td>其他项目收益专项债券</td><td>0.3</td><td>95.5</td><td>优</td></tr>"
    "<tr><td>某区中医院迁建工程</td><td>其他项目收益专项债券</td><td>0.8</td><td>{score}</td><td>优</td></tr>"
    "<tr><td>某区疾控中心建设项目</td><td>其他项目收益专项债券</td><td>0.4</td><td>84</td><td>良好</td></tr>"
    "</table>"
    "<p>评分等级：</p><table border='1'><tr><td>等级</td><td>得分</td></tr><tr><td>优</td><td>90分以上</td></tr>"
    "<tr><td>差</td><td>60分以下</td></tr></table></body></html>"
)


def _found(tmp_path, score: str):
    return [f for f in check(read_written(tmp_path, "zxz.html", TABLE.format(score=score))) if f.rule == "grade.rows"]


def test_grades_in_their_bands_and_a_band_legend_are_silent(tmp_path):
    assert _found(tmp_path, "92") == []


def test_a_row_graded_above_its_score_is_an_error_naming_the_row(tmp_path):
    got = _found(tmp_path, "86")
    assert [(f.severity, f.actual) for f in got] == [("error", 86.0)]
    assert "“某区中医院迁建工程”得分 86 分应评“良”（80 分及以上），而表中等级为“优”" in got[0].message

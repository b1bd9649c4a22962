"""A 部门整体支出绩效自评表 that prints its budget as label:value pairs under headings, and
its unit in a cell of its own first row (平山县行政审批局 2023, sjzps.gov.cn):

    填报单位: | 平山县行政审批局 | 单位:万元
    预算安排情况(调整后) | 资金执行情况 | 预算执行率
    预算数: | 95 | 执行数: | 82.65 | 87%

Before: the 87 % was not read (a misprinted rate went unseen) and the money was taken for 元.
Figures below are the layout's, not the page's.
"""

from __future__ import annotations

from checker import check
from tests.checker.build import read_written

FORM = (
    "<html><body><p>某县某局部门2023年度整体支出绩效自评报告</p><p>部门整体支出绩效自评表</p><table border='1'>"
    "<tr><td>填报单位:</td><td colspan='4'>某县某局</td><td colspan='2'>单位:万元</td></tr>"
    "<tr><td colspan='7'>一、预算执行情况</td></tr>"
    "<tr><td colspan='2'>预算安排情况(调整后)</td><td colspan='2'>资金执行情况</td><td colspan='3'>预算执行率</td></tr>"
    "<tr><td>预算数:</td><td>120</td><td>执行数:</td><td>104.4</td><td colspan='3'>{rate}</td></tr>"
    "<tr><td>其中:财政资金</td><td>120</td><td>其中:财政资金</td><td>104.4</td><td colspan='3'></td></tr>"
    "<tr><td colspan='7'>二、工作整体完成情况</td></tr>"
    "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标内容</td><td>评价标准</td><td>分值</td><td>自评得分</td></tr>"
    "<tr><td>投入(30)</td><td>目标设定(15)</td><td>绩效目标合理性</td><td>是否符合职责</td><td>按标准</td><td>15</td><td>14</td></tr>"
    "<tr><td>投入(30)</td><td>预算配置(15)</td><td>在职人员控制率</td><td>在职÷编制</td><td>按标准</td><td>15</td><td>15</td></tr>"
    "</table></body></html>"
)


def _report(tmp_path, rate: str):
    return read_written(tmp_path, "form.html", FORM.format(rate=rate))


def test_rate_under_its_heading_and_unit_in_a_cell_are_read(tmp_path):
    budget = _report(tmp_path, "87%").projects[0].budget
    assert (budget.spent, budget.execution_rate) == (1_044_000.0, 87.0)  # 104.4 万元; 104.4 ÷ 120 = 87 %
    assert (budget.initial, budget.adjusted) == (None, 1_200_000.0)  # 预算数 under 预算安排情况(调整后)


def test_a_misprinted_rate_in_that_layout_is_caught(tmp_path):
    got = [f for f in check(_report(tmp_path, "97%")) if f.rule == "budget.execution_rate"]
    assert [(f.severity, f.actual) for f in got] == [("error", 97.0)]
    assert "1,044,000.00 元" in got[0].message and "调整后预算 1,200,000.00 元" in got[0].message and "87.0000%" in got[0].message

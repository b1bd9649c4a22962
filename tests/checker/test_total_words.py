"""Total rows are named by one vocabulary (patterns/data/tables.json) in patterns and in the
checker alike (issue 20): a 总得分 row is a total as 总分 is."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import Report, Source
from tests.checker.build import table

SCORES = """
一级指标|二级指标|分值|得分
产出指标|数量指标|30|28
产出指标|质量指标|20|17
效益指标|社会效益指标|30|25
满意度指标|服务对象满意度|20|15
{label}|{gap}|100|99
"""


def _sum_rows(label: str) -> list[tuple[str, float | None, float | None]]:
    t = table("p4-t1", [4], "项目绩效评价指标评分表", SCORES.format(label=label, gap=""))
    report = Report(source=Source(file="eval.pdf", sha256="7" * 64, format="pdf"), tables=[t])
    return [(f.severity, f.expected, f.actual) for f in check(report, CheckConfig(rules=frozenset({"sum.rows"})))]


def test_a_zongdefen_row_is_summed_like_a_zongfen_row() -> None:
    assert _sum_rows("总分") == [("error", 85.0, 99.0)]
    assert _sum_rows("总得分") == [("error", 85.0, 99.0)]
    assert _sum_rows("合计") == [("error", 85.0, 99.0)]


def test_a_row_merely_mentioning_a_total_word_is_not_a_total() -> None:
    assert _sum_rows("合计完成情况说明") == []

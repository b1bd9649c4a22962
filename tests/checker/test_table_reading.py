"""The checker reads what a table's words say from the contract (``TableOut.reading``, issues
15 and 20), never from the words: a 自评表 sheet that stacks two projects' forms, each with
its budget block printed above its indicator header and its own 总分, read once by
``patterns.table_reading`` and summed by ``sum.rows`` form by form."""

from __future__ import annotations

import pytest

from checker import check
from checker.engine import CheckConfig
from checker.tables import find_col, total_label
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_reading import read_rows
from patterns.table_roles import annotate
from tests.checker.build import table

# two forms on one sheet (四川 自评表 exports stack them so); the second form's 得分 rows sum
# to 40 + 29 + 18 = 87, with its own budget block's 10 points 97, but its 总分 prints 98
STACKED = """
项目名称|社区养老服务||||
资金情况|年初预算数|全年执行数|分值|执行率|得分
年度资金总额|50|45|10|90%|9
一级指标|三级指标|指标值|分值|得分|
产出指标|服务人次|≥1200人次|40|38|
效益指标|满意度|≥90%|30|28|
满意度指标|投诉率|≤5%|20|20|
总分|||100|95|
项目名称|社区食堂||||
资金情况|年初预算数|全年执行数|分值|执行率|得分
年度资金总额|20|20|10|100%|10
一级指标|三级指标|指标值|分值|得分|
产出指标|供餐份数|≥3000份|40|40|
效益指标|满意度|≥90%|30|29|
满意度指标|投诉率|≤5%|20|18|
总分|||100|98|
"""
SUMS = frozenset({"sum.rows", "extract.loss", "score.total", "score.bounds"})


def _report(t) -> Report:
    return Report(source=Source(file="zpb.xlsx", sha256="3" * 64, format="xlsx"),
                  document=DocumentMeta(kind="self_assessment"), tables=[t])


def _facts(report: Report) -> list[tuple]:
    return [(f.rule, f.severity, f.expected, f.actual, [(loc.row, loc.col) for loc in f.locations])
            for f in check(report, CheckConfig(rules=SUMS))]


def test_reading_finds_the_headers_and_totals_of_every_stacked_form() -> None:
    t = annotate(table("p3-t1", [3], "项目支出绩效自评表", STACKED))
    by_row = {x.row: x for x in t.reading}
    assert [r for r, x in by_row.items() if x.total] == [7, 15]
    assert all(by_row[r].total == "total" and by_row[r].col == 0 for r in (7, 15))
    for block, header in ((1, 3), (9, 11)):  # each form's budget block header and indicator header
        assert by_row[block].keys["score.weight"] == [3] and by_row[block].keys["score.rate"] == [4]
        assert by_row[block].keys["score.score"] == [5]
        assert by_row[header].keys["score.weight"] == [3] and by_row[header].keys["score.score"] == [4]
    # a header printed again after a 总分 heads the next form: not a page break's repeat
    assert not any(x.repeated for x in t.reading)
    assert 4 not in by_row  # a detail row whose words name nothing is not listed


def test_a_header_printed_again_without_a_total_between_is_a_repeat() -> None:
    text = "指标|分值|得分\n产出|40|38\n指标|分值|得分\n效益|50|45\n总分|90|83"
    t = annotate(table("t", [3], "评分表", text))
    assert [x.row for x in t.reading if x.repeated] == [2]
    assert _facts(_report(t)) == []  # the repeated header is stepped over: 40 + 50 = 90, 38 + 45 = 83


def test_sum_rows_reads_each_form_with_its_own_budget_block() -> None:
    t = annotate(table("p3-t1", [3], "项目支出绩效自评表", STACKED))
    assert _facts(_report(t)) == [("sum.rows", "error", 87.0, 98.0, [(15, 4), (12, 4)])]


def test_the_checker_reads_the_contract_not_the_words() -> None:
    t = annotate(table("p3-t1", [3], "项目支出绩效自评表", STACKED))
    t.reading = [x for x in t.reading if x.row != 15]  # a reader that did not take row 15 for a total
    assert total_label(t, 15) is None
    assert _facts(_report(t)) == []


def test_a_json_without_reading_is_read_when_checked() -> None:
    t = annotate(table("p3-t1", [3], "项目支出绩效自评表", STACKED))
    data = _report(t).model_dump(mode="json")
    assert "reading" in data["tables"][0]
    del data["tables"][0]["reading"]  # a contract JSON written before the field existed
    old = Report.model_validate(data)
    assert old.tables[0].reading is None
    assert _facts(old) == _facts(_report(t))
    assert read_rows(old.tables[0]) == t.reading


def test_a_header_word_is_not_a_key() -> None:
    t = annotate(table("p3-t1", [3], "项目支出绩效自评表", STACKED))
    assert find_col(t, 3, "score.score") == 4
    with pytest.raises(ValueError, match="not a table-reading key"):
        find_col(t, 3, "得分")

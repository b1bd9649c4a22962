"""code.shape on the real 普陀区社会福利院 2024 单位预算 (shared/real/budgets): its 支出预算总表
prints 事业单位医疗 under 类 code ``7`` where the 收入预算总表 prints 210."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_roles import annotate
from tests.checker.build import table

HEAD = """项目||||支出预算||
功能分类科目编码|||功能分类科目名称|合计|基本支出|项目支出
类|款|项||||
"""
ROWS = """208|||社会保障和就业支出|11,281,624|8,661,624|2,620,000
208|05||行政事业单位养老支出|1,696,828|1,696,828|
208|05|02|事业单位离退休|538,440|538,440|
208|05|05|机关事业单位基本养老保险缴费支出|767,579|767,579|
208|05|06|机关事业单位职业年金缴费支出|383,789|383,789|
208|05|99|其他行政事业单位养老支出|7,020|7,020|
208|10||社会福利|9,584,796|6,964,796|2,620,000
208|10|05|社会福利事业单位|9,584,796|6,964,796|2,620,000
210|||卫生健康支出|503,724|503,724|
210|11||行政事业单位医疗|503,724|503,724|
210|11|02|事业单位医疗|503,724|503,724|
221|||住房保障支出|335,816|335,816|
221|02||住房改革支出|335,816|335,816|
221|02|01|住房公积金|335,816|335,816|
合计||||12,121,164|9,501,164|2,620,000"""
MISPRINT = ROWS.replace("210|11|02|事业单位医疗", "7|11|02|事业单位医疗")


def _found(*tables):
    report = Report(source=Source(file="fuliyuan.pdf", sha256="8" * 64, format="pdf"),
                    document=DocumentMeta(kind="budget"), tables=[annotate(t) for t in tables])
    return [f for f in check(report, CheckConfig(rules=frozenset({"code.shape"})))]


def test_a_class_code_misprinted_is_an_error_when_the_document_prints_it_right_elsewhere() -> None:
    income = table("p8-t1", [8], "2024年预算单位收入预算总表", HEAD + ROWS, unit="元")
    spending = table("p9-t1", [9], "2024年预算单位支出预算总表", HEAD + MISPRINT, unit="元")
    (f,) = _found(income, spending)
    assert f.severity == "error"
    assert [(loc.page, loc.table, loc.row) for loc in f.locations] == [(9, "p9-t1", 13), (8, "p8-t1", 13)]
    assert "类级编码印为 7" in f.message and "类级编码为 210（2101102）" in f.message


def test_without_a_witness_it_is_a_warning_and_a_sound_table_is_silent() -> None:
    (f,) = _found(table("p9-t1", [9], "2024年预算单位支出预算总表", HEAD + MISPRINT, unit="元"))
    assert f.severity == "warning"
    assert _found(table("p9-t1", [9], "2024年预算单位支出预算总表", HEAD + ROWS, unit="元")) == []


def test_codes_joined_in_one_cell_vary_by_level_and_are_not_judged() -> None:
    economic = """科目编码|科目名称|机关运行经费支出
302|商品和服务支出|2,391.92
30201|办公费|158.00
30205|水费|16.79
30206|电费|354.00
30207|邮电费|60.00
30211|差旅费|300.00
合计||2,391.92"""
    assert _found(table("p21-t1", [21], "一般公共预算机关运行经费支出预算表", economic, unit="万元")) == []

"""tables.cross on the real 上海市普陀区财政局 2024 部门决算: the 收入支出决算总表's 支出 side
against the 支出决算表's 类 rows (326.71 against 326.72 is its real 尾数调整)."""

from __future__ import annotations

from checker import check
from checker.engine import CheckConfig
from extractor.contract import DocumentMeta, Report, Source
from patterns.table_roles import annotate
from tests.checker.build import table
from tests.patterns.test_table_roles import GONGGONG, SHOUZHI


def _cross(shouzhi: str, zhichu: str, caption: str = "支出决算表"):
    tables = [annotate(table("p6-t1", [6], "收入支出决算总表", shouzhi, unit="万元")),
              annotate(table("p10-t1", [10], caption, zhichu, unit="万元"))]
    report = Report(source=Source(file="juesuan.pdf", sha256="9" * 64, format="pdf"),
                    document=DocumentMeta(kind="budget"), tables=tables)
    return check(report, CheckConfig(rules=frozenset({"tables.cross"})))


def test_the_real_one_cent_adjustment_is_rounding() -> None:
    (f,) = _cross(SHOUZHI, GONGGONG)
    assert (f.severity, f.expected, f.actual) == ("rounding", 326.72, 326.71)
    assert [(loc.page, loc.table) for loc in f.locations] == [(6, "p6-t1"), (10, "p10-t1")]
    assert "尾数调整" in f.message and "类 208“社会保障和就业支出”" in f.message


def test_a_class_printed_with_another_value_is_an_error() -> None:
    slipped = SHOUZHI.replace("九、卫生健康支出|60.99", "九、卫生健康支出|66.99")
    errors = [(f.expected, f.actual) for f in _cross(slipped, GONGGONG) if f.severity == "error"]
    assert errors == [(60.99, 66.99)]


def test_tables_that_do_not_pair_are_not_compared() -> None:
    # the same 类 rows in a 基本支出 table are another quantity: no pair in tables.json
    assert _cross(SHOUZHI, GONGGONG.replace("326.72", "300.00"), caption="一般公共预算财政拨款基本支出决算表") == []

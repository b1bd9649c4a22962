"""The engine: crashes become warnings, order is stable, bands come from patterns' grades.json."""

from __future__ import annotations

from checker import CheckConfig, check
from checker.engine import REGISTRY, rule
from checker.tolerance import Interval, around, total, verdict
from extractor.contract import Report, Source


def _empty() -> Report:
    return Report(source=Source(file="x.txt", sha256="0" * 64, format="txt"))


def test_crashing_rule_becomes_a_warning():
    @rule("test.crash", "error", "测试用")
    def boom(report, config):
        raise ZeroDivisionError("division by zero")

    try:
        got = check(_empty())
        assert [(f.rule, f.severity) for f in got] == [("rule.crash", "warning")]
        assert "test.crash" in got[0].message
    finally:
        del REGISTRY["test.crash"]


def test_every_rule_is_documented():
    check(_empty())
    doc = (__import__("pathlib").Path(__file__).resolve().parents[2] / "checker" / "RULES.md").read_text(encoding="utf-8")
    for rid in REGISTRY:
        assert f"`{rid}`" in doc, rid


def test_default_bands():
    c = CheckConfig()
    assert [c.grade_for(x) for x in (91, 90, 89.9, 80, 60, 59.5)] == ["优", "优", "良", "良", "中", "差"]
    assert c.grade_aliases.get("优秀", "优") == "优"


def test_interval_sum_tolerates_drift_of_many_rounded_items():
    items = [1.234, 2.344, 3.454]  # printed 1.23, 2.34, 3.45 万元 → 7.02, but the true total 7.032 prints 7.03
    printed = [round(x, 2) for x in items]
    iv = total([around(x, 2) for x in printed])
    assert verdict(sum(printed), 7.03, 2, computed_interval=iv) == "rounding"
    assert verdict(sum(printed), 7.05, 2, computed_interval=iv) == "error"


def test_truncation_is_named():
    assert verdict(198676.5 / 300000 * 100, 66.22, 2) == "truncation"
    assert verdict(198676.5 / 300000 * 100, 66.23, 2) == "rounding"
    assert verdict(144.65 / 231 * 100, 62.62, 2) == "rounding"
    assert verdict(2.7, 3.0, 1) == "error"
    assert Interval(1, 2).meets(Interval(2, 3))


def test_one_rounding_note_per_printed_figure_and_no_count_of_one():
    from checker.engine import merge_repeated_rounding
    from extractor.contract import Finding, Location

    def rnd(page: int, row: int | None = None) -> Finding:
        return Finding(rule="statement.growth", severity="rounding", message="增幅印为 5.60%，按两年金额计为 5.596%",
                       expected=5.596, actual=5.6, locations=[Location(page=page, row=row)])

    same_place = merge_repeated_rounding([rnd(10), rnd(10)])
    assert [f.message for f in same_place] == ["增幅印为 5.60%，按两年金额计为 5.596%"]
    elsewhere = merge_repeated_rounding([rnd(10), rnd(12)])
    assert len(elsewhere) == 1 and elsewhere[0].message.endswith("（同一数字另见第 12 页，共 2 处，同为此舍入）")
    same_page = merge_repeated_rounding([rnd(10, 3), rnd(10, 5)])
    assert same_page[0].message.endswith("（同一数字另见同页另一处，共 2 处，同为此舍入）")

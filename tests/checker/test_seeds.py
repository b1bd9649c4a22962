"""Every real error found by hand in the seeds is caught, with the right severity and numbers;
consistent figures raise no error; every Report (with its findings) fits the JSON Schema."""

from __future__ import annotations

import pytest

from checker import check
from tests.checker.reports import ALL, report_000, report_001, report_002, report_004
from tests.conftest import ROOT, validate_report


def _keyed(findings):
    return {(f.rule, f.severity, f.expected, f.actual) for f in findings}


@pytest.mark.parametrize("seed", sorted(ALL))
def test_report_with_findings_validates_against_schema(seed):
    report = ALL[seed]()
    validate_report(report.to_json())
    report.findings = check(report)
    validate_report(report.to_json())


@pytest.mark.parametrize("seed", sorted(ALL))
def test_checking_is_deterministic(seed):
    a, b = ALL[seed](), ALL[seed]()
    a.findings, b.findings = check(a), check(b)
    assert a.to_json() == b.to_json()


def test_seed000_real_errors():
    got = check(report_000())
    keys = _keyed(got)
    # C13: 54 of 120 人 → 45 % × 6 = 2.7, the table says 3 (the column prints 5.6, so 3 means 3.0)
    assert ("recompute.formula", "error", 2.7, 3.0) in keys
    # C31: 扣 25% 权重 per item allows 10, 7.5, 5 … never 8
    assert ("recompute.deduction", "error", 7.5, 8.0) in keys
    # D31 prose 满分 4 vs table 7; D32 prose 满分 6 vs table 8
    assert ("crossref.claims", "error", 7.0, 4.0) in keys
    assert ("crossref.claims", "error", 8.0, 6.0) in keys
    # 基础表3 sums to 29,800 against 表1 帮困补助经费 29,300
    assert ("recompute.detail", "error", 29800.0, 29300.0) in keys
    # the 2022 declaration prints 2,610,000 (the 2021 budget) against 年初预算 2,500,000
    assert ("crossref.declared", "warning", 2500000.0, 2610000.0) in keys
    # D32 6.4 cannot come from the survey (84 % or 86 % → 3.6 or 4.4)
    assert ("recompute.satisfaction", "warning", 4.4, 6.4) in keys
    # 表2 信访市民对信访办满意度 完成值 >90 %, while the same survey gives 84 % and 86 %
    assert ("recompute.survey_actual", "warning", 86.0, 90.0) in keys
    errors = [f for f in got if f.severity == "error"]
    assert len(errors) == 5, [f.message for f in errors]


def test_seed000_messages_show_both_numbers_and_places():
    by_rule = {f.rule: f for f in check(report_000())}
    msg = by_rule["recompute.detail"].message
    assert "29,800" in msg and "29,300" in msg and "差 500" in msg
    assert [(loc.page, loc.table) for loc in by_rule["recompute.detail"].locations] == [(39, "p39-t1"), (7, "p7-t1")]


def test_seed000_consistent_figures_are_silent():
    """Table 1's columns, table 3's 合计 and 小计, 基础表2's 183,000 and its 人天 × 200 元,
    230.274 万元 against 2,302,740.00, 总分 91 and grade 优: none of them raises anything."""
    rules = {f.rule for f in check(report_000())}
    for quiet in ("sum.rows", "sum.cross", "score.total", "score.level1_weight", "score.bounds",
                  "budget.execution_rate", "grade.band", "extract.loss", "rate.bounds"):
        assert quiet not in rules


def test_seed001_rounding_and_truncation_of_wan_yuan():
    got = check(report_001())
    keys = _keyed(got)
    assert ("crossref.claims", "rounding", 2914171.0, 2914200.0) in keys  # 291.42 万元, rounded
    assert ("crossref.claims", "rounding", 214167.0, 214100.0) in keys  # 21.41 万元 for 21.4167: truncated
    assert ("crossref.claims", "rounding", 78504.0, 78500.0) in keys  # 7.85 万元
    trunc = next(f for f in got if f.expected == 214167.0)
    assert "截尾" in trunc.message
    assert not [f for f in got if f.severity == "error"]


def test_seed002_lost_rows_warn_instead_of_error():
    got = check(report_002())
    loss = [f for f in got if f.rule == "extract.loss"]
    assert {f.locations[0].table for f in loss} == {"p2-t2", "p3-t2"}
    assert all(f.severity == "warning" and "丢失" in f.message for f in loss)
    assert not [f for f in got if f.severity == "error"], [f.message for f in got if f.severity == "error"]
    met = [f for f in got if f.rule == "target.score"]
    assert len(met) == 2 and all(f.expected == 6.0 and f.actual == 5.0 for f in met)


def test_seed004_truncation_and_cost_lines():
    got = check(report_004())
    keys = _keyed(got)
    assert ("target.cost_sum", "error", 198676.5, 198660.0) in keys
    rate = [f for f in got if f.rule == "budget.execution_rate"]
    assert len(rate) == 1 and rate[0].severity == "rounding" and "截尾" in rate[0].message
    wan = [f for f in got if f.rule == "crossref.claims" and f.actual == 198676.0]
    assert len(wan) == 1 and wan[0].severity == "rounding" and "截尾" in wan[0].message
    assert [f.rule for f in got if f.severity == "error"] == ["target.cost_sum"]
    # 表4: every cost actual above its 本阶段应完成 value, Σ 198,660 > 180,000
    assert ("target.stage_cost", "warning", 180000.0, 198660.0) in keys
    # 表4 进度执行率 100 % against the report's own 66.22 % (序时进度 83.33 %)
    assert ("target.spending_progress", "warning", 66.22, 100.0) in keys


def test_duplicated_indicators_are_named():
    dup = [f for f in check(report_002()) if f.rule == "indicator.duplicate"]
    assert {f.severity for f in dup} == {"warning"}  # both copies carry points: counted twice
    assert any("市信访工作目标责任考核成绩" in f.message for f in dup)
    assert {f.severity for f in check(report_001()) if f.rule == "indicator.duplicate"} == {"info"}
    # the same indicator under two spellings (社会防控面影响力 / 社会面防控影响力 …): six pairs in each seed
    near = {1: check(report_001()), 2: check(report_002())}
    assert {(k, f.severity) for k, got in near.items() for f in got if f.rule == "indicator.near_duplicate"} == {(1, "info"), (2, "warning")}
    assert all(sum(f.rule == "indicator.near_duplicate" for f in got) == 6 for got in near.values())


def test_default_weights_point_at_the_group_that_lost_a_row():
    pol = [f for f in check(report_002()) if f.rule == "weights.policy"]
    assert {(f.severity, f.expected, f.actual) for f in pol} == {("info", 50.0, 40.0)}
    assert {f.locations[0].table for f in pol} == {"p2-t2", "p3-t2"}
    assert not [f for f in check(report_000()) if f.rule == "weights.policy"]  # C 40 + D 30 ≥ 60 %


def test_seed000_one_payment_given_two_months():
    """The prose pays the 36 people in 11 月, 基础表3 in 10 月 (the 2 月 and 9 月 payments agree).
    The hand-made report keeps no 帮困 prose: the claim added is the one the recogniser emits
    for that sentence (tests/checker/test_consistency.py runs the samples themselves)."""
    from tests.checker.build import claim, with_events

    r = report_000()
    text = "2 月份发放补助 11 人，每人 500 元，9 月份发放补助 7 人，每人 900 元，11月发放补助36人，每人500元。"
    r.claims.append(claim("11月发放补助.人数", text, 36.0, "人", 7, "36人"))
    with_events(r)
    got = [f for f in check(r) if f.rule.startswith("consistency.")]
    assert [(f.rule, f.severity, f.expected, f.actual) for f in got] == [("consistency.event_month", "warning", 10.0, 11.0)]
    assert "基础表 3：帮困补助经费发放情况表（第 39 页 行 3）" in got[0].message
    for seed in ALL:  # without that sentence, no seed report says anything text-only
        assert not [f for f in check(ALL[seed]()) if f.rule.startswith("consistency.")], seed


def test_seed002_read_from_its_ocr_text_raises_no_error():
    """The OCR engine's own text (with its ^{…} and <u> marks) is read as a scanned page: a
    column shifted by the OCR (宣传与推广's 总分 row one cell to the left) is read against its own
    columns, and the lost-row warning names the form whose 总分 row it points at."""
    from jixiao.pipeline import process

    report = process(ROOT / "samples" / "self_assessment_2022_songjiang_ocr.txt")
    assert report.source.ocr_pages == [1]
    assert not [f.message for f in report.findings if f.severity == "error"]
    # 宣传与推广's 总分 row sits one column left of 分值 | 得分: read against its own columns it is a
    # lost row (80 + 10 = 90 of 100, 得分 78 + 10 = 88 of 98), never 80 分值 against the 98 得分
    assert not [f for f in report.findings if f.rule == "sum.rows"]
    loss = [f.message for f in report.findings if f.rule == "extract.loss"]
    assert len(loss) == 2 and loss[0].startswith("项目“维稳工作”评分表")
    assert loss[1].startswith("项目“宣传与推广”评分表（t1）各行分值之和 80，加预算执行率 10 分为 90，较总分 100 少 10")


def test_clean_text_files_are_not_taken_for_ocr_output():
    from extractor import read

    for seed in ("000", "001", "003", "004"):
        (path,) = (ROOT / "tests" / "fixtures" / "seeds").glob(f"{seed}_*.txt")
        assert read(path).ocr_pages == []

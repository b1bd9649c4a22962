"""A monitoring report's stage targets against its actuals, its rate and its other table
(target.stage_cost, target.spending_progress, target.tracking, target.deleted_reported,
target.untracked_reported, target.annual_mismatch, target.stage_basis), on seed 004 as the sample PDF
and as the seed text."""

from __future__ import annotations

import copy

import pytest

from checker import check
from checker.rules.monitoring import pair_rows
from extractor import read
from patterns import recognise
from tests.conftest import ROOT, SEEDS

MONITORING = ROOT / "samples" / "monitoring_2023_qingyunpu.pdf"


@pytest.fixture(scope="module")
def doc():
    return read(MONITORING)


def _found(doc, rule):
    return [f for f in check(recognise(doc)) if f.rule == rule]


def _set_cells(doc, table_caption: str, changes: dict[str, str], row_name: str | None = None):
    """A copy of the document with cells of one table rewritten (``old text`` → ``new``), on every
    row or on the row whose cells hold ``row_name``."""
    doc = copy.deepcopy(doc)
    (t,) = [t for t in doc.tables if (t.caption or "").replace(" ", "").startswith(table_caption)]
    rows = {c.row for c in t.cells if row_name is None or row_name in c.text}
    hit = 0
    for c in t.cells:
        if c.row in rows and c.text.strip() in changes:
            c.text, hit = changes[c.text.strip()], hit + 1
    assert hit, changes
    return doc


def test_cost_actuals_above_the_stage_values(doc):
    (f,) = _found(doc, "target.stage_cost")
    assert (f.severity, f.expected, f.actual) == ("warning", 180000.0, 198660.0)
    for part in ("交通经费 26,488.00 元 > 24,000 元（超 10.37%）", "差补贴经费 52,976.00 元 > 48,000 元",
                 "合计 198,660.00 元，本阶段应完成 180,000.00 元", "（第 10 页）称", "未出现较大偏离"):
        assert part in f.message, part
    assert [(loc.table, loc.row) for loc in f.locations] == [("p7-t1", 1), ("p7-t1", 2), ("p7-t1", 3), ("p7-t1", 4), (None, None)]


def test_cost_actuals_within_the_stage_values_are_silent(doc):
    within = _set_cells(doc, "表4", {"=24000 元": "=30000 元", "=72000 元": "=80000 元", "=36000 元": "=40000 元",
                                     "=48000 元": "=53000 元"})
    assert _found(within, "target.stage_cost") == []


def test_progress_indicator_at_100_while_spending_lags(doc):
    (f,) = _found(doc, "target.spending_progress")
    assert (f.severity, f.expected, f.actual) == ("warning", 66.22, 100.0)
    for part in ("（第 7 页 行 8）", "进度执行率”实际完成 100%", "执行率为 66.22%", "198,676.50 元 ÷ 预算 300,000.00 元",
                 "序时进度 83.33%", "完成了现场值守及信访维稳工作进度执行支出计划"):
        assert part in f.message, part


def test_progress_indicator_at_the_rate_is_silent(doc):
    agreeing = _set_cells(doc, "表4", {"100%": "66.22%"}, row_name="进度执行率")
    assert _found(agreeing, "target.spending_progress") == []


def test_tracking_targets_against_the_stage_targets(doc):
    got = sorted(_found(doc, "target.tracking"), key=lambda f: f.locations[0].row)
    assert [(f.severity, f.expected, f.actual) for f in got] == [("warning", 100.0, 0.0), ("warning", 100.0, None)]
    assert [[(loc.table, loc.row) for loc in f.locations] for f in got] == [[("p5-t2", 14), ("p7-t1", 11)], [("p5-t2", 15), ("p7-t1", 12)]]
    assert "跟踪目标值为“0”" in got[0].message and "本阶段应完成的目标值为“100%”" in got[0].message
    assert "跟踪目标值为“健全”" in got[1].message and "注重涉及环保方面政策的落实" in got[1].message
    # the cost lines (100 % of a cap against 24,000 元) are other units, not compared; 2次 = 2 次 and >=95% agree


def test_tracking_targets_that_agree_are_silent(doc):
    agreeing = _set_cells(doc, "表3", {"0": "100%", "健全": "100%"})
    assert _found(agreeing, "target.tracking") == []


def test_seed004_text_tables_without_spans():
    """The seed's tables carry no merges and repeat their header after a page break: level-1
    groups are carried down the rows, so the same two rows are paired."""
    (path,) = SEEDS.glob("004_*.txt")
    report = recognise(read(path))
    found = check(report)
    track = sorted((f for f in found if f.rule == "target.tracking"), key=lambda f: f.locations[0].row)
    assert [(f.expected, f.actual, f.locations[0].row, f.locations[1].row) for f in track] == [(100.0, 0.0, 17, 11), (100.0, None, 18, 12)]
    assert {f.rule for f in found if f.rule.startswith("target.") and f.severity == "warning"} == {
        "target.tracking", "target.stage_cost", "target.spending_progress", "target.deleted_reported", "target.annual_mismatch",
        "target.stage_basis"}
    (deleted,) = [f for f in found if f.rule == "target.deleted_reported"]
    assert "按特殊时期现场值守及信访维稳工作进度执行支出计划" in deleted.message and "进度执行率" in deleted.message


def test_rows_sharing_a_long_prefix_are_paired_by_the_words_that_differ():
    """Seed 004's names all repeat 特殊时期现场值守及信访维稳工作; the rare words decide."""
    left = [(12, "按特殊时期现场值守及信访维稳工作进度执行支出计划"), (13, "做好特殊时期现场值守及信访维稳工作的同时不产生非正常经济效益"),
            (14, "做好特殊时期现场值守及信访维稳工作，有效维护群众合法权益和社会和谐稳定"),
            (15, "做好特殊时期现场值守及信访维稳工作的同时注重涉及环保方面政策的落实")]
    right = [(8, "特殊时期值守及信访维稳工作进度执行率"), (11, "提升特殊时期现场值守及信访维稳工作能力"), (12, "注重涉及环保方面政策的落实")]
    pairs = pair_rows(left, right)
    assert (12, 8) in pairs and (15, 12) in pairs
    assert not any(r == 13 for r, _ in pairs)  # the deleted 经济效益 row has no partner


def test_deleted_indicator_still_reported(doc):
    (f,) = _found(doc, "target.deleted_reported")
    assert f.severity == "warning" and f.actual == 100.0
    assert [(loc.table, loc.row) for loc in f.locations] == [("p5-t2", 12), ("p7-t1", 8)]
    for part in ("（第 6 页 行 12）", "“按特殊时期现场值守及信访维稳工作进度执行支出计划”的调整类型标为“删除”",
                 "（第 7 页 行 8）仍列出同一指标“特殊时期值守及信访维稳工作进度执行率”", "本阶段应完成 100%，实际完成 100%"):
        assert part in f.message, part


def test_an_indicator_kept_is_not_a_deleted_one(doc):
    kept = _set_cells(doc, "表3", {"删除": "调整"}, row_name="进度执行支出计划")
    assert _found(kept, "target.deleted_reported") == []


def test_untracked_indicators_reported_anyway(doc):
    (f,) = _found(doc, "target.untracked_reported")
    assert f.severity == "info"
    pairs = [(f.locations[i].row, f.locations[i + 1].row) for i in range(0, len(f.locations), 2)]
    assert pairs == [(8, 6), (10, 9), (11, 7)]  # 赴京非访人次, 三个确保, 及时有效…稳控工作
    assert "将 3 个指标标为本阶段不跟踪" in f.message and "本阶段应完成 0 人次，实际完成 0 人次" in f.message
    assert "第 6 页 行 8“特殊时期赴京非访、滞留、倒流人次”↔ 第 7 页 行 6" in f.message  # each row on its own page


def test_an_indicator_flagged_bu_genzong_in_words_is_untracked_too(doc):
    """是否跟踪 written out as ``不跟踪`` (monitoring.json ``untracked``) leaves the row out as a
    dash does: the same three indicators are reported."""
    worded = _set_cells(doc, "表3", {"---": "不跟踪"})
    (f,) = _found(worded, "target.untracked_reported")
    assert "将 3 个指标标为本阶段不跟踪" in f.message
    assert _found(_set_cells(doc, "表3", {"---": "跟踪"}), "target.untracked_reported") == []

def test_actuals_that_copy_the_target_bound(doc):
    (f,) = _found(doc, "target.actual_unmeasured")
    assert f.severity == "info" and len(f.locations) == 2
    assert "“接待对象满意率”（目标 >=95%，实际 >=95%）" in f.message and "社会公众满意度率" in f.message
    measured = _set_cells(doc, "表4", {">=95%": "96%"}, row_name="接待对象满意率")
    (g,) = _found(measured, "target.actual_unmeasured")
    assert "接待对象满意率" not in g.message and len(g.locations) == 1


def test_annual_target_changes_unit_between_the_tables(doc):
    (f,) = _found(doc, "target.annual_mismatch")
    assert (f.severity, f.expected, f.actual) == ("warning", 3.0, 100.0)
    assert "指标目标值为“>=3个”" in f.message and "项目完成时目标值为“100%”" in f.message and "单位不同（个 / %）" in f.message
    same = _set_cells(doc, "表4", {"100%": ">=3个"}, row_name="三个确保")
    assert _found(same, "target.annual_mismatch") == []


def test_stage_targets_on_another_basis_than_time_progress(doc):
    (f,) = _found(doc, "target.stage_basis")
    # a warning: p. 4 states the 序时进度 the spending is measured against
    assert (f.severity, round(f.expected, 2), f.actual) == ("warning", 83.33, 60.0)
    assert "正文以序时进度衡量支出进度，表中却以较低的阶段目标衡量成本完成情况" in f.message
    for part in ("均为全年目标值的 60.00%", "交通经费 24,000 ÷ 40,000", "序时进度为 83.33%", "33,333.33、100,000.00、50,000.00、66,666.67 元"):
        assert part in f.message, part
    on_time = _set_cells(doc, "表4", {"=24000 元": "=33333.33 元", "=72000 元": "=100000 元", "=36000 元": "=50000 元",
                                      "=48000 元": "=66666.67 元"})
    assert _found(on_time, "target.stage_basis") == []


PAIRED_RULES = ("target.tracking", "target.deleted_reported", "target.untracked_reported", "target.annual_mismatch")


def test_each_report_of_a_file_pairs_its_own_tables():
    """Three monitoring reports in one text: each 调整表 is set against its own 对比表 (3 × the
    findings of one report), not against every 对比表 of the file (9 ×, and a square's work)."""
    from checker.engine import CheckConfig
    from extractor.text import read_text

    text = (SEEDS / "004_6a38d2289e928ccf.txt").read_text(encoding="utf-8")

    def counts(copies: int) -> dict[str, int]:
        report = recognise(read_text("\n\n".join([text] * copies).encode(), "three.txt"))
        found = check(report, CheckConfig(rules=set(PAIRED_RULES)))
        return {rid: sum(f.rule == rid for f in found) for rid in PAIRED_RULES}

    one = counts(1)
    assert all(one.values()), one  # seed 004 trips every paired rule once at least
    assert counts(3) == {rid: 3 * n for rid, n in one.items()}


def test_tables_are_cut_into_reports_by_runs_of_their_kind():
    from types import SimpleNamespace

    from checker.rules.monitoring import _reports

    def reports(kinds: str) -> str:
        tables = [SimpleNamespace(id=f"t{i}") for i in range(len(kinds))]
        first = {t.id for t, k in zip(tables, kinds, strict=True) if k in "AX"}
        second = {t.id for t, k in zip(tables, kinds, strict=True) if k in "SX"}
        got = _reports(tables, first, second)
        return "".join(str(got[t.id]) if t.id in got else "." for t in tables)

    assert reports("AASS") == "0000"  # both tables split over pages: one report
    assert reports("ASAS") == "0011"
    assert reports("SA.SA") == "00.11"  # the 对比表 printed first
    assert reports("ASSA") == "0000"  # an annex repeating 表3 stays with its report
    assert reports("ASXAS") == "00011"  # a table of both kinds does not end a run

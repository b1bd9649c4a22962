"""Claims carry their subject as data (issue 20): kind, path, field, nth beside the version-1
``subject`` string, and ``Report.events`` beside the claims; the checker reads those, never
the string. An old JSON (subject only, no events) is checked the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.contract import Claim, Report
from extractor.subjects import parse_subject, subject_of
from tests.conftest import ROOT, SEEDS, read_recognised

# one subject of every family the recogniser writes, with its parts read by hand
FAMILIES = [
    ("预算执行率", ("named", [], "预算执行率", None)),
    ("B12 资金使用情况.得分", ("named", ["B12 资金使用情况"], "得分", None)),
    ("11月发放补助.人数", ("named", ["11月发放补助"], "人数", None)),
    ("功能分类.一般公共服务支出（类）统计信息事务（款）统计管理（项）.比上年",
     ("function_line", ["一般公共服务支出（类）统计信息事务（款）统计管理（项）"], "比上年", None)),
    ("部门预算.收入预算>财政拨款收入", ("budget_line", ["收入预算", "财政拨款收入"], None, None)),
    ("部门预算.收入预算.比上年", ("budget_line", ["收入预算"], "比上年", None)),
    ("分项.规划建筑面积>地上建筑面积", ("breakdown", ["规划建筑面积", "地上建筑面积"], None, None)),
    ("分项.支付.5. 动迁补偿差额利息>补偿款#2", ("payment", ["5. 动迁补偿差额利息", "补偿款"], None, 2)),
    ("分项.支付.>税费", ("payment", ["", "税费"], None, None)),
    ("分项.增减.办公费#2.增减幅度", ("change", ["办公费"], "增减幅度", 2)),
    ("分项.占比.三公经费>公务接待费.占比", ("share", ["三公经费", "公务接待费"], "占比", None)),
    ("分项.占比.本年支出合计", ("share", ["本年支出合计"], None, None)),
    ("决算.功能分类.行政运行(项).决算数", ("final_accounts", ["功能分类", "行政运行(项)"], "决算数", None)),
    ("决算.三公>公务接待费.决算数", ("final_accounts", ["三公", "公务接待费"], "决算数", None)),
    ("决算.收入支出总计.金额", ("final_accounts", ["收入支出总计"], "金额", None)),
    ("结论.无偏离", ("verdict", [], "无偏离", None)),
    ("事件.计划", ("event", [], "计划", None)),
    ("满意度调查.非常满意", ("survey", [], "非常满意", None)),
]


@pytest.mark.parametrize(("subject", "parts"), FAMILIES)
def test_every_family_reads_and_writes_back(subject, parts):
    assert tuple(parse_subject(subject)) == parts
    c = Claim(subject=subject, text="")
    assert (c.kind, c.path, c.field, c.nth) == parts
    assert Claim(kind=parts[0], path=parts[1], field=parts[2], nth=parts[3], text="").subject == subject
    assert subject_of(*parts) == subject


def _recognised(name: str) -> Report:
    return read_recognised(f"tests/fixtures/seeds/{name}")[1]


SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", SEED_FILES)
def test_the_recognisers_subjects_round_trip(name):
    """Every claim the recogniser makes of a seed: its typed parts write its subject back."""
    report = _recognised(name)
    for c in report.claims:
        assert subject_of(c.kind, c.path, c.field, c.nth) == c.subject, c.subject


def test_statement_families_are_typed_on_a_department_budget():
    """The 2023 万里街道 budget's 编制说明 lines and 其中 parts come out as typed families."""
    _, report = read_recognised("samples/real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf")
    for c in report.claims:
        assert subject_of(c.kind, c.path, c.field, c.nth) == c.subject, c.subject
    kinds = {c.kind for c in report.claims}
    assert {"function_line", "budget_line"} <= kinds
    income = [c for c in report.claims if c.kind == "budget_line" and c.path == ["收入预算"] and c.field is None]
    assert income and income[0].value == pytest.approx(164978600.0)
    parts = [c.path[-1] for c in report.claims if c.kind == "budget_line" and c.path[:1] == ["收入预算"] and len(c.path) == 2]
    assert "财政拨款收入" in parts


def _legacy_json(report: Report) -> dict:
    """The report as a version-1 JSON written before the typed claim fields and events."""
    data = json.loads(report.to_json())
    for c in data["claims"]:
        for key in ("kind", "path", "field", "nth"):
            del c[key]
    del data["events"]
    return data


def test_an_old_json_is_checked_as_the_document(tmp_path: Path):
    """Seed 000 reloaded from a JSON without typed claims or events: the same findings, the
    one-payment-two-months one (read from ``Report.events``) among them."""
    import checker
    from jixiao.pipeline import load_report_json

    report = _recognised("000_3dc6be9536a5ad30.txt")
    fresh = checker.check(report)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_legacy_json(report), ensure_ascii=False), encoding="utf-8")
    loaded = load_report_json(path)
    assert loaded.events == report.events and loaded.claims == report.claims
    again = checker.check(loaded)
    assert [(f.rule, f.expected, f.actual, f.locations) for f in again] == [(f.rule, f.expected, f.actual, f.locations) for f in fresh]
    month = [f for f in again if f.rule == "consistency.event_month"]
    assert [(f.expected, f.actual) for f in month] == [(10.0, 11.0)]


def test_events_hold_what_the_finders_read():
    """Seed 000's 36 people: paid in 11 月 in the prose, 10 月 in 基础表3 and the 分别于 list."""
    report = _recognised("000_3dc6be9536a5ad30.txt")
    dated = {(e.month, e.count, e.price) for e in report.events if e.kind == "dated"}
    assert {(11, 36, 500.0), (10, 36, 500.0), (2, 11, 500.0)} <= dated
    (listed,) = {tuple(e.months) for e in report.events if e.kind == "month_list"}
    assert listed == (2, 9, 10)
    assert all(e.text in e.source or e.from_columns for e in report.events)


# a subject sliced or prefix-tested: ``cl.subject[len(P):]``, ``.subject.split(``, ``.subject.startswith(``
_SLICING = re.compile(r"\.subject\)?\s*(?:\[|\.(?:split|rsplit|partition|rpartition|startswith|endswith|removeprefix|removesuffix)\b)")


def test_no_checker_module_slices_a_claim_subject():
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in sorted((ROOT / "checker").rglob("*.py"))
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if _SLICING.search(line)
    ]
    assert offenders == []

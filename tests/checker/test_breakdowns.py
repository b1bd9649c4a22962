"""``其中`` breakdowns in any unit (statement.parts on ``分项.`` claims), on the real documents:
the Putuo budget's building areas (p. 30) and seed 000's incomplete lists of cases."""

from __future__ import annotations

import copy

import pytest

from checker import check
from extractor import read
from extractor.document import Block
from patterns import recognise
from tests.conftest import ROOT, SEEDS

PUTUO = ROOT / "samples/real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf"


@pytest.fixture(scope="module")
def putuo_doc():
    return read(PUTUO)


def _parts(doc):
    return [f for f in check(recognise(doc)) if f.rule == "statement.parts"]


def _area_block(doc) -> Block:
    (block,) = [b for b in doc.blocks if b.page == 30 and "规划建筑面积" in b.text]
    return block


def _with_area_text(doc, old: str, new: str):
    """A copy of the real document with one figure of its p. 30 sentence changed."""
    doc = copy.deepcopy(doc)
    block = _area_block(doc)
    assert old in block.text
    block.text = block.text.replace(old, new)
    return doc


def test_putuo_building_areas_do_not_add_up(putuo_doc):
    got = {(f.severity, f.expected, f.actual): f for f in _parts(putuo_doc)}
    # 地上建筑面积 8013 (其中 计容 7998 + 不计容 105 = 8103): complementary parts, an error
    inner = got[("error", 8013.0, 8103.0)]
    assert "8013平方米" in inner.message and "8,103 平方米" in inner.message and "差 -90 平方米" in inner.message
    assert "“计容面积”与“不计容面积”互补" in inner.message
    # 约 13459 = 地上 8013 + 地下 5356 = 13369: the whole is approximate, a warning
    outer = got[("warning", 13459.0, 13369.0)]
    assert "约为13459平方米" in outer.message and "13,369 平方米" in outer.message and "为约数" in outer.message
    # both say which one figure settles both sums: 8103 + 5356 = 13459
    assert "疑“8013平方米”有误" in inner.message and "疑“8013平方米”有误" in outer.message
    assert [loc.page for f in got.values() for loc in f.locations] == [30, 30]
    # the department budget's own 其中 lines (收入预算, 政府采购预算 …) all agree
    assert len(got) == 2


def test_corrected_figure_silences_both(putuo_doc):
    assert _parts(_with_area_text(putuo_doc, "8013", "8103")) == []


def test_exact_whole_makes_the_gap_an_error(putuo_doc):
    doc = _with_area_text(putuo_doc, "约为13459", "为13459")
    assert {(f.severity, f.expected, f.actual) for f in _parts(doc)} == {("error", 13459.0, 13369.0), ("error", 8013.0, 8103.0)}


def test_parts_above_the_whole_in_another_unit(putuo_doc):
    doc = _with_area_text(putuo_doc, "不计容面积105平方米", "不计容面积205平方米")
    got = {(f.severity, f.expected, f.actual) for f in _parts(doc)}
    assert ("error", 8013.0, 8203.0) in got


def _seed000():
    (path,) = SEEDS.glob("000_*.txt")
    return read(path)


def test_seed000_list_of_some_kinds_of_cases_is_silent():
    """全年受理各类初信初访 315 件、407 人次，其中满意度件 176 件，公开件 47 件: two kinds named, not all
    (176 + 47 = 223 < 315), so nothing is said; the parts are read all the same."""
    doc = _seed000()
    report = recognise(doc)
    subjects = {(c.subject, c.value) for c in report.claims if c.subject.startswith("分项.")}
    assert ("分项.受理各类初信初访>满意度件", 176.0) in subjects and ("分项.受理各类初信初访", 315.0) in subjects
    assert not [f for f in check(report) if f.rule == "statement.parts"]


def test_seed000_parts_above_the_whole_warn():
    """The same sentence with 满意度件 300: 300 + 47 > 315; the kinds may overlap, so a warning."""
    doc = _seed000()
    for b in doc.blocks:
        b.text = b.text.replace("满意度件 176 件", "满意度件 300 件")
    got = [f for f in check(recognise(doc)) if f.rule == "statement.parts"]
    assert got and {(f.severity, f.expected, f.actual) for f in got} == {("warning", 315.0, 347.0)}
    assert "互不重叠" in got[0].message

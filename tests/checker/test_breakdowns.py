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


# ---- parts whose names enumerate with 、 or carry the verb before their figure -------------

def _found_in(text: str):
    from extractor.contract import DocumentMeta, Report, Source
    from patterns.prose import extract_claims
    report = Report(source=Source(file="x.txt", sha256="0" * 64, format="txt"), document=DocumentMeta(kind="monitoring_report", year=2023),
                    claims=extract_claims([Block(text=text, page=3)]))
    return [f for f in check(report) if f.rule == "statement.parts"]


# a 2023 医保局 monitoring report: six project funds, two of their names with 、
MEDICAL = ("资金规模共计2535.4万元,其中:特殊人群医疗保险基金项目资金500万元,城乡居民医疗保险区级配套资金项目资金1740万元,"
           "健康扶贫一站式结算住院医疗救助资金项目资金200万元,医保基金监管、稽核管理运行费项目资金20万元,"
           "医保内网信息网络专线服务费资金项目15.4万元,城乡居民基本医疗保险参保筹资代办工作经费项目资金60万元。")
# a 退役军人事务局 report: each part's figure after 财政年初预算安排
VETERANS = ("部门专项经费财政年初预算安排183万元,其中:移交安置、就业创业、权益维护、拥军优抚和褒扬纪念等工作经费财政年初预算安排30万元;"
            "州直企业军转干部节日慰问和体检经费财政年初预算安排20万元;烈士纪念设施修缮管理维护经费财政年初预算安排33万元;"
            "州级自主就业退役士兵一次性经济补助经费财政年初预算安排100万元。")


@pytest.mark.parametrize("text", [MEDICAL, VETERANS])
def test_lists_with_enumerated_names_that_add_up_are_silent(text):
    assert _found_in(text) == []


@pytest.mark.parametrize(("text", "old", "new", "whole", "parts"), [
    (MEDICAL, "救助资金项目资金200万元", "救助资金项目资金210万元", 25354000.0, 25454000.0),
    (VETERANS, "纪念等工作经费财政年初预算安排30万元", "纪念等工作经费财政年初预算安排40万元", 1830000.0, 1930000.0),
])
def test_parts_above_the_whole_are_found_past_names_with_enumerations(text, old, new, whole, parts):
    """Before, the list ended at the first 、 (or at 预算安排) and the excess went unseen. A list
    that need not name every kind is only a warning above its whole (statement.parts)."""
    got = _found_in(text.replace(old, new))
    assert [f.severity for f in got] == ["warning"]
    assert {got[0].expected, got[0].actual} == {whole, parts}


def test_a_shared_figure_is_not_a_part():
    """``甲、乙各10万元`` is 20 万元 in two parts, not one part of 10."""
    from patterns.prose import extract_claims
    claims = extract_claims([Block(text="培训经费共30万元,其中:师资、教材各10万元,场地费10万元。", page=1)])
    assert not [c for c in claims if "各" in c.subject]


# ---- a breakdown whose whole ends the sentence before ``其中`` ----------------------------

XCZX = ("乡村振兴衔接资金项目绩效自评报告\n\n（二）资金安排情况\n20xx年，用于巩固拓展脱贫攻坚成果和乡村振兴建设任务"
        "安排资金12806.5万元。其中，中央和省级资金9367.2万元、市级资金866万元、县级资金{county}万元，资金已全部到位。\n")


def test_whole_in_the_sentence_before_qizhong_is_read_and_checked(tmp_path):
    """乡村振兴项目绩效自评报告 (范文): ``安排资金19204.096万。其中，央省14059.11万元、市级1299万元、
    县级3845.986万元`` — the whole ends the sentence before the one that opens with 其中. Before:
    no breakdown read, so a part misprinted went unseen. Here 9367.2 + 866 + 2573.3 = 12806.5."""
    from tests.checker.build import read_written

    right = read_written(tmp_path, "ok.txt", XCZX.format(county="2573.3"))
    parts = {c.subject.split(">")[-1] if ">" in c.subject else "whole": c.value for c in right.claims if c.subject.startswith("分项.")}
    assert parts == {"whole": 128_065_000.0, "中央和省级资金": 93_672_000.0, "市级资金": 8_660_000.0, "县级资金": 25_733_000.0}
    assert [f for f in check(right) if f.rule == "statement.parts"] == []
    slipped = [f for f in check(read_written(tmp_path, "slip.txt", XCZX.format(county="2673.3"))) if f.rule == "statement.parts"]
    assert len(slipped) == 1 and "县级资金" in slipped[0].message  # parts 12,906.5 above the whole (a short list is silent by design)


def test_a_sentence_that_does_not_end_in_the_whole_gives_none(tmp_path):
    from tests.checker.build import read_written

    report = read_written(tmp_path, "no.txt", "项目绩效自评报告\n\n2023年完成投资5000万元，进度良好。其中，土建3000万元、设备2100万元。\n")
    assert [c for c in report.claims if c.subject.startswith("分项.")] == []

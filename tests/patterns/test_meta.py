"""Document metadata on all five seeds and the real PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Block, Document
from patterns.lexicon import grade_for, normalise_grade
from patterns.meta import document_meta, find_kind


def _load_docbuild():
    """The shared test helper, loaded by path so this works with or without package __init__ files."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_docbuild", Path(__file__).with_name("_docbuild.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


doc_from_text = _load_docbuild().doc_from_text

ROOT = Path(__file__).resolve().parents[2]
from tests.conftest import SEEDS  # noqa: E402

REAL = ROOT / "samples" / "real" / "shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf"


def seed(name: str) -> Document:
    if SEEDS is None:
        pytest.fail("seeds not available")
    return doc_from_text((SEEDS / name).read_text(encoding="utf-8"), file=name)


def test_evaluation_report() -> None:
    m = document_meta(seed("000_3dc6be9536a5ad30.txt"))
    assert m.kind == "evaluation_report"
    assert m.title == "2022 年闵行区莘庄工业区 财政支出项目绩效评价报告"
    assert m.project == "2022 年信访办维稳专项"
    assert m.year == 2022
    assert m.organisation == "上海市莘庄工业区管理委员会"
    assert m.department == "上海市莘庄工业区管理委员会"
    assert m.evaluator == "上海锦航会计师事务所有限责任公司"
    assert m.region == "上海市闵行区"


def test_target_declaration_with_five_projects() -> None:
    m = document_meta(seed("001_42a0b3d4e7d7d2a6.txt"))
    assert m.kind == "target_declaration"
    assert m.year == 2023
    assert m.project is None  # five forms, five projects: none is the document's
    assert m.organisation == "上海市松江区人民政府信访办公室"
    assert m.department == "上海市松江区人民政府信访办公室"
    assert m.evaluator is None
    assert m.region == "上海市松江区"


def test_ocr_self_assessment() -> None:
    m = document_meta(seed("002_b4aca793d1875d66.txt"))
    assert m.kind == "self_assessment"
    assert m.year == 2022
    assert m.department is None  # OCR fragment "上海市村" is not an organisation name


def test_old_declaration_form() -> None:
    m = document_meta(seed("003_665f1e758c9b1c1a.txt"))
    assert m.kind == "target_declaration"
    assert m.title == "财政项目支出绩效目标申报表（项目总体情况）"
    assert m.project == "政府购买辅助服务"
    assert m.year == 2018
    assert m.organisation == "闵行区信访办公室"
    assert m.region == "上海市闵行区"


def test_monitoring_report_with_wrapped_title() -> None:
    m = document_meta(seed("004_6a38d2289e928ccf.txt"))
    assert m.kind == "monitoring_report"
    assert m.title == "2023年青云谱区委信访局全国省市“两会”现场值守工作经费项目1-10月份绩效运行监控报告"
    assert m.project == "2023 年全国省市“两会”现场值守工作经费项目"
    assert m.year == 2023
    assert m.evaluator == "江西正效咨询管理有限公司"
    assert m.region == "南昌市青云谱区"


def test_real_pdf_department_budget() -> None:
    if not REAL.exists():
        pytest.fail("real PDF not in samples")
    from extractor import read

    m = document_meta(read(REAL))
    assert m.kind == "budget"
    assert m.title == "上海市普陀区2023年区级部门预算"
    assert m.year == 2023
    assert m.project is None
    assert m.department == "上海市普陀区人民政府万里街道办事处"
    assert m.organisation == "上海市普陀区人民政府万里街道办事处"
    assert m.region == "上海市普陀区"


def test_year_from_chinese_cover_date() -> None:
    doc = Document(file="x.txt", sha256="0" * 64, format="txt", pages=None,
                   items=[Block(text="某某项目绩效评价报告"), Block(text="二〇二三年七月")])
    assert document_meta(doc).year == 2023


def test_kind_by_body_when_title_is_silent() -> None:
    assert find_kind(None, "年初预算数 全年预算数 全年执行数 实际完成值") == "self_assessment"
    assert find_kind(None, "截至10月31日 序时进度 83.33%") == "monitoring_report"
    assert find_kind(None, "") == "other"


@pytest.mark.parametrize(("score", "grade"), [(91, "优"), (90, "优"), (89.99, "良"), (80, "良"), (60, "中"), (59.5, "差")])
def test_default_grade_bands(score, grade) -> None:
    assert grade_for(score) == grade


def test_custom_bands_and_aliases() -> None:
    five = [[90, "优秀"], [80, "良好"], [70, "中等"], [60, "合格"], [0, "不合格"]]
    assert grade_for(75, five) == "中等"
    assert grade_for(None) is None
    assert normalise_grade("“优秀”") == "优"


def test_title_run_together_with_the_first_paragraph() -> None:
    """隆回县 2022 乡村振兴项目资金绩效评价报告 (longhui.gov.cn), copied without blank lines: the
    title, the 文号 and the opening sentence are one paragraph. Before: no title, kind ``other``."""
    doc = doc_from_text(
        "某县人居环境指挥部乡村振兴项目资金绩效评价报告上会湘报字(2022)第0001号为进一步规范乡村振兴资金管理，"
        "提高乡村振兴资金使用效益，受县财政局委托，我所成立绩效评价工作组对该项目实施绩效评价。现评价工作已完成，报告如下：\n"
        "一、基本情况\n"
    )
    meta = document_meta(doc)
    assert (meta.title, meta.kind) == ("某县人居环境指挥部乡村振兴项目资金绩效评价报告", "evaluation_report")


def test_a_long_opening_sentence_is_no_title() -> None:
    """A long first paragraph (over 80 characters) that mentions a 绩效评价 only after a comma names no title."""
    doc = doc_from_text("根据县财政局的统一安排和《项目支出绩效评价管理办法》的要求，本单位于2023年开展了项目支出绩效评价工作，"
                        "对全部项目逐一进行了自查，现将有关情况报告如下，请审阅并提出意见和建议。\n")
    assert document_meta(doc).title is None


def test_a_run_together_title_keeps_the_title_words_that_touch() -> None:
    """岳阳市城市管理监督指挥中心2018绩效评价自评报告及评分表 (yueyang.gov.cn), run together with its
    cover lines: 绩效评价 touches 自评报告, so the title ends after 自评报告 and the kind is a
    self-assessment (the first version of the fix cut it at 绩效评价: evaluation_report)."""
    doc = doc_from_text(
        "某市城市管理监督指挥中心2018绩效评价自评报告及评分表(整体支出和数字城管信息采集服务费专项支出)"
        "某市2018年度部门整体支出绩效评价自评报告部门(单位)名称：某市城市管理监督指挥中心\n"
    )
    meta = document_meta(doc)
    assert (meta.title, meta.kind) == ("某市城市管理监督指挥中心2018绩效评价自评报告", "self_assessment")


def test_a_target_approval_form_is_a_target_declaration() -> None:
    """奉节县云雾土家族乡 2023 项目支出绩效目标审批表 (cqfj.gov.cn, Chongqing): before, kind ``other``."""
    assert find_kind("2023年某乡加工园配套设施建设项目支出绩效目标审批表", "") == "target_declaration"

"""recognise(): documents become the contract's projects (on the bundled samples)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _docbuild import doc_from_text, table_from_rows

from extractor import read as _read
from extractor.document import Block, Document
from patterns.recognise import recognise
from tests.conftest import (
    SEEDS,  # noqa: E402
    sample,
    validate_report,
)


def read(path):
    return _read(path)


def seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(prefix + "_*.txt")) if SEEDS.exists() else []
    if not found:
        pytest.fail(f"seed {prefix} not available")
    return found[0]


def source(name: str) -> Path:
    return seed(name[5:]) if name.startswith("seed:") else sample(name)


CODES = ["A11", "A12", "A21", "A22", "A31", "B11", "B12", "B21", "B22", "B23", "B24",
         "C11", "C12", "C13", "C21", "C22", "C31", "D11", "D12", "D21", "D31", "D32"]


@pytest.mark.parametrize("name", ["eval_report_2022_xinfang.pdf", "eval_report_2022_xinfang.docx", "seed:000"])
def test_evaluation_report_takes_annex1_scores_and_table1_budget(name):
    report = recognise(read(source(name)))
    validate_report(report.to_json())
    assert report.document.kind == "evaluation_report"
    assert len(report.projects) == 1
    p = report.projects[0]
    assert [i.code for i in p.indicators] == CODES
    assert all(i.level1 and i.level2 and i.criteria and i.actual for i in p.indicators)
    a11 = p.indicators[0]
    assert (a11.level1, a11.level2, a11.name, a11.weight, a11.score) == ("决策", "项目立项", "部门工作职能关联性", 2.0, 2.0)
    assert sum(i.weight for i in p.indicators) == 100.0
    assert sum(i.score for i in p.indicators) == pytest.approx(91.0)
    assert (p.score.total, p.score.max, p.score.grade) == (91.0, 100.0, "优")
    b = p.budget
    assert (b.initial, b.adjusted, b.spent, b.execution_rate) == (2500000.0, 2302740.0, 2302740.0, 100.0)
    rows = {t.id: t.rows for t in report.tables}
    for i in p.indicators:  # every source points at the emitted row holding the name
        assert any(i.name[:4] in cell.replace(" ", "").replace("\n", "") for cell in rows[i.source.table][i.source.row])


@pytest.mark.parametrize("name", ["target_decl_2023_songjiang.pdf", "target_decl_2023_songjiang.docx", "seed:001"])
def test_target_declarations_one_project_per_form(name):
    report = recognise(read(source(name)))
    validate_report(report.to_json())
    got = [(p.name, p.budget.total, len(p.indicators)) for p in report.projects]
    assert got == [
        ("课题与规划", 100000.0, 9),
        ("网络信息系统开发、升级、建设", 214167.0, 8),
        ("网络信息系统运行与维护", 78504.0, 8),
        ("维稳工作", 2371500.0, 21),
        ("宣传与推广", 150000.0, 14),
    ]
    # the document itself leaves one 年度指标值 blank (维稳工作 / 越级信访量)
    missing = [i.name for p in report.projects for i in p.indicators if i.target is None]
    assert missing == ["越级信访量"]


def test_ocr_self_assessment_four_projects_with_budgets():
    report = recognise(read(sample("self_assessment_2022_songjiang_ocr.txt")))
    validate_report(report.to_json())
    ps = report.projects
    assert len(ps) == 4
    assert [p.name for p in ps] == ["课题与规划", "维稳工作", "宣传与推广", "网络信息系统运行与"]  # 维护 lost to OCR
    assert (ps[0].budget.initial, ps[0].budget.adjusted, ps[0].budget.spent) == (30000.0, 100000.0, 100000.0)
    assert (ps[1].budget.initial, ps[1].budget.adjusted, ps[1].budget.spent) == (2805000.0, 3852396.53, 3852396.53)
    assert ps[2].budget.adjusted == 115056.0 and ps[3].budget.adjusted == 75248.0
    assert (ps[2].score.total, ps[2].score.max) == (98.0, 100.0)
    rate = ps[1].indicators[0]
    assert (rate.name, rate.weight, rate.score) == ("预算执行率", 10.0, 10.0)
    assert [len(p.indicators) for p in ps] == [10, 21, 14, 9]  # each with its 预算执行率 points


@pytest.mark.parametrize("name", ["monitoring_2023_qingyunpu.pdf", "monitoring_2023_qingyunpu.docx", "seed:004"])
def test_monitoring_report_uses_table4_and_prose_budget(name):
    report = recognise(read(source(name)))
    validate_report(report.to_json())
    p = report.projects[0]
    assert len(report.projects) == 1
    assert len(p.indicators) == 14
    first = p.indicators[0]
    assert first.target.text.startswith("≤40000") and first.actual.value == 26488.0
    assert first.remark.startswith("本阶段应完成：")
    b = p.budget
    assert (b.total, b.spent, b.execution_rate) == (300000.0, 198676.5, 66.22)


def test_real_pdf_forms():
    report = recognise(read(sample("real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf")))
    validate_report(report.to_json())
    got = [(p.name, p.budget.total, len(p.indicators)) for p in report.projects]
    assert got == [
        ("新建万里街道社区公共服务中心", 4100000.0, 5),
        ("就业援助基地补贴", 6351000.0, 4),
        ("社区环境整治和建设经费", 4563800.0, 4),
        ("各类工作经费", 7595500.0, 43),
        ("公共服务设施运行经费", 10903043.0, 9),
    ]


def test_html_2018_form():
    report = recognise(read(sample("target_decl_2018_minhang.html")))
    assert [p.name for p in report.projects] == ["政府购买辅助服务"]
    inds = report.projects[0].indicators
    assert len(inds) == 9  # the table lost its merges but kept its columns: read by position
    assert [(i.level1, i.level2, i.name) for i in inds if i.name == "满意度"] == [("效果目标", "社会效益", "满意度")]
    assert inds[0].remark.startswith("以合同双方确定的年度工作目标核计")


def test_same_input_same_json():
    path = source("seed:000")
    assert recognise(read(path)).to_json() == recognise(read(path)).to_json()


def test_tables_are_emitted_with_rows_and_spans():
    table = table_from_rows([["项目名称", "<", "课题与规划"], ["一级指标", "二级指标", "三级指标"]], id="p1-t1")
    doc = Document(file="x.pdf", sha256="0" * 64, format="pdf", pages=1, items=[Block(text="申报表", page=1), table])
    report = recognise(doc)
    validate_report(report.to_json())
    out = report.tables[0]
    assert out.id == "p1-t1" and out.rows[0] == ["项目名称", "", "课题与规划"] and out.spans == [[0, 0, 1, 2]]


def test_handmade_text_document():
    text = "绩效自评表\n项目名称\t课题与规划\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出指标\t数量指标\t完成率\t100\t90\n总分\t\t\t100\t90\n"
    p = recognise(doc_from_text(text)).projects[0]
    assert p.name == "课题与规划" and (p.score.total, p.score.max) == (90.0, 100.0)


def test_the_running_text_travels_in_reading_order_with_the_table_it_follows():
    note = Block(text="注：本部门2024年无政府性基金预算财政拨款安排的支出，故本表为空表。", page=17)
    doc = Document(
        file="j.pdf", sha256="0" * 64, format="pdf", pages=18,
        items=[
            Block(text="目录", page=2, kind="heading", level=1),
            Block(text="三、支出决算表", page=2),
            table_from_rows([["项目", "本年支出"], ["合计", ""]], id="p17-t1", page=17),
            note,
        ],
    )
    report = recognise(doc)
    assert [(b.text, b.page, b.kind, b.after) for b in report.blocks] == [
        ("目录", 2, "heading", None),
        ("三、支出决算表", 2, "paragraph", None),
        (note.text, 17, "paragraph", "p17-t1"),
    ]

"""Kind, scope and place from the form itself (issue 17)."""

from __future__ import annotations

import pytest
from _docbuild import table_from_rows

from extractor.document import Block, Document
from patterns.meta import document_meta, find_kind, find_region, find_scope


@pytest.mark.parametrize(("title", "kind", "scope"), [
    ("2021年度项目支出绩效自评表", "self_assessment", "project"),
    ("项目支出绩效自评表", "self_assessment", "project"),
    ("部门整体支出绩效目标表", "target_declaration", "department"),
    ("2021年部门整体预算绩效目标表", "target_declaration", "department"),
    ("部门整体支出绩效自评表", "self_assessment", "department"),
    ("2020年项目支出绩效目标申报表", "target_declaration", "project"),
    ("上海市普陀区2023年区级部门预算", "budget", None),
])
def test_kind_and_scope_from_the_title(title, kind, scope) -> None:
    assert find_kind(title, "") == kind
    assert find_scope(title) == scope


def test_region_is_a_place_never_a_fragment_of_a_sentence() -> None:
    text = "保障困难群众基本生活，一是完善社会救助体系，二是提升养老服务水平，三是推动县域殡葬改革。"
    assert find_region(None, None, None, text) is None
    assert find_region(None, None, None, text, ["常德市鼎城区民政局"]) == "常德市鼎城区"  # 鼎城区 ends like 城区
    assert find_region(None, None, None, "本项目在南昌市青云谱区实施。" + text) == "南昌市青云谱区"
    assert find_region(None, "咸宁市通山县农业农村局", None, text) == "咸宁市通山县"


def test_workbook_title_row_gives_kind_scope_and_region() -> None:
    rows = [
        ["部门整体支出绩效目标表", "<", "<", "<"],
        ["（2023年度）", "<", "<", "<"],
        ["部门名称", "常德市鼎城区司法局", "<", "<"],
        ["年度总体目标", "推进法治政府建设，三是推动县乡村公共法律服务全覆盖。", "<", "<"],
    ]
    doc = Document(file="x.xlsx", sha256="0" * 64, format="xlsx", pages=None,
                   items=[table_from_rows(rows, page=None, caption="常德市鼎城区司法局")])
    m = document_meta(doc)
    assert (m.kind, m.scope, m.title, m.region, m.year) == (
        "target_declaration", "department", "部门整体支出绩效目标表", "常德市鼎城区", 2023)


def test_a_report_appendix_form_does_not_title_the_workbook() -> None:
    report = table_from_rows([["项目构成", "年初预算", "调整后预算", "支付金额"], ["合计", "1", "1", "1"]], id="s1")
    form = table_from_rows([["财政项目支出绩效目标申报表", "<"], ["项目名称", "维稳"]], id="s2")
    doc = Document(file="x.xlsx", sha256="0" * 64, format="xlsx", pages=None,
                   items=[Block(text=""), report, form])
    assert document_meta(doc).title is None


@pytest.mark.parametrize(("department", "implementer", "name", "region"), [
    # a Sichuan 2023 自评表: the unit printed with 本级
    ("青神县发展和改革局本级", "青神县发展和改革局", "青神县发展和改革局", "青神县"),
    # an Anhui 2022 自评表: budget unit codes before the names
    ("219-池州市贵池区棠溪镇人民政府", "219001-池州市贵池区棠溪镇人民政府", "池州市贵池区棠溪镇人民政府", "池州市贵池区"),
])
def test_unit_codes_and_benji_are_not_part_of_the_body(department, implementer, name, region) -> None:
    rows = [
        ["项目支出绩效自评表", "<", "<", "<"],
        ["项目名称", "工资性支出", "<", "<"],
        ["主管部门", department, "实施单位", implementer],
    ]
    meta = document_meta(Document(file="x.xlsx", sha256="0" * 64, format="xlsx", pages=None, items=[table_from_rows(rows, page=None)]))
    assert (meta.department, meta.region) == (name, region)

"""The committed JSON Schema is the one the model generates, and it accepts the CONTRACT example."""

from __future__ import annotations

import json

from extractor.contract import Report, json_schema
from tests.conftest import SCHEMA, validate_report


def test_committed_schema_matches_model():
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(json_schema())), "run `make schema` and commit the result"


def test_contract_example_validates_and_round_trips():
    example = {
        "schema_version": "1",
        "source": {"file": "2022年信访办维稳专项绩效评价报告.pdf", "sha256": "0" * 64, "format": "pdf",
                   "pages": 43, "ocr_pages": [], "warnings": []},
        "document": {"kind": "evaluation_report", "title": "…", "project": "信访办维稳专项", "year": 2022,
                     "organisation": "上海市莘庄工业区管理委员会", "department": "…",
                     "evaluator": "上海锦航会计师事务所有限责任公司", "region": "上海市闵行区"},
        "projects": [{"name": "课题与规划",
                      "budget": {"total": 100000.0, "initial": 30000.0, "adjusted": 100000.0,
                                 "spent": 100000.0, "execution_rate": 100.0},
                      "score": {"total": 100.0, "max": 100.0, "grade": None},
                      "indicators": [{"code": "C13", "level1": "产出指标", "level2": "数量指标",
                                      "name": "帮困补助工作完成情况", "weight": 6.0, "score": 3.0,
                                      "target": {"text": "=120 人", "op": "=", "value": 120.0, "upper": None, "unit": "人"},
                                      "actual": {"text": "54 人", "op": None, "value": 54.0, "upper": None, "unit": "人"},
                                      "criteria": "【完成率=实际完成数/计划完成数】【最终得分=完成率*分值】",
                                      "remark": None, "source": {"page": 34, "table": "p34-t1", "row": 12}}]}],
        "tables": [{"id": "p34-t1", "pages": [34, 35], "caption": "表 3：项目具体指标评分表", "unit": "元",
                    "rows": [["一级指标", "权重", "二级指标", "三级指标", "分值", "得分"]],
                    "row_pages": [34]}],
        "amounts": [{"text": "230.274 万元", "value": 2302740.0, "page": 2, "context": "年中调整后的预算金额为230.274万元"}],
        "claims": [{"subject": "预算执行率", "text": "项目调整后的预算执行率为100%", "value": 100.0, "unit": "%", "page": 2}],
        "findings": [{"rule": "sum.column", "severity": "error",
                      "message": "帮困补助经费明细合计 29,800 元，与表1支付金额 29,300 元不符（差 500 元）",
                      "expected": 29800.0, "actual": 29300.0,
                      "locations": [{"page": 37, "table": "p37-t2", "row": 3}]}],
    }
    validate_report(example)
    report = Report.model_validate(example)
    validate_report(report.to_json())
    assert Report.model_validate_json(report.to_json()) == report


def test_schema_rejects_a_wrong_type():
    import jsonschema
    import pytest

    bad = {"schema_version": "1", "source": {"file": "x.pdf", "sha256": "0", "format": "pdf"},
           "projects": [{"indicators": [{"name": "x", "weight": "six"}]}]}
    with pytest.raises(AssertionError):
        validate_report(bad)
    assert jsonschema  # the validator library is the one CI installs


def test_row_pages_is_optional_and_typed():
    """``row_pages`` (added) is one page per row; a JSON written before it still loads."""
    base = {"schema_version": "1", "source": {"file": "x.pdf", "sha256": "0", "format": "pdf"},
            "tables": [{"id": "p7-t1", "pages": [7, 8], "rows": [["a"], ["b"]]}]}
    validate_report(base)
    assert Report.model_validate(base).tables[0].row_pages == []
    base["tables"][0]["row_pages"] = [7, 8]
    validate_report(base)
    assert Report.model_validate(base).tables[0].row_pages == [7, 8]
    base["tables"][0]["row_pages"] = ["第 7 页", 8]
    import pytest

    with pytest.raises(AssertionError):
        validate_report(base)

"""The report contract (normalised JSON, schema version 1) as pydantic models.

This is the one module every later stage imports: ``patterns`` fills a ``Report``,
``checker`` reads it and appends ``findings``, ``corpus`` indexes it. It lives in the
first stage so that the data flow stays one way. The JSON Schema in
``extractor/contract.schema.json`` is generated from these models
(``python -m extractor.contract > extractor/contract.schema.json``) and every JSON
the tests produce is validated against it.

Fields follow ``shared/CONTRACT.md``; fields added beyond it are marked "(added)".
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Kind = Literal[
    "evaluation_report", "self_assessment", "target_declaration", "monitoring_report", "budget", "other"
]
Op = Literal[">=", "<=", "=", ">", "<", "range", "increase", "decrease", "qualitative"]
Severity = Literal["error", "rounding", "warning", "info"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Source(_Model):
    file: str
    sha256: str
    format: Literal["pdf", "docx", "xlsx", "html", "md", "txt"]
    pages: int | None = None
    ocr_pages: list[int] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class DocumentMeta(_Model):
    kind: Kind = "other"
    title: str | None = None
    project: str | None = None
    year: int | None = None
    organisation: str | None = None
    department: str | None = None
    evaluator: str | None = None
    region: str | None = None


class Value(_Model):
    """A target or actual value as printed and as parsed."""

    text: str
    op: Op | None = None
    value: float | None = None
    upper: float | None = None
    unit: str | None = None
    decimals: int | None = None  # (added) decimals printed on ``value``: 12.30 -> 2


class SourceRef(_Model):
    page: int | None = None
    table: str | None = None
    row: int | None = None


class Indicator(_Model):
    code: str | None = None
    level1: str | None = None
    level2: str | None = None
    name: str
    weight: float | None = None
    score: float | None = None
    target: Value | None = None
    actual: Value | None = None
    criteria: str | None = None
    remark: str | None = None
    source: SourceRef = Field(default_factory=SourceRef)
    weight_text: str | None = None  # (added) 分值 as printed
    score_text: str | None = None  # (added) 得分 as printed
    level1_weight: float | None = None  # (added) weight printed with the level-1 heading (决策 10%)


class Budget(_Model):
    total: float | None = None
    initial: float | None = None
    adjusted: float | None = None
    spent: float | None = None
    execution_rate: float | None = None
    source: SourceRef | None = None  # (added) where the budget block stands


class Score(_Model):
    total: float | None = None
    max: float | None = None
    grade: str | None = None


class Project(_Model):
    name: str | None = None
    budget: Budget = Field(default_factory=Budget)
    score: Score = Field(default_factory=Score)
    indicators: list[Indicator] = Field(default_factory=list)


class TableOut(_Model):
    id: str
    pages: list[int] = Field(default_factory=list)
    caption: str | None = None
    unit: str | None = None
    rows: list[list[str]]
    spans: list[list[int]] = Field(default_factory=list)  # (added) [row, col, rowspan, colspan]
    # (added) the page each row stands on, one per row of ``rows``; empty when unknown
    # (DOCX, XLSX, HTML, text have no pages). A table merged over a page break has
    # ``pages=[7, 8]`` but a row on page 8 must be located there, not on page 7.
    row_pages: list[int] = Field(default_factory=list)


class Amount(_Model):
    text: str
    value: float
    page: int | None = None
    context: str = ""


class Claim(_Model):
    subject: str
    text: str
    value: float | None = None
    unit: str | None = None
    page: int | None = None
    value_text: str | None = None  # (added) the number as printed, for precision


class Location(_Model):
    page: int | None = None
    table: str | None = None
    row: int | None = None
    col: int | None = None  # (added)


class Finding(_Model):
    rule: str
    severity: Severity
    message: str
    expected: float | None = None
    actual: float | None = None
    locations: list[Location] = Field(default_factory=list)


class Report(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    document: DocumentMeta = Field(default_factory=DocumentMeta)
    projects: list[Project] = Field(default_factory=list)
    tables: list[TableOut] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    def to_json(self) -> str:
        """Deterministic JSON: same input, byte-identical output."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/jixiao/jixiao/contract/v1"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))

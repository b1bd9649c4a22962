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

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extractor.severity import SEVERITIES, Severity  # noqa: F401 — SEVERITIES re-exported
from extractor.subjects import ClaimKind, parse_subject, subject_of

SCHEMA_VERSION = "1"

Kind = Literal[
    "evaluation_report", "self_assessment", "target_declaration", "monitoring_report", "budget", "other"
]
Op = Literal[">=", "<=", "=", ">", "<", "range", "increase", "decrease", "qualitative"]


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
    # (added) "department" for a 部门整体支出 form (部门整体支出绩效目标表 / 自评表): its one
    # "project" is the department's whole spending, named by 部门名称; "project" when the
    # title is about a project (项目支出绩效自评表); None where the title does not say
    scope: Literal["project", "department"] | None = None


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
    # (added) how 执行率 was printed: "percent" (88.00%, or a bare 88), "fraction" (0.88, a
    # workbook's B/A without a percent format) — ``execution_rate`` is in percent either way
    rate_form: Literal["percent", "fraction"] | None = None


class Score(_Model):
    total: float | None = None
    max: float | None = None
    grade: str | None = None
    # (added) "printed": the document states the grade; "derived": jixiao filled it from the
    # default bands because none is printed — a rule must never judge a derived grade
    grade_source: Literal["printed", "derived"] | None = None


class Project(_Model):
    name: str | None = None
    budget: Budget = Field(default_factory=Budget)
    score: Score = Field(default_factory=Score)
    indicators: list[Indicator] = Field(default_factory=list)


ColumnKind = Literal["code", "label", "amount", "percent", "count", "text", "empty"]
RowKind = Literal["header", "detail", "part_of", "subtotal", "total", "blank", "repeated_header", "note"]


class ColumnRole(_Model):
    """(added) What a logical column holds, read once by ``patterns.table_roles``.

    ``cols`` are the physical columns of ``rows`` it covers: a parent's amount printed one
    column right of its children's is still the same column.
    """

    col: int
    cols: list[int] = Field(default_factory=list)
    header: str = ""  # header words top to bottom, joined by "/"
    role: ColumnKind = "text"
    semantic: str | None = None  # 合计, 基本支出, 项目支出, 决算数, 上年, 增减, 执行率, 分值, 得分 …
    unit: str | None = None  # 元 / 万元 / % from the header, the caption or the 单位： line
    part: int = 0  # which logical table of ``parts`` it belongs to


class RowRole(_Model):
    """(added) One row as one logical table sees it."""

    role: RowKind = "detail"
    label: str | None = None
    code: str | None = None  # classification code (201 / 20106 / 2010601), 类+款+项 joined
    level: int | None = None  # code length, or the numbering's depth (一、 / （一） / 1.)
    parent: int | None = None  # row of the parent 科目 (by code), or of the row a 其中 item is part of
    # (added) what the row totals, from its label (tables.json row_totals): grand (…总计), year
    # (本年…合计), whole (合计 / 总计), spending (支出合计), or a named item (人员经费 for 人员经费合计)
    total_of: list[str] = Field(default_factory=list, exclude_if=lambda v: not v)


class TablePart(_Model):
    """(added) A logical table: a two-sided 收支总表 has two (收入, 支出), most have one."""

    side: str | None = None
    columns: list[int] = Field(default_factory=list)  # indexes into ``TableOut.columns``' ``col``
    rows: list[RowRole] = Field(default_factory=list)  # one per row of ``TableOut.rows``


class CellValue(_Model):
    """(added) The number a cell holds, as printed: ``2,302,740.00`` → 2302740.0, 2 decimals.

    ``unit`` is a unit word printed in the cell itself (``%``, ``万元``); the column's unit
    from its header or the ``单位：`` line is ``columns[].unit``. A cell with words around
    its number (``=15 天内``) holds no number: summing it would be a guess.
    """

    value: float
    decimals: int = 0
    unit: str | None = None


class RowReading(_Model):
    """(added) What the words of one table row say, read once by ``patterns.table_reading``.

    Read over the whole table, not only its ``header_rows``: a table that stacks forms (a
    四川 自评表 sheet, four OCR'd self-assessments in one table) or prints a budget block
    above its indicator header has header rows anywhere. ``keys`` maps a column meaning to
    the columns whose words name it (``score.weight`` 分值, ``score.score`` 得分,
    ``score.rate`` 执行率, ``additive`` / ``non_additive`` headers, ``recompute.<column>``,
    ``monitoring.<column>``, ``form.total`` / ``form.part``, ``total`` / ``subtotal`` for a cell
    that is a 合计/小计 label), from the word lists of ``patterns/data/tables.json``.
    ``total`` (``total`` | ``subtotal``) and ``col`` say the row is a total row and where its
    label stands (in its first four cells, before any figure); ``repeated`` marks a header
    printed again after a page break. Sparse: only rows that carry something are listed.
    """

    row: int
    # written only when set: most rows carry keys alone, and a table has hundreds of rows
    total: Literal["total", "subtotal"] | None = Field(default=None, exclude_if=lambda v: v is None)
    col: int | None = Field(default=None, exclude_if=lambda v: v is None)
    repeated: bool = Field(default=False, exclude_if=lambda v: not v)
    keys: dict[str, list[int]] = Field(default_factory=dict, exclude_if=lambda v: not v)


class Formula(_Model):
    """(added) A workbook cell computed by a formula; its value in ``rows`` is the cached one."""

    row: int
    col: int
    text: str  # as written: =SUM(I14:I25)+G7
    grid: str | None = None  # references as cells of ``rows``: =SUM(R13C8:R24C8)+R5C6; None when one falls outside


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
    # (added) understanding, filled once by patterns.table_roles.annotate
    header_rows: int | None = None  # rows before the first data row
    identity: str | None = None  # which standard table: 收支总表, 基本支出经济分类表, 三公经费表 …
    fund: str | None = Field(default=None, description=(
        "(added) which fund the caption names: 一般公共预算, 政府性基金, 国有资本经营, 财政拨款 (every fund "
        "of the grant), null (every source); filled when a JSON without it is checked"))
    stage: str | None = Field(default=None, description=(
        "(added) 决算 or 预算, as the caption names it (null: neither); filled when a JSON without it is checked"))
    columns: list[ColumnRole] = Field(default_factory=list)
    parts: list[TablePart] = Field(default_factory=list)
    # (added) one entry per cell of ``rows``: its number as printed, None where it holds none
    values: list[list[CellValue | None]] = Field(default_factory=list)
    # (added) what each row's words say (totals, repeated headers, column meanings), sparse;
    # None when not read (a JSON written before it): patterns.table_reading reads it when asked
    reading: list[RowReading] | None = None
    formulas: list[Formula] = Field(default_factory=list)  # (added) XLSX formula cells
    # (added) rebuilt from a form that arrived as text without its ruling lines (cells separated
    # by spaces or ``|``, merged headings not repeated): its columns were aligned by reading
    flattened: bool = Field(default=False, exclude_if=lambda v: not v)

    def page_of(self, row: int | None = None) -> int | None:
        """The page ``row`` stands on: ``row_pages`` where it matches ``rows`` (a table merged
        over a page break has ``pages=[7, 8]``; a row on page 8 is located there), else the
        first page (formats without pages, an old or hand-edited JSON), else None."""
        pages = self.row_pages
        if row is not None and 0 <= row < len(pages) and len(pages) == len(self.rows):
            return pages[row]
        return self.pages[0] if self.pages else None


class Amount(_Model):
    text: str
    value: float
    page: int | None = None
    context: str = ""


class Claim(_Model):
    """A figure (or a conclusion in words) the running text states about something.

    ``subject`` is the version-1 dotted name (``功能分类.统计管理（项）.比上年``). (added) The
    same facts as data, so that no reader slices the string: ``kind`` (which family of
    statement), ``path`` (the names it is about, outermost first: ``[收入预算, 财政拨款收入]``),
    ``field`` (which figure of it: 金额, 比上年, 增减额, 占比, 得分 …; None for the amount
    itself where the subject prints no field), ``nth`` (the 2nd part of the same name in one
    statement). A claim given only a subject (an old JSON, a hand-built claim) gets its typed
    parts from it; one given only typed parts gets its subject (``extractor/subjects.py``).
    """

    subject: str = ""
    text: str
    value: float | None = None
    unit: str | None = None
    page: int | None = None
    value_text: str | None = None  # (added) the number as printed, for precision
    kind: ClaimKind | None = None  # (added)
    path: list[str] = Field(default_factory=list)  # (added)
    field: str | None = None  # (added)
    nth: int | None = None  # (added)

    @model_validator(mode="after")
    def _typed(self) -> Claim:
        """Fill whichever side (subject or typed parts) was not given."""
        if self.kind is None:
            self.kind, self.path, self.field, self.nth = parse_subject(self.subject)
        elif not self.subject:
            self.subject = subject_of(self.kind, self.path, self.field, self.nth)
        return self


class TextEvent(_Model):
    """(added) A fact of the running text or of a table cell that ``patterns.events`` reads
    for the ``consistency.*`` rules, so that the checker never runs the finders itself.

    ``kind``: ``dated`` (``11 月发放补助 36 人，每人 500 元``: ``month``, ``year``, ``count``,
    ``unit``, ``price``, ``verb``, ``topic``; also a row of a table with a 月份 and a 人数
    column), ``month_list`` (``分别于 2 月、9 月和 10 月``: ``months``, ``year``, ``topic``),
    ``plan`` (``2022 年，将…``: ``year``, ``marker``, ``when``, ``month``, ``sentence``),
    ``actor`` (a body named as the doer: ``names``, ``how``, ``sentence``). ``text`` is the
    words read; ``source`` the sentence or cell they stand in, at ``page``/``table``/``row``/
    ``col`` (``start``/``end`` into ``source``); ``from_columns`` marks a table row read through its 月份/人数 columns.
    """

    kind: Literal["dated", "month_list", "plan", "actor"]
    text: str
    source: str
    page: int | None = None
    table: str | None = None
    row: int | None = None
    col: int | None = None
    start: int = 0  # offsets of ``text`` in ``source`` (dated, month_list)
    end: int = 0
    from_columns: bool = False
    year: int | None = None
    month: int | None = None
    months: list[int] = Field(default_factory=list)
    count: int | None = None
    unit: str | None = None
    price: float | None = None
    verb: str = ""
    topic: str = ""
    marker: str = ""
    when: str = ""
    sentence: str = ""
    names: list[str] = Field(default_factory=list)
    how: str = ""


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


class TextBlock(_Model):
    """(added) A paragraph or heading of the running text, in reading order.

    Kept so that a reader of the JSON has the whole document (archives are digitised
    through it) and so that rules can read what lies outside tables: a 目录, a title line,
    the note under a table (``注：本部门无…，故本表为空``).
    """

    text: str
    page: int | None = None
    kind: Literal["paragraph", "heading"] = "paragraph"
    after: str | None = None  # id of the table printed just before this block, if any


class Report(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    document: DocumentMeta = Field(default_factory=DocumentMeta)
    projects: list[Project] = Field(default_factory=list)
    tables: list[TableOut] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    blocks: list[TextBlock] = Field(default_factory=list)  # (added) the running text
    events: list[TextEvent] = Field(default_factory=list)  # (added) dates, plans, doers (patterns.events)
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

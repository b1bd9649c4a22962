"""``recognise(doc)``: an extracted Document → the contract Report (without findings).

How a document becomes projects:

- Forms (申报表 / 自评表, or any document whose tables carry a ``项目名称`` form): one
  project per form; a form with the same name as the current project continues it (a
  申报表 printed over several tables), and indicator tables before any form open an
  unnamed project (OCR lost the name).
- Reports (绩效评价报告 / 运行监控报告): one project, named by the document meta or the
  ``项目名称`` line. Reports print the same indicators several times (表3, the section
  tables with 小计, 附件1); consecutive tables with the same header and no text between
  them are one table split by page breaks, and the most complete of the resulting
  groups wins (see ``IndicatorSection.completeness``); its 合计 row gives the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.contract import (
    Budget,
    DocumentMeta,
    Formula,
    Indicator,
    Project,
    Report,
    Score,
    Source,
    TableOut,
    TextBlock,
)
from extractor.document import Block, Document, Table
from patterns.budget import budget_from_form, budget_from_prose, merge, read_budget_table
from patterns.events import event_claims, report_events
from patterns.flat_forms import unflatten
from patterns.forms import as_dict, clean_name, name_from_strips, name_rows, read_form, repair_name
from patterns.headers import find_headers, normalise, vocabulary
from patterns.indicators import IndicatorSection, clean_text, fill_from_codes, read_indicator_tables
from patterns.juesuan import juesuan_claims
from patterns.lazyre import re
from patterns.lexicon import grade_for
from patterns.meta import document_meta
from patterns.numbers import parse_number
from patterns.prose import extract_amounts, extract_claims
from patterns.segment import segmenter
from patterns.table_roles import annotate
from patterns.tables import origin_rows, page_list, table_unit, window
from patterns.values import parse_value


@dataclass
class _Part:
    """What one table contributed, in reading order."""

    table: Table
    form: dict[str, str] = field(default_factory=dict)
    sections: list[IndicatorSection] = field(default_factory=list)
    budget: Budget | None = None
    budget_indicator: Indicator | None = None
    text_before: bool = False  # running text stands between this table and the previous one
    recovered: bool = False  # the name was read from OCR column strips, not a 项目名称 cell


def _read_parts(doc: Document) -> list[_Part]:
    """Every table read as form, indicator sections and budget, in reading order.

    A table holding several forms (a text reader's one table for a whole 自评表 file)
    is read as one window per ``项目名称`` row.
    """
    parts: list[_Part] = []
    blocks_before: list[Block] = []
    previous: IndicatorSection | None = None
    text_since = True
    for item in doc.items:
        if isinstance(item, Block):
            blocks_before.append(item)
            if item.text.strip():
                text_since = True
            continue
        unit = table_unit(item, blocks_before)
        starts = sorted({0, *name_rows(item)})
        bounds = list(zip(starts, [*starts[1:], item.n_rows], strict=True))
        for k, (start, stop) in enumerate(bounds):
            table = item if len(bounds) == 1 else window(item, start, stop)
            carry = None if (text_since or k > 0) else previous
            sections = read_indicator_tables(table, parse_value, parse_number, carry)
            first_header = sections[0].header.row if sections else None
            form = as_dict(read_form(table, first_header if first_header and first_header > 0 else None))
            read = read_budget_table(table, unit, parse_number, parse_value)
            part = _Part(table=table, form=form, sections=sections, text_before=text_since or k > 0)
            if read is not None:
                part.budget, part.budget_indicator = read.budget, read.indicator
                if not form.get("name") and sections and not _budget_kinds(part):
                    # the budget came from column strips: the name heads one of them
                    strip_name = name_from_strips(table, first_header)
                    if strip_name:
                        form["name"], part.recovered = strip_name, True
            parts.append(part)
            if sections:
                previous = sections[-1]
        text_since = False
    return parts


def _groups(parts: list[_Part]) -> list[IndicatorSection]:
    """Sections joined across tables split by page breaks (same header, no text between)."""
    groups: list[IndicatorSection] = []
    for part in parts:
        for k, s in enumerate(part.sections):
            joins = groups and k == 0 and not part.text_before and groups[-1].kinds == s.kinds
            if joins:
                groups[-1] = IndicatorSection(
                    table=groups[-1].table,
                    header=groups[-1].header,
                    indicators=groups[-1].indicators + s.indicators,
                    totals=groups[-1].totals + s.totals,
                )
            else:
                groups.append(IndicatorSection(s.table, s.header, list(s.indicators), list(s.totals)))
    return groups


def _score(section: IndicatorSection | None) -> Score:
    if section is None:
        return Score()
    main = [t for t in section.totals if t.label != "小计"]
    if not main:
        return Score()
    t = main[-1]
    return Score(total=t.score, max=t.weight)


def _grade_from_text(blocks: list[Block]) -> str | None:
    phrases = vocabulary()["grade_phrases"]
    for b in blocks:
        text = normalise(b.text).replace("*", "")
        for p in phrases:
            m = re.search(re.escape(p) + r"[\"“”'‘’「」]?(优秀|优|良好|良|中等|中|合格|差|不合格)", text)
            if m:
                return {"优秀": "优", "良好": "良", "中等": "中"}.get(m.group(1), m.group(1))
    return None


def _report_project(doc: Document, meta: DocumentMeta, parts: list[_Part], claims, amounts) -> Project:
    groups = [g for g in _groups(parts) if g.indicators]
    best = max(groups, key=lambda g: g.completeness()) if groups else None
    indicators = list(best.indicators) if best else []
    fill_from_codes(indicators)
    budget = Budget()
    # a 预算执行情况表 (with an item column and a 合计 row) outranks budget blocks of forms
    ranked = sorted((p for p in parts if p.budget is not None), key=lambda p: "item" not in _budget_kinds(p))
    for p in ranked:
        budget = merge(budget, p.budget)
    budget = merge(budget, budget_from_prose(claims, amounts))
    score = _score(best)
    printed = _grade_from_text(doc.blocks)
    if printed:
        score.grade, score.grade_source = printed, "printed"
    elif score.total is not None:
        score.grade, score.grade_source = grade_for(score.total), "derived"
    name = clean_text(meta.project) or _name_from_text(doc.blocks)
    return Project(name=name, budget=budget, score=score, indicators=indicators)


def _budget_kinds(part: _Part) -> set[str]:
    """Column kinds of the part's budget header (``item`` marks a 预算执行情况表)."""
    hs = find_headers(origin_rows(part.table), "budget_columns")
    return set(hs[0].columns) if hs else set()


def _name_from_text(blocks: list[Block]) -> str | None:
    """``项目名称：…`` on one line, or a ``项目名称`` heading and the line after it."""
    for k, b in enumerate(blocks[:80]):
        m = re.match(r"\s*[#\s]*(?:[(（][一二三四五六七八九十\d]+[)）]\s*)?项目名称\s*[:：]?\s*(.*)", b.text)
        if not m or re.search(r"\.{3,}|…{2,}", b.text):
            continue  # a table-of-contents line
        name = m.group(1).strip() or (blocks[k + 1].text if k + 1 < len(blocks) else "")
        name = clean_text(name).rstrip("。.;；")
        if name:
            return name
    return None


def _is_word(text: str) -> bool:
    return segmenter().freq(text) > 0


def _form_projects(parts: list[_Part], parse_number) -> list[Project]:
    projects: list[Project] = []
    current: Project | None = None
    recovered: list[Project] = []
    for part in parts:
        # a 部门整体 form names its department (部门名称), not a project: the department stands for it;
        # one that prints only 主管部门 (no 项目名称, no 实施单位: 重庆 部门整体绩效自评表) is named by it
        alone = part.form.get("department") if not part.form.get("organisation") else None
        name = clean_name(part.form.get("name") or part.form.get("body") or alone) or None
        if name and (current is None or current.name != name):
            if current is not None and current.name is None and not current.indicators:
                current.name = name
            else:
                current = Project(name=name)
                projects.append(current)
            if part.recovered:
                recovered.append(current)
        if part.form and current is not None:
            current.budget = merge(
                current.budget, budget_from_form(part.form, parse_number, annual=part.budget is None)
            )
        if (part.sections or part.budget) and current is None:
            current = Project(name=None)
            projects.append(current)
        if current is None:
            continue
        if part.budget is not None:
            current.budget = merge(current.budget, part.budget)
        if part.budget_indicator is not None:
            current.indicators.append(part.budget_indicator)
        for s in part.sections:
            current.indicators.extend(s.indicators)
            main = [t for t in s.totals if t.label != "小计"]
            if main and current.score.total is None:
                current.score = Score(total=main[-1].score, max=main[-1].weight)
    for p in recovered:  # OCR misread the name's characters too: its indicators spell them
        p.name = repair_name(p.name or "", (i.name for i in p.indicators), _is_word) or p.name
    for p in projects:
        fill_from_codes(p.indicators)
        if p.score.total is not None and p.score.grade is None:
            p.score.grade, p.score.grade_source = grade_for(p.score.total), "derived"
    return projects


def _department_projects(parts: list[_Part]) -> list[Project]:
    """A 部门预算/决算's projects: only its 项目绩效目标表 forms, each with its own money block.

    The department's own tables (收支总表, 功能分类, 三公 …) are the department's figures,
    kept by table in ``Report.tables``; none of them is any project's budget, so they are
    not read as one (a 说明 sentence in 万元 is compared with the figure it names, never
    with "the budget" of a department taken for a project).
    """
    first = next((k for k, p in enumerate(parts) if p.form.get("name")), None)
    if first is None:
        return []
    kept = [p if p.form.get("name") or p.sections else _Part(table=p.table, text_before=p.text_before) for p in parts[first:]]
    return [p for p in _form_projects(kept, parse_number) if p.name]


def _table_out(table: Table, unit: str | None) -> TableOut:
    return annotate(TableOut(
        id=table.id,
        pages=list(table.pages),
        caption=table.caption,
        unit=unit,
        rows=[[str(c) for c in row] for row in table.grid()],
        spans=table.spans(),
        row_pages=page_list(table),
        formulas=[Formula(row=r, col=c, text=t, grid=g) for r, c, t, g in table.formulas],
        flattened=table.flattened,
    ))


def _form_title(title: str | None) -> bool:
    """A title that names a form (项目支出绩效目标执行监控表), not a report: its forms are read
    project by project even when the kind is a report's (a 监控表 is filed as monitoring)."""
    t = normalise(title or "")
    return bool(t) and re.sub(r"[（(][^）)]*[）)]$", "", t).endswith("表")


def recognise(doc: Document) -> Report:
    """The contract Report for ``doc``: meta, projects, tables, amounts, claims."""
    doc = unflatten(doc)  # a form pasted as text, without its ruling lines, read as the table it is
    meta = document_meta(doc)
    claims, amounts = extract_claims(doc.blocks), extract_amounts(doc.blocks)
    claims += event_claims(doc.blocks)  # plans, doers, month lists: for the consistency.* rules
    claims += juesuan_claims(doc.blocks)  # a 部门决算's 说明 figures: for checker/rules/final_accounts.py
    parts = _read_parts(doc)
    named_forms = [p for p in parts if p.form.get("name")]
    if meta.kind == "budget":
        projects = _department_projects(parts)
    elif (meta.kind in ("evaluation_report", "monitoring_report") and not (named_forms and _form_title(meta.title))) or (
        meta.kind not in ("self_assessment", "target_declaration") and not named_forms
    ):
        projects = [_report_project(doc, meta, parts, claims, amounts)] if parts or meta.project else []
    else:
        projects = _form_projects(parts, parse_number)
    blocks: list[Block] = []
    text: list[TextBlock] = []
    tables = []
    for item in doc.items:
        if isinstance(item, Block):
            blocks.append(item)
            text.append(TextBlock(text=item.text, page=item.page, kind=item.kind, after=tables[-1].id if tables else None))
        else:
            tables.append(_table_out(item, table_unit(item, blocks)))
    source = Source(
        file=doc.file,
        sha256=doc.sha256,
        format=doc.format,
        pages=doc.pages,
        ocr_pages=list(doc.ocr_pages),
        warnings=list(doc.warnings),
    )
    report = Report(
        source=source, document=meta, projects=projects, tables=tables, amounts=amounts, claims=claims, blocks=text
    )
    report.events = report_events(report)  # dates, plans, doers: read once, for the consistency.* rules
    return report

"""The same quantity printed twice: prose claims against tables, declarations against budgets."""

from __future__ import annotations

from checker.claims import attach, other_year, printed_of, statement_claim
from checker.finding import at_indicator, at_table, finding, ind_name, on_page, proj_label, table_name
from checker.helpers import denominators, rate_findings
from checker.numbers import Printed, fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.tables import norm
from checker.tolerance import equal, explain, printed_interval, severity, total, verdict
from extractor.contract import Claim, Finding, Indicator, Location, Project, Report, TableOut
from patterns.lazyre import re
from patterns.rule_words import crossref_words

_CODE = re.compile(r"(?<![A-Za-z0-9])([A-Z]\d{1,3})(?![0-9])")


def _indicator_of(project: Project, claim: Claim) -> Indicator | None:
    """The indicator a claim names, by code (D31) or else by its longest contained name."""
    for text in (claim.subject, claim.text):
        for code in _CODE.findall(text or ""):
            for ind in project.indicators:
                if ind.code == code:
                    return ind
    hay = norm(claim.subject)
    named = [i for i in project.indicators if i.name and norm(i.name) in hay]
    return max(named, key=lambda i: len(i.name)) if named else None


def _field_of(claim: Claim) -> str:
    """``weight`` for 满分/分值 claims, ``score`` for 得分 claims, read from subject or text."""
    s = norm(claim.subject)
    words = crossref_words()
    if any(w in s for w in words.weight):
        return "weight"
    if any(w in s for w in words.score) or s.endswith(words.score_suffix):
        return "score"
    vt = norm(claim.value_text or "")
    t = norm(claim.text)
    i = t.find(vt) if vt else -1
    before = t[max(0, i - 4) : i] if i >= 0 else ""
    return "weight" if any(w in before for w in words.weight) else "score"


def _location(claim: Claim) -> Location:
    return Location(page=claim.page)


def _score_claims(report: Report, cl: Claim, p: Project) -> list[Finding]:
    ind = _indicator_of(p, cl)
    pr, _ = printed_of(cl)
    dec = pr.decimals if pr else None
    if ind is not None:
        field = _field_of(cl)
        table_value = ind.weight if field == "weight" else ind.score
        if table_value is None:
            return []
        v = verdict(table_value, cl.value, dec)
        if (sev := severity(v)) is None:
            return []
        word = "满分" if field == "weight" else "得分"
        col = "分值" if field == "weight" else "得分"
        return [
            finding(
                "crossref.claims",
                sev,
                f"正文{on_page(cl.page)}称指标“{ind_name(ind)}”{word} {fmt(cl.value)} 分，"
                f"而评分表{on_page(ind.source.page)}该指标{col}为 {fmt(table_value)} 分（差 {fmt(cl.value - table_value)}）",
                table_value,
                cl.value,
                [_location(cl), at_indicator(ind)],
            )
        ]
    s = norm(cl.subject)
    if any(w in s for w in crossref_words().total_score) and p.score.total is not None:
        v = verdict(p.score.total, cl.value, dec)
        if (sev := severity(v)) is None:
            return []
        return [
            finding(
                "crossref.claims",
                sev,
                f"正文{on_page(cl.page)}称总分 {fmt(cl.value)} 分，而评分表合计得分为 {fmt(p.score.total)} 分；{explain(v, dec)}",
                p.score.total,
                cl.value,
                [_location(cl)],
            )
        ]
    return []


def _money_claim(report: Report, cl: Claim, p: Project) -> list[Finding]:
    s = norm(cl.subject)
    fields: tuple[str, ...] = ()
    for words, names in crossref_words().money_fields:
        if any(w in s for w in words):
            fields = names
            break
    cands = [(f, getattr(p.budget, f)) for f in fields if getattr(p.budget, f) is not None]
    if not cands:
        return []
    pr, scale = printed_of(cl)
    dec = pr.decimals if pr else None
    best = None
    for f, val in cands:
        v = verdict(val, cl.value, dec, scale)
        if v == "exact":
            return []
        if best is None or (best[2] == "error" and v != "error"):
            best = (f, val, v)
    f, val, v = best
    names = {"adjusted": "调整后预算", "spent": "实际支出", "initial": "年初预算", "total": "预算总额"}
    printed = cl.value_text or fmt(cl.value)
    loc = [Location(page=p.budget.source.page, table=p.budget.source.table, row=p.budget.source.row)] if p.budget.source else []
    return [
        finding(
            "crossref.claims",
            severity(v),
            f"正文{on_page(cl.page)}“{cl.text}”中 {printed} 即 {fmt(cl.value, 2)} 元，"
            f"而表中{proj_label(p) if len(report.projects) > 1 else ''}{names[f]}为 {fmt(val, 2)} 元（差 {fmt(val - cl.value, 2)} 元）；{explain(v, dec, '万元' if scale == 1e4 else '')}",
            val,
            cl.value,
            [_location(cl)] + loc,
        )
    ]


def _total_claim(report: Report, cl: Claim) -> list[Finding]:
    """A multi-project document's ``涉及项目预算资金 291.42 万元`` against Σ project budgets."""
    vals = [p.budget.total if p.budget.total is not None else p.budget.initial for p in report.projects]
    if not vals or any(v is None for v in vals):
        return []
    value = sum(vals)
    pr, scale = printed_of(cl)
    dec = pr.decimals if pr else None
    v = verdict(value, cl.value, dec, scale)
    if (sev := severity(v)) is None:
        return []
    if sev == "error" and report.document.kind == "budget":
        sev = "warning"  # a 部门预算 prints a selection of its forms: which total is meant is a reading
    return [
        finding(
            "crossref.claims",
            sev,
            f"正文{on_page(cl.page)}称 {len(vals)} 个项目预算资金 {cl.value_text or fmt(cl.value)}（{fmt(cl.value, 2)} 元），"
            f"各项目资金总额之和为 {fmt(value, 2)} 元（差 {fmt(value - cl.value, 2)} 元）；{explain(v, dec, '万元' if scale == 1e4 else '')}",
            value,
            cl.value,
            [_location(cl)],
        )
    ]


@rule("crossref.claims", "error", "正文所述数字与表中同一数量不符")
def claims(report: Report, config: CheckConfig) -> list[Finding]:
    """Prose claims against the tables: 满分/得分 of an indicator, 总分, 执行率, and money in
    万元 against 元 (230.274 万元 vs 2,302,740.00; 19.8676 万元 vs 198,676.5 元 is
    truncation). Claims about another year or another project are left alone."""
    out: list[Finding] = []
    sections: dict[int, tuple[Project, list[Claim]]] = {}  # budget claims attached by position
    for cl in report.claims:
        if cl.value is None or other_year(report, cl) or statement_claim(cl):
            continue
        s = norm(cl.subject)
        if len(report.projects) > 1 and re.search(r"项目\s*\d+\s*个|\d+\s*个项目", cl.text) and cl.unit in ("元", "万元"):
            out += _total_claim(report, cl)
            continue
        p, how = attach(report, cl)
        if p is None:
            continue
        if how == "position" and cl.unit in ("元", "万元") and _budget_word(cl):
            sections.setdefault(id(p), (p, []))[1].append(cl)
            continue
        if cl.unit == "分":
            out += _score_claims(report, cl, p)
        elif cl.unit == "%" and any(w in s for w in crossref_words().rate) and p.budget.spent is not None:
            pr, _ = printed_of(cl)
            out += rate_findings(
                "crossref.claims", f"正文{on_page(cl.page)}所述{proj_label(p)}", p.budget.spent, denominators(p.budget), cl.value, pr.decimals if pr else 0, [_location(cl)]
            )
        elif cl.unit in ("元", "万元"):
            out += _money_claim(report, cl, p)
    for p, said in sections.values():
        out += _money_claim(report, said[0], p) if len(said) == 1 else _section_parts(said, p)
    return out


def _budget_word(cl: Claim) -> bool:
    """A claim about the budget itself (预算/资金总额/安排/申请), not 支出 or 调整."""
    s = norm(cl.subject)
    words = crossref_words()
    return not any(w in s for w in words.adjusted + words.spent) and any(w in s for w in words.budget)


def _section_parts(said: list[Claim], p: Project) -> list[Finding]:
    """Several budget figures in one project's section are its parts: their sum against its budget.

    Songjiang 维稳工作: 维稳基金 125 万元 + 劝返稳控 88.25 万元 + 第三方社会力量 23.9 万元 =
    2,371,500 元 = the form's 项目资金总额.
    """
    want = p.budget.total if p.budget.total is not None else p.budget.initial
    if want is None:
        return []
    parts = [(cl, *printed_of(cl)) for cl in said]
    value = sum(cl.value for cl in said)
    iv = total([printed_interval(cl.value, pr.decimals if pr else None, None, scale) for cl, pr, scale in parts])
    if equal(value, want):
        return []
    sev = "rounding" if iv.contains(want) else "error"
    terms = " + ".join(cl.value_text or fmt(cl.value) for cl in said)
    pages = sorted({cl.page for cl in said if cl.page is not None})
    where = f"（第 {'、'.join(map(str, pages))} 页）" if pages else ""
    return [
        finding(
            "crossref.claims",
            sev,
            f"正文{where}{proj_label(p)}一节所列各项预算 {terms} = {fmt(value, 2)} 元，而该项目资金总额为 {fmt(want, 2)} 元"
            f"（差 {fmt(want - value, 2)} 元）；{'差异在各项打印精度之内，属舍入差异' if sev == 'rounding' else '差异超出打印精度可解释的范围'}",
            want,
            value,
            [_location(cl) for cl in said],
        )
    ]


# one printed declaration: its project, table, label, the budget it is held to, the figure, where
_Declared = tuple[Project, TableOut, str, float, Printed, Location]


@rule("crossref.declared", "warning", "申报表/自评表所列资金总额与项目预算不一致")
def declared(report: Report, config: CheckConfig) -> list[Finding]:
    """The 项目资金总额 a form prints against the project's 年初预算 (or 预算总额).

    A declaration may legitimately precede a cut, so this is a warning; but seed 000's
    declaration of 2,610,000 元 against a 2022 budget of 2,500,000 元 is the 2021 figure.
    A form prints that figure in both 项目资金总额 and 年度资金申请总额: one figure, one
    finding naming every place it stands (``_merge_declared``).
    """
    found: list[_Declared] = []
    names = {norm(p.name): p for p in report.projects if p.name}
    for t in report.tables:
        single = report.projects[0] if len(report.projects) == 1 else None
        proj, since = single, 0
        for r, row in enumerate(t.rows):
            named = next((names[norm(x)] for x in row if norm(x) in names), None)
            if named is not None:
                proj, since = named, r
            elif proj is not single and r - since > 6:
                proj = single  # a form's money block sits a few rows under its 项目名称
            want = None
            if proj is not None:
                want = proj.budget.initial if proj.budget.initial is not None else proj.budget.total
            for c, x in enumerate(row):
                if norm(x) not in crossref_words().declared_labels or want is None:
                    continue
                nxt = next((k for k in range(c + 1, len(row)) if norm(row[k])), None)
                p = parse_cell(row[nxt]) if nxt is not None else None
                if p is not None and _money_in_wan(t, r, c):  # 项目资金（万元）: the form's own unit
                    p = Printed(p.value * 1e4, max(p.decimals - 4, 0), p.unit)
                if p is None or abs(p.value - want) < 1e-6:
                    continue
                found.append((proj, t, norm(x), want, p, at_table(t, r, nxt)))
    return _merge_declared(found)


def _money_in_wan(t: TableOut, r: int, c: int) -> bool:
    """Whether the form states its money block in 万元: the table's unit, or a label of this
    row or of the block's heading rows above it (``项目资金（万元）``)."""
    if t.unit == "万元":
        return True
    cells = list(t.rows[r][: c + 1]) + [x for row in t.rows[max(0, r - 3) : r] for x in row[:2]]
    return any("万元" in norm(x) for x in cells)


def _merge_declared(found: list[_Declared]) -> list[Finding]:
    """One finding per declared figure: the same value against the same budget of the same
    project, wherever the forms repeat it.

    Modelled on ``engine.merge_repeated_rounding``, which does this for rounding only: seed 000's
    基础表1 prints 2,610,000 as 项目资金总额 and again as 年度资金申请总额, and two warnings
    for one copied figure read as two mistakes. Values that differ stay apart (each is its
    own correction), as do different projects or budgets.
    """
    groups: dict[tuple[int, float, float], list[_Declared]] = {}
    for item in found:
        proj, _, _, want, p, _ = item
        groups.setdefault((id(proj), round(p.value, 6), round(want, 6)), []).append(item)
    out: list[Finding] = []
    for items in groups.values():
        proj, _, _, want, p, _ = items[0]
        places: list[str] = []  # 表名“字段”, a table named once for its consecutive fields
        for k, (_, t, label, _, _, _) in enumerate(items):
            same_table = k > 0 and items[k - 1][1] is t
            places.append(f"“{label}”" if same_table else f"{table_name(t)}“{label}”")
        locations: list[Location] = []
        for *_, loc in items:
            if loc not in locations:
                locations.append(loc)
        said = f"{'、'.join(places)}均印为" if len(items) > 1 else f"{places[0]}印为"
        out.append(
            finding(
                "crossref.declared",
                "warning",
                f"{said} {fmt(p.value, 2)} 元，而{proj_label(proj)}年初预算为 {fmt(want, 2)} 元"
                f"（差 {fmt(p.value - want, 2)} 元）",
                want,
                p.value,
                locations,
            )
        )
    return out

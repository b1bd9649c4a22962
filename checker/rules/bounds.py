"""Scores and rates inside their bounds; score totals, level-1 weights and grades."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator

from checker import completion
from checker.finding import at_indicator, at_table, finding, ind_name, on_page, proj_label, table_name
from checker.helpers import score_decimals
from checker.numbers import decimals_of_float, fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.shortfall import classify, project_shortfall, table_shortfall
from checker.tables import SCORE, WEIGHT, column_run, find_col, header_text, norm, says, total_label
from checker.tolerance import explain, printed_interval, severity, total, verdict
from extractor.contract import Claim, Finding, Indicator, Location, Project, Report, TableOut
from patterns.lazyre import re
from patterns.lexicon import grade_row_columns
from patterns.rule_words import crossref_words, scoring_words


def _dec(text: str | None, value: float | None) -> int:
    """Decimals as printed, else as the float shows them."""
    p = parse_cell(text) if text else None
    if p:
        return p.decimals
    return decimals_of_float(value) if value is not None else 0


def weight_decimals(project: Project) -> int:
    ds = [0]
    for i in project.indicators:
        p = parse_cell(i.weight_text) if i.weight_text else None
        ds.append(p.decimals if p else (decimals_of_float(i.weight) if i.weight is not None else 0))
    return max(ds)


@rule("score.bounds", "error", "得分超出 0 至分值的范围")
def score_bounds(report: Report, config: CheckConfig) -> list[Finding]:
    """0 ≤ 得分 ≤ 分值 for every indicator that prints both."""
    out: list[Finding] = []
    for p in report.projects:
        for ind in p.indicators:
            if ind.weight is None or ind.score is None:
                continue
            if ind.score < 0 or ind.score > ind.weight + 1e-9:
                out.append(
                    finding(
                        "score.bounds",
                        "error",
                        f"指标“{ind_name(ind)}”得分 {fmt(ind.score)} 超出分值范围 0–{fmt(ind.weight)}",
                        ind.weight,
                        ind.score,
                        [at_indicator(ind)],
                    )
                )
    seen = {(i.source.table, i.source.row) for p in report.projects for i in p.indicators}
    return out + _table_score_bounds(report, seen)


def _table_score_bounds(report: Report, seen: set[tuple[str | None, int | None]]) -> list[Finding]:
    """得分 ≤ 分值 on every row of every table with both columns, not only the recognised ones.

    Reports print one score table several times (表3, the section tables with 小计, 附件);
    the recogniser keeps the most complete copy, so a 得分 above its 分值 in another copy
    would otherwise go unseen.
    """
    out: list[Finding] = []
    for table, r, row, wc, sc in _column_rows(report.tables, _score_columns):
        if (table.id, r) in seen or total_label(table, r):
            continue
        w, s = parse_cell(row[wc]), parse_cell(row[sc])
        if w is None or s is None or "%" in row[wc] + row[sc]:
            continue
        if s.value < 0 or s.value > w.value + 1e-9:
            msg = f"{table_name(table)}第 {r} 行得分 {fmt(s.value, s.decimals)} 超出分值范围 0–{fmt(w.value, w.decimals)}"
            out.append(finding("score.bounds", "error", msg, w.value, s.value, [at_table(table, r, sc), at_table(table, r, wc)]))
    return out


def _column_rows(tables: list[TableOut], columns: Callable[[TableOut], tuple[int, int, int] | None]
                 ) -> Iterator[tuple[TableOut, int, list[str], int, int]]:
    """(table, row number, row, column a, column b) for every row under the header row that
    ``columns`` finds (header row, a, b), the row long enough to hold both columns."""
    for table in tables:
        if (cols := columns(table)) is None:
            continue
        h, a, b = cols
        for r in range(h + 1, len(table.rows)):
            if max(a, b) < len(row := table.rows[r]):
                yield table, r, row, a, b


def _score_columns(table: TableOut) -> tuple[int, int, int] | None:
    """(header row, 分值 column, 得分 column) of a score table, else None."""
    for h in range(min(4, len(table.rows))):
        wc, sc = find_col(table, h, WEIGHT), find_col(table, h, SCORE)
        if wc is not None and sc is not None and wc != sc:
            return h, wc, sc
    return None


def _rate_problem(name: str, value: float) -> str | None:
    if value < 0:
        return "error"
    if value > 100 + 1e-9:
        return "error" if scoring_words().strict_rate(name) else "warning"
    return None


def _target_problem(ind: Indicator) -> Finding | None:
    """A strict rate's 指标值 above 100 % (合格率 ``292%``): no target can ask for it.

    A warning, not an error: the printed ``≥92%`` whose ``≥`` a PDF or OCR reading turned
    into ``2`` looks just like this, so the message names that reading when it fits. Rates
    that may exceed 100 % (增长率, 完成率, 执行率) are left alone.
    """
    t = ind.target
    if not t or t.value is None or t.unit != "%" or t.value <= 100 + 1e-9 or not scoring_words().strict_rate(ind.name):
        return None
    digits = norm(t.text)
    hint = ""
    if digits.startswith("2") and (rest := parse_cell(digits[1:])) is not None and 0 <= rest.value <= 100:
        hint = f"（若首字“2”是“≥”之误，应为 ≥{digits[1:]}）"
    msg = f"指标“{ind_name(ind)}”年度指标值 {t.text} 超出 0–100%{hint}"
    return finding("rate.bounds", "warning", msg, 100.0, t.value, [at_indicator(ind)])


@rule("rate.bounds", "error", "比率超出 0–100% 的范围")
def rate_bounds(report: Report, config: CheckConfig) -> list[Finding]:
    """Rates within 0–100 %: 执行率, indicator actuals in %, 率 columns, rate claims.

    Satisfaction, 到位率, 办结率 and the like cannot exceed 100 % (error); 执行率 or 完成率
    above 100 % means over-spending or over-fulfilment (warning: possible but worth a look).
    """
    out: list[Finding] = []
    for p in report.projects:
        rate = p.budget.execution_rate
        if rate is not None and (sev := _rate_problem("执行率", rate)):
            loc = [Location(page=p.budget.source.page, table=p.budget.source.table, row=p.budget.source.row)] if p.budget.source else []
            out.append(finding("rate.bounds", sev, f"{proj_label(p)}预算执行率 {fmt(rate)}% 超出 0–100%", 100.0, rate, loc))
        for ind in p.indicators:
            v = ind.actual
            if v and v.value is not None and v.unit == "%" and (sev := _rate_problem(ind.name, v.value)):
                out.append(
                    finding("rate.bounds", sev, f"指标“{ind_name(ind)}”实际完成值 {v.text} 超出 0–100%", 100.0, v.value, [at_indicator(ind)])
                )
            if (f := _target_problem(ind)) is not None:
                out.append(f)
    for t in report.tables:
        for r, row in enumerate(t.rows):
            for c, text in enumerate(row):
                pc = parse_cell(text)
                if pc is None or pc.unit != "%" or 0 <= pc.value <= 100 + 1e-9:
                    continue  # in range: no need to find the column's header (a walk up the column)
                _, hdr = column_run(t, r, c, True)
                if not says(t, hdr, c, "rate"):
                    continue  # not a 率 column, or a 权重 in %
                head = header_text(t, hdr, c)
                if sev := _rate_problem(head, pc.value):
                    out.append(finding("rate.bounds", sev, f"{table_name(t)}“{head}”列第 {r} 行 {norm(text)} 超出 0–100%", 100.0, pc.value, [at_table(t, r, c)]))
    shown = completion.explained(report)  # over-fulfilment its own clause gives (40 ÷ 28 = 143 %)
    for cl in report.claims:
        if cl.unit == "%" and cl.value is not None and "率" in cl.subject + "满意度" and not completion.shown_by_clause(cl, shown):
            if sev := _rate_problem(cl.subject, cl.value):
                out.append(finding("rate.bounds", sev, f"正文“{cl.text}”中{cl.subject} {fmt(cl.value)}% 超出 0–100%", 100.0, cl.value, [Location(page=cl.page)]))
    return out


def _groups(project: Project) -> OrderedDict[str, list[Indicator]]:
    g: OrderedDict[str, list[Indicator]] = OrderedDict()
    for ind in project.indicators:
        if ind.level1:
            g.setdefault(ind.level1, []).append(ind)
    return g


@rule("score.level1_weight", "error", "一级指标下各指标分值之和与其权重不符")
def level1_weight(report: Report, config: CheckConfig) -> list[Finding]:
    """Σ 分值 under one 一级指标 against its printed weight (``10%`` of a 100-point table = 10 分)."""
    out: list[Finding] = []
    for p in report.projects:
        smax = p.score.max if p.score.max is not None else config.score_max
        wd = weight_decimals(p)
        for level1, inds in _groups(p).items():
            lw = next((i.level1_weight for i in inds if i.level1_weight is not None), None)
            ws = [i for i in inds if i.weight is not None]
            if lw is None or not ws:
                continue
            expected = lw / 100.0 * smax
            value = sum(i.weight for i in ws)
            iv = total([printed_interval(i.weight, _dec(i.weight_text, i.weight)) for i in ws])
            v = "exact" if abs(value - expected) < 1e-9 else ("rounding" if iv.contains(expected) else "error")
            sev = severity(v)
            if sev is None:
                continue
            msg = (
                f"一级指标“{level1}”权重 {fmt(lw)}%（满分 {fmt(smax)} 分，即 {fmt(expected)} 分），"
                f"而其下 {len(ws)} 项三级指标分值之和为 {fmt(value, wd)}（差 {fmt(expected - value, wd)}）"
            )
            out.append(finding("score.level1_weight", sev, msg, expected, value, [at_indicator(ws[0])]))
    return out


@rule("score.total", "error", "分值之和与满分、得分之和与总分不符")
def score_total(report: Report, config: CheckConfig) -> list[Finding]:
    """Σ 分值 against score.max and Σ 得分 against score.total, per project.

    A self-assessment's budget block points are added (``shortfall``); a gap of exactly one
    row's weight is left to ``extract.loss``.
    """
    out: list[Finding] = []
    for p in report.projects:
        sf = project_shortfall(report, p, config.score_max)
        if sf is None or classify(sf) != "unexplained":
            continue
        inds = [i for i in p.indicators if i.weight is not None]
        loc = [at_indicator(inds[0])]
        extra = f"（含预算执行率 {fmt(sf.budget_points)} 分）" if sf.budget_points else ""
        wd, sd = weight_decimals(p), score_decimals(p)
        wsum = sf.weight_sum + sf.budget_points
        v = verdict(wsum, sf.weight_total, wd, computed_interval=total([printed_interval(i.weight, _dec(i.weight_text, i.weight)) for i in inds]))
        if sev := severity(v):
            printed = p.score.max is not None
            if not printed and sev == "error":
                sev = "warning"  # the 满分 is the assumed config.score_max: a partial form or another scale reads the same
            out.append(
                finding(
                    "score.total",
                    sev,
                    f"{proj_label(p)}各指标分值之和{extra}为 {fmt(wsum, wd)}，满分{'印为' if printed else '未印出，按'} {fmt(sf.weight_total, wd)}{'' if printed else ' 分计'}"
                    f"（差 {fmt(sf.weight_total - wsum, wd)}）；{explain(v, wd)}",
                    wsum,
                    sf.weight_total,
                    loc,
                )
            )
        if sf.score_total is not None and sf.score_sum is not None:
            ssum = sf.score_sum + sf.budget_score
            v = verdict(ssum, sf.score_total, sd, computed_interval=total([printed_interval(i.score, _dec(i.score_text, i.score)) for i in inds]))
            if sev := severity(v):
                out.append(
                    finding(
                        "score.total",
                        sev,
                        f"{proj_label(p)}各指标得分之和{extra}为 {fmt(ssum, sd)}，总分印为 {fmt(sf.score_total, sd)}"
                        f"（差 {fmt(sf.score_total - ssum, sd)}）；{explain(v, sd)}",
                        ssum,
                        sf.score_total,
                        loc,
                    )
                )
    return out


@rule("extract.loss", "warning", "分值合计比总分少约一行的分值，疑为识别时丢行")
def extract_loss(report: Report, config: CheckConfig) -> list[Finding]:
    """A score table whose rows fall short of its total by one plausible row's weight.

    Warns "rows may have been lost in reading" instead of an arithmetic error: the printed
    total is more likely right than a form that forgot one indicator.
    """
    out: list[Finding] = []
    reported: set[tuple[str, str | None]] = set()  # (table, project): a table may hold several forms
    for t in report.tables:
        for r in range(len(t.rows)):
            lab = total_label(t, r)
            if lab is None or lab[0] != "total":
                continue
            res = table_shortfall(report, t, r)
            if res is None or classify(res[0]) != "lost":
                continue
            sf, wcol, _ = res
            owner = _owner_above(report, t.id, r)
            reported.add((t.id, owner))
            where = f"项目“{owner}”评分表（{t.id}）" if owner and not t.caption else table_name(t)
            out.append(finding("extract.loss", "warning", _loss_message(where, sf), sf.weight_total, sf.weight_sum + sf.budget_points, [at_table(t, r, wcol)]))
    for p in report.projects:
        sf = project_shortfall(report, p, config.score_max)
        if sf is None or classify(sf) != "lost":
            continue
        inds = [i for i in p.indicators if i.weight is not None]
        if any((i.source.table, p.name) in reported for i in inds):
            continue
        out.append(finding("extract.loss", "warning", _loss_message(f"{proj_label(p)}指标表", sf), sf.weight_total, sf.weight_sum + sf.budget_points, [at_indicator(inds[0])]))
    return out


def _owner_above(report: Report, table: str, row: int) -> str | None:
    """The project whose indicator rows end nearest above ``row`` of ``table``: a table that
    holds several forms (seed 002: four self-assessments in one OCR'd table) has a 总分 row
    per form, and each belongs to the form above it."""
    best: tuple[int, str | None] | None = None
    for p in report.projects:
        rows = [i.source.row for i in p.indicators if i.source.table == table and i.source.row is not None]
        above = [x for x in rows if x < row]
        if above and (best is None or max(above) > best[0]):
            best = (max(above), p.name)
    return best[1] if best else None


def _loss_message(where: str, sf) -> str:
    extra = f"，加预算执行率 {fmt(sf.budget_points)} 分为 {fmt(sf.weight_sum + sf.budget_points)}" if sf.budget_points else ""
    msg = (
        f"{where}各行分值之和 {fmt(sf.weight_sum)}{extra}，"
        f"较总分 {fmt(sf.weight_total)} 少 {fmt(sf.weight_gap)}，恰为一行指标的分值，可能有一行在识别中丢失"
    )
    if sf.score_gap is not None:
        msg += f"（得分同样少 {fmt(sf.score_gap)}）"
    return msg + "，请对照原件"


@rule("grade.band", "error", "绩效等级与得分所在分数段不符")
def grade_band(report: Report, config: CheckConfig) -> list[Finding]:
    """The grade word printed (score.grade, or a 评级/等级 claim) against the band of score.total.

    A grade jixiao derived from the default bands (``grade_source == "derived"``) was never
    printed: judging it would report the bands against themselves, or a locality's bands
    against the defaults. Reports of schema 1 without ``grade_source`` keep the old reading.
    """
    out: list[Finding] = []
    for p in report.projects:
        if p.score.total is None:
            continue
        expected = config.grade_for(p.score.total)
        printed: list[tuple[str, list[Location]]] = []
        if p.score.grade and p.score.grade_source != "derived":
            printed.append((p.score.grade, []))
        if len(report.projects) == 1:
            for cl in report.claims:
                if (word := _claim_grade(cl)) is not None:
                    printed.append((word, [Location(page=cl.page)]))
        for word, locs in printed:
            if expected and config.grade_of(norm(word)) != expected:
                out.append(
                    finding(
                        "grade.band",
                        "error",
                        f"{proj_label(p)}总分 {fmt(p.score.total)} 分{_should_be(config, expected)}，而文中评级为“{word}”",
                        None,
                        p.score.total,
                        locs,
                    )
                )
    if not any(p.score.total is not None for p in report.projects):
        out += _sentence_grades(report, config)
    return out


def _grade_columns(table: TableOut) -> tuple[int, int, int] | None:
    """(header row, score column, grade column) of a table graded row by row, else None:
    one header row (of the first three) naming both, the score column not a 分值/权重."""
    score_words, grade_words = grade_row_columns()
    for h in range(min(3, len(table.rows))):
        heads = [norm(t) for t in table.rows[h]]
        sc = [c for c, t in enumerate(heads) if any(t.startswith(w) for w in score_words) and not any(w in t for w in ("分值", "权重"))]
        gc = [c for c, t in enumerate(heads) if any(t.startswith(w) for w in grade_words)]
        if len(sc) == 1 and len(gc) == 1 and sc != gc:
            return h, sc[0], gc[0]
    return None


@rule("grade.rows", "error", "表中各行等级与该行得分所在分数段不符")
def grade_rows(report: Report, config: CheckConfig) -> list[Finding]:
    """Each row's printed grade against the band of its own printed score, in a table of
    projects graded row by row (柯桥区 2023 专项债券项目绩效评价表: 96.5 优, 92 优, 91 优 ✓).

    Bands are ``config``'s (``grades.json`` or a locality's own); a grade cell that is no
    grade word (blank, ``/``) and a score outside 0–100 are passed over.
    """
    out: list[Finding] = []
    grades = {g for _, g in config.bands}
    for t, r, row, sc, gc in _column_rows(report.tables, _grade_columns):
        printed = norm(row[sc])
        if not re.fullmatch(r"\d+(?:\.\d+)?分?", printed):
            continue  # a band legend (60分以下, 80-89) is no score
        score, grade = parse_cell(row[sc]), config.grade_of(norm(row[gc]))
        if score is None or not 0 <= score.value <= 100 or grade not in grades:
            continue
        expected = config.grade_for(score.value)
        if expected and grade != expected:
            name = norm(row[0]) if 0 not in (sc, gc) else ""
            msg = (
                f"{table_name(t)}第 {r} 行{f'“{name}”' if name else ''}得分 {fmt(score.value, score.decimals)} 分"
                f"{_should_be(config, expected)}，而表中等级为“{row[gc].strip()}”"
            )
            out.append(finding("grade.rows", "error", msg, None, score.value, [at_table(t, r, gc)]))
    return out


def _sentence_grades(report: Report, config: CheckConfig) -> list[Finding]:
    """A prose-only report (no score table read): ``综合评分为87.5分，评价等级为“优”`` — one 总分
    and one grade word in one sentence, the score's band against the word."""
    total_words = crossref_words().total_score
    sentences: dict[tuple[int | None, str], list[Claim]] = {}
    for cl in report.claims:
        sentences.setdefault((cl.page, cl.text), []).append(cl)
    out: list[Finding] = []
    for (page, _text), cls in sentences.items():
        totals = [c for c in cls if c.unit == "分" and c.value is not None and any(w in c.subject for w in total_words)]
        grades = [word for c in cls if (word := _claim_grade(c)) is not None]
        if len(totals) != 1 or len(grades) != 1:
            continue
        score, word = totals[0].value, grades[0]
        expected = config.grade_for(score)
        if expected and config.grade_of(norm(word)) != expected:
            out.append(finding(
                "grade.band", "error",
                f"正文{on_page(page)}总分 {fmt(score)} 分{_should_be(config, expected)}，而同句评级为“{word}”",
                None, score, [Location(page=page)]))
    return out


def _claim_grade(cl: Claim) -> str | None:
    """The grade word a 评级/等级 claim prints (``评价等级为“优”``), None for another claim."""
    words = scoring_words()
    if not any(w in cl.subject for w in words.grade_claim_words):
        return None
    m = words.grade_words.search(cl.value_text or cl.text.split(words.grade_after)[-1])
    return m.group(0) if m else None


def _should_be(config: CheckConfig, expected: str) -> str:
    """``应评“良”（80 分及以上）``: the grade a score's band gives, and the band's floor."""
    lo = config.band_floor(expected)
    return f"应评“{expected}”（{fmt(lo) if lo is not None else ''} 分及以上）"


def level1_family(name: str | None) -> str | None:
    """产出 / 效益 / 满意度 / 成本 / None for a 一级指标 name (``C 产出``, ``效益指标``)."""
    n = norm(name)
    return next((fam for fam, words in scoring_words().families if any(w in n for w in words)), None)


def family_points(project: Project) -> dict[str, float]:
    out: dict[str, float] = {}
    for i in project.indicators:
        fam = level1_family(i.level1)
        if fam and i.weight is not None:
            out[fam] = out.get(fam, 0.0) + i.weight
    return out


def default_points(fams: dict[str, float]) -> dict[str, float]:
    """财预〔2020〕10号 / 〔2021〕101号 self-evaluation weights (budget block's 10 aside)."""
    words = scoring_words()
    if "成本" in fams:
        return dict(words.points_with_cost)
    if "满意度" not in fams:
        return dict(words.points_without_satisfaction)
    return dict(words.points_otherwise)


@rule("weights.policy", "info", "一级指标权重与财政部默认权重不同")
def weights_policy(report: Report, config: CheckConfig) -> list[Finding]:
    """Self-assessments: level-1 weights against the Ministry's defaults (产出 50, 效益 30,
    满意度 10, 执行率 10; with 成本: 20/40/20/10) — info, departments may set others.
    Evaluations: 产出 + 效益 must carry at least 60 % (warning)."""
    out: list[Finding] = []
    for p in report.projects:
        fams = family_points(p)
        if not fams:
            continue
        inds = [i for i in p.indicators if i.weight is not None]
        smax = p.score.max if p.score.max is not None else config.score_max
        if report.document.kind == "evaluation_report":
            share = (fams.get("产出", 0.0) + fams.get("效益", 0.0)) / smax * 100
            if share < 60 - 1e-9:
                out.append(
                    finding("weights.policy", "warning", f"{proj_label(p)}产出与效益指标合计权重 {fmt(share)}%，低于财预〔2020〕10号要求的 60%", 60.0, share, [at_indicator(inds[0])])
                )
        elif report.document.kind == "self_assessment":
            sf = project_shortfall(report, p, config.score_max)
            if sf is None or p.score.total is None or p.score.max is None or classify(sf) == "unexplained":
                continue  # the rows were not read whole; score.total says so
            for fam, want in default_points(fams).items():
                got = fams.get(fam, 0.0)
                if abs(got - want) > 1e-9:
                    first = next((i for i in inds if level1_family(i.level1) == fam), inds[0])
                    out.append(
                        finding(
                            "weights.policy",
                            "info",
                            f"{proj_label(p)}{fam}指标分值合计 {fmt(got)}，财政部默认为 {fmt(want)}（部门可另行设定；若有识别丢行，缺口多在此类）",
                            want,
                            got,
                            [at_indicator(first)],
                        )
                    )
    return out

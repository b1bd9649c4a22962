"""Text that contradicts itself without arithmetic: one event given two dates or counts,
a year that does not belong to the document, an organisation that is not the author.

The words these rules read come from what the contract keeps of the running text: claim
sentences (``Claim.text``), money sentences (``Amount.context``) and table cells (a 业绩值
cell holds a whole paragraph). A sentence with no figure the recogniser keeps is not in
the contract, so these rules cannot see it (see the section in ``RULES.md``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.finding import at_table, finding, row_page, table_name
from checker.registry import CheckConfig, rule
from extractor.contract import Finding, Location, Report, TableOut, TextEvent
from patterns import events as ev
from patterns.headers import edit_distance
from patterns.lazyre import re, regex

_SPACE = re.compile(r"\s+")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Unit:
    """One piece of document text with where it stands.

    ``series`` groups the units one statement of a series comes from: a claim sentence
    (the same sentence printed on several pages is one series) or a whole table.
    """

    text: str
    loc: Location
    where: str  # 正文 or the table's caption
    series: str


@lru_cache(maxsize=65536)
def _squash(text: str) -> str:
    # memoised: the 目录 test and the units squash every cell of every table (100,000 calls
    # on the 70 snapshot documents)
    return _SPACE.sub("", text or "")


def _unit(e: TextEvent, tables: dict[str, TableOut]) -> Unit:
    """Where an event stands, as a ``Unit``: a sentence of the 正文 (one series per sentence,
    wherever it is printed again) or a table cell (one series per table)."""
    if e.table is not None:
        t = tables.get(e.table)
        return Unit(e.source, Location(page=e.page, table=e.table, row=e.row, col=e.col),
                    table_name(t) if t is not None else e.table, "t:" + e.table)
    return Unit(e.source, Location(page=e.page), "正文", "s:" + _squash(e.source))


def facts(events: Iterable[TextEvent], report: Report, kind: str) -> list[tuple[Any, Unit]]:
    """(the finder's record, where it stands) of every ``Report.events`` entry of ``kind``."""
    tables = {t.id: t for t in report.tables}
    return [(ev.as_finding(e), _unit(e, tables)) for e in events if e.kind == kind]


def _place(units: Iterable[Unit]) -> str:
    """``正文（第 4、7 页）、基础表3（第 23 页 行 3）``: where a statement stands."""
    by_where: dict[str, list[str]] = {}
    for u in units:
        spots = by_where.setdefault(u.where, [])
        if u.loc.row is not None:
            spot = f"第 {u.loc.page} 页 行 {u.loc.row}" if u.loc.page is not None else f"行 {u.loc.row}"
        elif u.loc.page is not None:
            spot = f"第 {u.loc.page} 页"
        else:
            continue
        if spot not in spots:
            spots.append(spot)
    parts = []
    for where, spots in by_where.items():
        if not spots:
            parts.append(where)
        elif all(s.startswith("第") and "行" not in s for s in spots):
            parts.append(f"{where}（第 {'、'.join(s[2:-2] for s in spots)} 页）")
        else:
            parts.append(f"{where}（{'；'.join(spots)}）")
    return "、".join(parts)


def _locations(units: Iterable[Unit]) -> list[Location]:
    out: list[Location] = []
    for u in units:
        if u.loc not in out:
            out.append(u.loc)
    return out


# ---------------------------------------------------------------- one event, two months


_WORDS = ev.rule_words()  # patterns/data/events.json
_TOPIC_STOP = _WORDS.topic_stop_words


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)} - _TOPIC_STOP


def _same_topic(a: str, b: str, verb_a: str = "", verb_b: str = "") -> bool:
    """Two events speak of the same thing: a shared word (补助 in 困难补助), else the same verb."""
    ba, bb = _bigrams(a), _bigrams(b)
    if ba and bb:
        return bool(ba & bb)
    return bool(verb_a) and verb_a == verb_b


@dataclass(frozen=True)
class _Obs:
    """An event as one unit states it."""

    event: ev.Event
    unit: Unit

    def key(self) -> tuple:
        e = self.event
        return (e.month, e.count, e.unit, e.price)


def _year_ok(a: ev.Event, b: ev.Event) -> bool:
    return a.year is None or b.year is None or a.year == b.year


def _price_ok(a: ev.Event, b: ev.Event) -> bool:
    return a.price is None or b.price is None or a.price == b.price


def _identical(a: ev.Event, b: ev.Event) -> bool:
    return (
        a.month == b.month
        and a.count == b.count
        and a.unit == b.unit
        and _price_ok(a, b)
        and _year_ok(a, b)
        and _same_topic(a.topic, b.topic, a.verb, b.verb)
    )


@dataclass
class _Conflict:
    """Two statements of one event that disagree; ``sides`` maps each version
    (month, count, unit, price) to the places that state it."""

    kind: str  # month / count / list
    sides: dict[tuple, list[_Obs]] = field(default_factory=dict)
    lists: list[tuple[ev.MonthList, Unit]] = field(default_factory=list)

    def add(self, o: _Obs) -> None:
        side = self.sides.setdefault(o.key(), [])
        if o not in side:
            side.append(o)

    def months(self) -> set[int]:
        return {k[0] for k in self.sides}


def _series(events: list[TextEvent], report: Report) -> dict[str, list[_Obs]]:
    """Dated events by series: the sentences' and cells' first, then tables' dated rows."""
    out: dict[str, list[_Obs]] = {}
    for e, u in facts(events, report, "dated"):
        out.setdefault(u.series, []).append(_Obs(e, u))
    return out


def _has(obs: list[_Obs], month: int, count: int, like: ev.Event) -> bool:
    return any(
        o.event.month == month and o.event.count == count and _same_topic(o.event.topic, like.topic, o.event.verb, like.verb)
        for o in obs
    )


def _pair_conflicts(a: list[_Obs], b: list[_Obs], found: dict[tuple, _Conflict]) -> None:
    """Two series that share at least one identical event and differ in one other: the
    same payment given two months (same count and price), or two counts (same month)."""
    if not any(_identical(x.event, y.event) for x in a for y in b):
        return
    rest_a = [x for x in a if not any(_identical(x.event, y.event) for y in b)]
    rest_b = [y for y in b if not any(_identical(x.event, y.event) for x in a)]
    for x in rest_a:
        for y in rest_b:
            e, f = x.event, y.event
            if not (_year_ok(e, f) and e.unit == f.unit and _same_topic(e.topic, f.topic, e.verb, f.verb)):
                continue
            if e.month != f.month and e.count == f.count and _price_ok(e, f):
                kind = "month"
            elif e.month == f.month and (e.count != f.count or not _price_ok(e, f)):
                kind = "count"
            else:
                continue
            if _has(a, f.month, f.count, f) or _has(b, e.month, e.count, e):
                continue  # each side also states the other version: two events, not one
            c = found.setdefault((kind, *sorted([x.key(), y.key()], key=str)), _Conflict(kind))
            c.add(x)
            c.add(y)


def _list_backs(lst: ev.MonthList, e: ev.Event) -> bool:
    return e.month in lst.months and (lst.year is None or e.year is None or lst.year == e.year)


def _list_conflicts(lists: list[tuple[ev.MonthList, Unit]], series: dict[str, list[_Obs]], found: dict[tuple, _Conflict]) -> None:
    """A month list (分别于 2 月、9 月和 10 月…) against a series of the same topic whose months
    differ from it in one: the list joins the conflict it settles, or is reported alone."""
    for lst, u in lists:
        listed = set(lst.months)
        for obs in series.values():
            same = [o for o in obs if _same_topic(lst.topic, o.event.topic + o.event.verb)]
            months = {o.event.month for o in same}
            extra, missing = months - listed, listed - months
            if len(months) < 2 or len(months) != len(listed) or len(extra) != 1 or len(missing) != 1:
                continue
            joined = [c for c in found.values() if c.kind == "month" and extra <= c.months() and missing <= c.months()]
            if not joined:
                c = found.setdefault(("list", lst.months, tuple(sorted(extra))), _Conflict("list"))
                for o in same:
                    if o.event.month in extra:
                        c.add(o)
                joined = [c]
            for c in joined:
                if (lst, u) not in c.lists:
                    c.lists.append((lst, u))


def _sides(c: _Conflict) -> tuple[list[_Obs], list[_Obs]]:
    """(stated, other): the version a table or a month list backs is ``other`` (记为)."""

    def backed(side: list[_Obs]) -> int:
        tables = sum(o.unit.series.startswith("t:") for o in side)
        lists = sum(_list_backs(lst, o.event) for lst, _ in c.lists for o in side)
        return tables + 2 * lists

    a, b = list(c.sides.values())
    return (b, a) if backed(a) > backed(b) else (a, b)


def _quote(side: list[_Obs]) -> str:
    """A statement in the words of its first place (the same words, other spacing, elsewhere)."""
    return side[0].event.text


def _month_finding(c: _Conflict) -> Finding:
    if c.kind == "list":
        stated = [o for side in c.sides.values() for o in side]
        said = stated[0].event
        lst, lu = c.lists[0]
        units = [o.unit for o in stated]
        msg = (
            f"同一组{said.verb or '发放'}的月份前后不一：{_place([lu])}称“{lst.text}”，"
            f"而{_place(units)}写“{_quote(stated)}”（{said.month} 月不在所列月份中）"
        )
        return finding("consistency.event_month", "warning", msg, None, float(said.month), _locations(units + [lu]))
    stated, other = _sides(c)
    said, said_other = stated[0].event, other[0].event
    by_text: dict[str, list[tuple[ev.MonthList, Unit]]] = {}
    for lst, u in c.lists:
        by_text.setdefault(_squash(lst.text), []).append((lst, u))
    lists = "；".join(
        f"{_place([u for _, u in group])}又称“{group[0][0].text}”"
        + (f"，与 {said_other.month} 月相合" if _list_backs(group[0][0], said_other) else "")
        for group in by_text.values()
    )
    tail = f"；{lists}" if lists else ""
    where_said, where_other = _place([o.unit for o in stated]), _place([o.unit for o in other])
    if c.kind == "month":
        price = f"，每{said.unit} {said.price:g} 元" if said.price is not None else ""
        msg = (
            f"同一次{said.verb or '发放'}（{said.count} {said.unit}{price}）写成两个月份：{where_said}称“{_quote(stated)}”，"
            f"而{where_other}记为“{_quote(other)}”{tail}"
        )
        expected, actual = float(said_other.month), float(said.month)
    else:
        msg = (
            f"{said.month} 月的同一次{said.verb or '发放'}有两个数：{where_said}称“{_quote(stated)}”，"
            f"而{where_other}记为“{_quote(other)}”{tail}"
        )
        expected, actual = float(said_other.count), float(said.count)
    locs = _locations([o.unit for o in stated] + [o.unit for o in other] + [u for _, u in c.lists])
    return finding("consistency.event_month", "warning", msg, expected, actual, locs)


def month_conflicts(events: list[TextEvent], report: Report) -> list[Finding]:
    """The core of ``consistency.event_month`` over any events (tests read whole pages)."""
    series = _series(events, report)
    found: dict[tuple, _Conflict] = {}
    keys = sorted(series)
    for i, ka in enumerate(keys):
        for kb in keys[i + 1 :]:
            _pair_conflicts(series[ka], series[kb], found)
    _list_conflicts(facts(events, report, "month_list"), series, found)
    return [_month_finding(c) for _, c in sorted(found.items(), key=lambda kv: str(kv[0]))]


@rule("consistency.event_month", "warning", "同一次发放或活动写成两个月份或两个数")
def event_month(report: Report, config: CheckConfig) -> list[Finding]:
    """A payment or activity stated with its month and head count (``11 月发放补助 36 人，每人
    500 元``) in two places that otherwise agree (the 2 月 and 9 月 payments match) but give
    this one another month, or in the same month another count; and a month list
    (``分别于 2 月、9 月和 10 月``) against a series of the same topic off by one month.
    Seed 000: prose 11 月 vs 基础表3 10 月 for the 36 people at 500 元."""
    return month_conflicts(report.events, report)


# ---------------------------------------------------------------- a plan dated last year

_FORWARD = {"target_declaration": "申报表", "budget": "预算", "monitoring_report": "监控报告"}


def stale_plans(events: list[TextEvent], report: Report) -> list[Finding]:
    """The core of ``consistency.stale_year`` over any events."""
    year, kind = report.document.year, report.document.kind
    if year is None or kind not in _FORWARD:
        return []
    found: dict[str, tuple[ev.Plan, list[Unit]]] = {}
    for p, u in facts(events, report, "plan"):
        if p.year >= year or (p.year == year - 1 and (p.when in ("底", "末") or p.month is not None)):
            continue  # 将于 2022 年 12 月 / 年底完成: a 2023 form is written during 2022
        found.setdefault(_squash(p.sentence), (p, []))[1].append(u)
    out = []
    for p, units_ in found.values():
        msg = (
            f"{_place(units_)}以将来时写 {p.year} 年的安排：“{p.sentence}”，而本{_FORWARD[kind]}为 {year} 年度，"
            f"计划年份早于文件年度：疑为沿用上年文本，请核对年份"
        )
        out.append(finding("consistency.stale_year", "warning", msg, float(year), float(p.year), _locations(units_)))
    return out


@rule("consistency.stale_year", "warning", "将来时的计划写着早于文件年度的年份")
def stale_year(report: Report, config: CheckConfig) -> list[Finding]:
    """A plan in the future tense (``2022 年，将…``, ``拟于 2022 年…``) dated before the year of a
    forward-looking document (申报表, 预算, 监控报告): a sentence copied from last year's
    form. Retrospective documents (评价报告, 自评表) narrate past plans and are skipped.
    Seed 001: ``2022 年，将对该系统实施运维。`` in the 2023 申报表."""
    return stale_plans(report.events, report)


# ---------------------------------------------------------------- another body as the doer

_FORM_LABELS = _WORDS.form_owner_labels
_UMBRELLA_KINDS = _WORDS.umbrella_kinds  # 管委会, 街道办事处: offices and centres inside them


def owners(report: Report) -> list[tuple[str, str]]:
    """(name, where named) of the bodies whose document this is: the document meta, the
    body the title names, and the 主管部门/实施单位 cells of its forms."""
    d = report.document
    out: list[tuple[str, str]] = []
    for name, where in ((d.organisation, "文件单位"), (d.department, "主管部门"), (ev.title_organisation(d.title), "标题")):
        if name and name not in (n for n, _ in out):
            out.append((name, where))
    for t in report.tables:
        for row in t.rows:
            for i, cell in enumerate(row[:-1]):
                if _squash(cell) in _FORM_LABELS:
                    value = next((c for c in row[i + 1 :] if c and c.strip()), "")
                    if value and ev.org_kind(value) and value not in (n for n, _ in out):
                        out.append((value.strip(), _squash(cell)))
    return out


def _foreign(name: str, own: list[str]) -> bool:
    """Whether ``name`` is another body than every one of ``own`` (see RULES.md)."""
    f, kind = ev.org_function(name), ev.org_kind(name)
    if kind is None or not f or any(o in f for o in ev.OVERSIGHT):
        return False
    if any(_squash(name) in _squash(o) or _squash(o) in _squash(name) for o in own):
        return False
    funcs = [ev.org_function(o) for o in own]
    if any(ev.same_function(f, g) for g in funcs if g):
        return False
    if not any(funcs):  # only general governments own it: a bureau is never part of one
        kinds = {ev.org_kind(o) for o in own} - {None}
        return kind == "局" and bool(kinds) and kinds <= _UMBRELLA_KINDS
    return True


def foreign_actors(events: list[TextEvent], report: Report) -> list[Finding]:
    """The core of ``consistency.organisation`` over any events."""
    own = owners(report)
    if not own:
        return []
    names = [n for n, _ in own]
    kinds = {ev.org_kind(n) for n in names + [report.document.evaluator or ""]} - {None}
    first, where = own[0]
    # A department's budget, or forms naming several implementers: sub-units implement its
    # projects, so a 实施单位 line naming one of them is no sign of a copied text.
    implementers = {ev.org_function(n) for n, w in own if w in _WORDS.implementer_labels}
    many = report.document.kind == "budget" or len(implementers) > 1
    found: dict[str, tuple[ev.Actor, list[Unit]]] = {}
    for a, u in facts(events, report, "actor"):
        if a.how == "label" and many:
            continue
        if a.how == "self":
            k = a.names[0]
            odd = bool(kinds) and k not in kinds and not (k != "局" and kinds <= _UMBRELLA_KINDS)
        else:
            odd = all(_foreign(n, names) for n in a.names)
        if odd:
            found.setdefault(_squash(a.sentence), (a, []))[1].append(u)
    out = []
    for a, units_ in found.values():
        if a.how == "self":
            said = f"自称“{a.text}”"
        elif a.how == "label":
            said = f"写“{a.text}”"
        elif a.how == "finance":
            said = f"称本项目支出按“{a.names[0]}”的财务制度执行"
        else:
            said = f"称由“{a.names[0]}”负责项目实施"
        msg = (
            f"{_place(units_)}{said}（“{a.sentence}”），而本文件的单位是“{first}”（{where}）："
            f"疑为沿用他单位的文本，请核对"
        )
        out.append(finding("consistency.organisation", "warning", msg, None, None, _locations(units_)))
    return out


@rule("consistency.organisation", "warning", "文中执行主体不是本文件的单位")
def organisation(report: Report, config: CheckConfig) -> list[Finding]:
    """A body named as the doer of the document's own work — whose financial rules its
    spending follows (``均按照区医保局相关财务管理制度执行``), who is in charge of carrying
    the project out, a ``实施单位：`` line, or a self-reference (我局, 本办) — that is not the
    document's own (meta, title, form cells). Oversight bodies (财政, 审计, 机管…) and bodies
    of the same line of work are never flagged. Seed 004: 区医保局 in the 信访局's report."""
    return foreign_actors(report.events, report)


# ---------------------------------------------------------------- a form's year and period

_FORM_YEAR = re.compile(r"^[(（]\s*((?:19|20)\d{2})\s*年\s*(?:度)?\s*[)）]?$")
_GOAL_SPAN = re.compile(r"项目总目标\s*[(（]\s*((?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年?\s*[)）]")
_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")
_START = _WORDS.start_date_labels
_END = _WORDS.end_date_labels


@dataclass
class _FormPeriod:
    """What one 申报表/自评表 says of its own time: ``(2023 年度)``, ``项目总目标 (2023 年-2023
    年)``, ``计划开始日期 2023-01-01``, ``计划完成日期 2023-12-31``, each with its row."""

    table: TableOut
    year: tuple[int, int] | None = None  # (year, row)
    span: tuple[int, int, int] | None = None  # (from, to, row)
    start: tuple[tuple[int, int, int], int, str] | None = None  # ((y, m, d), row, text)
    end: tuple[tuple[int, int, int], int, str] | None = None


def _date_after(row: list[str], i: int) -> tuple[int, int, int] | None:
    cell = next((c for c in row[i + 1 :] if c and c.strip()), "")
    m = _DATE.match(cell)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def form_periods(t: TableOut) -> list[_FormPeriod]:
    """One ``_FormPeriod`` per form in ``t`` (a text reader may put several forms in one
    table: a new form starts at each ``(YYYY 年度)`` line)."""
    out: list[_FormPeriod] = []
    cur = _FormPeriod(t)
    for r, row in enumerate(t.rows):
        for i, cell in enumerate(row):
            c = _squash(cell)
            if not c:
                continue
            m = _FORM_YEAR.match(c)
            if m:
                if cur.year or cur.span or cur.start or cur.end:
                    out.append(cur)
                    cur = _FormPeriod(t)
                cur.year = (int(m.group(1)), r)
            g = _GOAL_SPAN.search(c)
            if g and cur.span is None:
                cur.span = (int(g.group(1)), int(g.group(2)), r)
            if c in _START and cur.start is None and (d := _date_after(row, i)):
                cur.start = (d, r, f"{c} {d[0]}-{d[1]:02d}-{d[2]:02d}")
            if c in _END and cur.end is None and (d := _date_after(row, i)):
                cur.end = (d, r, f"{c} {d[0]}-{d[1]:02d}-{d[2]:02d}")
    if cur.year or cur.span or cur.start or cur.end:
        out.append(cur)
    return out


def _period_findings(p: _FormPeriod, doc_year: int | None) -> list[Finding]:
    t = p.table
    page = row_page(t, p.start[1] if p.start else p.end[1] if p.end else None)
    where = f"{table_name(t)}（第 {page} 页）" if page is not None else table_name(t)

    def warn(msg: str, expected: float | None, actual: float | None, rows: list[int]) -> Finding:
        locs = [at_table(t, r) for r in dict.fromkeys(rows)]
        return finding("consistency.form_period", "warning", where + msg, expected, actual, locs)

    if p.start and p.end and p.start[0] > p.end[0]:
        return [warn(f"“{p.start[2]}”晚于“{p.end[2]}”：开始与完成日期颠倒", None, None, [p.start[1], p.end[1]])]
    out: list[Finding] = []
    dates = (p.start[0][0], p.end[0][0]) if p.start and p.end else None
    if p.span and dates and (p.span[0], p.span[1]) != dates:
        out.append(warn(
            f"项目总目标写“{p.span[0]} 年-{p.span[1]} 年”，而“{p.start[2]}”“{p.end[2]}”为 {dates[0]}–{dates[1]} 年："
            "同一项目周期两种年份",
            float(dates[0]), float(p.span[0]), [p.span[2], p.start[1], p.end[1]]))
    if p.year and doc_year is not None and p.year[0] != doc_year:
        out.append(warn(f"表头为“{p.year[0]} 年度”，而本文件为 {doc_year} 年度：疑为沿用其他年度的表",
                        float(doc_year), float(p.year[0]), [p.year[1]]))
    if p.year and (dates or p.span):  # against the dates where printed (a differing span is reported above)
        y, row = p.year
        if dates:
            (lo, hi), what, rows = dates, f"“{p.start[2]}”至“{p.end[2]}”", [p.start[1], p.end[1]]
        else:
            lo, hi, srow = p.span
            what, rows = f"项目总目标“{lo} 年-{hi} 年”", [srow]
        if not lo <= y <= hi:
            out.append(warn(f"表头为“{y} 年度”，而{what}不含 {y} 年：年度与项目周期不符",
                            float(lo), float(y), [row, *rows]))
    return out


@rule("consistency.form_period", "warning", "申报表的年度、项目总目标年份与计划起止日期不符")
def form_period(report: Report, config: CheckConfig) -> list[Finding]:
    """Within one form: the ``(YYYY 年度)`` heading must lie within the 计划开始/完成日期 and
    within the 项目总目标 (Y1 年-Y2 年) span, the span must name the years of the dates, and
    the start must not be after the end; in a 申报表 or 预算 the heading is the document's
    year. Seeds 000 (基础表1) and 001 (five forms): all 2022 / 2023 and agree; a form copied
    from last year keeps one of them behind."""
    doc_year = report.document.year if report.document.kind in ("target_declaration", "budget") else None
    return [f for t in report.tables for p in form_periods(t) for f in _period_findings(p, doc_year)]


# ---------------------------------------------------------------- one code, two names

_CODED = regex.compile(r"^\s*(?P<code>[A-Z]\d{1,3})\s*(?P<name>[^\d]{2,60})$", regex.S)
_HEADING = regex.compile(r"^(?P<code>[A-Z]\d{1,3})\s+(?P<name>.+)$")  # a 满分/得分 claim said of ``B12 资金使用情况``
_NAME_NOISE = regex.compile(r"[\p{P}\p{S}\s]+")
_NUMBERED_ASIDE = regex.compile(r"[（(][^（）()]*\d[^（）()]*[）)]")


def _name_key(name: str) -> str:
    """A name as compared: full-width folded, an aside with a figure (``（得3分）``) and whatever
    follows a colon dropped, spaces and punctuation removed (``满意 度`` = ``满意度``)."""
    t = unicodedata.normalize("NFKC", name or "")
    t = regex.split(r"[:：]", t, maxsplit=1)[0]
    t = _NUMBERED_ASIDE.sub("", t)
    return _NAME_NOISE.sub("", t)



def coded_names(report: Report) -> dict[str, dict[str, list[Unit]]]:
    """For each indicator code of the report: its names (compared form) and where each is printed —
    table cells that hold exactly ``code name`` and the headings prose claims stand under
    (``B12 资金使用合规性.满分``). Only the codes of the report's own indicators count (``G60
    科创走廊`` is a place), and only when one project carries codes: in a multi-project document
    every project may have its own C11."""
    coded = [p for p in report.projects if any(i.code for i in p.indicators)]
    if len(coded) != 1:
        return {}
    codes = {i.code for i in coded[0].indicators if i.code}
    out: dict[str, dict[str, list[Unit]]] = {}

    def add(code: str, name: str, unit: Unit) -> None:
        key = _name_key(name)
        if code in codes and len(_HAN.findall(key)) >= 2:
            out.setdefault(code, {}).setdefault(key, []).append(unit)

    for t in report.tables:
        where = table_name(t) if t.caption else "表格"
        for r, row in enumerate(t.rows):
            for c, text in enumerate(row):
                if (m := _CODED.match(text or "")) is not None:
                    add(m["code"], m["name"], Unit(text, at_table(t, r, c), where, "t:" + t.id))
    for cl in report.claims:
        if cl.kind == "named" and cl.field in ("满分", "得分") and cl.path and (m := _HEADING.match(cl.path[0])) is not None:
            add(m["code"], m["name"], Unit(f"{m['code']} {m['name']}", Location(page=cl.page), "正文小标题", "h"))
    return out


def _misread(units: list[Unit], key: str, others: list[str], ocr: set[int]) -> bool:
    """A spelling printed only on pages read by OCR and within two characters of another: a misread."""
    return all(u.loc.page in ocr for u in units) and any(edit_distance(key, o) <= 2 for o in others)


@rule("consistency.indicator_name", "warning", "同一指标编号前后名称不一")
def indicator_name(report: Report, config: CheckConfig) -> list[Finding]:
    """One indicator code printed with two names across the score tables, the 附件 and the section
    headings of the prose: seed 000 ``B12 资金使用情况`` (表3, 过程类 table, 附件1) against the
    heading ``B12 资金使用合规性``. Names are compared without spaces and punctuation (a cell
    wraps ``满意 度``); a spelling seen only on OCR pages within two characters of another is a
    misread, not a second name. A warning: the paragraph may describe another indicator than
    the one scored (a heading copied from another index), which only a reader can settle.
    """
    ocr = set(report.source.ocr_pages)
    out: list[Finding] = []
    for code, names in coded_names(report).items():
        keys = [k for k, units in names.items() if not _misread(units, k, [o for o in names if o != k], ocr)]
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-len({u.series for u in names[k]}), -len(names[k]), k))
        sides = [f"{_place(names[k])}作“{code} {_shown(names[k])}”" for k in keys]
        out.append(
            finding(
                "consistency.indicator_name",
                "warning",
                f"指标编号 {code} 有 {len(keys)} 个名称：{sides[0]}，而{'；'.join(sides[1:])}：同一指标名称不一，"
                "请核对正文所述是否即表中评分的该项指标",
                locations=_locations(u for k in keys for u in names[k]),
            )
        )
    return out


def _shown(units: list[Unit]) -> str:
    """The name as printed (spaces inside a wrapped cell removed), from its first place."""
    m = _CODED.match(units[0].text)
    return _SPACE.sub("", m["name"]) if m else units[0].text

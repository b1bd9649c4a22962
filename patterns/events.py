"""Sentence-level facts for text-only checks: when a payment was made and to how many,
which year a plan is dated, and which body a sentence names as the doer.

Tables and claims carry figures; these facts are mostly words: ``11 月发放补助 36 人，每人
500 元``, ``分别于 2022 年 2 月、9 月和 10 月``, ``2022 年，将对该系统实施运维``,
``均按照区医保局相关财务管理制度执行``. Each finder takes one string (a sentence, a
paragraph or a table cell) and returns what it read with the printed span, so that a
checker can quote it. Offsets are into the string as given (full-width digits are read
through ``to_halfwidth``, which keeps the length).

Nothing here decides what is wrong: that is ``checker/rules/consistency.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from patterns.lazyre import regex
from patterns.lexicon import load
from patterns.money import sentence_at
from patterns.numbers import squash, to_halfwidth

_MONTH = r"(?:1[0-2]|0?[1-9])"
_YEAR = r"(?:19|20)\d{2}"
_UNITS = {"人次": "人次", "人": "人", "名": "人", "户": "户", "次": "次", "件": "件", "场": "场", "批": "批"}
_VERBS = "发放|支付|拨付|慰问|走访|救助|补助|资助|开展|召开|举办|培训|接待"

# ``[2022 年] 11 月[份] 发放补助 36 人[困难补助][，每人 500 元]``. The month must not be a
# range end (1-10 月) or be followed by a day (10 月 31 日: a date, not a month of payment).
_EVENT = regex.compile(
    rf"(?<![\d\-—~至到])(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_MONTH})\s*月份?(?!\s*\d)(?:\s*[上中下]旬)?"
    rf"\s*(?P<pre>\p{{Han}}{{0,6}}?)(?P<verb>{_VERBS})(?P<what>\p{{Han}}{{0,8}}?)"
    rf"\s*(?P<n>\d+)\s*(?P<u>人次|人|名|户|次|件|场|批)(?P<post>\p{{Han}}{{0,8}})"
    r"(?:\s*[,，、]?\s*每(?:人|户|名|次)\s*(?P<p>\d+(?:\.\d+)?)\s*元)?"
)
_CUMULATIVE = regex.compile(r"截至|截止|至今|累计|共计|合计|总计|全年|共")
# ``分别于 2022 年 2 月、9 月和 10 月 …`` (the months a series of events took place in).
_LIST = regex.compile(
    rf"(?:分别|先后|依次)\s*(?:于|在)\s*(?:(?P<y>{_YEAR})\s*年\s*)?"
    rf"(?P<ms>{_MONTH}\s*月份?(?:\s*(?:、|,|，|和|及|与|以及)\s*(?:{_YEAR}\s*年\s*)?{_MONTH}\s*月份?)+)"
    r"(?P<tail>[^。；;\n]{0,30})"
)
_LIST_MONTH = regex.compile(rf"(?<!\d)({_MONTH})\s*月")

# Plans: ``2022 年，将对…`` / ``2022 年拟…`` / ``拟于 2022 年…``. After 将 only words that make it
# a future (将对, 将于, 将继续, 将开展…): 将 + noun is the disposal 把 (将原有设备进行更换).
_FUTURE = (
    "对|于|在|继续|进一步|全面|逐步|陆续|开展|实施|启动|完成|投入|建成|建设|推进|组织|做好|加强|加快|持续|"
    "新增|采购|购买|召开|举办|申请|支付|安排|落实|开始|重点|着力|围绕|按照|根据"
)
_PLAN_AFTER_YEAR = regex.compile(
    rf"(?<!\d)(?P<y>{_YEAR})\s*年(?P<when>度|内|底|初|末|中|起)?(?:\s*(?P<m>{_MONTH})\s*月份?(?:\s*\d{{1,2}}\s*日)?)?"
    rf"\s*[,，]?\s*(?:(?:我|本)(?:单位|部门|办|局|委|中心))?\s*"
    rf"(?P<mk>将(?=\s*(?:{_FUTURE}))|拟(?![定订稿任])|计划(?=\s*(?:于|在|对|开展|实施|完成|投入|启动)))"
)
# ``拟于 2022 年…``; not ``将在 2022 年的基础上`` (a baseline, not a date).
_PLAN_BEFORE_YEAR = regex.compile(
    rf"(?P<mk>将|拟|计划|准备|打算)\s*(?:于|在)\s*(?P<y>{_YEAR})\s*年(?P<when>度|内|底|初|末|中)?"
    rf"(?:\s*(?P<m>{_MONTH})\s*月)?(?!\s*(?:的)?\s*(?:基础|水平|同期|标准|数据|规模|额度|预算|决算))"
)
_PAST = regex.compile(r"已|曾|实际|执行数|决算|完成了|实现了")

# Organisations. A name ends in one of these; its function is what stands between the
# place (上海市松江区, 青云谱区委) and that ending.
_ORG_END = r"(?:局|办公室|委员会|办事处|中心|厅|办|委)"
_ORG = rf"(?P<org>\p{{Han}}{{1,16}}?{_ORG_END})"
_FINANCE_RULES = regex.compile(
    rf"(?:按照|依照|根据|遵照|执行|遵循)\s*{_ORG}\s*(?:的)?\s*(?:相关|有关)?\s*"
    r"(?:财务|资金|内控|内部控制|会计)(?:管理)?(?:制度|办法|规定)"
)
_IN_CHARGE = regex.compile(rf"由\s*{_ORG}\s*(?:负责|牵头)(?:本|该)?项目(?:的)?(?:具体)?(?:组织)?实施")
_LABEL = regex.compile(
    r"(?:项目实施单位|实施主体|实施单位|项目单位|项目责任单位|项目承担单位|填报单位)\s*(?:（盖章）)?\s*[:：]\s*"
    r"(?P<orgs>[^，,。；;\n:：]{2,60})"
)
# 我局 / 本办 / 我委 …; 本 only at a word start (基本局面, 根本) and 本办 not 本办法.
_SELF = regex.compile(
    r"(?P<who>(?<!自)我|(?:(?<!\p{Han})|(?<=[由经为对向据是在与和及将被从以请按照称即]))本)"
    r"(?P<kind>局|委|中心|厅|街道|办(?![法理事公]))"
)
_PLACE = regex.compile(
    r"^(?:中共|中国共产党)?(?:\p{Han}{0,6}?(?:省|自治区|市|区|县|镇|乡|街道|工业区|开发区|新区))+"
)
_GOV = regex.compile(r"^(?:人民政府|政府|区委|市委|县委|党工委|党委|委)")
_SUFFIX = regex.compile(r"(?:管理)?(?:局|办公室|委员会|办事处|中心|厅|办|委)$")
_ALIASES = {
    "医疗保障": "医保",
    "人力资源和社会保障": "人社",
    "人力资源社会保障": "人社",
    "卫生健康": "卫健",
    "卫生和计划生育": "卫计",
    "发展和改革": "发改",
    "机关事务管理": "机管",
    "机关事务": "机管",
    "市场监督管理": "市场监管",
    "生态环境": "环保",
    "环境保护": "环保",
    "住房和城乡建设管理": "住建",
    "住房和城乡建设": "住建",
    "规划和自然资源": "规资",
    "信访工作联席会议": "信访",
}
# Bodies whose rules every unit follows: naming them is never a sign of a copied text.
OVERSIGHT = frozenset(["财政", "审计", "机管", "国资", "税务"])


@dataclass(frozen=True)
class Event:
    """One dated payment or activity: ``11 月发放补助 36 人，每人 500 元``."""

    month: int
    year: int | None
    count: int
    unit: str
    price: float | None
    verb: str
    topic: str  # the words naming what was given or done (补助, 困难补助)
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class MonthList:
    """``分别于 2022 年 2 月、9 月和 10 月对相关人员进行困难补助``: the months of a series."""

    months: tuple[int, ...]
    year: int | None
    topic: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Plan:
    """A future-tense plan dated to a year: ``2022 年，将对该系统实施运维``."""

    year: int
    marker: str  # 将 / 拟 / 计划 …
    when: str  # 底 / 末 / 内 … as printed after 年, else ""
    month: int | None  # 2022 年 12 月: a plan for a given month
    sentence: str
    text: str


@dataclass(frozen=True)
class Actor:
    """A body a sentence names as the doer of the document's own work.

    ``how``: ``finance`` (按照X财务管理制度执行), ``in_charge`` (由X负责项目实施),
    ``label`` (实施单位：X; several names may stand in ``names``), ``self`` (我局, 本办:
    ``names`` holds the kind, 局 / 办 …).
    """

    names: tuple[str, ...]
    how: str
    sentence: str
    text: str


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text`` (split after 。！？；and line breaks)."""
    out = []
    start = 0
    for m in regex.finditer(r"[。！？；;!?\n]", text):
        s = text[start : m.end()]
        if s.strip():
            out.append((start, s))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def _sentence_around(text: str, start: int) -> str:
    return sentence_at(text, start, start)


# The finders are memoised by text (a fresh list each call, of frozen facts): the same
# sentence or cell text is read as a claim, a money sentence and a table cell, and the
# sentences of every block once more for ``event_claims`` (40 % of the calls on the 70
# snapshot documents repeat a text).


def find_events(text: str) -> list[Event]:
    """Every ``<month> <verb> … <n> 人[，每人 <p> 元]`` in ``text``."""
    return list(_find_events(text))


@lru_cache(maxsize=16384)
def _find_events(text: str) -> tuple[Event, ...]:
    half = to_halfwidth(text)
    out = []
    for m in _EVENT.finditer(half):
        if _CUMULATIVE.search(half[max(0, m.start() - 3) : m.start()] + (m.group("pre") or "")):
            continue  # 截至 10 月累计发放 50 人: a running total, not the month's payment
        topic = (m.group("pre") or "") + (m.group("what") or "") + (m.group("post") or "")
        out.append(
            Event(
                month=int(m.group("m")),
                year=int(m.group("y")) if m.group("y") else None,
                count=int(m.group("n")),
                unit=_UNITS[m.group("u")],
                price=float(m.group("p")) if m.group("p") else None,
                verb=m.group("verb"),
                topic=topic,
                text=regex.sub(r"\s+", " ", text[m.start() : m.end()]).strip(),
                start=m.start(),
                end=m.end(),
            )
        )
    return tuple(out)


def find_month_lists(text: str) -> list[MonthList]:
    """Every ``分别于 X 月、Y 月和 Z 月 …`` in ``text``."""
    return list(_find_month_lists(text))


@lru_cache(maxsize=16384)
def _find_month_lists(text: str) -> tuple[MonthList, ...]:
    half = to_halfwidth(text)
    out = []
    for m in _LIST.finditer(half):
        months = tuple(int(x) for x in _LIST_MONTH.findall(m.group("ms")))
        out.append(
            MonthList(
                months=months,
                year=int(m.group("y")) if m.group("y") else None,
                topic=m.group("tail") or "",
                text=regex.sub(r"\s+", " ", text[m.start() : m.end("ms")]).strip(),
                start=m.start(),
                end=m.end(),
            )
        )
    return tuple(out)


def find_plans(text: str) -> list[Plan]:
    """Every future-tense plan dated to a year; sentences that also speak of the past
    (已, 实际, 执行数, 决算) are left out: they compare a plan with what happened."""
    return list(_find_plans(text))


@lru_cache(maxsize=16384)
def _find_plans(text: str) -> tuple[Plan, ...]:
    half = to_halfwidth(text)
    out: list[Plan] = []
    seen: set[int] = set()
    for pattern in (_PLAN_AFTER_YEAR, _PLAN_BEFORE_YEAR):
        for m in pattern.finditer(half):
            sentence = _sentence_around(text, m.start())
            if m.start() in seen or _PAST.search(to_halfwidth(sentence)):
                continue
            seen.add(m.start())
            out.append(
                Plan(
                    year=int(m.group("y")),
                    marker=m.group("mk"),
                    when=m.group("when") or "",
                    month=int(m.group("m")) if m.group("m") else None,
                    sentence=sentence,
                    text=regex.sub(r"\s+", " ", text[m.start() : m.end()]).strip(),
                )
            )
    return tuple(out)


def find_actors(text: str) -> list[Actor]:
    """Bodies named as the doer of the document's own work (see ``Actor``)."""
    return list(_find_actors(text))


@lru_cache(maxsize=16384)
def _find_actors(text: str) -> tuple[Actor, ...]:
    out: list[Actor] = []
    for how, pattern in (("finance", _FINANCE_RULES), ("in_charge", _IN_CHARGE)):
        for m in pattern.finditer(text):
            org = m.group("org")
            if org[0] in "我本该":
                continue
            out.append(Actor((org,), how, _sentence_around(text, m.start()), m.group(0)))
    for m in _LABEL.finditer(text):
        names = tuple(n.strip() for n in regex.split(r"[、和及与/]", m.group("orgs")) if n.strip())
        out.append(Actor(names, "label", _sentence_around(text, m.start()), m.group(0).strip()))
    for m in _SELF.finditer(text):
        out.append(Actor((m.group("kind"),), "self", _sentence_around(text, m.start()), m.group("who") + m.group("kind")))
    return tuple(out)


def org_function(name: str) -> str:
    """What a body does, from its name: ``上海市松江区人民政府信访办公室`` → ``信访``,
    ``区医保局`` / ``区医疗保障局`` → ``医保``, ``上海市莘庄工业区管理委员会`` → ``""`` (a
    general government: a 管委会, 街道办事处, 人民政府 does everything)."""
    n = regex.sub(r"[（(][^）)]*[）)]", "", name).strip()
    n = regex.sub(r"\s+", "", n)
    n = _PLACE.sub("", n)
    n = _GOV.sub("", n)
    n = _SUFFIX.sub("", n)
    for long, short in _ALIASES.items():
        n = n.replace(long, short)
    return n


def org_kind(name: str) -> str | None:
    """The ending that says what kind of body it is: 局, 办, 委, 中心, 厅, 街道."""
    n = regex.sub(r"[（(][^）)]*[）)]", "", name).strip()
    if regex.search(r"(?:居|村)(?:民)?委(?:员会|会)?$", n):
        return None  # 居委, 村委会: residents' committees, not government bodies
    for end, kind in (
        ("办事处", "街道"),
        ("街道", "街道"),
        ("办公室", "办"),
        ("委员会", "委"),
        ("中心", "中心"),
        ("局", "局"),
        ("厅", "厅"),
        ("办", "办"),
        ("委", "委"),
    ):
        if n.endswith(end):
            return kind
    return None


def same_function(a: str, b: str) -> bool:
    """Two functions name the same line of work (one contains the other: 信访 / 信访工作)."""
    return bool(a) and bool(b) and (a in b or b in a)


def title_organisation(title: str | None) -> str | None:
    """The body a title names before its year or project: ``2023年青云谱区委信访局全国省市…``
    → ``青云谱区委信访局``; None when the title names none."""
    if not title:
        return None
    t = regex.sub(r"\s+", "", to_halfwidth(title))
    t = regex.sub(rf"^{_YEAR}年度?", "", t)
    m = regex.match(r"(?P<org>\p{Han}{2,24}?(?:局|办公室|委员会|办事处))", t)
    return m.group("org") if m else None


def event_claims(blocks) -> list:
    """Value-less contract ``Claim``s for the sentences of running text these finders read
    but the prose recogniser keeps no figure of: plans dated to a year (``事件.计划``),
    bodies named as doers (``事件.执行主体``) and month lists (``事件.月份``).

    ``patterns.recognise`` adds them to ``Report.claims``: the ``consistency.*`` rules read
    the running text through the contract alone.
    """
    from extractor.contract import Claim

    out: list[Claim] = []
    for b in blocks:
        text = getattr(b, "text", "") or ""
        for _, s in sentences(text):
            for subject, found in (
                ("事件.计划", find_plans(s)),
                ("事件.执行主体", find_actors(s)),
                ("事件.月份", find_month_lists(s)),
            ):
                if found:
                    out.append(Claim(subject=subject, text=regex.sub(r"\s+", " ", s).strip(), page=b.page))
                    break
    return out


# ---------------------------------------------------------------- words the rules read


@dataclass(frozen=True)
class RuleWords:
    """``data/events.json``: words the ``consistency.*`` rules read beside these facts."""

    form_owner_labels: frozenset[str]  # 主管部门, 实施单位 …: a form cell naming the document's own body
    implementer_labels: frozenset[str]  # 实施单位, 项目单位 …: the bodies that carry the work out
    umbrella_kinds: frozenset[str]  # 委, 街道: general governments whose offices and centres do their work
    start_date_labels: frozenset[str]  # 计划开始日期 …
    end_date_labels: frozenset[str]  # 计划完成日期 …
    topic_stop_words: frozenset[str]  # 发放, 人员 …: too common to tie two events to one topic


@cache
def rule_words() -> RuleWords:
    """The words of ``data/events.json``, read once."""
    raw = load("events")
    return RuleWords(**{f: frozenset(raw[f]) for f in RuleWords.__dataclass_fields__})


# ---------------------------------------------------------------- into the contract
#
# The consistency.* rules read these facts from ``Report.events``; the finders run here once,
# over the text the contract keeps (claim sentences, money sentences, table cells with words)
# and over tables that list dated payments in a 月份 and a 人数 column.

_HAN = regex.compile(r"\p{Han}")
_TIME_HEAD = regex.compile(r"月份|时间|日期")
_COUNT_HEAD = regex.compile(r"人数|人次|次数|户数|数量")
_PRICE_HEAD = regex.compile(r"标准|单价|每人")
_CELL_MONTH = regex.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*(?:年|[-./])\s*)?(?P<m>1[0-2]|0?[1-9])\s*(?:月|$)")
_CELL_INT = regex.compile(r"^\s*(?P<n>\d+)\s*(?P<u>人次|人|名|户|次|件|场)?\s*$")
_CELL_PRICE = regex.compile(r"(?P<p>\d+(?:\.\d+)?)\s*元")


@dataclass(frozen=True)
class TextUnit:
    """A piece of text the contract keeps, with where it stands (a cell: table, row, col)."""

    text: str
    page: int | None = None
    table: str | None = None
    row: int | None = None
    col: int | None = None


def text_units(report) -> list[TextUnit]:
    """Claim sentences and money sentences (each once per page), then table cells with at
    least four Han characters (a 业绩值 cell holds a whole paragraph)."""
    out: list[TextUnit] = []
    seen: set[tuple[str, int | None]] = set()
    prose = [(c.text, c.page) for c in report.claims] + [(a.context, a.page) for a in report.amounts]
    for text, page in prose:
        key = (squash(text), page)
        if not key[0] or key in seen:
            continue
        seen.add(key)
        out.append(TextUnit(text, page))
    for t in report.tables:
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                if cell and _wordy(cell):
                    out.append(TextUnit(cell, t.page_of(r), t.id, r, c))
    return out


@lru_cache(maxsize=16384)
def _wordy(cell: str) -> bool:
    """At least four Han characters: a cell of words, not a figure or a 是/否 (memoised: a
    table prints the same cells row after row)."""
    return len(_HAN.findall(cell)) >= 4


def column_events(t) -> list[Event]:
    """Rows of a table with a 月份/时间 column and a 人数/次数 column, as dated events."""
    if not t.rows:
        return []
    head = t.rows[0]
    tcol = next((i for i, h in enumerate(head) if _TIME_HEAD.search(h or "")), None)
    ncol = next((i for i, h in enumerate(head) if _COUNT_HEAD.search(h or "")), None)
    if tcol is None or ncol is None:
        return []
    pcol = next((i for i, h in enumerate(head) if _PRICE_HEAD.search(h or "")), None)
    h = head[ncol]
    unit = "人次" if "人次" in h else "次" if "次" in h else "户" if "户" in h else "人"
    out = []
    for row in t.rows[1:]:
        if len(row) <= max(tcol, ncol):
            continue
        m, n = _CELL_MONTH.search(row[tcol] or ""), _CELL_INT.match(row[ncol] or "")
        if not m or not n:
            continue
        pm = _CELL_PRICE.search(row[pcol]) if pcol is not None and pcol < len(row) and row[pcol] else None
        text = "，".join(c for c in row if c)
        out.append(
            Event(
                month=int(m.group("m")),
                year=int(m.group("y")) if m.group("y") else None,
                count=int(n.group("n")),
                unit=n.group("u") or unit,
                price=float(pm.group("p")) if pm else None,
                verb="",
                topic=(t.caption or "") + head[ncol],
                text=text,
                start=0,
                end=len(text),
            )
        )
    return out


def _out(fact, u: TextUnit, **extra):
    """One finder's fact as a contract ``TextEvent`` standing where ``u`` stands."""
    from extractor.contract import TextEvent

    where = {"source": u.text, "page": u.page, "table": u.table, "row": u.row, "col": u.col}
    if isinstance(fact, Event):
        return TextEvent(kind="dated", text=fact.text, start=fact.start, end=fact.end, year=fact.year, month=fact.month, count=fact.count,
                         unit=fact.unit, price=fact.price, verb=fact.verb, topic=fact.topic, **where, **extra)
    if isinstance(fact, MonthList):
        return TextEvent(kind="month_list", text=fact.text, start=fact.start, end=fact.end, months=list(fact.months), year=fact.year,
                         topic=fact.topic, **where)
    if isinstance(fact, Plan):
        return TextEvent(kind="plan", text=fact.text, year=fact.year, marker=fact.marker, when=fact.when,
                         month=fact.month, sentence=fact.sentence, **where)
    return TextEvent(kind="actor", text=fact.text, names=list(fact.names), how=fact.how, sentence=fact.sentence, **where)


def read_events(units: list[TextUnit], tables=()) -> list:
    """Every fact the finders read in ``units`` (in their order), then the dated rows of
    ``tables`` (``column_events``): the contract's ``Report.events``."""
    out = []
    for u in units:
        for finder in (find_events, find_month_lists, find_plans, find_actors):
            out += [_out(f, u) for f in finder(u.text)]
    for t in tables:
        for i, e in enumerate(column_events(t)):
            out.append(_out(e, TextUnit(e.text, t.page_of(i + 1), t.id, i + 1, None), from_columns=True))
    return out


def report_events(report) -> list:
    """``Report.events`` for a report whose claims, amounts and tables are filled."""
    return read_events(text_units(report), report.tables)


def as_finding(e):
    """A contract ``TextEvent`` back as the finder's own record (hashable, for grouping)."""
    if e.kind == "dated":
        return Event(e.month, e.year, e.count, e.unit, e.price, e.verb, e.topic, e.text, e.start, e.end)
    if e.kind == "month_list":
        return MonthList(tuple(e.months), e.year, e.topic, e.text, e.start, e.end)
    if e.kind == "plan":
        return Plan(e.year, e.marker, e.when, e.month, e.sentence, e.text)
    return Actor(tuple(e.names), e.how, e.sentence, e.text)

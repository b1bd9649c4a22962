"""Which standard tables a 部门预算/决算 holds, and whether the empty ones say so.

A 部门预算/决算 publishes a fixed set of tables (the national 决算 template has nine; a
预算 lists its own in a 目录), and a table the department has nothing to put in is kept,
empty, with a note under it (``注：本部门无政府性基金预算财政拨款支出，故本表无数据``).
Three slips follow from that and are checked here:

``tables.missing``
    the 目录 lists a table the document does not print (error); without a 目录, a 部门决算
    that follows the national template lacks one of its tables (warning).
``tables.empty_quoted``
    a standard table printed with no figure while the 说明 quotes a figure that belongs to
    it (error: ``三公经费财政拨款支出年初预算为0.95万元`` beside an empty 三公 table); an
    empty table with no note at all (warning).
``tables.note_contradicts``
    a table printing figures under a note saying it is empty (error), or an empty-table
    note naming another fund than the table's own (warning: a note copied from the table
    before it).

The tables' titles are their captions, else the text just above them; the 目录, the notes
and the 说明 are running text. The contract carries running text only as it is read into
claims and amounts, and a 目录 only when it was printed as a table; ``texts`` gathers what
the report holds (and the report's ``blocks``, the page text in reading order, when the
contract carries them). A rule that needs text the report does not hold stays silent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from checker.finding import at_table, finding, table_name
from checker.ledger import LEDGER_IDENTITIES
from checker.memo import per_check
from checker.numbers import Printed, fmt, parse_cell
from checker.registry import CheckConfig, rule
from checker.tables import find_col, rounded_scale
from extractor.contract import Finding, Location, Report, TableOut
from patterns.cells import normalise
from patterns.lazyre import re
from patterns.rule_words import presence_words
from patterns.table_roles import identity, norm, vocabulary

# ---------------------------------------------------------------------------------------
# text as the report holds it


@dataclass(frozen=True)
class Text:
    """One piece of running text: a paragraph, a heading, a 目录 line.

    ``after`` is the id of the table printed last before it (reading order), None before
    the first table or where the order is unknown; ``kind`` says where it was read from:
    ``text`` (the page text), ``toc`` (a line of a 目录 printed as a table) or ``prose``
    (a sentence the recogniser kept as a claim or an amount's context).
    """

    page: int | None
    text: str
    after: str | None = None
    kind: str = "text"


def _toc_table(table: TableOut) -> bool:
    """A 目录 printed as a one-column table: its first filled cell reads 目录."""
    first = next((s for row in table.rows for c in row if (s := norm(c))), None)
    return first in presence_words().toc_heading and all(len([c for c in row if norm(c)]) <= 1 for row in table.rows)


def _toc_lines(table: TableOut) -> list[Text]:
    pages = table.row_pages if len(table.row_pages) == len(table.rows) else [table.pages[0] if table.pages else None] * len(table.rows)
    return [Text(p, c, table.id, "toc") for p, row in zip(pages, table.rows, strict=True) for c in row if norm(c)]


@per_check
def texts(report: Report) -> list[Text]:
    """The running text the report holds, in reading order where it is known: the page text
    when the contract carries it (``blocks``), a 目录 printed as a table in its place, else
    the sentences of claims and amounts."""
    blocks = [
        Text(getattr(b, "page", None), getattr(b, "text", "") or "", getattr(b, "after", None), "text")
        for b in getattr(report, "blocks", None) or []
    ]
    out: list[Text] = []
    for t in report.tables:
        if not _toc_table(t):
            continue
        lines = _toc_lines(t)
        at = next((k for k, x in enumerate(blocks) if x.after == t.id), len(blocks))
        blocks[at:at] = lines  # the 目录's lines where the table stands, before the text after it
        out.extend(lines)
    if any(x.kind == "text" for x in blocks):
        return blocks
    seen: set[tuple[int | None, str]] = set()
    for page, text in [(c.page, c.text) for c in report.claims] + [(a.page, a.context) for a in report.amounts]:
        if (page, text) not in seen:
            seen.add((page, text))
            out.append(Text(page, text, None, "prose"))
    return out


def has_page_text(items: list[Text]) -> bool:
    """Whether ``items`` hold the page text (notes under tables are only there)."""
    return any(x.kind == "text" for x in items)


# ---------------------------------------------------------------------------------------
# titles

_LEADERS = re.compile(r"[…\.·．。\-—_]{2,}.*$")
_NUMBERING = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十]+[)）、.．]|\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）]|附表\s*\d*[:：]?|表\s*\d+[:：]?|公开\s*\d+\s*表[:：]?)"
)
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_QUOTES = re.compile(r"[“”\"‘’'「」『』《》]")
_TRAILING_PAREN = re.compile(r"[(（][^()（）]{1,12}[)）]$")


def title_key(text: str | None) -> str:
    """A title as two printings of it agree on: no numbering, year, quotes, leaders, unit.

    ``9.部门“三公”经费和机关运行经费预算表 ……`` and ``2024年部门“三公”经费和机关运行经费
    预算表`` both give ``三公经费和机关运行经费预算表``.
    """
    t = norm(text)
    t = _LEADERS.sub("", t)
    t = re.sub(r"\d+$", "", t)  # a page number after the leaders
    t = _PART.sub("", t)
    for _ in range(2):
        t = _NUMBERING.sub("", t)
    t = _YEAR.sub("", t)
    t = _QUOTES.sub("", t)
    t = re.sub(r"[(（]?单位[:：].*$", "", t)
    while _TRAILING_PAREN.search(t):
        t = _TRAILING_PAREN.sub("", t)
    t = presence_words().org_prefix.sub("", t)
    return t


def same_title(a: str, b: str) -> bool:
    """Two title keys name the same table: equal, or one is the other behind a department's
    name (``上海市普陀区财政局收入决算表``), never behind words that make another table
    (``一般公共预算财政拨款支出决算表`` is not ``支出决算表``)."""
    if not a or not b:
        return False
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if not long.endswith(short):
        return False
    return not any(w in long[: -len(short)] for w in presence_words().type_words)


def is_table_title(text: str) -> bool:
    """A 目录 line or a heading that names a table (not ``第二部分…部门预算表``, not a 说明)."""
    raw = _LEADERS.sub("", norm(text))
    raw = re.sub(r"\d+$", "", raw)
    if not raw.endswith("表") or _PART.match(raw):
        return False
    key = title_key(raw)
    return bool(key) and (identity(key, []) is not None or any(w in key for w in presence_words().type_words))


def _before(items: list[Text], table: TableOut, previous: str | None) -> list[Text]:
    """Page text printed between the previous table and ``table``, on its first page."""
    page = table.pages[0] if table.pages else None
    return [x for x in items if x.kind == "text" and x.after == previous and x.page == page]


def titles(report: Report, items: list[Text]) -> dict[str, list[str]]:
    """Title keys of every table: its caption and the table titles printed just above it."""
    out: dict[str, list[str]] = {}
    previous: str | None = None
    for t in report.tables:
        keys = [title_key(t.caption)] if t.caption else []
        keys += [title_key(x.text) for x in _before(items, t, previous)[-3:] if is_table_title(x.text)]
        out[t.id] = [k for k in dict.fromkeys(keys) if k]
        previous = t.id
    return out


def shown_title(report: Report, items: list[Text], table: TableOut) -> str:
    """How a message names a table: its caption, else the title above it, else its id."""
    if table.caption:
        return table_name(table)
    k = next(i for i, t in enumerate(report.tables) if t.id == table.id)
    previous = report.tables[k - 1].id if k else None
    above = [x.text for x in _before(items, table, previous) if is_table_title(x.text)]
    return norm(above[-1]) if above else table_name(table)


# ---------------------------------------------------------------------------------------
# the 目录


@dataclass(frozen=True)
class Entry:
    text: str  # as printed, leaders dropped
    key: str
    page: int | None


_STARTS = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[(（]?[一二三四五六七八九十]+[)）、.．]|\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）]|附表|附件|公开\s*\d+)")


_LEADER_RUN = re.compile(r"[…\.·]{2,}\s*(?:\d+(?![\d.、．]))?")  # leaders and a page number, not the next entry's 4.


def _entries(lines: list[Text]) -> list[Entry]:
    """目录 lines as entries: two entries printed on one line split at their leaders, a title
    wrapped over two lines joined again."""
    out: list[tuple[str, int | None]] = []
    for x in lines:
        for segment in _LEADER_RUN.split(norm(x.text)):
            line = re.sub(r"\d+$", "", segment)
            if not line:
                continue
            if out and not _STARTS.match(line) and not out[-1][0].endswith("表") and len(out[-1][0]) >= 15 and len(line) <= 12:
                out[-1] = (out[-1][0] + line, out[-1][1])
                continue
            out.append((line, x.page))
    return [Entry(text, title_key(text), page) for text, page in out]


def table_of_contents(items: list[Text]) -> list[Entry]:
    """The table entries of the 目录: the lines after a line reading 目录, on its page and
    (until the body starts: a long paragraph, a line the 目录 already holds, a table) the next.
    """
    start = next((k for k, x in enumerate(items) if norm(x.text) in presence_words().toc_heading and x.kind in ("text", "toc")), None)
    if start is None:
        return []
    page = items[start].page
    lines: list[Text] = []
    seen: set[str] = set()
    for x in items[start + 1 :]:
        if x.kind not in ("text", "toc"):
            continue
        if x.page != page and (page is None or x.page != page + 1):
            break
        s = norm(x.text)
        if x.page != page and (len(s) > 60 or s in seen or x.after != items[start].after):
            break
        seen.add(s)
        lines.append(x)
    return [e for e in _entries(lines) if is_table_title(e.text)]


# ---------------------------------------------------------------------------------------
# which entries have a table


@dataclass(frozen=True)
class Gap:
    entry: Entry
    before: TableOut | None  # the table of the nearest listed entry before it
    after: TableOut | None  # … and after it


def _match(entries: list[Entry], tables: list[TableOut], keys: dict[str, list[str]]) -> dict[int, int]:
    """Entry index → table index, by title, each table once, in the entries' order first."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for i, e in enumerate(entries):
        start = max(out.values(), default=-1) + 1
        order = list(range(start, len(tables))) + list(range(start))
        for j in order:
            if j not in used and any(same_title(e.key, k) for k in keys.get(tables[j].id, [])):
                out[i] = j
                used.add(j)
                break
    return out


def gaps(entries: list[Entry], tables: list[TableOut], keys: dict[str, list[str]], printed: set[str]) -> list[Gap]:
    """Entries no table answers to, where nothing could be their table.

    An entry is missing only when no table bears its title, no title line of the body
    reads as it (a table merged into the one before it keeps its title in the text), no
    unmatched table has its identity, and no unmatched table stands between the tables of
    its listed neighbours (a table with no title there could be it). Half the entries, and
    at least three, must have their table: else the tables are printed elsewhere (a
    separate file, images).
    """
    matched = _match(entries, tables, keys)
    if len(matched) < max(3, (len(entries) + 1) // 2):
        return []
    unmatched = [j for j in range(len(tables)) if j not in matched.values()]
    out: list[Gap] = []
    for i, e in enumerate(entries):
        if i in matched or any(same_title(e.key, k) for k in printed):
            continue
        ident = identity(e.key, [])
        if ident is not None and any(tables[j].identity == ident for j in unmatched):
            continue
        lo = max((k for k in matched if k < i), default=None)
        hi = min((k for k in matched if k > i), default=None)
        a = matched[lo] if lo is not None else -1
        b = matched[hi] if hi is not None else len(tables)
        if a >= b or any(a < j < b for j in unmatched):
            continue
        out.append(Gap(e, tables[a] if a >= 0 else None, tables[b] if b < len(tables) else None))
    return out


@cache
def standard_sets() -> dict[str, list[str]]:
    """Standard table sets by document kind (``standard_sets`` in ``patterns/data/tables.json``)."""
    return {k: list(v) for k, v in (vocabulary().get("standard_sets") or {}).items() if not k.startswith("_")}


def _is_final_accounts(report: Report, keys: dict[str, list[str]]) -> bool:
    """A 部门决算: its title says so, or three of its tables' titles do."""
    words = presence_words().final_accounts_words
    if any(w in norm(report.document.title) for w in words):
        return True
    return sum(1 for ks in keys.values() if any(w in k for w in words for k in ks)) >= 3


@per_check
def _ledger_tables(report: Report) -> list[TableOut]:
    return [t for t in report.tables if t.identity in LEDGER_IDENTITIES and not _toc_table(t)]


def _is_department_budget(report: Report) -> bool:
    return report.document.kind == "budget" and len(_ledger_tables(report)) >= 3


def _between(gap: Gap, title: Callable[[TableOut], str]) -> str:
    def name(t: TableOut) -> str:
        pages = f"第{t.pages[0]}页" if len(t.pages) < 2 else f"第{t.pages[0]}–{t.pages[-1]}页"
        return f"“{title(t)}”（{pages}）"

    if gap.before is not None and gap.after is not None:
        return f"{name(gap.before)}之后即为{name(gap.after)}"
    if gap.before is not None:
        return f"{name(gap.before)}之后再无表格"
    if gap.after is not None:
        return f"{name(gap.after)}之前未见表格"
    return ""


def _gap_locations(gap: Gap, first: Location | None = None) -> list[Location]:
    locs = [first] if first is not None else []
    if gap.before is not None:
        locs.append(Location(page=gap.before.pages[-1] if gap.before.pages else None, table=gap.before.id))
    if gap.after is not None:
        locs.append(Location(page=gap.after.pages[0] if gap.after.pages else None, table=gap.after.id))
    return locs


def _printed_titles(items: list[Text], toc_pages: set[int | None]) -> set[str]:
    """Title keys of the body's short lines that name a table (outside the 目录)."""
    return {title_key(x.text) for x in items if x.kind == "text" and x.page not in toc_pages and len(norm(x.text)) <= 60 and is_table_title(x.text)}


@rule("tables.missing", "error", "目录所列或标准格式应有的表格文件中未见")
def missing_tables(report: Report, config: CheckConfig) -> list[Finding]:
    return find_missing(report, texts(report))


def find_missing(report: Report, items: list[Text]) -> list[Finding]:
    """``tables.missing`` over ``items`` (the report's text, see ``texts``)."""
    if not _is_department_budget(report):
        return []
    tables = [t for t in report.tables if not _toc_table(t)]
    keys = titles(report, items)
    entries = table_of_contents(items)

    def title(t: TableOut) -> str:
        return shown_title(report, items, t)

    out: list[Finding] = []
    if entries:
        printed = _printed_titles(items, {e.page for e in entries})
        for gap in gaps(entries, tables, keys, printed):
            where = "、".join(str(p) for p in dict.fromkeys(e.page for e in entries if e.page is not None))
            msg = f"目录第{where}页列有“{gap.entry.text}”，但文件中未见此表"
            between = _between(gap, title)
            out.append(finding("tables.missing", "error", msg + (f"（{between}）" if between else ""),
                               locations=_gap_locations(gap, Location(page=gap.entry.page))))
        return out
    if not _is_final_accounts(report, keys):
        return []  # a 预算 without a 目录: its set is the locality's, not known here
    template = [Entry(t, title_key(t), None) for t in standard_sets().get("部门决算", [])]
    if not template:
        return []
    matched = _match(template, tables, keys)
    if len(matched) < len(template) - 3:
        return []  # not the national template's set: no standard to hold it to
    for gap in gaps(template, tables, keys, _printed_titles(items, set())):
        msg = (f"本文件为部门决算，未见目录；按全国部门决算公开模板应有“{gap.entry.text}”，但文件中未见此表"
               f"（{_between(gap, title)}）")
        out.append(finding("tables.missing", "warning", msg, locations=_gap_locations(gap)))
    return out


# ---------------------------------------------------------------------------------------
# empty tables and their notes

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


def figures(table: TableOut) -> list[tuple[int, int, Printed]]:
    """Every figure the table prints: numbers outside code and label columns, codes left out."""
    skip = {c for col in table.columns if col.role in ("code", "label") for c in (col.cols or [col.col])}
    out: list[tuple[int, int, Printed]] = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if c in skip:
                continue
            s = norm(cell)
            p = parse_cell(s)
            if p is None or (p.decimals == 0 and _CODE.match(s) and c < 4):
                continue
            out.append((r, c, p))
    return out


def table_subjects(title: str) -> set[str]:
    """The funds and items a table's title names (三公 and 机关运行经费 share one Shanghai table)."""
    t = norm(title)
    return {s for s, w in presence_words().title_subjects.items() if w in t}


def text_subjects(text: str) -> set[str]:
    t = norm(text)
    return {s for s, words in presence_words().text_subjects.items() if any(w in t for w in words)}


def is_empty_note(text: str) -> bool:
    return bool(presence_words().empty_note.search(norm(text))) and len(norm(text)) <= 150


def note_of(items: list[Text], table: TableOut, tables: list[TableOut]) -> Text | None:
    """The empty-table note of ``table``: a row of it (``此表为空``), else the page text printed
    under it (between it and the next table, on its last page)."""
    for r, row in enumerate(table.rows):
        for cell in row:
            if is_empty_note(cell):
                pages = table.row_pages if len(table.row_pages) == len(table.rows) else []
                return Text(pages[r] if pages else (table.pages[-1] if table.pages else None), cell, table.id, "row")
    last = table.pages[-1] if table.pages else None
    if any(x.after is not None for x in items if x.kind == "text"):
        return next((x for x in items if x.kind == "text" and x.after == table.id and x.page == last and is_empty_note(x.text)), None)
    # text without its place among the tables: a note on a page that holds this table alone
    if sum(1 for t in tables if last in t.pages) != 1:
        return None
    return next((x for x in items if x.kind == "text" and x.page == last and is_empty_note(x.text)), None)


def subject_title(report: Report, items: list[Text], table: TableOut) -> str:
    """The words that say what a table is about: its caption, the title above it or in its
    first rows, else its identity."""
    above = [shown_title(report, items, table)] if not table.caption else []
    inside = [c for row in table.rows[:2] for c in row if is_table_title(c)]
    return "".join([table.caption or "", *above, *inside]) or table.identity or ""


def _standard(report: Report, items: list[Text]) -> list[tuple[TableOut, set[str]]]:
    """The tables whose emptiness means something, with what they are about: the funds and
    三公 tables of a 部门预算/决算."""
    if not _is_department_budget(report):
        return []
    out = []
    for t in _ledger_tables(report):
        subjects = table_subjects(subject_title(report, items, t))
        if subjects:
            out.append((t, subjects))
    return out


def _blank_template(report: Report) -> bool:
    """Every ledger table without a figure: a blank template, where empty is the point."""
    ledger = _ledger_tables(report)
    return bool(ledger) and all(not any(p.value != 0 for _, _, p in figures(t)) for t in ledger)


@dataclass(frozen=True)
class Quote:
    page: int | None
    text: str
    value: float  # 元
    printed: str


def _clause_of(context: str, printed: str) -> str:
    """The clause of ``context`` that holds ``printed``, up to the figure."""
    t = normalise(context)
    k = t.find(normalise(printed))
    if k < 0:
        return ""
    start = max(t.rfind(ch, 0, k) for ch in "，,；;。：:") + 1
    return t[start:k]


def quotes(report: Report, subjects: set[str], skip_pages: Iterable[int]) -> list[Quote]:
    """Non-zero money figures the prose states for ``subjects`` in the document's year.

    The figure's own clause must name the subject (``“三公”经费财政拨款支出年初预算为0.95
    万元``) and say nothing of a change or another year (``比2023年预算增加25万元`` is last
    year's difference, not this table's figure).
    """
    skip = set(skip_pages)
    year = report.document.year
    out: list[Quote] = []
    for a in report.amounts:
        if a.page in skip or not a.value or a.value <= 0:
            continue
        clause = _clause_of(a.context, a.text)
        if not clause or not (text_subjects(clause) & subjects) or presence_words().change.search(clause):
            continue
        years = {int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", clause)}
        if year is not None and years - {year}:
            continue
        out.append(Quote(a.page, norm(clause + a.text), a.value, a.text.strip()))
    return out


def _in_unit(value_yuan: float, table: TableOut) -> tuple[float, str]:
    """A 元 value in the table's unit (``TableOut.unit``: 万元 or 亿元, else 元)."""
    scale = rounded_scale(table)
    return (value_yuan / scale, norm(table.unit)) if scale != 1.0 else (value_yuan, "元")


@rule("tables.empty_quoted", "error", "标准表格空白：说明引用了该表的数字，或表下未注明为空")
def empty_quoted(report: Report, config: CheckConfig) -> list[Finding]:
    return find_empty(report, texts(report))


def find_empty(report: Report, items: list[Text]) -> list[Finding]:
    """``tables.empty_quoted`` over ``items``."""
    tables = _standard(report, items)
    if not tables or _blank_template(report):
        return []
    page_text = has_page_text(items)
    out: list[Finding] = []
    for t, subjects in tables:
        if figures(t):
            continue
        title = shown_title(report, items, t)
        note = note_of(items, t, report.tables)
        found = quotes(report, subjects, t.pages)
        page = t.pages[0] if t.pages else None
        if found:
            q = found[0]
            value, unit = _in_unit(q.value, t)
            said = f"，表下注“{norm(note.text)}”" if note else ""
            more = f"（另有 {len(found) - 1} 处）" if len(found) > 1 else ""
            msg = f"第{page}页“{title}”未印任何数字{said}，而第{q.page}页说明称“{q.text}”{more}：说明所引数字应见于此表"
            locs = [at_table(t), *[Location(page=x.page) for x in found if x.page is not None]]
            out.append(finding("tables.empty_quoted", "error", msg, expected=value, actual=None, locations=_dedupe(locs)))
            continue
        if page_text and note is None and not any(x.kind == "text" and x.page in t.pages and is_empty_note(x.text) for x in items):
            msg = f"第{page}页“{title}”未印任何数字，表下亦未注明“本表无数据”或为空的原因"
            out.append(finding("tables.empty_quoted", "warning", msg, locations=[at_table(t)]))
    return out


def _dedupe(locs: list[Location]) -> list[Location]:
    seen: set[tuple] = set()
    out = []
    for x in locs:
        key = (x.page, x.table, x.row, x.col)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def _first_nonzero(table: TableOut) -> tuple[int, int, Printed] | None:
    """The figure a reader sees first: a total row's, else the first non-zero one."""
    nonzero = [f for f in figures(table) if f[2].value != 0]
    if not nonzero:
        return None
    totals = [f for f in nonzero if find_col(table, f[0], "mentions_total") is not None]
    return (totals or nonzero)[0]


@rule("tables.note_contradicts", "error", "表下注明为空而表中有数，或注释所称资金与表不符")
def note_contradicts(report: Report, config: CheckConfig) -> list[Finding]:
    return find_contradicting_notes(report, texts(report))


def find_contradicting_notes(report: Report, items: list[Text]) -> list[Finding]:
    """``tables.note_contradicts`` over ``items``."""
    tables = _standard(report, items)
    out: list[Finding] = []
    notes = {t.id: note_of(items, t, report.tables) for t, _ in tables}
    for t, own in tables:
        note = notes[t.id]
        if note is None:
            continue
        title = shown_title(report, items, t)
        named = text_subjects(note.text)
        said = norm(note.text)
        page = note.page
        fig = _first_nonzero(t)
        if fig is not None:
            r, c, p = fig
            sure = not named or bool(named & own)
            sev = "error" if sure else "warning"
            msg = (f"第{page}页“{title}”表下注“{said}”，而表中印有数字（如第{r + 1}行 {fmt(p.value, p.decimals)}）："
                   f"表与注必有一处有误")
            if not sure:
                msg += f"（注所称为{'、'.join(sorted(named))}，与本表不符，注或属另一张表）"
            out.append(finding("tables.note_contradicts", sev, msg, actual=p.value, locations=[at_table(t, r, c), Location(page=page)]))
            continue
        other = named - own
        if other and not (named & own):
            twin = next((u for u, _ in tables if u.id != t.id and notes.get(u.id) is not None and norm(notes[u.id].text) == said), None)
            copied = f"，与第{twin.pages[-1]}页“{shown_title(report, items, twin)}”表下的注一字不差，疑为照抄" if twin else ""
            msg = (f"第{page}页“{title}”表下注“{said}”，所称为{'、'.join(sorted(other))}，"
                   f"而本表为{'、'.join(sorted(own))}{copied}")
            out.append(finding("tables.note_contradicts", "warning", msg, locations=[at_table(t), Location(page=page)]))
    return out

"""The 情况说明 of a 部门决算 read into claims: the figures it restates from its tables.

A 部门决算 (Shanghai's template, after the Ministry's) prints its tables, then a 说明 that
says the same figures in words, section by section::

    一、…2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元…
    二、本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元…
    四、…财政拨款收入支出总计2961.68万元…
    五（三）一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初
          预算的98.20%。决算数小于预算数的主要原因：…其中：
          1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…年初预算为
          1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：…
    六、一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元…；公用经费184.65万元…
    七、“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：…

``juesuan_claims(blocks)`` reads those figures into claims under ``决算.<what>.<field>``:

- ``决算.收入支出总计.金额``, ``决算.财政拨款收入支出总计.金额``, ``决算.一般公共预算财政拨款支出.金额``;
- a whole and its ``其中`` parts: ``决算.本年收入合计.金额`` and ``决算.本年收入合计>其他收入.金额``
  (likewise 本年支出合计, and ``决算.基本支出`` with 人员经费 / 公用经费);
- ``决算.功能分类.<类>(类).金额`` for the 类 lines of 五（二）;
- a budget and its outturn: ``决算.<base>.年初预算``, ``.决算数``, ``.完成率`` (%) and the word
  that compares them, ``.比较`` (no value; ``value_text`` 大于 / 小于 / 等于 / 持平 / 基本持平),
  where ``<base>`` is ``一般公共预算财政拨款支出``, ``三公`` or ``功能分类.<类(类)款(款)项(项)>``;
  the 三公 sentence's parts as ``决算.三公><part>.决算数``.

Amounts are in 元 (``value_text`` keeps the printed ``1560.05万元``); each claim's page is the page
its figure is printed on, its text the sentence (the whole item for a numbered 科目 line).
Only text inside a ``…决算情况说明`` part (up to ``名词解释``) is read, so a 部门预算's 编制说明
gives nothing here. The PDF reader may give one block per printed line: lines are joined into
numbered paragraphs first, and a line of bare figures that a layout pushed out of its sentence
(``年初预算为 万元，支出决算为 万元`` / ``62.29 60.99``) is put back into the sentence's gaps.
Template placeholders (``XXX万元``, ``大于（小于）``) give no claim. Nothing here judges:
that is ``checker/rules/final_accounts.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from extractor.contract import Claim
from extractor.document import Block
from patterns.lazyre import regex
from patterns.lexicon import load
from patterns.numbers import to_halfwidth

PREFIX = "决算."

_NUM = r"\d[\d,]*(?:\.\d+)?"
_UNIT = r"万元|亿元|元"
_SCALE = {"万元": 1e4, "亿元": 1e8, "元": 1.0}
_NUMBERED = regex.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[、.．](?!\d))")
_ITEM = regex.compile(r"^\d{1,2}[、.．](?P<name>(?:\p{Han}+\(类\))?(?:\p{Han}+\(款\))?\p{Han}+\(项\))")
_BARE_FIGURES = regex.compile(r"^\s*\d[\d,]*(?:\.\d+)?(?:\s+\d[\d,]*(?:\.\d+)?)+\s*$")
_GAP = regex.compile(r"(?<=为)(?=万元|元)")
_SENTENCE_END = "。"
_HEADING_ENDS = ("说明", "情况", "说明。", "情况。")


def _amount(name: str) -> str:
    return rf"(?P<{name}>{_NUM})(?P<{name}_u>{_UNIT})"


_IS = r"(?:为|是)?"
_TOTALS = (
    ("收入支出总计", regex.compile(r"(?<!拨款)收入、?支出(?:决算)?总计" + _IS + _amount("a"))),
    ("财政拨款收入支出总计", regex.compile(r"财政拨款收入、?支出(?:决算)?总计" + _IS + _amount("a"))),
    ("一般公共预算财政拨款支出", regex.compile(r"一般公共预算财政拨款支出(?:决算)?" + _IS + _amount("a"))),
)
# wholes whose ``其中`` parts follow: the parts run to the paragraph's end
_WHOLES = (
    ("本年收入合计", regex.compile(r"本年收入合计" + _IS + _amount("a"))),
    ("本年支出合计", regex.compile(r"本年支出合计" + _IS + _amount("a"))),
    ("基本支出", regex.compile(r"一般公共预算财政拨款基本支出(?:决算)?" + _IS + _amount("a"))),
)
_PARTS_OPEN = regex.compile(r"[,。;]?其中[:,]?")
_PART = regex.compile(r"(?<=[:;,。、]|其中)(?P<name>[\p{Han}“”()]{2,24}?)" + _IS + _amount("a"))
_CLASS = regex.compile(r"(?<=[:;,。])(?P<name>\p{Han}{2,20})\(类\)(?:支出)?" + _IS + _amount("a"))
# ``年初预算为…，支出决算为…``; an Anhui county prints ``支出预算为3万元，支出决算为1.71万元，完成预算的43%``
_BUDGET_OUTTURN = regex.compile(
    r"(?:年初)?预算(?:数)?" + _IS + _amount("b") + r"[,]?(?:支出)?决算(?:数)?" + _IS + _amount("o")
    + r"(?:[,]?完成(?:年初)?预算(?:数)?的(?P<rate>\d+(?:\.\d+)?)%)?"
)


@dataclass(frozen=True)
class Words:
    start: tuple[str, ...]
    end: tuple[str, ...]
    compare: regex.Pattern
    kinds: dict[str, str]  # word → more / less / equal / flat
    sangong: regex.Pattern
    sangong_names: dict[str, str]  # printed name → the part's key
    sangong_part: regex.Pattern  # a part's name ending the text before its 预算 … 决算 sentence


@cache
def words() -> Words:
    raw = load("juesuan")
    kinds = {w: k for k, ws in raw["compare"].items() for w in ws}
    ordered = sorted(kinds, key=len, reverse=True)
    alt = "|".join(regex.escape(w) for w in ordered)
    # 决算数大于预算数 / 决算数与预算数基本持平; a template's ``大于（小于）`` is no statement,
    # and 决算数与2023年度持平 compares with last year, not with the budget
    compare = regex.compile(
        rf"决算数?(?|(?P<w>{alt})(?!\()(?:年初)?预算|与(?:年初)?预算数?(?P<w>{alt})(?!\())"
    )
    names = {to_halfwidth(n): key for key, ns in raw["sangong_parts"].items() for n in ns}
    part_alt = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    sangong = regex.compile(rf"(?P<name>{part_alt})(?:支出)?决算(?:数)?" + _IS + _amount("a"))
    part = regex.compile(rf"(?:^|[^\p{{Han}}])(?:\d{{1,2}}[、.])?(?P<name>{part_alt})(?:支出)?(?:年初)?$")
    return Words(tuple(raw["section_start"]), tuple(raw["section_end"]), compare, kinds, sangong, names, part)


@dataclass(frozen=True)
class SangongColumns:
    """How a 三公 table's columns are read (``juesuan.json`` ``sangong_columns``)."""

    measure: regex.Pattern
    measures: tuple[tuple[str, tuple[str, ...]], ...]
    car_heading: tuple[str, ...]
    car_leaf: tuple[str, ...]
    car_starts: tuple[str, ...]
    buy: tuple[tuple[str, ...], tuple[str, ...]]  # (has, not)
    run: tuple[tuple[str, ...], tuple[str, ...]]
    starts: tuple[tuple[str, tuple[str, ...]], ...]
    total_leaf: frozenset[str]
    total_ends: tuple[str, ...]
    names: dict[str, str]  # kind → how a message names it
    claim_kinds: dict[str, str]  # a 说明's 三公 part name → kind


@cache
def sangong_columns() -> SangongColumns:
    raw = load("juesuan")["sangong_columns"]
    return SangongColumns(
        measure=regex.compile(raw["measure_pattern"]),
        measures=tuple((k, tuple(v)) for k, v in raw["measures"].items()),
        car_heading=tuple(raw["car_heading"]),
        car_leaf=tuple(raw["car_whole"]["leaf"]),
        car_starts=tuple(raw["car_whole"]["starts"]),
        buy=(tuple(raw["car_buy"]["has"]), tuple(raw["car_buy"]["not"])),
        run=(tuple(raw["car_run"]["has"]), tuple(raw["car_run"]["not"])),
        starts=tuple((k, tuple(v)) for k, v in raw["starts"].items()),
        total_leaf=frozenset(raw["total"]["leaf"]),
        total_ends=tuple(raw["total"]["ends"]),
        names=dict(raw["names"]),
        claim_kinds=dict(raw["claim_kinds"]),
    )


def _sangong_kind(path: list[str]) -> str | None:
    """What a 三公 column holds (abroad, car, car_buy, car_run, reception, meeting, training,
    total), from its header path without the 预算数/决算数 leaf."""
    if not path:
        return None
    w = sangong_columns()
    leaf = path[-1]
    if any(h in "/".join(path) for h in w.car_heading):
        if leaf in w.car_leaf or leaf.startswith(w.car_starts):
            return "car"
        for kind, (has, nots) in (("car_buy", w.buy), ("car_run", w.run)):
            if any(x in leaf for x in has) and not any(x in leaf for x in nots):
                return kind
        return None
    for kind, starts in w.starts:
        if leaf.startswith(starts):
            return kind
    if leaf in w.total_leaf or leaf.endswith(w.total_ends):
        return "total"
    return None


def sangong_column(header: str) -> tuple[str, str] | None:
    """(measure, kind) of a 三公 table's column from its ``/``-joined header path
    (``公务用车购置及运行费/小计/决算数`` → (决算数, car)); None for any other column."""
    path = [p for p in header.split("/") if p]
    w = sangong_columns()
    if len(path) < 2 or not w.measure.fullmatch(path[-1]):
        return None
    measure = next((m for m, words in w.measures if any(x in path[-1] for x in words)), None)
    kind = _sangong_kind(path[:-1])
    return (measure, kind) if measure is not None and kind is not None else None


@dataclass
class Paragraph:
    """One numbered paragraph of the 说明: half-width text without spaces, a page per character."""

    text: str = ""
    pages: list[int | None] = field(default_factory=list)
    body: int = 0  # where the text after a heading line (``二、收入决算情况说明``) starts

    def add(self, text: str, page: int | None) -> None:
        self.text += text
        self.pages.extend([page] * len(text))

    def page_at(self, i: int) -> int | None:
        return self.pages[min(max(i, 0), len(self.pages) - 1)] if self.pages else None

    def sentence(self, start: int, end: int) -> str:
        a = max(self.text.rfind(_SENTENCE_END, 0, start) + 1, self.body if start >= self.body else 0)
        b = self.text.find(_SENTENCE_END, end)
        return self.text[a : (b + 1 if b >= 0 else len(self.text))]


def _compact(text: str) -> str:
    return regex.sub(r"\s+", "", to_halfwidth(text))


def _fill_gaps(par: Paragraph, figures: list[str], page: int | None) -> bool:
    """Put a line of bare figures back into the ``为 万元`` gaps the sentence left, in order."""
    gaps = [m.start() for m in _GAP.finditer(par.text)]
    if not gaps or len(gaps) != len(figures):
        return False
    for pos, fig in reversed(list(zip(gaps, figures, strict=True))):
        par.text = par.text[:pos] + fig + par.text[pos:]
        par.pages[pos:pos] = [page] * len(fig)
    return True


def paragraphs(blocks: Iterable[Block]) -> list[Paragraph]:
    """The numbered paragraphs of every ``…决算情况说明`` part, lines joined."""
    w = words()
    out: list[Paragraph] = []
    inside = False
    for b in blocks:
        raw = (b.text or "").strip()
        if not raw:
            continue
        text = _compact(raw)
        if len(text) <= 60 and any(s in text for s in w.end):
            inside = False
            continue
        if len(text) <= 60 and any(s in text for s in w.start) and not _NUMBERED.match(text):
            inside = True  # ``第三部分…决算情况说明``: a paragraph of its own
            out.append(Paragraph())
            out[-1].add(text, b.page)
            out[-1].body = len(text)
            continue
        if len(text) <= 60 and any(s in text for s in w.start):
            inside = True  # ``六、…基本支出决算情况说明`` where the part's own title was not read
        if not inside:
            continue
        if _BARE_FIGURES.match(to_halfwidth(raw)) and out and _fill_gaps(out[-1], to_halfwidth(raw).split(), b.page):
            continue
        if _NUMBERED.match(text) or not out:
            out.append(Paragraph())
            out[-1].add(text, b.page)
            if text.endswith(_HEADING_ENDS):
                out[-1].body = len(out[-1].text)
            continue
        out[-1].add(text, b.page)
    return out


def _value(m: regex.Match, name: str) -> tuple[float, str]:
    n, u = m.group(name), m.group(f"{name}_u")
    return round(float(n.replace(",", "")) * _SCALE[u], 6), n + u


def _claim(par: Paragraph, subject: str, m: regex.Match, name: str, text: str) -> Claim:
    value, printed = _value(m, name)
    return Claim(subject=PREFIX + subject, text=text, value=value, unit="元", page=par.page_at(m.start(name)), value_text=printed)


def _parts(par: Paragraph, whole: str, end: int, text: str) -> list[Claim]:
    opener = _PARTS_OPEN.match(par.text, end)
    if not opener:
        return []
    out: list[Claim] = []
    stop = len(par.text)
    for m in _PART.finditer(par.text, opener.end(), stop):
        name = m.group("name")
        if name.startswith(("占", "比", "较", "增加", "减少", "其中")):
            continue
        out.append(_claim(par, f"{whole}>{name}.金额", m, "a", text))
    return out


def _base(par: Paragraph, start: int) -> str | None:
    """What a 年初预算 … 支出决算 sentence is about: the item's 科目, 三公, or the whole 一般公共预算."""
    item = _ITEM.match(par.text)
    if item:
        return f"功能分类.{item.group('name')}"
    before = par.text[max(0, start - 40) : start]
    if "三公" in before:
        return "三公"
    part = words().sangong_part.search(before)
    if part is not None:
        return f"三公>{words().sangong_names[part.group('name')]}"  # ``1.公务接待费预算为1万元，支出决算为…``
    if before.endswith(("一般公共预算财政拨款支出", "一般公共预算财政拨款支出决算")):
        return "一般公共预算财政拨款支出"
    return None


def _budget_claims(par: Paragraph) -> list[Claim]:
    w = words()
    out: list[Claim] = []
    found = list(_BUDGET_OUTTURN.finditer(par.text))
    item = _ITEM.match(par.text)
    for k, m in enumerate(found):
        base = _base(par, m.start())
        if base is None:
            continue
        text = par.text if item else par.sentence(m.start(), m.end())
        out.append(_claim(par, f"{base}.年初预算", m, "b", text))
        out.append(_claim(par, f"{base}.决算数", m, "o", text))
        if m.group("rate") is not None:
            out.append(Claim(subject=f"{PREFIX}{base}.完成率", text=text, value=float(m.group("rate")), unit="%",
                             page=par.page_at(m.start("rate")), value_text=m.group("rate") + "%"))
        stop = found[k + 1].start() if k + 1 < len(found) else len(par.text)
        if base == "三公":
            for p in w.sangong.finditer(par.text, m.end(), stop):
                key = w.sangong_names[p.group("name")]
                out.append(_claim(par, f"三公>{key}.决算数", p, "a", par.sentence(p.start(), p.end())))
        said = w.compare.search(par.text, m.end(), stop)
        if said is not None:
            out.append(Claim(subject=f"{PREFIX}{base}.比较", text=text, value=None, unit=None,
                             page=par.page_at(said.start("w")), value_text=said.group("w")))
    return out


def paragraph_claims(par: Paragraph) -> list[Claim]:
    """Every figure of one 说明 paragraph this module reads (see the module docstring)."""
    out: list[Claim] = []
    for name, pattern in _TOTALS:
        for m in pattern.finditer(par.text):
            out.append(_claim(par, f"{name}.金额", m, "a", par.sentence(m.start(), m.end())))
    for name, pattern in _WHOLES:
        for m in pattern.finditer(par.text):
            text = par.sentence(m.start(), m.end())
            out.append(_claim(par, f"{name}.金额", m, "a", text))
            out.extend(_parts(par, name, m.end(), text))
    if not _ITEM.match(par.text):
        for m in _CLASS.finditer(par.text):
            out.append(_claim(par, f"功能分类.{m.group('name')}(类).金额", m, "a", par.sentence(m.start(), m.end())))
    out.extend(_budget_claims(par))
    return out


def juesuan_claims(blocks: Iterable[Block]) -> list[Claim]:
    """The claims of every 决算 说明 paragraph in ``blocks`` (none outside a 决算情况说明 part)."""
    out: list[Claim] = []
    for par in paragraphs(blocks):
        out.extend(paragraph_claims(par))
    return out

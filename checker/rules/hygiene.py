"""Document hygiene: template text left in a published document, a year that is not its own.

A 部门预算/决算 is written by filling a template, and what the filler forgot stays in print:
a placeholder name (``上海市普陀区XX局``), both alternatives of a comparison (``与上年相比增加（减少）
0万元，增长（减少）0%``), the template's filling instruction (``（按“部门预算公开06表…”中实际发生
经济分类支出事项填写）``), a reason left blank (``主要原因是。``); or last year's text copied
without its year changed (``上海市普陀区财政局2023年度部门决算情况说明`` in a 2024 决算).

The rules read the running text, ``Report.blocks`` (paragraphs and headings in reading
order); a Report without it (a contract JSON written before it was added) still has the
sentences that carry figures (``claims``, ``amounts``' context), which are read instead, each
on its own, so headings and sentences without figures go unseen. Text is compared with
every whitespace removed: PDF text breaks lines and puts stray spaces inside words
(``增加（减 少）``, ``截至 2023年 12 月 31 日``). The vocabulary is ``patterns/data/hygiene.json``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from checker.finding import finding
from checker.registry import CheckConfig, rule
from extractor.contract import Finding, Location, Report
from patterns.lazyre import re
from patterns.lexicon import load

_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_STOP = "。；;！？!?"
_FOLIO = re.compile(r"^[-－─—–_]*\d{1,4}[-－─—–_]*$|^第\d+页(?:共\d+页)?$")
_QUOTABLE = ("name", "token")  # kinds a quotation may carry without being left in
_TORN = re.compile(r"^[^（(]{0,3}[）)]")
_MARKER = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+部分)"
)


# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Kind:
    kind: str
    severity: str
    label: str
    fix: str
    patterns: tuple[re.Pattern, ...]
    directions: dict[str, str]  # word → up / down / flat, for alternatives


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[Kind, ...]
    template_tokens: int
    template_pages: int
    title: re.Pattern
    org_stop: tuple[str, ...]
    asset_date: re.Pattern
    asset_words: tuple[str, ...]
    asset_window: int
    scope: re.Pattern


@cache
def vocabulary() -> Vocabulary:
    """``hygiene.json`` compiled, once."""
    raw = load("hygiene")
    ph, yr = raw["placeholder"], raw["year"]
    kinds = []
    for k in ph["kinds"]:
        directions = {w: d for d, words in (k.get("directions") or {}).items() for w in words}
        kinds.append(
            Kind(
                k["kind"],
                k["severity"],
                k["label"],
                k["fix"],
                tuple(re.compile(p) for p in k["patterns"]),
                directions,
            )
        )
    tails = "|".join(re.escape(t) for t in sorted(yr["title_tails"], key=len, reverse=True))
    return Vocabulary(
        kinds=tuple(kinds),
        template_tokens=int(ph["template"]["min_tokens"]),
        template_pages=int(ph["template"]["min_pages"]),
        title=re.compile(yr["title"].replace("{tails}", tails)),
        org_stop=tuple(yr["title_org_stop"]),
        asset_date=re.compile(yr["asset_date"]),
        asset_words=tuple(yr["asset_words"]),
        asset_window=int(yr["asset_window"]),
        scope=re.compile(yr["scope"]),
    )


# ---------------------------------------------------------------- running text


@dataclass(frozen=True)
class Segment:
    """One paragraph, heading or sentence, whitespace removed."""

    page: int | None
    text: str
    heading: bool = False


def compact(text: str) -> str:
    return _SPACE.sub("", text or "")


class Stream:
    """The segments joined into one text, so a slip broken over two lines is still found."""

    def __init__(self, segs: list[Segment]) -> None:
        self.segs = segs
        self.starts: list[int] = []
        parts: list[str] = []
        at = 0
        for s in segs:
            self.starts.append(at)
            parts.append(s.text)
            at += len(s.text)
        self.text = "".join(parts)

    def seg_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def page_at(self, pos: int) -> int | None:
        return self.segs[self.seg_at(pos)].page if self.segs else None

    def _stops_before(self, k: int) -> bool:
        """Whether a quote must not reach back over the start of segment ``k``."""
        return (
            self.segs[k].heading
            or bool(_MARKER.match(self.segs[k].text))
            or (k > 0 and self.segs[k - 1].heading)
        )

    def sentence(self, start: int, end: int, width: int = 30) -> str:
        """The sentence around ``text[start:end]``: back to a full stop, a heading or a
        numbered item, on to the next full stop (kept), at most ``width`` characters either
        side."""
        k = self.seg_at(start)
        while k > 0 and self.starts[k] > start - width and not self._stops_before(k):
            k -= 1
        lo = max(start - width, self.starts[k])
        head = self.text[lo:start]
        cut = max(head.rfind(c) for c in _STOP)
        if cut >= 0:
            head = head[cut + 1 :]
        elif lo > self.starts[k]:
            head = "…" + _TORN.sub("", head)  # cut short; drop a numbering cut in half: ``二）``
        elif k > 0 and not self._stops_before(k):
            head = "…" + head
        j = self.seg_at(max(start, end - 1))
        last = len(self.segs) - 1
        while (
            j < last
            and self.starts[j + 1] < end + width
            and not self.segs[j].heading
            and not self._stops_before(j + 1)
        ):
            j += 1
        bound = self.starts[j] + len(self.segs[j].text)
        hi = min(end + width, bound)
        tail = self.text[end:hi]
        stops = [tail.find(c) for c in _STOP if c in tail]
        if stops:
            tail = tail[: min(stops) + 1]
        elif hi < bound:
            tail += "…"
        return head + self.text[start:end] + tail


def segments(report: Report) -> tuple[list[Segment], bool]:
    """The running text in reading order, and whether it is the whole text.

    ``Report.blocks`` (page numbers such as ``─7─`` left out); without them, the sentences the
    Report keeps with their figures (claims, then money sentences), each once per page, a
    sentence contained in a longer one of the same page dropped.
    """
    if report.blocks:
        out = [
            Segment(b.page, t, b.kind == "heading")
            for b in report.blocks
            if (t := compact(b.text)) and not _FOLIO.match(t)
        ]
        return out, True
    seen: dict[int | None, list[str]] = {}
    order: list[tuple[int | None, str]] = []
    sentences = [(c.page, c.text) for c in report.claims] + [(a.page, a.context) for a in report.amounts]
    for page, text in sentences:
        t = compact(text)
        if not t:
            continue
        same = seen.setdefault(page, [])
        if any(t in s for s in same):
            continue
        for s in [s for s in same if s in t]:
            same.remove(s)
            order.remove((page, s))
        same.append(t)
        order.append((page, t))
    return [Segment(p, t) for p, t in order], False


def streams(report: Report) -> list[Stream]:
    """The running text as one stream; sentences kept apart (one stream each) when the
    Report holds only sentences, so that no pattern joins two of them."""
    segs, whole = segments(report)
    if not segs:
        return []
    return [Stream(segs)] if whole else [Stream([s]) for s in segs]


def _where(page: int | None) -> str:
    return f"第{page}页" if page is not None else "文中"


def _at(page: int | None) -> list[Location]:
    return [Location(page=page)] if page is not None else []


# ---------------------------------------------------------------- doc.placeholder


@dataclass
class _Hit:
    kind: Kind
    stream: Stream
    start: int
    end: int

    @property
    def page(self) -> int | None:
        return self.stream.page_at(self.start)

    @property
    def heading(self) -> bool:
        return self.stream.segs[self.stream.seg_at(self.start)].heading

    @property
    def word(self) -> str:
        return self.stream.text[self.start : self.end]

    def quote(self, width: int = 30) -> str:
        """``“XX局”：“…sentence…”``, or the sentence alone when the word is most of it."""
        said = self.stream.sentence(self.start, self.end, width)
        word = self.word
        return f"“{said}”" if len(word) >= 12 or len(said) <= len(word) + 2 else f"“{word}”：“{said}”"


def _hits(stream: Stream, voc: Vocabulary) -> list[_Hit]:
    """Every placeholder in ``stream``, each span claimed by the first kind that matches it."""
    taken: list[tuple[int, int]] = []
    hits: list[_Hit] = []
    for kind in voc.kinds:
        for pat in kind.patterns:
            for m in pat.finditer(stream.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if kind.kind in _QUOTABLE and _quoted(stream.text, m.start()):
                    continue
                if kind.directions and "a" in pat.groupindex:
                    a, b = kind.directions.get(m["a"]), kind.directions.get(m["b"])
                    if a is None or b is None or a == b:
                        continue
                taken.append((m.start(), m.end()))
                hits.append(_Hit(kind, stream, m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside “…” in its sentence: a placeholder quoted from another
    text (seed 004 criticises indicators named ``“全国省市“两会”XX工作成本”``) is not one left
    in this text."""
    lo = max(text.rfind(c, max(0, pos - 200), pos) for c in _STOP) + 1
    before = text[max(lo, pos - 200) : pos]
    return before.count("“") > before.count("”")


def _is_template(report: Report, hits: list[_Hit], voc: Vocabulary) -> bool:
    """An unfilled template, not a published document with a slip: its cover title is a
    placeholder (``上海市 XX 局2024 年度部门决算``), or placeholder tokens stand all over it."""
    tokens = [h for h in hits if h.kind.kind in ("name", "token")]
    title = compact(report.document.title or "")
    if title and any(p.search(title) for k in voc.kinds if k.kind in ("name", "token") for p in k.patterns):
        return True
    pages = {h.page for h in tokens if h.page is not None}
    return len(tokens) >= voc.template_tokens and len(pages) >= voc.template_pages


def _pages(pages: list[int]) -> str:
    return "、".join(map(str, pages[:8])) + ("等" if len(pages) > 8 else "")


@rule("doc.placeholder", "error", "文中留有模板占位符或填报说明")
def placeholder(report: Report, config: CheckConfig) -> list[Finding]:
    """Template text left in print: one error per page and kind (count, first quoted), one
    warning per kind for the softer notes (all its pages named).

    Kinds (``hygiene.json``): a placeholder name (``XX局``, ``×××``, ``{单位}``), any other
    ``XX`` token (``XXX 万元``), both alternatives of a comparison (``增加（减少）``), a
    filling instruction (``（按…填写）``), a reason or use left blank (``主要原因是。``) — errors;
    template notes (``（如持平作持平表述）``, ``为必填项``) — warnings. A blank template
    (its cover title a placeholder, or placeholder tokens on many pages) gets one info.
    """
    voc = vocabulary()
    hits = [h for st in streams(report) for h in _hits(st, voc)]
    if not hits:
        return []
    if _is_template(report, hits, voc):
        pages = sorted({h.page for h in hits if h.page is not None})
        return [
            finding(
                "doc.placeholder",
                "info",
                f"文件为未填写的模板：第{_pages(pages)}页共 {len(hits)} 处占位符或模板措辞（如{_where(hits[0].page)}"
                f"{hits[0].quote(16)}），未逐处列出；发布前应以实际内容替换",
                locations=[Location(page=p) for p in pages],
            )
        ]
    groups: dict[tuple[int | None, str], list[_Hit]] = {}
    for h in hits:
        groups.setdefault((h.page if h.kind.severity == "error" else None, h.kind.kind), []).append(h)
    out: list[Finding] = []
    for group in groups.values():
        first, kind = group[0], group[0].kind
        pages = sorted({h.page for h in group if h.page is not None})
        where = f"第{_pages(pages)}页" if pages else "文中"
        if len(pages) == 1 and first.heading:
            where += "标题"
        count = f"共 {len(group)} 处，首处" if len(group) > 1 else ""
        if len(pages) > 1:
            count += _where(first.page)
        out.append(
            finding(
                "doc.placeholder",
                kind.severity,
                f"{where}{kind.label}（{count}{first.quote()}），{kind.fix}",
                locations=[Location(page=p) for p in pages],
            )
        )
    return out


# ---------------------------------------------------------------- doc.year


def _year_of(text: str | None) -> int | None:
    m = _YEAR.search(compact(text or ""))
    return int(m.group()) if m else None


def _doc_kind(report: Report, titles: list[tuple[Segment, re.Match]]) -> str | None:
    """预算 or 决算: the cover title's word, else the one most title lines name."""
    title = compact(report.document.title or "")
    for k in ("决算", "预算"):
        if k in title:
            return k
    counts = Counter(m["kind"] for _, m in titles)
    if not counts or counts["决算"] == counts["预算"]:
        return None
    return counts.most_common(1)[0][0]


def _titles(segs: list[Segment], voc: Vocabulary) -> list[tuple[Segment, re.Match]]:
    """Lines that are a title naming a 预算/决算 of some year, as a whole."""
    out = []
    for s in segs:
        if len(s.text) > 60:
            continue
        m = voc.title.match(s.text)
        if not m:
            continue
        org = m["org"] or ""
        if org and (org.startswith(voc.org_stop) or org.endswith(voc.org_stop)):
            continue
        if not m["tail"] and not (s.heading or s.page == 1):
            continue
        out.append((s, m))
    return out


@rule("doc.year", "error", "标题或日期的年度与文件年度不符")
def year(report: Report, config: CheckConfig) -> list[Finding]:
    """Where a year must be the document's own: a title line naming a 预算/决算 (``第三部分
    上海市普陀区财政局2023年度部门决算情况说明`` in a 2024 决算), the asset paragraph's
    ``截至…日`` (Y年12月31日 in a 决算 of Y; a day of Y−1 in a 预算 of Y), and ``纳入本部门
    Y年部门汇总预算编制范围``. The document's year is ``document.year`` (its cover); an error
    only when the cover title or two title lines bear it out, else a warning. Only 部门预算/
    决算 documents (``document.kind == "budget"``) are read.
    """
    if report.document.kind != "budget":
        return []  # an evaluation of 2022 reports on 2021: its years follow no such rule
    voc = vocabulary()
    segs, _ = segments(report)
    titles = _titles(segs, voc)
    doc_year = report.document.year
    title_years = Counter(int(m["year"]) for _, m in titles)
    if doc_year is None:
        if not title_years:
            return []
        doc_year = title_years.most_common(1)[0][0]
    others = max((n for y, n in title_years.items() if y != doc_year), default=0)
    sure = _year_of(report.document.title) == doc_year or (
        title_years[doc_year] >= 2 and title_years[doc_year] > others
    )
    severity = "error" if sure else "warning"
    kind = _doc_kind(report, titles)
    cover = (
        f"（封面为“{report.document.title.strip()}”）"
        if report.document.title and _year_of(report.document.title) == doc_year
        else ""
    )
    out: list[Finding] = []

    for s, m in titles:
        printed = int(m["year"])
        if printed == doc_year or (kind is not None and m["kind"] != kind):
            continue
        what = "标题" if s.heading or m["tail"] else "标题行"
        out.append(
            finding(
                "doc.year",
                severity,
                f"{_where(s.page)}{what}“{s.text}”的年度{printed}与文件年度{doc_year}不符{cover}",
                expected=doc_year,
                actual=printed,
                locations=_at(s.page),
            )
        )

    for stream in streams(report):
        out += _scope_and_asset_date(stream, voc, doc_year, kind, severity)
    return out


def _scope_and_asset_date(
    stream: Stream, voc: Vocabulary, doc_year: int, kind: str | None, severity: str
) -> list[Finding]:
    out: list[Finding] = []
    for m in voc.scope.finditer(stream.text):
        printed = int(m["year"])
        if printed == doc_year or (kind is not None and m["kind"] != kind):
            continue
        page = stream.page_at(m.start())
        out.append(
            finding(
                "doc.year",
                severity,
                f"{_where(page)}“{stream.sentence(m.start(), m.end(), 12)}”：编制范围的年度{printed}与文件年度{doc_year}不符",
                expected=doc_year,
                actual=printed,
                locations=_at(page),
            )
        )

    if kind is not None:
        for m in voc.asset_date.finditer(stream.text):
            after = stream.text[m.end() : m.end() + voc.asset_window]
            if not any(w in after for w in voc.asset_words):
                continue
            printed = int(m["year"])
            page = stream.page_at(m.start())
            said = stream.sentence(m.start(), m.end(), 24)
            if kind == "决算" and printed != doc_year:
                out.append(
                    finding(
                        "doc.year",
                        severity,
                        f"{_where(page)}“{said}”：{doc_year}年度决算的资产情况应截至{doc_year}年12月31日，印为{printed}年",
                        expected=doc_year,
                        actual=printed,
                        locations=_at(page),
                    )
                )
            elif kind == "预算" and printed != doc_year - 1:
                out.append(
                    finding(
                        "doc.year",
                        "warning",
                        f"{_where(page)}“{said}”：{doc_year}年预算的资产情况通常截至上年（{doc_year - 1}年）某日，印为{printed}年",
                        expected=doc_year - 1,
                        actual=printed,
                        locations=_at(page),
                    )
                )
    return out

"""Claims in running text: ``预算执行率为100%``, ``最终评分为 91 分，绩效评级为“优”``.

A report states its key figures twice, in tables and in prose, and the two disagree more
often than one would hope. This module finds the prose side as contract ``Claim``s with
normalised subjects (``data/subjects.json``) so the checker can match them with table
cells. Segmentation is jieba with the domain user dictionary ``data/indicator_dict.txt``
(``patterns.segment``), so indicator names (``帮困慰问送温暖人数``) and terms (``预算执行率``,
``序时进度``) are single tokens that a dictionary phrase matcher (``patterns.phrases``) finds.
The matcher is built once per process, lazily, the first time prose is read (``pipeline()``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from extractor.contract import Amount, Claim
from extractor.document import Block
from patterns import lexicon
from patterns.headers import is_level1_word
from patterns.lazyre import regex
from patterns.money import find_amounts, sentence_at
from patterns.numbers import Number, find_numbers, to_halfwidth
from patterns.phrases import PhraseMatcher, Token, pieces, tokens
from patterns.values import unit_at

_HEADING_CODE = regex.compile(r"^\s*(?P<code>[A-Z]\d{1,3})\s*(?P<name>\p{Han}[^\n。，,]{1,40})$")
_SECTION = regex.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[.、．](?!\d))")
_GRADE_AFTER = regex.compile(r"^\s*(?:为|是|：|:|评定为|确定为)?\s*[“\"'「『]?\s*\**\s*(?P<g>优秀|良好|不合格|合格|优|良|中|差)")
_SURVEY = regex.compile(r"^的\s*\p{Han}{0,8}?表示\s*(?P<a>非常不满意|非常满意|比较满意|基本满意|较不满意|不满意|满意|一般)")
_COUNT_PRICE = regex.compile(
    r"(?:(?P<m>\d{1,2})\s*月份?)?\s*发放(?P<what>\p{Han}{0,6}?)\s*(?P<n>\d+)\s*人\s*[，,]\s*每人\s*(?P<p>\d+(?:\.\d+)?)\s*元"
)
_STOP_TOKENS = frozenset(["年", "月", "日", "其中", "的", "和", "及", "与", "在", "对", "将", "由", "该", "本", "是", "为"])


@dataclass(frozen=True)
class _Subject:
    name: str
    units: tuple[str, ...]


@dataclass
class _Pipeline:
    phrases: PhraseMatcher
    subjects: dict[str, _Subject]
    grade_key: str
    grade_words: tuple[str, ...]  # the grade's aliases without whitespace
    joined: str  # characters of phrases and linkers: a clause is never cut at them

    def _cuts(self, ch: str) -> bool:
        """Whether a clause may end at ``ch`` as the figures are read (half-width, ``*`` a space):
        not where the linker between a subject and its figure may stand."""
        half = " " if ch == "*" else to_halfwidth(ch)
        return not half.isspace() and half not in self.joined

    def claim_tokens(self, text: str, numbers: list[Number]) -> list[Token]:
        """The tokens of the clauses of ``text`` that can give a claim: a subject needs its
        number in its clause (only a linker stands between them), a grade its alias
        (whitespace aside: tokens skip the spaces between words). Each clause is cut at a
        character jieba makes a word of its own and no phrase or linker holds
        (``phrases.pieces``), so its tokens are the whole text's and no phrase spans two.
        Segmenting is the costliest step of reading prose; most clauses hold neither."""
        graded = _holds_any("".join(text.split()), self.grade_words)  # whitespace aside, each text squashed once
        if not numbers and not graded:
            return []  # 40 % of blocks: nothing to cut
        starts = [n.start for n in numbers]
        out: list[Token] = []
        for a, b in pieces(text, self.joined, self._cuts):
            if any(a <= s < b for s in starts) or (graded and _holds_any("".join(text[a:b].split()), self.grade_words)):
                out.extend(Token(t.text, t.idx + a) for t in tokens(text[a:b]))
        return out


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


@cache
def user_dictionary() -> tuple[tuple[str, str], ...]:
    """(word, tag) pairs of ``data/indicator_dict.txt`` (comment lines skipped)."""
    out = []
    for line in (lexicon.DATA / "indicator_dict.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        out.append((parts[0], parts[2] if len(parts) > 2 else ""))
    return tuple(out)


@cache
def pipeline() -> _Pipeline:
    """The phrase matcher of subjects, indicator names (``zb``) and the grade; built once, on first use."""
    data = lexicon.load("subjects")
    matcher = PhraseMatcher()
    subjects: dict[str, _Subject] = {}
    for s in data["subjects"]:
        key = f"S:{s['name']}"
        subjects[key] = _Subject(s["name"], tuple(s.get("units", [])))
        matcher.add(key, s["aliases"])
    for word, tag in user_dictionary():
        if tag == "zb":
            key = f"Z:{word}"
            subjects[key] = _Subject(word, ())
            matcher.add(key, [word])
    grade_key = "G:" + data["grade"]["name"]
    matcher.add(grade_key, data["grade"]["aliases"])
    grade_words = tuple("".join(a.split()) for a in data["grade"]["aliases"])
    joined = "".join(sorted(matcher.chars | set("".join(data["linkers"]))))
    return _Pipeline(phrases=matcher, subjects=subjects, grade_key=grade_key, grade_words=grade_words, joined=joined)


@cache
def _linker() -> regex.Pattern:
    """What may stand between a subject and its figure: 为, 达到, 约, 共计 … (``data/subjects.json``)."""
    links = sorted(lexicon.load("subjects")["linkers"], key=len, reverse=True)
    return regex.compile(r"^\s*(?:的\s*)?(?:" + "|".join(map(regex.escape, links)) + r")?\s*$")


def _linked_number(text: str, half: str, numbers: list[Number], end: int) -> tuple[Number, str | None, float, int] | None:
    """The number (with unit) that a subject ending at ``end`` is said to equal, if any."""
    for n in numbers:
        if n.start < end:
            continue
        if n.start - end > 8 or not _linker().match(half[end:n.start]):
            return None
        unit, scale, unit_end = unit_at(half, n.end, skip_space=True)
        if unit is None and half[n.end:n.end + 1] == "%":
            unit, scale, unit_end = "%", 1.0, n.end + 1
        for phrase, _op in lexicon.comparator_phrases()[1]:
            if phrase not in ("内", "前") and half.startswith(phrase, unit_end):
                unit_end += len(phrase)  # keep "80%以上" whole in value_text: the claim is a bound
                break
        return n, unit, scale, unit_end
    return None


def _claim(subject: str, text: str, n: Number, unit: str | None, scale: float, unit_end: int, page: int | None) -> Claim:
    return Claim(
        subject=subject, text=sentence_at(text, n.start, unit_end), value=round(n.value * scale, 6),
        unit=unit, page=page, value_text=text[n.start:unit_end].replace("*", ""),
    )


def _fallback_subject(doc: list[Token], start_char: int) -> str | None:
    """The noun phrase before a linker (``计划帮困救助计划人数`` in ``…人数为 120 人``)."""
    tokens = [t for t in doc if t.idx + len(t.text) <= start_char]
    words: list[str] = []
    for t in reversed(tokens):
        if not regex.fullmatch(r"\p{Han}+", t.text) or t.text in _STOP_TOKENS or len(words) >= 6:
            break
        words.insert(0, t.text)
    phrase = "".join(words)
    suffixes = lexicon.load("subjects")["quantity_suffixes"]
    return phrase if len(phrase) >= 2 and phrase.endswith(tuple(suffixes)) else None


def _block_claims(block: Block, heading: str | None, pipe: _Pipeline) -> list[Claim]:
    text = block.text
    half = to_halfwidth(text).replace("*", " ")  # markdown bold (**91**) around figures; same length
    numbers = find_numbers(text)
    doc = pipe.claim_tokens(text, numbers)
    claims: list[tuple[int, Claim]] = []  # (offset in the block, claim): reading order
    used: list[tuple[int, int]] = []
    for span in pipe.phrases.longest(doc):
        key = span.key
        if key == pipe.grade_key:
            m = _GRADE_AFTER.match(text[span.end_char:])
            if m:
                g = m.group("g")
                claims.append((span.start_char, Claim(
                    subject=key[2:], text=sentence_at(text, span.start_char, span.end_char + m.end()),
                    value=None, unit=None, page=block.page, value_text=g,
                )))
            continue
        subject = pipe.subjects[key]
        found = _linked_number(text, half, numbers, span.end_char)
        if found is None:
            continue
        n, unit, scale, unit_end = found
        if subject.units and unit not in subject.units:
            continue
        name = subject.name
        if heading and name in ("满分", "得分"):
            name = f"{heading}.{name}"
        claims.append((span.start_char, _claim(name, text, n, unit, scale, unit_end, block.page)))
        used.append((span.start_char, unit_end))

    # Subjects not in the vocabulary: "<quantity noun> 为 <number><unit>".
    for m in regex.finditer(r"(?:为|约为|约|达到|共计|合计)\s*(?=\d)", half):
        if any(a <= m.start() < b for a, b in used):
            continue
        subject = _fallback_subject(doc, m.start())
        if subject is None:
            continue
        found = _linked_number(text, half, numbers, m.start())
        if found is None or found[1] is None:
            continue
        n, unit, scale, unit_end = found
        claims.append((m.start(), _claim(subject, text, n, unit, scale, unit_end, block.page)))

    # Survey shares: 38%的居民表示非常满意.
    for n in numbers:
        if half[n.end:n.end + 1] != "%":
            continue
        m = _SURVEY.match(half[n.end + 1:])
        if m:
            claims.append((n.start, Claim(
                subject=f"满意度调查.{m.group('a')}", text=sentence_at(text, n.start, n.end + 1 + m.end()),
                value=n.value, unit="%", page=block.page, value_text=text[n.start:n.end + 1],
            )))

    # Count × unit price: 2 月份发放补助 11 人，每人 500 元.
    for m in _COUNT_PRICE.finditer(half):
        what = f"{m.group('m')}月发放{m.group('what')}" if m.group("m") else f"发放{m.group('what')}"
        count, price = float(m.group("n")), float(m.group("p"))
        sentence = sentence_at(text, m.start(), m.end())
        claims.append((m.start(), Claim(subject=f"{what}.人数", text=sentence, value=count, unit="人", page=block.page,
                            value_text=f"{m.group('n')}人")))
        claims.append((m.start() + 1, Claim(subject=f"{what}.单价", text=sentence, value=price, unit="元", page=block.page,
                            value_text=f"每人{m.group('p')}元")))
        claims.append((m.start() + 2, Claim(subject=f"{what}.金额", text=sentence, value=round(count * price, 6), unit="元",
                            page=block.page, value_text=f"{m.group('n')}人×{m.group('p')}元")))
    return [c for _pos, c in sorted(claims, key=lambda pc: pc[0])]


# ---------------------------------------------------------------- 部门预算编制说明
#
# A department budget explains itself line by line, each line carrying its own arithmetic:
#   1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。2022年当年
#      预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %。
#   收入预算16497.86万元，其中：财政拨款收入16497.86万元，比2022年预算增加1421.25万元；事业收入0万元…
# The figures become claims under ``功能分类.<类/款/项 name>.<field>`` and
# ``部门预算.<path>`` so ``checker/rules/statements.py`` can redo that arithmetic. Their
# text is the whole numbered item (its figures span two sentences).

_NUM = r"\d[\d,]*(?:\.\d+)?"
_MONEY_UNIT = r"(?P<u>万元|元)"
# the line's number (``1.``, ``1．``, ``（二）``), its 科目 in quotes or not, each level marked (类)/(款)/(项)
# or, in the 2026 format, with its code (204类)(06款)(99项), then the amount, maybe after 支出/科目
_ITEM = regex.compile(
    r"^\s*(?:\d{1,3}\s*[.、．]|\([一二三四五六七八九十\d]{1,3}\))\s*[“\"「]?\s*(?P<name>[^“”\"「」。,;]{2,80}?\(\s*\d{0,4}\s*[类款项]\s*\))"
    r"\s*[”\"」]?\s*(?:支出|科目)?\s*(?:为)?\s*(?P<n>" + _NUM + r")\s*" + _MONEY_UNIT
)
_LEVEL_CODE = regex.compile(r"[（(]\s*\d{0,4}\s*([类款项])\s*[)）]")
_ITEM_LAST = regex.compile(r"20\d\d\s*年[^,。;]{0,8}?预算执行数\s*(?:为|是)?\s*(?P<n>" + _NUM + r")\s*" + _MONEY_UNIT)
_ITEM_THIS = regex.compile(r"20\d\d\s*年[^,。;]{0,6}?预算(?:安排|数)\s*(?:为|是)?\s*(?P<n>" + _NUM + r")\s*" + _MONEY_UNIT)
_ITEM_CHANGE = regex.compile(
    r"比\s*20\d\d\s*年[^,。;]{0,8}?预算(?:执行数|数)?\s*(?:(?P<dir>增加|减少|增长|下降)\s*(?P<n>" + _NUM + r")\s*%|(?P<flat>持平))"
)
_DOWN = ("减少", "下降")
# what a 部门预算 line names: 收入预算, 财政拨款收入, 政府性基金拨款支出预算, 政府采购服务预算, 公务接待费
_BUDGET_NAME = regex.compile(r"(?:收入|预算数?|支出|经费|费)$")
_NAME_RUN = regex.compile(r"[\p{Han}()“”\"]{2,40}$")
_NAME_CUT = regex.compile(r"^.*(?:年|本部门|办事处|其中)")
_FIGURE = regex.compile(r"(?:为)?\s*(?P<n>" + _NUM + r")\s*" + _MONEY_UNIT)
_PARTS = regex.compile(r"\s*,?\s*其中\s*[:,]")
_CHANGE = regex.compile(
    r"\s*[,。]?\s*比\s*20\d\d\s*年(?:\([^()]{0,12}\))?\s*(?:预算数?|预算执行数)?\s*"
    r"(?:(?P<dir>增加|减少|增长|下降)\s*(?P<n>" + _NUM + r")\s*" + _MONEY_UNIT + r"|(?P<flat>持平))"
)


def _scale(unit: str) -> float:
    return 10000.0 if unit == "万元" else 1.0


def _money_claim(subject: str, item: str, text: str, m: regex.Match, page: int | None) -> Claim:
    value = float(m.group("n").replace(",", "")) * _scale(m.group("u"))
    return Claim(subject=subject, text=item, value=round(value, 6), unit="元", page=page,
                 value_text=text[m.start("n"):m.end("u")])


def _change_claim(subject: str, item: str, text: str, m: regex.Match, page: int | None, unit: str) -> Claim:
    """``增加77.70 %`` → +77.7, ``减少4.83%`` → −4.83, ``持平`` → 0 (the printed words kept)."""
    if m.group("flat"):
        return Claim(subject=subject, text=item, value=0.0, unit=unit, page=page, value_text=m.group("flat"))
    value = float(m.group("n").replace(",", ""))
    if unit == "元":
        value *= _scale(m.group("u"))
    if m.group("dir") in _DOWN:
        value = -value
    end = m.end("u") if unit == "元" else m.end()
    return Claim(subject=subject, text=item, value=round(value, 6), unit=unit, page=page,
                 value_text=text[m.start("dir"):end])


def classification_claims(text: str, page: int | None) -> list[Claim]:
    """A numbered 功能分类 line: its amount, last year's 执行数, this year's 预算安排 and the change."""
    half = to_halfwidth(text)
    m = _ITEM.match(half)
    if not m or not regex.search(r"[类项]\s*\)", m.group("name")):
        return []  # a line of 款 alone is an 经济分类 one (``基本工资（款） 737.94 万元``)
    # one name whatever the format: （204类）→（类）, half-width brackets → full-width
    name = _LEVEL_CODE.sub(r"（\1）", regex.sub(r"\s+", "", text[m.start("name"):m.end("name")]))
    item = regex.sub(r"\s+", " ", text).strip()
    key = f"功能分类.{name}"
    out = [_money_claim(f"{key}.金额", item, text, m, page)]
    if last := _ITEM_LAST.search(half, m.end()):
        out.append(_money_claim(f"{key}.上年执行数", item, text, last, page))
    if this := _ITEM_THIS.search(half, m.end()):
        out.append(_money_claim(f"{key}.本年预算", item, text, this, page))
    if change := _ITEM_CHANGE.search(half, m.end()):
        out.append(_change_claim(f"{key}.比上年", item, text, change, page, "%"))
    return out


def _budget_name(half: str, end: int) -> str | None:
    """The name printed right before a figure (``…办事处收入预算`` → ``收入预算``), if it names a budget line."""
    run = _NAME_RUN.search(half[:end])
    if not run:
        return None
    name = regex.sub(r"[“”\"]", "", _NAME_CUT.sub("", run.group()))
    return name if len(name) >= 2 and _BUDGET_NAME.search(name) else None


def budget_line_claims(text: str, page: int | None) -> list[Claim]:
    """收入/支出预算 lines: each named figure, its change on last year, and the ``其中`` parts.

    ``X…万元，其中：A…；B…`` makes A and B parts of X up to the sentence's end, and so does
    ``X中，A…；B…`` for an X stated before. A line is read only when one of its figures
    states a change on last year or lists parts (``其中``), as budget explanations do.
    """
    half = to_halfwidth(text)
    out: list[Claim] = []
    paths: dict[str, str] = {}  # name → its path (收入预算>财政拨款收入)
    parent: str | None = None
    sentence_end = -1
    structured = False
    for m in _FIGURE.finditer(half):
        name = _budget_name(half, m.start())
        if name is None:
            continue
        if m.start() > sentence_end:  # a new sentence: ``X中，`` opens parts of a stated X
            sentence_end = min((i for i in (half.find("。", m.start()),) if i >= 0), default=len(half))
            start = max(half.rfind("。", 0, m.start()), -1) + 1
            opener = regex.match(r"\s*(?P<x>[\p{Han}]{2,20})中\s*,", half[start:m.start()])
            parent = paths.get(opener.group("x")) if opener else None
        path = f"{parent}>{name}" if parent else name
        paths.setdefault(name, path)
        out.append(_money_claim(f"部门预算.{path}", "", text, m, page))
        end = m.end()
        if change := _CHANGE.match(half, end):
            structured, end = True, change.end()
            out.append(_change_claim(f"部门预算.{path}.比上年", "", text, change, page, "元"))
        if _PARTS.match(half, end):
            parent, structured = path, True
    if not structured:
        return []
    item = regex.sub(r"\s+", " ", text).strip()
    return [c.model_copy(update={"text": item}) for c in out]


# ---------------------------------------------------------------- 其中 breakdowns, any unit
#
# ``本工程规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，
# 不计容面积105平方米），地下建筑面积为5356平方米，建筑高度为29.8米`` states a whole and its
# parts: claims ``分项.<whole>`` and ``分项.<whole>>地上建筑面积`` (a 其中 in brackets after a part
# breaks that part down: ``分项.<whole>>地上建筑面积>计容面积``). The parts run while each is a
# name and a figure in the unit of the first part; a clause without one (``建筑高度为29.8米``)
# ends them. The whole is the last figure in that unit before ``其中`` in the same sentence.

# Units that add up; shares (%), dates (年, 月, 日) and scores (分, 度) do not.
_NOT_ADDITIVE = frozenset(["%", "‰", "月", "年", "周", "度", "分"])
_APPROX_BEFORE = regex.compile(r"(?:约为|大约|约|近)\s*$")
_APPROX_AFTER = regex.compile(r"\s*左右")
_BOUND_AFTER = regex.compile(r"\s*(?:以上|以下|以内|之内|多|余)")
# ``…经费财政年初预算安排30万元``: the verb before a part's figure is not its name
_PART_LINK = regex.compile(r"(?:(?:财政)?(?:年初)?预算安排|安排|约为|为约|为|约|达到|达|共计|共|合计|计|有)\s*$")
# a part's name may enumerate with 、 (医保基金监管、稽核管理运行费项目资金 20万元)
_PART_NAME = regex.compile(r"^[\p{Han}“”\"、]{1,40}$")
_NOT_A_PART = regex.compile(r"比|增加|减少|增长|下降|占|较|同比|环比|超过|低于|高于|不少于|不超过|平均|人均|每|(?:各|均|分别)$")
_WHOLE_CUT = regex.compile(r"^.*(?:本工程|本项目|本部门|本单位|全年|其中|累计|共)")
_BREAKDOWN = regex.compile(r"其中\s*[:,]?\s*")


@dataclass(frozen=True)
class _Figure:
    start: int  # the printed figure with its 约
    num: int  # the number itself
    end: int  # after its unit (and 左右)
    value: float
    unit: str
    approx: bool


def _figures(text: str, half: str) -> list[_Figure]:
    """Every figure in an additive unit; bounds (``50万元以上``, ``140 多天``) and dates left out."""
    out = []
    for n in find_numbers(text):
        unit, scale, end = unit_at(half, n.end, skip_space=True)
        if unit is None or unit in _NOT_ADDITIVE or half[n.end:end].strip() == "日" or _BOUND_AFTER.match(half, end):
            continue
        approx = _APPROX_BEFORE.search(half, 0, n.start)
        start = approx.start() if approx else n.start
        if after := _APPROX_AFTER.match(half, end):
            end, approx = after.end(), True
        out.append(_Figure(start, n.start, end, n.value * scale, unit, bool(approx)))
    return out


@dataclass
class _Part:
    name: str
    figure: _Figure
    parts: list[_Part]


def _closing(half: str, k: int) -> int:
    """Index of the bracket closing the one opened at ``k``, else -1."""
    depth = 0
    for i in range(k, len(half)):
        depth += {"(": 1, ")": -1}.get(half[i], 0)
        if depth == 0:
            return i
    return -1


def _parts(half: str, figures: list[_Figure], pos: int, limit: int) -> tuple[list[_Part], int]:
    """The ``name figure`` items from ``pos`` on, in one unit, and where they end."""
    items: list[_Part] = []
    unit = None
    while True:
        f = next((f for f in figures if f.start >= pos), None)
        if f is None or f.start >= limit:
            break
        seg = half[pos:f.start]
        if any(ch in seg for ch in "。()!?\n"):
            break
        name = seg.strip(" ,、;:")
        if any(ch in name for ch in ",;:"):
            break  # a clause without a figure stands between: the list has ended (、 enumerates inside a name)
        name = _PART_LINK.sub("", name).strip()
        if not _PART_NAME.match(name) or _NOT_A_PART.search(name) or (unit is not None and f.unit != unit):
            break
        unit, pos = f.unit, f.end
        sub: list[_Part] = []
        k = len(half[pos:]) - len(half[pos:].lstrip()) + pos
        if half[k:k + 1] == "(" and (close := _closing(half, k)) > 0:
            if opener := _BREAKDOWN.match(half, k + 1):
                sub, _ = _parts(half, figures, opener.end(), close)
            pos = close + 1
        items.append(_Part(regex.sub(r"[“”\"]", "", name), f, sub))
        sep = regex.compile(r"\s*[,、;]\s*").match(half, pos)
        if sep is None:
            break
        pos = sep.end()
    return items, pos


def _whole_name(half: str, sentence_start: int, f: _Figure) -> str:
    before = _PART_LINK.sub("", half[sentence_start:f.start].rstrip()).rstrip()
    run = regex.search(r"[\p{Han}]{1,40}$", before)
    name = _WHOLE_CUT.sub("", run.group()) if run else ""
    return (name or (run.group() if run else "") or "总数")[-16:]


def _whole_ends_sentence_before(half: str, figures: list[_Figure], stop: int, unit: str | None) -> int:
    """Where to look for the whole of a sentence that opens with ``其中`` (``安排资金19204.096万元。
    其中，央省14059.11万元、市级1299万元…``, 乡村振兴自评报告): the start of the sentence before
    it when that sentence ends in a figure of the parts' unit (the whole), else ``stop + 1``
    (nothing before ``其中`` then, and no whole)."""
    last = [f for f in figures if f.end <= stop and f.unit == unit]
    if not last or half[last[-1].end:stop].strip():
        return stop + 1
    return max(half.rfind(ch, 0, last[-1].start) for ch in "。!?\n") + 1


def breakdown_claims(text: str, page: int | None) -> list[Claim]:
    """``X N（单位），其中 A n₁，B n₂`` in any additive unit: the whole and its parts as claims
    ``分项.X`` / ``分项.X>A`` (value in the canonical unit, ``value_text`` as printed with its
    约 or 左右), nested ``（其中…）`` under the part before it. Only lists of two or more parts."""
    half = to_halfwidth(text)
    if "其中" not in half:
        return []
    figures = _figures(text, half)
    out: list[Claim] = []
    seen: set[str] = set()
    done = -1
    for m in _BREAKDOWN.finditer(half):
        if m.start() < done:
            continue  # a bracketed 其中 already read with the part it follows
        items, done = _parts(half, figures, m.end(), len(half))
        if not items:
            continue
        start = max(half.rfind(ch, 0, m.start()) for ch in "。!?\n") + 1
        if not half[start:m.start()].strip() and half[start - 1:start] == "。":
            start = _whole_ends_sentence_before(half, figures, start - 1, items[0].figure.unit)
        wholes = [f for f in figures if start <= f.start and f.end <= m.start() and f.unit == items[0].figure.unit]
        if not wholes or len(half[wholes[-1].end:m.start()]) > 20 or "其中" in half[wholes[-1].end:m.start()]:
            continue
        whole = wholes[-1]
        ends = [i for i in (half.find(ch, done) for ch in "。!?\n") if i >= 0]
        sentence = regex.sub(r"\s+", " ", text[start:min(ends) + 1 if ends else len(text)]).strip()

        def claim(path: str, f: _Figure, sentence: str = sentence) -> None:
            if path not in seen:
                seen.add(path)
                out.append(Claim(subject=f"分项.{path}", text=sentence, value=round(f.value, 6), unit=f.unit, page=page,
                                 value_text=text[f.start:f.end].strip()))

        def emit(path: str, f: _Figure, items: list[_Part]) -> None:
            names: dict[str, int] = {}
            for it in items:
                names[it.name] = names.get(it.name, 0) + 1
                it.name += f"#{names[it.name]}" if names[it.name] > 1 else ""
            if len(items) >= 2:
                claim(path, f)
                for it in items:
                    claim(f"{path}>{it.name}", it.figure)
            for it in items:
                if len(it.parts) >= 2:
                    claim(f"{path}>{it.name}", it.figure)
                    emit(f"{path}>{it.name}", it.figure, it.parts)

        emit(_whole_name(half, start, whole), whole, items)
    return out


# ---------------------------------------------------------------- payments stated in parts
#
# ``管委会将补偿款24万元及税费7.4952万元转入律所账户`` pays 314,952 元 in two parts, under the
# heading ``5. 动迁补偿差额利息``; the budget table's row of that name says 240,000.00. Each part
# becomes a claim ``分项.支付.<sub-item>>补偿款`` (value in 元), the sub-item being the numbered
# section heading the sentence stands under (empty when there is none; the checker then looks
# for a table-row name in the sentence itself). The family sits under ``分项.`` on purpose: the
# parts of one payment are a breakdown whose whole is not printed, and ``checker.claims``
# keeps every ``分项.`` claim away from the project-level cross-checks (24 万元 of 补偿款 is not
# the project's spending). Verbs, joiners and the nouns that name no payment (预算, 标准, 每…)
# are vocabulary: ``data/payments.json``.

PAYMENT = "分项.支付."
_PAY_FIGURE = regex.compile(r"(?<![\d.,])(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>万元|元)(?!\s*[/每])")
_PAY_NOUN = regex.compile(r"(?P<noun>\p{Han}{0,12}?)\s*(?:共计|合计|共|计|为)?\s*$")
_PAY_CUT = regex.compile(r"^.*(?:将|把|向|给|对|由|了|的|其中|即)")


@dataclass(frozen=True)
class _PayWords:
    after: regex.Pattern  # a verb right after the last part (``…万元转入``)
    before: regex.Pattern  # a verb right before the first part (``支付补偿款…``)
    verb: regex.Pattern  # any verb (a quick test of the block)
    verb_in: regex.Pattern  # a verb inside a noun run (to cut it off)
    joiner: regex.Pattern  # what joins two parts, with the next part's noun
    not_payment: tuple[str, ...]


@cache
def _pay_words() -> _PayWords:
    data = lexicon.load("payments")

    def alt(words: list[str]) -> str:
        return "|".join(map(regex.escape, sorted(words, key=len, reverse=True)))

    verbs, joiners, lead = alt(data["verbs"]), alt(data["joiners"]), alt(data["lead"])
    return _PayWords(
        after=regex.compile(rf"\s*(?:(?:{lead})\s*)*(?:{verbs})"),
        before=regex.compile(rf"(?:{verbs})\s*了?\s*$"),
        verb=regex.compile(rf"(?:{verbs})"),
        verb_in=regex.compile(rf"^.*(?:{verbs})了?"),
        joiner=regex.compile(rf"^\s*(?:{joiners})\s*(?P<noun>\p{{Han}}{{0,12}}?)\s*(?:共计|合计|共|计|为)?\s*$"),
        not_payment=tuple(data["not_payments"]),
    )


def section_of(block: Block, current: str | None) -> str | None:
    """The sub-item a passage is about: a short numbered heading (``5. 动迁补偿差额利息``,
    ``（四）项目计划实施内容及完成情况``, ``3.跟进动迁补偿差额利息的支付管理``) sets it, without its
    numbering; running text keeps the current one. Unlike ``heading_of`` this follows every
    numbered heading, since a payment sentence names its sub-item only through the heading."""
    t = block.text.strip()
    if len(t) > 40 or "\n" in t:
        return current
    m = _SECTION.match(t)
    if not m:
        return current
    name = regex.sub(r"\s+", "", t[m.end():]).rstrip("。.:：")
    if len(name) < 2 or "。" in name or _PAY_FIGURE.search(to_halfwidth(name)):
        return current
    return name


def _first_noun(half: str, start: int, end: int, words: _PayWords) -> tuple[str, bool]:
    """The part noun printed right before a figure, and whether a verb stands before it
    (``管委会将补偿款`` → 补偿款, False; ``支付补偿款`` → 补偿款, True)."""
    seg = half[start:end]
    m = _PAY_NOUN.search(seg)
    run = m.group("noun") if m else ""
    cut = words.verb_in.sub("", run)
    if cut != run:
        return _PAY_CUT.sub("", cut), True
    return _PAY_CUT.sub("", run), words.before.search(seg[: m.start() if m else len(seg)]) is not None


def payment_claims(text: str, page: int | None, section: str | None) -> list[Claim]:
    """Money paid or transferred in one or more parts (``将补偿款24万元及税费7.4952万元转入律所账户``,
    ``拨付服务费12万元和保证金3万元``): one claim per part, ``分项.支付.<section>>补偿款``. A chain of
    figures joined by 及/和/、/以及 counts only when a payment verb follows its last figure or
    precedes its first; a part named by a budget, plan, price or balance word drops the chain."""
    half = to_halfwidth(text)
    words = _pay_words()
    if not words.verb.search(half):
        return []
    figures = list(_PAY_FIGURE.finditer(half))
    out: list[Claim] = []
    k = 0
    while k < len(figures):
        sentence_start = max(half.rfind(ch, 0, figures[k].start()) for ch in "。;!?\n") + 1
        noun, verb_before = _first_noun(half, max(sentence_start, figures[k].start() - 40), figures[k].start(), words)
        chain = [(noun, figures[k])]
        while k + 1 < len(figures) and (j := words.joiner.match(half[figures[k].end():figures[k + 1].start()])):
            k += 1
            chain.append((_PAY_CUT.sub("", j.group("noun")), figures[k]))
        k += 1
        if not (verb_before or words.after.match(half, chain[-1][1].end())):
            continue
        if any(w in noun for noun, _ in chain for w in words.not_payment):
            continue
        sentence = sentence_at(text, chain[0][1].start(), chain[-1][1].end())
        seen: dict[str, int] = {}
        for noun, f in chain:
            name = noun or "款项"
            seen[name] = seen.get(name, 0) + 1
            value = float(f.group("n").replace(",", "")) * _scale(f.group("u"))
            out.append(Claim(
                subject=f"{PAYMENT}{section or ''}>{name}{'#' + str(seen[name]) if seen[name] > 1 else ''}",
                text=sentence, value=round(value, 6), unit="元", page=page, value_text=text[f.start():f.end()].strip(),
            ))
    return out


# ---------------------------------------------------------------- 增减 and 占比 in running text
#
# A 说明 states an amount with its change on last year and the change in %, and the shares of a
# whole, often over a line or page break the extractor split into two blocks:
#   2017 年本部门一般公共预算机关运行经费预算支出6032.55 万元，比 2016 年增加 3401.59 万元，增长 | 129.97 %。
#   其中：因公出国（境）费支出 110 万元，占“三公”经费的18.85 %；公务用车购置及运行费支出 317.8 万元，…
# The blocks are joined into running text (a numbered or headed block, or one after a full
# stop, starts a new sentence) and each figure keeps its own page. Claims:
#   ``分项.增减.<name>.金额`` (元), ``.增减额`` (元, − for a decrease), ``.增减幅度`` (%, − for a
#   decrease); ``.上句金额`` instead of ``.金额`` when the amount stands in the sentence before
#   (``项目支出预算数为 5533 万元。与上年相比减少 20万元，减少 0.36 %``); ``.总额`` when the amount is
#   a part after ``其中`` and the sentence states the whole before it (the change may be the whole's);
#   ``分项.占比.<base>`` (the whole, when the sentence states it), ``分项.占比.<base>><part>`` and
#   ``分项.占比.<base>><part>.占比`` (%), the base named by the 占 phrase (``“三公”经费``) or the
#   whole before ``其中``/``主要用于以下方面`` (``本年支出合计``).
# Their text is the sentence (with the one before for ``上句金额``).

CHANGE = "分项.增减."
SHARE = "分项.占比."
# the base of bare 占 shares stated with no whole but adding up to 100 %: the listed parts' sum
LISTED = "所列各项"
_RUN_NUM = r"\d[\d,]*(?:\.\d+)?"
_RUN_MONEY = regex.compile(r"(?<![\d.,])(?P<n>" + _RUN_NUM + r")\s*(?P<u>亿元|万元|元)(?!\s*[/每])")
_DOWN_WORDS = ("减少", "下降", "降低", "降幅", "减幅")
_EITHER = r"(?:\s*\(\s*(?:增加|减少|增长|下降|降低)\s*\))?"  # a template's 增加（减少） left in
_RUN_CHANGE = regex.compile(
    r"(?P<dir>增加|减少|增长|下降|降低|上升)了?" + _EITHER + r"\s*(?P<d>" + _RUN_NUM + r")\s*(?P<u>亿元|万元|元)"
    r"\s*[,]?\s*(?:同比)?(?P<pdir>增长|增加|减少|下降|降低|上升|降幅|增幅|减幅)(?:率)?了?" + _EITHER
    + r"\s*(?:为|达)?\s*(?P<p>" + _RUN_NUM + r")\s*%"
)
# what says the change is on last year: 比上年, 与上年相比, 较2016年, 与上年数相比, 同比
_ON_LAST = regex.compile(r"(?:比|与|较|同)\s*(?:上年|上一年|20\d\d\s*年)[^,;:。]{0,10}?(?:相比|比较)?|同比")
_LEAD_ON_LAST = regex.compile(r"\s*(?:,\s*)?(?:比|与|较)\s*(?:上年|上一年|20\d\d\s*年)")
_PURPOSE = regex.compile(r"\s*(?:主要|是)?用于")
_RUN_SHARE = regex.compile(
    r"(?P<n>" + _RUN_NUM + r")\s*(?P<u>亿元|万元|元)\s*[,]?\s*占(?P<base>[^,;。\d%]{0,16}?)(?:的|比重|比例|比)?\s*(?:为|是)?\s*(?P<p>"
    + _RUN_NUM + r")\s*%"
)
_WHOLE_OPENER = regex.compile(r"其中|以下方面|分别为|包括")
_RUN_START = regex.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}\s*[.、．](?!\d))")
_RUN_NAME = regex.compile(r"[\p{Han}()“”\"、]{1,40}$")
_RUN_NAME_CUT = regex.compile(r"^.*(?:年度|年(?!初)|本部门|本单位|办事处|其中|此外|情况说明|情况|[一二三四五六七八九十]+、|主要用于以下方面)")
_RUN_LINK = regex.compile(r"(?:为|是|共计|达到|达)\s*$")


@dataclass(frozen=True)
class _Running:
    """The text of all blocks joined, a page for each character, and the sentence spans."""

    text: str  # half-width
    printed: str  # as printed
    pages: list[int | None]
    sentences: list[tuple[int, int]]


def running_text(blocks: Iterable[Block]) -> _Running:
    """Blocks joined as running text. A block starts a new sentence when it opens with a
    numbering or heading marker (``1．``, ``（二）``, ``三、``) or the one before ended one
    (``。！？``); otherwise it continues it (a line or page break inside a sentence)."""
    parts: list[str] = []
    pages: list[int | None] = []
    heading = False
    for b in blocks:
        t = regex.sub(r"\s*\n\s*", "", b.text or "").strip()
        if not t:
            continue
        if parts and (heading or _RUN_START.match(t)) and parts[-1][-1:] not in "。！？!?":
            parts.append("\n")
            pages.append(pages[-1])
        parts.append(t)
        pages.extend([b.page] * len(t))
        # a short numbered heading (``（二）一般公共预算财政拨款支出决算结构情况``) is a sentence of its own
        heading = bool(_RUN_START.match(t)) and len(t) <= 40 and t[-1] not in ":：,，;；、" and not regex.search(r"\d", t[2:])
    printed = "".join(parts)
    half = to_halfwidth(printed)
    sentences, start = [], 0
    for m in regex.finditer(r"[。!?\n]", half):
        sentences.append((start, m.end()))
        start = m.end()
    if start < len(half):
        sentences.append((start, len(half)))
    return _Running(half, printed, pages, sentences)


def _outside_brackets(text: str, pos: int, start: int) -> bool:
    seg = text[start:pos]
    return seg.count("(") <= seg.count(")")


def _item_name(run: _Running, start: int, end: int) -> str:
    """The name printed right before a figure (``…机关运行经费预算支出`` of ``…预算支出6032.55万元``)."""
    before = _RUN_LINK.sub("", run.text[start:end].rstrip()).rstrip()
    m = _RUN_NAME.search(before)
    if not m:
        return "金额"
    cut = _RUN_NAME_CUT.match(m.group())
    a = start + m.start() + (cut.end() if cut and cut.end() < len(m.group()) else 0)
    name = regex.sub(r"[“”\"]", "", run.printed[a:start + m.end()]).lstrip("、)）").strip()
    return (name or "金额")[-40:].replace("率", "")


def _figure_claim(run: _Running, subject: str, sentence: str, m: regex.Match, group: str, value: float, unit: str,
                  end: int) -> Claim:
    return Claim(subject=subject, text=sentence, value=round(value, 6), unit=unit, page=run.pages[m.start(group)],
                 value_text=regex.sub(r"\s+", " ", run.printed[m.start(group):end]).strip())


def _sentence_text(run: _Running, a: int, b: int) -> str:
    return regex.sub(r"\s+", " ", run.printed[a:b]).strip()


# ``完成全年预算84.82万元的73.2%``: a figure that is the base of a rate right after it
_RATE_BASE = regex.compile(r"\s*的\s*(?:" + _RUN_NUM + r"|-+)\s*%")


def _last_money(run: _Running, a: int, b: int) -> regex.Match | None:
    """The last money figure in ``text[a:b]`` standing outside brackets, not the base of a rate.

    广东省财政厅 2023 三公: ``支出决算为27.46万元，完成预算29.6万元的92.8%，比上年决算数增加6.32万元，
    增长29.9%`` changes the 决算 27.46; the 29.6 it completes is the base of 92.8 %, no amount.
    """
    found = [m for m in _RUN_MONEY.finditer(run.text, a, b)
             if _outside_brackets(run.text, m.start(), a) and not _RATE_BASE.match(run.text, m.end())]
    return found[-1] if found else None


_CHANGE_BEFORE = regex.compile(r"(?:增加|减少|增长|下降|降低|上升|提高|压减|增|减|多|少)了?\s*$")


def _is_change(run: _Running, figure: regex.Match) -> bool:
    """Whether a money figure is itself a change (``较2021年度增加1.68万元``), never an amount: the
    sentence ``…增加1.68万元，其中公务接待较上年同期减少0.58万元，减少4.68%`` states no amount."""
    return bool(_CHANGE_BEFORE.search(run.text, max(0, figure.start() - 8), figure.start()))


def _field_owner(run: _Running, a: int, at: int, name: str) -> str:
    """``支出决算`` of ``1.公务接待费预算为1万元，支出决算为0.53万元`` names a figure, not an item: the
    item is the name before the clause's first figure (公务接待费), the field word kept after it."""
    if name not in lexicon.field_names():
        return name
    before = _last_money(run, a, at)
    if before is None:
        return name
    owner = _item_name(run, a, before.start())
    for word in sorted(lexicon.field_names(), key=len, reverse=True):
        if owner.endswith(word) and len(owner) > len(word):
            owner = owner[: -len(word)]
            break
    return name if owner == "金额" else owner + name


_SCALE_OF = {"亿元": 1e8, "万元": 1e4}


def _yuan(m: regex.Match, g: str = "n", u: str = "u") -> float:
    """The money figure of group ``g`` in 元, its unit (亿元 / 万元 / 元) in group ``u``."""
    return float(m.group(g).replace(",", "")) * _SCALE_OF.get(m.group(u), 1.0)


def _yuan_claim(run: _Running, subject: str, sentence: str, m: regex.Match, g: str = "n", u: str = "u") -> Claim:
    """A claim of the money figure of group ``g`` in 元, quoted up to its unit (group ``u``)."""
    return _figure_claim(run, subject, sentence, m, g, _yuan(m, g, u), "元", m.end(u))


def _whole_before_parts(run: _Running, a: int, amount: regex.Match) -> regex.Match | None:
    """The whole of ``X元，其中：A a元，B b元，同比增加D元，增长p%`` when the amount read is its last
    part: the change may be the whole's (梧州 2025 民政局: 事业运行经费 37,337,407.64 元 其中 基本支出
    488,180.64 元、项目支出 36,849,227 元，同比增加 27,125,219.46 元，增长 265.6% — of the whole)."""
    at = run.text.rfind("其中", a, amount.start())
    if at < 0:
        return None
    whole = _last_money(run, a, at)
    return None if whole is None or _is_change(run, whole) else whole


# ``基本支出 911000.39 元，其中：人员经费 809961.19 元，主要包括：…。公用经费 71339.2 元，主要包括：…``: a
# 说明's two kinds of 基本支出, each with its own 主要包括 sentence, so the per-sentence readers see one part
_BASIC = regex.compile(
    r"(?P<w>(?:一般公共预算)?(?:财政拨款)?基本支出(?:预算|决算)?)(?:数)?\s*(?:为|是)?\s*(?P<n>" + _RUN_NUM + r")\s*(?P<u>亿元|万元|元)"
    r"[^。\n]{0,30}?其中\s*[:,]?\s*(?P<a_name>人员经费)(?:支出)?(?:预算)?\s*(?:为)?\s*(?P<a>" + _RUN_NUM + r")\s*(?P<a_u>亿元|万元|元)"
)
_PUBLIC_FUNDS = regex.compile(r"(?P<b_name>公用经费)(?:支出)?(?:预算)?\s*(?:为)?\s*(?P<b>" + _RUN_NUM + r")\s*(?P<b_u>亿元|万元|元)")


def basic_split_claims(run: _Running) -> list[Claim]:
    """``分项.<基本支出>`` and its two parts 人员经费 / 公用经费 when the 公用经费 stands in a later sentence of
    the same paragraph (a 说明's ``人员经费…主要包括…。公用经费…主要包括…``); one sentence is the other
    readers'. Their text is the paragraph, so the checker sets the two parts against the whole."""
    out: list[Claim] = []
    for m in _BASIC.finditer(run.text):
        end = run.text.find("\n", m.end())
        end = len(run.text) if end < 0 else end
        b = _PUBLIC_FUNDS.search(run.text, m.end(), end)
        if b is None or "。" not in run.text[m.end():b.start()]:
            continue
        text = _sentence_text(run, m.start(), min(end, run.text.find("。", b.end()) + 1 or end))
        whole = regex.sub(r"^(?:一般公共预算|财政拨款)+", "", m.group("w"))
        for key, mm, g, u in ((whole, m, "n", "u"), (f"{whole}>人员经费", m, "a", "a_u"), (f"{whole}>公用经费", b, "b", "b_u")):
            out.append(_yuan_claim(run, f"分项.{key}", text, mm, g, u))
    return out


def change_claims(run: _Running) -> list[Claim]:
    """``X万元，比上年增加D万元，增长p%``: the amount, its change and the change in % (see above)."""
    out: list[Claim] = []
    names: dict[str, int] = {}
    for k, (a, b) in enumerate(run.sentences):
        for m in _RUN_CHANGE.finditer(run.text, a, b):
            on = [x for x in _ON_LAST.finditer(run.text, a, m.start()) if m.start() - x.end() <= 30]
            if not on:
                continue
            lead = on[-1].start()
            amount, previous = _last_money(run, a, lead), False
            first = a
            if amount is None and _LEAD_ON_LAST.match(run.text, a, m.start()):
                j = k - 1  # the amount in the sentence before, over a purpose sentence (主要用于…)
                while j >= 0 and _PURPOSE.match(run.text, *run.sentences[j]) and _last_money(run, *run.sentences[j]) is None:
                    j -= 1
                if j >= 0 and k - j <= 2:
                    amount, previous, first = _last_money(run, *run.sentences[j]), True, run.sentences[j][0]
            if amount is None or _is_change(run, amount):
                continue
            down = m.group("dir") in _DOWN_WORDS
            p_down = m.group("pdir") in _DOWN_WORDS
            name = _field_owner(run, first if previous else a, amount.start(), _item_name(run, first if previous else a, amount.start()))
            names[name] = names.get(name, 0) + 1
            key = f"{CHANGE}{name}{'#' + str(names[name]) if names[name] > 1 else ''}"
            sentence = _sentence_text(run, first, b)
            out.append(_yuan_claim(run, f"{key}.{'上句金额' if previous else '金额'}", sentence, amount))
            if (whole := _whole_before_parts(run, a, amount)) is not None:
                out.append(_yuan_claim(run, f"{key}.总额", sentence, whole))
            d = _yuan(m, "d")
            out.append(_figure_claim(run, f"{key}.增减额", sentence, m, "dir", -d if down else d, "元", m.end("u")))
            p = float(m.group("p").replace(",", ""))
            out.append(_figure_claim(run, f"{key}.增减幅度", sentence, m, "pdir", -p if p_down else p, "%", m.end()))
    return out


def _base_name(words: str) -> str:
    """The base a 占 phrase names, without quotes and 的 (``“三公”经费的`` → ``三公经费``); empty when bare."""
    return regex.sub(r"[“”\"'\s]|的$", "", words).strip()


def _same_base(base: str, whole: str) -> bool:
    """Whether a 占 phrase names the whole stated before ``其中`` (``本年支出合计`` / ``本年支出预算合计``)."""
    a, b = (regex.sub(r"本年度?|预算|的|数", "", x) for x in (base, whole))
    return bool(a and b) and (a in b or b in a)


# ``分别为2666.3亿元和30400.7亿元，占…的8.1%和91.9%``: shares listed respectively, not one part's
_RESPECTIVE = regex.compile(r"\s*(?:和|、|及|与)\s*" + _RUN_NUM + r"\s*%")


def _own_base(m: regex.Match) -> bool:
    """A 占 base that is each item's own (占调整预算105.47%: its budget; 占同类产品…的90%: its class)."""
    base = _base_name(m.group("base"))
    return base in lexicon.own_budget_bases() or base.startswith(lexicon.own_base_prefixes())


def _whole_by_shares(bare: list[regex.Match]) -> bool:
    """Whether bare ``占p%`` shares with no whole stated add up to 100 %: the parts listed are then
    the whole (寿县 2023 三公: ``…决算中，公务接待费0.53万元，占69%；公务用车…1.18万元，占31%``)."""
    if len(bare) < 2:
        return False
    shares = [m.group("p") for m in bare]
    slack = sum(0.5 * 10 ** -len(p.partition(".")[2]) for p in shares)
    return abs(sum(float(p.replace(",", "")) for p in shares) - 100.0) <= slack + 1e-9


def share_claims(run: _Running) -> list[Claim]:
    """``A a万元，占X的p%；B b万元，占q%`` in one sentence: each part, its printed share and,
    for a bare ``占``, the whole stated before ``其中``/``以下方面`` (see above)."""
    out: list[Claim] = []
    for a, b in run.sentences:
        items = [m for m in _RUN_SHARE.finditer(run.text, a, b) if _outside_brackets(run.text, m.start(), a) and not _own_base(m)
                 and not _RESPECTIVE.match(run.text, m.end())]
        if not items:
            continue
        sentence = _sentence_text(run, a, b)
        whole = None
        opener = _WHOLE_OPENER.search(run.text, a, items[0].start())
        if opener:
            whole = _last_money(run, a, opener.start())
        whole_name = _item_name(run, a, whole.start()) if whole is not None else ""
        listed = whole is None and _whole_by_shares([m for m in items if not _base_name(m.group("base"))])
        seen: dict[str, int] = {}
        for m in items:
            base = _base_name(m.group("base"))
            if base and whole is not None and _same_base(base, whole_name):
                base = ""  # ``支出合计100万元，其中：…占支出合计的60%``: the whole named again
            if not base and whole is None and not listed:
                continue
            base_key = base or whole_name or LISTED
            start = max([a] + [x.end() for x in items if x.end() <= m.start()])
            part = _item_name(run, start, m.start())
            seen[part] = seen.get(part, 0) + 1
            path = f"{SHARE}{base_key}>{part}{'#' + str(seen[part]) if seen[part] > 1 else ''}"
            if not base and whole is not None and not any(c.subject == f"{SHARE}{base_key}" and c.text == sentence for c in out):
                out.append(_yuan_claim(run, f"{SHARE}{base_key}", sentence, whole))
            out.append(_yuan_claim(run, path, sentence, m))
            out.append(_figure_claim(run, f"{path}.占比", sentence, m, "p", float(m.group("p").replace(",", "")), "%", m.end()))
    return out


# ---------------------------------------------------------------- verdicts without figures
#
# A monitoring report concludes in words: ``该项目在实施未出现较大偏离``, ``按规定…完成了…进度执行
# 支出计划``. Such sentences carry no figure, so nothing else puts them in the contract; the
# checker sets them against the figures they sum up (``checker/rules/targets.py``).

_VERDICTS = (
    ("结论.无偏离", regex.compile(r"(?:未出现|未发现|未发生|没有出现|没有|无)(?:较大|明显|重大|大的)?的?偏(?:离|差)")),
    ("结论.完成支出计划", regex.compile(r"(?:完成了|已完成|均已完成)[^。;,，；]{0,30}支出计划|按[^。;]{0,20}进度执行[^。;]{0,6}支出")),
)


def verdict_claims(block: Block) -> list[Claim]:
    """Value-less claims ``结论.无偏离`` and ``结论.完成支出计划`` for the sentences that say so."""
    out = []
    for subject, pattern in _VERDICTS:
        for m in pattern.finditer(block.text):
            text = sentence_at(block.text, m.start(), m.end())
            if not any(c.text == text and c.subject == subject for c in out):
                out.append(Claim(subject=subject, text=text, value=None, unit=None, page=block.page, value_text=m.group()))
    return out


# ---------------------------------------------------------------- scores listed respectively
#
# ``综合评分为87.5分…项目决策、项目过程、项目产出、项目效益分别得分18分、17.5分、32分、20分``: an
# evaluation report's dimensions (一级指标 words, headers.json level1_words) and their points,
# one per name, against the total score printed before them in the same block. They become
# a breakdown ``分项.各部分得分`` / ``分项.各部分得分>项目决策`` (unit 分) for statement.parts.

_SCORE_NUM = r"\d+(?:\.\d+)?"
_SCORES_RESPECTIVELY = regex.compile(
    r"(?P<names>[\p{Han}、]{2,80}?)(?:[一二三四五六七八九十两]个(?:方面|部分|维度))?(?:指标)?分别(?:得分|得)(?:为)?\s*"
    r"(?P<nums>" + _SCORE_NUM + r"\s*分?(?:\s*[、,，和及]\s*" + _SCORE_NUM + r"\s*分?)+)")
_SCORE_TOTAL = regex.compile(r"(?:综合评分|综合得分|总得分|总分|最终得分|评价得分)\s*(?:为|是|:|：)?\s*(?P<n>" + _SCORE_NUM + r")\s*分")
_NAME_SPLIT = regex.compile(r"[、和及与]")
RESPECTIVE_WHOLE = "各部分得分"


def respective_score_claims(text: str, page: int | None) -> list[Claim]:
    """The dimensions' points of a ``…分别得分 a分、b分…`` list and the total before it (see above)."""
    half = to_halfwidth(text)
    out: list[Claim] = []
    for m in _SCORES_RESPECTIVELY.finditer(half):
        names = [n for n in _NAME_SPLIT.split(regex.sub(r"^.*?(?:其中|该项目|本项目)", "", m.group("names"))) if n]
        nums = regex.findall(_SCORE_NUM, m.group("nums"))
        totals = list(_SCORE_TOTAL.finditer(half, 0, m.start()))
        if len(names) < 2 or len(names) != len(nums) or not totals or not all(is_level1_word(n) for n in names):
            continue
        whole = totals[-1]
        out.append(Claim(subject=f"分项.{RESPECTIVE_WHOLE}", text=text, value=float(whole.group("n")), unit="分", page=page,
                         value_text=whole.group("n") + "分"))
        out += [Claim(subject=f"分项.{RESPECTIVE_WHOLE}>{name}", text=text, value=float(n), unit="分", page=page,
                      value_text=n + "分") for name, n in zip(names, nums, strict=True)]
    return out


def statement_claims(block: Block) -> list[Claim]:
    """The 部门预算编制说明 figures of one block (see above), else its 其中 breakdowns."""
    return (classification_claims(block.text, block.page) or budget_line_claims(block.text, block.page)
            or breakdown_claims(block.text, block.page))


def heading_of(block: Block, current: str | None) -> str | None:
    """The indicator a section is about: ``D31 管理部门满意度`` headings set it, other headings clear it."""
    t = block.text.strip()
    m = _HEADING_CODE.match(t)
    if m and len(t) <= 40:
        return f"{m.group('code')} {m.group('name').strip()}"
    if _SECTION.match(t) and len(t) <= 40:
        return None
    return current


def extract_claims(blocks: Iterable[Block]) -> list[Claim]:
    """Every claim in the running text, in reading order."""
    blocks = [b for b in blocks if b.text and b.text.strip()]
    pipe = pipeline()
    out: list[Claim] = []
    heading: str | None = None
    section: str | None = None
    for block in blocks:
        heading = heading_of(block, heading)
        section = section_of(block, section)
        out.extend(_block_claims(block, heading, pipe))
        out.extend(statement_claims(block))
        out.extend(respective_score_claims(block.text, block.page))
        out.extend(payment_claims(block.text, block.page, section))
        out.extend(verdict_claims(block))
    run = running_text(blocks)
    out.extend(change_claims(run))
    out.extend(share_claims(run))
    out.extend(basic_split_claims(run))
    return out


def extract_amounts(blocks: Iterable[Block]) -> list[Amount]:
    """Every money figure in the running text, in reading order."""
    out: list[Amount] = []
    for b in blocks:
        if b.text:
            out.extend(find_amounts(b.text, page=b.page))
    return out

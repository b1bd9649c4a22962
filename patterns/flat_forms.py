"""Forms that arrive as flattened text (a 自评表 or 目标表 without its ruling lines), rebuilt as tables.

A 项目支出绩效自评表 published as web text, or copied out of a PDF, loses its grid: its
cells come as words separated by spaces, tabs or ``|`` — one row per line, one cell per
line (``…|``), or the whole form on one line — and the cells that were merged (the
一级/二级指标 of the rows below the first) are simply not repeated. Read as paragraphs it
gives no table and no indicator, so nothing of it is checked.

:func:`unflatten` finds such a form in a run of text blocks by its header words (the
``indicator_columns`` and ``budget_columns`` synonyms of ``patterns/data/headers.json``,
four or more header cells in a row: running prose never separates its words so) and
rebuilds it as a ``Table`` the usual readers then read: the ``项目名称``/``主管部门`` pairs
(``form_keys``), the money block under its header, and the indicator rows under theirs,
with each 一级/二级 heading spanning the rows below it that print none (a merged cell,
as the PDF and DOCX readers give it). Where a row prints fewer figures than its header
has columns the figures are placed as forms print them (分值 and 得分 last, the money
left); the table is marked ``flattened`` so that the checker reports a mismatch in it as
a warning: its columns were aligned by reading, not printed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from extractor import captions
from extractor.document import Block, Cell, Document, Item, Table
from extractor.text import paragraph_blocks
from patterns.forms import form_key
from patterns.headers import (
    canonical_level,
    exact_kind,
    header_of_row,
    is_level1_word,
    is_level2_word,
    is_total,
    level1_of,
    match_kind,
    normalise,
    vocabulary,
)
from patterns.lazyre import re

#: fewest header cells in a row that make an indicator header out of words (a table's own
#: header needs three kinds; words with no ruling lines need more evidence)
MIN_HEADER_CELLS = 4
#: fewest header cells of a money block (年初预算数 全年预算数 全年执行数)
MIN_BUDGET_CELLS = 3
#: how far before the indicator header the form's 项目名称 may stand, in cells
_LOOK_BACK = 160
#: longest side label (绩效指标 / 年度绩效指标完成情况 / 项目资金(万元)) and heading fragment
_SHORT = 12

_FIGURE = re.compile(r"^[-+]?\d+(?:[.．]\d+)?$")
_PLACEHOLDER = re.compile(r"^[-—–/／\\]+$")
_FILLER = re.compile(r"^[…\.。·]+$")
_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
_TEMPLATE_NAME = re.compile(r"^指标\s*\d+\s*[:：]\s*")  # 指标1： the template's slot label
_SENTENCE = re.compile(r"[。；;，,]")
_BRACKET = re.compile(r"\([^()]{1,8}\)$")


@dataclass
class _Tok:
    text: str
    line: int  # index of the source line in the run


@dataclass
class _Row:
    """One rebuilt row: (column, text) cells, and how wide the last cell spans."""

    cells: list[tuple[int, str]] = field(default_factory=list)
    free: bool = False  # words of the form that are no pair, header or figure row (年度总体目标 …)


@dataclass
class _Form:
    start: int  # first token of the form
    stop: int  # token after its last
    rows: list[_Row]
    level_cols: tuple[int | None, int | None] = (None, None)
    body: tuple[int, int] = (0, 0)  # indicator rows (start, stop) in ``rows``, for the merged headings


def _tokens(lines: list[str]) -> tuple[list[_Tok], bool]:
    """The cells of ``lines`` in order, and whether each line is one cell (``…|`` text)."""
    filled = [ln for ln in lines if ln.strip()]
    cells = len(filled) >= 8 and sum(ln.rstrip().endswith("|") for ln in filled) >= 0.8 * len(filled)
    out: list[_Tok] = []
    for k, line in enumerate(lines):
        if cells:
            s = line.strip()
            if s.endswith("|"):
                out.append(_Tok(s[:-1].strip(), k))
            elif s:
                out.append(_Tok(s, k))
            continue
        for word in re.split(r"[ \t\u3000\xa0|]+", line):
            if word.strip():
                out.append(_Tok(word.strip(), k))
    return out, cells


def _kind(text: str, section: str) -> str | None:
    """The header kind ``text`` names in ``section`` as a synonym itself (a bracketed note
    allowed: 全年预算数(A), 年度预算数(万元)); a word that only contains one (年度绩效指标完成情况
    holds 完成情况) names none — without ruling lines, only whole header words are evidence."""
    t = normalise(text)
    if not t or _FIGURE.match(t) or not exact_kind(t, section):
        return None
    return match_kind(t, section)


def _header(toks: list[_Tok], i: int, section: str) -> tuple[int, list[str]] | None:
    """The header starting at token ``i`` of ``section``: (token after it, its cells).

    A cell broken over two lines (``一级`` / ``指标``) is joined back when the join still
    names the same kind; the run ends at the first word that names none.
    """
    cells: list[str] = []
    kinds: list[str] = []
    j = i
    while j < len(toks):
        text = toks[j].text
        kind = _kind(text, section)
        if cells and (kind is None or kind == kinds[-1]) and _kind(cells[-1] + text, section) == kinds[-1] \
                and normalise(text) in vocabulary()["not_names"]:
            cells[-1] += text
            j += 1
            continue
        if kind is None:
            break
        cells.append(text)
        kinds.append(kind)
        j += 1
    if section == "budget_columns" and j + 1 < len(toks) and _money_label(toks[j + 1].text) \
            and not _money_label(toks[j].text) and _heading_word(toks[j].text):
        cells.append(toks[j].text)  # 原因: a last column no vocabulary names, before the first row
        j += 1
    least = MIN_HEADER_CELLS if section == "indicator_columns" else MIN_BUDGET_CELLS
    if len(cells) < least or header_of_row([(c, 1, t) for c, t in enumerate(cells)], section) is None:
        return None
    return j, cells


def _heading_word(text: str) -> bool:
    t = normalise(text)
    return 0 < len(t) <= 6 and not re.search(r"[\d。，,;；:：]", t)


def _is_figure(text: str) -> bool:
    t = normalise(text)
    return bool(_FIGURE.match(t.replace(",", "")) or _PLACEHOLDER.match(t))


def _money_label(text: str) -> bool:
    """A money row's label (年度资金总额 / 其中：财政拨款 / 上年结转资金 / 其他资金)."""
    t = normalise(text).rstrip(":")
    if not t or len(t) > _SHORT + 4 or _is_figure(t):
        return False
    labels, parts = _money_words()
    return bool(form_key(t)) or t in labels or any(w in t for w in parts)


@cache
def _money_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """A money row's whole labels and the words a part's label holds (header vocabulary)."""
    voc = vocabulary()
    labels = frozenset(voc["budget_total_rows"]) | frozenset(voc["form_totals"].get("labels", []))
    return labels, tuple(voc["form_totals"].get("part_words", []))


def _key(text: str) -> str | None:
    """The form-key kind of a cell, a bracketed note after the key allowed (实施单位(盖章))."""
    t = normalise(text)
    return form_key(t) or form_key(_BRACKET.sub("", t))


def _side_label(toks: list[_Tok]) -> bool:
    return 0 < len(toks) <= 2 and all(
        len(normalise(t.text)) <= _SHORT and not _SENTENCE.search(t.text) and not _is_figure(t.text) for t in toks
    )


def _level_like(text: str) -> bool:
    t = normalise(text)
    return bool(t) and (is_level1_word(t) or is_level2_word(t) or bool(_POINTS.search(t)) or canonical_level(t) is not None)


def _fragment(text: str) -> bool:
    """A piece of a heading broken over lines (``经济效益`` / ``指标`` / ``(30分)``)."""
    t = normalise(text)
    if not t or len(t) > _SHORT or _TEMPLATE_NAME.match(t) or _FILLER.match(t) or is_total(t):
        return False
    return not re.search(r"\d", _POINTS.sub("", t))


def _levels(pieces: list[str]) -> tuple[str | None, str | None, str]:
    """(一级, 二级, text left over) from the heading pieces before a row's name.

    Joined pieces split after each ``(N分)``: ``满意度指标(10分)服务对象满意度指标`` is a
    一级 heading with its points and a 二级 one. A 一级 cell of which only the points came
    through (``(30分)``) is named from its 二级 heading (``level1_of_level2``).
    """
    joined = "".join(normalise(p) for p in pieces)
    if not joined:
        return None, None, ""
    items = _heading_items(joined)
    if not all(_level_like(x) or x.endswith(tuple(vocabulary()["level_suffixes"])) for x in items):
        return None, None, joined  # not headings: the start of a name broken over lines
    l1 = l2 = None
    points = [k for k, x in enumerate(items) if _POINTS.search(x)]
    if points:  # the 一级 heading is the one printed with its points; the 二级 one follows it
        l1 = items[points[-1]]
        l2 = items[points[-1] + 1] if points[-1] + 1 < len(items) else None
    elif len(items) >= 2:  # two headings side by side: 一级 then 二级 (满意度指标 is both)
        l1, l2 = items[-2], items[-1]
    elif is_level1_word(items[0]) and not is_level2_word(items[0]):
        l1 = items[0]
    else:
        l2 = items[0]  # a heading alone is the 二级 one: the 一级 spans more rows
    if l1 is not None and not _POINTS.sub("", l1) and l2:
        l1 = (level1_of(l2) or "") + l1
    return l1, l2, ""


@cache
def _heading_words() -> tuple[str, ...]:
    """``level1_words`` and ``level2_words`` of four characters or more, longest first."""
    words = set(vocabulary()["level1_words"]) | set(vocabulary()["level2_words"])
    return tuple(w for w in sorted(words, key=len, reverse=True) if len(w) >= 4)


def _heading_items(text: str) -> list[str]:
    """``满意度指标(10分)服务对象满意度指标`` → [``满意度指标(10分)``, ``服务对象满意度指标``]:
    heading words (the longest of ``level1_words``/``level2_words`` at each place) with the
    points printed after one; words no vocabulary knows stay as they come between them."""
    words = _heading_words()
    items: list[str] = []
    loose = ""
    k = 0
    while k < len(text):
        points = _POINTS.match(text, k)
        word = next((w for w in words if text.startswith(w, k)), None) if not points else None
        if points:
            if loose:
                items.append(loose)
                loose = ""
            if items and not _POINTS.search(items[-1]):
                items[-1] += points.group(0)
            else:
                items.append(points.group(0))
            k = points.end()
        elif word and (not loose or _level_like(loose)):  # 群众满意度指标 stays one heading
            if loose:
                items.append(loose)
                loose = ""
            items.append(word)
            k += len(word)
        else:
            loose += text[k]
            k += 1
    if loose:
        items.append(loose)
    return items


class _Builder:
    """Places the cells of one form, section by section, into rows."""

    def __init__(self, cells_mode: bool) -> None:
        self.cells_mode = cells_mode
        self.rows: list[_Row] = []
        self._pair_line = -1  # source line of the last 项目名称-style pair

    def free(self, part: list[_Tok]) -> None:
        """Tokens that are neither pairs nor figures: one row per source line (or one row)."""
        if not part:
            return
        groups: dict[int, list[str]] = {}
        for t in part:
            groups.setdefault(0 if self.cells_mode else t.line, []).append(t.text)
        for texts in groups.values():
            self.rows.append(_Row(cells=list(enumerate(texts)), free=True))

    def prelude(self, part: list[_Tok]) -> list[_Tok]:
        """项目名称 … pairs; returns the tokens left before the next header (its side label)."""
        k = 0
        loose: list[_Tok] = []
        while k < len(part):
            if _key(part[k].text):
                self.free(loose)
                loose = []
                value = part[k + 1].text if k + 1 < len(part) and not _key(part[k + 1].text) else ""
                row = self.rows[-1] if self.rows else None
                if row is not None and not self.cells_mode and part[k].line == self._pair_line and len(row.cells) < 4:
                    row.cells += [(len(row.cells), part[k].text), (len(row.cells) + 1, value)]  # 主管部门 … 实施单位 …
                else:
                    self.rows.append(_Row(cells=[(0, part[k].text), (1, value)]))
                self._pair_line = part[k].line
                k += 2 if value else 1
                continue
            loose.append(part[k])
            k += 1
        return loose

    def budget(self, side: list[_Tok], header: list[str], toks: list[_Tok]) -> int:
        """The money block under ``header``; returns how many of ``toks`` it used."""
        item_first = _kind(header[0], "budget_columns") == "item"
        first = 1 if item_first else 2
        label_col = 1
        head = _Row(cells=[(0, "".join(t.text for t in side))] if side else [])
        head.cells += [(first + c, h) for c, h in enumerate(header)]
        self.rows.append(head)
        columns = list(range(first + (1 if item_first else 0), first + len(header)))
        kinds = [_kind(h, "budget_columns") for h in header[(1 if item_first else 0):]]
        k = 0
        while k < len(toks) and _money_label(toks[k].text):
            label = toks[k]
            k += 1
            values: list[str] = []
            while k < len(toks) and len(values) < len(columns):
                t = toks[k].text
                if self.cells_mode:
                    if _money_label(t):
                        break  # the next row's label
                elif not _is_figure(t) or toks[k].line != label.line:
                    break
                values.append(t)
                k += 1
            row = _Row(cells=[(label_col, label.text)])
            places = columns[: len(values)] if self.cells_mode else _budget_places(values, columns, kinds)
            row.cells += list(zip(places, values, strict=True))
            self.rows.append(row)
        return k

    def indicators(self, side: list[_Tok], header: list[str], toks: list[_Tok]) -> tuple[int, tuple[int, int], tuple]:
        """The indicator rows under ``header``; returns (tokens used, their rows, 一级/二级 columns)."""
        first = 1
        head = _Row(cells=[(0, "".join(t.text for t in side))] if side else [])
        head.cells += [(first + c, h) for c, h in enumerate(header)]
        self.rows.append(head)
        kinds = [_kind(h, "indicator_columns") for h in header]
        col_of = {}
        for c, kind in enumerate(kinds):
            col_of.setdefault(kind, first + c)
        if "name" not in col_of and "level2" in col_of:  # 一级 | 二级 | 指标值: the 二级 column names
            col_of["name"], col_of["level2"] = col_of.pop("level2"), col_of.get("level1")
            col_of.pop("level1", None)
        name_at = kinds.index("name") if "name" in kinds else kinds.index("level2")
        after = [(first + c, k) for c, k in enumerate(kinds) if c > name_at]
        body_start = len(self.rows)
        starts = {k: c for c, k in reversed(list(enumerate(kinds))) if k in ("level1", "level2", "name")}
        used, groups = _row_groups(toks, self.cells_mode, len(header), starts)
        for group, pending in groups:
            self._indicator_row(group, pending, col_of, after)
        return used, (body_start, len(self.rows)), (col_of.get("level1"), col_of.get("level2"))

    def _indicator_row(self, group: list[str], pending: list[str], col_of: dict, after: list[tuple[int, str | None]]) -> None:
        if group and is_total(group[0]):
            figures = [t for t in group[1:] if t.strip()]
            places = [c for c, k in after if k in ("weight", "score", "level1_weight")]
            row = _Row(cells=[(min(c for c in col_of.values() if c is not None), group[0])])
            row.cells += list(zip(places, figures, strict=False))
            self.rows.append(row)
            return
        lead: list[str] = []
        k = 0
        while k < len(group) - 1 and _level_like(group[k]):
            lead.append(group[k])
            k += 1
        if self.cells_mode:  # blanks kept: the cells stand where the header says, right-aligned
            self._cells_row(group, col_of, after)
            return
        l1, l2, rest = _levels(pending + lead)
        # 指标1：完成… — the template's slot label is no part of the name; 指标2： left blank and
        # 指标1：/ (no indicator) leave only their headings
        name = _TEMPLATE_NAME.sub("", rest + (group[k] if k < len(group) else "")).strip()
        values = group[k + 1:]
        if _PLACEHOLDER.match(normalise(name)):
            name = ""
        row = _Row()
        if l1 and col_of.get("level1") is not None:
            row.cells.append((col_of["level1"], l1))
        if l2 and col_of.get("level2") is not None:
            row.cells.append((col_of["level2"], l2))
        if name:
            row.cells.append((col_of["name"], name))
            row.cells += _value_places(values, after)
        if row.cells:
            self.rows.append(row)

    def _cells_row(self, group: list[str], col_of: dict, after: list[tuple[int, str | None]]) -> None:
        last = after[-1][0] if after else col_of["name"]
        start = last - len(group) + 1
        self.rows.append(_Row(cells=[(start + c, t) for c, t in enumerate(group) if t.strip()]))


def _budget_places(values: list[str], columns: list[int], kinds: list[str | None]) -> list[int]:
    """Where a money row's figures stand: from the left, as printed; a row one figure short
    leaves its 执行率 blank when the rate stands between the money and the points (the rate
    is worked out from the money, the points are what the form asks to fill)."""
    if len(values) == len(columns) - 1 and "execution_rate" in kinds[:-1]:
        skip = kinds.index("execution_rate")
        return [c for k, c in enumerate(columns) if k != skip]
    return columns[: len(values)]


def _value_places(values: list[str], after: list[tuple[int, str | None]]) -> list[tuple[int, str]]:
    """An indicator row's cells after its name, under the header columns after the name.

    分值 and 得分 are the bare figures at the end (placed from the left of those columns
    when fewer are printed: a blank 得分 is likelier than a blank 分值); the words before
    them fill 指标值, 完成值 … from the left; words after them are the remark.
    """
    points = [c for c, k in after if k in ("weight", "score", "level1_weight")]
    tail_end = len(values)
    while tail_end > 0 and not _is_figure(values[tail_end - 1]):
        tail_end -= 1
    remark = values[tail_end:] if tail_end and points else []
    body = values[:tail_end] if remark else values
    n = 0
    while n < min(len(points), len(body)) and _is_figure(body[len(body) - 1 - n]):
        n += 1
    figures, words = body[len(body) - n:], body[: len(body) - n]
    middle = [c for c, k in after if k not in ("weight", "score", "level1_weight") and (not points or c < points[0])]
    out = list(zip(points, figures, strict=False))
    if len(words) > len(middle) and middle:
        words = words[: len(middle) - 1] + [" ".join(words[len(middle) - 1:])]
    out += list(zip(middle, words, strict=False))
    tail_cols = [c for c, _k in after if points and c > points[-1]]
    if remark and tail_cols:
        out.append((tail_cols[0], " ".join(remark)))
    return out


def _row_groups(toks: list[_Tok], cells_mode: bool, width: int,
                starts: dict[str, int]) -> tuple[int, list[tuple[list[str], list[str]]]]:
    """The indicator rows after a header: (tokens used, [(row cells, heading pieces before it)]).

    Lines are rows; a line of heading pieces alone (``经济效益`` / ``指标``) waits for the row
    it heads; within a long line a row ends after its run of figures (分值 得分). One cell
    per line (``…|`` text) keeps blank cells: a row is as wide as the header, or shorter by
    the merged headings it leaves out (``starts``: where the 二级 heading and the name stand). The rows end after the
    合计/总分 row, or at a word that belongs to no row.
    """
    out: list[tuple[list[str], list[str]]] = []
    pending: list[str] = []
    k = 0
    if cells_mode:
        while k < len(toks):
            t = toks[k].text
            if is_total(t):
                group = [t]
                k += 1
                while k < len(toks) and (not toks[k].text.strip() or _is_figure(toks[k].text)) and len(group) < width:
                    group.append(toks[k].text)
                    k += 1
                out.append((group, []))
                return k, out
            # a row is as wide as the header less the merged headings it leaves out: it starts
            # at its 一级 heading, its 二级 heading, or its name (then it must hold a figure)
            if is_level1_word(t) or _POINTS.search(normalise(t)):
                size = width
            elif _level_like(t):
                size = width - starts.get("level2", 0)
            else:
                size = width - starts.get("name", 0)
                ahead = [x.text for x in toks[k:k + size]]
                if not any(_is_figure(x) for x in ahead) or any(is_total(x) for x in ahead[1:]):
                    break  # words after the rows (评价结论 …): the form has ended
            group = []
            while k < len(toks) and len(group) < size:
                if group and is_total(toks[k].text):
                    break
                group.append(toks[k].text)
                k += 1
            out.append((group, []))
        return k, out
    current: list[_Tok] = []
    crowded: dict[int, int] = {}
    for t in toks:
        crowded[t.line] = crowded.get(t.line, 0) + 1

    def close() -> None:
        nonlocal pending
        texts = [t.text for t in current]
        if texts and all(_FILLER.match(normalise(x)) for x in texts):
            current.clear()
            return
        if texts and all(_fragment(x) for x in texts):
            pending += texts
        elif texts:
            out.append((texts, pending))
            pending = []
        current.clear()

    while k < len(toks):
        tok = toks[k]
        if current and tok.line != current[-1].line:
            close()
        figures = 0
        while figures < len(current) and _is_figure(current[len(current) - 1 - figures].text):
            figures += 1
        if current and figures >= 2 and not _is_figure(tok.text) and (crowded.get(tok.line, 0) > 2 * width
                                                                        or _level_like(tok.text)):
            close()  # a line holding many rows (a form pasted as one line): a row ends after 分值 得分
        if is_total(tok.text):
            close()
            group = [tok.text]
            k += 1
            while k < len(toks) and _is_figure(toks[k].text) and toks[k].line == tok.line:
                group.append(toks[k].text)
                k += 1
            out.append((group, []))
            return k, out
        if not current and _SENTENCE.search(tok.text) and len(normalise(tok.text)) > 20:
            break  # running text after the rows: the form has ended
        current.append(tok)
        k += 1
    close()
    return k, out


def _find(toks: list[_Tok], cells_mode: bool, frm: int) -> _Form | None:
    """The first form at or after token ``frm``, or None."""
    for h in range(frm, len(toks)):
        found = _header(toks, h, "indicator_columns")
        if found is None:
            continue
        h_end, ind_header = found
        lo = max(frm, h - _LOOK_BACK)
        ind_side, _rest = _split_side(toks[lo:h])
        body_end = h - len(ind_side)
        keys = [k for k in range(lo, body_end) if _key(toks[k].text)]
        budget = None
        for b in range(lo, body_end):
            got = _header(toks, b, "budget_columns")
            if got is not None:
                budget = (b, *got)
                break
        start = min([*keys[:1], *([budget[0]] if budget else []), body_end])
        build = _Builder(cells_mode)
        # the pairs, up to the money block (or the indicator header)
        loose = build.prelude(toks[start:budget[0] if budget else body_end])
        if budget is not None:
            side, loose = _split_side(loose)
            build.free(loose)
            k = budget[1] + build.budget(side, budget[2], toks[budget[1]:body_end])
            loose = toks[k:body_end]
        build.free(loose)
        side = ind_side
        used, body, level_cols = build.indicators(side, ind_header, toks[h_end:])
        name_col = dict(zip(("level1", "level2"), level_cols, strict=True))
        full = [r for r in build.rows[body[0]:body[1]] if _full_row(r, name_col)]
        if len(full) < 2:
            continue  # a header with hardly a row of figures under it is no form (a 说明 list)
        form = _Form(start=start, stop=h_end + used, rows=build.rows, level_cols=level_cols, body=body)
        return form
    return None


def _full_row(row: _Row, level_cols: dict[str, int | None]) -> bool:
    """A row that names an indicator and gives it a figure or value (not a heading, not prose)."""
    levels = {c for c in level_cols.values() if c is not None}
    rest = [(c, t) for c, t in row.cells if c not in levels and t.strip()]
    if len(rest) < 2 or any(is_total(t) for _c, t in rest[:1]):
        return False
    return not (_SENTENCE.search(rest[0][1]) and len(rest[0][1]) > 20)


def _split_side(loose: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """The side label (at most two short words) that ends ``loose``, and what stands before it."""
    for n in (2, 1):
        if len(loose) < n or not _side_label(loose[-n:]):
            continue
        if any(_key(t.text) for t in loose[-n - 1:]):
            continue  # a 项目名称 pair, or its value: no side label
        if n == 2 and loose[-2].line != loose[-1].line and not normalise(loose[-1].text).startswith("("):
            continue  # two lines make one label only when the second is its bracket (项目资金 / (万元))
        return loose[-n:], loose[:-n]
    return [], loose


def _table(form: _Form, table_id: str) -> Table:
    """The rows as a Table; 一级/二级 headings span down over the rows that print none."""
    width = max((c for r in form.rows if not r.free for c, _t in r.cells), default=0) + 1
    for row in form.rows:
        if row.free and len(row.cells) > width:  # the rest of a long free row in its last cell
            row.cells = row.cells[: width - 1] + [(width - 1, " ".join(t for _c, t in row.cells[width - 1:]))]
    cells: list[Cell] = []
    owner: dict[tuple[int, int], Cell] = {}
    start, stop = form.body
    for r, row in enumerate(form.rows):
        for c, text in row.cells:
            cell = Cell(text=text, row=r, col=c)
            cells.append(cell)
            owner[(r, c)] = cell
    l1, l2 = form.level_cols
    for col, resets in ((l1, ()), (l2, (l1,))):
        if col is None:
            continue
        holder: Cell | None = None
        for r in range(start, stop):
            own = owner.get((r, col))
            texts = [t for _c, t in form.rows[r].cells]
            if own is not None or any(owner.get((r, x)) for x in resets if x is not None) \
                    or (texts and is_total(texts[0])):
                holder = own
                continue
            if holder is not None and texts:
                holder.rowspan = r - holder.row + 1
    return Table(id=table_id, n_rows=len(form.rows), n_cols=width, cells=cells, flattened=True)


def _run_lines(blocks: list[Block]) -> list[str]:
    """The source lines of a run of blocks (a block a reader kept no lines of is one line)."""
    return [line for block in blocks for line in (block.lines or [block.text])]


def _rebuild(blocks: list[Block], next_id: int) -> list[Item] | None:
    """The run of blocks with each flattened form in it as a table; None when it holds none."""
    lines = _run_lines(blocks)
    if sum(len(x) for x in lines) < 40:
        return None
    toks, cells_mode = _tokens(lines)
    if cells_mode:  # the text around the form: its lines without the cell marks
        lines = [ln.strip().removesuffix("|").strip() for ln in lines]
    forms: list[_Form] = []
    k = 0
    while k < len(toks):
        form = _find(toks, cells_mode, k)
        if form is None:
            break
        forms.append(form)
        k = form.stop
    if not forms:
        return None
    out: list[Item] = []
    done_line, done_tok = 0, 0
    for n, form in enumerate(forms):
        before = _text_between(lines, toks, done_line, done_tok, form.start)
        table = _table(form, f"t{next_id + n}")
        captions.attach(table, [b for b in before if isinstance(b, Block)])  # the form's title line
        out += before
        out.append(table)
        done_tok = form.stop
        done_line = toks[form.stop - 1].line
    out += _text_between(lines, toks, done_line, done_tok, len(toks), tail=True)
    return out


def _text_between(lines: list[str], toks: list[_Tok], line: int, tok: int, stop: int, tail: bool = False) -> list[Item]:
    """Paragraphs for the text from token ``tok`` (on source line ``line``) to token ``stop``."""
    if tok >= len(toks) and not tail:
        return []
    raw: list[str] = []
    if tok < stop:
        first, last = toks[tok].line, toks[stop - 1].line
        # a line all of whose tokens fall in the stretch is kept as printed, else its words rejoined
        per_line = Counter(t.line for t in toks)
        words: dict[int, list[str]] = {}
        for t in toks[tok:stop]:
            words.setdefault(t.line, []).append(t.text)
        for ln in range(first, last + 1):
            mine = words.get(ln, [])
            raw.append(lines[ln] if len(mine) == per_line[ln] else " ".join(mine))
        if tail and last + 1 < len(lines):
            raw += lines[last + 1:]
    elif tail:
        after = toks[tok - 1].line + 1 if tok else line
        raw = lines[after:]
    return list(paragraph_blocks(raw))


def unflatten(doc: Document) -> Document:
    """``doc`` with every form that arrived as flattened text rebuilt as a table (in place)."""
    if not any(isinstance(i, Block) for i in doc.items):
        return doc
    tables = sum(isinstance(i, Table) for i in doc.items)
    items: list[Item] = []
    run: list[Block] = []
    added = 0

    def flush() -> None:
        nonlocal added
        if run:
            rebuilt = _rebuild(run, tables + added + 1) if _may_hold_form(run) else None
            if rebuilt is None:
                items.extend(run)
            else:
                page = run[0].page
                for item in rebuilt:
                    if isinstance(item, Block):
                        item.page = page
                    else:
                        item.pages = [page] if page is not None else []
                        for cell in item.cells:
                            cell.page = page
                        added += 1
                    items.append(item)
            run.clear()

    for item in doc.items:
        if isinstance(item, Block):
            run.append(item)
        else:
            flush()
            items.append(item)
    flush()
    doc.items = items
    return doc


def _may_hold_form(run: list[Block]) -> bool:
    """Cheap test before tokenising: the run names at least an indicator header word twice."""
    words = vocabulary()["indicator_columns"]
    text = "".join(normalise(b.text) for b in run)
    return sum(any(w in text for w in words[kind]) for kind in ("name", "weight", "score", "target", "actual")) >= 2

"""Understanding a table once: header rows, column roles, logical parts, row roles, identity.

Real 部门预算/决算 tables are not columns of numbers under one header. A 收入支出决算总表
prints 收入 on the left and 支出 on the right (two tables side by side); a 基本支出 table
prints 人员经费 and 公用经费 halves; 功能分类 codes (类 201 | 款 06 | 项 01) are codes, not
money; a parent 科目's amount stands one column right of its children's (Jiangsu prints
them indented); a 合计 may head its details instead of closing them; a blank cell is "not
printed", never 0. ``annotate`` reads all of that once, from the vocabulary in
``patterns/data/tables.json``, and the result travels in the contract
(``TableOut.header_rows``, ``identity``, ``fund``, ``stage``, ``columns``, ``parts``), so the checker does
arithmetic on roles instead of guessing from header words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.contract import CellValue, ColumnRole, RowRole, TableOut, TablePart
from patterns.cells import normalise, parse_cell
from patterns.lazyre import re
from patterns.lexicon import load

_CODE = re.compile(r"^\d{2,9}$")


@cache
def vocabulary() -> dict:
    """The parsed tables.json (with the total-label pattern compiled)."""
    raw = dict(load("tables"))  # keys added below: a copy of the shared object
    raw["total_re"] = re.compile(raw["total_label_pattern"])
    ids = [(k, key) for key, words in raw["identities"].items() for k in words]
    raw["identity_words"] = sorted(ids, key=lambda kv: -len(kv[0]))
    return raw


@dataclass(frozen=True)
class ScoreWords:
    """Header words of a scored form (``tables.json`` ``score_columns``, ``additive_headers``):
    ``weight`` (分值), ``score`` (得分), ``rate`` (执行率: a self-assessment's budget block),
    ``additive`` (权重, 分值, 得分: columns that add up whatever else their header says)."""

    weight: tuple[str, ...]
    weight_else: tuple[str, ...]  # a budget block's 分值 column where none says 分值 (四川/重庆: 权重)
    score: tuple[str, ...]
    rate: tuple[str, ...]
    additive: tuple[str, ...]


@cache
def score_words() -> ScoreWords:
    """The words of a scored form's columns, from ``data/tables.json``."""
    raw = load("tables")
    cols = raw["score_columns"]
    return ScoreWords(tuple(cols["weight"]), tuple(cols["weight_else"]), tuple(cols["score"]), tuple(cols["rate"]),
                      tuple(raw["additive_headers"]))


@cache
def recompute_words() -> dict[str, tuple[str, ...]]:
    """Header words of the columns the recompute rules read, by column (``tables.json``
    ``recompute_columns``: rate, spent, budget, budget_preferred, adjusted, any_amount, actual,
    name, detail_amount)."""
    return {k: tuple(v) for k, v in load("tables")["recompute_columns"].items() if not k.startswith("_")}


@cache
def monitoring_words() -> dict[str, tuple[str, ...]]:
    """Header words of a monitoring report's tables by column (``tables.json``
    ``monitoring_columns``: name, stage, actual, annual, track, flag, kind, target)."""
    return {k: tuple(v) for k, v in load("tables")["monitoring_columns"].items() if not k.startswith("_")}


@cache
def identity_groups() -> dict[str, frozenset[str]]:
    """Identities the rules treat alike (``tables.json`` ``identity_groups``): ``ledger``,
    ``summary``, ``by_function``, ``spending_on``."""
    return {k: frozenset(v) for k, v in load("tables")["identity_groups"].items() if not k.startswith("_")}


BLANKS = frozenset(vocabulary()["blank_cells"])  # printed for "nothing": never a 0


@lru_cache(maxsize=65536)
def norm(text: str | None) -> str:
    """Cell text without whitespace, full-width folded; memoised: every row and column test
    asks again for the same cells and the same vocabulary words (36,000 calls on four PDFs)."""
    return re.sub(r"\s+", "", normalise(text or ""))


def blank(text: str | None) -> bool:
    return norm(text) in BLANKS


def _amount_like(text: str) -> bool:
    """A number cell that is money-like rather than a code: decimals, separators or a sign."""
    p = parse_cell(text)
    if p is None:
        return False
    t = norm(text)
    return p.decimals > 0 or "," in t or p.unit is not None or not _CODE.match(t) or t == "0"


def identity(caption: str | None, rows: Sequence[Sequence[str]]) -> str | None:
    """Which standard table the caption (or the first rows' text) names, longest word first."""
    texts = [norm(caption)] + [norm("".join(r)) for r in rows[:3]]
    for text in texts:
        if not text:
            continue
        for word, key in vocabulary()["identity_words"]:
            if norm(word) in text:
                return key
    return None


def _first_named(text: str, names: dict[str, list[str]]) -> str | None:
    """The first key of ``names`` one of whose words stands in ``text`` (keys in file order)."""
    for key, words in names.items():
        if not key.startswith("_") and any(norm(w) in text for w in words):
            return key
    return None


def caption_subject(caption: str | None) -> str:
    """What a detail table's caption names (``tables.json`` ``caption_subject``):
    ``基础表 3：帮困补助经费发放情况表`` → ``帮困补助经费``; "" without a caption."""
    words = vocabulary()["caption_subject"]
    text = re.sub(words["prefix"], "", norm(caption))
    return re.sub(words["suffix"], "", text)


def total_heading(text: str) -> str | None:
    """``total`` or ``subtotal`` when a header cell's whole text is a 合计/总计/小计 word
    (``tables.json`` ``total_columns``: the national 决算 template's 本年收入合计 too)."""
    words = vocabulary()["total_columns"]
    return "total" if text in words["total"] else "subtotal" if text in words["subtotal"] else None


def total_column(header: str) -> str | None:
    """``total_heading`` of a column's lowest header line: the column adds up its siblings
    under the same header path."""
    return total_heading(_lowest(header))


def text_column(header: str) -> bool:
    """Whether a column's header names words, not figures (备注, 计量单位, 行次 …: ``tables.json``
    ``text_headers``), even when every cell of it is blank."""
    return header.endswith(tuple(vocabulary()["text_headers"]))


def fund(caption: str | None) -> str | None:
    """Which fund the caption names (``tables.json`` ``funds``): 一般公共预算, 政府性基金,
    国有资本经营, else 财政拨款 (the grant's every fund), else None (every source)."""
    return _first_named(norm(caption), vocabulary()["funds"])


def stage(caption: str | None) -> str | None:
    """决算 or 预算 as the caption names it (``tables.json`` ``stages``), read without the fund
    names: the 预算 of 一般公共预算 says nothing of the table."""
    text = norm(caption)
    for words in vocabulary()["funds"].values():
        if isinstance(words, list):
            for w in words:
                text = text.replace(norm(w), "")
    return _first_named(text, vocabulary()["stages"])


def identify(table: TableOut) -> TableOut:
    """The table with ``identity``, ``fund`` and ``stage`` filled where it was never
    annotated (a version-1 JSON, a table built by hand) or was annotated before ``fund``,
    ``stage`` and the rows' ``total_of`` existed; an annotated table is returned as it is. The checker calls this once
    per report, so that its rules read these fields and never a caption's words."""
    update: dict[str, object] = {}
    if table.parts and any("total_of" not in role.model_fields_set for part in table.parts for role in part.rows):
        update["parts"] = [
            part.model_copy(update={"rows": [role if "total_of" in role.model_fields_set else role.model_copy(update={"total_of": totals_of(role)})
                                             for role in part.rows]})
            for part in table.parts
        ]
    if table.header_rows is None and table.identity is None:
        update["identity"] = identity(table.caption, table.rows)
    if "fund" not in table.model_fields_set:
        update["fund"] = fund(table.caption)
    if "stage" not in table.model_fields_set:
        update["stage"] = stage(table.caption)
    return table.model_copy(update=update) if update else table


def _filled_header(rows: list[list[str]], spans: list[list[int]], n: int) -> list[list[str]]:
    """The first ``n`` rows with every cell a span covers given the span's text."""
    grid = [list(r) for r in rows[:n]]
    for span in spans:
        if len(span) != 4:
            continue
        r0, c0, rs, cs = span
        if r0 >= n or r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        text = grid[r0][c0]
        for r in range(r0, min(r0 + rs, n)):
            for c in range(c0, min(c0 + cs, len(grid[r]))):
                if not grid[r][c]:
                    grid[r][c] = text
    return grid


def _is_title_cell(text: str) -> bool:
    t = norm(text)
    return t.startswith(("部门:", "单位:", "编制单位", "部门名称:", "填报单位")) or "单位:" in t and ("元" in t)


def header_rows(rows: list[list[str]]) -> int:
    """Rows before the first row that holds a money-like figure or a 合计 label with one.

    A row of codes and names (``301 | 工资福利支出 |`` in a blank template) is data too:
    it is the first row whose first cells are a classification code.
    """
    total_re = vocabulary()["total_re"]
    for r, row in enumerate(rows):
        cells = [norm(c) for c in row]
        if _numbers_columns(cells):
            continue
        if any(_amount_like(c) for c in cells if c):
            return r
        if any(_CODE.match(c) and len(c) in (3, 5, 7) and c[0] in "123" for c in cells[:4] if c):
            return r
        filled = [c for c in cells if c]
        if r > 0 and filled and total_re.match(filled[0]) and len(filled) == 1:
            return r  # a 合计 row of a table whose figures are all blank
    return len(rows)


def _numbers_columns(cells: list[str]) -> bool:
    """A row that numbers the columns, not figures: the national 决算 template's ``栏次 | | 1 |
    栏次 | | 2`` (a 栏次 label), or ``1 | 2 | 3 | … | 12`` alone (its 三公 table: at least three
    whole numbers counting up from 1, nothing else in the row)."""
    words = _column_number_words()
    filled = [c for c in cells if c]
    if any(c in words for c in filled):
        return all(c in words or c.isdigit() for c in filled)
    return len(filled) >= 3 and all(c.isdigit() for c in filled) and [int(c) for c in filled] == list(
        range(1, len(filled) + 1)
    )


@cache
def _column_number_words() -> frozenset[str]:
    return frozenset(norm(w) for w in vocabulary()["column_number_labels"]["words"])


def _header_rows_of_columns(head: list[list[str]]) -> list[list[str]]:
    """The header rows that head columns: the 部门：… 单位：万元 line and the 栏次 row head none."""
    return [row for row in head if not (any(_is_title_cell(x) for x in row if x) or _numbers_columns([norm(x) for x in row]))]


def _header_text(head: list[list[str]], c: int) -> str:
    """The column's header words top to bottom, title lines and repeats dropped; ``head`` as
    :func:`_header_rows_of_columns` keeps it (read once per table, not once per column)."""
    parts: list[str] = []
    for row in head:
        t = norm(row[c]) if c < len(row) else ""
        if not t or _is_title_cell(t) or (parts and parts[-1] == t):
            continue
        parts.append(t)
    return "/".join(parts)


def _lowest(header: str) -> str:
    return header.rsplit("/", 1)[-1] if header else ""


_CODE_WORDS = ("编码", "代码")
_MONEY_WORDS = ("金额", "数", "合计", "支出", "收入")


def _has(words: Sequence[str], text: str) -> bool:
    return any(w in text for w in _normed(tuple(words)))


@lru_cache(maxsize=256)
def _normed(words: tuple[str, ...]) -> tuple[str, ...]:
    """A word list as cells are compared (``norm``), made once per list, not per column tested."""
    return tuple(norm(w) for w in words)


def _column_role(header: str, cells: list[str]) -> str:
    v = vocabulary()
    low = _lowest(header)
    filled = [c for c in (norm(x) for x in cells) if c and c not in BLANKS]
    if low in _normed(tuple(v["code_headers"])) or (low and _has(_CODE_WORDS, low)):
        return "code"
    if not filled:
        if _has(v["label_headers"], low):
            return "label"
        return "empty"
    numbers = [c for c in filled if parse_cell(c) is not None]
    codes = [c for c in filled if _CODE.match(c) and len(c) in (3, 5, 7) and c[0] in "123"]
    # 科目 codes name one line each: a column repeating one figure (完成值 100 on every row of
    # a 自评表 under a money block's header) holds values, not codes
    if len(codes) >= max(2, 0.8 * len(filled)) and len(set(codes)) > 1 and not _has(_MONEY_WORDS, low):
        return "code"
    if len(numbers) < 0.5 * len(filled):
        return "label" if _has(v["label_headers"], low) or len(filled) >= 2 else "text"
    if low.endswith(_normed(tuple(v["text_headers"]))):
        return "text"  # 计量单位, 备注 — but 单位预留机动经费 is money
    if any(norm(c).endswith("%") for c in filled) or _has(v["percent_headers"], low):
        return "percent"
    if _has(v["count_headers"], header):
        return "count"
    return "amount"


def _semantic(header: str) -> str | None:
    low = _lowest(header)
    semantic = _semantic_words()
    for key, words in semantic:
        if low in words:
            return key
    for key, words in semantic:
        if any(w in low for w in words if len(w) >= 2):
            return key
    return None


@cache
def _semantic_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``semantic_columns`` as cells are compared (``norm``), in the vocabulary's order."""
    return tuple((key, _normed(tuple(words))) for key, words in vocabulary()["semantic_columns"].items())


def _unit(header: str, table_unit: str | None, role: str) -> str | None:
    m = re.search(r"[(（]?(亿元|万元|千元|元|%)[)）]?$", header)
    if m:
        return m.group(1)
    if role == "percent":
        return "%"
    if role == "amount":
        return table_unit
    return None


def _merge_staggered(cols: list[ColumnRole], rows: list[list[str]], first: int) -> list[ColumnRole]:
    """Adjacent amount columns that are never filled in the same row are one logical column.

    Jiangsu's tables print a parent 科目's amount one column right of its children's; the
    two physical columns share the header ``金额`` (or one has none).
    """
    out: list[ColumnRole] = []
    for col in cols:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role == "amount"
            and col.role == "amount"
            and (not _lowest(col.header) or not _lowest(prev.header) or _lowest(col.header) == _lowest(prev.header))
            and not any(
                any(not blank(r[c]) for c in prev.cols if c < len(r)) and col.col < len(r) and not blank(r[col.col])
                for r in rows[first:]
            )
        ):
            prev.cols.append(col.col)
            if not prev.header:
                prev.header = col.header
            continue
        out.append(col)
    return out


def _parts(cols: list[ColumnRole]) -> list[list[ColumnRole]]:
    """Split columns into logical tables: a code or label column after a money column starts one
    (a 权重 % between 一级指标 and 二级指标 does not)."""
    parts: list[list[ColumnRole]] = [[]]
    seen_figure = False
    for col in cols:
        if col.role in ("code", "label") and seen_figure:
            parts.append([])
            seen_figure = False
        if col.role == "amount":
            seen_figure = True
        parts[-1].append(col)
    return [p for p in parts if p]


def _side(part: list[ColumnRole], head: list[list[str]]) -> str | None:
    words = vocabulary()["side_words"]
    for col in part:
        top = col.header.split("/", 1)[0]
        for w, side in words.items():
            if top == w or top.startswith(w):
                return side
    return None


def _row_code(row: list[str], code_cols: list[int], label: str, last: dict[int, str]) -> str | None:
    """The row's classification code: its code cells joined (类 201 | 款 06 | 项 01 → 2010601).

    A 款 or 项 printed without the 类 before it takes the last one printed above; a label
    that starts with the code (``2010101 行政运行``) gives it too.
    """
    pieces: list[str] = []
    for k, c in enumerate(code_cols):
        t = norm(row[c]) if c < len(row) else ""
        if t and t.isdigit():
            pieces.append(t)
            last[k] = t
            for j in list(last):
                if j > k:
                    del last[j]
        elif pieces or not any(norm(row[x]).isdigit() for x in code_cols[k + 1 :] if x < len(row)):
            break
        elif k in last:
            pieces.append(last[k])  # 款 printed under a 类 printed once above
    code = "".join(pieces)
    if not code:
        m = re.match(r"^(\d{3,7})(?=\D)", label)
        code = m.group(1) if m else ""
    return code if len(code) >= 3 else None


def _label_depth(row: list[str], label_cols: list[int]) -> int | None:
    """1 + the index of the first name column the row fills (None when it fills none)."""
    for k, c in enumerate(label_cols):
        if c < len(row) and norm(row[c]):
            return k + 1
    return None


_FIRST_NUMBER = re.compile(r"^(?:一、|[(（]一[)）]|1[.、．])")


def _numbering_level(label: str) -> int | None:
    if re.match(r"^[一二三四五六七八九十]+、", label):
        return 1
    if re.match(r"^[(（][一二三四五六七八九十]+[)）]", label):
        return 2
    if re.match(r"^\d+[.、．]", label):
        return 3
    return None


def _row_roles(rows: list[list[str]], first: int, part: list[ColumnRole]) -> list[RowRole]:
    v = vocabulary()
    total_re = v["total_re"]
    code_cols = [c for col in part if col.role == "code" for c in col.cols]
    label_cols = [c for col in part if col.role == "label" for c in col.cols]
    figure_cols = [c for col in part if col.role in ("amount", "percent", "count") for c in col.cols]
    seen_headers: set[tuple[str, ...]] = {tuple(norm(r[c]) for c in label_cols + figure_cols if c < len(r)) for r in rows[:first]}
    out: list[RowRole] = []
    last_code: dict[int, str] = {}
    parents: list[tuple[int, int]] = []  # (level, row) of open parents by code length
    prev_detail: int | None = None
    numbered_under: int | None = None
    last_row: int | None = None
    detail_at: dict[int, int] = {}  # depth (level, 0 for none) → the latest detail row at it
    for r, row in enumerate(rows):
        if r < first:
            out.append(RowRole(role="header"))
            continue
        labels = [norm(row[c]) for c in label_cols if c < len(row) and norm(row[c])]
        label = labels[-1] if labels else ""
        if not label_cols:
            label = next((norm(x) for x in row if norm(x) and parse_cell(x) is None), "")
        figures = [row[c] for c in figure_cols if c < len(row) and not blank(row[c])]
        key = tuple(norm(row[c]) for c in label_cols + figure_cols if c < len(row))
        code = _row_code(row, code_cols, label, last_code) if code_cols or label else None
        any_label = next((t for t in labels if total_re.match(t)), None)
        if any_label is None and not labels:
            any_label = next((norm(row[c]) for c in code_cols if c < len(row) and total_re.match(norm(row[c]))), None)
        if any_label is not None:
            role = "subtotal" if any(w in any_label for w in v["subtotal_words"]) else "total"
            out.append(RowRole(role=role, label=any_label))
            continue
        if not label and not figures:
            out.append(RowRole(role="blank"))
            continue
        if key in seen_headers and not figures:
            out.append(RowRole(role="repeated_header", label=label))
            continue
        if label.startswith(("注:", "注：", "说明:", "备注:")) or (label.startswith("注") and len(label) > 12 and not figures):
            out.append(RowRole(role="note", label=label))
            continue
        role = "detail"
        parent: int | None = None
        level: int | None = None
        if code:
            level = len(code)
            while parents and not code.startswith(rows_code(out, parents[-1][1])):
                parents.pop()
            parent = parents[-1][1] if parents else None
            parents.append((level, r))
        elif label.startswith(tuple(v["part_of_prefixes"])) and prev_detail is not None:
            parent = prev_detail
            role = "part_of"
        elif len(label_cols) > 1 and not code_cols and (depth := _label_depth(row, label_cols)) is not None:
            # 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称: the first filled name column is the depth
            level = depth
            # the nearest detail row above at a lesser depth (the latest at each depth: linear, not a walk back)
            parent = max((k for lvl, k in detail_at.items() if lvl < depth), default=None)
        else:
            level = _numbering_level(label)
            if level is None:
                numbered_under = None
            elif _FIRST_NUMBER.match(label) and prev_detail is not None and prev_detail == last_row and out[prev_detail].level is None:
                numbered_under = prev_detail  # 年初结转和结余 | 一、一般公共预算 …: its breakdown
            if level is not None and numbered_under is not None:
                parent, role = numbered_under, "part_of"
        out.append(RowRole(role=role, label=label, code=code, level=level, parent=parent))
        if role == "detail":
            prev_detail = r
            detail_at[level or 0] = r
        last_row = r
    _rest_of_parts(rows, out, figure_cols)
    _fund_breakdown(rows, out, figure_cols)
    for role in out:
        role.total_of = totals_of(role)
    return out


def _fund_breakdown(rows: list[list[str]], out: list[RowRole], figure_cols: list[int]) -> None:
    """Unnumbered rows naming a fund under the row above them are its breakdown when they add
    up to it.

    The national 决算 template's 财政拨款收入支出决算总表 prints ``年初财政拨款结转和结余 12.40 |
    一般公共预算财政拨款 12.40 | 政府性基金预算财政拨款 0.00 | 国有资本经营预算财政拨款 0.00 |
    总计 452.95`` (the three indented in the PDF, flush in a web page's table): read as
    siblings they made 本年收入合计 + 年初 look 12.40 short of the 总计 (南漳 2019).
    """
    # one fund each (一般公共预算 …), not the 财政拨款 of every fund that 年初财政拨款结转和结余 names
    funds = [[norm(w) for w in ws] for k, ws in vocabulary()["funds"].items() if not k.startswith("_") and k != "财政拨款"]

    def names_fund(role: RowRole) -> bool:
        return role.role == "detail" and role.parent is None and not role.code and role.level is None and any(
            any(w in role.label for w in ws) for ws in funds
        )

    for r, role in enumerate(out):
        if role.role != "detail" or role.code or role.level is not None or names_fund(role):
            continue
        run = []
        k = r + 1
        while k < len(out) and names_fund(out[k]):
            run.append(k)
            k += 1
        if len(run) >= 2 and (parent := _figures(rows[r], figure_cols)) and _adds_up(rows, run, parent, figure_cols):
            for k in run:
                out[k] = out[k].model_copy(update={"role": "part_of", "parent": r})


_UNLABELLED = frozenset({"header", "repeated_header", "blank", "note"})
_OUTLINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])")


def bare_label(label: str | None) -> str:
    """A row label without its outline number (``八、其他收入`` → ``其他收入``)."""
    return _OUTLINE.sub("", norm(label))


@lru_cache(maxsize=4096)
def _label_totals(label: str) -> tuple[str, ...]:
    words = vocabulary()["row_totals"]
    out = []
    if label.endswith(tuple(words["grand"]["ends"])):
        out.append("grand")
    if label.startswith(tuple(words["year"]["starts"])) and label.endswith(tuple(words["year"]["ends"])):
        out.append("year")
    for kind in ("whole", "spending"):
        if label in words[kind]["labels"]:
            out.append(kind)
    named = words["named"]
    out += [item for item in named["items"] if label == item or label in (item + end for end in named["ends"])]
    return tuple(out)


def total_rank(role: RowRole) -> int:
    """3 for a grand total (a ``row_totals`` grand word in its label: 总计), 1 for a subtotal
    (role, or a ``subtotal_words`` word: 小计), 2 for any other row: a sum walking up from its
    details stops at a total of its own rank or higher."""
    v = vocabulary()
    label = role.label or ""
    if any(w in label for w in v["row_totals"]["grand"]["ends"]):
        return 3
    if role.role == "subtotal" or any(w in label for w in v["subtotal_words"]):
        return 1
    return 2


def totals_of(role: RowRole) -> list[str]:
    """What a row totals (``RowRole.total_of``), from its label read without its outline
    number: nothing for a header, blank or note row, which a rule never reads as a figure."""
    if role.role in _UNLABELLED or not role.label:
        return []
    return list(_label_totals(bare_label(role.label)))


_REST_MAX = 6  # a 其中 list is short: 购置费 | 运行费, 人员经费 | 公用经费


def _rest_of_parts(rows: list[list[str]], out: list[RowRole], figure_cols: list[int]) -> None:
    """Rows printed under a ``其中：`` row without the prefix are its siblings when, with it,
    they add up to the parent in every printed column.

    重庆 2024 市级三公 prints ``公务用车购置及运行费 4.72 | 其中：公务用车购置费 1.77 |
    公务用车运行费 2.95 | 公务接待费 0.7``: only the first part carries 其中, and 运行费 read
    as a top-level row made the 合计 6.08 look like 9.03. The names alone cannot tell a
    second part from the next top-level row (基本支出 | 其中：人员经费 | 公用经费 shares no
    word), so the run is taken only up to the row where the parts reach the parent, and
    never when the 其中 row alone already equals it; a list that never adds up is left as
    printed, and the totals then say what is wrong.
    """
    for r, role in enumerate(out):
        if role.role != "part_of" or role.parent is None or (r + 1 < len(out) and out[r + 1].role == "part_of"):
            continue
        parent = _figures(rows[role.parent], figure_cols)
        if not parent:
            continue
        run = [r]
        while len(run) <= _REST_MAX and not _adds_up(rows, run, parent, figure_cols):
            k = run[-1] + 1
            nxt = out[k] if k < len(out) else None
            if nxt is None or nxt.role != "detail" or nxt.parent is not None or nxt.code or nxt.level is not None:
                break
            run.append(k)
        if len(run) > 1 and _adds_up(rows, run, parent, figure_cols):
            for k in run[1:]:
                out[k] = out[k].model_copy(update={"role": "part_of", "parent": role.parent})
            continue
        k = r  # 其中：（1）购置费 | （2）运行费: the numbering says it, whether or not they add up
        while k + 1 < len(out) and out[k + 1].role == "detail" and out[k + 1].parent is None and not out[k + 1].code and _next_number(out[k].label, out[k + 1].label):
            k += 1
            out[k] = out[k].model_copy(update={"role": "part_of", "parent": role.parent})


_PART_NUMBER = re.compile(r"^(?:其中[:：]?)?([(（])?(\d{1,2})([)）.、．])")


def _next_number(label: str | None, after: str | None) -> bool:
    """``after`` is numbered one past ``label`` in the same style: 其中：（1）… then （2）…."""
    a, b = _PART_NUMBER.match(label or ""), _PART_NUMBER.match(after or "")
    if not a or not b:
        return False
    return (bool(a.group(1)), a.group(3) in ")）", int(a.group(2)) + 1) == (bool(b.group(1)), b.group(3) in ")）", int(b.group(2)))


def _figures(row: list[str], cols: list[int]) -> dict[int, tuple[float, int]]:
    """Column → (value, decimals) of the numbers printed in ``cols`` (percentages left out)."""
    got: dict[int, tuple[float, int]] = {}
    for c in cols:
        p = parse_cell(row[c]) if c < len(row) else None
        if p is not None and p.unit != "%":
            got[c] = (p.value, p.decimals)
    return got


def _adds_up(rows: list[list[str]], run: list[int], parent: dict[int, tuple[float, int]], cols: list[int]) -> bool:
    """Whether the rows of ``run`` add up to ``parent`` in each column the parent prints,
    within what rounding each printed figure allows."""
    figs = [_figures(rows[k], cols) for k in run]
    for c, (want, dec) in parent.items():
        parts = [f[c] for f in figs if c in f]
        got = sum(v for v, _ in parts)
        slack = sum(0.5 * 10 ** -d for _, d in parts) + 0.5 * 10 ** -dec
        if abs(got - want) > slack + 1e-9:
            return False
    return True


def rows_code(roles: list[RowRole], r: int) -> str:
    return roles[r].code or "\0"


def annotate(table: TableOut) -> TableOut:
    """The table with ``header_rows``, ``identity``, ``fund``, ``stage``, ``columns``, ``parts``,
    ``values`` and ``reading`` (what every row's words say, ``patterns.table_reading``) filled in."""
    from patterns.table_reading import read_rows  # it reads this module's word lists

    rows = [list(r) for r in table.rows]
    if not rows:
        return table
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    first = header_rows(rows)
    head = _filled_header(rows, table.spans, first)
    heading = _header_rows_of_columns(head)
    unit = table.unit if table.unit in ("元", "万元", "亿元", "千元") else None
    cols: list[ColumnRole] = []
    for c in range(width):
        header = _header_text(heading, c)
        role = _column_role(header, [r[c] for r in rows[first:]])
        cols.append(ColumnRole(col=c, cols=[c], header=header, role=role, semantic=None, unit=None))
    cols = _merge_staggered(cols, rows, first)
    for col in cols:
        col.semantic = _semantic(col.header) if col.role in ("amount", "percent", "count") else None
        col.unit = _unit(col.header, unit, col.role)
    parts: list[TablePart] = []
    for k, part in enumerate(_parts(cols)):
        for col in part:
            col.part = k
        parts.append(
            TablePart(
                side=_side(part, head),
                columns=[col.col for col in part],
                rows=_row_roles(rows, first, part),
            )
        )
    return table.model_copy(
        update={
            "header_rows": first,
            "identity": identity(table.caption, rows),
            "fund": fund(table.caption),
            "stage": stage(table.caption),
            "columns": cols,
            "parts": parts,
            "values": [[cell_value(c) for c in row] for row in table.rows],
            "reading": read_rows(table),
        }
    )


def cell_value(text: str | None) -> CellValue | None:
    """The contract's reading of one cell: value, printed decimals, printed unit."""
    p = parse_cell(text)
    return None if p is None else CellValue(value=p.value, decimals=p.decimals, unit=p.unit)


_YEAR = re.compile(r"(20\d\d)年")


def _year(header: str) -> int | None:
    """The year a column's header names: a printed 20xx年, else 上年 (0) / 本年 (1)
    (``tables.json`` ``change_columns``)."""
    m = _YEAR.search(header)
    if m:
        return int(m.group(1))
    w = vocabulary()["change_columns"]
    if any(x in header for x in w["earlier"]):
        return 0
    if any(x in header for x in w["later"]):
        return 1
    return None


def _year_column(cols: list[ColumnRole], year: int) -> ColumnRole | None:
    """The one column of ``year``: alone, or the 合计/小计 among the year's columns."""
    mine = [c for c in cols if _year(c.header) == year]
    if len(mine) == 1:
        return mine[0]
    totals = [c for c in mine if c.semantic == "合计"]
    return totals[0] if len(totals) == 1 else None


def change_columns(table: TableOut, k: int) -> tuple[ColumnRole, ColumnRole, ColumnRole | None, ColumnRole | None] | None:
    """(earlier year, later year, change amount, change rate) columns of part ``k`` when its
    headers name two years and a 增减 column (``2024年预算数 | 2025年预算数 | 增减额 | 增减%``)."""
    w = vocabulary()["change_columns"]
    cols = [c for c in table.columns if c.part == k and c.role in ("amount", "percent")]
    change = [c for c in cols if any(x in c.header for x in w["change"])]
    plain = [c for c in cols if c not in change]
    years = sorted({y for c in plain if (y := _year(c.header)) is not None})
    if len(years) != 2 or not change:
        return None
    earlier, later = _year_column(plain, years[0]), _year_column(plain, years[1])
    rates = [c for c in change if c.role == "percent" or any(x in _lowest(c.header) for x in w["rate"])]
    amounts = [c for c in change if c not in rates]
    if earlier is None or later is None or len(amounts) > 1 or len(rates) > 1 or not (amounts or rates):
        return None
    return earlier, later, amounts[0] if amounts else None, rates[0] if rates else None

"""Key-value form tables (申报表/自评表 heads) read as pairs.

In a form the key names the value beside it: ``项目名称 | 课题与规划``. In the PDF a
key cell may span several columns and its value is the next origin cell to the right;
in OCR text a key may be split over two cells (``项目 | 名称``) or written with its value
in one cell (``项目名称：政府购买辅助服务``). Keys come from ``form_keys`` in headers.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import Table
from patterns.headers import normalise, vocabulary
from patterns.tables import OriginRow, is_structured, origin_rows


@dataclass
class FormValue:
    key: str  # kind from headers.json form_keys (name, department, total …)
    text: str
    row: int


def form_key(text: str) -> str | None:
    """The form-key kind of a cell, exact after normalisation."""
    cell = normalise(text).rstrip(":")
    if not cell:
        return None
    for kind, words in vocabulary()["form_keys"].items():
        if cell in words:
            return kind
    return None


_TAG = re.compile(r"<[^>]*>|\^\{[^}]*\}")


def meaningful(text: str) -> str:
    """The cell without markup debris (``<u>:</u>``); empty when nothing readable is left."""
    t = _TAG.sub("", text).strip()
    return t if re.search(r"[\u3400-\u9fff0-9A-Za-z]", t) else ""


def _inline(text: str) -> tuple[str, str] | None:
    """``项目名称：政府购买辅助服务`` → (``name``, ``政府购买辅助服务``)."""
    cell = normalise(text)
    if ":" not in cell:
        return None
    key, _, value = cell.partition(":")
    kind = form_key(key)
    if kind and value:
        return kind, text.split("：" if "：" in text else ":", 1)[1].strip()
    return None


def read_row_pairs(row: OriginRow, r: int, structured: bool) -> list[FormValue]:
    """Key-value pairs of one row, left to right."""
    out: list[FormValue] = []
    cells = [(c, t) for c, _s, t in row]
    i = 0
    while i < len(cells):
        text = cells[i][1]
        kind, width = form_key(text), 1
        if kind is None and i + 1 < len(cells):
            kind, width = form_key(text + cells[i + 1][1]), 2
            if kind is None and not structured:
                # OCR: a key split around empty cells (项目 | | 名称)
                j = next((k for k in range(i + 1, len(cells)) if cells[k][1].strip()), None)
                if j is not None:
                    kind, width = form_key(text + cells[j][1]), j - i + 1
        if kind is None:
            inline = _inline(text)
            if inline:
                out.append(FormValue(inline[0], inline[1], r))
            i += 1
            continue
        j = i + width
        value = ""
        while j < len(cells):
            candidate = meaningful(cells[j][1])
            if form_key(candidate):
                break
            if candidate.strip():
                value = candidate.strip()
                j += 1
                break
            if structured:
                j += 1
                break
            j += 1
        if value:
            out.append(FormValue(kind, value, r))
        i = j
    return out


def read_form(table: Table, stop: int | None = None) -> list[FormValue]:
    """Every key-value pair in rows ``0..stop`` of ``table`` (first value of a key wins)."""
    rows = origin_rows(table)[:stop]
    structured = is_structured(table)
    seen: set[str] = set()
    out = []
    for r, row in enumerate(rows):
        for fv in read_row_pairs(row, r, structured):
            if fv.key not in seen:
                seen.add(fv.key)
                out.append(fv)
    return out


def as_dict(values: list[FormValue]) -> dict[str, str]:
    return {v.key: v.text for v in values}


def name_rows(table: Table) -> list[int]:
    """Rows holding a ``项目名称`` with a value: where one project's form begins."""
    structured = is_structured(table)
    return [
        r
        for r, row in enumerate(origin_rows(table))
        if any(fv.key == "name" for fv in read_row_pairs(row, r, structured))
    ]

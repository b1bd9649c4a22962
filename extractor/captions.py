"""Attach a table's caption and money unit from the lines around it.

Budget tables print ``2023年部门收入预算总表`` and ``编制部门：… 单位：元`` just above the
grid, or inside its first spanning row. A checker must know the unit (``万元`` vs ``元``)
before it adds anything up, so every reader calls :func:`attach` with the blocks that
stand between the previous table and this one.
"""

from __future__ import annotations

import re

from extractor.document import Block, Table

UNIT_RE = re.compile(r"(?:金额|计量|货币)?单位\s*[:：]?\s*(亿元|万元|千元|元)")
_PAREN_UNIT_RE = re.compile(r"^[（(]\s*(亿元|万元|千元|元)\s*[)）]$")
_CAPTION_RES = (
    re.compile(r"^附?表\s*[\d一二三四五六七八九十]+(?:[-.．]\d+)*\s*[：:．.、\s]"),
    re.compile(r"^基础表\s*\d+"),
    re.compile(r"^附件\s*\d+\s*[：:．.、]?.*表"),
    re.compile(r"^.{2,60}表(?:\s*[（(][^）)]{1,20}[）)])?$"),
)
_NUMBER_ONLY = re.compile(r"^(?:公开|附)?表?\s*[\d一二三四五六七八九十]+(?:[-－.．]\d+)*\s*表?$")
_MAX_CAPTION = 80
_LOOK_BACK = 4


def unit_of(text: str) -> str | None:
    """The money unit a line declares (``单位：元`` → ``元``), if any."""
    m = UNIT_RE.search(text) or _PAREN_UNIT_RE.match(text.strip())
    return m.group(1) if m else None


def is_caption(text: str) -> bool:
    """True for a table title: ``表 3：…``, ``基础表1…`` or a short line ending in 表."""
    t = text.strip()
    if not t or len(t) > _MAX_CAPTION or t.endswith(("。", "；", "，")):
        return False
    return any(p.search(t) for p in _CAPTION_RES)


def attach(table: Table, before: list[Block]) -> None:
    """Set ``table.caption`` / ``table.unit`` from the nearest blocks above and the first rows.

    Only short lines are considered: a long paragraph ends the search, because a caption
    stands next to its table.
    """
    for block in reversed(before[-_LOOK_BACK:]):
        text = block.text.strip()
        if len(text) > _MAX_CAPTION:
            break
        if table.unit is None:
            table.unit = unit_of(text)
        part = _caption_part(text)
        if is_caption(part) and (table.caption is None or _NUMBER_ONLY.match(table.caption)):
            # 公开01表 names no table: the title line above it (收入支出决算总表) does
            if table.caption is None or not _NUMBER_ONLY.match(part):
                table.caption = part
    rows = table.grid()[:3]
    for row in rows:
        texts = [t for t in row if t.strip()]
        if len(texts) > 2:
            break
        for t in texts:
            if table.unit is None:
                table.unit = unit_of(t)
            if table.caption is None and len(texts) == 1 and is_caption(t):
                table.caption = t.strip()


def _caption_part(text: str) -> str:
    """A caption line without a trailing ``单位：元`` printed on the same line."""
    m = UNIT_RE.search(text)
    head = text[: m.start()] if m else text
    return head.strip(" ：:（(")

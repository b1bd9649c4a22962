"""A document printed in traditional characters, read in simplified ones.

Why: every word list, unit and title the recogniser knows is written in simplified
characters (绩效, 预算执行率, 万元). A page served in traditional characters — a
government site's 繁體 version, a report scraped through a converting proxy — then reads
as nothing: no title, no indicators, no money, and the wrong document kind. OpenCC's
``t2s`` conversion (phrase-aware, so 乾淨 → 干净 but 乾隆 stays) turns it into the
text the recogniser expects; the document gets a warning saying so, since the quotes in
its findings are then the converted text, not the printed one.

Mainland documents are left alone: a document is converted only when characters that
exist in traditional writing alone (為, 預, 績, 資 …, among the commonest in budget
papers) are a real share of its Han text, so a quoted 臺灣 or a company's 繁體 name in
a simplified report changes nothing.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from extractor.document import Block, Document, Table

# Traditional-only forms of characters that fill every budget-performance document (their
# simplified forms differ): a cheap test that needs no converter for the usual document.
_TRADITIONAL_ONLY = frozenset(
    "為們這個來與說對會國時發經過還進後現點開關學體動實業當從應該務預費額績評價報號際劃辦資產標準數據總計"
    "項職結級稅財"
)
_MIN_HITS = 10  # fewer than this many traditional-only characters: a quotation, not the document's script
_MIN_SHARE = 0.02  # … and at least this share of the Han characters
_SAMPLE_CHARS = 20_000  # characters looked at: the opening pages


def is_traditional(text: str) -> bool:
    """True when ``text`` is written in traditional characters (see the module's note)."""
    hits = sum(1 for ch in text if ch in _TRADITIONAL_ONLY)
    if hits < _MIN_HITS:
        return False
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han > 0 and hits / han >= _MIN_SHARE


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(doc: Document) -> Document:
    """``doc`` with every text (blocks, their lines, captions, cells) in simplified characters
    when it is written in traditional ones; unchanged otherwise."""
    if not is_traditional(_sample(doc)):
        return doc
    convert = _converter().convert
    for item in doc.items:
        if isinstance(item, Block):
            item.text = convert(item.text)
            item.lines = [convert(line) for line in item.lines]
        elif isinstance(item, Table):
            if item.caption:
                item.caption = convert(item.caption)
            if item.unit:
                item.unit = convert(item.unit)
            for cell in item.cells:
                cell.text = convert(cell.text)
    doc.warnings.append(
        "text is in traditional characters (繁体字): read as simplified (OpenCC t2s); quotes in findings are the converted text"
    )
    return doc


def _sample(doc: Document, limit: int = _SAMPLE_CHARS) -> str:
    """The document's first ``limit`` characters of text (blocks and cells in reading order):
    a document's script shows in its opening pages, and a 1,000-page one need not be counted whole."""
    out: list[str] = []
    size = 0
    for item in doc.items:
        texts = [item.text] if isinstance(item, Block) else [c.text for c in item.cells] if isinstance(item, Table) else []
        for text in texts:
            out.append(text)
            size += len(text)
            if size >= limit:
                return "\n".join(out)
    return "\n".join(out)

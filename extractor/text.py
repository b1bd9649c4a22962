"""Plain-text reader: paragraphs as Blocks, tab-separated runs as Tables.

Text renderings of budget documents (``.txt`` exports, converter output) keep a table
as consecutive lines whose cells are separated by tabs. Such a run becomes one Table;
everything else becomes paragraphs, with ``#`` lines and ``一、`` / ``（一）`` lines as
headings.
"""

from __future__ import annotations

import codecs
import re

from extractor import captions, limits
from extractor.cjk import heading_level, join_lines, squeeze, starts_numbered
from extractor.document import Block, Document, Item
from extractor.spans import plain

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CHECKBOX_INPUT = re.compile(r"<input\b[^>]*type\s*=\s*[\"']?checkbox[^>]*>", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|font|sup|sub|p|div|s|strike)\b[^>]*>", re.I)
_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(\S(?:.*?\S)?)[*_]{1,3}(?![\w*])")
_SENTENCE_END = ("。", "！", "？", "：", ":", "；", "!", "?")


def decode(data: bytes) -> str:
    """Bytes to text: BOM first, then UTF-8, then GB18030 (which accepts GBK and GB2312)."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:  # UTF-16 without BOM
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def checkbox_inputs_to_glyphs(text: str) -> str:
    """``<input type="checkbox" checked>`` → ☑, unchecked → □ (converters leave these in text)."""
    return _CHECKBOX_INPUT.sub(lambda m: "☑" if re.search(r"\bchecked\b", m.group(0), re.I) else "□", text)


def clean_inline(text: str) -> str:
    """Text without inline Markdown emphasis and inline HTML tags that converters leave behind."""
    text = _BR.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    text = _EMPHASIS.sub(r"\1", text)
    return join_lines([squeeze(t) for t in text.split("\n")])


def paragraph_blocks(lines: list[str]) -> list[Block]:
    """Blocks from non-table lines: blank lines and outline numbers start a new paragraph.

    Hard-wrapped lines are joined CJK-aware unless the previous one ended a sentence.
    """
    blocks: list[Block] = []
    para: list[str] = []
    raws: list[str] = []

    def flush() -> None:
        if para:
            text = join_lines(para)
            level = heading_level(text)
            blocks.append(Block(text=text, kind="heading" if level else "paragraph", level=level, lines=list(raws)))
            para.clear()
            raws.clear()

    for raw in lines:
        line = clean_inline(raw)
        if not line:
            flush()
            continue
        m = _MD_HEADING.match(line)
        if m:
            flush()
            if m.group(2):
                blocks.append(Block(text=clean_inline(m.group(2)), kind="heading", level=len(m.group(1)), lines=[raw]))
            continue
        if para and (para[-1].endswith(_SENTENCE_END) or starts_numbered(line) or heading_level(para[-1])):
            flush()
        para.append(line)
        raws.append(raw.rstrip("\r\n"))
    flush()
    return blocks


def items_from_lines(lines: list[str], start_id: int = 1) -> list[Item]:
    """Items from text lines: runs of lines with tabs are tables, the rest paragraphs."""
    items: list[Item] = []
    pending: list[str] = []
    since_table: list[Block] = []
    k = start_id - 1
    i = 0
    while i < len(lines):
        if "\t" in lines[i] and lines[i].strip():
            j = i
            rows_src: list[str] = []
            while j < len(lines):
                if "\t" in lines[j] and lines[j].strip():
                    rows_src.append(lines[j])
                    j += 1
                elif (
                    not lines[j].strip()
                    and j + 1 < len(lines)
                    and "\t" in lines[j + 1]
                    and lines[j + 1].strip()
                ):
                    j += 1  # one blank line inside a run: a page break in the source, not a new table
                else:
                    break
            new_blocks = paragraph_blocks(pending)
            items.extend(new_blocks)
            since_table.extend(new_blocks)
            pending = []
            rows = [[clean_inline(c) for c in ln.rstrip("\r\n").split("\t")] for ln in rows_src]
            k += 1
            table = plain(rows, f"t{k}")
            captions.attach(table, since_table)
            items.append(table)
            since_table = []
            i = j
            continue
        pending.append(lines[i])
        i += 1
    items.extend(paragraph_blocks(pending))
    return items


#: Marks OCR engines leave in their text output (superscript runs ``^{…}``, underline and
#: italic tags from layout recovery); careful typists and converters leave none.
_OCR_MARK = re.compile(r"\^\{|</?(?:u|i|sup|sub)>")
OCR_MARKS = 3


def looks_ocr(text: str) -> bool:
    """Whether a text file is an OCR engine's output (seed 002: ``^{网络信.}``, ``<u>``)."""
    return len(_OCR_MARK.findall(text)) >= OCR_MARKS


def read_text(data: bytes, name: str) -> Document:
    """Read a plain-text file into a ``Document``.

    A text that is an OCR engine's output is read as the one page of a scan: its items
    stand on page 1 and ``ocr_pages`` says so, so that the checker treats a mismatch in it
    as a possible misreading (warning), as it does for a scanned PDF page.
    """
    limits.check_bytes(len(data), "txt", name)
    text = decode(data)
    limits.check_chars(text, "txt", name)
    text = checkbox_inputs_to_glyphs(text).replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(file=name, sha256="", format="txt", pages=None)
    doc.items = items_from_lines(text.split("\n"))
    if looks_ocr(text):
        doc.pages, doc.ocr_pages = 1, [1]
        doc.warnings.append("the text is an OCR engine's output (markup such as ^{…} and <u>): check its figures")
        for item in doc.items:
            _on_page_one(item)
    return doc


def _on_page_one(item: Item) -> None:
    if isinstance(item, Block):
        item.page = 1
    else:
        item.pages = [1]
        for cell in item.cells:
            cell.page = 1

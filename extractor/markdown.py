"""Markdown reader: ``#`` headings, pipe tables and embedded HTML tables.

MinerU and similar converters write a PDF out as Markdown whose tables are raw
``<table>`` markup (merges kept as rowspan/colspan); hand-written Markdown uses pipe
tables. Both become Tables; the remaining lines go through the plain-text paragraph
rules.
"""

from __future__ import annotations

import re

from extractor import captions, html, limits
from extractor.document import Block, Document, Item
from extractor.spans import plain
from extractor.text import checkbox_inputs_to_glyphs, clean_inline, decode, paragraph_blocks

_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [clean_inline(c.replace("\\|", "|")) for c in re.split(r"(?<!\\)\|", s)]


def items_from_markdown(text: str) -> list[Item]:
    """Items of a Markdown text in reading order."""
    lines = checkbox_inputs_to_glyphs(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items: list[Item] = []
    pending: list[str] = []
    since_table: list[Block] = []
    n_tables = 0

    def flush_text() -> None:
        nonlocal pending
        blocks = paragraph_blocks(pending)
        items.extend(blocks)
        since_table.extend(blocks)
        pending = []

    i = 0
    while i < len(lines):
        line = lines[i]
        m = _TABLE_OPEN.search(line)
        if m:
            j = i
            depth_text = line
            while not _closes(depth_text) and j + 1 < len(lines):
                j += 1
                depth_text += "\n" + lines[j]
            pending.append(depth_text[: m.start()])
            flush_text()
            end = _last_close(depth_text)
            for k, table in enumerate(html.tables_from_fragment(depth_text[m.start() : end], n_tables + 1)):
                if k == 0:
                    captions.attach(table, since_table)
                items.append(table)
                n_tables += 1
            since_table.clear()
            rest = depth_text[end:]
            if rest.strip():
                lines[j] = rest
                i = j
                continue
            i = j + 1
            continue
        if "|" in line and i + 1 < len(lines) and _PIPE_SEP.match(lines[i + 1]) and "-" in lines[i + 1]:
            flush_text()
            rows = [_pipe_cells(line)]
            j = i + 2
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                rows.append(_pipe_cells(lines[j]))
                j += 1
            n_tables += 1
            table = plain(rows, f"t{n_tables}")
            table.header_rows = 1
            captions.attach(table, since_table)
            items.append(table)
            since_table.clear()
            i = j
            continue
        pending.append(line)
        i += 1
    flush_text()
    return items


def _closes(text: str) -> bool:
    return len(_TABLE_CLOSE.findall(text)) >= len(_TABLE_OPEN.findall(text))


def _last_close(text: str) -> int:
    ends = [m.end() for m in _TABLE_CLOSE.finditer(text)]
    return ends[-1] if ends else len(text)


def read_markdown(data: bytes, name: str) -> Document:
    """Read a Markdown file into a ``Document``."""
    limits.check_bytes(len(data), "md", name)
    text = decode(data)
    limits.check_chars(text, "md", name)
    doc = Document(file=name, sha256="", format="md", pages=None)
    doc.items = items_from_markdown(checkbox_inputs_to_glyphs(text))
    return doc


def read_html_file(data: bytes, name: str) -> Document:
    """An ``.html`` file: an HTML page, or Markdown carrying HTML tables (no ``<html>``,
    ``<body>`` or ``<p>``: what some exporters write under that name)."""
    text = html.html_text(data, name)
    if html.is_page(text):
        return html.page_document(text, name)
    doc = Document(file=name, sha256="", format="html", pages=None)
    doc.items = items_from_markdown(text)
    return doc

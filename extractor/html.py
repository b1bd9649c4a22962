"""HTML reader: tables with rowspan/colspan resolved, text outside tables as Blocks.

Converters such as MinerU emit budget forms as ``<table>`` markup, often inside Markdown;
merged 一级指标 cells arrive as ``rowspan``. A page that is only Markdown with embedded
tables is handed to the Markdown reader, which calls :func:`tables_from_fragment` here.
"""

from __future__ import annotations

import re
from typing import Any

from extractor import captions, limits
from extractor.cjk import heading_level, join_lines, squeeze
from extractor.document import Block, Document, Item, Table
from extractor.spans import RawCell, place
from extractor.text import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_DOC_MARKERS = re.compile(r"<(?:html|body|p|div|h[1-6]|head)\b", re.I)
_BLOCK_TAGS = frozenset(
    "p div section article header footer main aside nav ul ol li dl dt dd blockquote pre "
    "address figure figcaption form fieldset center caption hr".split()
)
_SKIP_TAGS = frozenset(["script", "style", "head", "title", "noscript", "template"])


def decode_html(data: bytes) -> str:
    """Bytes to text: BOM, then a ``<meta charset>`` in the head, then UTF-8 / GB18030."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        if enc in ("gb2312", "gbk"):
            enc = "gb18030"
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def html_text(data: bytes, name: str) -> str:
    """An ``.html`` file's text, within the HTML size limits."""
    limits.check_bytes(len(data), "html", name)
    text = decode_html(data)
    limits.check_chars(text, "html", name)
    return text


def is_page(text: str) -> bool:
    """Whether ``text`` is an HTML document (``<html>``, ``<body>``, ``<p>`` …), not Markdown
    that merely carries HTML tables (``extractor.markdown.read_html_file`` tells them apart)."""
    return bool(_DOC_MARKERS.search(text))


def read_html(data: bytes, name: str) -> Document:
    """Read an HTML page into a ``Document``."""
    return page_document(html_text(data, name), name)


def page_document(text: str, name: str) -> Document:
    """The ``Document`` of an HTML page's text."""
    doc = Document(file=name, sha256="", format="html", pages=None)
    root = _parse(text)
    walker = _Walker()
    if root is not None:
        walker.walk(root)
    walker.flush()
    doc.items = walker.items
    return doc


def _parse(text: str) -> Any:
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except Exception:  # lxml refuses some fragments; a wrapper always parses
        return lxml.html.document_fromstring(f"<html><body>{text}</body></html>")


def tables_from_fragment(fragment: str, first_id: int) -> list[Table]:
    """Every table in an HTML fragment (nested ones after their parent), ids from ``t{first_id}``."""
    root = _parse(fragment)
    if root is None:
        return []
    out: list[Table] = []
    for el in root.iter("table"):
        if _enclosing_table(el) is None:
            out.extend(_tables_of(el, first_id + len(out)))
    return out


def _enclosing_table(el: Any) -> Any:
    p = el.getparent()
    while p is not None:
        if p.tag == "table":
            return p
        p = p.getparent()
    return None


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _own_rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for child in table:
        t = _tag(child)
        if t == "tr":
            rows.append(child)
        elif t in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if _tag(c) == "tr")
    return rows


def _int_attr(el: Any, name: str) -> int:
    try:
        return int(str(el.get(name, "1")).strip() or 1)
    except ValueError:
        return 1


def _tables_of(table_el: Any, tid: int) -> list[Table]:
    """The table itself, then its nested tables flattened after it."""
    rows: list[list[RawCell]] = []
    nested: list[Any] = []
    trs = _own_rows(table_el)
    header = 0
    for tr in trs:  # header rows: inside <thead>, or made of <th> cells only
        cells = [c for c in tr if _tag(c) in ("td", "th")]
        in_head = _tag(tr.getparent()) == "thead"
        if not cells or not (in_head or all(_tag(c) == "th" for c in cells)):
            break
        header += 1
    for tr in trs:
        row: list[RawCell] = []
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            text, checked, inner = _cell_text(cell)
            nested.extend(inner)
            row.append(RawCell(text, _int_attr(cell, "rowspan"), _int_attr(cell, "colspan"), checked))
        rows.append(row)
    out: list[Table] = []
    if rows and any(rows):
        table = place(rows, f"t{tid}")
        table.header_rows = header
        cap = table_el.find("caption")
        if cap is not None:
            table.caption = squeeze(cap.text_content()) or None
        out.append(table)
    for el in nested:
        out.extend(_tables_of(el, tid + len(out)))
    return out


def _cell_text(cell: Any) -> tuple[str, bool | None, list[Any]]:
    """Cell text (line breaks joined CJK-aware), checkbox state, nested tables."""
    lines: list[str] = [""]
    states: list[bool] = []
    nested: list[Any] = []

    def visit(el: Any) -> None:
        t = _tag(el)
        if t == "table":
            nested.append(el)
        elif t == "input" and str(el.get("type", "")).lower() == "checkbox":
            on = el.get("checked") is not None
            states.append(on)
            lines[-1] += "☑" if on else "□"
        elif t == "br":
            lines.append("")
        elif t not in _SKIP_TAGS and t:
            if t in _BLOCK_TAGS:
                lines.append("")
            lines[-1] += el.text or ""
            for child in el:
                visit(child)
            if t in _BLOCK_TAGS:
                lines.append("")
        if el is not cell:
            lines[-1] += el.tail or ""

    lines[-1] += cell.text or ""
    for child in cell:
        visit(child)
    text = join_lines([squeeze(x) for x in lines if x.strip()])
    checked = any(states) if states else None
    return text, checked, nested


class _Walker:
    """Walks the page in document order, cutting text into Blocks at block-level tags."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.buf: list[str] = []
        self.since_table: list[Block] = []
        self.n_tables = 0

    def flush(self, kind: str = "paragraph", level: int | None = None) -> None:
        raw = "".join(self.buf)
        text = squeeze(raw)
        self.buf = []
        if not text:
            return
        if kind == "paragraph":
            level = heading_level(text)
            kind = "heading" if level else "paragraph"
        # the line as printed, its blanks kept: a form posted as text puts its cells in them
        line = re.sub(r"\s*\n\s*", " ", raw.replace("\xa0", " ")).strip()
        block = Block(text=text, kind=kind, level=level, lines=[line])  # type: ignore[arg-type]
        self.items.append(block)
        self.since_table.append(block)

    def walk(self, el: Any) -> None:
        t = _tag(el)
        if t in _SKIP_TAGS or not t:
            return
        if t == "table":
            self.flush()
            for k, table in enumerate(_tables_of(el, self.n_tables + 1)):
                if k == 0:  # nested tables follow their parent; the caption is the parent's
                    captions.attach(table, self.since_table)
                self.items.append(table)
                self.n_tables += 1
            self.since_table = []
            return
        if re.fullmatch(r"h[1-6]", t):
            self.flush()
            self.buf.append(el.text_content())
            self.flush("heading", int(t[1]))
            return
        if t == "input" and str(el.get("type", "")).lower() == "checkbox":
            self.buf.append("☑" if el.get("checked") is not None else "□")
        elif t == "br":
            self.flush()
        block = t in _BLOCK_TAGS
        if block:
            self.flush()
        self.buf.append(el.text or "")
        for child in el:
            self.walk(child)
            self.buf.append(child.tail or "")
        if block:
            self.flush()

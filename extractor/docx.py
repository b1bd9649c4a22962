"""DOCX reader: paragraphs and tables in body order, merges from the markup itself.

Word stores a merged 一级指标 as ``w:vMerge`` (restart, then continue) and a wide cell as
``w:gridSpan``; those become rowspan/colspan exactly, never guessed from repeated text.
Headings come from the paragraph style (Heading N / 标题 N, outline level) or from
Chinese outline numbering; text boxes become Blocks; nested tables are flattened after
their parent.
"""

from __future__ import annotations

import io
import re
from typing import Any

from extractor import captions
from extractor.cjk import heading_level, join_lines, normalize_glyphs, squeeze
from extractor.document import Block, Cell, Document, Item, Table
from extractor.errors import CorruptError
from extractor.failures import detail
from extractor.limits import check_docx_tables, check_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_SKIP = frozenset(
    [f"{_W}txbxContent", f"{{{MC}}}Fallback", f"{_W}del", f"{_W}instrText", f"{_W}delText", f"{_W}tbl"]
)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_CONTAINERS = frozenset([f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"])


def read_docx(data: bytes, name: str) -> Document:
    """Read a DOCX file into a ``Document``; a broken package raises ``CorruptError``."""
    import docx as python_docx

    check_zip(data, name)
    check_docx_tables(data, name)  # bytes, table rows and cells, before python-docx builds them
    try:
        package = python_docx.Document(io.BytesIO(data))
        body = package.element.body
    except Exception as e:
        raise CorruptError(name, detail(e)) from e
    reader = _Reader(_style_levels(package))
    reader.container(body)
    doc = Document(file=name, sha256="", format="docx", pages=None)
    doc.items = reader.items
    return doc


def _style_levels(package: Any) -> dict[str, int]:
    """Style id → heading level, from the style name or its outline level."""
    levels: dict[str, int] = {}
    try:
        styles = package.styles.element
    except Exception:
        return levels
    for st in styles.iter(f"{_W}style"):
        sid = st.get(f"{_W}styleId")
        name_el = st.find(f"{_W}name")
        name = name_el.get(f"{_W}val", "") if name_el is not None else ""
        m = _HEADING_STYLE.match(name.strip())
        if m:
            levels[sid] = int(m.group(1))
        elif name.strip().lower() in ("title", "标题"):
            levels[sid] = 1
        else:
            ol = st.find(f"{_W}pPr/{_W}outlineLvl")
            if ol is not None and ol.get(f"{_W}val", "9").isdigit() and int(ol.get(f"{_W}val")) < 9:
                levels[sid] = int(ol.get(f"{_W}val")) + 1
    return levels


def element_text(el: Any) -> str:
    """Visible text of a paragraph-like element in document order.

    Text boxes, the VML fallback copy of drawings, deleted runs, field codes and nested
    tables are skipped (text boxes and tables are read on their own).
    """
    out: list[str] = []

    def visit(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag == f"{_W}tab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}sym":
                code = child.get(f"{_W}char", "")
                try:
                    out.append(normalize_glyphs(chr(int(code, 16))))
                except ValueError:
                    pass
            else:
                visit(child)

    visit(el)
    return "".join(out)


class _Reader:
    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.items: list[Item] = []
        self.since_table: list[Block] = []
        self.n_tables = 0

    def container(self, el: Any) -> None:
        """Body-level children in order; content controls and custom XML are looked into."""
        for child in el:
            tag = child.tag
            if tag == f"{_W}p":
                self.paragraph(child)
            elif tag == f"{_W}tbl":
                self.table(child)
            elif tag in _CONTAINERS:
                self.container(child)

    def paragraph(self, p: Any) -> None:
        text = join_lines([squeeze(t) for t in element_text(p).split("\n")])
        if text:
            level = self._style_level(p)
            if level is None:
                level = heading_level(text)
            block = Block(text=text, kind="heading" if level else "paragraph", level=level)
            self.items.append(block)
            self.since_table.append(block)
        for box in p.iter(f"{_W}txbxContent"):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            for bp in box.iter(f"{_W}p"):
                t = join_lines([squeeze(x) for x in element_text(bp).split("\n")])
                if t:
                    block = Block(text=t)
                    self.items.append(block)
                    self.since_table.append(block)

    def _style_level(self, p: Any) -> int | None:
        ps = p.find(f"{_W}pPr/{_W}pStyle")
        if ps is not None and ps.get(f"{_W}val") in self.levels:
            return self.levels[ps.get(f"{_W}val")]
        ol = p.find(f"{_W}pPr/{_W}outlineLvl")
        if ol is not None and (ol.get(f"{_W}val") or "9").isdigit() and int(ol.get(f"{_W}val")) < 9:
            return int(ol.get(f"{_W}val")) + 1
        return None

    def table(self, tbl: Any) -> None:
        nested: list[Any] = []
        self.n_tables += 1
        table = build_table(tbl, f"t{self.n_tables}", nested)
        if table is not None:
            captions.attach(table, self.since_table)
            self.items.append(table)
            self.since_table = []
        else:
            self.n_tables -= 1
        for inner in nested:
            self.table(inner)


def _children(el: Any, tag: str) -> list[Any]:
    """Children with ``tag``, looking through content controls / custom XML wrappers."""
    out: list[Any] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _CONTAINERS:
            out.extend(_children(child, tag))
    return out


def _val(el: Any, path: str) -> str | None:
    found = el.find(path)
    if found is None:
        return None
    return found.get(f"{_W}val", "")


#: Word's own limit on table columns; a larger gridSpan/gridBefore is hostile, not a table.
MAX_GRID_COLS = 63


def build_table(tbl: Any, tid: str, nested: list[Any]) -> Table | None:
    """A Table from ``w:tbl``: gridSpan → colspan, vMerge restart/continue → rowspan."""
    cells: list[Cell] = []
    above: dict[int, Cell] = {}  # grid column → the cell occupying it in the row above
    rows = _children(tbl, f"{_W}tr")
    n_cols = 0
    for r, tr in enumerate(rows):
        before = _val(tr, f"{_W}trPr/{_W}gridBefore")
        col = min(int(before), MAX_GRID_COLS) if before and before.isdigit() else 0
        current: dict[int, Cell] = {}
        for tc in _children(tr, f"{_W}tc"):
            span_s = _val(tc, f"{_W}tcPr/{_W}gridSpan")
            span = min(int(span_s), MAX_GRID_COLS) if span_s and span_s.isdigit() and int(span_s) > 0 else 1
            vmerge = _val(tc, f"{_W}tcPr/{_W}vMerge")
            text = _cell_text(tc, nested)
            origin = above.get(col)
            if vmerge is not None and vmerge != "restart" and origin is not None and origin.col == col:
                origin.rowspan = r - origin.row + 1
                if text:
                    origin.text = join_lines([origin.text, text])
                cell = origin
            else:
                cell = Cell(text=text, row=r, col=col, colspan=span)
                cells.append(cell)
            for k in range(col, col + span):
                current[k] = cell
            col += span
        n_cols = max(n_cols, col)
        above = current
    if not cells:
        return None
    from extractor.cjk import checkbox_state

    for c in cells:
        c.checked = checkbox_state(c.text)
    header = 0
    for tr in rows:
        flag = _val(tr, f"{_W}trPr/{_W}tblHeader")
        if flag is None or flag in ("0", "false"):
            break
        header += 1
    return Table(id=tid, n_rows=len(rows), n_cols=n_cols, cells=cells, header_rows=header)


def _cell_text(tc: Any, nested: list[Any]) -> str:
    parts: list[str] = []
    for child in tc:
        if child.tag == f"{_W}tbl":
            nested.append(child)
        elif child.tag == f"{_W}p" or child.tag in _CONTAINERS:
            if child.tag != f"{_W}p":
                nested.extend(child.iter(f"{_W}tbl"))
            parts.extend(squeeze(t) for t in element_text(child).split("\n"))
    return join_lines([p for p in parts if p])

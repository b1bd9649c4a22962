"""PDF reader: running text as Blocks and ruled tables as Tables, page by page.

Pages come from PDFium (``pdf_pdfium``: characters, rulings and images as pdfplumber-shaped
plain data, about a quarter of pdfplumber's CPU time) or, for a page PDFium fails on and when
``JIXIAO_PDF_READER=pdfplumber``, from pdfplumber; everything below reads both alike.

Each page is parsed once: ``page.chars`` and ``page.find_tables()`` are read, the
characters inside table cells go to the table builder and the others become lines; then
the page cache is flushed, so memory stays flat on a 1,000-page report. Decisions that
need the whole document — running headers and footers, tables continued over a page
break — are taken afterwards on the light per-page results.
"""

from __future__ import annotations

import io
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Protocol

from extractor import captions
from extractor.cjk import heading_level, join_lines
from extractor.document import Block, Document, Item, Table
from extractor.errors import CorruptError, EncryptedError, ExtractionError, ImageOnlyError, TooLargeError
from extractor.failures import detail
from extractor.limits import MAX_PAGE_CONTENT, check_bytes, check_count, page_content_size
from extractor.pdf_layout import Line, body_margins, chars_to_lines, starts_paragraph
from extractor.pdf_rotation import square_lines, upright
from extractor.pdf_tables import PageTable, add_char, build_table, continues, finish, is_trivial, merge

_MARGIN = 0.09  # share of the page height where running headers / footers live
_PAGE_NO_RE = re.compile(
    r"^(?:[-—–－―~\s]*\d{1,4}[-—–－―~\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r"|[ivxlcIVXLC]{1,6})$"
)


@dataclass
class _Page:
    """What survives of a page after its cache is flushed."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)


READER_ENV = "JIXIAO_PDF_READER"  # "pdfplumber" reads every page with pdfplumber, as before PDFium


def read_pdf(data: bytes, name: str, max_pages: int | None = None) -> Document:
    """Read a PDF into a ``Document``; raise an ``ExtractionError`` when it cannot be read.

    Pages are read by PDFium (``pdf_pdfium``) and laid out here; a page PDFium fails on is
    read by pdfplumber, and so is every page when ``JIXIAO_PDF_READER=pdfplumber`` (the
    reader PDFium's output is checked against).
    """
    check_bytes(len(data), "pdf", name)
    if os.environ.get(READER_ENV, "").strip().lower() == "pdfplumber":
        source: _Source = _PlumberSource(data, name)
    else:
        source = _PdfiumSource(data, name)
    doc = Document(file=name, sha256="", format="pdf", pages=None)
    pages: list[_Page] = []
    image_pages: list[int] = []
    skipped = 0
    try:
        total = source.total
        if total == 0:
            raise CorruptError(name, "no pages")
        doc.pages = total
        limit = total if max_pages is None else min(total, max_pages)
        check_count(limit, "pdf", "PAGES", name, "pages")  # pages to read (--max-pages reads fewer)
        for i in range(limit):
            page = None
            try:
                if source.content_size(i) > MAX_PAGE_CONTENT:
                    doc.warnings.append(
                        f"page {i + 1} skipped: its content exceeds {MAX_PAGE_CONTENT // (1024 * 1024)} MB"
                    )
                    skipped += 1
                    continue
                page, turned = source.page(i)
                if turned:
                    doc.warnings.append(f"page {i + 1}: its text runs at {turned}°; read turned upright")
                result, image_only = _read_page(page, i + 1)
            except ExtractionError:
                raise
            except Exception as e:
                if i == 0 and limit == 1:
                    raise _classify(e, name) from e
                doc.warnings.append(f"page {i + 1} could not be read ({type(e).__name__})")
                continue
            finally:
                if page is not None:
                    page.close()
            if image_only:
                image_pages.append(i + 1)
            pages.append(result)
        if limit < total:
            doc.warnings.append(f"only the first {limit} of {total} pages were read (max_pages)")
    finally:
        source.close()
    if skipped and not pages:
        raise TooLargeError(name, "every page exceeds the content-size limit")
    if image_pages:
        doc.ocr_pages = _ocr_pages(data, image_pages, pages, doc)
        image_pages = [n for n in image_pages if n not in doc.ocr_pages]
    if image_pages:
        if len(image_pages) == len(pages) and not any(p.lines or p.tables for p in pages):
            raise ImageOnlyError(name)
        doc.warnings.append(
            f"pages {_ranges(image_pages)} have no text layer (scanned images); OCR is needed to read them"
            " (pip install 'jixiao[ocr]')"
        )
    _drop_running_lines(pages)
    doc.items = _assemble(pages)
    return doc


class _Source(Protocol):
    """Where pages come from: their number, each page's content size, each page upright."""

    total: int

    def content_size(self, index: int) -> int: ...

    def page(self, index: int) -> tuple[Any, int]: ...

    def close(self) -> None: ...


class _PlumberSource:
    """Pages read by pdfplumber (pdfminer): the fallback, and the reader PDFium was checked against."""

    def __init__(self, data: bytes, name: str) -> None:
        import pdfplumber

        try:
            self.pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as e:  # pdfminer raises many types for the same few causes
            raise _classify(e, name) from e
        try:
            self.total = len(self.pdf.pages)
        except Exception as e:
            self.pdf.close()
            raise _classify(e, name) from e

    def content_size(self, index: int) -> int:
        return page_content_size(self.pdf.pages[index])

    def page(self, index: int) -> tuple[Any, int]:
        return upright(self.pdf.pages[index])

    def close(self) -> None:
        self.pdf.close()


class _PdfiumSource:
    """Pages read by PDFium; pdfminer's page tree measures content (the size guard) before
    PDFium parses a page and gives the fonts' metrics; pdfplumber reads a page PDFium fails on."""

    def __init__(self, data: bytes, name: str) -> None:
        from extractor import pdf_pdfium

        self.data, self.name = data, name
        try:
            self.doc = pdf_pdfium.open_document(data)
        except Exception as e:
            if pdf_pdfium.is_password_error(e):
                raise EncryptedError(name) from e
            raise CorruptError(name, detail(e)) from e
        self.total = len(self.doc)
        self._plumber: _PlumberSource | None = None
        self._objs: list[Any] | None = None
        self._fonts = pdf_pdfium.FontBook()

    def _pdfminer_page(self, index: int) -> Any | None:
        """pdfminer's page object (its dictionary only); None where pdfminer sees no such page."""
        if self._objs is None:
            self._objs = _page_objects(self.data)
        return self._objs[index] if index < len(self._objs) else None

    def content_size(self, index: int) -> int:
        obj = self._pdfminer_page(index)
        if obj is None:
            return 0  # pdfminer cannot list the pages (a damaged page tree PDFium repaired)
        return page_content_size(SimpleNamespace(page_obj=obj))

    def page(self, index: int) -> tuple[Any, int]:
        from extractor import pdf_pdfium

        obj = self._pdfminer_page(index)
        try:
            if obj is not None:
                self._fonts.add_page(obj)
            return pdf_pdfium.read_page(self.doc, index, self._fonts)
        except Exception:
            # a page PDFium (or pdfminer's font reading) fails on: pdfplumber's turn;
            # if it fails too, the reader warns that the page could not be read
            if self._plumber is None:
                self._plumber = _PlumberSource(self.data, self.name)
            return self._plumber.page(index)

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        self.doc.close()


def _page_objects(data: bytes) -> list[Any]:
    """pdfminer's page objects (dictionaries only, no content parsed); none if it cannot list them."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except Exception:
        return []


def _classify(e: BaseException, name: str) -> ExtractionError:
    """Encrypted vs corrupt, from the exception chain pdfminer/pdfplumber produced."""
    seen: BaseException | None = e
    while seen is not None:
        kind = type(seen).__name__
        if "Password" in kind or "Encryption" in kind or "encrypt" in str(seen).lower():
            return EncryptedError(name)
        seen = seen.__cause__ or seen.__context__
        if seen is e:
            break
    return CorruptError(name, detail(e))


def _read_page(page: Any, number: int) -> tuple[_Page, bool]:
    """One pass over one page: tables, then every character filed in a cell or a line."""
    from extractor.ocr import garbage_text

    chars = page.chars
    result = _Page(number=number, height=float(page.height))
    if not any(c["text"].strip() for c in chars) or (page.images and garbage_text(chars)):
        return result, bool(page.images)
    square_lines(page)
    found = page.find_tables() if (page.rects or page.lines) else []
    _layout(result, chars, found)
    return result, False


def _ocr_pages(data: bytes, numbers: list[int], pages: list[_Page], doc: Document) -> list[int]:
    """OCR the image-only pages when the ``ocr`` extra is installed; the pages read.

    The OCR'd characters and table grids go through the same layout as a text layer.
    A page that fails is warned about and stays among the unread image pages.
    """
    from extractor import ocr

    if not ocr.available():
        return []
    by_number = {p.number: p for p in pages}
    done: list[int] = []
    scanner = ocr.Scanner(data)
    try:
        for number in numbers:
            try:
                scanned = scanner.read(number)
            except Exception as e:  # one bad page must not lose the document
                doc.warnings.append(f"page {number} could not be OCR'd ({type(e).__name__})")
                continue
            if not scanned.chars:
                continue  # nothing recognised (a photo, a blank scan): still an unread image page
            page = by_number[number]
            page.height = scanned.height
            _layout(page, scanned.chars, scanned.grids)
            done.append(number)
    finally:
        scanner.close()
    if done:
        doc.warnings.append(f"pages {_ranges(done)} were read by OCR (scanned images): check their figures")
    return done


def _layout(result: _Page, chars: list[dict[str, Any]], found: list[Any]) -> None:
    """Tables from ``found`` (pdfplumber tables or OCR grids), every character in a cell or a line."""
    number = result.number
    tables: list[PageTable] = []
    for k, f in enumerate(sorted(found, key=lambda t: (t.bbox[1], t.bbox[0])), start=1):
        pt = build_table(f, number, f"p{number}-t{k}")
        if pt is not None:
            tables.append(pt)
    free: list[dict[str, Any]] = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for pt in tables:
            x0, top, x1, bottom = pt.table.bbox  # type: ignore[misc]
            if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
                add_char(pt, ch)
                break
        else:
            free.append(ch)
    kept: list[PageTable] = []
    for pt in tables:
        table = finish(pt)
        if is_trivial(table):
            text = join_lines([c.text for c in table.cells if c.text])
            if text:
                x0, top, x1, bottom = table.bbox  # type: ignore[misc]
                free_line = Line(text=text, x0=x0, top=top, x1=x1, bottom=bottom, size=10.0)
                result.lines.append(free_line)
            continue
        kept.append(pt)
    for k, pt in enumerate(kept, start=1):
        pt.table.id = f"p{number}-t{k}"
    result.tables = kept
    result.lines.extend(chars_to_lines(free))
    result.lines.sort(key=lambda ln: (ln.top, ln.x0))


def _running_key(line: Line, height: float) -> tuple[str, int, str] | None:
    if line.bottom < height * _MARGIN:
        zone = "top"
        pos = round(line.top / 3)
    elif line.top > height * (1 - _MARGIN):
        zone = "bottom"
        pos = round((height - line.bottom) / 3)
    else:
        return None
    return zone, pos, re.sub(r"\d+", "#", line.text)


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated at the same place on several pages."""
    counts: Counter[tuple[str, int, str]] = Counter()
    for p in pages:
        keys = {_running_key(ln, p.height) for ln in p.lines}
        counts.update(k for k in keys if k is not None)
    need = min(3, len(pages)) if len(pages) >= 2 else math.inf
    for p in pages:
        kept = []
        for ln in p.lines:
            key = _running_key(ln, p.height)
            if key is not None and (counts[key] >= need or _PAGE_NO_RE.match(ln.text)):
                if not (captions.unit_of(ln.text) or captions.is_caption(ln.text)):
                    continue  # a repeated 单位：元 or table title is content, not a running header
            kept.append(ln)
        p.lines = kept


def _assemble(pages: list[_Page]) -> list[Item]:
    """Interleave paragraphs and tables by position; join tables that run over a page."""
    items: list[Item] = []
    open_table: PageTable | None = None  # last table, if nothing followed it on its page
    open_height = 0.0
    since_table: list[Block] = []  # blocks since the last table: caption candidates
    for p in pages:
        events: list[tuple[float, int, Line | PageTable]] = [(ln.top, 1, ln) for ln in p.lines]
        events += [(pt.top, 0, pt) for pt in p.tables]
        events.sort(key=lambda e: (e[0], e[1]))
        left, right = body_margins(p.lines)
        para: list[Line] = []
        first = True
        k = 0  # tables starting on this page (a continuation from the page before does not count)
        for _, _, ev in events:
            if isinstance(ev, Line):
                if para and starts_paragraph(para[-1], ev, left, right):
                    since_table.append(_block(para, p.number))
                    items.append(since_table[-1])
                    para = []
                para.append(ev)
                open_table = None
                first = False
                continue
            if para:
                since_table.append(_block(para, p.number))
                items.append(since_table[-1])
                para = []
            if first and open_table is not None and continues(open_table, open_height, ev, p.height):
                merge(open_table, ev)
            else:
                k += 1
                ev.table.id = f"p{p.number}-t{k}"
                captions.attach(ev.table, since_table)
                items.append(ev.table)
                open_table = ev
            open_height = p.height
            since_table = []
            first = False
        if para:
            since_table.append(_block(para, p.number))
            items.append(since_table[-1])
            open_table = None
    return items


def _block(lines: list[Line], page: int) -> Block:
    text = join_lines([ln.text for ln in lines])
    bbox = (min(ln.x0 for ln in lines), lines[0].top, max(ln.x1 for ln in lines), lines[-1].bottom)
    level = heading_level(text) if len(lines) <= 2 else None
    return Block(text=text, page=page, kind="heading" if level else "paragraph", level=level, bbox=bbox)


def _ranges(nums: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``1-3, 7``: short page lists for warnings."""
    out: list[str] = []
    start = prev = nums[0]
    for n in nums[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev != start else f"{start}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def table_ids(tables: list[Table]) -> list[str]:
    """Ids of the tables, in order (a small aid for tests and debugging)."""
    return [t.id for t in tables]

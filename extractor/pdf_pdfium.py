"""A PDF page read by PDFium (pypdfium2) into the plain data pdfplumber would give.

Why: pdfminer interprets every content stream in Python and pdfplumber builds one dict
per character with some thirty keys; on a 120-page report that is 90 % of reading it.
PDFium parses the page in C. This module asks it only for what the reader uses — each
character's text, box, font size and upright flag, the ruling paths and how many images
— and hands them on in pdfplumber's shapes (``chars``, ``lines``, ``rects``, ``curves``,
``edges``, top-down coordinates from the MediaBox), so that ``extractor.pdf`` lays out
lines and builds tables with the same code for both readers, and pdfplumber's own table
finder (pure geometry, 1 % of the old time) finds the cells.

What follows pdfminer on purpose, to keep the output the same:

* a character's box is pdfminer's: from its origin, the advance width, the font size and
  the font's descent (not PDFium's tight glyph box); its size is the box height;
* paths are split into subpaths at each ``m`` and told apart as pdfminer does — a single
  segment is a line, four axis-parallel closed segments a rectangle, the rest a curve
  through its segments' end points — so that the edges are pdfplumber's;
* PDFium's generated characters (the spaces and line breaks it infers) are left out.

A page whose text runs sideways or upside down (a ``/Rotate``, or content drawn at 90°)
is turned as ``pdf_rotation`` turns a pdfplumber page: the characters and paths are
placed where pdfminer would place them on the page turned upright.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from extractor.pdf_rotation import char_angle, turn_for

Obj = dict[str, Any]

_MOVETO = 2  # FPDF_SEGMENT_MOVETO
_BEZIERTO = 1  # FPDF_SEGMENT_BEZIERTO
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_*


@dataclass
class PlainPage:
    """One page as plain data, duck-typed for what ``extractor.pdf`` reads of a pdfplumber page."""

    number: int
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    images: list[Obj] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @property
    def objects(self) -> dict[str, list[Obj]]:
        return {"line": self.lines, "rect": self.rects, "curve": self.curves}

    @property
    def edges(self) -> list[Obj]:
        """pdfplumber's ``Page.edges``: curve edges, then rectangle edges, then lines."""
        from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

        out: list[Obj] = []
        for c in self.curves:
            out.extend(curve_to_edges(c))
        for r in self.rects:
            out.extend(rect_to_edges(r))
        out.extend(line_to_edge(ln) for ln in self.lines)
        return out

    def find_tables(self) -> list[Any]:
        """pdfplumber's table finder with its default settings, on these edges."""
        from pdfplumber.table import TableFinder

        return TableFinder(self, None).tables  # type: ignore[arg-type]

    def close(self) -> None:
        """Nothing to release: the PDFium page is closed once read."""


@dataclass
class FontMetrics:
    """What pdfminer reads of one font for a character's box: descent and advance widths."""

    descent: float  # text space units per unit of font size (pdfminer's ``get_descent()``)
    widths: dict[str, tuple[float, ...]]  # character → its advances per unit of font size (one per glyph)


class FontBook:
    """pdfminer's metrics of the fonts a page uses, by ``BaseFont`` name.

    PDFium's own boxes for a character follow the glyph's ink when a font descriptor
    gives no Ascent/Descent, and its descent comes from the font file; pdfminer takes
    the advance width from ``/W``/``/Widths`` and the descent from the descriptor (0 when
    absent). Reading the fonts with pdfminer (dictionaries and ToUnicode maps only, once
    per font) gives the same boxes, so lines, spaces and cells come out as before.
    """

    def __init__(self) -> None:
        from pdfminer.pdfinterp import PDFResourceManager

        self._manager = PDFResourceManager(caching=True)
        self._fonts: dict[str, FontMetrics] = {}
        self._seen: set[int] = set()

    def add_page(self, page: Any) -> None:
        """File the fonts of a pdfminer ``PDFPage`` and of the forms it draws."""
        self._resources(page.resources, 0)

    def get(self, name: str) -> FontMetrics | None:
        """The metrics of the font PDFium calls ``name`` (no subset tag), if pdfminer read it."""
        return self._fonts.get(name.split("+", 1)[-1])

    def _resources(self, resources: Any, depth: int) -> None:
        from pdfminer.pdftypes import dict_value, resolve1

        if depth > 8:
            return
        resources = dict_value(resolve1(resources)) if resources else {}
        for ref in dict_value(resolve1(resources.get("Font") or {})).values():
            objid = getattr(ref, "objid", None)
            if objid is not None and objid in self._seen:
                continue
            if objid is not None:
                self._seen.add(objid)
            try:
                spec = dict_value(resolve1(ref))
                self._add(self._manager.get_font(objid, spec), spec)
            except Exception:
                continue  # a font pdfminer cannot read: PDFium's own box stands
        for ref in dict_value(resolve1(resources.get("XObject") or {})).values():
            objid = getattr(ref, "objid", None)
            if objid is not None and ("x", objid) in self._seen:
                continue
            if objid is not None:
                self._seen.add(("x", objid))  # type: ignore[arg-type]
            xobj = resolve1(ref)
            attrs = getattr(xobj, "attrs", None)
            if attrs and str(getattr(resolve1(attrs.get("Subtype")), "name", "")) == "Form":
                self._resources(attrs.get("Resources"), depth + 1)

    def _add(self, font: Any, spec: dict[str, Any]) -> None:
        from pdfminer.pdftypes import resolve1

        name = resolve1(spec.get("BaseFont"))
        name = getattr(name, "name", name)
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if not isinstance(name, str) or font.is_vertical():
            return
        # PDFium names a font without its subset tag (ABCDEF+); subsets of one font share its metrics
        name = name.split("+", 1)[-1]
        codes: dict[int, str] = {}
        umap = getattr(font, "unicode_map", None)
        codes.update(getattr(font, "cid2unicode", None) or {})
        codes.update(getattr(umap, "cid2unichr", None) or {})
        known = self._fonts.setdefault(name, FontMetrics(descent=font.get_descent(), widths={}))
        widths = known.widths
        for cid, text in codes.items():
            if len(text) == 1:
                width = font.char_width(cid)
                if width not in widths.get(text, ()):
                    widths[text] = widths.get(text, ()) + (width,)


def open_document(data: bytes) -> Any:
    """A ``pypdfium2.PdfDocument``; PDFium's loading error (with ``err_code``) propagates."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def is_password_error(e: BaseException) -> bool:
    """True for PDFium's 'incorrect password' / 'unsupported security handler' errors."""
    return getattr(e, "err_code", None) in (4, 5)


def read_page(doc: Any, index: int, fonts: FontBook | None = None) -> tuple[PlainPage, int]:
    """Page ``index`` (0-based) upright, and the degrees its text ran at (0 when upright).

    ``fonts`` holds pdfminer's metrics of the page's fonts (``FontBook.add_page``); a
    font it does not know is measured by PDFium.
    """
    import pypdfium2.raw as raw

    page = doc[index]
    try:
        x0, y0, x1, y1 = page.get_mediabox()
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        rotation = page.get_rotation() % 360
        plain = PlainPage(number=index + 1, width=box[2] - box[0], height=box[3] - box[1])
        textpage = page.get_textpage()
        try:
            angles, keys = _chars(raw, textpage.raw, plain, plain.height, fonts)
        finally:
            textpage.close()
        # the angles a reader of the displayed page sees: less the page's clockwise /Rotate
        turn = turn_for(Counter({(a - rotation) % 360: n for a, n in angles.items()}))
        frame = _Frame((rotation + turn) % 360, box)
        if frame.rotation:
            _turn_chars(plain, keys, frame)
        _objects(raw, page.raw, plain, frame)
        return plain, turn
    finally:
        page.close()


@dataclass(frozen=True)
class _Frame:
    """pdfplumber's coordinates on a page shown turned ``rotation``° clockwise.

    pdfminer lays a turned page out through a matrix that rotates it and shifts it by the
    MediaBox origin; pdfplumber then flips y against the (turned) box's height and adds the
    box's left edge back to x. ``point`` does the same arithmetic for a point of the page.
    """

    rotation: int
    box: tuple[float, float, float, float]  # the MediaBox: x0, y0, x1, y1

    @property
    def height(self) -> float:
        x0, y0, x1, y1 = self.box
        return x1 - x0 if self.rotation in (90, 270) else y1 - y0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) in the turned page of the page point (x, y)."""
        x0, y0, x1, y1 = self.box
        if self.rotation == 90:
            return y, x - 2 * x0
        if self.rotation == 180:
            return x1 + x0 - x, y - 2 * y0
        if self.rotation == 270:
            return y1 + y0 - y, x1 - x0 - x
        return x, (y1 - y0) - y


def _turn_chars(plain: PlainPage, keys: list[tuple[float, float, float, float]], frame: _Frame) -> None:
    """Characters read in the page's upright frame, placed in the turned one (boxes, size, upright)."""
    r = frame.rotation
    old_height = plain.height
    if r in (90, 270):
        plain.width, plain.height = plain.height, plain.width
    for ch, (a, b, c, d) in zip(plain.chars, keys, strict=True):
        y0, y1 = old_height - ch["bottom"], old_height - ch["top"]
        (xa, ta), (xb, tb) = frame.point(ch["x0"], y0), frame.point(ch["x1"], y1)
        ch["x0"], ch["x1"], ch["top"], ch["bottom"] = min(xa, xb), max(xa, xb), min(ta, tb), max(ta, tb)
        ch["size"] = ch["bottom"] - ch["top"]
        # the character's matrix after the page's turn (pdfminer's rotation matrix applied)
        if r == 90:
            a, b, c, d = b, -a, d, -c
        elif r == 180:
            a, b, c, d = -a, -b, -c, -d
        else:
            a, b, c, d = -b, a, -d, c
        ch["upright"] = a * d > 0 and b * c <= 0


def _chars(
    raw: Any, textpage: Any, plain: PlainPage, top_y: float, fonts: FontBook | None
) -> tuple[Counter[int], list[tuple[float, float, float, float]]]:
    """Every drawn, non-blank character of the page in pdfplumber's char shape (page upright);
    how many run at each angle, and each one's matrix (for a page that must be turned).

    Four PDFium calls a character (origin, matrix, font size, font name; the box only when a
    character has several glyph widths or no known width): PDFium makes one
    text object per character in many real files, so nothing is cached per object; the
    font's metrics are cached per font name, the matrix's meaning per matrix.
    """
    angles: Counter[int] = Counter()
    keys: list[tuple[float, float, float, float]] = []
    n = raw.FPDFText_CountChars(textpage)
    if n <= 0:
        return angles, keys
    texts = _texts(raw, textpage, n)
    rect = raw.FS_RECTF()
    m = raw.FS_MATRIX()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    ox = ctypes.c_double()
    oy = ctypes.c_double()
    by_name: dict[bytes, tuple[float, FontMetrics | None]] = {}
    last: tuple[float, float, float, float] | None = None
    a = b = c = d = hscale = 1.0
    plain_axes = upright = True
    angle = 0
    chars = plain.chars
    for i in range(n):
        text = texts[i]
        if not text.strip() and (text in "\r\n" or raw.FPDFText_IsGenerated(textpage, i) != 0):
            continue  # PDFium's inferred spaces and line breaks; a drawn blank stays, as in pdfminer
        if not raw.FPDFText_GetMatrix(textpage, i, m):
            continue
        key = (m.a, m.b, m.c, m.d)
        if key != last:
            last = key
            a, b, c, d = key
            hscale = math.hypot(a, b) or 1.0
            plain_axes = b == 0 and c == 0 and a > 0 and d > 0
            upright = a * d > 0 and b * c <= 0
            angle = char_angle(key)
        angles[angle] += 1
        fs = raw.FPDFText_GetFontSize(textpage, i)
        raw.FPDFText_GetFontInfo(textpage, i, name, len(name), flags)
        font = by_name.get(name.value)
        if font is None:
            font = by_name[name.value] = _font(raw, textpage, i, name.value, fonts)
        descent, metrics = font
        widths = metrics.widths.get(text) if metrics is not None else None
        if widths is not None and len(widths) == 1:
            adv = widths[0] * fs
        elif raw.FPDFText_GetLooseCharBox(textpage, i, rect):
            # PDFium's box: its width picks among a character's glyph widths, or stands in for them
            near = (rect.right - rect.left) / hscale
            adv = min(widths, key=lambda w: abs(w * fs - near)) * fs if widths else near
        else:
            continue
        # pdfminer's box: advance × (descent, descent + 1 em) in text space, through the matrix
        lo = descent * fs
        hi = lo + fs
        raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        e, f = ox.value, oy.value
        if plain_axes:
            x0, x1, y0, y1 = e, e + a * adv, f + d * lo, f + d * hi
        else:
            xs = (e + c * lo, e + a * adv + c * lo, e + c * hi, e + a * adv + c * hi)
            ys = (f + d * lo, f + b * adv + d * lo, f + d * hi, f + b * adv + d * hi)
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        chars.append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": top_y - y1,
                "bottom": top_y - y0,
                "size": y1 - y0,
                "upright": upright,
            }
        )
        keys.append(key)
    return angles, keys


def _font(raw: Any, textpage: Any, i: int, name: bytes, fonts: FontBook | None) -> tuple[float, FontMetrics | None]:
    """Descent (per unit of font size) and pdfminer's metrics of the font of character ``i``, named ``name``."""
    metrics = fonts.get(name.decode("latin-1")) if fonts is not None else None
    if metrics is not None:
        return metrics.descent, None if not metrics.widths else metrics
    desc = ctypes.c_float()
    obj = raw.FPDFText_GetTextObject(textpage, i)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), desc):
        return desc.value / 1000.0, None
    return 0.0, None


def _texts(raw: Any, textpage: Any, n: int) -> list[str]:
    """The page's characters, one string per character index.

    One ``FPDFText_GetText`` call gives them all when each index is one UTF-16 unit;
    otherwise (characters outside the BMP) they are asked for one by one.
    """
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = raw.FPDFText_GetText(textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * max(got - 1, 0)].decode("utf-16-le", errors="replace")
    if got - 1 == n and len(text) == n:
        return [_readable(c) for c in text]
    return [_readable(chr(raw.FPDFText_GetUnicode(textpage, i))) for i in range(n)]


def _readable(ch: str) -> str:
    """A character PDFium could not map (code 0, noncharacters) as U+FFFD, which ``ocr.garbage_text`` counts."""
    return "\ufffd" if ch in ("\x00", "\ufffe", "\uffff") else ch


def _objects(raw: Any, page: Any, plain: PlainPage, frame: _Frame) -> None:
    """Paths (as lines, rectangles and curves) and images of the page, forms included.

    Depth-first in content order, as pdfminer meets them: a form's objects come where the
    form is drawn, their matrices composed with the form's.
    """
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    m = raw.FS_MATRIX()
    count = raw.FPDFPage_CountObjects(page)
    work: list[tuple[Any, int, bool, tuple[float, ...]]] = [(page, k, False, identity) for k in range(count - 1, -1, -1)]
    depth_guard = 0
    while work:
        owner, k, in_form, outer = work.pop()
        obj = raw.FPDFFormObj_GetObject(owner, k) if in_form else raw.FPDFPage_GetObject(page, k)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _IMAGE:
            plain.images.append({"object_type": "image"})
        elif kind == _PATH:
            if not raw.FPDFPageObj_GetMatrix(obj, m):
                continue
            _path(raw, obj, _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer), plain, frame)
        elif kind == _FORM and depth_guard < 100_000:
            if not raw.FPDFPageObj_GetMatrix(obj, m):
                continue
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            n = raw.FPDFFormObj_CountObjects(obj)
            depth_guard += max(n, 0)
            work.extend((obj, j, True, inner) for j in range(n - 1, -1, -1))


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """``m`` then ``n`` (PDF row-vector convention: ``m × n``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _f32(v: float) -> float:
    """A float32 from PDFium as the decimal the PDF most likely wrote (56.7, not 56.70000076)."""
    return float(f"{v:.7g}")


def _path(raw: Any, obj: Any, mtx: tuple[float, ...], plain: PlainPage, frame: _Frame) -> None:
    """Split a path object into subpaths and file each as pdfminer would."""
    n = raw.FPDFPath_CountSegments(obj)
    if n <= 0:
        return
    a, b, c, d, e, f = (_f32(v) for v in mtx)
    x = ctypes.c_float()
    y = ctypes.c_float()
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bez = 0
    for i in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = raw.FPDFPathSegment_GetType(seg)
        px, py = _f32(x.value), _f32(y.value)
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == _MOVETO:
            _subpath(shape, pts, plain, frame)
            shape, pts, bez = ["m"], [point], 0
        elif kind == _BEZIERTO:
            bez += 1
            if bez % 3:
                continue  # control points: pdfminer keeps a curve's end points only
            shape.append("c")
            pts.append(point)
        else:
            shape.append("l")
            pts.append(point)
        if raw.FPDFPathSegment_GetClose(seg) and pts:
            shape.append("h")
            pts.append(pts[0])
    _subpath(shape, pts, plain, frame)


def _subpath(shape_ops: list[str], pts: list[tuple[float, float]], plain: PlainPage, frame: _Frame) -> None:
    """One subpath as pdfminer's ``paint_path`` files it: a line, a rectangle or a curve."""
    if not shape_ops or shape_ops[0] != "m":
        return
    shape = "".join(shape_ops)
    pts = [frame.point(x, y) for x, y in pts]  # pdfminer files a path in the turned page's space
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        plain.lines.append(_box("line", [pts[0], pts[1]], frame.height))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            plain.rects.append(_box("rect", [pts[0], pts[2]], frame.height))
            return
    curve = _box("curve", pts, frame.height)
    curve["pts"] = pts
    plain.curves.append(curve)


def _box(kind: str, pts: list[tuple[float, float]], height: float) -> Obj:
    """pdfplumber's geometry keys for an object spanning ``pts`` (x, top) on a page ``height`` high."""
    xs = [p[0] for p in pts]
    tops = [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": height - bottom,
        "y1": height - top,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }

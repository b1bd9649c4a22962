"""A PDF page read by PDFium (pypdfium2) into the plain data pdfplumber would give.

Why: pdfminer interprets every content stream in Python and pdfplumber builds one dict
per character with some thirty keys; on a 120-page report that is 90 % of reading it.
PDFium parses the page in C. This module asks it only for what the reader uses — each
character's text, box, font size and upright flag, the ruling paths and how many images
— and hands them on in pdfplumber's shapes (``chars``, ``lines``, ``rects``, ``curves``,
``edges``, top-down coordinates from the MediaBox), so that ``extractor.pdf`` lays out
lines and builds tables with the same code for both readers; pdfplumber's table finder,
redone on tuples in ``pdf_cells`` with the same output, finds the cells.

What follows pdfminer on purpose, to keep the output the same:

* a character's box is pdfminer's: from its origin, the advance width, the font size and
  the font's descent (not PDFium's tight glyph box); its size is the box height. The
  advance is the font's ``/W`` width, which PDFium gives per character text; the descent
  is read from the font's dictionaries (``pdf_fonts``), and pdfminer's own font objects
  are built only for text PDFium cannot measure (drawn turned, Type 3, an ambiguous map);
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

from extractor.pdf_fonts import FontBook, FontMetrics
from extractor.pdf_rotation import char_angle, turn_for
from extractor.pdfium_calls import Rect, address, calls

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
        """pdfplumber's table finder with its default settings, on these edges (``pdf_cells``:
        the same cells, several times faster than ``pdfplumber.table.TableFinder``)."""
        from extractor.pdf_cells import find_tables

        return find_tables(self)

    def close(self) -> None:
        """Nothing to release: the PDFium page is closed once read."""


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

    Two PDFium calls a character (its text object, its origin); the matrix, font size and
    font are the text object's, asked once per object (``pdfium_calls`` binds the functions
    without pypdfium2's argument conversion, which cost more than PDFium's work). The box
    is pdfminer's: the advance is the font's ``/W`` width of the character, asked once per
    font and character (``_PageFont.advance``), the descent pdfminer's (``FontBook``).
    """
    angles: Counter[int] = Counter()
    keys: list[tuple[float, float, float, float]] = []
    fn = calls()
    tp = ctypes.c_void_p(address(textpage))
    n = fn.count_chars(tp)
    if n <= 0:
        return angles, keys
    texts = _texts(raw, textpage, n)
    m = raw.FS_MATRIX()
    pm = ctypes.byref(m)
    ox = ctypes.c_double()
    oy = ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    by_font: dict[int, _PageFont] = {}
    angle_of: dict[tuple[float, float, float, float], int] = {}
    last_obj: int | None = -1
    key: tuple[float, float, float, float] = (1.0, 0.0, 0.0, 1.0)
    a = b = c = d = fs = 1.0
    plain_axes = upright = True
    angle = 0
    font: _PageFont | None = None
    chars = plain.chars
    for i in range(n):
        text = texts[i]
        if not text.strip() and (text in "\r\n" or fn.is_generated(tp, i) != 0):
            continue  # PDFium's inferred spaces and line breaks; a drawn blank stays, as in pdfminer
        obj = fn.text_object(tp, i)
        if obj != last_obj or obj is None:
            # a new text object: its matrix, font size and font hold for its characters
            last_obj = obj
            if not fn.matrix(tp, i, pm):
                last_obj = -1
                continue
            key = (m.a, m.b, m.c, m.d)
            a, b, c, d = key
            plain_axes = b == 0 and c == 0 and a > 0 and d > 0
            upright = a * d > 0 and b * c <= 0
            angle = angle_of.get(key)
            if angle is None:
                angle = angle_of[key] = char_angle(key)
            fs = fn.font_size(tp, i)
            handle = fn.object_font(ctypes.c_void_p(obj)) if obj else None
            font = by_font.get(handle or 0)
            if font is None:
                font = _PageFont.of(raw, textpage, i, handle, fonts)
                if handle:
                    by_font[handle] = font
        assert font is not None
        angles[angle] += 1
        width = font.widths.get(text)
        if width.__class__ is float:
            adv, descent = width * fs, font.descent  # type: ignore[operator]
        else:
            adv, descent = font.advance(tp, i, text, fs, key, plain_axes)
            if adv is None:
                continue
        # pdfminer's box: advance × (descent, descent + 1 em) in text space, through the matrix
        lo = descent * fs
        hi = lo + fs
        fn.origin(tp, i, pox, poy)
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


_THOUSAND = ctypes.c_float(1000.0)
_UNKNOWN = object()


@dataclass
class _PageFont:
    """One font of a page as the character loop needs it.

    pdfminer's box for a character spans its advance: the ``/W`` (``/Widths``) width of
    its character code. PDFium gives that width for a character's text
    (``FPDFFont_GetGlyphWidth`` maps the text back to its code); it is trusted when
    PDFium's loose box of the character, which spans the same advance plus any character
    spacing (``Tc``: 27 thousandths of an em in the evaluation-report sample), agrees
    within 15 % of an em. A text that maps back to another code (a half- and a full-width
    glyph both read as one character: 500 against 1,000) or to none fails that, and so
    does text drawn turned, where the loose box says nothing: those characters are
    measured by pdfminer's font object (``FontBook.metrics``), as every character once was.
    """

    name: str
    handle: int | None
    descent: float
    fonts: FontBook | None
    filed: bool = False  # its descent read from its dictionaries (not Type 3, not unreadable)
    widths: dict[str, float | None] = field(default_factory=dict)  # text → advance per unit of font size
    _metrics: Any = _UNKNOWN

    @classmethod
    def of(cls, raw: Any, textpage: Any, i: int, handle: int | None, fonts: FontBook | None) -> _PageFont:
        """The font of character ``i`` (PDFium's font handle ``handle``)."""
        name = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        raw.FPDFText_GetFontInfo(textpage, i, name, len(name), flags)
        label = name.value.decode("latin-1")
        descent = fonts.descent(label) if fonts is not None else None
        made = cls(label, handle, 0.0, fonts)
        if descent is not None:
            made.descent, made.filed = descent, True
        elif (metrics := made.pdfminer_metrics()) is not None:
            made.descent = metrics.descent  # a Type 3 font
        else:
            made.descent = _pdfium_descent(handle)  # a font pdfminer cannot read
        return made

    def advance(
        self, tp: Any, i: int, text: str, fs: float, key: tuple[float, float, float, float], plain_axes: bool
    ) -> tuple[float | None, float]:
        """The advance of character ``i`` (text ``text``, size ``fs``) in text space and the
        descent per unit of font size; no advance when PDFium cannot box the character."""
        width = self.widths.get(text, _UNKNOWN)
        if width is _UNKNOWN and plain_axes:
            width = self.widths[text] = self._pdfium_width(tp, i, text, fs, key[0])
        if isinstance(width, float):
            return width * fs, self.descent
        return self._pdfminer_advance(tp, i, text, fs, key)

    def _pdfium_width(self, tp: Any, i: int, text: str, fs: float, a: float) -> float | None:
        """The font's width of ``text`` per unit of font size, as pdfminer reads ``/W``; None if not trusted."""
        if not self.handle or len(text) != 1 or fs <= 0 or not self.filed:
            return None
        fn = calls()
        got = ctypes.c_float()
        if not fn.glyph_width(ctypes.c_void_p(self.handle), ord(text), _THOUSAND, ctypes.byref(got)):
            return None
        units = _f32(got.value)  # the thousandths the PDF wrote (556.7, not 556.70001)
        rect = Rect()
        if not fn.loose_box(tp, i, ctypes.byref(rect)):
            return None
        spans = (rect.right - rect.left) / a / fs * 1000.0
        if units <= 0 or abs(spans - units) > 150.0:
            return None
        return units * 0.001

    def _pdfminer_advance(
        self, tp: Any, i: int, text: str, fs: float, key: tuple[float, float, float, float]
    ) -> tuple[float | None, float]:
        """pdfminer's advance from its font object's widths; PDFium's loose box picks among
        several (subsets of one name) or stands in when pdfminer has none."""
        rect = Rect()
        if not calls().loose_box(tp, i, ctypes.byref(rect)):
            return None, self.descent
        near = (rect.right - rect.left) / (math.hypot(key[0], key[1]) or 1.0)
        metrics = self.pdfminer_metrics()
        descent = metrics.descent if metrics is not None else self.descent
        widths = metrics.widths.get(text) if metrics is not None and metrics.widths else None
        if widths is not None and len(widths) == 1:
            return widths[0] * fs, descent
        return (min(widths, key=lambda w: abs(w * fs - near)) * fs if widths else near), descent

    def pdfminer_metrics(self) -> FontMetrics | None:
        """pdfminer's metrics of this font's name (built on first need)."""
        if self._metrics is _UNKNOWN:
            self._metrics = self.fonts.metrics(self.name) if self.fonts is not None else None
        return self._metrics  # type: ignore[no-any-return]


def _pdfium_descent(handle: int | None) -> float:
    """PDFium's descent (per unit of font size) of a font pdfminer cannot read."""
    desc = ctypes.c_float()
    if handle and calls().descent(ctypes.c_void_p(handle), _THOUSAND, ctypes.byref(desc)):
        return desc.value / 1000.0
    return 0.0


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
    fn = calls()
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    m = raw.FS_MATRIX()
    pm = ctypes.byref(m)
    handle = ctypes.c_void_p(address(page))
    count = fn.count_objects(handle)
    work: list[tuple[int | None, int, tuple[float, ...]]] = [(None, k, identity) for k in range(count - 1, -1, -1)]
    depth_guard = 0
    f32: dict[float, float] = {}
    while work:
        owner, k, outer = work.pop()
        address_ = fn.form_object(ctypes.c_void_p(owner), k) if owner else fn.page_object(handle, k)
        if not address_:
            continue
        obj = ctypes.c_void_p(address_)
        kind = fn.object_type(obj)
        if kind == _IMAGE:
            plain.images.append({"object_type": "image"})
        elif kind == _PATH:
            if not fn.object_matrix(obj, pm):
                continue
            _path(obj, _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer), plain, frame, f32)
        elif kind == _FORM and depth_guard < 100_000:
            if not fn.object_matrix(obj, pm):
                continue
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            n = fn.form_count(obj)
            depth_guard += max(n, 0)
            work.extend((address_, j, inner) for j in range(n - 1, -1, -1))


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


def _path(obj: Any, mtx: tuple[float, ...], plain: PlainPage, frame: _Frame, f32: dict[float, float]) -> None:
    """Split a path object into subpaths and file each as pdfminer would (``f32``: ``_f32``'s answers so far)."""
    fn = calls()
    n = fn.count_segments(obj)
    if n <= 0:
        return
    a, b, c, d, e, f = (_f32(v) for v in mtx)
    x = ctypes.c_float()
    y = ctypes.c_float()
    px_, py_ = ctypes.byref(x), ctypes.byref(y)
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bez = 0
    for i in range(n):
        address_ = fn.segment(obj, i)
        if not address_:
            continue
        seg = ctypes.c_void_p(address_)
        if not fn.segment_point(seg, px_, py_):
            continue
        kind = fn.segment_type(seg)
        px = f32.get(x.value)
        if px is None:
            px = f32[x.value] = _f32(x.value)
        py = f32.get(y.value)
        if py is None:
            py = f32[y.value] = _f32(y.value)
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
        if fn.segment_close(seg) and pts:
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

"""What pdfminer would say of a PDF's fonts, read as cheaply as the PDFium reader needs it.

Why: a character's box is pdfminer's (``pdf_pdfium``), so the reader needs two things of
each font as pdfminer sees it — the descent (from the font descriptor, 0 when absent,
the AFM's for the standard 14) and the advance widths. Building pdfminer's font objects
for that parses every ToUnicode CMap and, for a Type 1 font without ``/Encoding``, the
embedded font program: a fifth of reading a text PDF, spent on maps the reader never
needs, since PDFium already knows each character's text and its ``/W`` advance.

So a font is read in two steps. ``FontBook.add_page`` files each font's descent straight
from its dictionaries (no CMap, no font program). Only when PDFium cannot stand in for
the advance — text drawn turned or skewed, a font PDFium sees without ascent and descent
(its loose box is then the glyph's ink), a Type 3 font — does ``FontBook.metrics`` build
pdfminer's font objects for that font name, once, as the reader always did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_CID_SUBTYPES = ("CIDFontType0", "CIDFontType2")


@dataclass
class FontMetrics:
    """What pdfminer reads of one font for a character's box: descent and advance widths."""

    descent: float  # text space units per unit of font size (pdfminer's ``get_descent()``)
    widths: dict[str, tuple[float, ...]]  # character → its advances per unit of font size (one per glyph)


@dataclass
class _Face:
    """One font name as filed from its dictionaries: pdfminer's descent, and where to read the rest."""

    descent: float | None  # None for a Type 3 font: its box is pdfminer's to say (font matrix, glyph procedures)
    specs: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)  # (objid, font dictionary)


class FontBook:
    """pdfminer's view of the fonts a document's pages use, by ``BaseFont`` name (no subset tag).

    ``descent`` is read from the dictionaries on ``add_page``; ``metrics`` (the widths as
    well) only on demand, with pdfminer's own font objects.
    """

    def __init__(self) -> None:
        self._faces: dict[str, _Face] = {}
        self._metrics: dict[str, tuple[int, FontMetrics | None]] = {}  # name → (specs read, metrics)
        self._seen: set[Any] = set()
        self._manager: Any = None

    def add_page(self, page: Any) -> None:
        """File the fonts of a pdfminer ``PDFPage`` and of the forms it draws."""
        self._resources(page.resources, 0)

    def descent(self, name: str) -> float | None:
        """pdfminer's descent of the font PDFium calls ``name``, from its dictionaries;
        None when only ``metrics`` can say (a Type 3 font) or the font is not filed."""
        face = self._faces.get(name.split("+", 1)[-1])
        return face.descent if face is not None else None

    def metrics(self, name: str) -> FontMetrics | None:
        """pdfminer's descent and widths of the font PDFium calls ``name``, from pdfminer's font
        objects of every dictionary filed under that name so far (built again only when more came)."""
        key = name.split("+", 1)[-1]
        face = self._faces.get(key)
        if face is None:
            return None
        done, known = self._metrics.get(key, (0, None))
        if done < len(face.specs):
            known = self._build(face.specs[done:], known)
            self._metrics[key] = (len(face.specs), known)
        return known

    def _build(self, specs: list[tuple[Any, dict[str, Any]]], known: FontMetrics | None) -> FontMetrics | None:
        from pdfminer.pdfinterp import PDFResourceManager

        if self._manager is None:
            self._manager = PDFResourceManager(caching=True)
        for objid, spec in specs:
            try:
                font = self._manager.get_font(objid, spec)
            except Exception:
                continue  # a font pdfminer cannot read: PDFium's own box stands
            if font.is_vertical():
                continue
            if known is None:
                known = FontMetrics(descent=font.get_descent(), widths={})
            _add_widths(font, known.widths)
        return known

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
                self._file(objid, dict_value(resolve1(ref)))
            except Exception:
                continue  # a font dictionary pdfminer cannot read: PDFium's own box stands
        for ref in dict_value(resolve1(resources.get("XObject") or {})).values():
            objid = getattr(ref, "objid", None)
            if objid is not None and ("x", objid) in self._seen:
                continue
            if objid is not None:
                self._seen.add(("x", objid))
            xobj = resolve1(ref)
            attrs = getattr(xobj, "attrs", None)
            if attrs and str(getattr(resolve1(attrs.get("Subtype")), "name", "")) == "Form":
                self._resources(attrs.get("Resources"), depth + 1)

    def _file(self, objid: Any, spec: dict[str, Any]) -> None:
        """File one font dictionary under its name, with pdfminer's descent; vertical fonts are left out."""
        from pdfminer.pdftypes import resolve1

        name = resolve1(spec.get("BaseFont"))
        name = getattr(name, "name", name)
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if not isinstance(name, str):
            return
        read = descent_of(spec)
        if read is False:
            return  # vertical writing: pdfminer gives it no horizontal metrics, nor does the reader
        # PDFium names a font without its subset tag (ABCDEF+); subsets of one font share its metrics
        face = self._faces.setdefault(name.split("+", 1)[-1], _Face(descent=read))
        face.specs.append((objid, spec))


def descent_of(spec: dict[str, Any]) -> float | None | bool:
    """pdfminer's ``get_descent()`` of a font dictionary; None for a Type 3 font (whose box
    only pdfminer's font object gives), False for a vertical CID font (no horizontal box).

    The same choices as ``pdfminer.pdffont``: a Type 0 font is its first descendant with
    the parent's ``/Encoding``; a standard-14 Type 1 / TrueType name takes the AFM
    descriptor; otherwise ``/FontDescriptor`` ``/Descent`` (0 when absent), made negative
    when written positive, in thousandths of the font size.
    """
    from pdfminer.psparser import literal_name

    subtype = literal_name(spec["Subtype"]) if "Subtype" in spec else "Type1"
    if subtype == "Type0":
        from pdfminer.pdftypes import dict_value, list_value, resolve1

        sub = dict(dict_value(list_value(spec["DescendantFonts"])[0]))
        if "Encoding" in spec:
            sub["Encoding"] = resolve1(spec["Encoding"])
        return descent_of(sub)
    if subtype == "Type3":
        return None
    if subtype in _CID_SUBTYPES:
        if _vertical(spec):
            return False
        return _descriptor_descent(_descriptor(spec))
    from pdfminer.fontmetrics import FONT_METRICS

    basefont = literal_name(spec["BaseFont"]) if "BaseFont" in spec else "unknown"
    descriptor = FONT_METRICS[basefont][0] if basefont in FONT_METRICS else _descriptor(spec)
    return _descriptor_descent(descriptor)


def _descriptor(spec: dict[str, Any]) -> dict[str, Any]:
    from pdfminer.pdftypes import dict_value

    return dict_value(spec.get("FontDescriptor", {}))


def _descriptor_descent(descriptor: Any) -> float:
    from pdfminer.pdftypes import num_value

    descent = num_value(descriptor.get("Descent", 0))
    if descent > 0:
        descent = -descent  # pdfminer: /Descent written positive (PScript5.dll) is taken as negative
    return descent * 0.001


def _vertical(spec: dict[str, Any]) -> bool:
    """True when a CID font's CMap (named by ``/Encoding``) writes vertically, as pdfminer decides."""
    from pdfminer.pdffont import PDFCIDFont

    name = PDFCIDFont._get_cmap_name(spec, False)
    if name in ("Identity-H", "OneByteIdentityH"):
        return False
    if name in ("Identity-V", "OneByteIdentityV"):
        return True
    from pdfminer.cmapdb import CMapDB

    try:
        return bool(CMapDB.get_cmap(name).is_vertical())  # a predefined CMap (e.g. UniGB-UCS2-H): cached by pdfminer
    except CMapDB.CMapNotFound:
        return False


def _add_widths(font: Any, widths: dict[str, tuple[float, ...]]) -> None:
    """File a pdfminer font's advance per character text (several when subsets disagree)."""
    codes: dict[int, str] = {}
    umap = getattr(font, "unicode_map", None)
    codes.update(getattr(font, "cid2unicode", None) or {})
    codes.update(getattr(umap, "cid2unichr", None) or {})
    for cid, text in codes.items():
        if len(text) == 1:
            width = font.char_width(cid)
            if width not in widths.get(text, ()):
                widths[text] = widths.get(text, ()) + (width,)

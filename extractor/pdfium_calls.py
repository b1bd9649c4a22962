"""PDFium's C functions that the page reader calls per character and path segment, bound for speed.

Why: pypdfium2's bindings convert every argument through declared ``argtypes`` and
return handles as ctypes pointer objects; at four or five calls per character that
conversion cost more than PDFium's own work (2–4 µs a call against ~1 µs). These are
second function objects on the same loaded library (so the same documents and pages):
no ``argtypes`` — callers pass ctypes instances made once per page — and handles come
back as plain integers, which can be compared and used as dictionary keys. Only
functions whose arguments are all handles, ``int`` indexes or pointers are bound here.
"""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any


class Rect(ctypes.Structure):
    """PDFium's ``FS_RECTF``."""

    _fields_ = [("left", ctypes.c_float), ("top", ctypes.c_float), ("right", ctypes.c_float), ("bottom", ctypes.c_float)]


class Calls:
    """The bound functions; each takes the same arguments as its ``FPDF…`` namesake."""

    def __init__(self, lib: Any) -> None:
        def bind(name: str, restype: Any) -> Any:
            fn = lib[name]  # a new function object: pypdfium2's own stays as it is
            fn.restype = restype
            return fn

        self.count_chars = bind("FPDFText_CountChars", ctypes.c_int)
        self.is_generated = bind("FPDFText_IsGenerated", ctypes.c_int)
        self.text_object = bind("FPDFText_GetTextObject", ctypes.c_void_p)
        self.matrix = bind("FPDFText_GetMatrix", ctypes.c_int)
        self.font_size = bind("FPDFText_GetFontSize", ctypes.c_double)
        self.origin = bind("FPDFText_GetCharOrigin", ctypes.c_int)
        self.loose_box = bind("FPDFText_GetLooseCharBox", ctypes.c_int)
        self.object_font = bind("FPDFTextObj_GetFont", ctypes.c_void_p)
        self.glyph_width = bind("FPDFFont_GetGlyphWidth", ctypes.c_int)
        self.descent = bind("FPDFFont_GetDescent", ctypes.c_int)
        self.count_objects = bind("FPDFPage_CountObjects", ctypes.c_int)
        self.page_object = bind("FPDFPage_GetObject", ctypes.c_void_p)
        self.form_count = bind("FPDFFormObj_CountObjects", ctypes.c_int)
        self.form_object = bind("FPDFFormObj_GetObject", ctypes.c_void_p)
        self.object_type = bind("FPDFPageObj_GetType", ctypes.c_int)
        self.object_matrix = bind("FPDFPageObj_GetMatrix", ctypes.c_int)
        self.count_segments = bind("FPDFPath_CountSegments", ctypes.c_int)
        self.segment = bind("FPDFPath_GetPathSegment", ctypes.c_void_p)
        self.segment_point = bind("FPDFPathSegment_GetPoint", ctypes.c_int)
        self.segment_type = bind("FPDFPathSegment_GetType", ctypes.c_int)
        self.segment_close = bind("FPDFPathSegment_GetClose", ctypes.c_int)


@cache
def calls() -> Calls:
    """The functions, bound once per process on pypdfium2's own loaded library.

    ``bindings._libs`` is ctypesgen's table of the loaded library; should a pypdfium2
    release drop it, the library file beside the bindings is opened by name, which the
    dynamic loader resolves to the copy already loaded (the same documents and pages).
    """
    from pypdfium2_raw import bindings

    libs = getattr(bindings, "_libs", None)
    if isinstance(libs, dict) and "pdfium" in libs:
        return Calls(libs["pdfium"])
    from pathlib import Path

    found = sorted(Path(bindings.__file__).parent.glob("*pdfium*.*"))
    library = next((p for p in found if p.suffix in (".so", ".dylib", ".dll")), None)
    if library is None:
        raise ImportError("pypdfium2_raw: no PDFium library found beside its bindings")
    return Calls(ctypes.CDLL(str(library)))


def address(handle: Any) -> int:
    """A pypdfium2 handle (a ctypes pointer) as the integer the bound functions take and give."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0

"""OCR of scanned PDF pages (the ``ocr`` extra): RapidOCR on pypdfium2 renderings.

Why these pieces: the ``rapidocr`` wheel carries its Chinese PP-OCR detection,
recognition and orientation models (ONNX) inside the package, and the engine here is
given their paths explicitly, so nothing is fetched at run time and no model cache is
written; onnxruntime runs them on the CPU. pypdfium2 renders the page at a fixed
``DPI`` so pixels map to PDF points by ``72 / DPI``.

The OCR result is turned into pseudo characters (each recognised box spread over its
glyphs, wide CJK glyphs twice as wide as digits) with positions in PDF points. The PDF
reader then lays them out exactly like a text layer: the same line building, the same
table builder (cells from ``ocr_tables``), captions and page joins. A box that spans two
cells is split between them by its characters' centres.

Heavy imports stay inside functions: without the extra, importing this module is free
and ``available()`` says False, so the reader keeps its clear "OCR is needed" message.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DPI = 200  # enough for 10.5 pt CJK (29 px glyphs); 300 doubles the time for no gain here
_GARBAGE_SHARE = 0.3


@dataclass
class OcrPage:
    """One OCR'd page, in PDF points: pseudo characters and the table grids."""

    number: int
    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    grids: list[Any] = field(default_factory=list)  # ocr_tables.Grid
    angle: float = 0.0  # deskew applied, degrees


def available() -> bool:
    """True when the ``ocr`` extra (rapidocr, onnxruntime, OpenCV, pypdfium2) imports."""
    try:
        import cv2  # noqa: F401
        import onnxruntime  # noqa: F401
        import pypdfium2  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def garbage_text(chars: list[dict[str, Any]]) -> bool:
    """True for a text layer that cannot be read: unmapped glyphs rather than characters.

    Scanners often add an invisible text layer; when its fonts have no Unicode map,
    pdfminer gives ``(cid:123)``, private-use or replacement characters. Such a page is
    read like an image, since the characters say nothing.
    """
    texts = [c["text"] for c in chars if c["text"].strip()]
    if not texts:
        return False
    bad = sum(1 for t in texts if t.startswith("(cid:") or _unreadable(t))
    return bad / len(texts) > _GARBAGE_SHARE


def _unreadable(text: str) -> bool:
    return any(ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc", "Cn") for ch in text)


@lru_cache(maxsize=1)
def _engine() -> Any:
    """One RapidOCR engine per process, on the models inside the wheel (no download)."""
    import rapidocr
    from rapidocr import RapidOCR

    models = Path(rapidocr.__file__).parent / "models"
    threads = int(os.environ.get("JIXIAO_OCR_THREADS", "-1"))
    return RapidOCR(
        params={
            "Det.model_path": str(_bundled(models, "PP-OCRv6_det_small.onnx", "*det*.onnx")),
            "Rec.model_path": str(_bundled(models, "PP-OCRv6_rec_small.onnx", "*rec*.onnx")),
            "Cls.model_path": str(_bundled(models, "ch_ppocr_mobile_v2.0_cls_mobile.onnx", "*cls*.onnx")),
            "Global.use_cls": False,  # pages are upright; deskew handles the small angles
            # detection on at most 1600 px: a third of the time of full 200 dpi, same boxes
            "Det.limit_type": "max",
            "Det.limit_side_len": 1600,
            # no padding of every text line to 320 px (a "3" cost as much as a 10-character
            # line): width follows the line; one line per run is ~10 % faster on one core
            "Rec.rec_img_shape": [3, 48, 48],
            "Rec.rec_batch_num": 1,
            "Global.log_level": "warning",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": threads,
        }
    )


def warm_up() -> None:
    """Start the engine and load its models now, so that the first page's time is its own."""
    engine = _engine()
    engine._load_det_model()
    engine._load_rec_model()


def _bundled(models: Path, name: str, pattern: str) -> Path:
    """A model file shipped in the wheel: the known name, else the one of its kind there.

    Passing an explicit path keeps RapidOCR off its download code; a wheel without the
    model is an installation error, said so, never a silent fetch.
    """
    path = models / name
    if path.exists():
        return path
    found = sorted(models.glob(pattern))
    if not found:
        raise RuntimeError(f"no {pattern} model inside the rapidocr package at {models}; reinstall jixiao[ocr]")
    return found[0]


class Scanner:
    """OCR for the image-only pages of one PDF (opened once with pypdfium2)."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument(data)

    def close(self) -> None:
        self._pdf.close()

    def read(self, number: int) -> OcrPage:
        """Render page ``number`` (1-based), deskew it, find its tables, OCR it."""
        import numpy as np

        from extractor import ocr_tables

        page = self._pdf[number - 1]
        try:
            width, height = page.get_size()
            gray = np.asarray(page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L"))
        finally:
            page.close()
        angle = ocr_tables.skew_angle(gray, DPI)
        gray = ocr_tables.rotate(gray, angle)
        grids = ocr_tables.find_grids(gray, DPI)
        result = _engine()(np.ascontiguousarray(gray))
        chars = boxes_to_chars(result.boxes, result.txts, 72.0 / DPI)
        return OcrPage(number=number, width=width, height=height, chars=chars, grids=grids, angle=angle)


def boxes_to_chars(boxes: Any, texts: Any, scale: float) -> list[dict[str, Any]]:
    """Pseudo characters in PDF points from OCR boxes (4-point polygons in pixels).

    Heights of OCR boxes wobble from line to line; the font size is therefore the page's
    median box height unless a box is clearly taller (a heading), so the paragraph
    builder does not see a size change on every line.
    """
    if boxes is None or texts is None:
        return []
    rects = []
    for box, text in zip(boxes, texts, strict=True):
        xs = [float(p[0]) * scale for p in box]
        ys = [float(p[1]) * scale for p in box]
        if text and text.strip():
            rects.append((text.strip(), min(xs), min(ys), max(xs), max(ys)))
    if not rects:
        return []
    heights = sorted(r[4] - r[2] for r in rects)
    median = heights[len(heights) // 2]
    chars: list[dict[str, Any]] = []
    for text, x0, top, x1, bottom in rects:
        h = bottom - top
        size = 0.8 * (h if h > 1.25 * median else median)
        chars.extend(_spread(text, x0, top, x1, bottom, size))
    return chars


def _spread(text: str, x0: float, top: float, x1: float, bottom: float, size: float) -> list[dict[str, Any]]:
    """One box's text as characters laid side by side across the box."""
    weights = [1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 for ch in text]
    unit = (x1 - x0) / sum(weights)
    out: list[dict[str, Any]] = []
    x = x0
    for ch, w in zip(text, weights, strict=True):
        out.append({"text": ch, "x0": x, "x1": x + w * unit, "top": top, "bottom": bottom, "size": size})
        x += w * unit
    return out

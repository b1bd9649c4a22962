"""OCR of scanned PDF pages (the ``ocr`` extra): RapidOCR on pypdfium2 renderings.

Why these pieces: the ``rapidocr`` wheel carries its Chinese PP-OCR detection,
recognition and orientation models (ONNX) inside the package, and the engine here is
given their paths explicitly, so nothing is fetched at run time and no model cache is
written; onnxruntime runs them on the CPU. pypdfium2 renders the page at a fixed
``DPI`` so pixels map to PDF points by ``72 / DPI``.

A page is rendered, deskewed (``ocr_tables.skew_angle``) and its ruled tables found from
the pixels (``ocr_tables.find_tables``). Text is then found in two ways, because the
detection model is a third of the time of a page and a table already says where its
text is:

* inside table cells, from the ink: after deskew a cell's lines are its rows with ink
  (``ocr_tables.text_bands``), each cropped with a detection box's margin; only a band
  too tall for one line (lines that touch, a stamp) goes to the detector;
* outside the tables (headings, captions, prose), by the PP-OCR detection model at
  ``DET_DPI`` on the bands of rows that have ink, the tables blanked.

Each line crop is scaled to the recogniser's 48-pixel height (pixel-averaged) and
recognised at its own width, one line a run, which on one core is the cheapest way to
run the recognition model (its time grows with the width it is given).

The OCR result is turned into pseudo characters (each recognised box spread over its
glyphs, wide CJK glyphs twice as wide as digits) with positions in PDF points. The PDF
reader then lays them out exactly like a text layer: the same line building, the same
table builder (cells from ``ocr_tables``), captions and page joins. A detected box that
spans two cells is split between them by its characters' centres.

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
DET_DPI = 112  # text detection runs at this resolution (1310 px for an A4 height): boxes as good as at 200
_PAD = 0.2  # a text crop's margin all round, as a share of its ink height (what detection boxes have)
_TALL = 1.8  # a cell's ink band this many usual line heights high is several lines: detect them
_REC_HEIGHT = 48  # the recognition model's input height
_BAND_GAP_IN = 0.3  # outside tables, rows of text closer than this are detected together


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
            # images reach the detector already at DET_DPI (``_detect``); this only caps a
            # page larger than A3, where detection time would grow with the square of its side
            "Det.limit_type": "max",
            "Det.limit_side_len": 2400,
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
            gray = page.render(scale=DPI / 72, grayscale=True).to_numpy()
        finally:
            page.close()
        angle = ocr_tables.skew_angle(gray, DPI)
        gray = np.ascontiguousarray(ocr_tables.rotate(gray, angle))
        tables = ocr_tables.find_tables(gray, DPI)
        gray[tables.rulings > 0] = 255  # no ruling in a text crop
        boxes = [*_cell_lines(gray, tables), *_free_lines(gray, tables)]
        texts = _recognise(gray, boxes)
        polys = [((x0, y0), (x1, y0), (x1, y1), (x0, y1)) for x0, y0, x1, y1 in boxes]
        chars = boxes_to_chars(polys, texts, 72.0 / DPI)
        return OcrPage(number=number, width=width, height=height, chars=chars, grids=tables.grids, angle=angle)


Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the DPI rendering


def _cell_lines(gray: Any, tables: Any) -> list[Box]:
    """Crop boxes of the text lines in every table cell, found from the ink, not by the detector.

    After deskew a cell's text sits in horizontal lines, so its rows with ink are its
    lines (``ocr_tables.text_bands``). Each crop gets the margin a detection box has,
    is never shorter than the page's usual line (a line of only 一 or …) and stays in
    its cell. A band much taller than the usual line is lines that touch (tight leading,
    a stamp): the detection model splits it.
    """
    from extractor import ocr_tables

    bands = [(cell, band) for grid in tables.grids for cell in grid.pixels
             for band in ocr_tables.text_bands(tables.text, cell, DPI)]
    if not bands:
        return []
    usual = sorted(b[3] - b[1] for _, b in bands)[len(bands) // 2]
    out: list[Box] = []
    for (cx0, cy0, cx1, cy1), (x0, y0, x1, y1) in bands:
        h = y1 - y0
        pad = round(_PAD * max(h, usual))
        grow = max(0, usual - h) // 2 + pad
        box = (max(x0 - pad, cx0), max(y0 - grow, cy0), min(x1 + pad, cx1), min(y1 + grow, cy1))
        out += _detect(gray, box) if h > _TALL * usual else [box]
    return out


def _free_lines(gray: Any, tables: Any) -> list[Box]:
    """Crop boxes of the text outside the tables, by the detection model on bands of the page.

    The tables are blanked; the rows that still have ink, grouped in bands, go to the
    detector, so a page of tables costs little detection and a page of prose the whole page.
    """
    import numpy as np

    from extractor import ocr_tables

    ink, page = tables.text, gray
    if tables.grids:
        ink, page = ink.copy(), gray.copy()
        for grid in tables.grids:
            x0, y0, x1, y1 = grid.pixel_bbox
            ink[max(y0 - 4, 0) : y1 + 5, max(x0 - 4, 0) : x1 + 5] = 0
            page[max(y0 - 4, 0) : y1 + 5, max(x0 - 4, 0) : x1 + 5] = 255
    h, w = gray.shape
    margin = int(0.1 * DPI)
    rows = np.flatnonzero(np.count_nonzero(ink, axis=1) >= 2)
    out: list[Box] = []
    for a, b in ocr_tables.runs(rows, int(_BAND_GAP_IN * DPI)):
        out += _detect(page, (0, max(a - margin, 0), w, min(b + margin + 1, h)))
    return out


def _detect(image: Any, region: Box) -> list[Box]:
    """Text boxes the detection model finds in ``region`` of ``image``, at ``DET_DPI``."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = region
    scale = DET_DPI / DPI
    small = cv2.resize(image[y0:y1, x0:x1], (max(32, round((x1 - x0) * scale)), max(32, round((y1 - y0) * scale))),
                       interpolation=cv2.INTER_AREA)
    found = _engine()._load_det_model()(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    if found.boxes is None:
        return []
    sx, sy = (x1 - x0) / small.shape[1], (y1 - y0) / small.shape[0]
    out: list[Box] = []
    for poly in found.boxes:
        xs, ys = poly[:, 0] * sx + x0, poly[:, 1] * sy + y0
        box = (max(int(xs.min()), x0), max(int(ys.min()), y0), min(int(np.ceil(xs.max())), x1),
               min(int(np.ceil(ys.max())), y1))
        if box[2] - box[0] > 1 and box[3] - box[1] > 1:
            out.append(box)
    return out


def _to_height(crop: Any, height: int) -> Any:
    """``crop`` scaled to ``height`` pixels, averaging pixels when it shrinks (no aliasing)."""
    import cv2

    h, w = crop.shape[:2]
    if h == height:
        return crop
    size = (max(1, round(w * height / h)), height)
    return cv2.resize(crop, size, interpolation=cv2.INTER_AREA if h > height else cv2.INTER_CUBIC)


def _recognise(gray: Any, boxes: list[Box]) -> list[str]:
    """The text in each crop box; empty where the recogniser is not confident."""
    import cv2
    from rapidocr.ch_ppocr_rec import TextRecInput

    if not boxes:
        return []
    engine = _engine()
    crops = [cv2.cvtColor(_to_height(gray[y0:y1, x0:x1], _REC_HEIGHT), cv2.COLOR_GRAY2BGR) for x0, y0, x1, y1 in boxes]
    result = engine._load_rec_model()(TextRecInput(img=crops))
    return [t if score >= engine.text_score else "" for t, score in zip(result.txts, result.scores, strict=True)]


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

"""Page images for the finding view, rendered by pdfium once and cached as PNG.

pdfium is not thread-safe, so every call into it, here and in ``uploads``, holds
``PDFIUM_LOCK``. Sizes are returned in PDF points so the browser can place highlight
boxes in percent of the page, whatever size the image is shown at.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from extractor.atomic import write_atomic

PDFIUM_LOCK = threading.Lock()


def page_sizes(pdf_path: Path, cache: Path) -> dict[int, tuple[float, float]]:
    """Width and height in points of every page (1-based), cached in ``cache``."""
    if cache.exists():
        return {int(k): tuple(v) for k, v in json.loads(cache.read_text(encoding="utf-8")).items()}
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            sizes = {i + 1: tuple(round(x, 2) for x in pdf.get_page_size(i)) for i in range(len(pdf))}
        finally:
            pdf.close()
    write_atomic(cache, json.dumps(sizes))
    return sizes


def render_page(pdf_path: Path, page: int, out: Path, dpi: int = 100) -> Path:
    """``out`` holding page ``page`` (1-based) as PNG at ``dpi``; rendered on first use only."""
    if out.exists():
        return out
    import io

    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        if out.exists():  # another request rendered it while this one waited
            return out
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            if not 1 <= page <= len(pdf):
                raise IndexError(page)
            image = pdf[page - 1].render(scale=dpi / 72).to_pil()
        finally:
            pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    write_atomic(out, buf.getvalue())
    return out

"""Build ``samples/scanned/``: image-only PDFs made from pages of the committed sample PDFs.

Real scans of budget-performance reports are never straight, clean or sharp, so each page
is rendered (pypdfium2), turned by a fraction of a degree, given sensor noise and saved
through a lossy JPEG, then wrapped into a PDF with no text layer (Pillow). The same pages'
text layers stay available in the source PDFs, which is what makes the OCR path
measurable: OCR output can be compared with the text-layer extraction of the same page.

Run by hand: ``.venv/bin/python samples/make_scanned.py``. Deterministic (fixed seeds).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).parent
OUT = HERE / "scanned"


@dataclass(frozen=True)
class Scan:
    """One page of a source PDF and how badly it is scanned."""

    page: int  # 1-based page of the source PDF
    dpi: int
    angle: float  # degrees, counter-clockwise
    noise: float  # standard deviation of the Gaussian noise, grey levels
    quality: int  # JPEG quality


PLAN: dict[str, tuple[str, list[Scan]]] = {
    # 表1 预算执行情况表 (合计 2,500,000.00 / 2,302,740.00) and the first page of 附件1
    # 评价指标体系表 (分值/得分 columns, merged 一级/二级指标 cells).
    "eval_report_2022_xinfang_p6_scanned.pdf": ("eval_report_2022_xinfang.pdf", [Scan(6, 200, 0.6, 3.0, 40)]),
    "eval_report_2022_xinfang_p18_scanned.pdf": ("eval_report_2022_xinfang.pdf", [Scan(18, 200, -0.4, 3.0, 40)]),
    # the first 绩效目标申报表 form: key-value block over a merged indicator block.
    "target_decl_2023_songjiang_scanned.pdf": (
        "target_decl_2023_songjiang.pdf",
        [Scan(2, 150, 0.9, 3.0, 50)],
    ),
}


def scan(page: pdfium.PdfPage, s: Scan, seed: int) -> Image.Image:
    """Render one page and degrade it the way a cheap office scanner does."""
    img = page.render(scale=s.dpi / 72).to_pil().convert("L")
    img = img.rotate(s.angle, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False)
    rng = np.random.default_rng(seed)
    a = np.asarray(img, dtype=np.float32)
    a = a + rng.normal(0.0, s.noise, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=s.quality)  # the JPEG artefacts, baked in
    return Image.open(io.BytesIO(buf.getvalue()))


def build(name: str, source: str, scans: list[Scan]) -> Path:
    """Write one image-only PDF; pages keep the source's size in points."""
    pdf = pdfium.PdfDocument(str(HERE / source))
    images = [scan(pdf[s.page - 1], s, seed=1000 + s.page) for s in scans]
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    first, rest = images[0], images[1:]
    # Pillow writes a JPEG image as-is (DCTDecode); resolution keeps the page in A4 points.
    first.save(path, "PDF", resolution=float(scans[0].dpi), save_all=True, append_images=rest)
    if len({s.dpi for s in scans}) > 1:
        raise ValueError("one resolution per PDF: Pillow sets the page size from it")
    return path


def main() -> None:
    for name, (source, scans) in PLAN.items():
        path = build(name, source, scans)
        print(f"{path.relative_to(HERE.parent)}: {len(scans)} pages, {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()

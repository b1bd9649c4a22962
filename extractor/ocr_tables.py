"""Ruled tables on a scanned page image: deskew, ruling lines, the cell grid with merges.

A scan has no drawing operators, so the rulings are found in the pixels: morphological
opening with a long thin kernel keeps only the strokes that are much longer than any
glyph stroke (horizontal and vertical masks). Their positions give the grid; a merged cell
is a run of grid cells with the inner ruling missing between them, so spans come from the
same evidence a reader uses. The result is handed to the PDF table builder as cell boxes
in PDF points (``Grid`` mimics the two attributes of a pdfplumber table it reads), so
scanned and text-layer tables share one span, caption and page-join logic.

The same evidence places the text: the rulings drawn along the cells' borders are taken out
of the ink, and what ink is left in a cell falls into lines (``text_bands``), so the OCR
needs no detection model inside a table.

Everything here works in pixels at a known ``dpi``; lengths are given in inches so the
same thresholds hold for 150 and 300 dpi scans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from extractor.document import BBox

_H_KERNEL_IN = 0.25  # a horizontal ruling is at least this long; CJK strokes are ~0.15 in
_V_KERNEL_IN = 0.17  # a vertical ruling piece: rows are ≥ 0.2 in high, glyphs ~0.15 in
_SNAP_IN = 0.03  # rulings closer than this are one line
_LINE_GAP_IN = 0.015  # ink rows this close are one text line (broken strokes, JPEG gaps)
_MIN_INK_IN2 = 0.0004  # less ink than this (≈ 16 px at 200 dpi) is a speck, not text
_MAX_SKEW = 5.0  # degrees: beyond this it is a rotated page, not a skewed scan


@dataclass
class Grid:
    """One table found on the image, in PDF points: what ``pdf_tables.build_table`` reads."""

    cells: list[BBox]
    bbox: BBox
    pixels: list[tuple[int, int, int, int]] = field(default_factory=list)  # the cells in pixels

    @property
    def pixel_bbox(self) -> tuple[int, int, int, int]:
        xs0, ys0, xs1, ys1 = zip(*self.pixels, strict=True)
        return min(xs0), min(ys0), max(xs1), max(ys1)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255: a local threshold survives uneven scanner lighting and JPEG halos."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def line_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling masks: long strokes only, text and noise removed."""
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(_H_KERNEL_IN * dpi), 10), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(int(_V_KERNEL_IN * dpi), 10)))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    return horizontal, vertical


def skew_angle(gray: np.ndarray, dpi: float) -> float:
    """The page's skew in degrees (counter-clockwise positive), from its long horizontal lines.

    Each line longer than a quarter of the page gets a least-squares slope; the median,
    weighted by length, is robust to the odd underline or table of a different angle.
    Pages without such lines report 0: the OCR itself tolerates a degree or two.
    """
    ink = binarize(gray)
    # a short kernel: a 1° skewed 1-px line breaks into ~60 px runs at 200 dpi
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(0.2 * dpi), 10), 1))
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, k)
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (int(0.1 * dpi), 3)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    width = gray.shape[1]
    angles: list[tuple[float, float]] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < width / 4 or h > w * math.tan(math.radians(_MAX_SKEW)) + 0.05 * dpi:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append((-math.degrees(math.atan(slope)), float(w)))
    if not angles:
        return 0.0
    angles.sort()
    half, acc = sum(w for _, w in angles) / 2, 0.0
    for a, w in angles:
        acc += w
        if acc >= half:
            return a if abs(a) <= _MAX_SKEW else 0.0
    return 0.0


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Turn the image by ``-angle`` about its centre (undoing the skew), white fill."""
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _segments(mask: np.ndarray, horizontal: bool) -> list[tuple[float, int, int]]:
    """Ruling pieces as (position across, start, end along) from a line mask."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[tuple[float, int, int]] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if horizontal:
            out.append((y + h / 2, int(x), int(x + w)))
        else:
            out.append((x + w / 2, int(y), int(y + h)))
    return out


def _cluster(values: list[float], tol: float) -> list[float]:
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _covered(mask: np.ndarray, across: float, start: float, end: float, horizontal: bool, band: int) -> float:
    """Share of the stretch ``start..end`` at ``across`` that the ruling mask inks."""
    a0, a1 = int(round(across)) - band, int(round(across)) + band + 1
    s0, s1 = int(start), int(end)
    if s1 <= s0:
        return 0.0
    if horizontal:
        strip = mask[max(a0, 0) : a1, s0:s1]
        hits = strip.any(axis=0)
    else:
        strip = mask[s0:s1, max(a0, 0) : a1]
        hits = strip.any(axis=1)
    return float(hits.mean()) if hits.size else 0.0


@dataclass
class Tables:
    """What the rulings of a page image tell: its tables, its rulings, the ink left for text."""

    grids: list[Grid]
    rulings: np.ndarray  # 255 on and around the tables' ruling lines
    text: np.ndarray  # ink (255) that is not a ruling


def find_grids(gray: np.ndarray, dpi: float) -> list[Grid]:
    """Ruled tables on a deskewed page image, as cell boxes in PDF points."""
    return find_tables(gray, dpi).grids


def find_tables(gray: np.ndarray, dpi: float) -> Tables:
    """The ruled tables of a deskewed page image, its rulings and its text ink."""
    ink = binarize(gray)
    horizontal, vertical = line_masks(ink, dpi)
    rulings = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(rulings, connectivity=8)
    grids: list[Grid] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < 1.0 * dpi or h < 0.3 * dpi:
            continue
        grid = _grid(horizontal[y : y + h, x : x + w], vertical[y : y + h, x : x + w], dpi, x, y)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    rulings = cv2.bitwise_and(rulings, _borders(rulings.shape, grids, max(2, int(0.012 * dpi)) + 3))
    return Tables(grids=grids, rulings=rulings, text=cv2.bitwise_and(ink, cv2.bitwise_not(rulings)))


def _borders(shape: tuple[int, ...], grids: list[Grid], half: int) -> np.ndarray:
    """255 within ``half`` pixels of a cell border: where a table's rulings are drawn.

    Long strokes elsewhere (a dash ——, an underline, bold title strokes that touch) are
    text, not rulings, and stay in the text ink.
    """
    out = np.zeros(shape[:2], np.uint8)
    for grid in grids:
        for x0, y0, x1, y1 in grid.pixels:
            for y in (y0, y1):
                out[max(y - half, 0) : y + half + 1, max(x0 - half, 0) : x1 + half + 1] = 255
            for x in (x0, x1):
                out[max(y0 - half, 0) : y1 + half + 1, max(x - half, 0) : x + half + 1] = 255
    return out


def _grid(hmask: np.ndarray, vmask: np.ndarray, dpi: float, ox: int, oy: int) -> Grid | None:
    """The cell grid of one table region (masks cropped to it; ``ox, oy`` its offset)."""
    tol = _SNAP_IN * dpi
    hsegs = [s for s in _segments(hmask, True) if s[2] - s[1] >= _H_KERNEL_IN * dpi]
    vsegs = [s for s in _segments(vmask, False) if s[2] - s[1] >= _V_KERNEL_IN * dpi]
    ys = _cluster([s[0] for s in hsegs], tol)
    xs = _cluster([s[0] for s in vsegs], tol)
    if len(ys) < 2 or len(xs) < 2:
        return None
    band = max(2, int(0.012 * dpi))
    margin = 0.04 * dpi
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols:  # the vertical ruling between (r, c) and (r, c+1)
                if _covered(vmask, xs[c + 1], ys[r] + margin, ys[r + 1] - margin, False, band) < 0.5:
                    parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows:  # the horizontal ruling between (r, c) and (r+1, c)
                if _covered(hmask, ys[r + 1], xs[c] + margin, xs[c + 1] - margin, True, band) < 0.5:
                    parent[find(r * cols + c)] = find((r + 1) * cols + c)
    regions: dict[int, list[int]] = {}
    for idx in range(rows * cols):
        regions.setdefault(find(idx), []).append(idx)
    scale = 72.0 / dpi
    cells: list[BBox] = []
    pixels: list[tuple[int, int, int, int]] = []
    for members in regions.values():
        r0 = min(m // cols for m in members)
        r1 = max(m // cols for m in members) + 1
        c0 = min(m % cols for m in members)
        c1 = max(m % cols for m in members) + 1
        cells.append(
            ((xs[c0] + ox) * scale, (ys[r0] + oy) * scale, (xs[c1] + ox) * scale, (ys[r1] + oy) * scale)
        )
        pixels.append((round(xs[c0] + ox), round(ys[r0] + oy), round(xs[c1] + ox), round(ys[r1] + oy)))
    bbox = ((xs[0] + ox) * scale, (ys[0] + oy) * scale, (xs[-1] + ox) * scale, (ys[-1] + oy) * scale)
    return Grid(cells=cells, bbox=bbox, pixels=pixels)


def text_bands(text: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> list[tuple[int, int, int, int]]:
    """Lines of text inside ``box`` (x0, y0, x1, y1) of the text-ink image, as the pixel boxes of their ink.

    Rows with ink form a line; rows a hair apart (broken strokes) stay one line. A line's
    ink is split where a horizontal gap is wider than 1.5 line heights, so a caption and
    its 单位 on the same line, or two labels of a form, are separate pieces.
    """
    x0, y0, x1, y1 = box
    region = text[y0:y1, x0:x1]
    if region.size == 0:
        return []
    rows = np.flatnonzero(np.count_nonzero(region, axis=1))
    out: list[tuple[int, int, int, int]] = []
    min_ink = max(4, int(_MIN_INK_IN2 * dpi * dpi))
    for a, b in runs(rows, max(2, int(_LINE_GAP_IN * dpi))):
        band = region[a : b + 1]
        cols = np.flatnonzero(np.count_nonzero(band, axis=0))
        for c, d in runs(cols, int(1.5 * (b - a + 1))):
            if np.count_nonzero(band[:, c : d + 1]) >= min_ink:
                piece = band[:, c : d + 1]
                prow = np.flatnonzero(np.count_nonzero(piece, axis=1))
                out.append((x0 + c, y0 + a + int(prow[0]), x0 + d + 1, y0 + a + int(prow[-1]) + 1))
    return out


def runs(idx: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of sorted indices whose steps are at most ``gap``, as (first, last)."""
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > gap)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))

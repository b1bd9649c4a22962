"""pdfplumber's table finder (default settings) on plain tuples: the same cells, faster.

Why: ``TableFinder`` builds a dict per edge, copies it at every snap and join, and finds
each cell by scanning all later intersections and re-hashing the edges at both ends of
every candidate side; on the sample PDFs that was 15 % of reading a page. This module
runs the same steps — the ``lines`` strategy with snap/join tolerance 3, prefilter
length 1, edge minimum length 3 and intersection tolerance 3 — on ``(x0, top, x1,
bottom, length)`` tuples, finds the edges crossing a vertical rule by bisecting the
horizontal rules by ``top``, and tells which edges meet at a point by bit masks.

The output is pdfplumber's exactly, float for float and in the same order: every value
is computed by the same arithmetic on the same operands (``x + (avg − x)`` at a snap,
``height + (new − old)`` at a join, ``top + height`` for a rectangle's lower side), the
stable sorts keep pdfplumber's orders, and an intersection's key is the first one
pdfplumber would store. ``tests/extractor/test_pdf_cells.py`` and
``benchmarks/table_cells.py`` compare the two on every page and on synthetic rulings.
A page with a non-finite coordinate goes to pdfplumber itself, whose sorts of NaN are
not worth imitating.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from itertools import pairwise
from operator import itemgetter
from typing import Any

from extractor.document import BBox

# x0, top, x1, bottom, length (the width of a horizontal edge, the height of a vertical one)
Edge = tuple[float, float, float, float, float]
Point = tuple[float, float]

SNAP = 3  # pdfplumber's DEFAULT_SNAP_TOLERANCE (x and y)
JOIN = 3  # DEFAULT_JOIN_TOLERANCE (x and y)
PREFILTER = 1  # edge_min_length_prefilter: edges shorter than this are not snapped or joined
MIN_LENGTH = 3  # edge_min_length, after joining
TOLERANCE = 3  # intersection_tolerance (x and y)


class RuledTable:
    """What the reader takes of a pdfplumber ``Table``: its cells (x0, top, x1, bottom) and their box."""

    __slots__ = ("bbox", "cells")

    def __init__(self, cells: list[BBox]) -> None:
        self.cells = cells
        self.bbox: BBox = (
            min(map(itemgetter(0), cells)),
            min(map(itemgetter(1), cells)),
            max(map(itemgetter(2), cells)),
            max(map(itemgetter(3), cells)),
        )


def find_tables(page: Any) -> list[Any]:
    """The tables pdfplumber's ``TableFinder(page).tables`` finds on the page's rulings.

    ``page`` has pdfplumber's ``curves`` (with ``pts``), ``rects`` and ``lines`` dicts.
    """
    v, h = page_edges(page.curves, page.rects, page.lines)
    if not math.isfinite(sum(c for e in v + h for c in e)):
        from pdfplumber.table import TableFinder

        return TableFinder(page, None).tables
    v = [e for e in _merge(_snap(v, 0), vertical=True) if e[4] >= MIN_LENGTH]
    h = [e for e in _merge(_snap(h, 1), vertical=False) if e[4] >= MIN_LENGTH]
    return [RuledTable(group) for group in cells_to_tables(intersections_to_cells(*intersections(v, h)))]


def page_edges(
    curves: Iterable[dict[str, Any]], rects: Iterable[dict[str, Any]], lines: Iterable[dict[str, Any]]
) -> tuple[list[Edge], list[Edge]]:
    """``Page.edges`` filtered as the ``lines`` strategy does (length ≥ 1): vertical, horizontal.

    Curve segments first, then each rectangle's top, bottom, left and right side, then the
    lines — pdfplumber's order, which decides the snapped averages' summation order.
    A curve segment neither vertical nor horizontal is no edge.
    """
    v: list[Edge] = []
    h: list[Edge] = []
    for c in curves:
        pts = c["pts"]
        for (ax, ay), (bx, by) in pairwise(pts):
            if ax == bx:
                length = abs(ay - by)
                if length >= PREFILTER:
                    v.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), length))
            elif ay == by:
                length = abs(ax - bx)
                if length >= PREFILTER:
                    h.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), length))
    for r in rects:
        x0, top, x1, bottom, width, height = r["x0"], r["top"], r["x1"], r["bottom"], r["width"], r["height"]
        if width >= PREFILTER:
            h.append((x0, top, x1, top, width))
            h.append((x0, top + height, x1, bottom, width))
        if height >= PREFILTER:
            v.append((x0, top, x0, bottom, height))
            v.append((x1, top, x1, bottom, height))
    for ln in lines:
        if ln["top"] == ln["bottom"]:
            if ln["width"] >= PREFILTER:
                h.append((ln["x0"], ln["top"], ln["x1"], ln["bottom"], ln["width"]))
        elif ln["height"] >= PREFILTER:
            v.append((ln["x0"], ln["top"], ln["x1"], ln["bottom"], ln["height"]))
    return v, h


def _snap(edges: list[Edge], k: int) -> list[Edge]:
    """``snap_objects``: edges whose coordinate ``k`` (0: x0 of a vertical, 1: top of a
    horizontal) chain within ``SNAP`` move to their mean; clusters in order, edges within
    a cluster in input order."""
    values = sorted({e[k] for e in edges})
    index: dict[float, int] = {}
    n = 0
    last = None
    for x in values:
        if last is not None and not x <= last + SNAP:
            n += 1
        index[x] = n
        last = x
    clusters: list[list[Edge]] = [[] for _ in range(n + 1)] if values else []
    for e in edges:
        clusters[index[e[k]]].append(e)
    out: list[Edge] = []
    for cluster in clusters:
        avg = sum(e[k] for e in cluster) / len(cluster)
        for x0, top, x1, bottom, length in cluster:
            if k == 0:
                d = avg - x0
                out.append((x0 + d, top, x1 + d, bottom, length))
            else:
                d = avg - top
                out.append((x0, top + d, x1, bottom + d, length))
    return out


def _merge(edges: list[Edge], vertical: bool) -> list[Edge]:
    """``merge_edges``' join: edges on one line (same x0, or same top) that overlap or
    come within ``JOIN`` become one, stretched to the farthest end; lines in order."""
    k = 0 if vertical else 1
    out: list[Edge] = []
    group: list[Edge] = []
    for e in sorted(edges, key=itemgetter(k)):
        if group and e[k] != group[0][k]:
            out.extend(_join(group, vertical))
            group = []
        group.append(e)
    if group:
        out.extend(_join(group, vertical))
    return out


def _join(group: list[Edge], vertical: bool) -> list[Edge]:
    """``join_edge_group`` on one line, with ``resize_object``'s arithmetic for the new length."""
    lo, hi = (1, 3) if vertical else (0, 2)
    ordered = sorted(group, key=itemgetter(lo))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + JOIN:
            if e[hi] > last[hi]:
                x0, top, x1, bottom, length = last
                if vertical:
                    joined[-1] = (x0, top, x1, e[3], length + (e[3] - bottom))
                else:
                    joined[-1] = (x0, top, e[2], bottom, e[2] - x0)
        else:
            joined.append(e)
    return joined


def intersections(v: list[Edge], h: list[Edge]) -> tuple[dict[Point, int], dict[Point, int]]:
    """``edges_to_intersections``: each point where a vertical meets a horizontal within
    ``TOLERANCE``, with the edges meeting there as bit masks (vertical, horizontal).

    An edge's bit stands for its box (x0, top, x1, bottom), as pdfplumber compares edges
    by box. Points are stored in pdfplumber's order (verticals by x0, top; horizontals by
    top, x0), so a key is the one it keeps. The horizontals that can meet a vertical are
    found by bisecting ``top + tol`` and ``top − tol``, which rise with ``top``.
    """
    bit: dict[tuple[float, float, float, float], int] = {}
    hs = sorted(h, key=itemgetter(1, 0))
    up = [e[1] + TOLERANCE for e in hs]
    down = [e[1] - TOLERANCE for e in hs]
    hbits = [1 << bit.setdefault(e[:4], len(bit)) for e in hs]
    vmask: dict[Point, int] = {}
    hmask: dict[Point, int] = {}
    for e in sorted(v, key=itemgetter(0, 1)):
        x, top, bottom = e[0], e[1], e[3]
        vb = 1 << bit.setdefault(e[:4], len(bit))
        for i in range(bisect.bisect_left(up, top), bisect.bisect_right(down, bottom)):
            g = hs[i]
            if x >= g[0] - TOLERANCE and x <= g[2] + TOLERANCE:
                p = (x, g[1])
                vmask[p] = vmask.get(p, 0) | vb
                hmask[p] = hmask.get(p, 0) | hbits[i]
    return vmask, hmask


def intersections_to_cells(vmask: dict[Point, int], hmask: dict[Point, int]) -> list[BBox]:
    """``intersections_to_cells``: from each point (by x, then top), the first cell whose
    sides are edges — the nearest point below joined to it by a vertical edge, then the
    nearest to its right joined by a horizontal one, whose opposite corner closes the box.
    """
    points = sorted(vmask)
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for p in points:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    seen_column: dict[float, int] = {}
    seen_row: dict[float, int] = {}
    cells: list[BBox] = []
    for pt in points:
        i = seen_column[pt[0]] = seen_column.get(pt[0], -1) + 1
        j = seen_row[pt[1]] = seen_row.get(pt[1], -1) + 1
        below, right = column[pt[0]], row[pt[1]]
        if i + 1 < len(below) and j + 1 < len(right):  # the last of its column or row starts no cell
            cell = _smallest_cell(pt, below[i + 1 :], right[j + 1 :], vmask, hmask)
            if cell is not None:
                cells.append(cell)
    return cells


def _smallest_cell(
    pt: Point,
    below: Sequence[Point],
    right: Sequence[Point],
    vmask: dict[Point, int],
    hmask: dict[Point, int],
) -> BBox | None:
    """``find_smallest_cell`` for one point, given the later points in its column and row."""
    v, h = vmask[pt], hmask[pt]
    rights: list[Point] | None = None
    for b in below:
        if not v & vmask[b]:
            continue
        if rights is None:
            rights = [r for r in right if h & hmask[r]]
        hb = hmask[b]
        for r in rights:
            corner = (r[0], b[1])
            vc = vmask.get(corner)
            if vc is not None and vc & vmask[r] and hmask[corner] & hb:
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def cells_to_tables(cells: list[BBox]) -> list[list[BBox]]:
    """``cells_to_tables``: cells sharing a corner, grown pass by pass from the first cell
    left, in pdfplumber's order; tables by their top-left cell, single cells dropped."""
    tables: list[list[BBox]] = []
    rest = cells
    while rest:
        group = [rest[0]]
        corners = set(_corners(rest[0]))
        rest = rest[1:]
        while True:
            left: list[BBox] = []
            for c in rest:
                cc = _corners(c)
                if cc[0] in corners or cc[1] in corners or cc[2] in corners or cc[3] in corners:
                    corners.update(cc)
                    group.append(c)
                else:
                    left.append(c)
            grew = len(left) < len(rest)
            rest = left
            if not grew:
                break
        tables.append(group)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _corners(c: BBox) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = c
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

"""``extractor.pdf_cells`` finds exactly pdfplumber's tables (issue 18).

The PDFium reader's pages go to ``pdf_cells.find_tables`` instead of pdfplumber's
``TableFinder``; the two must agree float for float, in the same order, or the reader's
tables would change. Compared here on every page of the four text samples and on drawn
rulings chosen to hit each step's edge cases: merged cells, nested rectangles, tables
split by a gap, rules that miss each other by just under or over a tolerance, rules
snapped together from uneven positions, curves, slanted lines, and random grids.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder

from extractor import pdf_cells, pdf_pdfium
from extractor.pdf_pdfium import PlainPage
from extractor.pdf_rotation import square_lines
from tests.extractor.helpers import sample

HEIGHT = 842.0
SAMPLES = [
    "eval_report_2022_xinfang.pdf",
    "monitoring_2023_qingyunpu.pdf",
    "real/shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf",
    "target_decl_2023_songjiang.pdf",
]


def _shape(tables: list[Any]) -> str:
    """Each table's bbox and cells, as text: ``-0.0`` and ``0.0`` differ here as in the output."""
    return repr([(tuple(t.bbox), [tuple(c) for c in t.cells]) for t in tables])


def _same(page: PlainPage) -> int:
    """Assert both finders agree on ``page``; the number of cells found."""
    want = TableFinder(page, None).tables  # type: ignore[arg-type]
    assert _shape(pdf_cells.find_tables(page)) == _shape(want)
    return sum(len(t.cells) for t in want)


def _obj(kind: str, pts: list[tuple[float, float]]) -> dict[str, Any]:
    xs, tops = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "y0": HEIGHT - bottom,
        "y1": HEIGHT - top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _line(x0: float, top0: float, x1: float, top1: float) -> dict[str, Any]:
    return _obj("line", [(x0, top0), (x1, top1)])


def _rect(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return _obj("rect", [(x0, top), (x1, bottom)])


def _curve(pts: list[tuple[float, float]]) -> dict[str, Any]:
    curve = _obj("curve", pts)
    curve["pts"] = pts
    return curve


def _page(lines: list[Any] = (), rects: list[Any] = (), curves: list[Any] = ()) -> PlainPage:  # type: ignore[assignment]
    return PlainPage(
        number=1, width=595.0, height=HEIGHT, lines=list(lines), rects=list(rects), curves=list(curves)
    )


def _grid(xs: list[float], ys: list[float]) -> list[dict[str, Any]]:
    return [_line(x, ys[0], x, ys[-1]) for x in xs] + [_line(xs[0], y, xs[-1], y) for y in ys]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_pages(name: str) -> None:
    doc = pdf_pdfium.open_document(sample(name).read_bytes())
    cells = 0
    try:
        for i in range(len(doc)):
            page, _ = pdf_pdfium.read_page(doc, i)
            square_lines(page)
            cells += _same(page)
    finally:
        doc.close()
    assert cells > 50  # the samples are table-heavy: an empty answer would prove nothing


def test_merged_cells() -> None:
    """A 一级指标 cell spanning three rows and a header spanning two columns."""
    xs, ys = [50.0, 120.0, 200.0, 300.0, 400.0], [100.0, 120.0, 140.0, 160.0, 180.0]
    lines = [_line(x, ys[0], x, ys[-1]) for x in (xs[0], xs[1], xs[4])]
    lines += [_line(xs[2], ys[1], xs[2], ys[-1]), _line(xs[3], ys[0], xs[3], ys[-1])]
    lines += [_line(xs[0], ys[0], xs[-1], ys[0]), _line(xs[0], ys[-1], xs[-1], ys[-1])]
    lines += [_line(xs[1], y, xs[-1], y) for y in ys[1:-1]]  # the first column's cell spans rows 1-3
    page = _page(lines=lines)
    assert _same(page) == 12
    tables = pdf_cells.find_tables(page)
    assert (50.0, 100.0, 120.0, 180.0) in tables[0].cells


def test_nested_rectangles() -> None:
    """A frame drawn round a grid of filled cell rectangles, a box floating inside one cell
    and a box in the corner of another (its corner a point of the grid)."""
    rects = [_rect(40.0, 90.0, 420.0, 300.0)]
    rects += [_rect(x, y, x + 60.0, y + 25.0) for x in (50.0, 110.0, 170.0) for y in (100.0, 125.0, 150.0)]
    rects += [_rect(60.0, 105.0, 100.0, 118.0), _rect(110.0, 125.0, 140.0, 137.0)]
    page = _page(rects=rects)
    assert _same(page) >= 9
    assert (110.0, 125.0, 140.0, 137.0) in pdf_cells.find_tables(page)[0].cells


def test_cells_touching_at_corners() -> None:
    """A checkerboard of boxes: a table grows corner by corner, over several passes, and
    its cells come out in the order they joined it, not in reading order."""
    rects = [
        _rect(50.0 + 30.0 * i, 100.0 + 20.0 * j, 80.0 + 30.0 * i, 120.0 + 20.0 * j)
        for i in range(4)
        for j in range(5)
        if (i + j) % 2 == 0
    ]
    page = _page(rects=rects)
    assert _same(page) >= 10
    cells = pdf_cells.find_tables(page)[0].cells
    assert cells != sorted(cells)


@pytest.mark.parametrize("gap", [2.0, 2.99, 3.0, 3.01, 4.0, 40.0])
def test_table_split_by_gap(gap: float) -> None:
    """Two grids one above the other: rules within the join tolerance meet, farther ones do not."""
    top = _grid([50.0, 150.0, 250.0], [100.0, 120.0, 140.0])
    below = _grid([50.0, 150.0, 250.0], [140.0 + gap, 160.0 + gap, 180.0 + gap])
    side = _grid([250.0 + gap, 300.0, 350.0], [100.0, 120.0, 140.0])
    assert _same(_page(lines=top + below + side)) >= 8


@pytest.mark.parametrize("miss", [0.5, 1.7, 2.9, 3.0, 3.1, 3.5])
def test_rules_that_nearly_touch(miss: float) -> None:
    """Rules stopping short of each other, and parallel rules a hair apart (snapped to their mean)."""
    lines = [_line(50.0, 100.0, 50.0, 200.0), _line(150.0 + miss, 100.0 + miss, 150.0 + miss, 200.0)]
    lines += [_line(250.0 - miss / 3, 100.0, 250.0 - miss / 3, 200.0 - miss)]
    lines += [_line(50.0 + miss, 100.0, 250.0, 100.0), _line(50.0, 150.0 + miss, 250.0 - miss, 150.0)]
    lines += [
        _line(50.0, 150.0 - miss / 7, 120.0, 150.0 - miss / 7),
        _line(50.0, 200.0 + miss, 250.0, 200.0 + miss),
    ]
    lines += [
        _line(100.1, 100.0, 100.1, 150.0),
        _line(101.3, 150.0, 101.3, 200.0),
        _line(99.7, 120.0, 99.7, 170.0),
    ]
    _same(_page(lines=lines))


def test_rule_broken_at_the_join_tolerance() -> None:
    """A rule drawn in two pieces exactly 3 pt apart is one edge (``<=``), so the cell
    across the break is found; 3.01 pt apart it is two, and the cell is not."""
    for gap, cells in ((3.0, 2), (3.01, 1)):
        lines = [_line(50.0, 100.0, 100.0, 100.0), _line(100.0 + gap, 100.0, 200.0, 100.0)]
        lines += [_line(50.0, 150.0, 200.0, 150.0), _line(50.0, 200.0, 200.0, 200.0)]
        lines += [_line(x, 100.0, x, 200.0) for x in (50.0, 150.0, 200.0)]
        page = _page(lines=lines)
        _same(page)
        assert (
            sum((50.0, 100.0, 150.0, 150.0) == c for t in pdf_cells.find_tables(page) for c in t.cells)
            == cells - 1
        )


def test_rules_near_the_page_corner() -> None:
    """Near 0 the arithmetic is not exact: ``x + (mean − x)`` is not always the mean, a
    rectangle's ``top + height`` not always its bottom; pdfplumber's floats must come out."""
    lines = [_line(x, 2.58, x, 60.0) for x in (0.65, 1.92, 0.17)]  # snapped to 0.91333…, unevenly
    rects = [_rect(0.17, 2.58, 40.0, 21.55), _rect(0.17, 21.55, 40.0, 40.0), _rect(40.0, 1.17, 80.0, 19.98)]
    # their bottom edges at 13.719999…, with no other rule near to snap them to 13.72
    rects += [_rect(100.0, 1.13, 140.0, 13.72), _rect(140.0, 1.13, 180.0, 13.72)]
    lines += [_line(0.17, 60.0, 80.0, 60.0), _line(80.0, 1.17, 80.0, 60.0)]
    page = _page(lines=lines, rects=rects)
    assert _same(page) >= 3
    xs = {c[0] for t in pdf_cells.find_tables(page) for c in t.cells}
    assert min(xs) < 1.0


def test_curves_and_slanted_lines() -> None:
    """A table outlined by one closed path (curve edges), with a 斜线表头 diagonal in its corner cell."""
    outline = _curve([(50.0, 100.0), (350.0, 100.0), (350.0, 220.0), (50.0, 220.0), (50.0, 100.0)])
    lines = [_line(50.0, 100.0, 120.0, 140.0)]  # the diagonal: a "v" edge to pdfplumber
    lines += [_line(120.0, 100.0, 120.0, 220.0), _line(230.0, 100.0, 230.0, 220.0)]
    lines += [_line(50.0, 140.0, 350.0, 140.0), _line(50.0, 180.0, 350.0, 180.0)]
    assert _same(_page(lines=lines, curves=[outline])) == 9


coordinate = st.floats(min_value=0.0, max_value=60.0, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=150, derandomize=True)
@given(
    xs=st.lists(coordinate, min_size=2, max_size=7),
    ys=st.lists(coordinate, min_size=2, max_size=7),
    cuts=st.lists(st.tuples(st.integers(0, 13), st.floats(0.0, 1.0)), max_size=6),
    as_rects=st.booleans(),
)
def test_random_rulings(
    xs: list[float], ys: list[float], cuts: list[tuple[int, float]], as_rects: bool
) -> None:
    """Grids at random spacings (many rules within 3 pt of each other), some rules shortened."""
    xs = sorted({50.0 + 5.0 * v for v in xs})
    ys = sorted({100.0 + 3.0 * v for v in ys})
    if as_rects:
        rects = [_rect(a, b, c, d) for a, c in pairwise(xs) for b, d in pairwise(ys)]
        _same(_page(rects=rects))
        return
    lines = _grid(xs, ys)
    for k, frac in cuts:
        if k < len(lines):
            ln = lines[k]
            if ln["width"] == 0:
                lines[k] = _line(ln["x0"], ln["top"] + frac * ln["height"], ln["x0"], ln["bottom"])
            else:
                lines[k] = _line(ln["x0"], ln["top"], ln["x1"] - frac * ln["width"], ln["top"])
    _same(_page(lines=lines))

"""Where a finding is: page boxes to draw over the page image, table rows to mark.

A finding's locations name ``{page, table, row, col}``; the job's ``geometry.json`` holds
every cell's box in PDF points. Boxes are returned in percent of the page so that they
stay on their cells at any displayed image size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = list  # [row, col, rowspan, colspan, page, x0, top, x1, bottom]


@dataclass
class Box:
    left: float
    top: float
    width: float
    height: float
    kind: str  # "row" (the row involved) or "cell" (the exact cell)
    label: str

    @property
    def style(self) -> str:
        return f"left:{self.left:.3f}%;top:{self.top:.3f}%;width:{self.width:.3f}%;height:{self.height:.3f}%"


@dataclass
class PageView:
    page: int
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)


@dataclass
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    mark: str | None = None  # "row" | "cell" | None


@dataclass
class TableView:
    id: str
    caption: str | None
    pages: list[int]
    rows: list[list[GridCell]]
    marked_rows: list[int]
    indicators: list[dict] = field(default_factory=list)


def _covers(cell: Cell, row: int, col: int | None) -> bool:
    r, c, rs, cs = cell[:4]
    return r <= row < r + rs and (col is None or c <= col < c + cs)


def _union(cells: list[Cell]) -> tuple[float, float, float, float]:
    return (min(c[5] for c in cells), min(c[6] for c in cells), max(c[7] for c in cells), max(c[8] for c in cells))


def row_box(cells: list[Cell], row: int) -> tuple[int, tuple[float, float, float, float]] | None:
    """Page and box of one table row: full width, as tall as its single-row cells."""
    covering = [c for c in cells if _covers(c, row, None)]
    if not covering:
        return None
    own = [c for c in covering if c[0] == row and c[2] == 1] or [c for c in covering if c[0] == row] or covering
    page = own[0][4]
    own = [c for c in own if c[4] == page]
    x0, _, x1, _ = _union([c for c in covering if c[4] == page])
    _, top, _, bottom = _union(own)
    return page, (x0, top, x1, bottom)


def cell_box(cells: list[Cell], row: int, col: int) -> tuple[int, tuple[float, float, float, float]] | None:
    hit = [c for c in cells if _covers(c, row, col)]
    if not hit:
        return None
    return hit[0][4], tuple(hit[0][5:9])


def _pct(box: tuple[float, float, float, float], size: tuple[float, float], kind: str, label: str) -> Box:
    w, h = size
    x0, top, x1, bottom = box
    pad = 1.5  # points, so the outline does not hide the digits
    return Box(left=100 * (x0 - pad) / w, top=100 * (top - pad) / h, width=100 * (x1 - x0 + 2 * pad) / w,
               height=100 * (bottom - top + 2 * pad) / h, kind=kind, label=label)


def page_views(finding: dict, geometry: dict, sizes: dict[int, tuple[float, float]]) -> list[PageView]:
    """The pages a finding touches, each with the boxes to draw, in the order of its locations."""
    views: dict[int, PageView] = {}

    def view(page: int) -> PageView | None:
        if page not in sizes:
            return None
        if page not in views:
            views[page] = PageView(page, *sizes[page])
        return views[page]

    tables = geometry.get("tables", {})
    for n, loc in enumerate(finding.get("locations") or [], start=1):
        label = f"{n}"
        cells = tables.get(loc.get("table") or "")
        row, col = loc.get("row"), loc.get("col")
        placed = False
        if cells and row is not None:
            found = row_box(cells, row)
            if found:
                page, box = found
                v = view(page)
                if v:
                    v.boxes.append(_pct(box, (v.width, v.height), "row", label))
                    placed = True
            if col is not None and (hit := cell_box(cells, row, col)):
                page, box = hit
                v = view(page)
                if v:
                    v.boxes.append(_pct(box, (v.width, v.height), "cell", label))
                    placed = True
        elif cells:
            first_page = cells[0][4]
            v = view(first_page)
            if v:
                v.boxes.append(_pct(_union([c for c in cells if c[4] == first_page]), (v.width, v.height), "row", label))
                placed = True
        if not placed and loc.get("page"):
            view(int(loc["page"]))
    return list(views.values())


def table_views(finding: dict, report: dict) -> list[TableView]:
    """The extracted tables a finding names, with its rows (and cells) marked."""
    by_id = {t["id"]: t for t in report.get("tables", [])}
    wanted: dict[str, dict[int, set[int | None]]] = {}
    for loc in finding.get("locations") or []:
        tid = loc.get("table")
        if tid in by_id:
            rows = wanted.setdefault(tid, {})
            if loc.get("row") is not None:
                rows.setdefault(loc["row"], set()).add(loc.get("col"))
    out = []
    for tid, marks in wanted.items():
        t = by_id[tid]
        out.append(TableView(id=tid, caption=t.get("caption"), pages=t.get("pages") or [],
                             rows=grid(t, marks), marked_rows=sorted(marks),
                             indicators=indicators_at(report, tid, set(marks))))
    return out


def grid(table: dict, marks: dict[int, set[int | None]]) -> list[list[GridCell]]:
    """The table's rows as cells with their spans, covered cells left out, marks applied."""
    rows = table.get("rows") or []
    spans = {(r, c): (rs, cs) for r, c, rs, cs in table.get("spans") or []}
    covered: set[tuple[int, int]] = set()
    for (r, c), (rs, cs) in spans.items():
        covered |= {(rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs)} - {(r, c)}
    out = []
    for r, row in enumerate(rows):
        line = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            cols = marks.get(r)
            mark = None
            if cols is not None:
                mark = "cell" if c in cols else "row"
            line.append(GridCell(text=text, rowspan=rs, colspan=cs, mark=mark))
        out.append(line)
    return out


def indicators_at(report: dict, table_id: str, rows: set[int]) -> list[dict]:
    """The recognised indicators that came from the marked rows, as the reviewer compares them."""
    out = []
    for project in report.get("projects", []):
        for ind in project.get("indicators", []):
            src = ind.get("source") or {}
            if src.get("table") == table_id and src.get("row") in rows:
                out.append(ind)
    return out

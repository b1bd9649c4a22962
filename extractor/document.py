"""The extractor's document model: what every reader (PDF, DOCX, XLSX, HTML, text) produces.

One shape for every format so that ``patterns/`` never cares where a table came from.
A document is a sequence of items in reading order; each item is a text ``Block`` or a
``Table``. Tables keep merged cells as spans (``rowspan``/``colspan``) instead of
repeating text, because a recogniser must tell "the same 一级指标 continues" from
"two rows that happen to say the same thing".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]


@dataclass
class Cell:
    """One origin cell of a table; covered cells of a merge do not appear."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None
    checked: bool | None = None  # a checkbox in the cell: True ☑ / False □ / None none


@dataclass
class Table:
    """A table after merged cells and page breaks are resolved.

    ``id`` is stable and human-readable (``p34-t1``: first table starting on page 34;
    ``t3`` for formats without pages).
    """

    id: str
    n_rows: int
    n_cols: int
    cells: list[Cell]
    pages: list[int] = field(default_factory=list)
    caption: str | None = None
    unit: str | None = None
    bbox: BBox | None = None
    header_rows: int = 0  # rows recognised as header (repeated headers already dropped)
    #: rebuilt by patterns/flat_forms.py from a form that arrived as text without its ruling
    #: lines: its columns were aligned by reading, not printed, so a mismatch may be a misreading
    flattened: bool = False
    #: XLSX: (row, col, formula as written, formula in grid references ``R3C4`` or None) of each formula cell
    formulas: list[tuple[int, int, str, str | None]] = field(default_factory=list)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The origin cell covering (row, col), or None where nothing is."""
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None

    def grid(self, fill_down: bool = False, fill_right: bool = False) -> list[list[str]]:
        """The table as a rectangular grid of strings.

        Covered cells are ``""`` unless ``fill_down`` (vertical spans repeat their text,
        the way a reader sees a merged 一级指标) or ``fill_right`` (horizontal spans repeat).
        """
        out = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        if not fill_down and not fill_right:
            # one step per cell: a cell writes only its own first place, a later one overwriting
            # an earlier (a budget table's merged cells cover thousands of places)
            for c in self.cells:
                if c.row < min(c.row + c.rowspan, self.n_rows) and c.col < min(c.col + c.colspan, self.n_cols):
                    out[c.row][c.col] = c.text
            return out
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                    first_row, first_col = r == c.row, k == c.col
                    if (first_row or fill_down) and (first_col or fill_right):
                        out[r][k] = c.text
        return out

    @property
    def rows(self) -> list[list[str]]:
        return self.grid()

    def spans(self) -> list[list[int]]:
        """``[row, col, rowspan, colspan]`` for every merged cell."""
        return [[c.row, c.col, c.rowspan, c.colspan] for c in self.cells if c.rowspan > 1 or c.colspan > 1]

    def row_page(self, row: int) -> int | None:
        """The page a row stands on (first cell that knows it)."""
        for c in self.cells:
            if c.row == row and c.page is not None:
                return c.page
        return self.pages[0] if self.pages else None


@dataclass
class Block:
    """A paragraph or heading of running text."""

    text: str
    page: int | None = None
    kind: Literal["paragraph", "heading"] = "paragraph"
    level: int | None = None  # heading level, 1 = top
    bbox: BBox | None = None
    #: the source lines as read, blanks kept (text and Markdown readers): ``text`` joins them
    #: CJK-aware and drops the blanks between CJK characters, which in a form pasted as text
    #: are what separated its cells (patterns/flat_forms.py reads them)
    lines: list[str] = field(default_factory=list)


Item = Block | Table


@dataclass
class Document:
    """Everything read from one input file."""

    file: str  # base name as given
    sha256: str
    format: Literal["pdf", "docx", "xlsx", "html", "md", "txt"]
    pages: int | None
    items: list[Item] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return [i for i in self.items if isinstance(i, Block)]

    @property
    def tables(self) -> list[Table]:
        return [i for i in self.items if isinstance(i, Table)]

    def text(self) -> str:
        """All running text, one block a line (tables left out)."""
        return "\n".join(b.text for b in self.blocks)

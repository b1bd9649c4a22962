"""Build extractor Documents by hand for the patterns tests.

``table_from_rows`` turns rows where ``^`` means "merged with the cell above" and ``<``
"merged with the cell to the left" into a Table with rowspans/colspans, the way the
PDF/DOCX readers deliver merges. ``doc_from_text`` mimics the text reader on the seeds:
runs of tab-separated lines become tables (merges lost), other lines blocks.
"""

from __future__ import annotations

from extractor.document import Block, Cell, Document, Table


def table_from_rows(
    rows: list[list[str]], id: str = "t1", page: int | None = 1, unit: str | None = None, caption: str | None = None
) -> Table:
    n_cols = max(len(r) for r in rows)
    owner: dict[tuple[int, int], Cell] = {}
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        for c in range(n_cols):
            text = row[c] if c < len(row) else ""
            if text == "^" and (r - 1, c) in owner:
                cell = owner[(r - 1, c)]
                if cell.col == c:
                    cell.rowspan = r - cell.row + 1
                owner[(r, c)] = cell
            elif text == "<" and (r, c - 1) in owner:
                cell = owner[(r, c - 1)]
                cell.colspan = c - cell.col + 1
                owner[(r, c)] = cell
            else:
                cell = Cell(text=text, row=r, col=c, page=page)
                cells.append(cell)
                owner[(r, c)] = cell
    return Table(id=id, n_rows=len(rows), n_cols=n_cols, cells=cells, pages=[page] if page else [],
                 unit=unit, caption=caption)


def doc_from_text(text: str, file: str = "seed.txt") -> Document:
    items: list = []
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            n = sum(isinstance(i, Table) for i in items) + 1
            width = max(len(r) for r in run)
            cells = [Cell(text=(r[c] if c < len(r) else ""), row=i, col=c) for i, r in enumerate(run) for c in range(width)]
            items.append(Table(id=f"t{n}", n_rows=len(run), n_cols=width, cells=cells))
            run.clear()

    for line in text.splitlines():
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            items.append(Block(text=line.strip()))
    flush()
    return Document(file=file, sha256="0" * 64, format="txt", pages=None, items=items)

"""XLSX reader: each sheet one Table, merged ranges as spans, numbers as displayed.

A checker compares what the reader of a form sees: ``95.00%`` and ``1,234.00``, not the
stored ``0.95`` and ``1234``. So every number is rendered through its cell's number
format (the common cases: decimals, thousands separators, percent, literal units, dates).
Merged ranges need openpyxl's normal mode; read-only mode is used only for very large
workbooks, where merges are then lost (and a warning says so).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from extractor import captions
from extractor.cjk import checkbox_state, join_lines, squeeze
from extractor.document import Cell, Document, Table
from extractor.errors import CorruptError, EncryptedError, TooLargeError
from extractor.failures import detail
from extractor.limits import check_xlsx_sheets, check_zip
from extractor.xlsx_formulas import has_formulas, hidden_columns, sheet_formulas, to_grid

_READ_ONLY_BYTES = 30_000_000
#: A sheet table larger than this many grid positions is refused: a stray cell at XFD1048576
#: or a merge over the whole sheet would otherwise make millions of cells.
MAX_SHEET_CELLS = 1_000_000
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_merges(data: bytes, name: str) -> None:
    """Refuse merged ranges larger than the sheet limit before openpyxl expands them.

    openpyxl turns every covered position of a merge into a MergedCell while loading, so a
    single ``A1:XFD1048576`` merge would exhaust memory before any of our code runs.
    """
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            with z.open(info) as fh:
                xml = fh.read(64_000_000)
            for m in _MERGE_REF.finditer(xml):
                rows = abs(int(m[4]) - int(m[2])) + 1
                cols = abs(_col_number(m[3]) - _col_number(m[1])) + 1
                if rows * cols > MAX_SHEET_CELLS:
                    raise TooLargeError(name, f"a merged range of {rows:,} × {cols:,} cells in {info.filename}")
_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表)\s*\d*$", re.I)
_NUM_CORE = re.compile(r"[#0?,]*[0#?](?:\.[0#?]+)?,*|\.[0#?]+,*")


def read_xlsx(data: bytes, name: str) -> Document:
    """Read an XLSX workbook into a ``Document``: one Table per non-empty sheet."""
    import openpyxl

    check_zip(data, name)
    check_xlsx_sheets(data, name)  # bytes, rows and cells, before openpyxl loads them
    check_merges(data, name)
    read_only = len(data) > _READ_ONLY_BYTES
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=read_only)
    except Exception as e:
        if "encrypt" in str(e).lower():
            raise EncryptedError(name) from e
        raise CorruptError(name, detail(e)) from e
    doc = Document(file=name, sha256="", format="xlsx", pages=None)
    if read_only:
        doc.warnings.append("large workbook read in read-only mode: merged cells are not resolved")
    # the formulas behind the cached values, for the checker to recompute (small workbooks only)
    with_formulas = None if read_only or not has_formulas(data) else openpyxl.load_workbook(io.BytesIO(data))
    try:
        for n, ws in enumerate(wb.worksheets, start=1):
            if getattr(ws, "sheet_state", "visible") != "visible":
                # a hidden sheet holds lookup lists, old versions or formulas' helpers: not the form
                doc.warnings.append(f"hidden sheet “{ws.title}” not read")
                continue
            formulas = sheet_formulas(with_formulas.worksheets[n - 1]) if with_formulas is not None else None
            table = sheet_table(ws, f"s{n}-t1", read_only, formulas)
            if table is not None:
                doc.items.append(table)
    except TooLargeError as e:
        raise TooLargeError(name, e.detail) from None  # name the file, not the sheet part
    finally:
        wb.close()
        if with_formulas is not None:
            with_formulas.close()
    return doc


def sheet_table(ws: Any, tid: str, read_only: bool = False,
                formulas: dict[tuple[int, int], str] | None = None) -> Table | None:
    """The sheet's used range as a Table, trimmed of empty outer rows and columns; the columns
    the filer hid left out (helper columns are not the form), formulas kept beside the values."""
    values: dict[tuple[int, int], str] = {}
    # In normal mode walk only the cells that exist: iter_rows() would create every cell of
    # the used range, and one stray cell at XFD1048576 makes that range the whole sheet.
    existing = (c for row in ws.iter_rows() for c in row) if read_only else iter(ws._cells.values())
    for c in existing:
        if getattr(c, "value", None) is None:
            continue
        text = display(c.value, getattr(c, "number_format", "General") or "General")
        if text:
            values[(c.row, c.column)] = text
    merges = [] if read_only else [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    hidden = set() if read_only else hidden_columns(ws)
    if hidden:
        values, merges, formulas = _without_columns(hidden, values, merges, formulas)
    return grid_table(values, merges, str(ws.title or ""), tid, formulas)


def _without_columns(hidden: set[int], values: dict, merges: list, formulas: dict | None):
    """Values, merges and formulas with the ``hidden`` columns taken out and the columns right
    of them moved left; formulas keep their own A1 references, mapped later (``col_of``)."""
    def shift(c: int) -> int:
        return c - sum(1 for h in hidden if h < c)

    values = {(r, shift(c)): v for (r, c), v in values.items() if c not in hidden}
    kept = []
    for r0, c0, r1, c1 in merges:
        cols = [c for c in range(c0, c1 + 1) if c not in hidden]
        if cols:
            kept.append((r0, shift(cols[0]), r1, shift(cols[-1])))
    moved = None
    if formulas is not None:
        moved = {(r, shift(c)): (f, hidden) for (r, c), f in formulas.items() if c not in hidden}
    return values, kept, moved


Merge = tuple[int, int, int, int]  # (first row, first column, last row, last column), inclusive


def grid_table(values: dict[tuple[int, int], str], merges: list[Merge], title: str, tid: str,
               formulas: dict | None = None) -> Table | None:
    """A sheet's displayed cell texts and merged ranges as a Table, trimmed of empty edges.

    Shared by the XLSX reader and the legacy .xls reader (``extractor.legacy``), which
    differ only in how they get the texts and merges out of the file.
    """
    if not values:
        return None
    rows = [r for r, _ in values] + [m[0] for m in merges]
    cols = [k for _, k in values] + [m[1] for m in merges]
    r0, c0 = min(rows), min(cols)
    r1 = max([r for r, _ in values] + [m[2] for m in merges])
    c1 = max([k for _, k in values] + [m[3] for m in merges])
    if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_SHEET_CELLS:
        raise TooLargeError("", f"sheet “{title}” spans {r1 - r0 + 1:,} rows × {c1 - c0 + 1:,} columns")
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for top, left, bottom, right in merges:
        origin[(top, left)] = (bottom - top + 1, right - left + 1)
        for r in range(top, bottom + 1):
            for k in range(left, right + 1):
                if (r, k) != (top, left):
                    covered.add((r, k))
    cells: list[Cell] = []
    for r in range(r0, r1 + 1):
        for k in range(c0, c1 + 1):
            if (r, k) in covered:
                continue
            rs, cs = origin.get((r, k), (1, 1))
            text = values.get((r, k), "")
            cells.append(
                Cell(text=text, row=r - r0, col=k - c0, rowspan=rs, colspan=cs, checked=checkbox_state(text))
            )
    table = Table(id=tid, n_rows=r1 - r0 + 1, n_cols=c1 - c0 + 1, cells=cells)
    if formulas:
        table.formulas = _grid_formulas(formulas, r0, c0, c1)
    title = title.strip()
    if title and not _DEFAULT_SHEET.match(title):
        table.caption = title
    captions.attach(table, [])
    if table.caption is None and title:
        table.caption = title
    return table


def _grid_formulas(formulas: dict, r0: int, c0: int, c1: int) -> list[tuple[int, int, str, str | None]]:
    """(grid row, grid col, formula, formula in grid references) of every formula cell in the
    table; an entry is ``text`` or ``(text, hidden columns)`` when columns were taken out."""
    out = []
    for (r, c), entry in sorted(formulas.items()):
        text, hidden = entry if isinstance(entry, tuple) else (entry, set())
        col_of: dict[int, int] = {}
        k = 0
        for sheet_col in range(1, c1 + len(hidden) + 1):
            if sheet_col in hidden:
                continue
            k += 1
            if k >= c0:
                col_of[sheet_col] = k - c0
        if r - r0 >= 0 and c0 <= c:
            out.append((r - r0, c - c0, text, to_grid(text, r0, col_of)))
    return out


def display(value: Any, fmt: str) -> str:
    """The text Excel shows for ``value`` under number format ``fmt`` (common formats)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return join_lines([squeeze(t) for t in value.split("\n")])
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _date(value, fmt)
    if isinstance(value, int | float):
        return _number(float(value), fmt)
    return squeeze(str(value))


def _general(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.10g}" if abs(v) >= 1e-4 else repr(v)


def _number(v: float, fmt: str) -> str:
    sections = fmt.split(";")
    section = sections[0]
    negative = v < 0
    if negative and len(sections) > 1 and sections[1].strip():
        section, v = sections[1], -v
        negative = False
    if section.strip().lower() in ("general", "", "@"):
        return _general(v)
    clean = re.sub(r"\[[^\]]*\]", "", section)  # colours, locales, conditions
    clean = re.sub(r"_.|\*.", "", clean)  # padding directives
    # literals: "quoted text" and \x escapes
    literal = re.sub(r'"([^"]*)"', lambda m: "\x00" + m.group(1) + "\x01", clean)
    literal = re.sub(r"\\(.)", lambda m: "\x00" + m.group(1) + "\x01", literal)
    outside = re.sub(r"\x00[^\x01]*\x01", lambda m: "\x02" * len(m.group(0)), literal)
    m = _NUM_CORE.search(outside)
    if not m:
        return _general(v)
    core = m.group(0)
    scale = len(core) - len(core.rstrip(","))  # trailing commas divide by 1000 each
    core = core.rstrip(",")
    pct = outside.count("%")
    value = abs(v) * (100**pct) / (1000**scale)
    decimals = len(core.split(".")[1]) if "." in core else 0
    grouping = "," in core.split(".")[0]
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    prefix = _literal_text(literal[: m.start()])
    suffix = _literal_text(literal[m.end() :])
    return ("-" if negative and value != 0 else "") + prefix + text + suffix


def _literal_text(part: str) -> str:
    return re.sub(r"\x00([^\x01]*)\x01", r"\1", part).replace("\x02", "")


def _date(value: Any, fmt: str) -> str:
    f = re.sub(r'"([^"]*)"', r"\1", re.sub(r"\[[^\]]*\]", "", fmt)).replace("\\", "")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    d = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    low = f.lower()
    if "y" not in low and "d" not in low:
        return d.strftime("%Y-%m-%d") + ("" if d.time() == dt.time() else d.strftime(" %H:%M:%S"))
    out = f
    for token, rep in (
        ("yyyy", f"{d.year:04d}"),
        ("yy", f"{d.year % 100:02d}"),
        ("mm", f"{d.month:02d}"),
        ("m", str(d.month)),
        ("dd", f"{d.day:02d}"),
        ("d", str(d.day)),
    ):
        out = re.sub(token, rep, out, flags=re.I) if token in low else out
        low = out.lower()
    return out.strip()

"""Render the zoo's forms to XLSX (openpyxl), DOCX (python-docx) and PDF (LibreOffice).

* XLSX: one sheet per form, named after its project, as departments file them: the title
  and year lines as merged rows above the grid, every ``^``/``<`` merge a merged range,
  money and rates stored as numbers under a number format (``#,##0.00``, ``0.00%``; a
  fraction printed by a formula cell without a format stays ``General``), all else text.
* DOCX: the title and year centred above each form's Word table, cells merged as the
  grid says, one form per page ("Table Grid" so every cell is ruled, fixed widths).
* PDF: the DOCX converted by ``soffice --headless``, as ``samples/build.py`` does.

Dates in the files are fixed so that rebuilding changes nothing needlessly.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from samples.tablespec import anchors
from samples.zoo.templates import Form, Template

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
FIXED = dt.datetime(2024, 1, 1)


def to_xlsx(t: Template, out: Path) -> None:
    """One sheet per form, or every form on one sheet when the template says so; formula cells
    saved with their cached values (``_cache_formulas``), as a workbook Excel has calculated."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    cached: dict[str, dict[str, float]] = {}  # sheet title → cell ref → cached value of its formula
    ws, top = None, 1
    for form in t.forms:
        if ws is None or not t.one_sheet:
            name = re.sub(r"[\\/?*\[\]:]", " ", "自评表" if t.one_sheet else form.sheet)[:31]
            while name in used:
                name = name[:29] + f"_{len(used)}"
            used.add(name)
            ws, top = wb.create_sheet(name), 1
        top = _form_on_sheet(ws, form, top, cached.setdefault(ws.title, {})) + 2  # a blank row between forms
    wb.properties.created = wb.properties.modified = FIXED
    wb.properties.creator = "jixiao samples/zoo"
    wb.properties.title = t.title
    wb.save(out)
    if any(cached.values()):
        _cache_formulas(out, [cached.get(ws.title, {}) for ws in wb.worksheets])


def _form_on_sheet(ws, form: Form, top: int, cached: dict[str, float]) -> int:
    """Write ``form`` from sheet row ``top``; return the last row written."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    ncols = len(form.rows[0])
    for line in form.before:
        ws.cell(top, 1, line).font = Font(name=SANS, size=9)
        top += 1
    for line, size in ((form.title, 16), (form.subtitle, 11)):
        if line is None:
            continue
        ws.cell(top, 1, line).font = Font(name=SANS, size=size, bold=size > 12)
        ws.cell(top, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=ncols)
        top += 1

    def ref(m: re.Match) -> str:
        return f"{get_column_letter(int(m[2]) + 1)}{top + int(m[1])}"

    rows = form.xlsx_rows()
    assert form.total_first is None or not (form.numbers or form.formulas)  # keyed by the printed grid
    for r, c, r2, c2, text in anchors(rows):
        cell = ws.cell(top + r, c + 1)
        number = form.numbers.get((r, c))
        formula = form.formulas.get((r, c))
        if formula is not None:
            cell.value = re.sub(r"\[(\d+),(\d+)\]", ref, formula)
            cell.number_format = number[1] if number else "General"
            cached[cell.coordinate] = number[0] if number else 0.0
        elif number is not None:
            cell.value, cell.number_format = number
        else:
            cell.value = text.replace("\\n", "\n") if text else None
            if text.startswith("="):
                cell.data_type = "s"  # typed as text (=100%), not a formula
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if (r2, c2) != (r, c):
            ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r2, end_column=c2 + 1)
    for r in range(len(rows)):
        for c in range(ncols):
            ws.cell(top + r, c + 1).border = ruled
    for c, w in enumerate(form.widths):
        ws.column_dimensions[get_column_letter(c + 1)].width = w * 4.5
    if form.helper is not None:  # a helper column the filer hid: row numbers for a lookup
        letter = get_column_letter(ncols + 1)
        for r, text in enumerate(form.helper):
            ws.cell(top + r, ncols + 1, text)
        ws.column_dimensions[letter].hidden = True
    return top + len(form.rows) - 1


def _cache_formulas(path: Path, per_sheet: list[dict[str, float]]) -> None:
    """Write each formula cell's cached value into the saved sheets (openpyxl leaves ``<v></v>``
    empty; Excel and LibreOffice store the value they computed, which readers show)."""
    import zipfile

    data = path.read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if m and int(m[1]) <= len(per_sheet) and per_sheet[int(m[1]) - 1]:
                values = per_sheet[int(m[1]) - 1]

                def fill(c: re.Match, values=values) -> bytes:
                    v = values.get(c[1].decode())
                    return c[0] if v is None else c[0].replace(b"<v></v>", f"<v>{v!r}</v>".encode())

                body = re.sub(rb'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f><v></v>', fill, body)
            info.date_time = (2024, 1, 1, 0, 0, 0)
            dst.writestr(info, body)
    path.write_bytes(buf.getvalue())


def to_docx(t: Template, out: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    from samples.build import set_run_font, set_style_font  # the samples' fonts and styles

    doc = Document()
    sec = doc.sections[0]
    if t.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    set_style_font(doc.styles["Normal"], SERIF, 10.5)
    doc.core_properties.title = t.title
    doc.core_properties.author = "jixiao samples/zoo"
    doc.core_properties.created = doc.core_properties.modified = FIXED
    doc.core_properties.revision = 1
    for k, form in enumerate(t.forms):
        if k:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for line in form.before:
            p = doc.add_paragraph()
            set_run_font(p.add_run(line), SERIF, 9, False)
        for line, size in ((form.title, 16), (form.subtitle, 11)):
            if line is None:
                continue
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            set_run_font(p.add_run(line), SANS if size > 12 else SERIF, size, size > 12)
        _table(doc, form, Cm, Pt)
    doc.save(out)


def _table(doc, form: Form, Cm, Pt) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from samples.build import _cell_text, merge_spans

    rows = form.rows
    nrows, ncols = len(rows), len(rows[0])
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), form.widths, strict=True):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for r in range(nrows):
        for c in range(ncols):
            table.cell(r, c).width = Cm(form.widths[c])
    spans = []
    for r, c, r2, c2, text in anchors(rows):
        _cell_text(table.cell(r, c), text, 9, False, align_center=len(text) <= 12)
        if (r2, c2) != (r, c):
            spans.append((r, c, r2, c2))
    merge_spans(table, spans)


def to_pdf(docx: Path, outdir: Path) -> Path:
    """The DOCX through LibreOffice, as ``samples/build.py`` makes the samples' PDFs."""
    from samples.build import to_pdf as soffice_pdf

    return soffice_pdf(docx, outdir)

"""Build the bundled sample documents from hand-checked sources.

Run by hand (needs python-docx, LibreOffice ``soffice`` and fonts-noto-cjk):

    .venv/bin/python samples/build.py

Inputs (all committed):
  samples/src/<doc>.txt         the document text, one paragraph a line, light markup:
                                  ``! text``   title (centred, large, bold)
                                  ``= text``   centred bold paragraph (table captions, sub-titles)
                                  ``# text``   Heading 1, ``## `` Heading 2, ``### `` Heading 3
                                  ``[[table <path>]]``  a table from samples/tables/<path>
                                  ``[[pagebreak]]``     a page break
                                  anything else: a Normal paragraph (text kept exactly)
  samples/tables/<doc>/*.tsv    one table each, tab-separated cells; a cell ``^`` is merged with
                                the cell above (vMerge), ``<`` with the cell to the left
                                (gridSpan); ``\\n`` inside a cell is a line break.  Directive lines:
                                  ``#!header N``   first N rows are repeating header rows (w:tblHeader)
                                  ``#!widths a,b,...``  column widths in cm
                                  ``#!size pt``    font size of the table (default 10.5)
                                  ``#!bold N``     make the first N rows bold (default: header rows)
Outputs: samples/<name>.docx and samples/<name>.pdf (converted by LibreOffice).

The wording and numbers of the seeds are kept exactly, their errors included; only the
structure a text rendering lost (merged and shifted cells) was repaired by hand in the TSVs.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tablespec import anchors  # noqa: E402  (this script runs from any folder)

HERE = Path(__file__).resolve().parent
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"

# (source text, output base name, core-properties title, whether to keep the PDF only)
DOCS = [
    ("000", "eval_report_2022_xinfang", "2022年信访办维稳专项绩效评价报告"),
    ("001", "target_decl_2023_songjiang", "上海市松江区人民政府信访办公室2023年财政支出项目绩效目标申报表"),
    ("004", "monitoring_2023_qingyunpu", "2023年全国省市“两会”现场值守工作经费项目1-10月份绩效运行监控报告"),
]


def set_run_font(run, name: str = SERIF, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def set_style_font(style, name: str, size: float, bold: bool = False) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def new_document(title: str) -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)  # A4
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin = sec.bottom_margin = Cm(2.5)
    styles = doc.styles
    set_style_font(styles["Normal"], SERIF, 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(3)
    styles["Normal"].paragraph_format.line_spacing = 1.25
    for lvl, size in ((1, 14), (2, 12), (3, 10.5), (4, 10.5)):
        st = styles[f"Heading {lvl}"]
        set_style_font(st, SANS, size, bold=True)
        st.paragraph_format.space_before = Pt(8 if lvl < 3 else 4)
        st.paragraph_format.space_after = Pt(4)
        st.paragraph_format.keep_with_next = True
    set_style_font(styles["Title"], SANS, 18, bold=True)
    # the default template gives Title a bottom border; drop it
    ppr = styles["Title"].element.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ppr.remove(ppr.find(qn("w:pBdr")))
    doc.core_properties.title = title
    doc.core_properties.author = "jixiao samples"
    doc.core_properties.comments = "Built by samples/build.py from a text rendering of a public document."
    # fixed dates so rebuilding does not change the DOCX needlessly
    import datetime as _dt
    fixed = _dt.datetime(2024, 1, 1, 0, 0, 0)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.core_properties.last_modified_by = "jixiao samples"
    doc.core_properties.revision = 1
    return doc


def read_tsv(path: Path) -> tuple[dict, list[list[str]]]:
    opts: dict = {"header": 0, "widths": None, "size": 10.5, "bold": None}
    rows: list[list[str]] = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("#!"):
            key, _, val = raw[2:].partition(" ")
            if key == "header":
                opts["header"] = int(val)
            elif key == "widths":
                opts["widths"] = [float(x) for x in val.split(",")]
            elif key == "size":
                opts["size"] = float(val)
            elif key == "bold":
                opts["bold"] = int(val)
            else:
                raise ValueError(f"{path}: unknown directive {raw!r}")
            continue
        if raw == "":
            continue
        rows.append(raw.split("\t"))
    ncols = max(len(r) for r in rows)
    for r in rows:
        r.extend([""] * (ncols - len(r)))
    if opts["bold"] is None:
        opts["bold"] = opts["header"]
    return opts, rows


def _cell_text(cell, text: str, size: float, bold: bool, align_center: bool) -> None:
    parts = text.replace("\\n", "\n").split("\n")
    para = cell.paragraphs[0]
    for i, part in enumerate(parts):
        if i:
            para = cell.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.line_spacing = 1.0
        if align_center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if part:
            run = para.add_run(part)
            set_run_font(run, SERIF, size, bold)


def add_table(doc: Document, path: Path) -> None:
    opts, rows = read_tsv(path)
    nrows, ncols = len(rows), len(rows[0])
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = opts["widths"] or [16.0 / ncols] * ncols
    if len(widths) != ncols:
        raise ValueError(f"{path}: {len(widths)} widths for {ncols} columns")
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    # fixed layout so LibreOffice keeps the widths
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for r, _row in enumerate(rows):
        tr = table.rows[r]._tr
        trpr = tr.get_or_add_trPr()
        if r < opts["header"]:
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
        for c in range(ncols):
            table.cell(r, c).width = Cm(widths[c])
    # fill text into anchor cells first, then merge
    spans = []
    for r, c, r2, c2, text in anchors(rows):
        bold = r < opts["bold"]
        short = len(text) <= 12
        _cell_text(table.cell(r, c), text, opts["size"], bold, align_center=short or bold)
        if (r2, c2) != (r, c):
            spans.append((r, c, r2, c2))
    merge_spans(table, spans)


def merge_spans(table, spans: list[tuple[int, int, int, int]]) -> None:
    """Merge each (r, c, r2, c2) span, drop the empty paragraphs python-docx leaves behind for
    each merged-in cell, and centre every cell vertically (as the real forms print)."""
    for r, c, r2, c2 in spans:
        table.cell(r, c).merge(table.cell(r2, c2))
    for r, c, _r2, _c2 in spans:
        cell = table.cell(r, c)
        paras = cell.paragraphs
        while len(paras) > 1 and not paras[-1].text:
            paras[-1]._element.getparent().remove(paras[-1]._element)
            paras = cell.paragraphs
    for row in table.rows:
        for cell in row.cells:
            tcpr = cell._tc.get_or_add_tcPr()
            if tcpr.find(qn("w:vAlign")) is None:
                va = OxmlElement("w:vAlign")
                va.set(qn("w:val"), "center")
                tcpr.append(va)


def build_docx(src: Path, out: Path, title: str) -> None:
    doc = new_document(title)
    tables_dir = HERE / "tables"
    for line in src.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        if line.startswith("[[table ") and line.endswith("]]"):
            add_table(doc, tables_dir / line[8:-2].strip())
            # a small gap after each table
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            continue
        if line == "[[pagebreak]]":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if line.startswith("! "):
            p = doc.add_paragraph(style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(p.add_run(line[2:]), SANS, 18, True)
            continue
        if line.startswith("= "):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            set_run_font(p.add_run(line[2:]), SERIF, 10.5, True)
            continue
        m = re.match(r"^(#{1,4}) (.*)$", line)
        if m:
            doc.add_heading(m.group(2), level=len(m.group(1)))
            continue
        p = doc.add_paragraph()
        # ``~~text~~`` marks text struck through by hand in the original
        for k, part in enumerate(re.split(r"~~", line)):
            if part:
                run = p.add_run(part)
                set_run_font(run, SERIF, 10.5)
                if k % 2:
                    run.font.strike = True
    doc.save(out)


def to_pdf(docx: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True, stdout=subprocess.DEVNULL, env={**os.environ, "HOME": profile},
        )
        made = Path(tmp) / (docx.stem + ".pdf")
        target = outdir / made.name
        shutil.move(str(made), target)
    return target


def build_html_003() -> None:
    """Seed 003 (2018 闵行 申报表, HTML-ish with checkboxes) as an HTML page with real <table>s."""
    import html
    src = (HERE / "src" / "003.txt").read_text(encoding="utf-8").split("\n")
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           "<title>财政项目支出绩效目标申报表（2018 年）政府购买辅助服务</title>",
           "<style>table{border-collapse:collapse;margin:8px 0}td{border:1px solid #000;"
           "padding:2px 4px;vertical-align:middle}</style>", "</head>", "<body>"]
    table: list[str] = []

    def flush() -> None:
        if table:
            out.append("<table>")
            for row in table:
                cells = []
                for cell in row.split("\t"):
                    # the seed already carries <input type="checkbox"> markup: keep it as markup,
                    # escape everything else
                    parts = cell.split("<input")
                    txt = html.escape(parts[0], quote=False)
                    for p in parts[1:]:
                        tag, _, rest = p.partition(">")
                        txt += "<input" + tag + ">" + html.escape(rest, quote=False)
                    cells.append(f"<td>{txt}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
            table.clear()

    for line in src:
        if "\t" in line:
            table.append(line)
            continue
        if not line.strip():
            continue
        flush()
        out.append(f"<p>{html.escape(line.strip(), quote=False)}</p>")
    flush()
    out += ["</body>", "</html>", ""]
    (HERE / "target_decl_2018_minhang.html").write_text("\n".join(out), encoding="utf-8")


def main(argv: list[str]) -> None:
    only = set(argv[1:])
    for key, name, title in DOCS:
        if only and key not in only and name not in only:
            continue
        docx = HERE / f"{name}.docx"
        build_docx(HERE / "src" / f"{key}.txt", docx, title)
        pdf = to_pdf(docx, HERE)
        print(f"built {docx.name} and {pdf.name}")
    if not only or "003" in only:
        build_html_003()
        print("built target_decl_2018_minhang.html")


if __name__ == "__main__":
    main(sys.argv)

"""Old binary Office files (OLE2): Word 97–2003 ``.doc`` and Excel 97–2003 ``.xls``.

Archives of budget-performance reports before about 2015 are mostly ``.doc`` and ``.xls``.
``.xls`` is read directly with xlrd (merged ranges and number formats kept, as in the XLSX
reader). ``.doc`` has no maintained pure-Python reader; LibreOffice, when installed
(``soffice``), converts it to DOCX in a private temporary profile and the DOCX reader takes
over. Without LibreOffice the error says so and how to proceed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import xlrd

from extractor.document import Document
from extractor.errors import CorruptError, TooLargeError, UnsupportedFormatError
from extractor.failures import detail
from extractor.xlsx import display, grid_table

CONVERT_TIMEOUT = 180  # seconds LibreOffice may take over one .doc
_WORD = "WordDocument".encode("utf-16-le")
_EXCEL = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def ole_kind(data: bytes, name: str = "") -> str | None:
    """``doc`` or ``xls`` from the OLE2 directory's stream names; None for other OLE files.

    A file cut short may have lost its directory: then its name's suffix decides, and the
    reader reports it as damaged rather than as something else.
    """
    if _WORD in data:
        return "doc"
    if any(stream in data for stream in _EXCEL):
        return "xls"
    suffix = Path(name).suffix.lower()
    return suffix[1:] if suffix in (".doc", ".xls") else None


def read_xls(data: bytes, name: str) -> Document:
    """Read an Excel 97–2003 workbook: one Table per non-empty sheet, as displayed.

    xlrd reports a damaged file with whatever exception its parser hits (IndexError,
    struct.error, AssertionError …), and only while a sheet is loaded; every one of them
    means the same thing to the user — the file is damaged — and is reported so. Its
    diagnostics, printed to stdout by default, go nowhere: stdout may carry JSON.
    """
    doc = Document(file=name, sha256="", format="xlsx", pages=None)
    doc.warnings.append("read from a legacy .xls workbook")
    with open(os.devnull, "w") as quiet:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=quiet)
            try:
                for n in range(book.nsheets):
                    sheet = book.sheet_by_index(n)
                    if sheet.visibility:  # 1 hidden, 2 very hidden: as in the XLSX reader
                        doc.warnings.append(f"hidden sheet “{sheet.name}” not read")
                        continue
                    values: dict[tuple[int, int], str] = {}
                    for r in range(sheet.nrows):
                        for k in range(sheet.ncols):
                            text = _xls_text(book, sheet, r, k)
                            if text:
                                values[(r + 1, k + 1)] = text
                    merges = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells]
                    table = grid_table(values, merges, sheet.name, f"s{n + 1}-t1")
                    if table is not None:
                        doc.items.append(table)
            finally:
                book.release_resources()
        except TooLargeError as e:
            raise TooLargeError(name, e.detail) from None
        except MemoryError:
            raise TooLargeError(name, "the workbook does not fit in memory") from None
        except Exception as e:  # any parser failure of xlrd means a damaged workbook
            raise CorruptError(name, detail(e)) from e
    return doc


def _xls_text(book, sheet, r: int, k: int) -> str:
    """A cell's text as Excel shows it: numbers through their format, dates as dates."""
    cell = sheet.cell(r, k)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None and cell.xf_index < len(book.xf_list) else None
    fmt = book.format_map[xf.format_key].format_str if xf is not None and xf.format_key in book.format_map else "General"
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return display(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), fmt)
        except (ValueError, OverflowError):
            return display(cell.value, "General")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return display(bool(cell.value), fmt)
    return display(cell.value, fmt)


def soffice() -> str | None:
    """The LibreOffice binary, if one is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_to_docx(data: bytes, name: str) -> bytes:
    """Convert a Word 97–2003 document to DOCX with LibreOffice; raise when that cannot be done."""
    binary = soffice()
    if binary is None:
        raise UnsupportedFormatError(
            name, "old binary Word .doc; install LibreOffice (soffice) to read it, or save it as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [
            binary,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(
                cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False, env={**os.environ, "HOME": tmp}
            )
        except subprocess.TimeoutExpired as e:
            raise CorruptError(name, f"LibreOffice did not convert the .doc within {CONVERT_TIMEOUT} s") from e
        out = Path(tmp) / "input.docx"
        if not out.exists() or out.stat().st_size == 0:
            raise CorruptError(name, "LibreOffice could not convert the .doc (damaged or not a Word document)")
        return out.read_bytes()


def read_doc(data: bytes, name: str) -> Document:
    """Read a Word 97–2003 document through its DOCX conversion."""
    from extractor.docx import read_docx

    doc = read_docx(doc_to_docx(data, name), name)
    doc.warnings.append("converted from a legacy .doc with LibreOffice")
    return doc

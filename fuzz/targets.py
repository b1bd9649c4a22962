"""The fuzz targets: one function per target taking bytes, raising on a crash.

A crash is any exception except ``ExtractionError`` from a reader, a ``rule.crash``
finding (the checker swallows a rule's exception into that finding, so it is a crash
in disguise), or a broken invariant (``Invariant``). The same functions serve the
atheris harness (``fuzz/harness.py``) and the replay of saved inputs
(``tests/test_fuzz_regressions.py``), so a crash replays exactly as it was found.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from fuzz import containers
from fuzz.decode import Reader

TITLES = ("项目支出绩效目标申报表", "项目支出绩效自评表", "绩效评价报告", "绩效运行监控报告",
          "部门整体支出绩效目标表", "")


class Invariant(AssertionError):
    """A result that came back but is wrong (text lost, a value that is not a number)."""


def _finite(x: float | None, what: str) -> None:
    if x is not None and not math.isfinite(x):
        raise Invariant(f"{what} is not finite: {x!r}")


# --- (1) the value grammar ------------------------------------------------------------------
def value_text(data: bytes) -> str:
    """Mode byte, then raw UTF-8, vocabulary words, or arbitrary code points (astral included)."""
    r = Reader(data)
    mode = r.byte() % 3
    if mode == 0:
        return data[1:].decode("utf-8", "replace")
    if mode == 1:
        return "".join(r.raw_text(4) if r.byte() % 6 == 0 else r.word() for _ in range(r.int(1, 10)))
    chars = []
    while r.left() >= 3 and len(chars) < 64:
        cp = (r.byte() << 16 | r.byte() << 8 | r.byte()) % 0x110000
        chars.append(chr(cp))
    return "".join(chars)


def values(data: bytes) -> None:
    """``parse_value`` and ``parse_number`` on one string: no exception, text kept, finite values."""
    from patterns.numbers import parse_number
    from patterns.values import parse_value

    text = value_text(data)
    v = parse_value(text)
    if v.text != text:
        raise Invariant("parse_value changed the printed text")
    _finite(v.value, "Value.value")
    _finite(v.upper, "Value.upper")
    n = parse_number(text)
    if n is not None:
        _finite(n.value, "Number.value")


# --- (2) the table interpreter and (4) the checker --------------------------------------------
def document(data: bytes):
    """A Document: a title, up to 3 prose blocks and one table with well-formed spans.

    Spans never overlap and never leave the grid, as every reader guarantees; text is
    drawn from the header/unit/comparator vocabulary with raw unicode mixed in.
    """
    from extractor.document import Block, Cell, Document, Table

    r = Reader(data)
    items: list = []
    title = TITLES[r.int(0, len(TITLES) - 1)]
    if title:
        items.append(Block(text=title, page=1, kind="heading", level=1))
    for _ in range(r.int(0, 3)):
        items.append(Block(text=r.text(8), page=1))
    n_rows, n_cols = r.int(1, 24), r.int(1, 10)
    taken = [[False] * n_cols for _ in range(n_rows)]
    cells = []
    for row in range(n_rows):
        for col in range(n_cols):
            if taken[row][col] or r.byte() % 9 == 0:
                continue
            rs, cs = 1 + r.int(0, 6) // 4 * r.int(0, 23), 1 + r.int(0, 6) // 5 * r.int(0, 9)
            rs, cs = min(rs, n_rows - row), min(cs, n_cols - col)
            while cs > 1 and any(taken[row][k] for k in range(col, col + cs)):
                cs -= 1
            while rs > 1 and any(taken[i][k] for i in range(row, row + rs) for k in range(col, col + cs)):
                rs -= 1
            for i in range(row, row + rs):
                for k in range(col, col + cs):
                    taken[i][k] = True
            checked = (None, True, False)[r.int(0, 2)] if r.byte() % 7 == 0 else None
            cells.append(Cell(text=r.text(), row=row, col=col, rowspan=rs, colspan=cs, page=1, checked=checked))
    flags = r.byte()
    table = Table(id="p1-t1", n_rows=n_rows, n_cols=n_cols, cells=cells, pages=[1],
                  caption=r.text(2) if flags & 1 else None, unit=r.word() if flags & 2 else None,
                  header_rows=r.int(0, 2))
    items.insert(r.int(0, len(items)), table)
    return Document(file="fuzz.pdf", sha256="0" * 64, format="pdf", pages=1, items=items)


def table(data: bytes) -> None:
    """``recognise`` on a fuzzed Document; the Report must serialise to JSON."""
    from patterns.recognise import recognise

    recognise(document(data)).model_dump_json()


def checker(data: bytes) -> None:
    """``check`` on the Report of a fuzzed Document; a ``rule.crash`` finding is a crash."""
    from checker import check
    from patterns.recognise import recognise

    for f in check(recognise(document(data))):
        if f.rule == "rule.crash":
            raise Invariant(f.message)


# --- (3) each reader through extractor.read ------------------------------------------------------
def _scratch(suffix: str) -> Path:
    """A per-process file name in RAM where there is /dev/shm; the caller deletes the file.

    libFuzzer ends the process with C ``exit()``, past Python's atexit, so nothing is
    left to clean up at exit: each input's file is removed as soon as it has been read.
    """
    folder = Path("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()) / "jixiao-fuzz"
    folder.mkdir(exist_ok=True)
    return folder / f"{os.getpid()}{suffix}"


WRAP: dict[str, Callable[[bytes], bytes]] = {".pdf": containers.pdf, ".docx": containers.docx,
                                             ".xlsx": containers.xlsx}


def file_bytes(suffix: str, data: bytes) -> bytes:
    """For pdf/docx/xlsx an odd first byte wraps the rest in a valid container; else raw bytes."""
    if suffix in WRAP and data[:1] and data[0] & 1:
        return WRAP[suffix](data[1:])
    return data[1:] if suffix in WRAP else data


def extract(suffix: str) -> Callable[[bytes], None]:
    """The target for one suffix: ``extractor.read`` on the bytes; only ExtractionError is allowed."""

    def run(data: bytes) -> None:
        from extractor import read
        from extractor.errors import ExtractionError

        path = _scratch(suffix)
        path.write_bytes(file_bytes(suffix, data))
        try:
            read(path)
        except ExtractionError:
            pass
        finally:
            path.unlink(missing_ok=True)

    run.__name__ = f"extract_{suffix[1:]}"
    run.__doc__ = f"``extractor.read`` on a fuzzed {suffix} file."
    return run


SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".html", ".md", ".txt")  # .doc needs LibreOffice: seconds per input
TARGETS: dict[str, Callable[[bytes], None]] = {
    "values": values,
    "table": table,
    "checker": checker,
    **{f"extract_{s[1:]}": extract(s) for s in SUFFIXES},
}
# Largest input per target (libFuzzer -max_len): small inputs keep each execution fast.
MAX_LEN = {"values": 256, "table": 2048, "checker": 2048, "extract_pdf": 16384, "extract_docx": 16384,
           "extract_xlsx": 16384, "extract_xls": 40960, "extract_html": 16384, "extract_md": 8192, "extract_txt": 8192}

"""Build the hostile corpus: broken, encrypted, oversized and malicious files (nothing downloaded).

Run ``python -m tests.hostile.make_hostile DIR`` (from the repository root) to write every file into DIR; the test
suite builds it once per session in a temp dir. Each file comes with what a correct
reader must do with it: ``error`` (a one-line error naming the file) or ``result``
(a result, possibly with warnings) or ``either``.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
import zlib
from pathlib import Path

from fuzz.containers import pdf_objects

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
LEGACY = ROOT / "tests" / "fixtures" / "legacy"


# --- a tiny PDF writer: enough for empty pages, many text objects and broken graphs ----
_pdf = pdf_objects


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def empty_pages_pdf(n: int) -> bytes:
    """``n`` empty A4 pages sharing one empty content stream."""
    kids = b" ".join(b"%d 0 R" % (i + 4) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
            _stream(b"")]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * n
    return _pdf(objs)


def many_text_objects_pdf(count: int) -> bytes:
    """One page holding ``count`` tiny text objects (a pathological layout)."""
    rng = random.Random(7)
    parts = [b"BT /F1 1 Tf %d %d Td (%d) Tj ET" % (rng.randrange(20, 575), rng.randrange(20, 820), i % 10)
             for i in range(count)]
    content = zlib.compress(b"\n".join(parts))
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content, b"/Filter /FlateDecode "),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def cyclic_pdf() -> bytes:
    """A page tree whose Kids point back to their ancestors."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ])


def english_pdf() -> bytes:
    text = b"BT /F1 12 Tf 72 760 Td (Annual report of the harbour authority. Revenue grew by 5 percent.) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


# --- Office containers --------------------------------------------------------------------
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def docx_zip_bomb(gigabytes: float = 2.0) -> bytes:
    """A small DOCX whose document.xml inflates to ``gigabytes`` GB."""
    buf = io.BytesIO()
    chunk = b"<w:p><w:r><w:t>" + b"A" * (1 << 20) + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document ' + W + b"><w:body>")
            for _ in range(int(gigabytes * 1024)):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def docx_billion_laughs() -> bytes:
    ents = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [' + ents + b"]><w:document " + W
           + b"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    return _docx(xml)


def docx_external_entity() -> bytes:
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
    return _docx(xml)


def xlsx_zip_bomb(gigabytes: float = 1.0) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace(b"word/document.xml", b"xl/workbook.xml"))
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(int(gigabytes * 1024)):
                fh.write(b" " * (1 << 20))
    return buf.getvalue()


# --- damage ---------------------------------------------------------------------------------
def truncate(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def bitflip(data: bytes, flips: int, seed: int) -> bytes:
    rng = random.Random(seed)
    b = bytearray(data)
    for _ in range(flips):
        i = rng.randrange(len(b) // 10, len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def encrypted_pdf(data: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def big_html_table(rows: int) -> bytes:
    body = "".join(f"<tr><td>产出指标</td><td>数量指标</td><td>指标{i}</td><td>≥{i % 100}%</td><td>{i % 7}</td></tr>"
                   for i in range(rows))
    return ("<html><body><p>2023年某项目绩效自评表</p><table><tr><th>一级指标</th><th>二级指标</th>"
            f"<th>三级指标</th><th>年度指标值</th><th>得分</th></tr>{body}</table></body></html>").encode()


CN_TEXT = "2023年课题与规划项目绩效自评表\n项目名称\t课题与规划\n预算执行率为100%，总分98分。\n"


def build(out: Path, *, big: bool = True) -> dict[str, str]:
    """Write the hostile corpus into ``out``; return {file name: expected outcome}."""
    out.mkdir(parents=True, exist_ok=True)
    eval_pdf = (SAMPLES / "eval_report_2022_xinfang.pdf").read_bytes()
    eval_docx = (SAMPLES / "eval_report_2022_xinfang.docx").read_bytes()
    legacy_doc = (LEGACY / "target_decl_2023_songjiang.doc").read_bytes()
    legacy_xls = (LEGACY / "eval_report_tables.xls").read_bytes()
    files: dict[str, tuple[bytes, str]] = {
        "truncated_60.pdf": (truncate(eval_pdf, 0.6), "either"),
        "truncated_5.pdf": (truncate(eval_pdf, 0.05), "either"),
        "bitflip.pdf": (bitflip(eval_pdf, 200, 1), "either"),
        "truncated.docx": (truncate(eval_docx, 0.5), "error"),
        "bitflip.docx": (bitflip(eval_docx, 50, 2), "either"),
        "encrypted_user_pw.pdf": (encrypted_pdf(eval_pdf, "secret"), "error"),
        "encrypted_empty_pw.pdf": (encrypted_pdf(eval_pdf, ""), "either"),
        "cyclic.pdf": (cyclic_pdf(), "either"),
        "many_text_objects.pdf": (many_text_objects_pdf(200_000), "either"),
        "billion_laughs.docx": (docx_billion_laughs(), "either"),
        "external_entity.docx": (docx_external_entity(), "either"),
        "html_named.pdf": ("<html><body><p>2023年绩效自评表</p><table><tr><td>项目名称</td><td>课题与规划</td>"
                           "</tr></table></body></html>".encode(), "either"),
        "gb18030.txt": (CN_TEXT.encode("gb18030"), "result"),
        "gbk.html": (("<html><head><meta charset='gbk'></head><body><p>" + CN_TEXT + "</p></body></html>")
                     .encode("gbk"), "result"),
        "utf16.txt": (CN_TEXT.encode("utf-16"), "result"),
        "english_only.pdf": (english_pdf(), "either"),
        "empty_table.html": (b"<html><body><p>2023 budget</p><table></table><table><tr></tr></table></body></html>",
                             "either"),
        "table_5000_rows.html": (big_html_table(5000), "result"),
        "zero.docx": (b"", "error"),
        "truncated.xls": (truncate(legacy_xls, 0.3), "error"),
        "bitflip.xls": (bitflip(legacy_xls, 40, 3), "either"),
        "bitflip.doc": (bitflip(legacy_doc, 200, 4), "either"),
    }
    if big:
        files["pages_10000.pdf"] = (empty_pages_pdf(10_000), "either")
        files["zip_bomb.docx"] = (docx_zip_bomb(2.0), "either")
        files["zip_bomb.xlsx"] = (xlsx_zip_bomb(1.0), "either")
    expected = {}
    for name, (data, outcome) in files.items():
        (out / name).write_bytes(data)
        expected[name] = outcome
    return expected


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    for name, outcome in build(target).items():
        print(f"{name}\t{outcome}\t{(target / name).stat().st_size} bytes")

"""Valid DOCX/XLSX/PDF skeletons around a fuzzed payload.

Byte-level mutation of a deflated zip or a PDF almost always dies at the container
(bad CRC, broken xref) and never reaches our table code. So the container targets
take a mode byte: raw file bytes, or a payload wrapped here into a well-formed
container -- the body XML of a DOCX, the worksheet XML of an XLSX, the content stream
of a one-page PDF -- which sends mutations past the library into ``extractor/``.
"""

from __future__ import annotations

import io
import zipfile

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
)
_REL = '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/{type}" Target="{target}"/>'
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip(parts: dict[str, bytes]) -> bytes:
    """Stored (not deflated) so the payload is the same bytes inside and out."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def docx(body: bytes) -> bytes:
    """A DOCX whose ``<w:body>`` holds ``body`` (paragraphs, ``w:tbl`` with gridSpan/vMerge)."""
    doc_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    overrides = f'<Override PartName="/word/document.xml" ContentType="{doc_type}"/>'
    rel = _REL.format(id="rId1", type="officeDocument/2006/relationships/officeDocument",
                      target="word/document.xml")
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
           ).encode() + body + b"</w:body></w:document>"
    return _zip({"[Content_Types].xml": _CT.format(overrides=overrides).encode(),
                 "_rels/.rels": _RELS.format(rels=rel).encode(), "word/document.xml": xml})


def xlsx(sheet: bytes) -> bytes:
    """An XLSX with one sheet whose ``<worksheet>`` holds ``sheet`` (sheetData, mergeCells)."""
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = (f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
                 f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{main}.worksheet+xml"/>')
    rel = _REL.format(id="rId1", type="officeDocument/2006/relationships/officeDocument", target="xl/workbook.xml")
    wb_rel = _REL.format(id="rId1", type="officeDocument/2006/relationships/worksheet",
                         target="worksheets/sheet1.xml")
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{S_NS}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    ws = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S_NS}">'.encode()
    return _zip({"[Content_Types].xml": _CT.format(overrides=overrides).encode(),
                 "_rels/.rels": _RELS.format(rels=rel).encode(), "xl/workbook.xml": workbook.encode(),
                 "xl/_rels/workbook.xml.rels": _RELS.format(rels=wb_rel).encode(),
                 "xl/worksheets/sheet1.xml": ws + sheet + b"</worksheet>"})


def pdf(content: bytes) -> bytes:
    """A one-page A4 PDF whose content stream is ``content``.

    Fonts: /F1 Helvetica (ASCII) and /F2 STSong-Light with UniGB-UCS2-H, so a hex
    string ``<4E00>`` shows Chinese without an embedded font.
    """
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_objects(objs)


def pdf_objects(objects: list[bytes], root: int = 1) -> bytes:
    """Serialise numbered objects (1-based, in order) with a correct xref table.

    Shared by the fuzz seeds and the hostile corpus (tests/hostile/make_hostile.py).
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()

"""A tiny PDF writer for tests: Latin text in Helvetica and ruled lines, nothing else.

Enough to build documents with running headers, page numbers and ruled tables whose
geometry the test controls exactly, without adding a PDF-writing dependency.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    width: float = 595.0
    height: float = 842.0
    ops: list[str] = field(default_factory=list)

    def text(self, x: float, top: float, s: str, size: float = 10.0) -> None:
        """Text whose top edge is ``top`` points below the page top.

        ASCII goes out in Helvetica; anything else in the predefined Adobe-GB1 font
        (STSong-Light, UniGB-UCS2-H), which pdfminer maps back to Unicode by itself.
        """
        y = self.height - top - size * 0.8
        if s.isascii():
            esc = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            self.ops.append(f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td ({esc}) Tj ET")
        else:
            hexed = s.encode("utf-16-be").hex().upper()
            self.ops.append(f"BT /F2 {size} Tf {x:.2f} {y:.2f} Td <{hexed}> Tj ET")

    def line(self, x0: float, top0: float, x1: float, top1: float) -> None:
        self.ops.append(f"{x0:.2f} {self.height - top0:.2f} m {x1:.2f} {self.height - top1:.2f} l S")

    def grid(self, xs: list[float], ys: list[float]) -> None:
        """Full rulings: every x from the first to the last y, every y across."""
        for x in xs:
            self.line(x, ys[0], x, ys[-1])
        for y in ys:
            self.line(xs[0], y, xs[-1], y)


def build(pages: list[Page]) -> bytes:
    objs: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    first_page = 4
    font2 = first_page + 2 * n
    for i, p in enumerate(pages):
        stream = "\n".join(["0.5 w"] + p.ops).encode("latin-1")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {p.width} {p.height}] "
            f"/Resources << /Font << /F1 3 0 R /F2 {font2} 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        f"/DescendantFonts [{font2 + 1} 0 R] >>".encode()
    )
    objs.append(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

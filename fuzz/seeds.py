"""Build the seed corpora in ``fuzz/corpus/<target>/`` from the bundled samples.

``python -m fuzz.seeds`` (run by ``fuzz/run.py`` when a corpus is missing). Seeds are
kept small (≤ the target's max_len): the first table of a sample rather than the whole
file, a DOCX body or XLSX sheet wrapped by ``fuzz.containers`` rather than the zip.
The output is deterministic, so rebuilding leaves a clean tree clean.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from fuzz import encode
from fuzz.targets import MAX_LEN, TARGETS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT / "fuzz" / "corpus"

VALUES = ["≥95%", "=100.00(%)", "90（含）-100", "下降", "12月31日前", "≤15天内", "230.274 万元", "百分之九十五",
          "三个", "健全有效", "1,234,567.89元", "-5%", "95%~100%", "不低于 80 %", "二〇二三", "100. 00", "＞=９０％",
          "0起", "逐年提高", "≥1万人次", "较上年增长5%", "2023年12月31日", "—", "一点五", "九亿亿亿亿"]

TABLE_XML = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr><w:tc><w:p><w:r><w:t>一级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>二级指标</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>三级指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>指标值</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>数量指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>培训人次</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>≥500人次</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>"
    "<w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>100</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
)
SHEET_XML = (
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>一级指标</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>分值</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>得分</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>产出指标</t></is></c><c r=\"B2\"><v>50</v></c>"
    "<c r=\"C2\"><v>48.5</v></c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>合计</t></is></c>"
    "<c r=\"B3\"><f>SUM(B2)</f><v>50</v></c><c r=\"C3\"><v>48.5</v></c></row></sheetData>"
    "<mergeCells count=\"1\"><mergeCell ref=\"A2:A3\"/></mergeCells>"
)
PDF_CONTENT = (
    b"0.5 w 50 700 m 545 700 l S 50 680 m 545 680 l S 50 660 m 545 660 l S 50 660 m 50 700 l S "
    b"300 660 m 300 700 l S 545 660 m 545 700 l S "
    b"BT /F2 10 Tf 60 686 Td <4E007EA763074E07> Tj ET BT /F2 10 Tf 310 686 Td <52066570> Tj ET "
    b"BT /F1 10 Tf 60 666 Td (Total 100.00) Tj ET BT /F1 10 Tf 310 666 Td (95%) Tj ET "
    b"BT /F2 12 Tf 60 740 Td <7EE9654862A5544A> Tj ET"
)
HTML = ("<html><body><h1>项目支出绩效自评表</h1><p>单位：万元</p><table><tr><th>一级指标</th><th>二级指标</th>"
        "<th>分值</th><th>得分</th></tr><tr><td rowspan=2>产出指标</td><td>数量指标</td><td>20</td><td>19</td></tr>"
        "<tr><td>质量指标</td><td>20</td><td>20</td></tr><tr><td colspan=2>合计</td><td>40</td><td>39</td></tr>"
        "</table></body></html>")
MARKDOWN = ("# 绩效评价报告\n\n预算执行率为95.5%，资金总额230.274万元。\n\n| 一级指标 | 分值 | 得分 |\n|---|---|---|\n"
            "| 产出指标 | 50 | 48 |\n| 效益指标 | 30 | 29 |\n| 合计 | 80 | 77 |\n")


def _put(target: str, data: bytes) -> None:
    """One seed, named by its hash so a rebuild writes the same files."""
    data = data[:MAX_LEN[target]]
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed-{hashlib.sha1(data).hexdigest()[:16]}").write_bytes(data)


def _first(pattern: str, text: str, limit: int) -> list[str]:
    """Matches of ``pattern`` in ``text`` no longer than ``limit`` characters."""
    return [m for m in re.findall(pattern, text, flags=re.S) if len(m.encode()) <= limit]


def _sample_tables() -> list:
    from extractor import read

    docs = []
    for path in sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.html")):
        docs.append(read(path))
    return docs


def build() -> dict[str, int]:
    """Write every corpus; returns the seed count per target."""
    for v in VALUES:
        _put("values", b"\x00" + v.encode())
    docs = _sample_tables()
    for doc in docs:
        blocks = [b.text for b in doc.blocks[:3]]
        for t in doc.tables[:6]:
            seed = encode.document(t, blocks, title=0)
            _put("table", seed)
            _put("checker", seed)
            for row in t.grid()[:12]:
                for cell in row[:6]:
                    if cell and len(cell) < 40:
                        _put("values", b"\x00" + cell.encode())
    _put("extract_pdf", b"\x01" + PDF_CONTENT)
    for path in sorted((ROOT / "tests" / "fixtures" / "bad").glob("*.pdf")):
        if path.stat().st_size <= MAX_LEN["extract_pdf"]:
            _put("extract_pdf", b"\x00" + path.read_bytes())
    _put("extract_docx", b"\x01" + TABLE_XML.encode())
    for path in sorted(SAMPLES.glob("*.docx")):
        body = zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml").decode()
        for tbl in _first(r"<w:tbl>.*?</w:tbl>", body, MAX_LEN["extract_docx"] - 1)[:3]:
            _put("extract_docx", b"\x01" + tbl.encode())
    _put("extract_xlsx", b"\x01" + SHEET_XML.encode())
    _put("extract_xls", (ROOT / "tests" / "fixtures" / "legacy" / "eval_report_tables.xls").read_bytes())
    _put("extract_html", HTML.encode())
    _put("extract_html", HTML.encode("gbk"))
    for path in sorted(SAMPLES.glob("*.html")):
        for tbl in _first(r"<table.*?</table>", path.read_text(encoding="utf-8"), MAX_LEN["extract_html"]):
            _put("extract_html", tbl.encode())
    _put("extract_md", MARKDOWN.encode())
    _put("extract_txt", MARKDOWN.encode("utf-16"))
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        _put("extract_txt", text[:2000].encode())
        _put("extract_txt", text[:2000].encode("gb18030"))
        _put("extract_md", text[:2000].encode())
    return {t: len(list((CORPUS / t).glob("*"))) for t in TARGETS}


if __name__ == "__main__":
    for target, n in build().items():
        print(f"{target}: {n} seeds")

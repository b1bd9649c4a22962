"""Downloads of one report: the findings as XLSX, the whole review as one HTML file.

The HTML file is self-contained (its CSS inline, no scripts, no links out) so that it can
be mailed or archived and opened anywhere years later.
"""

from __future__ import annotations

import io

from extractor.contract import SEVERITIES
from extractor.spreadsheet import safe_row

SEVERITY_ZH = {"error": "错误", "rounding": "舍入", "warning": "存疑", "info": "提示"}


def _where(loc: dict) -> str:
    bits = []
    if loc.get("page") is not None:
        bits.append(f"第{loc['page']}页")
    if loc.get("table"):
        bits.append(str(loc["table"]))
    if loc.get("row") is not None:
        bits.append(f"行{loc['row']}")
    if loc.get("col") is not None:
        bits.append(f"列{loc['col']}")
    return " ".join(bits)


def where(finding: dict) -> str:
    """Locations of a finding in words: 第12页 p12-t1 行5; …"""
    return "; ".join(w for w in (_where(loc) for loc in finding.get("locations") or []) if w) or "—"


def findings_xlsx(report: dict) -> bytes:
    """One row per finding, most severe first, with a header row Excel can filter; no cell is a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "findings"
    ws.append(["文件 file", "严重程度 severity", "规则 rule", "说明 message", "应为 expected", "实际 actual", "位置 where"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    for f in sorted(report.get("findings", []), key=lambda f: order.get(f["severity"], 9)):
        ws.append(safe_row([report["source"]["file"], f"{SEVERITY_ZH.get(f['severity'], '')} {f['severity']}",
                            f["rule"], f["message"], f.get("expected"), f.get("actual"), where(f)]))
    for col, width in zip("ABCDEFG", (28, 14, 20, 70, 14, 14, 30), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def grouped(findings: list[dict]) -> list[tuple[str, str, list[tuple[int, dict]]]]:
    """``(severity, 中文, [(index, finding)])`` in severity order; indexes point into the report."""
    out = []
    for sev in SEVERITIES:
        items = [(i, f) for i, f in enumerate(findings) if f["severity"] == sev]
        out.append((sev, SEVERITY_ZH[sev], items))
    return out

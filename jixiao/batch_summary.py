"""``summary.json`` and ``summary.xlsx``: one row per input file, plus totals.

The reviewer of a batch of 300 reports opens the spreadsheet first, so failures carry
their reason in words and every file appears, including the ones that were skipped
because an earlier run already did them. Rows are sorted by path so two runs over the
same tree give the same order whichever worker finished first.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from extractor.atomic import write_atomic
from extractor.spreadsheet import safe_row
from jixiao.batch_task import SEVERITIES

STATUSES = ("ok", "failed", "timeout", "skipped")
ROW_KEYS = ("path", "sha256", "status", "kind", "pages", "projects", "indicators", "findings",
            "seconds", "error")


def summary_row(result: dict) -> dict:
    """The public fields of a worker result (drops the JSON text and worker details)."""
    row = {k: result.get(k) for k in ROW_KEYS}
    row["findings"] = {s: (result.get("findings") or {}).get(s, 0) for s in SEVERITIES}
    if result.get("previous"):
        row["previous"] = result["previous"]
    return row


def totals(rows: list[dict]) -> dict:
    """Sums over the rows; ``files_by_status`` has every status even when zero, for stable columns."""
    return {
        "files": len(rows),
        "files_by_status": {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES},
        "pages": sum(r["pages"] or 0 for r in rows),
        "projects": sum(r["projects"] or 0 for r in rows),
        "indicators": sum(r["indicators"] or 0 for r in rows),
        "findings": {s: sum(r["findings"][s] for r in rows) for s in SEVERITIES},
        "seconds": round(sum(r["seconds"] or 0 for r in rows if r["status"] != "skipped"), 3),
    }


def build_summary(rows: list[dict], settings: dict, interrupted: bool = False) -> dict:
    rows = sorted(rows, key=lambda r: r["path"])
    out = {"settings": settings, "files": rows, "totals": totals(rows)}
    if interrupted:
        out["interrupted"] = True
    return out


HEADER = ["文件 path", "状态 status", "类型 kind", "页数 pages", "项目 projects", "指标 indicators",
          "错误 error", "舍入 rounding", "存疑 warning", "提示 info", "秒 seconds", "原因 reason", "sha256"]


def _cells(r: dict) -> list:
    f = r["findings"]
    status = r["status"] + (f" ({r['previous']})" if r.get("previous") else "")
    return [r["path"], status, r["kind"], r["pages"], r["projects"], r["indicators"], f["error"],
            f["rounding"], f["warning"], f["info"], r["seconds"], r["error"], r["sha256"]]


def summary_xlsx(summary: dict) -> bytes:
    """The summary as a workbook: a ``files`` sheet (filterable, frozen header) and ``totals``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "files"
    ws.append(HEADER)
    for r in summary["files"]:
        ws.append(safe_row(_cells(r)))  # a file named =HYPERLINK(…).pdf stays text
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGHIJKLM", (48, 16, 20, 8, 8, 10, 8, 10, 10, 8, 9, 60, 66), strict=True):
        ws.column_dimensions[col].width = width
    t = summary["totals"]
    ts = wb.create_sheet("totals")
    ts.append(["item", "value"])
    ts.append(["files", t["files"]])
    for k, v in t["files_by_status"].items():
        ts.append([f"files {k}", v])
    for k in ("pages", "projects", "indicators"):
        ts.append([k, t[k]])
    for k, v in t["findings"].items():
        ts.append([f"findings {k}", v])
    ts.append(["seconds (sum over files)", t["seconds"]])
    if summary.get("interrupted"):
        ts.append(["interrupted", "yes: run the batch again to finish"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_summary(out_dir: Path, summary: dict) -> None:
    write_atomic(out_dir / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    write_atomic(out_dir / "summary.xlsx", summary_xlsx(summary))

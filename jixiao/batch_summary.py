"""``summary.json`` and ``summary.xlsx``: one row per input file, plus totals.

The reviewer of a batch of 300 reports opens the spreadsheet first, so failures carry
their reason in words and every file appears, including the ones that were skipped
because an earlier run already did them. Rows are sorted by path so two runs over the
same tree give the same order whichever worker finished first.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extractor.atomic import write_atomic
from extractor.severity import SEVERITIES
from extractor.spreadsheet import safe_row

Status = Literal["ok", "failed", "timeout", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "failed", "timeout", "skipped")


def _counts(found: dict | None) -> dict[str, int]:
    return {s: (found or {}).get(s, 0) for s in SEVERITIES}


@dataclass
class BatchRow:
    """One input file of a batch as the summary, the manifest and the progress show it.

    A worker's result carries more (the JSON text, its pid and memory); this is what is
    public. ``previous`` is the status an earlier run gave a file this run ``skipped``.
    """

    path: str
    sha256: str | None = None
    status: Status = "ok"
    kind: str | None = None
    pages: int | None = None
    projects: int | None = 0
    indicators: int | None = 0
    findings: dict[str, int] = field(default_factory=lambda: _counts(None))
    seconds: float | None = None
    error: str | None = None
    previous: Status | None = None

    @classmethod
    def from_dict(cls, data: dict) -> BatchRow:
        """A worker's result, or a row as ``summary.json`` and the manifest keep it."""
        return cls(path=data["path"], sha256=data.get("sha256"), status=data.get("status") or "ok",
                   kind=data.get("kind"), pages=data.get("pages"), projects=data.get("projects"),
                   indicators=data.get("indicators"), findings=_counts(data.get("findings")),
                   seconds=data.get("seconds"), error=data.get("error"), previous=data.get("previous") or None)

    def to_dict(self) -> dict:
        """The row as ``summary.json`` and the manifest write it (``previous`` only when set)."""
        out = {"path": self.path, "sha256": self.sha256, "status": self.status, "kind": self.kind,
               "pages": self.pages, "projects": self.projects, "indicators": self.indicators,
               "findings": dict(self.findings), "seconds": self.seconds, "error": self.error}
        if self.previous:
            out["previous"] = self.previous
        return out


def summary_row(result: dict) -> BatchRow:
    """The public fields of a worker result (drops the JSON text and worker details)."""
    return BatchRow.from_dict(result)


@dataclass(frozen=True)
class Totals:
    """Sums over a batch's rows; ``files_by_status`` has every status even when zero, for
    stable columns; ``seconds`` leaves out the files an earlier run did (``skipped``)."""

    files: int
    files_by_status: dict[str, int]
    pages: int
    projects: int
    indicators: int
    findings: dict[str, int]
    seconds: float

    @classmethod
    def of(cls, rows: list[BatchRow]) -> Totals:
        return cls(
            files=len(rows),
            files_by_status={s: sum(1 for r in rows if r.status == s) for s in STATUSES},
            pages=sum(r.pages or 0 for r in rows),
            projects=sum(r.projects or 0 for r in rows),
            indicators=sum(r.indicators or 0 for r in rows),
            findings={s: sum(r.findings[s] for r in rows) for s in SEVERITIES},
            seconds=round(sum(r.seconds or 0 for r in rows if r.status != "skipped"), 3),
        )

    def to_dict(self) -> dict:
        return {"files": self.files, "files_by_status": dict(self.files_by_status), "pages": self.pages,
                "projects": self.projects, "indicators": self.indicators, "findings": dict(self.findings),
                "seconds": self.seconds}


@dataclass(frozen=True)
class BatchSummary:
    """What ``summary.json`` holds: the run's settings, one row per input file sorted by path,
    the totals, and whether the run was interrupted (Ctrl-C) before every file was done."""

    settings: dict
    files: list[BatchRow]
    totals: Totals
    interrupted: bool = False

    @property
    def failed(self) -> int:
        """Files without a report, whether they failed now or in the run that a skip trusts."""
        bad = ("failed", "timeout")
        return sum(1 for r in self.files if r.status in bad or r.previous in bad)

    def to_dict(self) -> dict:
        out = {"settings": self.settings, "files": [r.to_dict() for r in self.files], "totals": self.totals.to_dict()}
        if self.interrupted:
            out["interrupted"] = True
        return out


def build_summary(rows: list[BatchRow], settings: dict, interrupted: bool = False) -> BatchSummary:
    rows = sorted(rows, key=lambda r: r.path)
    return BatchSummary(settings, rows, Totals.of(rows), interrupted)


HEADER = ["文件 path", "状态 status", "类型 kind", "页数 pages", "项目 projects", "指标 indicators",
          "错误 error", "舍入 rounding", "存疑 warning", "提示 info", "秒 seconds", "原因 reason", "sha256"]


def _cells(r: BatchRow) -> list:
    f = r.findings
    status = r.status + (f" ({r.previous})" if r.previous else "")
    return [r.path, status, r.kind, r.pages, r.projects, r.indicators, f["error"],
            f["rounding"], f["warning"], f["info"], r.seconds, r.error, r.sha256]


def summary_xlsx(summary: BatchSummary) -> bytes:
    """The summary as a workbook: a ``files`` sheet (filterable, frozen header) and ``totals``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "files"
    ws.append(HEADER)
    for r in summary.files:
        ws.append(safe_row(_cells(r)))  # a file named =HYPERLINK(…).pdf stays text
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGHIJKLM", (48, 16, 20, 8, 8, 10, 8, 10, 10, 8, 9, 60, 66), strict=True):
        ws.column_dimensions[col].width = width
    t = summary.totals
    ts = wb.create_sheet("totals")
    ts.append(["item", "value"])
    ts.append(["files", t.files])
    for k, v in t.files_by_status.items():
        ts.append([f"files {k}", v])
    for k, v in (("pages", t.pages), ("projects", t.projects), ("indicators", t.indicators)):
        ts.append([k, v])
    for k, v in t.findings.items():
        ts.append([f"findings {k}", v])
    ts.append(["seconds (sum over files)", t.seconds])
    if summary.interrupted:
        ts.append(["interrupted", "yes: run the batch again to finish"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_summary(out_dir: Path, summary: BatchSummary) -> None:
    write_atomic(out_dir / "summary.json", json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
    write_atomic(out_dir / "summary.xlsx", summary_xlsx(summary))

"""The whole pipeline for one file: extract → recognise → check.

The CLI, the batch and the web app all call ``process`` so that a report reads the
same whichever way it came in. A contract JSON given as input is re-checked as it is,
which lets users fix a JSON by hand and check it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from extractor.atomic import write_atomic
from extractor.contract import Report
from extractor.document import Document
from extractor.errors import CorruptError, ExtractionError, NotPerformanceDocumentError


def load_report_json(path: Path) -> Report | None:
    """A contract JSON file as a Report, or None when the file is not one."""
    if path.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CorruptError(path.name, f"not valid JSON: {e}") from e
    if not isinstance(data, dict) or data.get("schema_version") != "1":
        raise CorruptError(path.name, "a JSON file that is not a jixiao report (schema_version 1)")
    data["findings"] = []
    report = Report.model_validate(data)
    if "events" not in data:  # a JSON written before Report.events: read them as recognise does
        from patterns.events import report_events

        report.events = report_events(report)
    return report


Progress = Callable[[str, float], None]


def _quiet(stage: str, fraction: float) -> None:
    """No one is told the stages (the CLI and the batch time whole files)."""


def extract(path: str | Path, *, max_pages: int | None = None, name: str | None = None,
            progress: Progress = _quiet, keep: Callable[[Document], None] | None = None) -> Report:
    """Read and recognise one file (no findings yet).

    ``name``: the file name the report names (an upload's own name, not the name it is
    stored under). ``progress(stage, fraction)`` hears each stage begin; ``keep(doc)`` is
    handed the reader's ``Document`` (the web app keeps its cell boxes for highlighting).
    A text that is not about budget performance raises ``NotPerformanceDocumentError``.
    """
    import extractor
    import patterns

    path = Path(path)
    report = load_report_json(path)
    if report is not None:
        return report
    from patterns.relevance import is_performance_document

    progress("读取文档 reading", 0.1)
    doc = extractor.read(path, max_pages=max_pages)
    if name is not None:
        doc.file = name
    if keep is not None:
        keep(doc)
    progress("识别指标 recognising", 0.5)
    report = patterns.recognise(doc)
    if not is_performance_document(doc, report):
        raise NotPerformanceDocumentError(name or path.name)
    return report


def process(path: str | Path, *, max_pages: int | None = None, config=None, name: str | None = None,
            progress: Progress = _quiet, keep: Callable[[Document], None] | None = None,
            survive_checker: bool = False) -> Report:
    """Read, recognise and check one file; the returned Report carries its findings.

    ``survive_checker``: a checker crash (each rule's own crash is already a ``rule.crash``
    finding) becomes a source warning instead of an exception, so that a viewer still
    shows the extracted tables.
    """
    import checker

    report = extract(path, max_pages=max_pages, name=name, progress=progress, keep=keep)
    progress("核对数字 checking", 0.7)
    try:
        report.findings = checker.check(report, config)
    except Exception as e:
        if not survive_checker:
            raise
        report.source.warnings.append(f"checker failed: {type(e).__name__}: {e}")
    return report


def output_names(inputs: list[Path]) -> dict[Path, str]:
    """One JSON name per input, so that two inputs never collide (``a/x.pdf`` and ``b/x.pdf``)."""
    stems: dict[str, int] = {}
    for p in inputs:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    names: dict[Path, str] = {}
    used: set[str] = set()
    for p in inputs:
        name = f"{p.stem}.json"
        if stems[p.stem] > 1 or name in used:
            tag = hashlib.sha256(str(p.resolve()).encode()).hexdigest()[:8]
            name = f"{p.stem}.{p.suffix.lstrip('.')}.{tag}.json"
        used.add(name)
        names[p] = name
    return names


__all__ = ["ExtractionError", "extract", "load_report_json", "output_names", "process", "write_atomic"]

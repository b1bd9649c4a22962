"""The whole pipeline for one file: extract → recognise → check.

The CLI, the batch and the web app all call ``process`` so that a report reads the
same whichever way it came in. A contract JSON given as input is re-checked as it is,
which lets users fix a JSON by hand and check it again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extractor.atomic import write_atomic
from extractor.contract import Report
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


def extract(path: str | Path, *, max_pages: int | None = None) -> Report:
    """Read and recognise one file (no findings yet)."""
    import extractor
    import patterns

    path = Path(path)
    report = load_report_json(path)
    if report is not None:
        return report
    from patterns.relevance import is_performance_document

    doc = extractor.read(path, max_pages=max_pages)
    report = patterns.recognise(doc)
    if not is_performance_document(doc, report):
        raise NotPerformanceDocumentError(path.name)
    return report


def process(path: str | Path, *, max_pages: int | None = None, config=None) -> Report:
    """Read, recognise and check one file; the returned Report carries its findings."""
    import checker

    report = extract(path, max_pages=max_pages)
    report.findings = checker.check(report, config)
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

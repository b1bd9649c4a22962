"""The work on one file of a batch, as run inside a worker (local process or Dask).

It returns plain data (the Report JSON text and a summary row) rather than writing
anything, so that the parent alone writes outputs: one writer means no two workers race
on a file, an interrupted worker never leaves a half-written output, and the JSON bytes
are exactly those ``Report.to_json`` gives to ``jixiao extract`` / ``jixiao check -o``.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.contract import SEVERITIES

DEFAULT_PROCESSOR = "jixiao.pipeline:process"
EXTRACT_PROCESSOR = "jixiao.pipeline:extract"


def load_processor(spec: str) -> Callable[[Path], Any]:
    """``"module:function"`` → the function; a name, not a callable, so it pickles to any worker."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def sha256_file(path: Path) -> str:
    """Hash in chunks so that a large PDF is never held twice in memory."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def peak_rss_mb() -> float:
    """This process's high-water resident memory (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report_row(report) -> dict:
    """The figures of one report that the batch summary shows."""
    counts = {s: 0 for s in SEVERITIES}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return {
        "kind": report.document.kind,
        "pages": report.source.pages,
        "projects": len(report.projects),
        "indicators": sum(len(p.indicators) for p in report.projects),
        "findings": counts,
    }


def empty_row() -> dict:
    return {"kind": None, "pages": None, "projects": 0, "indicators": 0,
            "findings": {s: 0 for s in SEVERITIES}}


def run_file(processor: str, rel: str, path: str, sha256: str | None = None,
             max_memory_mb: int | None = None) -> dict:
    """Process one file and describe the outcome; never raises for a bad input.

    ``status`` is ``ok`` or ``failed``; ``final`` says whether a rerun on the same bytes
    would give the same answer (an unreadable file: yes; running out of memory or a
    parser bug: maybe not), which decides whether a resumed batch tries it again.
    """
    from extractor.errors import ExtractionError

    t0 = time.perf_counter()
    result: dict[str, Any] = {"path": rel, "sha256": sha256, "status": "ok", "error": None,
                              "final": True, "json": None, "restart": False, **empty_row()}
    try:
        if result["sha256"] is None:
            result["sha256"] = sha256_file(Path(path))
        report = load_processor(processor)(Path(path))
        result["json"] = report.to_json()
        result.update(report_row(report))
    except ExtractionError as e:
        result.update(status="failed", error=str(e))
    except MemoryError:
        limit = f" (over --max-memory {max_memory_mb} MB)" if max_memory_mb else ""
        result.update(status="failed", error=f"{Path(path).name}: ran out of memory{limit}",
                      final=False, restart=True, json=None)
    except RecursionError as e:
        result.update(status="failed", error=f"{Path(path).name}: internal error (RecursionError: {e})",
                      final=False)
    except Exception as e:  # a parser bug in one file must not stop the batch
        result.update(status="failed", final=False,
                      error=f"{Path(path).name}: internal error while reading ({type(e).__name__}: {e})")
    result["seconds"] = round(time.perf_counter() - t0, 3)
    result["pid"] = os.getpid()
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result


def run_bytes(processor: str, rel: str, name: str, data: bytes, sha256: str | None = None) -> dict:
    """``run_file`` on bytes shipped to a remote (Dask) worker that may not see our disk.

    The bytes go to a private temporary folder under the original base name, because the
    report records ``source.file`` and readers sniff by name as well as content.
    """
    with tempfile.TemporaryDirectory(prefix="jixiao-batch-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return run_file(processor, rel, str(path), sha256)

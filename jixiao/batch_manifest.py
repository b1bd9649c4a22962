"""The resume record of a batch: ``OUT_DIR/.jixiao-batch.json``.

A batch over a ministry's archive runs for hours and gets interrupted; the manifest lets
the next run skip every file whose bytes (sha256) and settings (jixiao version, processing
mode) are unchanged. It is keyed by the path relative to IN_DIR, written atomically, and
only ever records a file after its JSON output is on disk, so a crash between the two
costs a redo, never a missing output.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from extractor.atomic import write_atomic
from jixiao import __version__
from jixiao.batch_summary import BatchRow

MANIFEST_NAME = ".jixiao-batch.json"
MANIFEST_VERSION = 1


def settings_fingerprint(processor: str, extra: dict | None = None) -> str:
    """A short hash of everything that changes a file's output; a new jixiao redoes all."""
    settings = {"jixiao": __version__, "processor": processor, **(extra or {})}
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


class Manifest:
    """Entries ``rel → {sha256, settings, final, row}``; saved at most every ``every`` seconds."""

    def __init__(self, out_dir: Path, every: float = 1.0) -> None:
        self.path = out_dir / MANIFEST_NAME
        self.every = every
        self.entries: dict[str, dict] = {}
        self._dirty = False
        self._saved = 0.0
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                data = {}  # unreadable: start afresh rather than refuse to run
            if data.get("version") == MANIFEST_VERSION and isinstance(data.get("files"), dict):
                self.entries = data["files"]

    def done(self, rel: str, sha256: str, settings: str, output: Path) -> BatchRow | None:
        """The earlier row of ``rel`` when it need not be processed again, else None."""
        e = self.entries.get(rel)
        if not e or e.get("sha256") != sha256 or e.get("settings") != settings or not e.get("final"):
            return None
        row = e.get("row") or {}
        if row.get("status") == "ok" and not output.exists():
            return None  # the output was deleted: make it again
        return BatchRow.from_dict({"path": rel, **row})

    def record(self, rel: str, sha256: str, settings: str, final: bool, row: BatchRow) -> None:
        self.entries[rel] = {"sha256": sha256, "settings": settings, "final": final, "row": row.to_dict()}
        self._dirty = True
        if time.monotonic() - self._saved >= self.every:
            self.save()

    def save(self) -> None:
        if not self._dirty and self.path.exists():
            return
        data = {"version": MANIFEST_VERSION, "files": dict(sorted(self.entries.items()))}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self._dirty = False
        self._saved = time.monotonic()

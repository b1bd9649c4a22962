"""The data directory: one folder per job, named by a generated id.

Layout under ``Settings.jobs_dir``::

    <id>/input.<fmt>      the uploaded bytes (the format is sniffed, the user's name is not used)
    <id>/meta.json        status, stage, original name (for display only), counts
    <id>/report.json      the contract JSON, once processed
    <id>/geometry.json    cell boxes in PDF points, for highlighting
    <id>/pages/<n>.png    page images, rendered on first view

Ids are checked against ``ID_RE`` before any path is built, so a request can never name a
file outside the data directory.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractor.atomic import write_atomic

ID_RE = re.compile(r"^[0-9a-f]{16}$")


@dataclass
class JobMeta:
    """What the job list shows about one upload."""

    id: str
    name: str  # the browser's file name, base name only; shown, never used as a path
    format: str
    size: int
    pages: int | None = None
    status: str = "queued"  # queued | running | done | failed
    stage: str = "排队中"
    progress: float = 0.0  # 0..1
    error: str | None = None
    created: float = field(default_factory=time.time)
    counts: dict[str, int] = field(default_factory=dict)
    indicators: int = 0
    tables: int = 0
    kind: str | None = None
    project: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def new_id() -> str:
    return secrets.token_hex(8)


def safe_display_name(name: str | None) -> str:
    """The base name of what the browser sent, without directories or control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or "upload"


class JobStore:
    """Job folders on disk plus an in-memory index, safe to use from the worker threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._jobs: dict[str, JobMeta] = {}
        self._load()

    def _load(self) -> None:
        for meta_path in sorted(self.root.glob("*/meta.json")):
            if not ID_RE.match(meta_path.parent.name):
                continue
            try:
                meta = JobMeta(**json.loads(meta_path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                continue
            if meta.status in ("queued", "running"):  # the server stopped mid-way
                meta.status, meta.stage, meta.error = "failed", "中断", "the server stopped before this file was done"
            self._jobs[meta.id] = meta

    def dir(self, job_id: str) -> Path:
        if not ID_RE.match(job_id or ""):
            raise KeyError(job_id)
        return self.root / job_id

    def create(self, name: str, fmt: str, data: bytes, pages: int | None) -> JobMeta:
        meta = JobMeta(id=new_id(), name=safe_display_name(name), format=fmt, size=len(data), pages=pages)
        folder = self.dir(meta.id)
        folder.mkdir(parents=True)
        write_atomic(folder / f"input.{fmt}", data)
        self.save(meta)
        return meta

    def input_path(self, meta: JobMeta) -> Path:
        return self.dir(meta.id) / f"input.{meta.format}"

    def save(self, meta: JobMeta) -> None:
        with self._lock:
            self._jobs[meta.id] = meta
            write_atomic(self.dir(meta.id) / "meta.json", json.dumps(meta.to_dict(), ensure_ascii=False, indent=1))

    def update(self, job_id: str, **changes) -> JobMeta:
        with self._lock:
            meta = self._jobs[job_id]
            for k, v in changes.items():
                setattr(meta, k, v)
        self.save(meta)
        return meta

    def get(self, job_id: str) -> JobMeta | None:
        if not ID_RE.match(job_id or ""):
            return None
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[JobMeta]:
        """Newest first."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda m: (-m.created, m.id))

    def read_json(self, job_id: str, name: str) -> dict | None:
        path = self.dir(job_id) / name
        if not path.exists():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

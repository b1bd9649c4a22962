"""Background processing of uploads in a small thread pool, with progress in the job store.

Threads rather than processes: the recogniser's vocabulary and jieba's dictionary load once and are
shared, and a reviewer's laptop processes a handful of files, not thousands (``jixiao
batch`` is for those). The page polls ``/api/jobs`` for the stage each file is in.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from extractor.contract import SEVERITIES
from extractor.errors import ExtractionError
from jixiao.web.analyse import analyse
from jixiao.web.settings import Settings
from jixiao.web.store import JobMeta, JobStore

log = logging.getLogger("jixiao.web")


class JobRunner:
    """Queue uploads and run them; every state change is saved to the job's meta.json."""

    def __init__(self, store: JobStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="jixiao-job")
        self.futures: dict[str, Future] = {}

    def submit(self, meta: JobMeta) -> None:
        self.futures[meta.id] = self.pool.submit(self._run, meta.id)

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        """Block until a job is finished (for tests and scripts)."""
        fut = self.futures.get(job_id)
        if fut is not None:
            fut.result(timeout=timeout)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job_id: str) -> None:
        meta = self.store.update(job_id, status="running", stage="开始 starting", progress=0.05)

        def progress(stage: str, fraction: float) -> None:
            self.store.update(job_id, stage=stage, progress=fraction)

        try:
            report = analyse(self.store.input_path(meta), meta.name, self.store.dir(job_id),
                             max_pages=self.settings.max_pages, corpus_db=self.settings.corpus_db,
                             progress=progress)
        except ExtractionError as e:
            reason = f"{meta.name}: {e.reason}" + (f" ({e.detail})" if e.detail else "")
            self.store.update(job_id, status="failed", stage="无法读取", error=reason, progress=1.0)
            return
        except Exception as e:  # shown in the job list; the server keeps serving
            log.exception("job %s failed", job_id)
            self.store.update(job_id, status="failed", stage="内部错误", progress=1.0,
                              error=f"internal error while reading ({type(e).__name__}: {e})")
            return
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITIES}
        self.store.update(job_id, status="done", stage="完成 done", progress=1.0, counts=counts,
                          pages=report.source.pages, tables=len(report.tables),
                          indicators=sum(len(p.indicators) for p in report.projects),
                          kind=report.document.kind, project=report.document.project)

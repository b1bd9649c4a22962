"""Local worker processes that can be killed one task at a time.

``concurrent.futures.ProcessPoolExecutor`` cannot stop a single runaway task, and one
crashed worker breaks the whole pool. A batch over thousands of government PDFs meets
both (a pathological table layout, a segfault in a C parser), so each worker here is a
plain process with its own pipe: the parent knows which file each worker holds, kills it
when it overruns ``--timeout``, notices when it dies, and starts a fresh one. Workers are
also replaced after ``max_tasks`` files so that memory fragmentation cannot pile up.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from jixiao.batch_task import empty_row, run_file


@dataclass(frozen=True)
class Task:
    rel: str
    path: str
    sha256: str | None = None


def _worker_main(conn: Connection, processor: str, max_memory_mb: int | None, max_tasks: int) -> None:
    """Loop of one worker: warm up, say ready, then take files until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # one OCR thread per worker: the pool is the parallelism, N workers × N threads oversubscribe
    os.environ.setdefault("JIXIAO_OCR_THREADS", "1")
    if max_memory_mb:
        import resource

        limit = max_memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:  # import the heavy stages before the first file so its time is its own
        from jixiao.batch_task import load_processor

        load_processor(processor)
        import checker  # noqa: F401
        import extractor  # noqa: F401
        import patterns  # noqa: F401
    except Exception:  # noqa: S110 - a broken import shows up as each file's error instead
        pass
    _warm(processor)  # imports the recognisers and reads the first pieces of jieba's dictionary (patterns.segment)
    conn.send(("ready", None))
    done = 0
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        result = run_file(processor, task.rel, task.path, task.sha256, max_memory_mb)
        done += 1
        result["restart"] = result["restart"] or done >= max_tasks
        conn.send(("result", result))
        if result["restart"]:
            return


WARM_TEXT = """2023年度项目绩效目标申报表
项目名称\t课题与规划
项目资金总额\t100000.00
一级指标\t二级指标\t三级指标\t年度指标值
产出指标\t数量指标\t课题完成率\t=100%
"""


def _warm(processor: str) -> None:
    """Run the processor once on a tiny document: first calls load lexicons and compile
    patterns, and that one-off cost must count against neither the first file's seconds
    nor its ``--timeout``."""
    import tempfile
    from pathlib import Path

    from jixiao.batch_task import load_processor

    try:
        with tempfile.TemporaryDirectory(prefix="jixiao-warm-") as tmp:
            path = Path(tmp) / "warm.txt"
            path.write_text(WARM_TEXT, encoding="utf-8")
            load_processor(processor)(path)
    except Exception:  # noqa: S110 - a real file will show the same error where it matters
        pass


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0


def lost_result(task: Task, status: str, error: str, seconds: float) -> dict:
    """The result of a file whose worker never answered (killed or crashed)."""
    return {"path": task.rel, "sha256": task.sha256, "status": status, "error": error, "final": False,
            "json": None, "restart": True, "seconds": round(seconds, 3), "pid": None, "peak_rss_mb": None,
            **empty_row()}


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"the worker process crashed ({signal.Signals(-exitcode).name})"
        except ValueError:
            return f"the worker process was killed by signal {-exitcode}"
    return f"the worker process exited unexpectedly (code {exitcode})"


class LocalPool:
    """Run ``run_file`` over tasks in ``workers`` processes, yielding results as they finish."""

    def __init__(self, processor: str, workers: int = 1, timeout: float | None = None,
                 max_memory_mb: int | None = None, max_tasks: int = 50) -> None:
        self.processor = processor
        self.workers = max(1, workers)
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.max_tasks = max(1, max_tasks)
        self._ctx = mp.get_context("spawn")  # no inherited threads or locks; same on every OS
        self._live: list[_Worker] = []
        self._startup_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        p = self._ctx.Process(target=_worker_main, name="jixiao-batch-worker", daemon=True,
                              args=(child, self.processor, self.max_memory_mb, self.max_tasks))
        p.start()
        child.close()
        w = _Worker(p, parent)
        self._live.append(w)
        return w

    def _retire(self, w: _Worker, kill: bool = False) -> None:
        if kill and w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.conn.close()
        if w in self._live:
            self._live.remove(w)

    def run(self, tasks: Iterable[Task]) -> Iterator[dict]:
        pending = deque(tasks)
        try:
            for _ in range(min(self.workers, len(pending))):
                self._spawn()
            while pending or any(w.task for w in self._live):
                for w in self._live:
                    if w.ready and w.task is None and pending:
                        w.task, w.started = pending.popleft(), time.monotonic()
                        w.conn.send(w.task)
                yield from self._collect(pending)
        finally:
            self.close()

    def _collect(self, pending: deque) -> Iterator[dict]:
        """Wait for the next event: a result, a ready worker, a death or an overrun."""
        now = time.monotonic()
        wait_for = None
        if self.timeout:
            deadlines = [w.started + self.timeout - now for w in self._live if w.task]
            wait_for = max(0.0, min(deadlines)) if deadlines else None
        objects = [w.conn for w in self._live] + [w.process.sentinel for w in self._live]
        ready = set(wait(objects, timeout=wait_for))
        for w in list(self._live):
            if w.conn in ready or (w.process.sentinel in ready and w.conn.poll()):
                try:
                    kind, payload = w.conn.recv()
                except (EOFError, OSError):
                    yield from self._crashed(w, pending)
                    continue
                if kind == "ready":
                    w.ready = True
                    continue
                w.task = None
                if payload["restart"]:
                    self._retire(w)
                    if pending:
                        self._spawn()
                yield payload
            elif w.process.sentinel in ready:
                yield from self._crashed(w, pending)
        if self.timeout:
            now = time.monotonic()
            for w in list(self._live):
                if w.task and now - w.started >= self.timeout:
                    task = w.task
                    self._retire(w, kill=True)
                    if pending:
                        self._spawn()
                    yield lost_result(task, "timeout", f"{task.rel}: gave up after {self.timeout:g} s (--timeout)",
                                now - w.started)

    def _crashed(self, w: _Worker, pending: deque) -> Iterator[dict]:
        task, started = w.task, w.started
        self._retire(w, kill=True)
        if not w.ready:
            self._startup_failures += 1
            if self._startup_failures > 3:
                raise RuntimeError(f"batch workers cannot start: {_death(w.process.exitcode)}")
        if pending:
            self._spawn()
        if task is not None:
            yield lost_result(task, "failed", f"{task.rel}: {_death(w.process.exitcode)}", time.monotonic() - started)

    def close(self) -> None:
        """Stop every worker now; used on success, on error and on Ctrl-C alike."""
        for w in list(self._live):
            if w.task is None and w.process.is_alive():
                try:
                    w.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
            self._retire(w, kill=w.task is not None)

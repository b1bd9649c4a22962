"""``jixiao batch``: a whole folder of documents, in parallel, resumable.

Workers only compute; this parent process alone writes (each output through
``write_atomic``, then the manifest, then the summary), feeds the corpus, and shows
progress. That split keeps the guarantees simple: outputs are byte-identical to the
single-file commands, nothing is half-written after Ctrl-C or a crash, and the next run
picks up where the last one stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from extractor.atomic import write_atomic
from extractor.sniff import SUFFIXES
from jixiao.batch_manifest import MANIFEST_NAME, Manifest, settings_fingerprint
from jixiao.batch_pool import LocalPool, Task, lost_result
from jixiao.batch_summary import BatchRow, BatchSummary, build_summary, summary_row, write_summary
from jixiao.batch_task import DEFAULT_PROCESSOR, EXTRACT_PROCESSOR, run_bytes, run_file, sha256_file

SUPPORTED = SUFFIXES


@dataclass
class BatchOptions:
    workers: int = 1                  # 0: in this process (debugging; no --timeout or --max-memory)
    timeout: float | None = None
    max_memory_mb: int | None = None
    scheduler: str | None = None      # tcp://host:8786 of a Dask cluster
    index: str | None = None          # corpus database to feed
    check: bool = True                # run the checker too (findings in JSON and summary)
    processor: str | None = None      # "module:function"; tests inject one, default from ``check``
    max_tasks_per_worker: int = 50

    def processor_name(self) -> str:
        return self.processor or (DEFAULT_PROCESSOR if self.check else EXTRACT_PROCESSOR)


@dataclass
class BatchResult:
    summary: BatchSummary
    wall_seconds: float
    processed: int
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid → its peak RSS
    rss_trace: dict[int, list[float]] = field(default_factory=dict)  # worker pid → peak RSS after each file

    @property
    def failed(self) -> int:
        """Files without a report, whether they failed now or in the run that a skip trusts."""
        return self.summary.failed


def find_inputs(in_dir: Path, out_dir: Path | None = None) -> list[str]:
    """Relative POSIX paths of every supported, non-hidden file under ``in_dir``, sorted.

    The output folder is left out when it lies inside the input folder, and so is any
    batch's summary workbook in the tree, so a batch never reads its own results.
    """
    in_dir = in_dir.resolve()
    out = out_dir.resolve() if out_dir else None
    nested = out is not None and out != in_dir and in_dir in out.parents
    found = []
    for p in in_dir.rglob("*"):
        rel = p.relative_to(in_dir)
        if any(part.startswith(".") for part in rel.parts) or p.suffix.lower() not in SUPPORTED:
            continue
        if nested and out in p.parents:
            continue
        if p.name == "summary.xlsx" and (p.parent / MANIFEST_NAME).exists():
            continue  # the summary of a batch written into this tree (OUT_DIR = IN_DIR, or an old run)
        if p.is_file():
            found.append(rel.as_posix())
    return sorted(found)


def output_path(out_dir: Path, rel: str) -> Path:
    """``a/x.pdf`` → ``OUT/a/x.pdf.json``: the tree mirrored, so two inputs never share a name."""
    return out_dir / f"{rel}.json"


def _dask_results(scheduler: str, processor: str, tasks: list[Task]) -> Iterator[dict]:
    """The same per-file work on a Dask cluster; bytes travel with the task (no shared disk needed).

    At most a few tasks per worker thread are in flight so that a large tree is never read
    into memory all at once. ``--timeout`` and ``--max-memory`` do not apply here: a Dask
    worker runs tasks in threads that cannot be killed one by one, so the cluster's own
    memory limits (and its nanny restarting a worker) are what bound a runaway file.
    """
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        window = max(4, 2 * sum(client.nthreads().values()))
        todo = iter(tasks)
        by_future = {}

        def submit(task: Task):
            fut = client.submit(run_bytes, processor, task.rel, Path(task.path).name,
                                Path(task.path).read_bytes(), task.sha256, pure=False)
            by_future[fut] = task
            return fut

        first = [submit(t) for _, t in zip(range(window), todo, strict=False)]
        pending = as_completed(first)
        try:
            for fut in pending:
                task = by_future.pop(fut)
                try:
                    yield fut.result()
                except Exception as e:  # a worker lost mid-task, or an unpicklable error
                    yield lost_result(task, "failed", f"{task.rel}: Dask task failed ({type(e).__name__}: {e})", 0.0)
                nxt = next(todo, None)
                if nxt is not None:
                    pending.add(submit(nxt))
        finally:
            client.cancel(list(by_future))


def run_batch(in_dir: str | Path, out_dir: str | Path, options: BatchOptions | None = None,
              progress=None, on_result: Callable[[BatchRow], None] | None = None) -> BatchResult:
    """Process every supported file under ``in_dir`` into ``out_dir``; see the module docstring.

    ``progress`` has ``start(total, skipped)``, ``advance(row)`` and ``stop()``;
    ``on_result(row)`` is called after each file is fully recorded (tests interrupt here).
    Ctrl-C saves the manifest and a partial summary, then re-raises KeyboardInterrupt.
    """
    opts = options or BatchOptions()
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    if not in_dir.is_dir():
        raise NotADirectoryError(f"{in_dir}: not a folder")
    t0 = time.perf_counter()
    processor = opts.processor_name()
    fingerprint = settings_fingerprint(processor)
    settings = {"processor": processor, "fingerprint": fingerprint}
    rels = find_inputs(in_dir, out_dir)
    inputs = {(in_dir / r).resolve() for r in rels}
    manifest = Manifest(out_dir)
    corpus = None
    if opts.index:
        from corpus.api import open_corpus

        corpus = open_corpus(opts.index)

    rows: dict[str, BatchRow] = {}
    tasks: list[Task] = []
    for rel in rels:
        sha = sha256_file(in_dir / rel)
        before = manifest.done(rel, sha, fingerprint, output_path(out_dir, rel))
        if before is None:
            tasks.append(Task(rel, str(in_dir / rel), sha))
            continue
        rows[rel] = replace(before, status="skipped", previous=before.status, seconds=0.0)
        if corpus is not None and before.status == "ok":
            _index(corpus, output_path(out_dir, rel).read_text(encoding="utf-8"), rel)

    peaks: dict[int, float] = {}
    trace: dict[int, list[float]] = {}

    def record(result: dict) -> None:
        rel = result["path"]
        if result.get("pid") is not None:
            peaks[result["pid"]] = max(peaks.get(result["pid"], 0.0), result.get("peak_rss_mb") or 0.0)
            trace.setdefault(result["pid"], []).append(result.get("peak_rss_mb") or 0.0)
        if result["status"] == "ok":
            target = output_path(out_dir, rel)
            if target.resolve() in inputs:  # cannot happen with the .json suffix; never risk it
                result.update(status="failed", final=False, json=None,
                              error=f"{rel}: refusing to overwrite an input file: {target}")
            else:
                write_atomic(target, result["json"])
                if corpus is not None:
                    _index(corpus, result["json"], rel)
        row = summary_row(result)
        rows[rel] = row
        manifest.record(rel, result["sha256"], fingerprint, bool(result.get("final")), row)
        if progress is not None:
            progress.advance(row)
        if on_result is not None:
            on_result(row)

    if opts.scheduler:
        results: Iterable[dict] = _dask_results(opts.scheduler, processor, tasks)
    elif opts.workers == 0:
        results = (run_file(processor, t.rel, t.path, t.sha256) for t in tasks)
    else:
        pool = LocalPool(processor, opts.workers, opts.timeout, opts.max_memory_mb, opts.max_tasks_per_worker)
        results = pool.run(tasks)
    interrupted = False
    try:
        if progress is not None:
            progress.start(len(rels), len(rows))
        for result in results:
            record(result)
    except KeyboardInterrupt:
        interrupted = True
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the workers now (the generators' finally blocks)
        if progress is not None:
            progress.stop()
        manifest.save()
        summary = build_summary(list(rows.values()), settings, interrupted=interrupted or len(rows) < len(rels))
        write_summary(out_dir, summary)
        if corpus is not None:
            corpus.close()
    return BatchResult(summary, round(time.perf_counter() - t0, 3), len(tasks), peaks, trace)


def _index(corpus, json_text: str, rel: str) -> None:
    """Feed the corpus, keyed by the relative path so that a/x.pdf and b/x.pdf stay apart."""
    from corpus.api import index_report
    from extractor.contract import Report

    index_report(corpus, Report.model_validate_json(json_text), key=rel)

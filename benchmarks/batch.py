"""Throughput and per-worker memory of ``jixiao batch`` with 1 and 2 local workers.

    .venv/bin/python benchmarks/batch.py [--corpus DIR] [--workers 1 2] [--copies 30]

Without ``--corpus`` it builds the ≥ 200-document corpus with
tests/fixtures/batch/make_corpus.py in a temporary folder. Each worker count runs into a
fresh output folder (nothing skipped). Peak RSS is each worker process's own high-water
mark (ru_maxrss, reported by the worker with every file), so it is per worker, not the
sum; workers are recycled every ``--max-tasks`` files, and the table shows the largest and
the median over all worker processes of the run. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "batch"))

from jixiao.batch import BatchOptions, run_batch  # noqa: E402


def _spin(seconds: float) -> int:
    n, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        n += 1
    return n


def cpu_capacity(workers: int, seconds: float = 2.0) -> float:
    """How many CPUs' worth of work ``workers`` busy processes get right now (1.0 for one).

    On a shared or oversubscribed machine two processes may not get twice the work done;
    this is the speed-up ceiling to read the batch's own speed-up against.
    """
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        one = pool.submit(_spin, seconds).result()
    with ProcessPoolExecutor(workers) as pool:
        many = sum(pool.map(_spin, [seconds] * workers))
    return many / one


def measure(corpus: Path, workers: int, max_tasks: int) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        r = run_batch(corpus, Path(tmp) / "out", BatchOptions(workers=workers, max_tasks_per_worker=max_tasks))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers are joined, so they are counted
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    t = r.summary.totals
    peaks = sorted(r.peak_rss_mb.values())
    # flat memory: each worker's peak RSS after its 10th file against after its last one
    growth = [t[-1] - t[min(9, len(t) - 1)] for t in r.rss_trace.values() if t]
    files_per_worker = max((len(t) for t in r.rss_trace.values()), default=0)
    return {
        "workers": workers, "files": t.files, "ok": t.files_by_status["ok"],
        "failed": t.files_by_status["failed"] + t.files_by_status["timeout"],
        "pages": t.pages, "seconds": r.wall_seconds,
        "files_s": t.files / r.wall_seconds, "pages_s": t.pages / r.wall_seconds,
        "rss_max": peaks[-1] if peaks else 0.0, "rss_median": statistics.median(peaks) if peaks else 0.0,
        "worker_processes": len(peaks), "cpu_s": cpu,
        "growth": max(growth, default=0.0), "files_per_worker": files_per_worker,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="an existing corpus folder")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--copies", type=int, default=30, help="for the generated corpus")
    parser.add_argument("--max-tasks", type=int, default=BatchOptions.max_tasks_per_worker,
                        help="files per worker before it is replaced")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="jixiao-corpus-") as tmp:
        corpus = args.corpus
        if corpus is None:
            import make_corpus

            corpus = Path(tmp) / "corpus"
            counts = make_corpus.build(corpus, copies=args.copies)
            print(f"corpus: {sum(counts.values())} files ({counts})", file=sys.stderr)
        rows = []
        for w in args.workers:
            print(f"running with {w} worker(s)…", file=sys.stderr, flush=True)
            rows.append(measure(corpus, w, args.max_tasks))
            rows[-1]["ceiling"] = cpu_capacity(w)

    base = rows[0]["seconds"]
    print(f"\n`jixiao batch` on {rows[0]['files']} files ({rows[0]['ok']} ok, {rows[0]['failed']} unreadable, "
          f"{rows[0]['pages']} PDF pages); {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n")
    print("| workers | wall s | worker CPU s | files/s | pages/s | speed-up | CPU ceiling now | speed-up / ceiling | "
          "peak RSS per worker (max / median MB) | worker processes | most files in one worker | "
          "RSS growth, 10th → last file (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        speedup = base / r["seconds"]
        print(f"| {r['workers']} | {r['seconds']:.1f} | {r['cpu_s']:.1f} | {r['files_s']:.2f} | {r['pages_s']:.1f} | "
              f"{speedup:.2f}× | {r['ceiling']:.2f}× | **{speedup / r['ceiling']:.2f}** | "
              f"{r['rss_max']:.0f} / {r['rss_median']:.0f} | "
              f"{r['worker_processes']} | {r['files_per_worker']} | {r['growth']:+.0f} |")
    print("\nworker CPU s is the CPU time of all worker processes: when it is close to wall s × workers the "
          "workers had the CPUs to themselves; when far below, other load on the machine held them back. "
          "CPU ceiling now is the work N busy processes got done, relative to one, measured right after "
          "the run: the best speed-up this machine offered at that moment; speed-up / ceiling is how much of it "
          "the batch took (issue 18's bar for 2 workers: ≥ 0.9).")
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nparent process peak RSS: {parent:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

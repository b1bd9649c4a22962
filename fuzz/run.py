"""``make fuzz``: run every fuzz target for a bounded time and memory, then print what each reached.

    python fuzz/run.py --seconds 300 --jobs 2

Each target runs under atheris/libFuzzer with ``-max_total_time`` (what is left of its
``--seconds``), ``-rss_limit_mb`` and a per-input ``-timeout``; a process that stops
early (a timeout or out-of-memory input, which libFuzzer saves and exits on) is started
again for the time left. Per target it prints executions, crashes (new files in
``fuzz/crashes/<target>/``) and new corpus entries (``fuzz/work/<target>/``, kept out of
git; the committed seeds in ``fuzz/corpus/`` are only read). Exit status 1 when any
target crashed, so CI notices.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fuzz import seeds  # noqa: E402
from fuzz.targets import MAX_LEN, TARGETS  # noqa: E402

FUZZ = ROOT / "fuzz"


@dataclass
class Result:
    target: str
    executions: int = 0
    crashes: int = 0
    new_corpus: int = 0
    restarts: int = 0
    seconds: float = 0.0


def _inputs(folder: Path) -> set[str]:
    """Saved inputs in ``folder`` (tracebacks beside crash inputs are not inputs)."""
    return {p.name for p in folder.glob("*") if p.is_file() and p.suffix != ".txt"} if folder.is_dir() else set()


def _executions(log: str) -> int:
    """Executions libFuzzer reports: the final stat, else the last ``#N`` status line."""
    final = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    if final:
        return int(final[-1])
    status = re.findall(r"^#(\d+)\s", log, flags=re.M)
    return int(status[-1]) if status else 0


def fuzz_one(target: str, seconds: int, rss_mb: int, timeout: int) -> Result:
    """Fuzz ``target`` for ``seconds`` of wall time, restarting after a saved timeout/oom."""
    crashes, work = FUZZ / "crashes" / target, FUZZ / "work" / target
    crashes.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    log_path = FUZZ / "work" / f"{target}.log"
    before_crashes, before_work = _inputs(crashes), _inputs(work)
    result = Result(target)
    start = time.monotonic()
    deadline = start + seconds
    with log_path.open("w", encoding="utf-8") as log:
        while (left := int(deadline - time.monotonic())) >= 3:
            cmd = [sys.executable, "-m", "fuzz.harness", target, f"-max_total_time={left}",
                   f"-rss_limit_mb={rss_mb}", f"-timeout={timeout}", f"-max_len={MAX_LEN[target]}",
                   f"-artifact_prefix={crashes}/", "-print_final_stats=1", str(work), str(FUZZ / "corpus" / target)]
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                    errors="replace")
            try:
                out, _ = proc.communicate(timeout=left + 120)
            except subprocess.TimeoutExpired:
                proc.kill()  # our own child, by its handle
                out, _ = proc.communicate()
            log.write(out)
            log.flush()
            result.executions += _executions(out)
            if proc.returncode == 0 or time.monotonic() >= deadline - 3:
                break
            result.restarts += 1
    result.seconds = time.monotonic() - start
    result.crashes = len(_inputs(crashes) - before_crashes)
    result.new_corpus = len(_inputs(work) - before_work)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=300, help="wall time per target (default 300)")
    ap.add_argument("--jobs", type=int, default=2, help="targets fuzzed at once (default 2)")
    ap.add_argument("--rss-mb", type=int, default=2048, help="libFuzzer -rss_limit_mb per process")
    ap.add_argument("--timeout", type=int, default=25, help="seconds one input may take")
    ap.add_argument("targets", nargs="*", default=list(TARGETS), help=f"default: all of {', '.join(TARGETS)}")
    args = ap.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown target(s): {', '.join(unknown)}")
    if not all((FUZZ / "corpus" / t).is_dir() for t in args.targets):
        seeds.build()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda t: fuzz_one(t, args.seconds, args.rss_mb, args.timeout), args.targets))
    print("\n| target | seconds | executions | crashes | new corpus entries | restarts |\n|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r.target} | {r.seconds:.0f} | {r.executions:,} | {r.crashes} | {r.new_corpus} | {r.restarts} |")
    for r in results:
        if r.crashes:
            print(f"{r.target}: see fuzz/crashes/{r.target}/ (each crash-* has a .txt traceback beside it)")
    return 1 if any(r.crashes for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

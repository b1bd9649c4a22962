"""Start-up: wall time, CPU time and peak memory of short ``jixiao`` commands, each a fresh process.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--root OTHER_CHECKOUT ...]

What a user waits for on a small input is mostly start-up (imports, vocabulary, jieba's
dictionary), and every ``jixiao batch`` worker pays it once (issue 18; goal: ``check`` on
a five-line text ≤ 0.5 s wall and ≤ 120 MB peak). Commands: ``--help``, ``check`` of a
five-line text, ``check`` of that report's contract JSON again, ``search`` and ``stats``
on a corpus holding it. Each runs once untimed (Python writes its bytecode caches, the
jieba cache is built if missing), then ``--runs`` times; with ``--root`` the same commands
of other checkouts (their packages first on ``sys.path``, the same interpreter) run
interleaved with this one, so that all see the same load. Wall and CPU seconds
(user + system of the child) are medians, peak RSS the largest ``ru_maxrss`` (``wait4``).
The load average is printed: the machine is shared, and wall time is CPU time plus the
time other processes held the CPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A five-line 自评 text: a figure of each kind the prose recogniser reads, nothing else.
TINY = """2023年度某街道帮困救助项目绩效自评报告
项目预算资金100万元，实际支出95万元，预算执行率为95%。
计划帮困救助人数为120人，实际救助118人。
服务对象满意度为96%，达到年度目标。
综合评分为91分，绩效评级为“优”。
"""


def run_once(argv: list[str], root: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of ``python -m jixiao ARGV`` run in ``root`` (its packages first)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # a user's install has .pyc files
    env["PYTHONPATH"] = str(root)
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "jixiao", *argv], cwd=root, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, ru = os.wait4(child.pid, 0)  # the child's own rusage: its peak RSS, its CPU
    wall = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, child.returncode


def commands(tmp: Path) -> dict[str, list[str]]:
    """The timed commands, and the files they read (written into ``tmp``)."""
    tiny = tmp / "tiny.txt"
    tiny.write_text(TINY, encoding="utf-8")
    return {
        "--help": ["--help"],
        "check five-line text": ["check", str(tiny)],
        "check its contract JSON": ["check", str(tmp / "out" / "tiny.json")],
        "search 满意度": ["search", "满意度", "--db", str(tmp / "corpus.db")],
        "stats 满意度": ["stats", "满意度", "--db", str(tmp / "corpus.db")],
    }


def prepare(tmp: Path, root: Path) -> None:
    """The JSON the re-check reads and the corpus search and stats read, made by ``root``'s jixiao."""
    for argv in (["check", str(tmp / "tiny.txt"), "-o", str(tmp / "out")],
                 ["index", str(tmp / "tiny.txt"), "--db", str(tmp / "corpus.db")]):
        _w, _c, _m, code = run_once(argv, root)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed in {root} (exit {code})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--root", type=Path, action="append", default=[], help="another checkout to time beside this one")
    args = parser.parse_args(argv)
    roots = [ROOT, *[r.resolve() for r in args.root]]
    results: dict[tuple[Path, str], list[tuple[float, float, float, int]]] = {}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="jixiao-startup-") as tmp_name:
        tmp = Path(tmp_name)
        cmds = commands(tmp)
        for root in roots:
            prepare(tmp, root)
            for cmd in cmds.values():
                run_once(cmd, root)  # untimed: bytecode written, caches built
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                for root in roots:
                    results.setdefault((root, name), []).append(run_once(cmd, root))
            loads.append(os.getloadavg()[0])
    print(f"\nStart-up, {args.runs} runs each, interleaved; python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {min(loads):.1f}–{max(loads):.1f} during the runs\n")
    print("| checkout | command | wall s (median) | wall s (min) | CPU s (median) | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|")
    for name in cmds:
        for root in roots:
            runs = results[(root, name)]
            label = "this" if root == ROOT else str(root)
            codes = {r[3] for r in runs}
            note = "" if codes <= {0, 1} else f" (exit {sorted(codes)})"
            print(f"| {label} | {name}{note} | {statistics.median(r[0] for r in runs):.2f} | "
                  f"{min(r[0] for r in runs):.2f} | {statistics.median(r[1] for r in runs):.2f} | "
                  f"{max(r[2] for r in runs):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

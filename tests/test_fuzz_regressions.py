"""Every input the fuzzer saved gets a clean answer now; every committed seed runs clean too.

``make fuzz`` (``fuzz/run.py``) saves each crash input in ``fuzz/crashes/<target>/``
(``crash-*`` Python exceptions with a ``.txt`` traceback beside them, ``timeout-*``
and ``oom-*`` from libFuzzer). Committed, each becomes a case here, replayed through
the same target function the fuzzer ran -- no atheris needed. ``probe-*`` inputs and
the documents in ``fuzz/probes/`` were written by hand around what the fuzzer cannot
reach in minutes (a cell of 79 characters of 九万万…万). A crash reported but
not yet fixed goes into ``KNOWN_OPEN`` (strict xfail): the suite stays green meanwhile,
and the fix turns it into an XPASS failure that says to remove the entry.
"""

from __future__ import annotations

import math
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.targets import TARGETS
from tests.conftest import ROOT

FUZZ = ROOT / "fuzz"
SECONDS = 25  # fuzz/run.py --timeout: the CPU seconds one input may take
HANG_SECONDS = 20 * SECONDS  # wall-clock backstop for a child blocked without using CPU
LIMIT_MB = 1024  # peak RSS of one oom-* replay, as in tests/hostile
# "target/file name" -> what is wrong and where; remove the entry with the fix.
KNOWN_OPEN: dict[str, str] = {}  # all eight hand-found probes are fixed and now must pass


def _inputs(kind: str) -> list[tuple[str, Path]]:
    folder = FUZZ / kind
    if not folder.is_dir():
        return []
    return [(t.name, p) for t in sorted(folder.iterdir()) if t.is_dir() and t.name in TARGETS
            for p in sorted(t.iterdir()) if p.is_file() and p.suffix != ".txt" and not p.name.startswith(".")]


def _params(kind: str) -> list:
    out = []
    for target, path in _inputs(kind):
        key = f"{target}/{path.name}"
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_OPEN[key])] if key in KNOWN_OPEN else []
        out.append(pytest.param(target, path, id=key, marks=marks))
    return out


def _replay_in_child(target: str, path: Path) -> None:
    """One saved input replayed in a child bounded by CPU time and address space, not by the wall clock.

    ``RLIMIT_CPU`` of ``SECONDS`` (the fuzzer's per-input timeout; the kernel sends SIGXCPU,
    then SIGKILL) and ``RLIMIT_AS`` of 1.5 GB, so that a runaway input cannot take pytest
    (or the machine) down and a busy machine cannot fail a fast one; the peak RSS must stay
    under 1 GB, the limit of ``tests/hostile``. A reader that catches its own MemoryError
    still fails here. The wall-clock timeout is only a backstop for a blocked child.
    """
    code = ("import resource, sys; lim = int(sys.argv[3]); "
            "resource.setrlimit(resource.RLIMIT_CPU, (lim, lim + 5)); "
            "resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29)); "
            "from fuzz.targets import TARGETS; TARGETS[sys.argv[1]](open(sys.argv[2], 'rb').read()); "
            "import re; print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1]) // 1024)")
    # VmHWM is this address space's own peak; ru_maxrss would carry pytest's over fork and exec
    try:
        r = subprocess.run([sys.executable, "-c", code, target, str(path), str(SECONDS)], cwd=ROOT,
                           capture_output=True, text=True, timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: blocked for {HANG_SECONDS} s without finishing (a hang, not slowness)")
    if r.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        pytest.fail(f"{path.name}: more than {SECONDS} s of CPU (killed by signal {-r.returncode})")
    assert r.returncode == 0, r.stderr[-3000:]
    assert int(r.stdout.split()[-1]) < LIMIT_MB, f"{path.name}: peak RSS {r.stdout.split()[-1]} MB"


@pytest.mark.parametrize(("target", "path"), _params("crashes"))
def test_saved_crash_input_gets_a_clean_answer(target: str, path: Path) -> None:
    _replay_in_child(target, path)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_seed_runs_clean(target: str) -> None:
    """The committed seed corpus replays without a crash (keeps the targets themselves working)."""
    seeds = [p for t, p in _inputs("corpus") if t == target]
    assert seeds, f"fuzz/corpus/{target}/ is empty: run python -m fuzz.seeds"
    for path in seeds:
        TARGETS[target](path.read_bytes())


def _finite(node: object) -> bool:
    if isinstance(node, float):
        return math.isfinite(node)
    if isinstance(node, dict):
        return all(_finite(v) for v in node.values())
    if isinstance(node, list):
        return all(_finite(v) for v in node)
    return True


PROBES = sorted((FUZZ / "probes").glob("*")) if (FUZZ / "probes").is_dir() else []


@pytest.mark.parametrize("path", [
    pytest.param(p, id=f"probes/{p.name}", marks=[pytest.mark.xfail(strict=True, reason=KNOWN_OPEN[f"probes/{p.name}"])]
                 if f"probes/{p.name}" in KNOWN_OPEN else []) for p in PROBES])
def test_probe_document_gets_a_clean_answer(path: Path) -> None:
    """Hand-made documents (``fuzz/probes/``) through read → recognise → check: finite numbers, no crash."""
    from checker import check
    from extractor import read
    from extractor.errors import ExtractionError
    from patterns import recognise

    try:
        report = recognise(read(path))
    except ExtractionError:
        return
    findings = check(report)
    assert not [f.message for f in findings if f.rule == "rule.crash"]
    assert _finite(report.model_dump()) and _finite([f.model_dump() for f in findings])


def test_known_open_entries_name_saved_inputs() -> None:
    saved = {f"{t}/{p.name}" for t, p in _inputs("crashes")} | {f"probes/{p.name}" for p in PROBES}
    assert set(KNOWN_OPEN) <= saved, sorted(set(KNOWN_OPEN) - saved)

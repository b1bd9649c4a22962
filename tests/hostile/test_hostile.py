"""Every hostile file gets a clear answer within 30 s of CPU and 1 GB, and never a traceback.

The work is bounded in the child itself, by CPU time and address space (``RLIMIT_CPU``,
``RLIMIT_AS``), not by the wall clock: on a machine busy with other work a file that needs
8 s of CPU may take 40 s to finish, and it is the CPU it needs that the limit is about.
A child that hits the CPU limit is killed by the kernel (SIGXCPU) and the test says so; the
wall-clock timeout left is a backstop for a child blocked without using any CPU, 20 times
the CPU limit, never a measure of speed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, validate_report
from tests.hostile.make_hostile import build

LIMIT_CPU_SECONDS = 30
LIMIT_MB = 1024  # peak resident memory of the child
ADDRESS_SPACE_MB = 3072  # RLIMIT_AS: virtual size, a few times the resident peak (thread stacks, arenas)
HANG_SECONDS = 20 * LIMIT_CPU_SECONDS  # a child blocked without using CPU; not a speed limit

# Runs the CLI and reports the child's own peak RSS (VmHWM of its own address space:
# ru_maxrss would carry over the parent's high-water mark across fork and exec) and its CPU time
# (its own and its children's: LibreOffice for .doc).
WRAPPER = """
import json, os, re, resource, sys
cpu, address_space = (int(x) for x in os.environ["JIXIAO_CHILD_LIMITS"].split())
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # SIGXCPU at the limit, SIGKILL 5 s later
resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
from jixiao.cli import main
try:
    code = main(sys.argv[1:])
finally:
    status = open("/proc/self/status").read()
    kb = int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
    cpu = sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    with open(os.environ["JIXIAO_RSS_FILE"], "w") as fh:
        json.dump({"peak_mb": kb // 1024, "cpu": cpu}, fh)
sys.exit(code)
"""


def bounded_child(args: list[str], cpu_seconds: int = LIMIT_CPU_SECONDS,
                  memory_mb: int = ADDRESS_SPACE_MB) -> tuple[subprocess.CompletedProcess, int, float]:
    """``jixiao ARGS`` in a child bounded by CPU time and address space: (result, peak RSS MB, CPU s)."""
    with tempfile.TemporaryDirectory() as tmp:
        usage_file = Path(tmp) / "usage.json"
        env = {**os.environ, "JIXIAO_RSS_FILE": str(usage_file), "PYTHONPATH": str(ROOT),
               "JIXIAO_CHILD_LIMITS": f"{cpu_seconds} {memory_mb << 20}"}
        try:
            r = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, env=env,
                               cwd=ROOT, timeout=HANG_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{args}: blocked for {HANG_SECONDS} s (a hang: the CPU limit did not end it)")
        if r.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
            pytest.fail(f"{args}: more than {cpu_seconds} s of CPU (killed by signal {-r.returncode})")
        if not usage_file.exists():
            pytest.fail(f"{args}: the child died (rc {r.returncode}): {r.stderr[-2000:]}")
        usage = json.loads(usage_file.read_text())
    return r, usage["peak_mb"], usage["cpu"]


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    if not (SAMPLES / "eval_report_2022_xinfang.pdf").exists():
        pytest.fail("samples not built")
    out = tmp_path_factory.mktemp("hostile")
    return out, build(out)


NAMES = ["truncated_60.pdf", "truncated_5.pdf", "bitflip.pdf", "truncated.docx", "bitflip.docx",
         "encrypted_user_pw.pdf", "encrypted_empty_pw.pdf", "cyclic.pdf", "many_text_objects.pdf",
         "billion_laughs.docx", "external_entity.docx", "html_named.pdf", "gb18030.txt", "gbk.html",
         "utf16.txt", "english_only.pdf", "empty_table.html", "table_5000_rows.html", "zero.docx",
         "pages_10000.pdf", "zip_bomb.docx", "zip_bomb.xlsx", "truncated.xls", "bitflip.xls", "bitflip.doc"]


@pytest.mark.parametrize("name", NAMES)
def test_hostile_file_gets_a_clear_answer(hostile, name):
    folder, expected = hostile
    path = folder / name
    r, peak, _cpu = bounded_child(["check", str(path), "--json"])
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    assert peak < LIMIT_MB, f"{name}: peak RSS {peak} MB"
    outcome = expected[name]
    if r.returncode == 2:
        assert outcome in ("error", "either"), f"{name} should have been read: {r.stderr}"
        lines = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and name in lines[0], r.stderr
    else:
        assert outcome in ("result", "either"), f"{name} should have been refused, got rc {r.returncode}"
        assert r.returncode in (0, 1), r.stderr
        data = json.loads(r.stdout)
        validate_report(data)
        assert data["source"]["file"] == name


def test_external_entities_are_never_resolved(hostile):
    folder, _ = hostile
    sys.path.insert(0, str(ROOT))
    import extractor
    from extractor.errors import ExtractionError

    try:
        doc = extractor.read(folder / "external_entity.docx")
    except ExtractionError:
        return
    assert "root:" not in doc.text()


def test_billion_laughs_is_not_expanded(hostile):
    folder, _ = hostile
    import extractor
    from extractor.errors import ExtractionError

    try:
        doc = extractor.read(folder / "billion_laughs.docx")
    except ExtractionError:
        return
    assert len(doc.text()) < 100_000

"""``jixiao batch`` end to end on real samples: outputs, failures, resume, workers, Dask.

The good files run through the real pipeline and their JSON must be byte-identical to
what the single-file commands write. Timeouts, crashes and memory exhaustion are provoked
with a processor that wraps the real pipeline and misbehaves only on files named for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jixiao.batch import BatchOptions, find_inputs, output_path, run_batch
from jixiao.batch_manifest import MANIFEST_NAME
from jixiao.pipeline import output_names, process
from tests.conftest import BAD, ROOT, SAMPLES, validate_report

GOOD = {  # relative path in the test tree → sample it is a copy of
    "a/x.docx": "eval_report_2022_xinfang.docx",
    "b/x.docx": "target_decl_2023_songjiang.docx",          # same name in another folder
    "monitoring.pdf": "monitoring_2023_qingyunpu.pdf",
    "decl/target.pdf": "target_decl_2023_songjiang.pdf",
    "decl/minhang.html": "target_decl_2018_minhang.html",
    "self/assessment.txt": "self_assessment_2022_songjiang_ocr.txt",
}
BAD_FILES = {  # relative path → words its error must contain
    "bad/encrypted.pdf": "encrypted",
    "bad/corrupt.docx": "corrupt",
    "bad/cut.pdf": "corrupt",
}


def flaky_process(path):
    """The real pipeline, except on files whose names ask for a hang, a crash or a memory hog."""
    name = Path(path).name
    if name.startswith("slow"):
        time.sleep(600)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("hog"):
        blob = bytearray(64 * 1024**3)  # far over any --max-memory: MemoryError at once
        del blob
    return process(path)


FLAKY = "tests.test_batch:flaky_process"


def make_tree(root: Path) -> Path:
    """A small input tree: real samples, a same-named pair, three unreadable files, a hidden one."""
    for rel, name in GOOD.items():
        src = SAMPLES / name
        if not src.exists():
            pytest.fail(f"sample {name} not built")
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, root / rel)
    (root / "bad").mkdir()
    for name in ("encrypted.pdf", "corrupt.docx"):
        if not (BAD / name).exists():
            pytest.fail(f"fixture {name} not built")
        shutil.copyfile(BAD / name, root / "bad" / name)
    data = (SAMPLES / "monitoring_2023_qingyunpu.pdf").read_bytes()
    (root / "bad" / "cut.pdf").write_bytes(data[: len(data) // 3])  # truncated on the fly
    (root / ".hidden").mkdir()
    shutil.copyfile(SAMPLES / "target_decl_2018_minhang.html", root / ".hidden" / "h.html")
    (root / ".~lock.x.docx").write_bytes(b"lock")
    (root / "notes.json").write_text("{}", encoding="utf-8")  # not a batch input
    return root


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def outputs(out: Path) -> dict[str, bytes]:
    """Every per-file JSON under ``out`` (not the summary or the manifest)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))
            if p.name not in ("summary.json", MANIFEST_NAME)}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One two-worker batch over the tree, shared by the tests that only read its results."""
    base = tmp_path_factory.mktemp("batch")
    tree = make_tree(base / "in")
    before = tree_hashes(tree)
    result = run_batch(tree, base / "out", BatchOptions(workers=2))
    return base, tree, before, result


def test_walk_takes_supported_visible_files_only(first_run):
    _, tree, _, _ = first_run
    assert find_inputs(tree) == sorted([*GOOD, *BAD_FILES])


def test_every_good_file_equals_the_single_file_command(first_run):
    base, tree, _, result = first_run
    out = base / "out"
    paths = [tree / rel for rel in GOOD]
    r = cli("check", *map(str, paths), "-o", str(base / "single"))
    assert r.returncode in (0, 1), r.stderr
    names = output_names(paths)
    for rel in GOOD:
        got = output_path(out, rel).read_bytes()
        assert got == (base / "single" / names[tree / rel]).read_bytes(), rel
        validate_report(got.decode("utf-8"))
    assert set(outputs(out)) == {f"{rel}.json" for rel in GOOD}
    assert result.summary.totals.files_by_status == {"ok": len(GOOD), "failed": len(BAD_FILES),
                                                           "timeout": 0, "skipped": 0}


def test_no_check_gives_exactly_what_extract_writes(tmp_path):
    tree = tmp_path / "in"
    for rel in ("a/x.docx", "decl/minhang.html"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / GOOD[rel], tree / rel)
    run_batch(tree, tmp_path / "out", BatchOptions(workers=0, check=False))
    paths = [tree / "a/x.docx", tree / "decl/minhang.html"]
    r = cli("extract", *map(str, paths), "-o", str(tmp_path / "single"))
    assert r.returncode == 0, r.stderr
    names = output_names(paths)
    for p in paths:
        rel = p.relative_to(tree).as_posix()
        assert output_path(tmp_path / "out", rel).read_bytes() == (tmp_path / "single" / names[p]).read_bytes()
        assert json.loads(output_path(tmp_path / "out", rel).read_text(encoding="utf-8"))["findings"] == []


def test_summary_lists_every_file_sorted_with_figures_and_reasons(first_run):
    base, tree, _, result = first_run
    summary = json.loads((base / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary == result.summary.to_dict()
    rows = summary["files"]
    assert [r["path"] for r in rows] == sorted([*GOOD, *BAD_FILES])
    by = {r["path"]: r for r in rows}
    for rel in GOOD:
        row = by[rel]
        report = json.loads(output_path(base / "out", rel).read_text(encoding="utf-8"))
        assert row["status"] == "ok" and row["error"] is None
        assert row["sha256"] == report["source"]["sha256"] == hashlib.sha256((tree / rel).read_bytes()).hexdigest()
        assert row["kind"] == report["document"]["kind"] and row["pages"] == report["source"]["pages"]
        assert row["indicators"] == sum(len(p["indicators"]) for p in report["projects"])
        assert sum(row["findings"].values()) == len(report["findings"])
        assert row["seconds"] >= 0
    assert by["monitoring.pdf"]["pages"] == 10 and by["a/x.docx"]["indicators"] > 0
    for rel, words in BAD_FILES.items():
        row = by[rel]
        assert row["status"] == "failed" and words in row["error"].lower(), row
        assert Path(rel).name in row["error"]
        assert not output_path(base / "out", rel).exists()
    t = summary["totals"]
    assert t["files"] == len(rows) and t["indicators"] == sum(r["indicators"] for r in rows)
    assert t["findings"]["error"] == sum(r["findings"]["error"] for r in rows)


def test_summary_xlsx_matches_the_json(first_run):
    from openpyxl import load_workbook

    base, _, _, result = first_run
    wb = load_workbook(base / "out" / "summary.xlsx", read_only=True)
    rows = list(wb["files"].iter_rows(values_only=True))
    assert rows[0][0].startswith("文件")
    assert [r[0] for r in rows[1:]] == [r.path for r in result.summary.files]
    reasons = {r[0]: r[11] for r in rows[1:]}
    assert "encrypted" in reasons["bad/encrypted.pdf"]
    totals = dict(wb["totals"].iter_rows(min_row=2, values_only=True))
    assert totals["files failed"] == len(BAD_FILES) and totals["indicators"] == result.summary.totals.indicators


def test_inputs_untouched_and_same_names_do_not_collide(first_run):
    base, tree, before, _ = first_run
    assert tree_hashes(tree) == before
    a = json.loads((base / "out" / "a" / "x.docx.json").read_text(encoding="utf-8"))
    b = json.loads((base / "out" / "b" / "x.docx.json").read_text(encoding="utf-8"))
    assert a["source"]["sha256"] != b["source"]["sha256"]
    assert not list((base / "out").rglob("*.tmp"))


def test_second_run_skips_everything_and_changes_nothing(first_run):
    base, _, _, _ = first_run
    out = base / "out"
    before = outputs(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name != "summary.json"
              and p.name != MANIFEST_NAME}
    again = run_batch(base / "in", out, BatchOptions(workers=2))
    assert again.processed == 0
    statuses = {r.path: (r.status, r.previous) for r in again.summary.files}
    assert statuses == {**{rel: ("skipped", "ok") for rel in GOOD}, **{rel: ("skipped", "failed") for rel in BAD_FILES}}
    assert outputs(out) == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes
    first = {r["path"]: r for r in json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"].values()
             for r in [r["row"]]}
    assert {r.path: r.indicators for r in again.summary.files} == {k: v["indicators"] for k, v in first.items()}


def test_a_changed_file_or_changed_settings_is_redone(tmp_path):
    tree = tmp_path / "in"
    tree.mkdir()
    shutil.copyfile(SAMPLES / GOOD["decl/minhang.html"], tree / "m.html")
    shutil.copyfile(SAMPLES / GOOD["self/assessment.txt"], tree / "s.txt")
    run_batch(tree, tmp_path / "out", BatchOptions(workers=0))
    with open(tree / "s.txt", "a", encoding="utf-8") as fh:
        fh.write("\n补充说明。\n")
    r = run_batch(tree, tmp_path / "out", BatchOptions(workers=0))
    assert {x.path: x.status for x in r.summary.files} == {"m.html": "skipped", "s.txt": "ok"}
    r = run_batch(tree, tmp_path / "out", BatchOptions(workers=0, check=False))
    assert r.processed == 2


def test_interrupted_run_leaves_no_partial_file_and_resumes(tmp_path, first_run):
    base, tree, _, _ = first_run
    out = tmp_path / "out"
    seen: list[str] = []

    def stop_after_two(row) -> None:
        seen.append(row.path)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(tree, out, BatchOptions(workers=2), on_result=stop_after_two)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == sorted(seen)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True and sorted(r["path"] for r in summary["files"]) == sorted(seen)
    assert not list(out.rglob("*.tmp"))
    for rel in outputs(out):
        json.loads((out / rel).read_text(encoding="utf-8"))  # every file there is whole

    resumed = run_batch(tree, out, BatchOptions(workers=0))
    assert resumed.processed == len(GOOD) + len(BAD_FILES) - 2
    assert sorted(r.path for r in resumed.summary.files if r.status == "skipped") == sorted(seen)
    assert not resumed.summary.interrupted and "interrupted" not in resumed.summary.to_dict()
    assert outputs(out) == outputs(base / "out")


def test_ctrl_c_on_the_command_line_stops_cleanly_and_the_next_run_resumes(tmp_path, first_run):
    base, tree, _, _ = first_run
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "jixiao", "batch", str(tree), "-o", str(out), "--workers", "1", "--quiet"]
    # a terminal's Ctrl-C: SIGINT at its default in the child, whatever this process ignores
    # (an earlier test may have left SIGINT ignored here, and an ignored signal is inherited)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = ""
    while not first.startswith(("ok", "failed")):  # wait for one file to be done, then Ctrl-C
        first = proc.stdout.readline()
        assert first or proc.poll() is None, proc.stderr.read()
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert not list(out.rglob("*.tmp"))
    done = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert 1 <= len(done) < len(GOOD) + len(BAD_FILES)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["interrupted"] is True
    resumed = run_batch(tree, out, BatchOptions(workers=0))
    assert resumed.processed == len(GOOD) + len(BAD_FILES) - len(done)
    assert outputs(out) == outputs(base / "out")


def test_output_inside_or_equal_to_input_never_overwrites_or_rereads(tmp_path):
    tree = tmp_path / "in"
    (tree / "sub").mkdir(parents=True)
    shutil.copyfile(SAMPLES / GOOD["decl/minhang.html"], tree / "sub" / "m.html")
    before = tree_hashes(tree)
    run_batch(tree, tree / "out", BatchOptions(workers=0))
    assert find_inputs(tree, tree / "out") == ["sub/m.html"]
    again = run_batch(tree, tree / "out", BatchOptions(workers=0))
    assert [r.path for r in again.summary.files] == ["sub/m.html"]
    run_batch(tree, tree, BatchOptions(workers=0))  # the outputs land beside the inputs
    assert find_inputs(tree, tree) == ["sub/m.html"]  # and are not read back, summary.xlsx included
    assert {k: v for k, v in tree_hashes(tree).items() if k in before} == before
    assert (tree / "out" / "sub" / "m.html.json").read_bytes() == (tree / "sub" / "m.html.json").read_bytes()


def test_timeout_crash_and_memory_limit_are_recorded_and_the_batch_goes_on(tmp_path):
    tree = tmp_path / "in"
    tree.mkdir()
    html = SAMPLES / GOOD["decl/minhang.html"]
    for name in ("slow.html", "crash.html", "hog.html", "fine.html"):
        shutil.copyfile(html, tree / name)
    # fine.html needs about 1 s of CPU: 20 s lets it finish on a machine busy with other work
    r = run_batch(tree, tmp_path / "out", BatchOptions(workers=2, timeout=20, max_memory_mb=4096,
                                                       processor=FLAKY))
    by = {x.path: x for x in r.summary.files}
    assert by["slow.html"].status == "timeout" and "20 s" in by["slow.html"].error
    assert by["crash.html"].status == "failed" and "SIGSEGV" in by["crash.html"].error
    assert by["hog.html"].status == "failed" and "out of memory" in by["hog.html"].error
    assert by["fine.html"].status == "ok" and r.failed == 3
    assert output_path(tmp_path / "out", "fine.html").read_bytes() == process(tree / "fine.html").to_json().encode()
    # none of those three is final: the next run tries them again (an unreadable file is final)
    manifest = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert {k: v["final"] for k, v in manifest.items()} == {"crash.html": False, "fine.html": True,
                                                             "hog.html": False, "slow.html": False}


def test_index_feeds_the_corpus(tmp_path, first_run):
    from corpus.api import open_corpus

    base, tree, _, _ = first_run
    db = tmp_path / "c.sqlite"
    run_batch(tree, tmp_path / "out", BatchOptions(workers=0, index=str(db)))
    corpus = open_corpus(db)
    first = corpus.counts()
    corpus.close()
    # the corpus keys a document by its relative path: a/x.docx and b/x.docx are two documents
    assert first["documents"] == len(GOOD) and first["indicators"] > 0
    run_batch(tree, tmp_path / "out", BatchOptions(workers=0, index=str(db)))  # all skipped, re-fed
    corpus = open_corpus(db)
    assert corpus.counts() == first
    corpus.close()


def test_cli_quiet_prints_one_line_per_file_and_exits_2_on_failures(tmp_path, first_run):
    _, tree, _, _ = first_run
    r = cli("batch", str(tree), "-o", str(tmp_path / "out"), "--workers", "2", "--quiet")
    assert r.returncode == 2, r.stderr
    lines = [line for line in r.stdout.splitlines() if line.strip()]
    files = [line for line in lines if line.split()[0] in ("ok", "failed", "timeout")]
    assert sorted(line.split()[1] for line in files) == sorted([*GOOD, *BAD_FILES])
    assert "Traceback" not in r.stderr
    assert (tmp_path / "out" / "summary.xlsx").exists()
    r = cli("batch", str(tree), "-o", str(tmp_path / "out"), "--quiet")  # nothing to do, still exit 2
    assert r.returncode == 2 and f"{len(GOOD) + len(BAD_FILES)} unchanged" in r.stdout + r.stderr


def test_dask_cluster_gives_the_same_bytes(tmp_path, first_run):
    from distributed import LocalCluster  # in the test extra: a missing Dask fails, never skips

    base, tree, _, _ = first_run
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        r = run_batch(tree, tmp_path / "out", BatchOptions(scheduler=cluster.scheduler_address))
    assert outputs(tmp_path / "out") == outputs(base / "out")
    local = {x.path: (x.status, x.error, x.indicators) for x in first_run[3].summary.files}
    assert {x.path: (x.status, x.error, x.indicators) for x in r.summary.files} == local

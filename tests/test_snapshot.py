"""evals/snapshot.py tells a refactor that changed a finding from one that changed none."""

from __future__ import annotations

import json
from pathlib import Path

from evals.snapshot import compare


def _write(folder: Path, findings: list[dict]) -> None:
    folder.mkdir()
    (folder / "seeds__000.txt.json").write_text(json.dumps({"findings": findings, "claims": [], "projects": []}))


def test_a_changed_figure_is_a_difference(tmp_path: Path, capsys):
    f = {"rule": "sum.rows", "severity": "error", "message": "合计", "expected": 99.0, "actual": 85.0, "locations": []}
    _write(tmp_path / "a", [f])
    _write(tmp_path / "b", [f])
    assert compare(tmp_path / "a", tmp_path / "b") == 0
    _write(tmp_path / "c", [{**f, "actual": 86.0}])
    assert compare(tmp_path / "a", tmp_path / "c") == 1
    assert "findings differ" in capsys.readouterr().out

"""The stages import one way (extractor → patterns → checker → corpus, jixiao on top), the
import cycles once there (checker.engine ↔ checker.rules, extractor.html ↔
extractor.markdown) stay gone, and no rule family imports another: the contracts in
pyproject.toml, as ``make lint`` runs them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_import_contracts_are_kept():
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        found = shutil.which("lint-imports")
        if found is None:
            pytest.skip("import-linter is not installed (pip install -e '.[test]')")
        exe = Path(found)
    run = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
    assert "0 broken" in run.stdout

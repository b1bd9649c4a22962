"""Paths and small lookups shared by the extractor tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.document import Cell, Table

ROOT = Path(__file__).resolve().parents[2]
REAL_NAME = "shanghai_putuo_wanli_subdistrict_2023_dept_budget_with_perf_target_forms.pdf"
from tests.conftest import SEEDS  # noqa: E402


def real_pdf() -> Path:
    """The real budget PDF, copied unchanged from the shared originals into samples/real."""
    p = ROOT / "samples" / "real" / REAL_NAME
    assert p.exists(), "samples/real holds the real PDF"
    return p


def sample(name: str) -> Path:
    p = ROOT / "samples" / name
    if not p.exists():
        pytest.fail(f"sample {name} not built yet")
    return p


def seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.exists() else []
    if not found:
        pytest.fail(f"seed {prefix} not available")
    return found[0]


def find(table: Table, text: str) -> Cell:
    """The first origin cell whose text is ``text``."""
    for c in table.cells:
        if c.text == text:
            return c
    raise AssertionError(f"no cell {text!r} in {table.id}")


def right_of(table: Table, text: str) -> str:
    """Text of the cell just right of the cell ``text`` (a key-value form)."""
    c = find(table, text)
    nxt = table.cell_at(c.row, c.col + c.colspan)
    assert nxt is not None, f"nothing right of {text!r}"
    return nxt.text


def column_of(table: Table, header: str) -> int:
    return find(table, header).col

"""The precision gate on real public documents (issue 15): its yardstick and its verdict.

The expectation files are written by reading each document by hand; these tests keep them
well-formed and keep the matcher honest (a finding on the wrong page or with the wrong
figure is not a report of the slip). The last test runs the gate itself when
``../shared/real/`` is present: no ``error`` finding that no hand-written slip explains.
"""

from __future__ import annotations

import json

import pytest

from evals import real

KINDS = {
    "sum", "cross_table", "prose_vs_table", "percent", "growth", "wording", "year",
    "placeholder", "missing_table", "empty_table", "duplicate", "other",
}


def _expectations() -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(real.EXPECTED.glob("*.json"))]


def test_every_expectation_file_is_complete() -> None:
    files = _expectations()
    assert len(files) >= 27
    for stem, exp in files:
        assert exp["document"].endswith(f"{stem}.pdf"), stem
        assert exp["read_by"].strip(), f"{stem}: who read it, and how"
        assert isinstance(exp["checked"], list) and exp["checked"], f"{stem}: what was verified by hand"
        ids = [s["id"] for s in exp["slips"]]
        assert len(ids) == len(set(ids)), f"{stem}: slip ids repeat"
        for s in exp["slips"]:
            assert s["kind"] in KINDS, (stem, s["id"], s["kind"])
            assert s["pages"] and all(isinstance(p, int) and p >= 1 for p in s["pages"]), (stem, s["id"])
            assert isinstance(s["certain"], bool) and s["what"].strip(), (stem, s["id"])
            assert all(isinstance(f, (int, float)) for f in s["figures"]), (stem, s["id"])


def test_every_real_document_has_an_expectation_file() -> None:
    if not real.REAL.exists():
        pytest.skip(f"{real.REAL} not present")
    stems = {p.stem for p in real.REAL.rglob("*.pdf")}
    assert stems == {stem for stem, _ in _expectations()}


SLIP = {"id": "p18-total-0", "pages": [18, 7], "kind": "prose_vs_table", "what": "收入支出总计0万元", "figures": [0, 2995.39], "unit": "万元", "certain": True}


def _finding(page: int, expected: float | None, actual: float | None, rule: str = "statement.total") -> dict:
    return {"rule": rule, "severity": "error", "message": "…", "locations": [{"page": page}], "expected": expected, "actual": actual}


def test_a_finding_reports_a_slip_by_page_and_figure_in_either_unit() -> None:
    assert real.matches(_finding(18, 2995.39, 0.0), SLIP)
    assert real.matches(_finding(7, 29953900.0, None), SLIP)  # the table's 元
    assert not real.matches(_finding(19, 2995.39, 0.0), SLIP)  # another page
    assert not real.matches(_finding(18, 2961.68, 0.3), SLIP)  # another figure


def test_a_slip_without_figures_is_matched_only_by_its_kind_of_rule() -> None:
    slip = {"id": "p7-xx", "pages": [7], "kind": "placeholder", "figures": [], "certain": True}
    assert real.matches(_finding(7, None, None, rule="doc.placeholder"), slip)
    assert not real.matches(_finding(7, 1.0, 2.0, rule="sum.rows"), slip)


def test_an_error_on_no_list_is_unexpected_and_an_unreported_slip_is_missed() -> None:
    exp = {"slips": [SLIP, {**SLIP, "id": "doubt", "certain": False, "figures": [5.0]}]}
    stray = _finding(3, 10.0, 11.0, rule="sum.rows")
    out = real.judge("doc", [stray, {**_finding(18, 5.0, 6.0), "severity": "warning"}], exp)
    assert len(out.unexpected) == 1 and "sum.rows" in out.unexpected[0]
    assert [m.split()[0] for m in out.missed] == ["p18-total-0"]
    assert real.judge("doc", [_finding(18, 2995.39, 0.0)], exp).missed == []


@pytest.mark.skipif(not real.REAL.exists(), reason="../shared/real not present")
def test_no_unexpected_error_on_any_real_document() -> None:
    outcomes = real.run()
    crashed = [f"{o.stem}: {o.error}" for o in outcomes if o.error]
    unexpected = [f"{o.stem}: {u}" for o in outcomes for u in o.unexpected]
    assert not crashed, crashed
    assert not unexpected, "\n".join(unexpected)

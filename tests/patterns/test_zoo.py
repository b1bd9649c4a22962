"""The template zoo (issue 17): every field of every indicator read right on each template in
XLSX, DOCX and PDF (F1 ≥ 0.99 per field), kind, scope, region and budget right, against the
truth the generator wrote (``samples/zoo/``); every slip the generator planted reported by the
checker and no error it did not plant."""

from __future__ import annotations

import json
from functools import cache

import pytest

from evals.zoo import BAR, FIELDS, FORMATS, ZOO, score_doc, score_findings

TEMPLATES = sorted(p.stem for p in (ZOO / "truth").glob("*.json"))


def test_ten_templates_or_more() -> None:
    assert {"mof_self", "prov_self", "decl_2020", "dept_target", "mof_dept_self", "mof_decl", "monitor", "sc_self",
            "prov_decl", "cq_dept_self"} <= set(TEMPLATES)


def test_every_template_has_slips_of_several_kinds() -> None:
    kinds = set()
    for key in TEMPLATES:
        slips = json.loads((ZOO / "truth" / f"{key}.json").read_text(encoding="utf-8"))["slips"]
        assert len(slips) >= 2, key
        kinds |= {s["kind"] for s in slips}
    assert kinds == {"total", "score_over", "rate_step", "rate_trunc", "money_total", "weight_total"}


def test_truth_is_what_the_generator_writes() -> None:
    """The committed truth is the generator's (seeded, deterministic): no hand edits."""
    from samples.zoo.build import truth_json
    from samples.zoo.templates import templates

    for t in templates():
        assert (ZOO / "truth" / f"{t.key}.json").read_text(encoding="utf-8") == truth_json(t), t.key


@cache
def _score(key: str, fmt: str):
    from checker.engine import check
    from extractor import read
    from patterns.recognise import recognise

    truth = json.loads((ZOO / "truth" / f"{key}.json").read_text(encoding="utf-8"))
    report = recognise(read(ZOO / "docs" / f"{key}.{fmt}"))
    s = score_doc(f"{key}.{fmt}", truth, report)
    score_findings(s, truth, report, check(report))
    return s


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", TEMPLATES)
def test_every_field_read_right(key: str, fmt: str) -> None:
    s = _score(key, fmt)
    assert s.expected > 20 and s.extracted > 0
    low = {f: round(s.f1(f), 4) for f in FIELDS if s.f1(f) < BAR}
    assert not low, (low, s.misses[:10])
    assert not s.doc_misses, s.doc_misses


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", TEMPLATES)
def test_planted_slips_reported_and_no_false_error(key: str, fmt: str) -> None:
    s = _score(key, fmt)
    assert s.planted >= 2
    assert s.caught == s.planted and not s.false_errors, s.finding_misses

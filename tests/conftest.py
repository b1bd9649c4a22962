"""Shared test helpers: paths of the bundled samples and the contract schema validator."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BAD = ROOT / "tests" / "fixtures" / "bad"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"  # the five real seed documents, as given
SCHEMA = ROOT / "extractor" / "contract.schema.json"


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_report(data: dict | str) -> None:
    """Fail the test unless ``data`` (a dict or JSON text) validates against the committed schema."""
    if isinstance(data, str):
        data = json.loads(data)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@cache
def read_recognised(path: str):
    """(Document, Report) of a file given relative to the repository (``samples/x.pdf``,
    ``tests/fixtures/seeds/000_….txt``), read and recognised once per test session: several
    modules check the same samples. Callers must not change what they get."""
    import extractor
    import patterns

    doc = extractor.read(ROOT / path)
    return doc, patterns.recognise(doc)


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.fail(f"sample {name} not built")
    return path

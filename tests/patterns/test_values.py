"""Every value string collected from the seeds and the real PDF parses to its hand-checked reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patterns.values import parse_value

CASES = Path(__file__).with_name("value_cases.tsv")


def _cases() -> list[tuple[str, str | None, float | None, float | None, str | None, int | None]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        text, op, value, upper, unit, decimals = (cols + [""] * 6)[:6]
        rows.append((
            text,
            op or None,
            float(value) if value else None,
            float(upper) if upper else None,
            unit or None,
            int(decimals) if decimals else None,
        ))
    return rows


ALL = _cases()


def test_enough_real_cases() -> None:
    assert len(ALL) >= 150


@pytest.mark.parametrize(("text", "op", "value", "upper", "unit", "decimals"), ALL, ids=[c[0] for c in ALL])
def test_value_case(text, op, value, upper, unit, decimals) -> None:
    v = parse_value(text)
    assert v.text == text
    assert (v.op, v.value, v.upper, v.unit) == (op, value, upper, unit)
    if decimals is not None:
        assert v.decimals == decimals


@pytest.mark.parametrize(
    ("text", "op", "value", "unit"),
    [
        ("=100.00(%)", "=", 100.0, "%"),
        ("≥13459.00(平方米)", ">=", 13459.0, "平方米"),
        ("补贴对象生活改善度不低于80%", ">=", 80.0, "%"),
        ("=15 天内", "<=", 15.0, "天"),
        ("0 起", "=", 0.0, "起"),
        ("19.8676 万元", None, 198676.0, "元"),
        ("不少于 3 个", ">=", 3.0, "个"),
        ("较上年增长5%", "increase", 5.0, "%"),
        ("逐年下降10%", "decrease", 10.0, "%"),
        ("提高至95%", ">=", 95.0, "%"),
        ("减少到30人", "<=", 30.0, "人"),
        ("1-2 辆", "range", 1.0, "辆"),
        ("≥90分", ">=", 90.0, "分"),
        ("2023年12月31日前", "<=", None, None),
    ],
)
def test_brief_forms(text, op, value, unit) -> None:
    v = parse_value(text)
    assert (v.op, v.value, v.unit) == (op, value, unit)


def test_money_decimals_follow_normalised_value() -> None:
    # 230.274 万元 is exact to 0.001 万元 = 10 元: decimals −1 on the value in 元.
    assert parse_value("230.274 万元").decimals == -1
    assert parse_value("19.8676万元").decimals == 0


def test_range_with_inclusive_mark() -> None:
    v = parse_value("90（含）-100")
    assert (v.op, v.value, v.upper) == ("range", 90.0, 100.0)


def test_empty_and_dashes() -> None:
    for t in ("", "---", "/", "——"):
        assert parse_value(t).op is None
    assert parse_value(None).text == ""


_ALPHABET = st.sampled_from(list("0123456789.,%-~()（）=<>≥≤＞＝ 元万人次天内以上下不低于高提下降良好含个起"))


@settings(max_examples=300)
@given(st.text(alphabet=_ALPHABET, max_size=16))
def test_parse_value_never_fails_and_keeps_the_text(text) -> None:
    v = parse_value(text)
    assert v.text == text
    if v.op == "range":
        assert v.value is not None and v.upper is not None

"""The number parser: printed forms back to value and printed decimals (property-tested)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patterns.numbers import find_numbers, parse_number

FULLWIDTH = str.maketrans("0123456789.,-+%", "０１２３４５６７８９．，－＋％")


def _group(int_part: str, sep: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return sep.join(out)


@st.composite
def printed_numbers(draw):
    """A number and one way a document might print it."""
    integer = draw(st.integers(min_value=0, max_value=10**10))
    decimals = draw(st.integers(min_value=0, max_value=4))
    frac = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else 0
    negative = draw(st.booleans()) and (integer or frac)
    int_text = str(integer)
    frac_text = str(frac).rjust(decimals, "0") if decimals else ""
    style = draw(st.sampled_from(["plain", "thousands", "ocr_thousands", "fullwidth", "ocr_point"]))
    if style == "thousands":
        int_text = _group(int_text, ",")
    elif style == "ocr_thousands":
        int_text = _group(int_text, ", ")
    text = int_text + ("." + frac_text if decimals else "")
    if style == "ocr_point" and decimals and decimals <= 2:
        text = int_text + ". " + frac_text
    if negative:
        text = "-" + text
    if style == "fullwidth":
        text = text.translate(FULLWIDTH)
    expected = Decimal(f"{'-' if negative else ''}{integer}" + (f".{frac_text}" if decimals else ""))
    return text, float(expected), decimals


@given(printed_numbers())
def test_printed_number_round_trips(case) -> None:
    text, value, decimals = case
    n = parse_number(text)
    assert n is not None, text
    assert n.value == value
    assert n.decimals == decimals
    assert n.text == text


@given(printed_numbers())
def test_find_numbers_in_prose(case) -> None:
    text, value, decimals = case
    found = find_numbers(f"实际支出{text}元，")
    assert [(n.value, n.decimals) for n in found] == [(value, decimals)]
    assert found[0].text == text


@pytest.mark.parametrize(
    ("text", "value", "decimals", "unit"),
    [
        ("2,302,740.00", 2302740.0, 2, None),
        ("１００", 100.0, 0, None),
        ("100. 00", 100.0, 2, None),
        ("7. 5", 7.5, 1, None),
        ("3, 852, 396. 53", 3852396.53, 2, None),
        ("66.22%", 66.22, 2, "%"),
        ("二〇二三", 2023.0, 0, None),
        ("三", 3.0, 0, None),
        ("百分之九十五", 95.0, 0, "%"),
        ("一千二百三十", 1230.0, 0, None),
        ("+5", 5.0, 0, None),
    ],
)
def test_examples(text, value, decimals, unit) -> None:
    n = parse_number(text)
    assert n is not None
    assert (n.value, n.decimals, n.unit) == (value, decimals, unit)


def test_not_numbers() -> None:
    for t in ("abc", "", "1-2", "良好"):
        assert parse_number(t) is None


def test_list_number_before_year_is_not_a_decimal() -> None:
    assert [n.value for n in find_numbers("4. 2023年部门")] == [4.0, 2023.0]


def test_chinese_numbers_only_when_asked() -> None:
    assert find_numbers("二〇二三年七月") == []
    assert [n.value for n in find_numbers("二〇二三年七月", chinese=True)] == [2023.0, 7.0]

"""Patterns compiled on first use behave as the compiled ones (``patterns.lazyre``, issue 18)."""

from __future__ import annotations

import re as std_re

import pytest
import regex as real_regex

from patterns.lazyre import LazyPattern, re, regex


def test_a_pattern_is_made_on_first_use_and_answers_as_the_real_one() -> None:
    text = "项目预算资金100万元，实际支出95.5万元。"
    lazy = regex.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|元)")
    real = real_regex.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|元)")
    assert isinstance(lazy, LazyPattern) and "finditer" not in vars(lazy)
    assert [m.groupdict() for m in lazy.finditer(text)] == [m.groupdict() for m in real.finditer(text)]
    assert "finditer" in vars(lazy)  # later calls are plain attribute lookups
    assert lazy.sub("X", text) == real.sub("X", text)
    assert (lazy.pattern, lazy.groupindex, lazy.groups) == (real.pattern, real.groupindex, real.groups)


def test_flags_and_other_names_are_the_real_modules() -> None:
    lazy = re.compile(r"[a-z]+", re.IGNORECASE)
    assert lazy.findall("Ab1cD") == ["Ab", "cD"]
    assert lazy.flags == std_re.compile(r"[a-z]+", std_re.IGNORECASE).flags
    assert re.escape is std_re.escape and regex.V1 is real_regex.V1


def test_module_functions_answer_as_the_real_ones() -> None:
    """``regex.sub(pattern, …)`` compiles once per (pattern, flags) and answers as ``regex.sub``,
    flags, counts and the keyword arguments only the real function takes included."""
    text = "收入 1,234.50 万元，支出 98 万元；ABC"
    assert regex.sub(r"[\s,]", "", text) == real_regex.sub(r"[\s,]", "", text)
    assert regex.sub(r"\d", "#", text, 2) == real_regex.sub(r"\d", "#", text, 2)
    assert regex.subn(r"万元", "元", text) == real_regex.subn(r"万元", "元", text)
    assert regex.split(r"[，；]", text, 1) == real_regex.split(r"[，；]", text, 1)
    assert re.findall(r"[a-c]", text, flags=re.IGNORECASE) == ["A", "B", "C"]
    assert regex.match(r"\p{Han}+", text).group() == "收入"
    assert regex.fullmatch(r"\d+", "98") and regex.search(r"\d+", text, pos=12).group() == "98"
    overlapped = [m.group() for m in regex.finditer(r"\d\d", "1234", overlapped=True)]
    assert overlapped == ["12", "23", "34"]
    with pytest.raises(real_regex.error):
        regex.sub(r"(unclosed", "", text)


def test_a_wrong_pattern_fails_on_first_use() -> None:
    lazy = regex.compile(r"(unclosed")
    with pytest.raises(real_regex.error):
        lazy.search("x")


def test_a_name_no_pattern_has_is_refused_without_compiling() -> None:
    """``getattr(p, "cache_parameters", None)`` (a walk over a module's globals) answers None
    and leaves the pattern unmade: a wrong pattern is not even parsed."""
    lazy = regex.compile(r"(unclosed")
    assert getattr(lazy, "cache_parameters", None) is None
    assert not hasattr(lazy, "__wrapped__")
    assert "search" not in vars(lazy)
    with pytest.raises(real_regex.error):
        lazy.search("x")

"""The lazily read jieba dictionary segments exactly as jieba with the whole dictionary loaded (issue 18)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from patterns import segment
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def full():
    """jieba's own tokenizer, whole dictionary plus the domain words: what the cache must reproduce."""
    return segment.full_tokenizer()


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    assert len(lines) > 500
    return lines


def test_seeds_segment_as_with_the_whole_dictionary(full, seed_lines) -> None:
    lazy = segment.segmenter()
    for line in seed_lines:
        assert lazy.lcut(line) == full.lcut(line), line
        assert lazy.lcut_for_search(line) == full.lcut_for_search(line), line
        assert lazy.lcut(line, HMM=False) == full.lcut(line, HMM=False), line
    assert lazy.total == full.total


def test_dictionary_lookups_agree(full, seed_lines) -> None:
    """``freq`` (recognise's is-this-a-word test) sees what jieba's FREQ says, for words, prefixes and strays."""
    lazy = segment.segmenter()
    pieces = {line[i:i + n] for line in seed_lines[:200] for i in range(0, len(line), 3) for n in (1, 2, 3, 5)}
    pieces |= {"预算执行率", "帮困慰问送温暖人数", "产出指标 20000 zb2", "执行", "zzz"}
    for piece in pieces:
        assert lazy.freq(piece) == full.FREQ.get(piece, 0), piece


def test_a_short_text_reads_a_small_part_of_the_dictionary(tmp_path: Path) -> None:
    path = segment.cache_path()
    tok = segment._tokenizer_class()(path)
    assert tok.lcut("预算执行率为95%，满意度为96%") == ["预算执行率", "为", "95%", "，", "满意度", "为", "96%"]
    assert 0 < len(tok.FREQ) < 5_000  # of 499,429 entries
    assert not sys.modules["jieba"].dt.initialized  # jieba's global dictionary is never loaded either


def test_cache_is_built_where_missing_and_rebuilt_when_damaged(tmp_path: Path, monkeypatch, full) -> None:
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(segment, "full_tokenizer", lambda: full)
    path = segment.cache_path()
    assert path.parent == tmp_path and path.is_file()
    path.write_bytes(b"not a cache")
    assert segment.cache_path() == path
    tok = segment._tokenizer_class()(path)
    assert tok.lcut("帮困慰问送温暖人数为120人") == full.lcut("帮困慰问送温暖人数为120人")


def test_nowhere_to_write_falls_back_to_the_whole_dictionary(monkeypatch, full) -> None:
    monkeypatch.setattr(segment, "_cache_dirs", lambda: [Path("/proc/jixiao-cannot-be-here")])
    monkeypatch.setattr(segment, "full_tokenizer", lambda: full)
    assert segment.cache_path() is None


def test_a_removed_cache_file_does_not_stop_a_running_tokenizer(tmp_path: Path, monkeypatch, full) -> None:
    """The web app and batch workers run for hours; the cache may be cleared or rebuilt meanwhile."""
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(segment, "full_tokenizer", lambda: full)
    path = segment.cache_path()
    tok = segment._tokenizer_class()(path)
    assert tok.lcut("预算执行率为95%") == full.lcut("预算执行率为95%")
    path.unlink()
    text = "服务对象满意度为96%，帮困慰问送温暖人数为120人"  # characters not read yet
    assert tok.lcut(text) == full.lcut(text)

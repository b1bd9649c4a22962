"""Search tokens: jieba with the domain dictionary of ``patterns/``, for index and query alike.

Index and query must segment the same way or a search misses: both go through
``search_tokens``. ``cut_for_search`` emits whole words and their parts (预算执行率 →
预算, 执行, 执行率, 预算执行率), so a query for a part finds the whole, and two-character
terms such as 资产 work.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import regex

DICT = Path(__file__).resolve().parent.parent / "patterns" / "data" / "indicator_dict.txt"
_LOCK = threading.Lock()
_WORD = regex.compile(r"[\p{Han}]+|[A-Za-z]+|\d+(?:\.\d+)?%?")


@lru_cache(maxsize=1)
def _tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    with _LOCK:
        tok.initialize()
        if DICT.exists():
            tok.load_userdict(str(DICT))
    return tok


def search_tokens(text: str) -> list[str]:
    """Lower-cased tokens of ``text`` for full-text search, punctuation dropped, order kept."""
    if not text:
        return []
    out: list[str] = []
    for piece in _WORD.findall(text):
        if regex.match(r"\p{Han}", piece):
            out.extend(t for t in _tokenizer().cut_for_search(piece) if t.strip())
        else:
            out.append(piece.lower())
    return out


def words(text: str) -> list[str]:
    """Whole words only (no sub-word parts): for highlighting and for describing a project."""
    if not text:
        return []
    out: list[str] = []
    for piece in _WORD.findall(text):
        if regex.match(r"\p{Han}", piece):
            out.extend(t for t in _tokenizer().lcut(piece) if t.strip())
        else:
            out.append(piece.lower())
    return out

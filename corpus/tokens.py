"""Search tokens: jieba with the domain dictionary of ``patterns/``, for index and query alike.

Index and query must segment the same way or a search misses: both go through
``search_tokens``. ``cut_for_search`` emits whole words and their parts (预算执行率 →
预算, 执行, 执行率, 预算执行率), so a query for a part finds the whole, and two-character
terms such as 资产 work.
"""

from __future__ import annotations

import regex

_WORD = regex.compile(r"[\p{Han}]+|[A-Za-z]+|\d+(?:\.\d+)?%?")


def _tokenizer():
    """The recognisers' own jieba tokenizer: one dictionary file, one segmentation."""
    from patterns.segment import segmenter

    return segmenter()


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

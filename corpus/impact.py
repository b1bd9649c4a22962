"""The best matches of a common word without scoring every match: an impact-ordered side index.

FTS5 has no way to find the 20 best bm25 matches of a word without scoring all of them (85,161
rows for 满意度 at a million indicators: 105–150 ms of CPU). For a one-word query every match
has the same idf, so its bm25 depends only on two numbers of the row: ``f``, the word's hits
weighted by column (name 10, context 2, target 1), and ``dl``, the row's length in tokens. Rows
with the same (f, dl) — a *class* — score exactly alike and are ordered by id; a common word has
a few dozen to a few hundred classes (满意度: 88). So the side index keeps, per word:

* every class with its row count (``rank_classes``): from them, the word's document frequency
  and the corpus totals (FTS5's own), each class's score is computed here exactly as FTS5's
  bm25 computes it (same formula, same order of floating-point operations: bit-identical,
  checked by the tests), and the classes the top ``limit`` rows come from are known;
* the rows of the *head* classes (``rank_rows``), by (class, id): a class is in the head while
  fewer than ``HEAD`` rows belong to classes that dominate it (at least as many weighted hits,
  no more tokens). Such rows outscore it for any corpus average length, so no row outside the
  head can be among the best ``HEAD`` whatever documents are added later; the rows of 满意度
  kept are 3,141 of 85,161 (all common words of the generated million: 1.8 M of 28 M).

A search whose classes are all in the head reads its rows in order, scored per class; anything
else (several words, a word in fewer than ``HEAD`` rows, a limit above ``HEAD``, a class not
kept) is ranked by FTS5 as before. Only words in at least ``HEAD`` rows are indexed this way:
rarer ones are cheap to rank directly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

# bm25 column weights (name ≫ context > target), shared with the FTS5 rank expression.
WEIGHTS = (10.0, 2.0, 1.0)
K1, B = 1.2, 0.75  # FTS5's bm25 constants (fts5_aux.c)
# Rows a head guarantees (best matches served from the side index) and the document frequency
# from which a word is indexed this way.
HEAD = 2000

Class = tuple[int, int]  # (weighted hits f, row length dl)


def bm25(f: float, dl: float, rows: int, tokens: int, df: int) -> float:
    """FTS5's ``bm25()`` of a one-word query on a row of class (f, dl), bit for bit.

    ``rows`` and ``tokens``: the table's row count and token total; ``df``: rows holding the word.
    The expression keeps fts5Bm25Function's order of operations (lower is better).
    """
    avgdl = float(tokens) / float(rows)
    idf = math.log((rows - df + 0.5) / (df + 0.5))
    if idf <= 0.0:
        idf = 1e-6
    score = 0.0 + idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * dl / avgdl)))
    return -1.0 * score


def dominating(classes: dict[Class, int], c: Class) -> int:
    """Rows in classes other than ``c`` with at least its weighted hits and at most its length."""
    f, dl = c
    return sum(n for (g, el), n in classes.items() if g >= f and el <= dl and (g, el) != c)


def head(classes: dict[Class, int]) -> set[Class]:
    """The classes that can hold one of the ``HEAD`` best rows, whatever the average length."""
    return {c for c in classes if dominating(classes, c) < HEAD}


def needed(scores: dict[Class, float], counts: dict[Class, int], limit: int) -> list[Class]:
    """The classes the best ``limit`` rows come from: best first until ``limit`` rows, plus every
    class scoring exactly as the last one taken (rows of equal score are ordered by id)."""
    out: list[Class] = []
    total = 0
    for c in sorted(scores, key=scores.__getitem__):
        if total >= limit and scores[c] != scores[out[-1]]:
            break
        out.append(c)
        total += counts[c]
    return out


def best(scores: dict[Class, float], rows_of: Callable[[Class, int], Iterable[int]], classes: list[Class],
         limit: int) -> list[tuple[int, float]]:
    """(id, score) of the best ``limit`` rows of ``classes`` by (score, id); ``rows_of(class, k)``
    gives a class's first ``k`` ids in id order."""
    hits = [(scores[c], i) for c in classes for i in rows_of(c, limit)]
    hits.sort()
    return [(i, s) for s, i in hits[:limit]]

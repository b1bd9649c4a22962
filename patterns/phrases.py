"""Tokens of a text and the dictionary phrases among them: what the prose recogniser used spaCy for.

The recogniser needed three things from ``spacy.blank("zh")``: jieba's words as tokens with
their offsets, a ``PhraseMatcher`` over token texts (a subject alias or an indicator name
matches only where jieba cut the text at its borders, so ``执行率`` is not found inside
``资金执行率``), and ``filter_spans`` (where matches overlap, the longest, then the first,
wins). This module does the same over the same jieba tokens, in pure Python and without
spaCy's 0.6–1.3 s import (issue 18); a dictionary of token tuples is all the matcher is.

``tokens`` reproduces how spaCy turns jieba's words into a ``Doc``
(``spacy.util.get_words_and_spaces``): whitespace words are dropped, one space after a word
belongs to that word, and any other whitespace between two words is a token of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from patterns.lazyre import regex
from patterns.segment import segmenter


class Token(NamedTuple):
    text: str
    idx: int  # offset of its first character in the text


class Match(NamedTuple):
    key: str
    start: int  # token indices, end exclusive
    end: int
    start_char: int
    end_char: int


def tokens(text: str) -> list[Token]:
    """jieba's words of ``text`` as tokens with offsets, whitespace as spaCy's Chinese tokenizer keeps it."""
    words = [w for w in segmenter().cut(text, cut_all=False) if w and not w.isspace()]
    out: list[Token] = []
    pos = 0
    for word in words:
        start = text.index(word, pos)
        if start > pos:
            out.append(Token(text[pos:start], pos))
        out.append(Token(word, start))
        pos = start + len(word)
        if pos < len(text) and text[pos] == " ":
            pos += 1
    if pos < len(text):
        out.append(Token(text[pos:], pos))
    return out


# jieba cuts a text into runs of these characters and each run on its own (``jieba.re_han_default``);
# every other character that is not whitespace is a word by itself
_RUN_CHARS = "\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-"


@cache
def _cut_after(joined: str) -> regex.Pattern:
    # a Han character outside jieba's runs (〇, CJK extension A) is never a cut: a reader that
    # walks back over Han tokens would walk over it
    return regex.compile(f"[^{_RUN_CHARS}\\p{{Han}}\\s{regex.escape(joined)}] ?")


def pieces(text: str, joined: str = "", cut: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """``text`` cut into spans after each character that jieba makes a word of its own
    (``，``, ``。``, ``（``; with one space after it, which ``tokens`` gives to that word),
    except Han characters, the characters of ``joined`` and those ``cut`` refuses.

    jieba never cuts across such a character, so the tokens of each span, shifted by its
    start, are the tokens of the whole text there, and the character's token stands between
    two spans' tokens: a reader that needs only some clauses segments only those
    (segmenting is the costliest step of reading prose).
    """
    out: list[tuple[int, int]] = []
    start = 0
    for m in _cut_after(joined).finditer(text):
        if cut is not None and not cut(text[m.start()]):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


class PhraseMatcher:
    """Phrases given as texts, found as runs of whole tokens; a phrase is tokenised as the texts are."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, ...], str] = {}
        # every phrase's leading runs of words: a run of tokens that is no phrase's beginning
        # ends the search from its first token (most tokens begin none of the ~1,500 phrases)
        self._prefixes: set[tuple[str, ...]] = set()
        self.chars: set[str] = set()  # every character of every phrase's words

    def add(self, key: str, phrases: Iterable[str]) -> None:
        """Find each of ``phrases`` as ``key``; a phrase already given under another key keeps its first key."""
        for phrase in phrases:
            words = tuple(t.text for t in tokens(phrase))
            if words:
                self._keys.setdefault(words, key)
                self._prefixes.update(words[:k] for k in range(1, len(words) + 1))
                self.chars.update("".join(words))

    def __call__(self, doc: list[Token]) -> list[Match]:
        """Every match, overlapping ones included, by start token then length."""
        out = []
        texts = [t.text for t in doc]
        for i in range(len(texts)):
            run: tuple[str, ...] = ()
            for j in range(i + 1, len(texts) + 1):
                run += (texts[j - 1],)
                if run not in self._prefixes:
                    break
                key = self._keys.get(run)
                if key is not None:
                    end_char = doc[j - 1].idx + len(texts[j - 1])
                    out.append(Match(key, i, j, doc[i].idx, end_char))
        return out

    def longest(self, doc: list[Token]) -> list[Match]:
        """Matches that do not overlap, in reading order: the longest first, the earlier of two equal ones.

        ``spacy.util.filter_spans``'s rule, which the recogniser has always used.
        """
        kept: list[Match] = []
        seen: set[int] = set()
        for m in sorted(self(doc), key=lambda m: (m.end - m.start, -m.start), reverse=True):
            if m.start not in seen and m.end - 1 not in seen:
                kept.append(m)
                seen.update(range(m.start, m.end))
        return sorted(kept, key=lambda m: m.start)

"""CJK-aware text helpers shared by every reader.

Chinese documents wrap lines anywhere, so a line break inside ``立项依据充分\\n性`` must
vanish while one between two English words must become a space. PDF and OCR text also
carry letter-spacing (``主 评 人``) and checkbox glyphs from symbol fonts. Every reader
goes through these helpers so that the same cell reads the same from PDF, DOCX or HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK punctuation 。、「」
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms （）：，１００％
    (0x20000, 0x2FFFF),  # extensions B+
)

#: Glyphs that mean "ticked" / "not ticked" in a form (symbol-font code points included).
CHECKED_MARKS = frozenset("☑☒■✓✔✅√\uf0fe\uf0fd\uf0fc\uf052")
UNCHECKED_MARKS = frozenset("□☐\uf0a8\uf06f")
_GLYPH_MAP = str.maketrans(
    {"\uf0fe": "☑", "\uf0fd": "☒", "\uf0fc": "✓", "\uf052": "☑", "\uf0a8": "□", "\uf06f": "□"}
)

_WS = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009]+")
_NUMERIC_TAIL = re.compile(r"[\d.,，%]$")
_NUMERIC_HEAD = re.compile(r"^[\d.,%]")

_CN_NUM = "一二三四五六七八九十百零〇"
_HEADING_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^[{_CN_NUM}]+\s*[、．.]"), 1),
    (re.compile(rf"^[（(]\s*[{_CN_NUM}]+\s*[）)]"), 2),
    (re.compile(r"^第[一二三四五六七八九十\d]+[章节部分]"), 1),
)
_TOC_TAIL = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|\s\d{1,3})$")  # a table-of-contents entry, not a heading
_SENTENCE_END = ("。", "；", ";", "！", "？", "，", ",")


@lru_cache(maxsize=8192)
def _cjk_code(o: int) -> bool:
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


def is_cjk(ch: str) -> bool:
    """True for ideographs, kana, CJK punctuation and full-width forms.

    Cached per code point: the line builder asks it for every pair of neighbouring
    characters on every PDF page.
    """
    return bool(ch) and _cjk_code(ord(ch[0]))


def normalize_glyphs(text: str) -> str:
    """Map private-use checkbox glyphs of Wingdings-like fonts to their Unicode meaning."""
    return text.translate(_GLYPH_MAP)


def collapse_blanks(text: str) -> str:
    """Runs of blanks (including ideographic spaces) as one space; ends stripped."""
    return _WS.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """Collapse runs of blanks to one space, and drop blanks standing between two CJK chars.

    Letter-spaced titles (``主 评 人``) and OCR noise put spaces where the author meant none;
    a space between two Latin words or between a number and a CJK unit (``2023 年``) stays.
    """
    text = _WS.sub(" ", text).strip()
    if " " not in text:
        return text
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < n - 1 and is_cjk(text[i - 1]) and is_cjk(text[i + 1]):
            continue
        out.append(ch)
    return "".join(out)


def join_wrapped(a: str, b: str) -> str:
    """Join two visual lines of one paragraph or cell.

    Nothing goes between them when either side of the break is CJK (Chinese wraps inside
    words) or when a number was cut (``4,100,000.0`` / ``0``); otherwise a space does.
    """
    a, b = a.rstrip(), b.lstrip()
    if not a:
        return b
    if not b:
        return a
    if is_cjk(a[-1]) or is_cjk(b[0]):
        return a + b
    if _NUMERIC_TAIL.search(a) and _NUMERIC_HEAD.match(b):
        return a + b
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        return a[:-1] + b
    return a + " " + b


def join_lines(lines: list[str]) -> str:
    """All lines of one paragraph or cell as one string, joined CJK-aware."""
    out = ""
    for line in lines:
        out = join_wrapped(out, line)
    return out


def checkbox_state(text: str) -> bool | None:
    """``True`` when the text holds a ticked box, ``False`` for only empty boxes, else None."""
    if any(c in CHECKED_MARKS for c in text):
        return True
    if any(c in UNCHECKED_MARKS for c in text):
        return False
    return None


def heading_level(text: str, max_len: int = 40) -> int | None:
    """Heading level from Chinese outline numbering (``一、`` → 1, ``（一）`` → 2).

    Only short lines that do not end like a sentence count: ``一、加强党的建设。落实…`` is
    a numbered paragraph, not a heading.
    """
    t = text.strip()
    if not t or len(t) > max_len or t.endswith(_SENTENCE_END) or _TOC_TAIL.search(t):
        return None
    for pat, level in _HEADING_PATTERNS:
        if pat.match(t):
            return level
    return None


def starts_numbered(text: str) -> bool:
    """True when a line opens with an outline number: a new paragraph, never a continuation."""
    t = text.lstrip()
    return any(p.match(t) for p, _ in _HEADING_PATTERNS) or bool(
        re.match(r"^(\d{1,2}[、．.](?!\d)|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])", t)
    )

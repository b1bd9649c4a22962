"""Characters → lines → paragraphs for PDF pages, without pdfplumber's own text pass.

pdfplumber's ``extract_text`` and ``extract_tables`` each walk the characters again; a
1,000-page report makes that cost real. The PDF reader therefore takes ``page.chars``
once, hands the characters inside table cells to the table builder and the rest to these
functions, which rebuild lines and paragraphs the way a Chinese reader sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from extractor.cjk import collapse_blanks, is_cjk, normalize_glyphs

Char = dict[str, Any]


@dataclass
class Line:
    """One visual line of text on a page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


def chars_to_lines(chars: list[Char]) -> list[Line]:
    """Group characters into lines by vertical centre, then order each line left to right.

    Spaces are decided from the gaps between glyphs (space characters themselves are
    unreliable in PDFs): a gap wider than a quarter em separates Latin words, while CJK
    neighbours only get a space across a wide gap (two fields on one line).
    """
    # (centre, order, char): sorted by centre, ties in reading order, each centre computed once
    glyphs = [
        ((c["top"] + c["bottom"]) / 2, k, c) for k, c in enumerate(chars) if c["text"].strip() and c.get("upright", True)
    ]
    if not glyphs:
        return []
    glyphs.sort()
    groups: list[list[Char]] = []
    current: list[Char] = []
    centre = 0.0
    for cy, _, c in glyphs:
        tol = 0.45 * (c["bottom"] - c["top"])
        if current and abs(cy - centre) <= (tol if tol > 1.5 else 1.5):
            current.append(c)
        else:
            if current:
                groups.append(current)
            current = [c]
            centre = cy
    groups.append(current)
    lines = [_line_of(g) for g in groups]
    return [ln for ln in lines if ln.text]


_X0, _X1, _TOP, _BOTTOM = (itemgetter(k) for k in ("x0", "x1", "top", "bottom"))


def _line_of(chars: list[Char]) -> Line:
    chars.sort(key=_X0)
    parts: list[str] = []
    prev: Char | None = None
    prev_text = ""
    sizes: list[float] = []
    for c in chars:
        text = c["text"]
        own = c.get("size") or (c["bottom"] - c["top"])
        if prev is not None:
            if text == prev_text and abs(c["x0"] - prev["x0"]) < 1.0 and abs(c["top"] - prev["top"]) < 1.0:
                continue  # overprinted duplicate (fake bold)
            size = max(1.0, own)
            gap = c["x0"] - prev["x1"]
            if gap > 0.25 * size and (gap > 2.0 * size or not (is_cjk(prev_text[-1]) and is_cjk(text[0]))):
                parts.append(" ")
        parts.append(text)
        sizes.append(own)
        prev, prev_text = c, text
    sizes.sort()
    return Line(
        text=collapse_blanks(normalize_glyphs("".join(parts))),
        x0=chars[0]["x0"],
        top=min(map(_TOP, chars)),
        x1=max(map(_X1, chars)),
        bottom=max(map(_BOTTOM, chars)),
        size=sizes[len(sizes) // 2] if sizes else 10.0,
    )


def starts_paragraph(prev: Line, line: Line, left: float, right: float) -> bool:
    """True when ``line`` opens a new paragraph rather than continuing ``prev``.

    Evidence, any of which suffices: extra vertical space, a change of font size, the
    previous line stopping well short of the right margin, a first-line indent, or an
    outline number (``一、``, ``（二）``, ``3.``) at the start.
    """
    from extractor.cjk import starts_numbered

    size = max(prev.size, line.size, 1.0)
    if line.top - prev.bottom > 0.9 * size or line.top < prev.top:
        return True
    if abs(prev.size - line.size) > 1.0:
        return True
    if _centred(prev, left, right) and _centred(line, left, right) and prev.x1 - prev.x0 > line.x1 - line.x0:
        return False  # a centred title wrapped onto a shorter second line
    if prev.x1 < right - 2.5 * size:
        return True
    if size >= 13 and _centred(line, left, right) and line.x1 - line.x0 < prev.x1 - prev.x0:
        return False  # a large-type title whose first line fills the width, the rest centred
    if line.x0 > left + 1.2 * size and line.x0 > prev.x0 + 1.2 * size:
        return True
    return starts_numbered(line.text)


def _centred(line: Line, left: float, right: float) -> bool:
    """True for a line centred between the margins and clearly indented from both."""
    mid = (left + right) / 2
    return abs((line.x0 + line.x1) / 2 - mid) < 1.5 * line.size and line.x0 > left + 2 * line.size


def body_margins(lines: list[Line]) -> tuple[float, float]:
    """Left and right edges of the body text of a page.

    The right edge is taken from lines that start at the left margin, so a right-aligned
    date or ``单位：元`` does not make every full body line look short.
    """
    if not lines:
        return 0.0, 0.0
    left = min(ln.x0 for ln in lines)
    flush = [ln.x1 for ln in lines if ln.x0 <= left + 3 * ln.size]
    right = max(flush) if flush else max(ln.x1 for ln in lines)
    return left, right

"""Pages whose text runs sideways or upside down, turned so that it reads upright.

Landscape tables are often stored as portrait pages with the text drawn at 90°, or a page
carries a ``/Rotate`` that turns upright content on its side (a scanner's or a merge
tool's doing). pdfplumber reports such characters as not upright; the line and table
builders then find no rows, and the page's text is lost. The cure is the viewer's: the
page is rotated by the angle its text runs at, so pdfminer lays it out upright.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

_SHARE = 0.6  # the share of a page's characters that must run at one angle to turn it
_MIN_CHARS = 8  # fewer characters than this say nothing about a page's orientation


def char_angle(matrix: tuple[float, ...]) -> int:
    """The angle a character's baseline runs at, counter-clockwise, to the nearest 90°."""
    a, b = matrix[0], matrix[1]
    return round(math.degrees(math.atan2(b, a)) / 90) * 90 % 360


def turn_needed(chars: list[dict[str, Any]]) -> int:
    """Degrees (clockwise, as ``/Rotate`` counts) that make most characters upright; 0 if none."""
    return turn_for(Counter(char_angle(c["matrix"]) for c in chars if c.get("text", "").strip() and "matrix" in c))


def turn_for(angles: Counter[int]) -> int:
    """``turn_needed`` from the number of characters running at each angle (0, 90, 180, 270)."""
    total = sum(angles.values())
    if total < _MIN_CHARS:
        return 0
    angle, n = angles.most_common(1)[0]
    if angle == 0 or n < _SHARE * total:
        return 0
    # a baseline at θ counter-clockwise reads upright once the page turns θ clockwise
    return angle


def upright(page: Any) -> tuple[Any, int]:
    """The page itself, or a fresh pdfplumber page turned upright, and the turn applied.

    pdfminer lays a page out through a transformation built from ``PDFPage.rotate``, and
    pdfplumber sizes the page from the ``Rotate`` attribute: both are set, and the page is
    built anew so that no layout computed before the turn is kept.
    """
    from pdfplumber.page import Page

    turn = turn_needed(page.chars)
    if not turn:
        return page, 0
    obj = page.page_obj
    rotation = (int(page.rotation) + turn) % 360
    obj.rotate = rotation
    obj.attrs["Rotate"] = rotation
    page.close()
    return Page(page.pdf, obj, page_number=page.page_number, initial_doctop=page.initial_doctop), turn


_SLANT = 0.5  # points: a ruling line off the axis by less than this is drawn on it


def square_lines(page: Any) -> None:
    """Put ruling lines that a transform left a hair off the axis back on it.

    A matrix computed with ``cos 90° = 6e-17`` leaves a horizontal rule with ``top`` and
    ``bottom`` 1e-14 apart; pdfplumber then files it as a *vertical* edge and the table
    loses its rows. Diagonal header rules (斜线表头) slant by far more and are kept.
    """
    for line in page.objects.get("line", []):
        dy, dx = abs(line["bottom"] - line["top"]), abs(line["x1"] - line["x0"])
        if 0 < dy < _SLANT < dx:
            line["bottom"] = line["top"]
        elif 0 < dx < _SLANT < dy:
            line["x1"] = line["x0"]

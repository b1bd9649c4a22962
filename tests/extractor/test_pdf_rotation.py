"""Pages that run sideways read the same as upright ones (extractor.pdf_rotation).

Built from the target-declaration sample with pypdf in the two ways such pages occur:
a ``/Rotate`` that turns upright content on its side, and content drawn at 90° inside a
landscape page (a landscape table stored as text turned on the page).
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf._page import PageObject

from extractor.document import Table
from extractor.pdf import read_pdf as read_bytes
from extractor.pdf_rotation import char_angle, square_lines, turn_needed
from tests.extractor.helpers import sample

SRC = "target_decl_2023_songjiang.pdf"


def _content(data: bytes, name: str) -> tuple[list[str], list[list[list[str]]]]:
    doc = read_bytes(data, name)
    blocks = [b.text for b in doc.items if not isinstance(b, Table)]
    tables = [t.grid() for t in doc.tables]
    return blocks, tables


def _rotated(data: bytes, how: str, angle: int) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for i, page in enumerate(reader.pages):
        if i < 2 and how == "attribute":
            page.rotate(angle)
        elif i < 2 and how == "drawn":
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            blank = PageObject.create_blank_page(width=h, height=w)
            # turn the content 90° counter-clockwise and move it back onto the page; pypdf's
            # rotate() leaves cos 90° = 6e-17 in the matrix, as many tools do
            blank.merge_transformed_page(page, Transformation().rotate(90).translate(h, 0))
            page = blank
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def original() -> tuple[bytes, tuple]:
    data = sample(SRC).read_bytes()
    return data, _content(data, SRC)


@pytest.mark.parametrize(("how", "angle"), [("attribute", 90), ("attribute", 270), ("attribute", 180), ("drawn", 90)])
def test_turned_pages_read_like_the_upright_original(original, how, angle):
    data, expected = original
    turned = _rotated(data, how, angle)
    doc = read_bytes(turned, "turned.pdf")
    assert sum("read turned upright" in w for w in doc.warnings) == 2
    assert _content(turned, "turned.pdf") == expected


def test_upright_pages_are_left_alone(original):
    data, _ = original
    assert not [w for w in read_bytes(data, SRC).warnings if "upright" in w]


def test_turn_follows_the_majority_of_characters():
    up = {"text": "字", "matrix": (1, 0, 0, 1, 0, 0)}
    down = {"text": "字", "matrix": (0, -1, 1, 0, 0, 0)}
    assert char_angle(down["matrix"]) == 270
    assert turn_needed([down] * 9 + [up]) == 270
    assert turn_needed([down] * 5 + [up] * 5) == 0  # no clear majority: leave the page
    assert turn_needed([down] * 3) == 0  # too few characters to tell


def test_rules_a_hair_off_the_axis_are_squared_and_diagonals_kept():
    class _Page:
        objects = {
            "line": [
                {"x0": 10.0, "x1": 300.0, "top": 50.0, "bottom": 50.0 + 1e-13},  # horizontal, float noise
                {"x0": 80.0, "x1": 80.0 + 1e-13, "top": 50.0, "bottom": 400.0},  # vertical, float noise
                {"x0": 10.0, "x1": 80.0, "top": 50.0, "bottom": 70.0},  # 斜线表头: a real diagonal
            ]
        }

    square_lines(_Page)
    h, v, diagonal = _Page.objects["line"]
    assert h["top"] == h["bottom"] and v["x0"] == v["x1"]
    assert (diagonal["top"], diagonal["bottom"]) == (50.0, 70.0)

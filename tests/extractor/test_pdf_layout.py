"""PDF layout rules on generated pages: running headers, page numbers, paragraphs, tables."""

from __future__ import annotations

from extractor.pdf import read_pdf
from tests.extractor.pdfgen import Page, build


def _report(n_pages: int) -> bytes:
    pages = []
    for i in range(1, n_pages + 1):
        p = Page()
        p.text(72, 30, "Annual Performance Evaluation Report 2022")
        p.text(290, 810, f"- {i} -")
        p.text(72, 100, f"Section {i} opens here and the sentence runs on to the end of the")
        p.text(72, 114, "line, where it wraps onto the next one.")
        p.text(72, 150, "A second paragraph after a blank gap.")
        pages.append(p)
    return build(pages)


def test_running_header_and_page_numbers_are_removed() -> None:
    doc = read_pdf(_report(4), "r.pdf")
    texts = [b.text for b in doc.blocks]
    assert not any("Annual Performance" in t for t in texts)
    assert not any(t.startswith("- ") for t in texts)
    assert (
        texts[0]
        == "Section 1 opens here and the sentence runs on to the end of the line, where it wraps onto the next one."
    )
    assert texts[1] == "A second paragraph after a blank gap."
    assert len(texts) == 8


def test_a_title_on_one_page_is_kept() -> None:
    p = Page()
    p.text(72, 30, "Only Page Title")
    p.text(72, 100, "Body.")
    doc = read_pdf(build([p]), "one.pdf")
    assert [b.text for b in doc.blocks] == ["Only Page Title", "Body."]


def _table_page(rows: list[list[str]], top: float, with_header: bool, xs: list[float]) -> Page:
    p = Page()
    ys = [top + 20 * k for k in range(len(rows) + (1 if with_header else 0) + 1)]
    p.grid(xs, ys)
    body = ([["Level 1", "Indicator", "Points"]] if with_header else []) + rows
    for r, row in enumerate(body):
        for k, text in enumerate(row):
            if text:
                p.text(xs[k] + 3, ys[r] + 5, text)
    return p


def test_table_continued_on_next_page_is_joined_and_header_dropped() -> None:
    xs = [60, 160, 400, 500]
    first = _table_page([["Output", f"C{k}", "6"] for k in range(1, 35)], 80, True, xs)
    first.text(60, 60, "Table 3: Scoring")
    second = _table_page([["Effect", "D1", "5"], ["Total", "", "100"]], 40, True, xs)
    second.text(60, 200, "Closing remarks.")
    doc = read_pdf(build([first, second]), "t.pdf")
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.pages == [1, 2] and t.id == "p1-t1"
    grid = t.grid()
    assert grid[0] == ["Level 1", "Indicator", "Points"]
    assert [r[1] for r in grid].count("Indicator") == 1
    assert grid[-1] == ["Total", "", "100"]
    assert t.n_rows == 1 + 34 + 2 and t.header_rows == 1
    assert t.row_page(t.n_rows - 1) == 2
    assert [b.text for b in doc.blocks] == ["Table 3: Scoring", "Closing remarks."]


def test_tables_with_other_columns_are_not_joined() -> None:
    first = _table_page([["a", "b", "c"] for _ in range(34)], 80, True, [60, 160, 400, 500])
    second = _table_page([["x", "y", "z"]], 40, True, [60, 250, 300, 500])
    doc = read_pdf(build([first, second]), "t.pdf")
    assert [t.pages for t in doc.tables] == [[1], [2]]
    assert [t.id for t in doc.tables] == ["p1-t1", "p2-t1"]


def test_spans_from_cell_geometry() -> None:
    p = Page()
    xs, ys = [60, 160, 300, 400], [100, 120, 140, 160, 180]
    # outer frame and row lines, but the first column has no lines between rows 1..3
    for x in xs:
        p.line(x, ys[0], x, ys[-1])
    p.line(xs[0], ys[0], xs[-1], ys[0])
    p.line(xs[0], ys[1], xs[-1], ys[1])
    for y in ys[2:-1]:
        p.line(xs[1], y, xs[-1], y)
    p.line(xs[0], ys[-1], xs[-1], ys[-1])
    for r, (name, pts) in enumerate([("C11", "6"), ("C12", "6"), ("C13", "3")], start=1):
        p.text(xs[1] + 3, ys[r] + 5, name)
        p.text(xs[2] + 3, ys[r] + 5, pts)
    p.text(xs[0] + 3, ys[0] + 5, "Level 1")
    p.text(xs[0] + 3, ys[2] + 5, "Output")
    doc = read_pdf(build([p]), "s.pdf")
    t = doc.tables[0]
    out = next(c for c in t.cells if c.text == "Output")
    assert (out.row, out.col, out.rowspan, out.colspan) == (1, 0, 3, 1)
    assert t.grid(fill_down=True)[3] == ["Output", "C13", "3"]


def _image_page() -> Page:
    p = Page()
    p.ops.append("q 100 0 0 100 100 600 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q")
    return p


def test_image_only_pages_are_named_in_a_warning() -> None:
    text = Page()
    text.text(72, 100, "Scanned annex follows.")
    doc = read_pdf(build([text, _image_page(), _image_page()]), "scan.pdf")
    assert [b.text for b in doc.blocks] == ["Scanned annex follows."]
    assert any("pages 2-3" in w and "OCR" in w for w in doc.warnings)


def test_all_pages_image_only_raises() -> None:
    import pytest

    from extractor.errors import ImageOnlyError

    with pytest.raises(ImageOnlyError):
        read_pdf(build([_image_page(), _image_page()]), "scan.pdf")


def test_repeated_unit_line_near_the_top_is_kept() -> None:
    pages = []
    for i in range(3):
        p = Page()
        p.text(72, 30, "Running title")
        p.text(400, 50, "单位：元")
        p.text(72, 120, f"Body {i}.")
        pages.append(p)
    doc = read_pdf(build(pages), "u.pdf")
    assert [b.text for b in doc.blocks] == [
        "单位：元",
        "Body 0.",
        "单位：元",
        "Body 1.",
        "单位：元",
        "Body 2.",
    ]


def test_cjk_paragraph_wrap_and_table_cells() -> None:
    p = Page()
    p.text(72, 60, "一、项目概况")
    first = "该项目的立项依据充分，绩效目标明确，预算执行率为百分之百，各项产出与效益指标"
    assert len(first) == 38  # 92 + 38 × 10 pt reaches the right margin of the page's text
    p.text(92, 90, first)
    p.text(72, 104, "完成情况良好。")
    p.text(72, 140, "表 3：项目具体指标评分表")
    p.text(400, 156, "金额单位：万元")
    xs, ys = [60, 160, 300, 400], [180, 220, 240, 260]
    p.grid(xs, ys)
    p.text(63, 185, "三级指标")
    p.text(163, 185, "立项依据充分")
    p.text(163, 199, "性")
    p.text(303, 185, "项目类别")
    p.text(63, 225, "■经常性")
    p.text(163, 225, "□一次性")
    p.text(63, 245, "分值")
    p.text(163, 245, "2")
    doc = read_pdf(build([p]), "cjk.pdf")
    assert [(b.text, b.kind, b.level) for b in doc.blocks] == [
        ("一、项目概况", "heading", 1),
        (first + "完成情况良好。", "paragraph", None),
        ("表 3：项目具体指标评分表", "paragraph", None),
        ("金额单位：万元", "paragraph", None),
    ]
    t = doc.tables[0]
    assert (t.caption, t.unit) == ("表 3：项目具体指标评分表", "万元")
    assert t.grid()[0] == ["三级指标", "立项依据充分性", "项目类别"]
    assert [c.checked for c in t.cells if c.row == 1][:2] == [True, False]

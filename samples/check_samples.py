"""Check the committed sample PDFs with pdfplumber (no LibreOffice needed).

    .venv/bin/python samples/check_samples.py

Prints every ruled table pdfplumber finds (page, size, first cells) and asserts the
properties the samples promise: A4 pages, the 附件1 scoring table running over several pages
with its header row repeated on each, merged cells read as None, and the totals rows.
"""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
HEADER_8 = ["一级指标", "权重", "二级指标", "三级指标", "分值", "评分标准", "业绩值", "得分"]


def flat(cell: str | None) -> str | None:
    return None if cell is None else re.sub(r"\s+", "", cell)


def tables(pdf_path: Path) -> list[tuple[int, list[list[str | None]]]]:
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            assert abs(page.width - 595.3) < 1 and abs(page.height - 841.9) < 1, "not A4"
            for t in page.extract_tables():
                found.append((page.page_number, t))
    return found


def main() -> None:
    for name in ("eval_report_2022_xinfang", "target_decl_2023_songjiang", "monitoring_2023_qingyunpu"):
        found = tables(HERE / f"{name}.pdf")
        print(f"== {name}.pdf: {len(found)} table pieces")
        for page, t in found:
            head = [(flat(c) or "")[:8] for c in t[0]]
            nones = sum(c is None for r in t for c in r)
            print(f"  p{page}: {len(t)} rows x {len(t[0])} cols, {nones} merged (None) cells, first row {head}")

    found = tables(HERE / "eval_report_2022_xinfang.pdf")
    annex = [(p, t) for p, t in found if [flat(c) for c in t[0]] == HEADER_8]
    pages = [p for p, _ in annex]
    assert len(pages) >= 2 and pages == list(range(pages[0], pages[0] + len(pages))), pages
    codes = []
    for _, t in annex:
        for row in t[1:]:
            m = re.match(r"^([A-D]\d\d)", flat(row[3]) or "")
            if m and m.group(1) not in codes:
                codes.append(m.group(1))
    assert len(codes) == 22, codes
    last = annex[-1][1][-1]
    assert flat(last[0]) == "合计" and last[1:4] == [None, None, None] and last[4] == "100" and last[7] == "91", last
    first = annex[0][1]
    assert first[1][:3] == ["A 决\n策", "10%", "A1 项目\n立项"] or flat(first[1][0]) == "A决策", first[1]
    assert first[2][0] is None and first[2][1] is None and first[2][2] is None, first[2]
    print(f"附件1: pages {pages}, header repeated on each, 22 codes {codes[0]}…{codes[-1]}, 合计 row ok")

    scores = [t for _, t in found if len(t) == 24 and len(t[0]) == 6]
    assert scores and [flat(c) for c in scores[0][-1]] == ["合计", None, None, None, "100", "91"]
    budget = [t for _, t in found if flat(t[0][0]) == "项目构成"]
    assert budget and budget[0][-1][0] == "合计" and budget[0][-1][1] is None
    print("表1 and 表3 ok")

    decl = tables(HERE / "target_decl_2023_songjiang.pdf")
    forms = [t for _, t in decl if (flat(t[0][0]) or "").startswith("财政项目支出绩效目标申报表")]
    assert len(forms) == 5, len(forms)
    print("target declarations: 5 申报表 forms")


if __name__ == "__main__":
    main()

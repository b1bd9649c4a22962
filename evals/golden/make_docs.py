"""Write the XLSX, HTML and Markdown documents of the golden suite from the sample TSVs.

    .venv/bin/python -m evals.golden.make_docs

The samples only exist as PDF/DOCX (and one seed HTML without merges). The same
hand-checked tables written in the other formats let ``make eval`` measure the XLSX,
HTML and Markdown readers against the very same expected cells, merges included:
``^``/``<`` become merged ranges in XLSX and rowspan/colspan in HTML. Markdown pipe
tables cannot merge, so only simple tables go there (expected as a flat grid); a merged
table goes into Markdown as embedded ``<table>`` markup, the way MinerU writes it.

Outputs are committed (evals/golden/docs/); the script is deterministic, so re-running it
changes nothing unless a TSV changed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from evals.cells import MD_PIPE, SAMPLES, TABLES, origin_cells, read_tsv_rows

OUT = Path(__file__).resolve().parent / "docs"
# output name and the document's own title (the DOCX title of samples/build.py)
SETS = {
    "000": ("eval_report_tables", "2022年信访办维稳专项绩效评价报告"),
    "001": ("target_decl_forms", "上海市松江区人民政府信访办公室2023年财政支出项目绩效目标申报表"),
    "004": ("monitoring_tables", "2023年全国省市“两会”现场值守工作经费项目1-10月份绩效运行监控报告"),
}


def _ordered(seed: str) -> list[tuple[Path, str]]:
    """The seed's TSVs in document order, each with the caption line printed above it."""
    lines = (SAMPLES / "src" / f"{seed}.txt").read_text(encoding="utf-8").split("\n")
    out = []
    for i, line in enumerate(lines):
        m = re.fullmatch(r"\[\[table (\S+)\]\]", line)
        if m:
            near = [x for x in reversed(lines[:i]) if x.strip()][:3]
            caption = next((x[2:] for x in near if x.startswith("= ")), "")
            out.append((TABLES / m.group(1), caption))
    return out


def write_xlsx(seed: str) -> None:
    """One sheet per table, every cell a string (text exactly as in the TSV), merges kept."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    name, title = SETS[seed]
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for path, caption in _ordered(seed):
        # sheets named like the printed captions (表3：项目具体指标评分表), as a person would
        sheet = re.sub(r"[\\/?*\[\]:]", " ", caption).strip()[:31] or path.stem
        sheet = sheet if sheet not in used else path.stem[:31]
        used.add(sheet)
        ws = wb.create_sheet(sheet)
        rows = read_tsv_rows(path)
        for c in origin_cells(rows):
            cell = ws.cell(row=c.row + 1, column=c.col + 1, value=c.text)
            cell.data_type = "s"  # ``=100%`` is a target, not a formula
            if (c.rowspan, c.colspan) != (1, 1):
                ws.merge_cells(f"{get_column_letter(c.col + 1)}{c.row + 1}:"
                               f"{get_column_letter(c.col + c.colspan)}{c.row + c.rowspan}")
    wb.properties.title = title
    wb.properties.creator = "jixiao evals"
    fixed = dt.datetime(2024, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    wb.save(OUT / f"{name}.xlsx")


def html_table(path: Path) -> str:
    """A TSV as ``<table>`` markup with rowspan/colspan; ``\\n`` as ``<br>``."""
    rows = read_tsv_rows(path)
    by_row: dict[int, list[str]] = {}
    for c in origin_cells(rows):
        attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        text = "<br>".join(html.escape(p, quote=False) for p in c.text.split("\n"))
        by_row.setdefault(c.row, []).append(f"<td{attrs}>{text}</td>")
    body = "\n".join(f"<tr>{''.join(by_row.get(r, []))}</tr>" for r in range(len(rows)))
    return f"<table>\n{body}\n</table>"


def write_html(seed: str) -> None:
    name, title = SETS[seed]
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN">', '<head><meta charset="utf-8">',
             f"<title>{html.escape(title)}</title>", "</head>", "<body>", f"<h1>{html.escape(title)}</h1>"]
    for path, caption in _ordered(seed):
        if caption:
            parts.append(f"<p>{html.escape(caption, quote=False)}</p>")
        parts.append(html_table(path))
    parts += ["</body>", "</html>", ""]
    (OUT / f"{name}.html").write_text("\n".join(parts), encoding="utf-8")


def pipe_table(path: Path) -> str:
    """A merge-free TSV as a Markdown pipe table (``|`` escaped, line breaks as spaces)."""
    rows = read_tsv_rows(path)
    cell = [[("" if t in ("^", "<") else t.replace("\\n", " ").replace("|", "\\|")) for t in r] for r in rows]
    lines = ["| " + " | ".join(cell[0]) + " |", "|" + "---|" * len(cell[0])]
    lines += ["| " + " | ".join(r) + " |" for r in cell[1:]]
    return "\n".join(lines)


def write_markdown() -> None:
    pipe = ["# 绩效表格（Markdown 管道表）", ""]
    for seed, names in MD_PIPE.items():
        captions = {p.stem: cap for p, cap in _ordered(seed)}
        for n in names:
            pipe += [captions.get(n) or n, "", pipe_table(TABLES / seed / f"{n}.tsv"), ""]
    (OUT / "pipe_tables.md").write_text("\n".join(pipe), encoding="utf-8")
    embedded = ["# 绩效表格（Markdown 内嵌 HTML 表）", "", "表3：项目具体指标评分表", "",
                html_table(TABLES / "000" / "t3_scores.tsv"), "", "网络信息系统开发 申报表", "",
                html_table(TABLES / "001" / "p2_wangluo_kaifa_form.tsv"), ""]
    (OUT / "html_in_markdown.md").write_text("\n".join(embedded), encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in SETS:
        write_xlsx(seed)
        write_html(seed)
    write_markdown()
    for p in sorted(OUT.iterdir()):
        print(f"wrote {p.relative_to(OUT.parent.parent.parent)}")


if __name__ == "__main__":
    main()

"""The self-contained HTML review of one report, for the web app's download and ``jixiao check --format html``.

One renderer for both so that a review mailed from the command line looks like the one
downloaded from the browser. Needs only Jinja2 (the ``web`` extra), not the server.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, FileSystemLoader

from jixiao import __version__
from jixiao.web.exports import SEVERITY_ZH, grouped, where

HERE = Path(__file__).resolve().parent
KIND_ZH = {"evaluation_report": "绩效评价报告", "self_assessment": "绩效自评", "target_declaration": "绩效目标申报",
           "monitoring_report": "绩效监控报告", "budget": "预算/决算", "other": "其他"}


def template_env() -> Environment:
    """Jinja2 with autoescape on for every template: document text is never trusted markup."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(version=__version__, SEVERITY_ZH=SEVERITY_ZH, KIND_ZH=KIND_ZH)
    env.filters["num"] = lambda v: "—" if v is None else f"{v:,.2f}".rstrip("0").rstrip(".")
    return env


def _row_pages(table: dict) -> list[int | None]:
    """The page of each row: ``row_pages`` when it matches ``rows``, else the table's first page.

    A table over a page break lists all its pages in its heading; a reader looking for one
    marked row needs the page that row is printed on (its ``title`` in the review).
    """
    rows, pages = table.get("rows") or [], table.get("row_pages") or []
    if len(pages) == len(rows):
        return list(pages)
    first = (table.get("pages") or [None])[0]
    return [first] * len(rows)


def review_html(report: dict, name: str | None = None, env: Environment | None = None) -> str:
    """The whole review as one HTML page: CSS inline, no script, no outside reference.

    Each finding's place links to the table row it names (``#t2-r14``: the third table,
    row 14), so the reviewer jumps from the finding to the marked row; the anchor is made
    from the table's position, not its id, because a re-checked JSON may carry any id.
    """
    from markupsafe import Markup

    from jixiao.web.locate import grid

    marks: dict[str, dict[int, set]] = {}
    for f in report.get("findings", []):
        for loc in f.get("locations") or []:
            if loc.get("table") and loc.get("row") is not None:
                marks.setdefault(loc["table"], {}).setdefault(loc["row"], set()).add(loc.get("col"))
    anchors: dict[str, tuple[str, int]] = {}
    tables = []
    for i, t in enumerate(report.get("tables", [])):
        anchors.setdefault(t["id"], (f"t{i}", len(t.get("rows") or [])))
        tables.append((t, grid(t, marks.get(t["id"], {})), f"t{i}", _row_pages(t)))

    def places(f: dict) -> list[tuple[str, str | None]]:
        """``(第20页 p18-t1 行14, #t5-r14)`` per location; no link where no table row is named."""
        out = []
        for loc in f.get("locations") or []:
            text = where({"locations": [loc]})
            anchor, n_rows = anchors.get(loc.get("table") or "", (None, 0))
            row = loc.get("row")
            href = None
            if anchor is not None:
                href = f"#{anchor}-r{row}" if isinstance(row, int) and 0 <= row < n_rows else f"#{anchor}"
            if text != "—":
                out.append((text, href))
        return out

    css = Markup((HERE / "static" / "app.css").read_text(encoding="utf-8"))
    meta = SimpleNamespace(name=name or report["source"]["file"])
    template = (env or template_env()).get_template("export.html")
    return template.render(meta=meta, report=report, groups=grouped(report.get("findings", [])),
                           tables=tables, where=where, places=places, css=css)

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


def review_html(report: dict, name: str | None = None, env: Environment | None = None) -> str:
    """The whole review as one HTML page: CSS inline, no script, no outside reference."""
    from markupsafe import Markup

    from jixiao.web.locate import grid

    marks: dict[str, dict[int, set]] = {}
    for f in report.get("findings", []):
        for loc in f.get("locations") or []:
            if loc.get("table") and loc.get("row") is not None:
                marks.setdefault(loc["table"], {}).setdefault(loc["row"], set()).add(loc.get("col"))
    tables = [(t, grid(t, marks.get(t["id"], {}))) for t in report.get("tables", [])]
    css = Markup((HERE / "static" / "app.css").read_text(encoding="utf-8"))
    meta = SimpleNamespace(name=name or report["source"]["file"])
    template = (env or template_env()).get_template("export.html")
    return template.render(meta=meta, report=report, groups=grouped(report.get("findings", [])),
                           tables=tables, where=where, css=css)

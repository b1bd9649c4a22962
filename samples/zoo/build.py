"""Build the template zoo: every template filled with its projects, in three formats.

    .venv/bin/python -m samples.zoo.build [KEY ...]      # all templates, or only these

Writes ``samples/zoo/docs/<key>.xlsx``, ``.docx`` and ``.pdf`` (the PDF through LibreOffice,
as ``samples/build.py`` does) and ``samples/zoo/truth/<key>.json``: what a careful reader
takes from each form, written by the generator — never by the program under test. The
outputs are committed, so tests and ``make eval`` need neither LibreOffice nor the fonts;
``--no-pdf`` rewrites only the XLSX, DOCX and truth.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from samples.zoo.render import to_docx, to_pdf, to_xlsx
from samples.zoo.templates import templates

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
TRUTH = HERE / "truth"


def truth_json(t) -> str:
    data = {
        "template": t.key, "title": t.title, "kind": t.kind, "scope": t.scope, "region": t.region,
        "projects": t.truth, "slips": t.slips,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> None:
    pdf = "--no-pdf" not in argv
    only = {a for a in argv if not a.startswith("--")}
    DOCS.mkdir(exist_ok=True)
    TRUTH.mkdir(exist_ok=True)
    for t in templates():
        if only and t.key not in only:
            continue
        to_xlsx(t, DOCS / f"{t.key}.xlsx")
        to_docx(t, DOCS / f"{t.key}.docx")
        if pdf:
            to_pdf(DOCS / f"{t.key}.docx", DOCS)
        (TRUTH / f"{t.key}.json").write_text(truth_json(t), encoding="utf-8")
        n = sum(len(p["indicators"]) for p in t.truth)
        print(f"{t.key}: {len(t.forms)} forms, {n} indicators, {len(t.slips)} slips")


if __name__ == "__main__":
    main(sys.argv[1:])

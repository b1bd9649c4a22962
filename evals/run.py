"""``make eval``: every evaluation against yardsticks that do not come from the program.

Runs, in order, the cell-level table accuracy (``evals.cells``, issue 3), the indicator
F1 (``evals.indicators``, issue 4), the per-field F1 on the template zoo (``evals.zoo``,
issue 17), the OCR of the scanned samples (``evals.scanned``,
issue 8; skipped without the ocr extra) and, when present, the checker's mutation suite
(``evals.mutations``), then the precision gate on the real public documents of
``../shared/real/`` (``evals.real``, issue 15; skipped when the folder is absent). Each prints its own report; the exit status is 1 when any of them
misses its bar, so CI can run ``make eval`` as a gate without parsing the output.

    .venv/bin/python -m evals.run [N]     # N: mismatches listed per document (default 5)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    show = [argv[0]] if argv and argv[0].isdigit() else ["5"]
    from evals import cells, indicators, scanned, zoo

    status = 0
    for step in (cells.main, indicators.main, zoo.main, scanned.main):
        status |= step(show)
        print()
    if importlib.util.find_spec("evals.mutations") is not None:
        mutations = importlib.import_module("evals.mutations")
        status |= mutations.main([]) or 0
        print()
    from evals import real

    status |= real.main([])
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())

"""The finding severities, most serious first: a module of its own so that the CLI can read them
without importing the pydantic contract (0.15–0.2 s: ``jixiao --help`` must start at once, issue 18).

The one definition: the contract's ``Finding.severity``, the CLI summary and ``--fail-on``, the
checker's sort order, batch rows and the web app's counts all take this order.
"""

from __future__ import annotations

from typing import Literal, get_args

Severity = Literal["error", "rounding", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)

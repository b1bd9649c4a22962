"""checker/: arithmetic and consistency rules over a contract Report.

``check(report)`` returns the findings; each rule is one documented function with a
stable id (see ``checker/RULES.md``).
"""

from __future__ import annotations

from checker.engine import CheckConfig, check

__all__ = ["CheckConfig", "check"]

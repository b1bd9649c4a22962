"""Rule families; importing this package registers every rule with ``checker.engine``."""

from __future__ import annotations

from checker.rules import bounds, consistency, crossref, recompute, statements, sums, targets

__all__ = ["bounds", "consistency", "crossref", "recompute", "statements", "sums", "targets"]

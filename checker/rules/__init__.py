"""Rule families; importing this package registers every rule with ``checker.engine``."""

from __future__ import annotations

from checker.rules import bounds, crossref, recompute, sums, targets

__all__ = ["bounds", "crossref", "recompute", "sums", "targets"]

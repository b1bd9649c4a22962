"""patterns/: recognise indicators, values, scores, money and claims in an extracted Document.

``recognise(doc)`` turns an ``extractor.Document`` into a contract ``Report`` (without
findings). Vocabulary lives in data files beside this module (header synonyms, units,
grade bands, the indicator dictionary), never in code.
"""

from __future__ import annotations

from patterns.recognise import recognise

__all__ = ["recognise"]

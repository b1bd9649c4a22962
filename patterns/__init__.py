"""patterns/: recognise indicators, values, scores, money and claims in an extracted Document.

``recognise(doc)`` turns an ``extractor.Document`` into a contract ``Report`` (without
findings). Vocabulary lives in data files beside this module (header synonyms, units,
grade bands, the indicator dictionary), never in code.
"""

from __future__ import annotations

import sys
from types import ModuleType

__all__ = ["recognise"]


class _Patterns(ModuleType):
    """The package, whose ``recognise`` function is imported on first use (issue 18).

    The corpus and the checker use small parts of ``patterns`` (the segmenter, the
    vocabulary) and must not pay for every recogniser and the pydantic contract when
    they import ``patterns.segment``. ``recognise`` is also the name of the submodule
    that defines it, and the import system binds a submodule to its package's attribute
    once imported: the setter below ignores that, so ``patterns.recognise`` stays the
    function.
    """

    @property
    def recognise(self):
        from patterns.recognise import recognise

        return recognise

    @recognise.setter
    def recognise(self, _module) -> None:
        pass


sys.modules[__name__].__class__ = _Patterns

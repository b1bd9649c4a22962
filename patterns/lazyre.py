"""``re`` and ``regex`` whose ``compile`` makes the pattern on first use, not at import.

The recognisers and the checker keep their patterns at module level, a few hundred of
them; compiling them all is 30–50 ms of every start-up (the ``regex`` module parses in
Python), and a short document uses fewer than half (issue 18: ``jixiao check`` on a
five-line text, or a contract JSON re-checked, should start in well under half a second).
A module writes ``from patterns.lazyre import regex`` (or ``re``) instead of ``import regex``
and is otherwise unchanged: every other name is the real module's own object, and a
pattern is the real compiled pattern's methods once it has been used once.
"""

from __future__ import annotations

import re as _re
from types import ModuleType
from typing import Any

import regex as _regex


class LazyPattern:
    """A compiled pattern made on first attribute access; its methods are then plain attributes."""

    def __init__(self, compile_, args: tuple, kwargs: dict) -> None:
        self._made = (compile_, args, kwargs)

    def __getattr__(self, name: str) -> Any:
        # only reached while the attribute is not in __dict__: the first use, or a name the
        # compiled pattern does not have
        compile_, args, kwargs = self.__dict__["_made"]
        compiled = compile_(*args, **kwargs)
        for attr in dir(compiled):
            if not attr.startswith("_"):
                self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        compile_, args, _kwargs = self.__dict__["_made"]
        return f"{compile_.__module__}.compile({args[0]!r}) (lazy)"


def _lazy(module: ModuleType) -> ModuleType:
    lazy = ModuleType(module.__name__, module.__doc__)
    lazy.__dict__.update((k, v) for k, v in vars(module).items() if not k.startswith("__"))

    def compile(pattern, *args, **kwargs) -> LazyPattern:  # noqa: A001 — stands in for the module's compile
        return LazyPattern(module.compile, (pattern, *args), kwargs)

    lazy.compile = compile
    return lazy


re = _lazy(_re)
regex = _lazy(_regex)

"""``re`` and ``regex`` whose ``compile`` makes the pattern on first use, not at import.

The recognisers and the checker keep their patterns at module level, a few hundred of
them; compiling them all is 30–50 ms of every start-up (the ``regex`` module parses in
Python), and a short document uses fewer than half (issue 18: ``jixiao check`` on a
five-line text, or a contract JSON re-checked, should start in well under half a second).
A module writes ``from patterns.lazyre import regex`` (or ``re``) instead of ``import regex``
and is otherwise unchanged: every other name is the real module's own object, and a
pattern is the real compiled pattern's methods once it has been used once.

The module-level calls (``regex.sub(pattern, repl, text)`` and the like) keep their compiled
pattern in a dict keyed by (pattern, flags): ``regex``'s own cache lookup runs in Python (flag
arithmetic on enums, argument checks) and cost ~20 µs a call, 30,000 calls and a tenth of
recognising a 35-page budget (issue 18). Calls with other keyword arguments (``pos``,
``timeout``, named lists) go to the real function unchanged.
"""

from __future__ import annotations

import re as _re
from functools import cache
from types import ModuleType
from typing import Any

import regex as _regex


class LazyPattern:
    """A compiled pattern made on first attribute access; its methods are then plain attributes."""

    def __init__(self, compile_, args: tuple, kwargs: dict) -> None:
        self._made = (compile_, args, kwargs)

    def __getattr__(self, name: str) -> Any:
        # only reached while the attribute is not in __dict__: the first use, or a name no
        # compiled pattern has — which is answered without compiling (a module walk such as
        # ``getattr(v, "cache_parameters", None)`` over a module's globals, as the benchmark's
        # cache emptying does, made every pattern of every module, and again on every walk)
        compile_, args, kwargs = self.__dict__["_made"]
        if name not in _pattern_names(compile_):
            raise AttributeError(name)
        compiled = compile_(*args, **kwargs)
        for attr in dir(compiled):
            if not attr.startswith("_"):
                self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        compile_, args, _kwargs = self.__dict__["_made"]
        return f"{compile_.__module__}.compile({args[0]!r}) (lazy)"


@cache
def _pattern_names(compile_) -> frozenset[str]:
    """The public names of the patterns ``compile_`` makes (read from one empty pattern, once)."""
    return frozenset(a for a in dir(compile_("")) if not a.startswith("_"))


# module-level function → how many positional arguments may come before ``flags``
_CALLS = {"match": 2, "fullmatch": 2, "search": 2, "findall": 2, "finditer": 2, "sub": 4, "subn": 4, "split": 3}
_MAX_CACHED = 2048  # patterns built from data (alternations of words) are few; a bound all the same


def _cached_call(module: ModuleType, name: str, before_flags: int, compiled: dict):
    """``module.<name>`` that compiles a string pattern once per (pattern, flags)."""
    real = getattr(module, name)
    methods: dict = {}  # (pattern, flags) → the compiled pattern's bound method of this name

    def call(pattern, *args, **kwargs):
        if type(pattern) is not str or len(args) >= before_flags or (kwargs and kwargs.keys() != {"flags"}):
            return real(pattern, *args, **kwargs)
        key = (pattern, kwargs.get("flags", 0)) if kwargs else (pattern, 0)
        method = methods.get(key)
        if method is None:
            made = compiled.get(key)
            if made is None:
                if len(compiled) >= _MAX_CACHED:
                    compiled.clear()
                made = compiled[key] = module.compile(*key)
            if len(methods) >= _MAX_CACHED:
                methods.clear()
            method = methods[key] = getattr(made, name)
        return method(*args)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = real.__doc__
    return call


def _lazy(module: ModuleType) -> ModuleType:
    lazy = ModuleType(module.__name__, module.__doc__)
    lazy.__dict__.update((k, v) for k, v in vars(module).items() if not k.startswith("__"))
    compiled: dict = {}
    for name, before_flags in _CALLS.items():
        setattr(lazy, name, _cached_call(module, name, before_flags, compiled))

    def compile(pattern, *args, **kwargs) -> LazyPattern:  # noqa: A001 — stands in for the module's compile
        return LazyPattern(module.compile, (pattern, *args), kwargs)

    lazy.compile = compile
    return lazy


re = _lazy(_re)
regex = _lazy(_regex)

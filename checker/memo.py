"""Views of a report, or of one of its tables, that several rules read: made once per ``check`` run.

``form.target_blank`` and ``form.actual_blank`` read the same indicator sections, three
presence rules the same running text, and ``form.funds_blank`` cuts a table into its forms
once per row it reports; each view costs a walk over every cell (a third of the checker's
time on a department budget, issue 18). Inside ``checker.check`` the report does not
change, so a view is kept for the run, by the object's identity; outside a run (a test
that calls a helper, edits the report and calls it again) it is made on every call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_state = threading.local()  # .views: (function, id(object)) -> (object, view) while a run is open


@contextmanager
def check_run() -> Iterator[None]:
    """Keep the views made inside the block (one ``check`` of one report); dropped after it."""
    outer = getattr(_state, "views", None)
    _state.views = {}
    try:
        yield
    finally:
        _state.views = outer


def per_check(fn: Callable[[T], R]) -> Callable[[T], R]:
    """``fn(obj)`` made once per check run and object; callers must not change what it returns."""

    @wraps(fn)
    def view(obj: T) -> R:
        views = getattr(_state, "views", None)
        if views is None:
            return fn(obj)
        key = (fn, id(obj))
        hit = views.get(key)
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = fn(obj)
        views[key] = (obj, value)  # the object is held so that its id is not reused within the run
        return value

    return view

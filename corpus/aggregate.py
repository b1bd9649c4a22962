"""``stats`` in SQL: the matching rows counted per distinct combination of the columns stats
reads, folded into facets here; only a few hundred or thousand group rows reach Python.

Per stats query: how many rows match, in how many documents, and one row per distinct
(name, levels, target, weight, met) with its count — grouped by the integer id backends give
each such combination at ingest (``combo_key``, their ``combos`` table). Every facet
(``api.FACETS``: ops, target values, weights, levels, names) is a sum over those groups, its
labels made by the same functions as before; groups whose labels coincide (``95`` and
``95.0000001`` both print ``≥95%``; a blank and a missing level both print ``—``) are merged.

Ties. ``stats`` used to count with ``collections.Counter`` over the rows in search order, and
``Counter.most_common`` keeps equal counts in the order their labels first occur. That order
only matters where two labels with the same count are shown (or one of them is cut off), so
it is asked for only then: the backend ranks just the rows of those labels (``first_places``)
and a label's first place is the smallest (rank, id) among them. With no query words the
search order is the id order and a group's smallest id is already its first place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# The columns stats reads, in the order they are grouped (the most varied first: cheaper sorts).
COMBO = ("name", "level2", "level1", "target_text", "op", "value", "upper", "unit", "weight", "met")
_TYPES = {"value": "DOUBLE PRECISION", "upper": "DOUBLE PRECISION", "weight": "DOUBLE PRECISION", "met": "INTEGER"}


def combo_key(row: dict) -> tuple[str, tuple]:
    """The key of a row's ``COMBO`` values and the values as the database stores them.

    Backends give each distinct combination an integer id at ingest (``combos`` table), so
    stats groups the matching rows by one integer instead of ten columns. The key must never
    join two values the database tells apart (floats by ``repr``, texts exactly); splitting
    two it would join is harmless, since ``Facets`` merges groups whose labels coincide.
    """
    values = tuple(
        None if row[c] is None else float(row[c]) if _TYPES.get(c) == "DOUBLE PRECISION"
        else int(row[c]) if c == "met" else str(row[c]) for c in COMBO)
    return json.dumps(values, ensure_ascii=False), values


@dataclass(frozen=True)
class Facet:
    """One count that stats prints: the columns it reads, the label of their values, how many are shown."""

    columns: tuple[str, ...]
    label: Callable[..., object]
    limit: int | None = None  # None: every label
    skip_null: bool = False  # leave out rows whose (only) column is NULL


def key_condition(columns: tuple[str, ...], keys: Iterable[tuple], mark: str, alias: str = "i.") -> tuple[str, list]:
    """SQL true for rows whose ``columns`` hold one of ``keys`` (NULL-safe), and its parameters."""
    ors, params = [], []
    for key in keys:
        ands = []
        for col, value in zip(columns, key, strict=True):
            if value is None:
                ands.append(f"{alias}{col} IS NULL")
            else:
                ands.append(f"{alias}{col} = {mark}")
                params.append(value)
        ors.append("(" + " AND ".join(ands) + ")")
    return "(" + " OR ".join(ors) + ")", params


@dataclass
class Facets:
    """The grouped rows of one stats query; ``api.stats`` turns them into the printed ``Stats``."""

    count: int = 0
    documents: int = 0
    combos: list[tuple] = field(default_factory=list)  # (*COMBO, count, smallest id)
    in_id_order: bool = False  # search order is id order: a group's smallest id is its first place
    places: dict[str, dict[tuple, tuple]] = field(default_factory=dict)  # facet → key → (rank, id)
    _groups: dict[Facet, dict] = field(default_factory=dict, repr=False)

    combo_ids: dict[int, tuple] = field(default_factory=dict)  # combination id → its COMBO values

    @classmethod
    def from_groups(cls, count: int, documents: int, groups: Iterable[tuple[int, int, int]],
                    values: dict[int, tuple], in_id_order: bool = False) -> Facets:
        """From the backend's counts: rows, documents, and (combination id, rows, smallest id) per
        combination; ``values``: each combination's ``COMBO`` values (the ``combos`` table)."""
        out = cls(count=int(count), documents=int(documents), in_id_order=in_id_order, combo_ids=values)
        out.combos = [(*values[combo], int(n), int(first)) for combo, n, first in groups]
        return out

    def ids_of(self, columns: tuple[str, ...], keys: set[tuple]) -> list[int]:
        """The combinations whose ``columns`` hold one of ``keys``: the rows to rank for a tie."""
        idx = [COMBO.index(c) for c in columns]
        return [combo for combo, v in self.combo_ids.items() if tuple(v[i] for i in idx) in keys]

    def groups(self, facet: Facet) -> dict[object, tuple[int, set[tuple], int]]:
        """label → (count, keys of its groups, smallest id) for ``facet`` (computed once per facet)."""
        if facet not in self._groups:
            self._groups[facet] = self._group(facet)
        return self._groups[facet]

    def _group(self, facet: Facet) -> dict[object, tuple[int, set[tuple], int]]:
        idx = [COMBO.index(c) for c in facet.columns]
        keyed: dict[tuple, list[int]] = {}
        for combo in self.combos:
            key = tuple(combo[i] for i in idx)
            if facet.skip_null and key[0] is None:
                continue
            n_p = keyed.setdefault(key, [0, combo[-1]])
            n_p[0] += combo[-2]
            n_p[1] = min(n_p[1], combo[-1])
        labels: dict[object, tuple[int, set[tuple], int]] = {}
        for key, (n, p) in keyed.items():
            label = facet.label(*key)
            m, keys, q = labels.get(label, (0, set(), p))
            labels[label] = (m + n, keys | {key}, min(p, q))
        return labels

    def unresolved(self, facets: dict[str, Facet]) -> dict[str, set[tuple]]:
        """facet → keys whose first place decides what is shown (equal counts in view)."""
        out: dict[str, set[tuple]] = {}
        if self.in_id_order:
            return out
        for name, facet in facets.items():
            labels = sorted(self.groups(facet).values(), key=lambda v: -v[0])
            shown = len(labels) if facet.limit is None else facet.limit
            start = 0
            while start < len(labels):
                end = start
                while end < len(labels) and labels[end][0] == labels[start][0]:
                    end += 1
                if end - start > 1 and start < shown:
                    out.setdefault(name, set()).update(k for v in labels[start:end] for k in v[1])
                start = end
        return out

    def resolve(self, facets: dict[str, Facet], ranked: Callable[[tuple[str, ...], set[tuple]], Iterable[tuple]]):
        """Ask ``ranked(columns, keys)`` for (*columns, order, id) of the rows of tied labels; keep firsts."""
        for name, keys in self.unresolved(facets).items():
            best: dict[tuple, tuple] = {}
            for *key, order, id_ in ranked(facets[name].columns, keys):
                key, place = tuple(key), (order, id_)
                if key not in best or place < best[key]:
                    best[key] = place
            self.places[name] = best
        return self

    def ranked(self, name: str, facet: Facet) -> list[tuple]:
        """(label, count) of ``facet`` in ``Counter.most_common`` order over the search results."""
        places = self.places.get(name, {})

        def first(keys: set[tuple], smallest_id: int) -> tuple:
            if self.in_id_order:
                return (smallest_id,)
            found = [places[k] for k in keys if k in places]
            return min(found) if found else ()

        order = sorted(((-n, first(keys, p), label) for label, (n, keys, p) in self.groups(facet).items()),
                       key=lambda t: t[:2])
        return [(label, -neg) for neg, _, label in order[:facet.limit]]

    def total(self, column: str, keep: Callable[[object], bool]) -> int:
        i = COMBO.index(column)
        return sum(c[-2] for c in self.combos if keep(c[i]))

    def weight_median(self) -> float | None:
        """``statistics.median`` of the weights, from their histogram."""
        i = COMBO.index("weight")
        hist: dict[float, int] = {}
        for c in self.combos:
            if c[i] is not None:
                hist[c[i]] = hist.get(c[i], 0) + c[-2]
        values = sorted(hist.items())
        n = sum(hist.values())
        if not n:
            return None

        def nth(k: int) -> float:
            for w, c in values:
                if k < c:
                    return w
                k -= c
            raise IndexError(k)  # pragma: no cover - k < n

        return nth(n // 2) if n % 2 else (nth(n // 2 - 1) + nth(n // 2)) / 2

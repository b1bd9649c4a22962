"""A claim's subject string and its typed parts, both ways (contract schema version 1).

``Claim.subject`` is a dotted string the recogniser has always written
(``功能分类.<科目>.<field>``, ``部门预算.<a>><b>.比上年``, ``分项.支付.<section>><name>#2`` …).
Version 1 readers and old JSON files know only that string; the checker must not slice it.
So the contract carries the same facts as data (``Claim.kind``, ``path``, ``field``, ``nth``)
and this module is the one place that knows the string's grammar: ``parse_subject`` fills the typed
parts of a claim built (or loaded) with a subject only, ``subject_of`` writes the subject of a
claim built from typed parts. ``subject_of(*parse_subject(s)) == s`` for every subject the recogniser
writes (tests/test_contract.py checks it on every sample, seed and real document).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

ClaimKind = Literal[
    "named",  # a quantity the prose names: 预算执行率, <indicator>.得分, 11月发放补助.人数
    "function_line",  # 功能分类.<类/款/项 name>.<field>: a 编制说明 line of one 科目
    "budget_line",  # 部门预算.<path>[.比上年]: a 收入/支出预算 line and its 其中 parts
    "breakdown",  # 分项.<whole>><part>…: a whole and its 其中 parts in any unit
    "payment",  # 分项.支付.<section>><name>: one part of a payment
    "change",  # 分项.增减.<name>.<field>: an amount, its change and the change's %
    "share",  # 分项.占比.<base>[><part>][.占比]: a part of a whole and its printed share
    "final_accounts",  # 决算.<key>.<field>: a 部门决算 说明 figure
    "verdict",  # 结论.<what>: a conclusion in words (未出现偏离)
    "event",  # 事件.<what>: a sentence the event finders read (计划, 执行主体, 月份)
    "survey",  # 满意度调查.<answer>: a survey share
]

# family prefixes, longest first (分项.支付. before 分项.)
_PREFIXES: tuple[tuple[str, ClaimKind], ...] = (
    ("分项.支付.", "payment"),
    ("分项.增减.", "change"),
    ("分项.占比.", "share"),
    ("分项.", "breakdown"),
    ("功能分类.", "function_line"),
    ("部门预算.", "budget_line"),
    ("决算.", "final_accounts"),
    ("结论.", "verdict"),
    ("事件.", "event"),
    ("满意度调查.", "survey"),
)
PREFIX: dict[str, str] = {kind: prefix for prefix, kind in _PREFIXES}
FUNCTION = "功能分类"  # a 决算 key about one 科目: path ``[功能分类, <name>]``, printed ``功能分类.<name>``


class Parts(NamedTuple):
    kind: ClaimKind
    path: list[str]
    field: str | None
    nth: int | None


def _nth(name: str) -> tuple[str, int | None]:
    """``补偿款#2`` → (补偿款, 2): the second part of that name in one statement."""
    base, sep, n = name.rpartition("#")
    if sep and n.isdigit():
        return base, int(n)
    return name, None


def _tail(rest: str, fields: tuple[str, ...] | None) -> tuple[str, str | None]:
    """``a>b.比上年`` → (a>b, 比上年); with ``fields`` only those words count as a field."""
    head, sep, last = rest.rpartition(".")
    if not sep or (fields is not None and last not in fields):
        return rest, None
    return head, last


def parse_subject(subject: str) -> Parts:
    """The typed parts of ``subject`` (see ``ClaimKind`` for each family's grammar)."""
    kind: ClaimKind = "named"
    rest = subject
    for prefix, k in _PREFIXES:
        if subject.startswith(prefix):
            kind, rest = k, subject[len(prefix):]
            break
    if kind in ("verdict", "event", "survey"):
        return Parts(kind, [], rest, None)
    if kind == "named":
        head, last = _tail(rest, None)
        return Parts(kind, [head] if last is not None else [], last if last is not None else rest, None)
    if kind == "budget_line":
        head, field = _tail(rest, ("比上年",))
        return Parts(kind, head.split(">"), field, None)
    if kind == "share":
        head, field = _tail(rest, ("占比",))
        path = head.split(">", 1)
        nth = None
        if len(path) == 2:
            path[1], nth = _nth(path[1])
        return Parts(kind, path, field, nth)
    if kind == "final_accounts":
        head, field = _tail(rest, None)
        if head.startswith(FUNCTION + "."):
            return Parts(kind, [FUNCTION, head[len(FUNCTION) + 1:]], field, None)
        return Parts(kind, head.split(">"), field, None)
    if kind in ("function_line", "change"):
        head, field = _tail(rest, None)
        name, nth = _nth(head) if kind == "change" else (head, None)
        return Parts(kind, [name], field, nth)
    # payment (section>name) and breakdown (whole>part>…): the leaf's repeat number only
    *outer, leaf = rest.split(">") if kind == "breakdown" else rest.rsplit(">", 1)
    leaf, nth = _nth(leaf)
    return Parts(kind, [*outer, leaf], None, nth)


def subject_of(kind: ClaimKind, path: list[str], field: str | None, nth: int | None) -> str:
    """The subject string of a claim's typed parts (the inverse of ``parse_subject``)."""
    if kind in ("verdict", "event", "survey"):
        return PREFIX[kind] + (field or "")
    if kind == "named":
        return f"{path[0]}.{field}" if path else (field or "")
    leaf = f"{path[-1]}#{nth}" if nth is not None else path[-1] if path else ""
    if kind == "final_accounts" and path[:1] == [FUNCTION]:
        head = f"{FUNCTION}.{path[1]}"
    elif kind == "payment":
        head = f"{path[0]}>{leaf}" if len(path) > 1 else leaf
    elif kind == "function_line":
        head = path[0]
    else:
        head = ">".join([*path[:-1], leaf])
    return PREFIX[kind] + head + (f".{field}" if field is not None else "")


def item_key(kind: ClaimKind, path: list[str], nth: int | None) -> tuple[str, ...]:
    """The names a claim is about with the leaf's repeat number (``(地上, 其他#2)``): a key
    under which two parts of the same name in one statement stay apart, and whose
    ``[:-1]`` is its whole's key (a whole repeated inside a breakdown keeps its ``#n`` in
    the path, as printed in the subject)."""
    if not path:
        return ()
    return (*path[:-1], f"{path[-1]}#{nth}" if nth is not None else path[-1])

"""No checker module matches a header word itself (issues 15 and 20): what a table's words say
is read once by ``patterns.table_reading`` into ``TableOut.reading``, and the checker asks for
column meanings by key. This test fails when a checker module takes a header-word list back
(``score_words``, ``recompute_words``, ``monitoring_words``, ``tables.json``/``headers.json``
word sections) or asks the reading for a key it does not hold."""

from __future__ import annotations

import ast
from pathlib import Path

from patterns.table_reading import known_keys

ROOT = Path(__file__).resolve().parents[1]
# ``vocabulary()`` itself stays importable (presence and cross_tables read which standard tables a
# set holds, not header words); its header-word sections are caught by name below
WORD_LISTS = {"score_words", "recompute_words", "monitoring_words", "cell_keys", "_key_words", "_derived"}
WORD_SECTIONS = {
    "total_labels", "subtotal_words", "row_totals", "score_columns", "recompute_columns", "monitoring_columns",
    "non_additive_headers", "additive_headers", "form_totals", "rate_columns", "total_columns", "total_mentions", "paid_columns",
    "change_columns",
}
KEY_ARGS = {"find_col": 2, "find_cols": 2, "says": 3}  # where the keys start in each query's arguments


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "checker").rglob("*.py"))]


def test_no_checker_module_imports_a_header_word_list() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{node.lineno} {alias.name}"
        for p, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module in ("patterns.table_roles", "patterns.table_reading")
        for alias in node.names
        if alias.name in WORD_LISTS
    ]
    assert offenders == []


def test_no_checker_module_reads_a_header_word_section() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{node.lineno} {node.value}"
        for p, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in WORD_SECTIONS
    ]
    assert offenders == []


def test_every_key_the_checker_asks_for_is_a_reading_key() -> None:
    asked: list[tuple[str, str]] = []
    for p, tree in _modules():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEY_ARGS):
                continue
            for arg in node.args[KEY_ARGS[node.func.id]:]:
                if isinstance(arg, ast.Constant):
                    asked.append((f"{p.relative_to(ROOT)}:{node.lineno}", arg.value))
    assert len(asked) >= 10  # the rules do ask: recompute, sums, statements …
    assert [(where, key) for where, key in asked if key not in known_keys()] == []


def _labels(node: ast.AST) -> bool:
    """Whether an expression reads a row label (``role.label``, ``label``, ``_bare(...label...)``)."""
    return any(
        (isinstance(n, ast.Attribute) and n.attr == "label") or (isinstance(n, ast.Name) and n.id == "label")
        for n in ast.walk(node)
    )


def test_no_checker_module_compares_a_row_label_with_a_total_word() -> None:
    """What a row totals is ``RowRole.total_of`` / ``table_roles.total_rank`` (tables.json
    ``row_totals``): a rule comparing a label with 合计 / 总计 / 小计 itself is caught here."""
    from patterns.lexicon import load

    totals = set(load("tables")["total_labels"])  # 合计, 总计, 小计, 总分 …

    def total_words(node: ast.AST) -> list[str]:
        return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                and any(w in n.value for w in totals)]

    offenders = []
    for p, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(_labels(e) for e in [node.left, *node.comparators]):
                found = [w for e in [node.left, *node.comparators] for w in total_words(e)]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("startswith", "endswith") \
                    and _labels(node.func.value):
                found = [w for a in node.args for w in total_words(a)]
            else:
                continue
            offenders += [f"{p.relative_to(ROOT)}:{node.lineno} {w}" for w in found]
    assert offenders == []

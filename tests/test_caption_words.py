"""No checker module tells which table a table is from its caption's words (issue 15 point 1,
issue 20): ``patterns`` says it once (``TableOut.identity``, ``fund``, ``stage``) and the
rules read those. A caption may still be shown in a message or turned into a title key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CJK = re.compile(r"[\u4e00-\u9fff]")
_STR_TESTS = {"startswith", "endswith", "find", "rfind", "index", "count", "replace"}
_RE_CALLS = {"search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


def _mentions(node: ast.AST, names: set[str]) -> bool:
    """Whether ``node`` reads a ``.caption`` or one of ``names`` (variables that hold one)."""
    return any(
        (isinstance(n, ast.Attribute) and n.attr == "caption") or (isinstance(n, ast.Name) and n.id in names)
        for n in ast.walk(node)
    )


def _words(node: ast.AST) -> bool:
    """Whether ``node`` holds a string constant with a Chinese word in it."""
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and _CJK.search(n.value) for n in ast.walk(node))


def _constants(tree: ast.Module) -> set[str]:
    """Module-level names bound to Chinese words (``_FUNDS = ("一般公共预算", …)``)."""
    return {
        t.id
        for n in tree.body
        if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None and _words(n.value)
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
        if isinstance(t, ast.Name)
    }


def caption_word_tests(source: str) -> list[int]:
    """Lines where a caption (or a variable made from one in the same function) is tested
    with a word: ``"决算" in norm(t.caption)``, ``any(w in cap for w in _FUNDS)``,
    ``cap.startswith("收支")``, ``re.search("总表", cap)``. Comparing a caption's name with
    another printed text (a row's name) is no word test."""
    tree = ast.parse(source)
    constants = _constants(tree)
    out: list[int] = []
    scopes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))] + [tree]
    for scope in scopes:
        tainted: set[str] = set()
        worded: set[str] = set()  # loop variables running over words
        for n in ast.walk(scope):
            if isinstance(n, ast.Assign) and _mentions(n.value, set()):
                tainted |= {t.id for t in n.targets if isinstance(t, ast.Name)}
            if isinstance(n, (ast.comprehension, ast.For)) and isinstance(n.target, ast.Name):
                if _words(n.iter) or (isinstance(n.iter, ast.Name) and n.iter.id in constants):
                    worded.add(n.target.id)

        names = worded | constants

        def word(node: ast.AST, names: set[str] = names) -> bool:
            return _words(node) or (isinstance(node, ast.Name) and node.id in names)

        for n in ast.walk(scope):
            if isinstance(n, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn, ast.Eq, ast.NotEq)) for op in n.ops):
                sides = [n.left, *n.comparators]
                if any(_mentions(s, tainted) for s in sides) and any(word(s) for s in sides):
                    out.append(n.lineno)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
                if n.func.attr in _STR_TESTS and _mentions(n.func.value, tainted) and any(word(a) for a in n.args):
                    out.append(n.lineno)
                elif n.func.attr in _RE_CALLS and any(_mentions(a, tainted) for a in n.args) and (
                    _words(n.func.value) or any(word(a) for a in n.args)
                ):
                    out.append(n.lineno)
    return sorted(set(out))


def test_the_finder_sees_the_old_ways() -> None:
    """The shapes the rules used before, each found; a caption only shown is not."""
    old = '''_FUNDS = ("一般公共预算", "政府性基金")
def a(t):
    return "决算" in norm(t.caption)
def b(t):
    c = norm(t.caption)
    return any(w in c for w in _FUNDS)
def c(t):
    cap = norm(t.caption)
    return re.sub(r"(发放|明细)?表$", "", cap)
def d(t):
    return t.caption.startswith("收支")
def e(t):
    return f"{t.caption}（第 1 页）" if t.caption else t.id
def f(t, names):
    key = subject(t.caption)
    return any(n in key for n in names)
'''
    assert caption_word_tests(old) == [3, 6, 9, 11]


def test_no_checker_module_tests_a_caption_with_words() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{line}"
        for p in sorted((ROOT / "checker").rglob("*.py"))
        for line in caption_word_tests(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []

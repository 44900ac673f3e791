"""The shape of the code, checked: no import cycle inside a package at module level, and no
function longer than the project's limit. (The layers between packages are import-linter's
contract in pyproject.toml, run by .ci/run as `.venv/bin/lint-imports`.)"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(GAME.rglob("*.py")):
        parts = path.relative_to(GAME.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _module_level_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of the game imported when `name` is imported (not inside functions, not
    under `if TYPE_CHECKING:`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    body = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while body:
        node = body.pop()
        if isinstance(node, ast.If) and not _is_type_checking(node):
            body += node.body + node.orelse
        elif isinstance(node, ast.Try):
            body += node.body + node.orelse + node.finalbody
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out |= {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in out if m in known}


def _find_cycles(graph: dict[str, set[str]], package_of: dict[str, str]) -> list[list[str]]:
    """Cycles of imports between modules of the same package (depth-first search)."""
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt == node or package_of[nxt] != package_of[node]:
                continue
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    return cycles


def _cycles_inside_packages() -> list[list[str]]:
    modules = _modules()
    graph = {m: _module_level_imports(m, p, set(modules)) for m, p in modules.items()}
    # A package's __init__ belongs to the package it starts.
    package_of = {m: m if p.name == "__init__.py" else m.rpartition(".")[0]
                  for m, p in modules.items()}
    return _find_cycles(graph, package_of)


def test_no_module_level_import_cycle_inside_a_package():
    assert _cycles_inside_packages() == []


def _long_functions() -> list[str]:
    found = []
    for path in sorted(GAME.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(GAME.parent)}:{node.lineno} {node.name} "
                                 f"({lines} lines)")
    return found


def test_no_function_is_longer_than_the_limit():
    assert _long_functions() == [], f"split these (at most {MAX_FUNCTION_LINES} lines each)"


def test_the_checks_see_what_they_look_for():
    """The two checks are not vacuous: they find a cycle and a long function when there is one."""
    assert len(_modules()) > 50
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "q.d": {"p.a"}}
    package_of = {"p.a": "p", "p.b": "p", "p.c": "p", "q.d": "q"}
    assert _find_cycles(graph, package_of) == [["p.a", "p.b", "p.c", "p.a"]]
    tree = ast.parse("def f():\n" + "    x = 1\n" * (MAX_FUNCTION_LINES + 1))
    function = tree.body[0]
    assert function.end_lineno - function.lineno + 1 > MAX_FUNCTION_LINES
    assert _module_level_imports("game.session.a", GAME / "session" / "playthrough.py",
                                 {"game.session.saves", "game.content.levels"}) >= {
        "game.session.saves", "game.content.levels"}

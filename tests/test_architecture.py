"""The shape of the package: stages as folders, imports that only go down, no cycles, small modules.

The import graph is built with ``ast`` from every import statement in
src/contentcheck: module level, inside functions (the lazy imports that keep
start-up fast) and under ``TYPE_CHECKING`` alike. A lazy import is still an
edge: it may defer a cost, never hide a cycle. The layer table is the one
drawn in docs/internals.md (a test there keeps the two the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "contentcheck"

# Each unit (a top-level module or a stage folder) may import the units of the
# layers above its own, and itself; never a unit of its own layer or below.
LAYERS = [
    ("_version", "vocabulary"),
    ("text",),
    ("document", "results", "atomic", "safe_yaml"),
    ("loaders", "rulepack"),
    ("inputs",),
    ("engine",),
    ("scale", "formats", "fixes", "inspection"),
    ("ci",),
    ("runner", "api", "lsp"),
    ("cli", "__init__", "discover", "dask_engine"),
    ("__main__",),
]
MAX_LINES = 500
MAX_TOP_MODULES = 14


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


MODULES = _modules()


def _targets(module: str, is_package: bool, node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "contentcheck"]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
        if target.split(".")[0] != "contentcheck":
            return []
    # ``from pkg import name`` imports the submodule pkg.name when there is one.
    return [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in MODULES.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(module, is_package, node):
                    while target not in MODULES and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target in MODULES and target != module:
                        edges.add(target)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_of(name: str) -> int:
    for n, names in enumerate(LAYERS):
        if name in names:
            return n
    raise AssertionError(f"{name} is in no layer of LAYERS: add it where it belongs (and to docs/internals.md)")


def test_the_graph_sees_lazy_and_type_checking_imports():
    graph = import_graph()
    assert "contentcheck.rulepack.kinds.registry" in graph["contentcheck.rulepack.pack"]  # inside a method
    assert "contentcheck.rule" not in graph  # only real modules are nodes
    assert "contentcheck.rulepack.rule" in graph["contentcheck.rulepack.kinds"]  # under TYPE_CHECKING


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_imports_only_go_down_the_layers():
    wrong = []
    for module, targets in import_graph().items():
        here = unit(module)
        for target in targets:
            there = unit(target)
            if there != here and layer_of(there) >= layer_of(here):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the layers of docs/internals.md:\n" + "\n".join(sorted(wrong))


def test_every_unit_has_a_layer_and_every_folder_says_what_it_owns():
    for module, (path, is_package) in MODULES.items():
        layer_of(unit(module))
        if is_package:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc and doc.strip(), f"{path.relative_to(PACKAGE)} has no docstring saying what it owns"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_500_lines(path):
    rel = str(path.relative_to(PACKAGE))
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{rel} has {lines} lines; split it along what it does"


def test_few_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top

"""The package's import graph, read from the source: no module imports itself round a cycle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import comparekit

PACKAGE = Path(comparekit.__file__).parent


def module_names(root: Path) -> dict[str, Path]:
    """Every module under the package folder ``root``, by dotted name (``pkg.sub.mod``)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    """True for ``TYPE_CHECKING`` and ``typing.TYPE_CHECKING``."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, in functions too, but not under ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for branch in child.orelse:
                yield from _imports(ast.Module(body=[branch], type_ignores=[]))
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _imports(child)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which modules of the package at ``root`` each of its modules imports.

    ``from pkg import name`` counts as importing ``pkg.name`` when that is a module,
    else ``pkg``; relative imports are resolved against the importing module.
    """
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = graph[name] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            edges.update(target for target in targets if target in modules and target != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph has none."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            found = visit(name)
            if found:
                return found
    return None


def test_no_import_cycle() -> None:
    """No module of comparekit imports itself through others, counting imports inside functions."""
    graph = import_graph(PACKAGE)
    assert "comparekit.errors" in graph  # the walk found the package's modules
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_model_imports_in_one_direction() -> None:
    """The model's rules import its classes; the classes never import the rules or the comparison,
    and the field checks the classes run import no class."""
    graph = import_graph(PACKAGE)
    assert "comparekit.model.parts" in graph["comparekit.model.rules"]
    assert "comparekit.model.rules" in graph["comparekit.model.comparison"]
    for low in (
        "comparekit.model.kinds",
        "comparekit.model.fields",
        "comparekit.model.parts",
        "comparekit.errors",
    ):
        assert not graph[low] & {"comparekit.model.rules", "comparekit.model.comparison"}, low
    assert "comparekit.model.fields" in graph["comparekit.model.parts"]
    assert "comparekit.model.parts" not in graph["comparekit.model.fields"]


def _write(root: Path, files: dict[str, str]) -> Path:
    package = root / "pkg"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        (  # a lazy import inside a method closes the cycle, as model.py and rules.py once did
            {
                "__init__.py": "",
                "model.py": "def check():\n    from pkg.rules import problems\n",
                "rules.py": "from pkg.model import Comparison\n",
            },
            ["pkg.model", "pkg.rules", "pkg.model"],
        ),
        (  # relative imports and `from package import module` are resolved
            {
                "__init__.py": "",
                "a/__init__.py": "",
                "a/one.py": "from . import two\n",
                "a/two.py": "from ..b import three\n",
                "b/__init__.py": "",
                "b/three.py": "import pkg.a.one\n",
            },
            ["pkg.a.one", "pkg.a.two", "pkg.b.three", "pkg.a.one"],
        ),
        (  # imports only for type checkers are not cycles
            {
                "__init__.py": "",
                "model.py": "from pkg.rules import problems\n",
                "rules.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from pkg.model import Comparison\n",
            },
            None,
        ),
    ],
)
def test_find_cycle(tmp_path: Path, files: dict[str, str], cycle: list[str] | None) -> None:
    """The graph counts lazy and relative imports, skips TYPE_CHECKING, and names the cycle."""
    assert find_cycle(import_graph(_write(tmp_path, files))) == cycle

"""The house stays in order: no import cycle inside ``diagnostic/``, no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "diagnostic"
MAX_LINES = 400


def module_names(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` (a package is its __init__)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules ``name`` imports anywhere: top level, in functions, TYPE_CHECKING."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                child = f"{source}.{alias.name}"
                found.add(child if child in known else source)
    return {module for module in found if module in known and module != name}


def import_graph(package: Path) -> dict[str, set[str]]:
    """Each module of ``package`` -> the modules of the package it imports."""
    known = module_names(package)
    return {name: imported(name, path, known) for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path that ends where it starts; empty when there is none."""
    done: set[str] = set()
    for start in sorted(graph):
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(sorted(graph[start])))]
        path.append(start)
        on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)
    return []


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph(PACKAGE))
    assert not cycle, " -> ".join(cycle)


def test_hidden_imports_count_in_the_graph(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "model.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub.plan import Line\n"
    )
    (package / "sub" / "plan.py").write_text("def line():\n    from .. import model\n")
    graph = import_graph(package)
    assert graph["pkg.model"] == {"pkg.sub.plan"}
    assert graph["pkg.sub.plan"] == {"pkg.model"}
    assert find_cycle(graph) == ["pkg.model", "pkg.sub.plan", "pkg.model"]


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long

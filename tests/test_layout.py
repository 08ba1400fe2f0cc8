"""The package's layout: one package per pipeline stage, no import circle, no private name reached across
modules, at most six modules directly in ``align/``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "align"
STAGES = ("read", "text", "segment", "embed", "alignment", "check", "revision", "report", "batch", "review", "cli")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``align`` import, lazy ones included, TYPE_CHECKING blocks left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for b in node.body for n in ast.walk(b)}
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "align":
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.split(".")[0] == "align"]
    return found


def _graph(key) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        for module, names in _imports(path):
            for target in (module, *(f"{module}.{n}" for n in names)):
                if target in MODULES and key(target) != key(name):
                    edges.setdefault(key(name), set()).add(key(target))
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _stage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_at_most_six_modules_directly_in_the_package_and_every_stage_is_a_package():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 6, top
    assert all((PACKAGE / stage / "__init__.py").is_file() for stage in STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_takes_and_gives(stage):
    assert ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))


@pytest.mark.parametrize("level, key", [("module", lambda m: m), ("stage", _stage)])
def test_no_import_circle(level, key):
    assert _cycles(_graph(key)) == [], f"import circles between {level}s"


def test_the_circle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_another_modules_private_names():
    reached = [f"{name}: {module}.{n}" for name, path in MODULES.items() for module, names in _imports(path)
               for n in names if n.startswith("_") and not n.startswith("__")]
    assert reached == []


def test_the_stages_import_only_earlier_stages():
    """read → segment → embed → align → check → revision → report; text (shared primitives) under all of them."""
    order = ["align.errors", "align.files", "align.text", "align.segment", "align.read", "align.embed",
             "align.alignment", "align.check", "align.revision", "align.report"]
    edges = _graph(_stage)
    late = [f"{a} -> {b}" for a in order for b in edges.get(a, ()) if b in order and order.index(b) > order.index(a)]
    assert late == []


def test_the_tests_mirror_the_stages():
    tests = ROOT / "tests"
    assert [stage for stage in STAGES if not any((tests / stage).glob("test_*.py"))] == []


def test_the_help_lists_the_commands_in_their_order():
    """Each command module registers its commands when imported: align.cli imports them in this order."""
    import click
    import typer

    from align.cli import app

    group = typer.main.get_command(app)
    assert group.list_commands(click.Context(group)) == ["check", "segment", "backends", "checks", "schema", "changes",
                                                         "batch",
                                                         "review", "changed", "lexicon", "config",
                                                         "cache"]

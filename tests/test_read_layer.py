"""The read layer's shape: imports go one way (web, cli → api → read → store), no module hides
an import inside a function to dodge a cycle, and no SQL is written outside heron.store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "heron"
# Layers, lowest first: a module may import its own layer and the ones below it only.
LAYERS = [("store",), ("read",), ("api.py", "briefing.py"), ("cli.py", "web")]
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                 r"DELETE\s+FROM)\b", re.IGNORECASE | re.DOTALL)
# The actors KB index (nlp/actors/wikidata.py) is its own SQLite file, not a Heron database.
SQL_ALLOWED = ("store", "nlp")


def modules(*parts: str) -> list[Path]:
    found: list[Path] = []
    for part in parts:
        path = SRC / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def heron_imports(path: Path, inside_functions: bool = False) -> set[str]:
    """The heron.* modules ``path`` imports (only those inside functions, if asked)."""
    tree = ast.parse(path.read_text())
    nodes = ast.walk(tree)
    if inside_functions:
        nodes = (n for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                 for n in ast.walk(f))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return {n for n in names if n.startswith("heron.")}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    for level, members in enumerate(LAYERS):
        for member in members:
            stem = member.removesuffix(".py")
            if len(parts) > 1 and parts[1] == stem:
                return level
    return None


def test_imports_go_down_the_layers_only() -> None:
    for level, members in enumerate(LAYERS):
        for path in modules(*members):
            upward = {m for m in heron_imports(path) if (layer_of(m) or 0) > level}
            assert not upward, f"{path.relative_to(SRC)} imports a layer above it: {upward}"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(paths: list[Path]) -> dict[str, set[str]]:
    """module → the modules among ``paths`` it imports, at the top or inside a function (an
    import inside a function is how a cycle hides)."""
    names = {module_name(p): p for p in paths}

    def resolve(imported: str) -> str | None:  # "heron.api.Heron" → "heron.api"
        while imported and imported not in names:
            imported = imported.rpartition(".")[0]
        return imported or None

    return {name: {m for i in heron_imports(path) if (m := resolve(i)) and m != name}
            for name, path in names.items()}


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (its modules in order), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return None
        for nxt in sorted(graph[node]):
            if found := visit(nxt, [*path, node]):
                return found
        done.add(node)
        return None

    return next((c for n in sorted(graph) if (c := visit(n, []))), None)


def test_no_import_cycle_in_the_read_path() -> None:
    found = cycle(import_graph(modules(*(m for layer in LAYERS for m in layer))))
    assert found is None, " -> ".join(found or [])


def test_no_sql_outside_the_store() -> None:
    for path in sorted(SRC.rglob("*.py")):
        if path.relative_to(SRC).parts[0] in SQL_ALLOWED:
            continue
        strings = [n.value for n in ast.walk(ast.parse(path.read_text()))
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        assert not [s for s in strings if SQL.search(s)], f"SQL in {path.relative_to(SRC)}"


def test_the_checks_see_a_violation(tmp_path: Path) -> None:
    """The checks above can fail: an upward import, a cycle hidden in a function and SQL are
    all found."""
    bad = tmp_path / "bad.py"
    bad.write_text('def f():\n    from heron.read import stories\n'
                   '    return "SELECT id FROM stories"\n')
    assert layer_of("heron.api.Heron") == 2 and layer_of("heron.read.stories") == 1
    assert heron_imports(bad, inside_functions=True) == {"heron.read.stories"}
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None
    assert SQL.search("SELECT id FROM stories") and not SQL.search("select a story")

"""The package's stages import only from earlier stages, and the two evidence types
(surveys, interviews) never import each other (see the developers' guide)."""

import ast
from pathlib import Path

import toolkit

ROOT = Path(toolkit.__file__).parent

# Stage of every top-level part of the package; a module may import its own stage or earlier.
STAGE = {
    "_lazy": 0,
    "_hooks": 0,
    "_deprecated": 0,
    "errors": 0,
    "problems": 0,
    "identifiers": 0,
    "progress": 0,
    "language": 0,
    "quantifiers": 0,
    "rawfiles": 0,
    "surveys": 1,
    "interviews": 1,
    "rounds": 2,
    "evidence": 2,
    "prepare": 2,
    "analysis": 3,
    "themes": 3,
    "present": 4,
    "report": 5,
    "data": 5,
    "check": 6,
    "cli": 7,
}
APART = {frozenset({"surveys", "interviews"}), frozenset({"rounds", "prepare"})}


def _part(module: str) -> str | None:
    bits = module.split(".")
    return bits[1] if bits[0] == "toolkit" and len(bits) > 1 else None


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_every_part_of_the_package_has_a_stage():
    parts = {p.stem for p in ROOT.iterdir() if p.suffix == ".py" or p.is_dir()}
    parts -= {"__init__", "__pycache__", "_examples"}
    assert sorted(parts - set(STAGE)) == []


def test_no_module_imports_from_a_later_stage_or_the_other_evidence_type():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] == "__init__.py":
            continue  # the public API gathers every stage
        own = relative.parts[0].removesuffix(".py")
        for line, module in _imports(path):
            other = _part(module)
            if other is None or other == own:
                continue
            if STAGE[other] > STAGE[own] or frozenset({own, other}) in APART:
                wrong.append(f"{relative}:{line} imports {module}")
    assert wrong == []


def _graph() -> dict[str, set[str]]:
    """Module → the toolkit modules it imports anywhere in its code (also inside functions,
    where a cycle hides; not under ``if TYPE_CHECKING``, which never runs)."""
    names = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in names.items():
        if path.name == "__init__.py":
            continue  # packages gather their parts lazily for the public API
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = {
            id(child)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for child in ast.walk(node)
        }
        targets = set()
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets |= {
                    f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in names else node.module
                    for a in node.names
                }
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
        graph[name] = {
            t for t in targets if t in names and t != name and names[t].name != "__init__.py"
        }
    return graph


def test_no_import_cycles_even_inside_functions():
    graph = _graph()
    cycles = []
    for start in sorted(graph):
        path, seen = [start], {start}
        stack = [iter(sorted(graph[start]))]
        while stack:  # depth-first, reporting the first way back to start
            target = next(stack[-1], None)
            if target is None:
                stack.pop()
                path.pop()
            elif target == start:
                cycles.append(" → ".join([*path, start]))
                break
            elif target not in seen and target in graph:
                seen.add(target)
                path.append(target)
                stack.append(iter(sorted(graph[target])))
    assert cycles == []


def test_the_public_surface_has_an_edge():
    """``toolkit`` takes its names from its subpackages, never from a module inside one;
    only packages declare ``__all__`` (a module's names are its package's business)."""
    deep = [
        module
        for _, module in _imports(ROOT / "__init__.py")
        if module.startswith("toolkit.") and module.count(".") > 1
    ]
    assert deep == []
    declaring = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*.py"))
        if path.name != "__init__.py" and "\n__all__" in path.read_text(encoding="utf-8")
    ]
    assert declaring == []

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

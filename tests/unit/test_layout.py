"""The shape of the code, as the README's tree promises it: small modules, features apart from
Pelican, no import cycles. Read from the source files themselves (ast), nothing imported."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "plugins" / "splitsville"
MAX_LINES = 300
MAX_FLAT = 8
# Where Pelican may be imported at a module's top: the build's own machinery, and each
# feature's wiring. Everything else loads without Pelican (`invoke check`, the tools).
PELICAN_ALLOWED = ("build/", "wiring.py")


def project_modules() -> dict[str, Path]:
    """Dotted name -> file, for the plugin, tools/ and tasks.py."""
    files = [ROOT / "tasks.py", *sorted((ROOT / "tools").rglob("*.py"))]
    modules = {}
    for path in files:
        name = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        modules[name.removesuffix(".__init__")] = path
    for path in sorted(PLUGIN.rglob("*.py")):
        name = path.relative_to(ROOT / "plugins").with_suffix("").as_posix().replace("/", ".")
        modules[name.removesuffix(".__init__")] = path
    return modules


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules one module imports, anywhere in it (in functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([base] if base else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def test_no_module_is_over_300_lines():
    long = {
        path.relative_to(ROOT).as_posix(): lines
        for path in project_modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_few_modules_stay_flat_in_the_plugin_the_rest_are_features():
    flat = sorted(p.name for p in PLUGIN.glob("*.py"))
    features = sorted(p.name for p in PLUGIN.iterdir() if (p / "__init__.py").is_file())
    assert len(flat) <= MAX_FLAT, flat
    assert len(features) >= 3, features
    for feature in features:
        if feature != "build":
            assert (PLUGIN / feature / "wiring.py").is_file(), feature


def test_plain_modules_do_not_import_pelican_at_their_top():
    offenders = []
    for path in PLUGIN.rglob("*.py"):
        rel = path.relative_to(PLUGIN).as_posix()
        if rel.startswith(PELICAN_ALLOWED[0]) or rel.endswith(PELICAN_ALLOWED[1]):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n == "pelican" or n.startswith("pelican.") for n in names):
                offenders.append(rel)
    assert offenders == []


def test_no_import_cycle_anywhere():
    modules = project_modules()
    graph = {name: imported(name, path, set(modules)) for name, path in modules.items()}
    # A package's __init__ that imports its own modules is no cycle: Python loads it first.
    for name, targets in graph.items():
        targets -= {target for target in targets if target.startswith(f"{name}.")}
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, path)
        path.pop()
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert cycles == []

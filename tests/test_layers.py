"""Imports run one way: the layer rule is the data below, checked over every module's import statements.

docs/architecture.md draws the same table (scripts/import-graph regenerates its picture).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("planner", "providers", "stacks")

# Layer -> the modules in it (a module belongs to the layer of its longest matching prefix).
LAYERS: dict[str, tuple[str, ...]] = {
    "core": ("planner", "planner.core"),
    "providers": ("providers",),
    # The target side stacks may read: specs, kinds and the serving rules (the GCP stack enables the APIs the
    # rule checks for from the rule's own table).
    "target specs": ("providers.gcp.spec", "providers.gcp.kinds", "providers.gcp.serving", "providers.aws.spec",
                     "providers.aws.kinds", "providers.aws.serving"),
    "stacks": ("stacks",),
    "planning": ("planner.planning", "planner.estimation", "planner.registry"),
    "outputs": ("planner.reports", "planner.stackgen"),
    "commands": ("planner.cli", "planner.__main__", "planner.commands", "planner.demo", "planner.pulumi_mocks",
                 "planner.codegen"),
}
# Layer -> the layers its modules may import (their own included).
MAY_IMPORT: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "providers": frozenset({"core", "providers", "target specs"}),
    "target specs": frozenset({"core", "providers", "target specs"}),
    "stacks": frozenset({"core", "target specs", "stacks"}),
    "planning": frozenset({"core", "planning"}),
    "outputs": frozenset({"core", "planning", "outputs"}),
    "commands": frozenset(LAYERS),
}
# The registry reaches providers by name (a lazy table), never by import: its strings may name only these.
REGISTRY_MAY_NAME = ("providers.", "stacks.")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The project modules `path` imports (at any depth of the file), `from a import b` counting a.b if a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & known
            # `from package import module` imports the module; the package only runs its (thin) __init__.
            found.update(submodules if len(submodules) == len(node.names) else {node.module, *submodules})
    return {name for name in found if name.split(".")[0] in PACKAGES}


def layer_of(module: str) -> str:
    matches = [(len(prefix), layer) for layer, prefixes in LAYERS.items() for prefix in prefixes
               if module == prefix or module.startswith(prefix + ".")]
    if not matches:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return max(matches)[1]


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    modules = project_modules()
    known = set(modules)
    return {module: imported_modules(path, known) for module, path in modules.items()}


def wrong_way_imports() -> list[str]:
    wrong = []
    for module, imports in sorted(import_graph().items()):
        for imported in sorted(imports):
            if layer_of(imported) not in MAY_IMPORT[layer_of(module)]:
                wrong.append(f"{module} ({layer_of(module)}) imports {imported} ({layer_of(imported)})")
    return wrong


def layer_edges() -> dict[tuple[str, str], int]:
    """(importing layer, imported layer) -> how many module imports cross between them."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for module, imports in import_graph().items():
        for imported in imports:
            if layer_of(module) != layer_of(imported):
                counts[(layer_of(module), layer_of(imported))] += 1
    return dict(sorted(counts.items()))


def test_every_module_is_in_a_layer() -> None:
    for module in project_modules():
        layer_of(module)


def test_no_import_crosses_a_layer_the_wrong_way() -> None:
    assert wrong_way_imports() == []


def test_the_rule_catches_a_wrong_way_import(tmp_path: Path) -> None:
    """The check itself: a core module importing planning would be reported."""
    offending = tmp_path / "probe.py"
    offending.write_text("from planner.planning.engine import build_plan\n", encoding="utf-8")
    imports = imported_modules(offending, set(project_modules()))
    assert imports == {"planner.planning.engine"}
    assert layer_of("planner.planning.engine") not in MAY_IMPORT[layer_of("planner.core.contract")]


@pytest.mark.parametrize("module", ["planner.core", "providers", "stacks"])
def test_nothing_below_planning_imports_planning_commands_or_stacks(module: str) -> None:
    forbidden = ("planner.planning", "planner.commands", "planner.registry") + (() if module == "stacks" else ("stacks",))
    offenders = [f"{name} imports {imported}" for name, imports in import_graph().items()
                 if name == module or name.startswith(module + ".")
                 for imported in imports if imported.startswith(forbidden)]
    assert offenders == []


def test_registry_names_only_provider_and_stack_modules() -> None:
    text = (ROOT / "planner" / "registry.py").read_text(encoding="utf-8")
    named = re.findall(r'"((?:providers|stacks|planner)\.[a-z_.]+)(?::[A-Z_]+)?"', text)
    assert named, "the registry names no module"
    assert all(name.startswith(REGISTRY_MAY_NAME) for name in named), named


def test_the_architecture_picture_is_drawn_from_the_current_code() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "import-graph"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr

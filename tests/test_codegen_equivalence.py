"""The generated program creates what the builders create: for the demo's and the synthetic plans, on both targets,
`planner generate`'s code run under Pulumi's mocks registers the same resources as `stacks/` does for the plan (type,
name, inputs, parent, dependencies, provider), and imports nothing of planner.

Both sides run under the same PlaceholderMocks (outputs echo inputs plus named placeholders), so an input the
generated code wires to the wrong resource or attribute differs in value, not only in shape.
"""

from __future__ import annotations

import ast
import contextlib
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pulumi
import pytest
from click.testing import CliRunner

from planner.cli import app
from planner.commands.preview import program_modules
from planner.core.model.plan import Plan
from planner.pulumi_mocks import MockedResource, MockRun, run_under_mocks
from stacks.program import build_outputs

SYNTHETIC_INVENTORY = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
TARGETS = ("gcp", "aws")
CONFIG = {"gcp:project": "equivalence-project", "gcp:region": "us-east4", "aws:region": "us-east-1"}
PROJECT_PACKAGES = {"planner", "stacks", "providers"}


@pytest.fixture(scope="module")
def inventories(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's inventory (`planner demo`, as a process) and the synthetic one."""
    out = tmp_path_factory.mktemp("demo") / "out"
    completed = subprocess.run([sys.executable, "-m", "planner", "demo", "--out", str(out)],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return {"demo": out / "inventory.json", "synthetic": SYNTHETIC_INVENTORY}


@pytest.fixture(scope="module")
def projects(inventories: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(shape, target) -> the plan file and the project generated from it."""
    folder = tmp_path_factory.mktemp("generated")
    made: dict[tuple[str, str], Path] = {}
    for shape, inventory in inventories.items():
        for target in TARGETS:
            plan, project = folder / f"plan-{shape}-{target}.json", folder / f"{shape}-{target}"
            planned = CliRunner().invoke(app, ["plan", str(inventory), "--target", target, "--out", str(plan)])
            assert planned.exit_code == 0, planned.output
            generated = CliRunner().invoke(app, ["generate", str(plan), "--out", str(project)])
            assert generated.exit_code == 0, generated.output
            made[(shape, target)] = project
    return made


def _builders_run(plan: Plan) -> MockRun:
    def program() -> None:
        for name, value in build_outputs(plan).items():
            pulumi.export(name, value)

    return run_under_mocks(program, project="equivalence", stack="dev", config=CONFIG)


def _generated_run(folder: Path) -> MockRun:
    with contextlib.chdir(folder), program_modules(folder):
        return run_under_mocks(lambda: runpy.run_path("__main__.py", run_name="__main__"), project="equivalence",
                               stack="dev", config=CONFIG)


def _normalized(value: Any) -> Any:
    """Inputs as comparable data: assets and archives by their content, the SDK's unknowns as one marker."""
    if isinstance(value, dict):
        return {key: _normalized(item) for key, item in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_normalized(item) for item in value]
    if isinstance(value, pulumi.asset.StringAsset):
        return ("StringAsset", value.text)
    if isinstance(value, pulumi.asset.FileAsset):
        return ("FileAsset", str(value.path))
    if isinstance(value, pulumi.asset.AssetArchive):
        return ("AssetArchive", _normalized(dict(value.assets)))
    if type(value).__name__ == "Unknown":
        return "<unknown>"
    return value


def _records(run: MockRun) -> dict[tuple[str, str], dict[str, Any]]:
    by_urn = {resource.urn: resource for resource in run.resources}

    def named(urn: str) -> str:
        found = by_urn.get(urn)
        if found is None or found.type == "pulumi:pulumi:Stack":
            return "<stack>" if urn else ""
        return f"{found.type} {found.name}"

    def record(resource: MockedResource) -> dict[str, Any]:
        return {"inputs": _normalized(resource.inputs), "parent": named(resource.parent_urn),
                "dependencies": sorted(named(urn) for urn in resource.dependencies),
                "provider": named(resource.provider.split("::", 1)[0]) if resource.provider else "",
                "options": resource.options}

    return {(resource.type, resource.name): record(resource) for resource in run.resources
            if resource.type != "pulumi:pulumi:Stack"}


def _differences(expected: MockRun, actual: MockRun) -> list[str]:
    built, generated = _records(expected), _records(actual)
    lines = [f"missing: {key}" for key in sorted(set(built) - set(generated))]
    lines += [f"extra: {key}" for key in sorted(set(generated) - set(built))]
    for key in sorted(set(built) & set(generated)):
        for part in ("inputs", "parent", "dependencies", "provider", "options"):
            if built[key][part] != generated[key][part]:
                lines.append(f"{key} {part}: builders {built[key][part]!r:.300} != generated {generated[key][part]!r:.300}")
    return lines


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("shape", ["demo", "synthetic"])
def test_the_generated_program_registers_what_the_builders_register(projects: dict[tuple[str, str], Path],
                                                                     shape: str, target: str) -> None:
    project = projects[(shape, target)]
    expected = _builders_run(Plan.load(project / "plan.json"))
    actual = _generated_run(project)
    assert len(expected.resources) > 20
    assert _differences(expected, actual) == []
    assert actual.outputs.keys() == expected.outputs.keys()


def _imported_packages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("target", TARGETS)
def test_no_generated_file_imports_planner_or_reads_the_plan(projects: dict[tuple[str, str], Path],
                                                               target: str) -> None:
    project = projects[("demo", target)]
    python_files = sorted(project.rglob("*.py"))
    assert len(python_files) >= 6
    for path in python_files:
        assert not _imported_packages(path) & PROJECT_PACKAGES, path
        assert "plan.json" not in path.read_text(encoding="utf-8"), path
    requirements = (project / "requirements.txt").read_text(encoding="utf-8")
    pinned = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert {line.split("==")[0] for line in pinned} == {"pulumi", f"pulumi-{target}", "pulumi-random", "pulumi-policy"}
    assert all("==" in line for line in pinned)


def test_the_generated_code_is_clean_under_ruff_with_its_settings(projects: dict[tuple[str, str], Path]) -> None:
    from planner.codegen.format import ruff_binary

    for project in projects.values():
        for command in (["check", "."], ["format", "--check", "."]):
            completed = subprocess.run([ruff_binary(), *command], cwd=project, capture_output=True, text=True,
                                       check=False)
            assert completed.returncode == 0, f"{project.name}: ruff {command[0]}: {completed.stdout[-2000:]}"


def test_the_same_plan_prints_the_same_code_in_any_process(projects: dict[tuple[str, str], Path],
                                                           tmp_path: Path) -> None:
    """Byte-identical code from the synthetic plan in processes with different hash seeds: registrations reach
    the recorder from Pulumi's thread pool and dependency lists come out of sets, so neither may decide the order."""
    plan = projects[("synthetic", "gcp")] / "plan.json"
    printed: list[dict[str, bytes]] = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        completed = subprocess.run([sys.executable, "-m", "planner", "generate", str(plan), "--out", str(out)],
                                   capture_output=True, text=True, timeout=600,
                                   env={**os.environ, "PYTHONHASHSEED": seed})
        assert completed.returncode == 0, completed.stderr[-3000:]
        printed.append({path.name: path.read_bytes() for path in sorted(out.glob("*.py"))})
    assert len(printed[0]) >= 6 and printed[0] == printed[1]

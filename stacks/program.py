"""The stack program: read the plan named in stack config, build it with the target's package, export.

`planner:plan` is a path relative to the project directory (the folder of
Pulumi.yaml). The Pulumi CLI runs the program with the working directory set
to `main` (the repo root's `stacks/`, or a generated project's own folder), so
the project directory comes from the SDK when it knows it, else from the
nearest Pulumi.yaml above the working directory.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pulumi

from planner.core.errors import PlannerError
from planner.core.model.plan import Plan
from planner.core.project import PLACEHOLDER_PREFIX, PLAN_CONFIG_KEY, PLAN_CONFIG_NAMESPACE, PROJECT_FILES
from stacks.common.errors import StackProgramError
from stacks.common.ordering import check_references
from stacks.common.stack import manual_items

# `planner generate` writes these as placeholders until the user sets them; a real run must not start with one.
PLACEHOLDER_KEYS: tuple[str, ...] = ("gcp:project", "gcp:region", "aws:region")

TargetBuild = Callable[[Plan], Mapping[str, Any]]


def main() -> None:
    """Entry point of `__main__.py`: the plan from config, built and exported."""
    refuse_placeholders()
    plan = load_plan(plan_path_from_config())
    for name, value in build_outputs(plan).items():
        pulumi.export(name, value)


def plan_path_from_config() -> Path:
    configured = pulumi.Config(PLAN_CONFIG_NAMESPACE).get(PLAN_CONFIG_KEY)
    if not configured:
        raise StackProgramError(
            f"stack config {PLAN_CONFIG_NAMESPACE}:{PLAN_CONFIG_KEY} is not set; "
            f"run `pulumi config set {PLAN_CONFIG_NAMESPACE}:{PLAN_CONFIG_KEY} plan.json`"
        )
    path = Path(configured)
    return path if path.is_absolute() else project_dir() / path


def refuse_placeholders() -> None:
    """Stop before any cloud call when a config value is still the generated placeholder."""
    for full_key in PLACEHOLDER_KEYS:
        namespace, key = full_key.split(":", 1)
        value = pulumi.Config(namespace).get(key)
        if value and value.startswith(PLACEHOLDER_PREFIX):
            raise StackProgramError(f"stack config {full_key} is still {value!r}: run `pulumi config set {full_key} <value>`")


def project_dir() -> Path:
    """The folder of Pulumi.yaml: from the SDK when set, else the nearest one above the working directory."""
    from_sdk = _sdk_root_directory()
    if from_sdk is not None:
        return from_sdk
    start = Path.cwd().resolve()
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in PROJECT_FILES):
            return folder
    return start


def load_plan(path: Path) -> Plan:
    """The plan, validated (schema, fields, references between items)."""
    try:
        plan = Plan.load(path)
    except PlannerError as exc:
        raise StackProgramError(f"cannot load the plan: {exc}") from None
    check_references(plan)
    return plan


def build_outputs(plan: Plan) -> dict[str, Any]:
    """Build `plan` with `stacks.<provider>` and return its stack outputs (always with `manual_items`)."""
    outputs = dict(target_build(plan.target.provider)(plan))
    outputs.setdefault("manual_items", manual_items(plan))
    return outputs


def target_build(provider: str) -> TargetBuild:
    """`stacks.<provider>.build`; a clear error when the package is not there."""
    module_name = f"stacks.{provider}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name not in {module_name, "stacks"}:
            raise
        raise StackProgramError(f"no stack program for target {provider!r} (module {module_name} is missing)") from None
    build = getattr(module, "build", None)
    if not callable(build):
        raise StackProgramError(f"{module_name} has no build(plan) function")
    return build  # type: ignore[no-any-return]


def _sdk_root_directory() -> Path | None:
    """The SDK's project root, when it is real: outside the CLI (mocks, tests) it holds a placeholder."""
    try:
        value = pulumi.get_root_directory()
    except AttributeError:  # an SDK without root-directory support
        return None
    if not value:
        return None
    folder = Path(value)
    return folder if any((folder / name).is_file() for name in PROJECT_FILES) else None

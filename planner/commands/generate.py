"""`planner generate PLAN --out DIR`: a Pulumi project for the plan, ready to review and commit."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml
from pydantic import ValidationError
from rich.console import Console

from planner.core.errors import EXIT_FAILED, InputFileError, PlannerError, UsageError
from planner.core.fileio import check_output_path, read_json, validate_document
from planner.core.model.plan import PLAN_SCHEMA, Plan
from planner.stackgen import DEFAULT_STACK, MARKER_FILE, GeneratedProject, render_project, write_project

STACK_NAME_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,100}")  # Pulumi's stack name rules, matched whole


@click.command(
    "generate",
    help="""Write a Pulumi project for PLAN into --out DIR: `pulumi preview` accepts it.

\b
DIR gets Pulumi.yaml, Pulumi.<stack>.yaml (provider config + planner:plan),
__main__.py (runs planner's stack program), plan.json (source ids redacted),
requirements.txt, README.md and an example CI workflow. Same plan, same bytes.

\b
DIR must be new, empty, or written earlier by `planner generate`; anything
else needs --force. Check the result without a cloud: `planner preview DIR`.
Item ids must be unique and depends_on must name items of the plan. Every
mapped or partial item's target spec is then checked the way the target's
stack program reads it: a spec it would refuse (a missing or unknown field,
a reference to no item) is an error naming the item and the field, since
`planner preview` and `pulumi preview` would fail on it. --allow-invalid
writes the project anyway and prints that error as a warning.

\b
Examples:
  planner generate plan.json --out infra/
  planner generate plan.json --out infra/ --stack prod
  PLANNER_GENERATE_OUT=infra planner generate plan.json

\b
Exit codes: 0 written; 2 usage error (a bad --stack, DIR not ours without
--force); 3 PLAN missing, corrupt or not a plan, or a plan that cannot become
a project (a repeated item id, a dangling depends_on, an AWS id in an item id,
a depends_on or a target's reference field, a literal secret in a target spec,
or a target spec the stack program would refuse, unless --allow-invalid);
4 DIR cannot be written. Nothing is written when it fails. An AWS id in free
text (a label, a description, a name) is replaced by its redaction token, with
a note on the item.
""",
    short_help="Write a Pulumi project for a plan.",
)
@click.argument("plan_path", metavar="PLAN", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="PLANNER_GENERATE_OUT",
    show_envvar=True,
    help="Project directory to write (created if missing).",
)
@click.option(
    "--stack",
    default=DEFAULT_STACK,
    show_default=True,
    envvar="PLANNER_STACK",
    show_envvar=True,
    help="Stack name: the config file is Pulumi.<stack>.yaml; use it with `pulumi stack select --create <stack>`.",
)
@click.option("--force", is_flag=True, help="Write into a non-empty directory that `planner generate` did not write.")
@click.option(
    "--allow-invalid",
    is_flag=True,
    help="Write the project even when a target spec fails the target's validation (printed as a warning); "
    "`planner preview` and `pulumi preview` will fail on it until the plan is fixed.",
)
def command(plan_path: Path, out_dir: Path, stack: str, force: bool, allow_invalid: bool) -> None:
    if not STACK_NAME_PATTERN.fullmatch(stack):
        raise UsageError(f"--stack {stack[:120]!r}: use letters, digits, '-', '_' or '.' only, at most 100 of them")
    check_output_path(out_dir, directory=True)
    generated = generate_project(plan_path, out_dir, stack=stack, force=force, allow_invalid=allow_invalid)
    _report(out_dir, generated.project.files, generated.stale, stack)
    if generated.spec_problem:
        Console(stderr=True, highlight=False).print(
            f"warning: {generated.spec_problem} (`planner preview {out_dir}` will fail until the plan is fixed)",
            markup=False, soft_wrap=True,
        )


@dataclass(frozen=True)
class Generated:
    project: GeneratedProject
    stale: list[str]  # files an earlier generation wrote that this one did not
    spec_problem: str | None  # set only when allow_invalid let an invalid spec through


def generate_project(plan_path: Path, out_dir: Path, *, stack: str, force: bool, allow_invalid: bool) -> Generated:
    """Check the plan and write its Pulumi project into `out_dir` (what `planner generate` does)."""
    document = read_json(plan_path)
    plan = validate_document(document, plan_path, Plan, expected_schema=PLAN_SCHEMA)
    check_item_references(plan, plan_path)
    project = render_project(document, stack=stack, settings=_settings_already_made(out_dir, stack),
                             references=reference_reader(plan.target.provider))
    spec_problem = target_spec_problem(plan)
    if spec_problem and not allow_invalid:
        raise InputFileError(f"{plan_path}: {spec_problem}; fix the plan, or pass --allow-invalid to write it anyway")
    try:
        stale = write_project(project, out_dir, force=force)
    except PlannerError:
        raise
    except OSError as exc:
        raise PlannerError(f"cannot write {out_dir}: {exc.strerror or exc}", exit_code=EXIT_FAILED) from exc
    return Generated(project=project, stale=stale, spec_problem=spec_problem)


def check_item_references(plan: Plan, plan_path: Path) -> None:
    """Item ids are unique and every `depends_on` names another item: else a bad plan file (exit 3), naming the item."""
    from stacks.common.errors import StackProgramError  # imports pulumi: only when a project is written
    from stacks.common.ordering import check_references
    from stacks.common.spec_check import check_unique_ids

    try:
        check_unique_ids(plan)
        check_references(plan)
    except StackProgramError as exc:
        raise InputFileError(f"{plan_path}: {exc}") from None


def reference_reader(provider: str) -> Callable[[dict[str, Any]], list[str]]:
    """The plan item ids a target spec of `provider` refers to (its spec model's reference fields).

    A spec that does not parse refers to nothing here: `target_spec_problem` reports it.
    """
    from stacks.common.spec_check import referenced_ids

    parse_spec = importlib.import_module(f"providers.{provider}.spec").parse_spec

    def references(target: dict[str, Any]) -> list[str]:
        try:
            return referenced_ids(parse_spec(target))
        except (ValidationError, KeyError, ValueError, TypeError):
            return []

    return references


def target_spec_problem(plan: Plan) -> str | None:
    """The first spec the target's stack program would refuse (`stacks.<provider>.check_plan`), or None.

    Stated at generation, naming the item and the field, instead of only later
    in `planner preview` or in CI.
    """
    stack_package = importlib.import_module(f"stacks.{plan.target.provider}")
    check_plan = getattr(stack_package, "check_plan", None)
    if check_plan is None:
        return None
    try:
        check_plan(plan)
    except PlannerError as exc:
        return str(exc)
    return None


def _settings_already_made(out_dir: Path, stack: str) -> dict[str, str]:
    """Config values of an earlier generation's stack file, so regenerating keeps `pulumi config set` work."""
    stack_file = out_dir / f"Pulumi.{stack}.yaml"
    if not (out_dir / MARKER_FILE).is_file() or not stack_file.is_file():
        return {}
    try:
        document = yaml.safe_load(stack_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, RecursionError):
        return {}
    config = document.get("config") if isinstance(document, dict) else None
    if not isinstance(config, dict):
        return {}
    return {str(key): value for key, value in config.items() if isinstance(value, str)}


def _report(out_dir: Path, files: dict[str, bytes], stale: list[str], stack: str) -> None:
    console = Console(stderr=True, highlight=False)
    console.print(f"wrote {len(files)} files to {out_dir}/ (stack {stack!r})")
    for name in stale:
        console.print(f"  left in place from an earlier generation: {name}")
    console.print(f"next: planner preview {out_dir}   (no cloud needed), then `pulumi preview` there (see README.md)")

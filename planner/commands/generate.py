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

from planner.core.errors import EXIT_FAILED, InputFileError, PlannerError, UsageError, one_line
from planner.core.fileio import check_output_path, read_json, validate_document
from planner.core.model.plan import PLAN_SCHEMA, ManualWork, Plan
from planner.stackgen import (
    DEFAULT_STACK,
    MARKER_FILE,
    GeneratedProject,
    WrittenProgram,
    WrittenProject,
    render_project,
    write_project,
)

STACK_NAME_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,100}")  # Pulumi's stack name rules, matched whole


@click.command(
    "generate",
    help="""Write the Pulumi program (Python) that builds PLAN into --out DIR.

\b
The code is the infrastructure: one module per group of the plan (network.py,
compute.py, data.py...), each a ComponentResource with an Args dataclass;
every resource a variable with its arguments written out, references between
resources attribute accesses; a comment over each names the AWS resource it
replaces and the plan's notes; manual items are comments with the work they
imply. __main__.py wires the groups and exports the outputs. The code imports
only public packages, pinned in requirements.txt (pulumi, the provider SDK,
pulumi-random, pulumi-policy): it does not need planner, and does not read
plan.json (kept, source ids redacted, for `planner estimate` in CI and for
`planner preview`'s serving check). Also: Pulumi.yaml, Pulumi.<stack>.yaml,
README.md, policy/ (the serving rules as a policy pack), an example CI
workflow. Same plan, same bytes; the code is formatted by ruff.

\b
DIR must be new, empty, or written earlier by `planner generate`; anything
else needs --force. `--update DIR` rewrites an earlier generation from a new
plan (its own files only; modules of groups that are gone are removed) and
prints what changed, so the change reads as a diff in review. Check the
result without a cloud: `planner preview DIR`.

\b
Item ids must be unique and depends_on must name items of the plan. Every
mapped or partial item's target spec is checked the way the target's
builders read it: a spec they would refuse is an error naming the item and
the field. --allow-invalid writes the rest, each refused item a comment in
the code with its error, printed as a warning.

\b
Examples:
  planner generate plan.json --out infra/
  planner generate plan.json --out infra/ --stack prod
  planner generate new-plan.json --update infra/ && git -C infra diff
  PLANNER_GENERATE_OUT=infra planner generate plan.json

\b
Exit codes: 0 written; 2 usage error (a bad --stack, DIR not ours without
--force, --update of a folder not generated or edited since); 3 PLAN missing,
corrupt or not a plan, or a plan that cannot become a project (a repeated
item id, a dangling depends_on, an AWS id in an item id, a depends_on or a
target's reference field, a literal secret in a target spec, or a target
spec the builders would refuse, unless --allow-invalid); 4 DIR cannot be
written. Nothing is written when it fails. An AWS id in free text (a label,
a description, a name) is replaced by its redaction token, with a note on
the item.
""",
    short_help="Write a Pulumi project for a plan.",
)
@click.argument("plan_path", metavar="PLAN", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="PLANNER_GENERATE_OUT",
    show_envvar=True,
    help="Project directory to write (created if missing).",
)
@click.option(
    "--update",
    "update_dir",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="Rewrite the project an earlier `planner generate` wrote in DIR from PLAN: the files it owns only, "
    "removing its modules the new plan no longer has; prints what changed. Refuses files edited since "
    "(commit them, then --force).",
)
@click.option(
    "--stack",
    default=DEFAULT_STACK,
    show_default=True,
    envvar="PLANNER_STACK",
    show_envvar=True,
    help="Stack name: the config file is Pulumi.<stack>.yaml; use it with `pulumi stack select --create <stack>`.",
)
@click.option("--force", is_flag=True, help="Write into a non-empty directory that `planner generate` did not write; "
              "with --update, overwrite files edited since the last generation.")
@click.option(
    "--allow-invalid",
    is_flag=True,
    help="Write the project even when items fail the target's validation: each is left out of the program as a "
    "comment naming its error (printed as a warning), and the rest is built.",
)
def command(plan_path: Path, out_dir: Path | None, update_dir: Path | None, stack: str, force: bool,
            allow_invalid: bool) -> None:
    if not STACK_NAME_PATTERN.fullmatch(stack):
        raise UsageError(f"--stack {stack[:120]!r}: use letters, digits, '-', '_' or '.' only, at most 100 of them")
    if out_dir is not None and update_dir is not None:  # one from the command line wins over one from the environment
        out_dir, update_dir = _command_line_wins(out_dir, update_dir)
    if (out_dir is None) == (update_dir is None):
        raise UsageError("give the project folder once: --out DIR (a new project, or rewrite one) or --update DIR")
    folder = out_dir or update_dir
    assert folder is not None
    check_output_path(folder, directory=True)
    generated = generate_project(plan_path, folder, stack=stack, force=force, allow_invalid=allow_invalid,
                                 update=update_dir is not None)
    _report(folder, generated, stack)


def _command_line_wins(out_dir: Path, update_dir: Path) -> tuple[Path | None, Path | None]:
    """--out and --update both given: the one from the environment (PLANNER_GENERATE_OUT, _UPDATE) yields to the
    other; both from the command line (or both from the environment) stay a usage error."""
    out_env, update_env = _from_environment("out_dir"), _from_environment("update_dir")
    if out_env and not update_env:
        return None, update_dir
    if update_env and not out_env:
        return out_dir, None
    return out_dir, update_dir


def _from_environment(parameter: str) -> bool:
    return click.get_current_context().get_parameter_source(parameter) is click.core.ParameterSource.ENVIRONMENT


@dataclass(frozen=True)
class Generated:
    project: GeneratedProject
    written: WrittenProject  # what changed in the folder
    left_out: dict[str, str]  # item id -> why the program does not build it (only with --allow-invalid)


def generate_project(plan_path: Path, out_dir: Path, *, stack: str, force: bool, allow_invalid: bool,
                     update: bool = False) -> Generated:
    """Check the plan and write its Pulumi project into `out_dir` (what `planner generate` does)."""
    document = read_json(plan_path)
    plan = validate_document(document, plan_path, Plan, expected_schema=PLAN_SCHEMA)
    check_item_references(plan, plan_path)
    writer = CheckedProgramWriter(plan_path, allow_invalid=allow_invalid)
    project = render_project(document, writer, format_python=format_policy_pack, stack=stack,
                             settings=_settings_already_made(out_dir, stack),
                             references=reference_reader(plan.target.provider))
    try:
        written = write_project(project, out_dir, force=force, update=update)
    except PlannerError:
        raise
    except OSError as exc:
        raise PlannerError(f"cannot write {out_dir}: {exc.strerror or exc}", exit_code=EXIT_FAILED) from exc
    return Generated(project=project, written=written, left_out=writer.left_out)


def format_policy_pack(files: dict[str, str]) -> dict[str, str]:
    """The policy pack's modules formatted like the program (its own two modules first-party)."""
    from planner.codegen.format import format_modules
    from planner.codegen.program import POLICY_MODULES

    return format_modules(files, first_party=list(POLICY_MODULES))


class CheckedProgramWriter:
    """The program's files for a plan (planner.codegen), with the items the target cannot build left out as
    manual comments when --allow-invalid says so (each one's error in `left_out`), else a plan error."""

    def __init__(self, plan_path: Path, *, allow_invalid: bool) -> None:
        self.plan_path = plan_path
        self.allow_invalid = allow_invalid
        self.left_out: dict[str, str] = {}  # item id -> why it is not built

    def __call__(self, plan: Plan, header: str) -> WrittenProgram:
        from planner.codegen.program import program_files
        from planner.codegen.record import RecordingError
        from stacks.common.errors import StackProgramError

        check_plan = getattr(importlib.import_module(f"stacks.{plan.target.provider}"), "check_plan", None)
        for _ in range(len(plan.items) + 1):
            candidate = self._without_left_out(plan)
            try:
                if check_plan is not None:
                    check_plan(candidate)
                return WrittenProgram(files=program_files(candidate, header), plan=candidate)
            except StackProgramError as exc:
                if not (self.allow_invalid and exc.item_id and exc.item_id not in self.left_out):
                    hint = "" if self.allow_invalid else "; fix the plan, or pass --allow-invalid to write the rest"
                    raise InputFileError(f"{self.plan_path}: {one_line(str(exc))}{hint}") from None
                self.left_out[exc.item_id] = one_line(str(exc))
            except RecordingError as exc:
                raise PlannerError(f"cannot write the plan's program as code: {exc} (a planner bug: please report it)",
                                   exit_code=EXIT_FAILED) from exc
        raise InputFileError(f"{self.plan_path}: no item of the plan can be built")

    def _without_left_out(self, plan: Plan) -> Plan:
        """`plan` with each left-out item made manual, its error as the reason (a comment in the code)."""
        if not self.left_out:
            return plan
        items = [item.model_copy(update={"status": "manual", "manual": ManualWork(
                    reason=f"not built: {self.left_out[item.id]}",
                    work="fix this item's target spec in the plan, then run `planner generate --update` again")})
                 if item.id in self.left_out else item for item in plan.items]
        return plan.model_copy(update={"items": items})


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

    A spec that does not parse refers to nothing here: the target's `check_plan` (in `CheckedProgramWriter`) reports it.
    """
    from stacks.common.spec_check import referenced_ids

    parse_spec = importlib.import_module(f"providers.{provider}.spec").parse_spec

    def references(target: dict[str, Any]) -> list[str]:
        try:
            return referenced_ids(parse_spec(target))
        except (ValidationError, KeyError, ValueError, TypeError):
            return []

    return references


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


def _report(out_dir: Path, generated: Generated, stack: str) -> None:
    console = Console(stderr=True, highlight=False)
    written = generated.written
    console.print(f"wrote {len(generated.project.files)} files to {out_dir}/ (stack {stack!r}): "
                  f"{len(written.added)} new, {len(written.changed)} changed, {len(written.unchanged)} unchanged"
                  + (f", {len(written.removed)} removed" if written.removed else "")
                  + f"; +{written.lines_added} -{written.lines_removed} lines", markup=False)
    for label, names in (("changed", written.changed), ("removed", written.removed)):
        if names and written.unchanged:  # on a first generation every file is new: no list
            console.print(f"  {label}: {', '.join(names)}", markup=False, soft_wrap=True)
    for name in written.stale:
        console.print(f"  left in place from an earlier generation: {name} (--update removes it)", markup=False)
    for reason in sorted(generated.left_out.values()):  # each starts "plan item <id>"
        console.print(f"warning: {reason}; not built, left as a comment in the code", markup=False, soft_wrap=True)
    console.print(f"next: planner preview {out_dir}   (no cloud needed), then `pulumi preview` there (see README.md)",
                  markup=False)

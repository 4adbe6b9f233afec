"""`planner preview DIR`: run a Pulumi project's program under the SDK's mock engine and show what it creates.

No cloud and no Pulumi CLI: the program runs in this process with the stack
config of `Pulumi.<stack>.yaml`, the real pulumi-gcp / pulumi-aws classes
check every argument, and the mock monitor records each resource. Pulumi is
imported only when the command runs.
"""

from __future__ import annotations

import contextlib
import json
import runpy
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import yaml
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from planner.core.errors import (
    EXIT_COMPLETED_WITH_ERRORS,
    EXIT_FAILED,
    TOO_DEEP,
    InputFileError,
    PlannerError,
    UsageError,
    one_line,
)
from planner.core.project import PLACEHOLDER_PREFIX, PLAN_CONFIG_KEY, PLAN_CONFIG_NAMESPACE, PROJECT_FILES

if TYPE_CHECKING:
    from planner.pulumi_mocks import MockedResource, MockRun
    from planner.reports.serving import ServingReport

SECRET_SHOWN_AS = "[secret]"
UNKNOWN_SHOWN_AS = "[unknown]"
OUTPUT_VALUE_WIDTH = 100


@dataclass(frozen=True)
class PulumiProject:
    """What `Pulumi.yaml` says about how to run the program."""

    folder: Path
    name: str
    program: Path  # a folder with __main__.py, or a .py file (Pulumi's `main`)
    working_dir: Path  # where the Pulumi CLI would run it: the `main` folder, else the project folder
    stack_config_dir: Path


@dataclass(frozen=True)
class StackConfig:
    stack: str
    file: Path
    values: dict[str, str]  # fully qualified keys (`gcp:project`)
    secure_keys: list[str]  # encrypted in the file: the program sees SECRET_SHOWN_AS

    def placeholders(self) -> list[str]:
        return sorted(key for key, value in self.values.items() if value.startswith(PLACEHOLDER_PREFIX))

    def for_mocks(self) -> dict[str, str]:
        """The values the program sees under mocks: placeholders (which it refuses in a real run) get mock values."""
        return {
            key: f"mock-{key.split(':', 1)[-1]}" if value.startswith(PLACEHOLDER_PREFIX) else value
            for key, value in self.values.items()
        }


# The demo's 195-resource program runs in about 4 s under mocks; ten minutes only ever ends a program that hangs.
DEFAULT_TIMEOUT_S = 600
MAX_TIMEOUT_S = 86_400


@click.command(
    "preview",
    help="""Run the Pulumi program of DIR under mocks and list the resources it would create.

\b
DIR is a Pulumi Python project with Pulumi.yaml and a Pulumi.<stack>.yaml:
one written by `planner generate` (its code, as you may have edited it), or
the repo root (the builders, with `planner:plan` naming a plan in its stack
config). No cloud, no Pulumi CLI: the real provider classes check every
argument, so a missing or unknown argument, or a hand edit that breaks a
reference, fails here (exit code 4) instead of in CI.

Then the target's serving rules (providers/<target>/serving.py: a certificate
is validated, backends admit the health checks, every API is enabled...) run
on the resources the program registered, and every public entry point of the
plan (DNS names, load balancers, CDNs) is reported as serving or not, with its
missing link. The generated project's policy pack (policy/) enforces the same
rules in `pulumi preview --policy-pack policy` against the real engine.

\b
Examples:
  planner preview infra/
  planner preview infra/ --stack prod
  planner preview infra/ --json | jq .counts

\b
Exit codes: 0 the program ran and serves (entry points that await a manual
item of the plan are listed, not failed); 1 it ran, but a serving rule fails
or an entry point is broken by the stack (listed); 2 usage error (no or several stack
files and no --stack); 3 DIR is not a Pulumi project, its YAML or its plan is
corrupt; 4 the program failed (a refused argument, a dangling reference, --timeout reached).
""",
    short_help="Run a generated Pulumi project under mocks and list what it creates.",
)
@click.argument(
    "project_dir",
    metavar="DIR",
    default=".",
    type=click.Path(path_type=Path, file_okay=False),
)
@click.option(
    "--stack",
    envvar="PLANNER_STACK",
    show_envvar=True,
    help="Stack whose Pulumi.<stack>.yaml to use; default: the only stack file in DIR.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary (counts per type, output keys) instead of the tree.")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.IntRange(1, MAX_TIMEOUT_S),
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a program still waiting for its outputs after this long (exit 4), instead of waiting forever.",
)
def command(project_dir: Path, stack: str | None, as_json: bool, timeout_s: int) -> None:
    project = read_project(project_dir)
    config = read_stack_config(project, stack)
    started = time.perf_counter()
    run = run_program(project, config, timeout_s=timeout_s)
    seconds = time.perf_counter() - started
    serving = check_serving(project, config, run)
    if as_json:
        click.echo(json.dumps({**summary(project, config, run, seconds), "serving": serving_summary(serving)},
                              indent=2, sort_keys=True))
    else:
        print_report(Console(highlight=False), project, config, run, seconds)
        print_serving(Console(highlight=False), serving)
    if serving is not None and not serving.holds:
        raise PlannerError(f"preview: {len(serving.violations)} serving rule violation(s), "
                           f"{len(serving.broken_paths)} of {len(serving.paths)} entry point(s) broken by the stack",
                           exit_code=EXIT_COMPLETED_WITH_ERRORS)


def check_serving(project: PulumiProject, config: StackConfig, run: MockRun) -> ServingReport | None:
    """The serving rules and entry points of the plan the project builds: the plan `planner generate` kept next to
    the program (its marker names it), or the stack config's `planner:plan`; None when there is neither."""
    from planner.core.model.plan import Plan
    from planner.reports.serving import serving_report

    configured = config.values.get(f"{PLAN_CONFIG_NAMESPACE}:{PLAN_CONFIG_KEY}")
    if configured:
        path: Path | None = Path(configured) if Path(configured).is_absolute() else project.folder / configured
    else:
        path = generated_plan(project.folder)
    if path is None:
        return None
    return serving_report(Plan.load(path), run.tree_resources())


def generated_plan(folder: Path) -> Path | None:
    """The plan file a `planner generate` marker in `folder` names, when it is there."""
    from planner.stackgen.writer import read_marker

    name = read_marker(folder).get("plan_file")
    if not isinstance(name, str) or Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    return folder / name if (folder / name).is_file() else None


def serving_summary(report: ServingReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {"holds": report.holds, "rules": report.rules, "violations": [v.line() for v in report.violations],
            "entry_points": [{"entry": p.entry, "name": p.name, "serving": p.serving, "missing_link": p.missing_link,
                              "reason": p.reason, "awaits_manual": p.awaits_manual} for p in report.paths]}


def print_serving(console: Console, report: ServingReport | None) -> None:
    if report is None:
        console.print("note: no plan next to the program (no .planner-generated naming one) and no planner:plan in "
                      "the stack config: serving rules not checked")
        return
    console.print(rules_table(report))
    console.print(entry_points_table(report))
    held = len(report.rules) - len({violation.rule for violation in report.violations})
    waiting = len(report.awaiting_manual)
    console.print(f"{held} of {len(report.rules)} serving rules hold; "
                  f"{sum(p.serving for p in report.paths)} of {len(report.paths)} entry points serve"
                  + (f" ({waiting} await manual items of the plan)" if waiting else ""))


def rules_table(report: ServingReport) -> Table:
    table = Table("rule", "holds", "resources that break it", "fix", title="Serving rules")
    for rule in report.rules:
        broken = [violation for violation in report.violations if violation.rule == rule]
        names = ", ".join(violation.resource for violation in broken[:3]) + (" ..." if len(broken) > 3 else "")
        table.add_row(escape(rule), "yes" if not broken else f"[bold]no[/] ({len(broken)})", escape(names),
                      escape(broken[0].fix if broken else ""))
    return table


def entry_points_table(report: ServingReport) -> Table:
    table = Table("entry point", "serving", "missing link", "why", title="Entry points")
    for path in report.paths:
        status = "yes" if path.serving else "awaits manual" if path.awaits_manual else "[bold]no[/]"
        table.add_row(escape(path.name), status, escape(path.missing_link), escape(path.reason))
    return table


def read_project(folder: Path) -> PulumiProject:
    if not folder.is_dir():
        raise InputFileError(f"{folder}: no such directory; give the folder of a project (`planner generate ... --out DIR`)")
    project_file = next((folder / name for name in PROJECT_FILES if (folder / name).is_file()), None)
    if project_file is None:
        raise InputFileError(f"{folder}: no Pulumi.yaml; give the folder of a project (`planner generate ... --out DIR`)")
    document = _read_yaml(project_file)
    runtime = document.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise InputFileError(f"{project_file}: runtime {runtime_name!r}; planner preview runs Python programs only")
    name = document.get("name")
    if not isinstance(name, str) or not name:
        raise InputFileError(f"{project_file}: no project name")
    program = (folder / str(document.get("main") or ".")).resolve()
    if program.is_dir():
        if not (program / "__main__.py").is_file():
            raise InputFileError(f"{project_file}: main {program} has no __main__.py")
        working_dir = program
    elif program.is_file():
        working_dir = folder.resolve()
    else:
        raise InputFileError(f"{project_file}: main {document.get('main')!r} does not exist")
    config_dir = folder / str(document.get("stackConfigDir") or ".")
    return PulumiProject(folder=folder, name=name, program=program, working_dir=working_dir, stack_config_dir=config_dir)


def read_stack_config(project: PulumiProject, stack: str | None) -> StackConfig:
    stack_files = {
        path.name.split(".", 1)[1].rsplit(".", 1)[0]: path
        for pattern in ("Pulumi.*.yaml", "Pulumi.*.yml")
        for path in sorted(project.stack_config_dir.glob(pattern))
    }
    if stack is None:
        if len(stack_files) != 1:
            found = ", ".join(sorted(stack_files)) or "none"
            raise UsageError(f"{project.stack_config_dir}: pass --stack (stack files found: {found})")
        stack = next(iter(stack_files))
    if stack not in stack_files:
        raise UsageError(f"{project.stack_config_dir}: no Pulumi.{stack}.yaml (found: {', '.join(sorted(stack_files)) or 'none'})")
    document = _read_yaml(stack_files[stack])
    raw = document.get("config") or {}
    if not isinstance(raw, dict):
        raise InputFileError(f"{stack_files[stack]}: `config` is not a mapping")
    values: dict[str, str] = {}
    secure_keys: list[str] = []
    for key, value in raw.items():
        full_key = str(key) if ":" in str(key) else f"{project.name}:{key}"
        if isinstance(value, dict) and "secure" in value:
            secure_keys.append(full_key)
            values[full_key] = SECRET_SHOWN_AS
        else:
            values[full_key] = value if isinstance(value, str) else json.dumps(value)
    return StackConfig(stack=stack, file=stack_files[stack], values=values, secure_keys=sorted(secure_keys))


def run_program(project: PulumiProject, config: StackConfig, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> MockRun:
    """Run the project's program under mocks, where the Pulumi CLI would run it; failures become one line."""
    from planner.pulumi_mocks import ProgramTimeout, run_under_mocks

    def program() -> None:
        runpy.run_path(str(project.program), run_name="__main__")

    try:
        with contextlib.chdir(project.working_dir), program_modules(_program_folder(project.program)):
            return run_under_mocks(program, project=project.name, stack=config.stack, config=config.for_mocks(),
                                   timeout_s=timeout_s)
    except ProgramTimeout as exc:
        raise PlannerError(f"preview failed: {exc}", exit_code=EXIT_FAILED) from exc
    except PlannerError as exc:
        raise PlannerError(f"preview failed: {one_line(str(exc))}", exit_code=EXIT_FAILED) from exc
    except SystemExit as exc:  # sys.exit() in the program (or in an apply) must not become planner's exit code
        if exc.code in (None, 0):
            raise PlannerError("preview failed: the program called sys.exit() before it finished",
                               exit_code=EXIT_FAILED) from exc
        raise PlannerError(f"preview failed: the program exited with {exc.code!r}", exit_code=EXIT_FAILED) from exc
    except Exception as exc:  # noqa: BLE001 - any failure of the user's program is the result to report
        raise PlannerError(f"preview failed: {_describe(exc)}", exit_code=EXIT_FAILED) from exc


def _program_folder(program: Path) -> Path:
    """The folder the Pulumi CLI puts first on sys.path: `main` itself when it is a folder, else its parent."""
    return program if program.is_dir() else program.parent


@contextlib.contextmanager
def program_modules(folder: Path) -> Iterator[None]:
    """`folder` first on sys.path, as the Pulumi CLI runs a program, with its own modules (compute.py, ...)
    imported afresh: a module cached from another project (or an earlier run) would hand this run resources
    registered by a finished one, and the run would wait for them forever."""
    names = {path.stem for path in folder.glob("*.py")} | {path.parent.name for path in folder.glob("*/__init__.py")}
    names.discard("__main__")
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.split(".")[0] in names}
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] in names]:
            del sys.modules[name]
        sys.modules.update(saved)


def summary(project: PulumiProject, config: StackConfig, run: MockRun, seconds: float) -> dict[str, Any]:
    outputs = _display_outputs(run.outputs)
    return {
        "project": project.name,
        "stack": config.stack,
        "resource_count": len(run.resources),
        "counts": run.counts_by_type(),
        "outputs": sorted(outputs),
        "secret_outputs": sorted(key for key, value in outputs.items() if value == SECRET_SHOWN_AS),
        "manual_item_count": _manual_count(run.outputs.get("manual_items")),
        "placeholders": config.placeholders(),
        "duration_seconds": round(seconds, 3),
    }


def print_report(console: Console, project: PulumiProject, config: StackConfig, run: MockRun, seconds: float) -> None:
    console.print(resource_tree(project, config, run))
    console.print(counts_table(run))
    console.print(outputs_table(run))
    for key in config.placeholders():
        console.print(
            escape(f"note: {key} is still a placeholder ({config.values[key]}); set it before `pulumi preview` in the cloud")
        )
    for key in config.secure_keys:
        console.print(escape(f"note: {key} is encrypted in {config.file.name}; the program saw {SECRET_SHOWN_AS}"))
    console.print(f"{len(run.resources)} resources, previewed under mocks in {seconds:.2f}s")


def resource_tree(project: PulumiProject, config: StackConfig, run: MockRun) -> Tree:
    root = Tree(f"[bold]{escape(project.name)}[/] stack [bold]{escape(config.stack)}[/]")
    nodes: dict[str, Tree] = {}
    for resource in run.resources:
        parent = nodes.get(resource.parent_urn, root)
        nodes[resource.urn] = parent.add(_label(resource))
    return root


def counts_table(run: MockRun) -> Table:
    table = Table(title="Resources per type")
    table.add_column("Type")
    table.add_column("Count", justify="right")
    for type_token, count in run.counts_by_type().items():
        table.add_row(escape(type_token), str(count))
    table.add_row("[bold]total[/]", f"[bold]{len(run.resources)}[/]")
    return table


def outputs_table(run: MockRun) -> Table:
    table = Table(title="Stack outputs")
    table.add_column("Output")
    table.add_column("Value", overflow="fold")
    for key, value in sorted(_display_outputs(run.outputs).items()):
        table.add_row(escape(key), escape(_short(value)))
    return table


def _label(resource: MockedResource) -> str:
    name = escape(resource.name)
    return f"{name if resource.custom else f'[bold]{name}[/]'} [dim]{escape(resource.type)}[/]"


def _display_outputs(outputs: dict[str, Any]) -> dict[str, Any]:
    return {key: _displayable(value) for key, value in outputs.items()}


def _displayable(value: Any) -> Any:
    """Secrets as [secret], unknowns as [unknown], the rest as plain JSON values."""
    from pulumi.output import Unknown
    from pulumi.runtime import rpc

    if rpc.is_rpc_secret(value):
        return SECRET_SHOWN_AS
    if isinstance(value, Unknown) or value == rpc.UNKNOWN:
        return UNKNOWN_SHOWN_AS
    if isinstance(value, dict):
        return {str(key): _displayable(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [_displayable(entry) for entry in value]
    return value


def _manual_count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= OUTPUT_VALUE_WIDTH else text[: OUTPUT_VALUE_WIDTH - 1] + "…"


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {one_line(str(exc)) or '(no message)'}"


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputFileError(f"{path}: not valid YAML{where}") from None
    except RecursionError:
        raise InputFileError(f"{path}: {TOO_DEEP}") from None
    if not isinstance(document, dict):
        raise InputFileError(f"{path}: expected a YAML mapping")
    return document

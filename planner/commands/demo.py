"""`planner demo`: the pipeline against an embedded AWS emulator seeded with a sample footprint.

The demo is a table of stages. Each stage takes the shared `DemoContext` and
the output folder, writes its file there, stores what later stages need on the
context, and returns a one-line headline. A new step of the pipeline is one
function and one row in `STAGES`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table

from planner.core.errors import EXIT_COMPLETED_WITH_ERRORS, PlannerError, UsageError
from planner.core.fileio import check_output_path, write_atomic, write_model_atomic
from planner.core.model.inventory import GLOBAL_REGION, Inventory
from planner.core.model.plan import STATUSES, Plan
from planner.demo.emulator import Emulator, running_emulator
from planner.demo.footprint import REGIONS
from planner.demo.seed import SeededResource, SeedSummary, seed_footprint

TARGETS = ("gcp", "aws")
SCAN_CONCURRENCY = 16
INVENTORY_FILE = "inventory.json"
PLAN_FILE = "plan.json"
STACK_DIR = "stack"
DEMO_DEADLINE_HOURS = 30.0  # Parler's notice in January 2021: about 30 hours
ESTIMATE_FILES = {"html": "summary.html", "markdown": "summary.md", "json": "estimate.json"}
PIPED_OUTPUT_WIDTH = 110


@dataclass
class DemoContext:
    """What the stages share. Each stage reads what earlier ones left and adds its own result."""

    emulator: Emulator
    seed: SeedSummary
    target: str
    regions: list[str]
    files: dict[str, Path] = field(default_factory=dict)  # stage name -> file it wrote
    problems: list[str] = field(default_factory=list)  # what went wrong without stopping the demo
    inventory: Inventory | None = None
    plan: Plan | None = None
    headline: list[str] = field(default_factory=list)


StageFunction = Callable[[DemoContext, Path], str]


@dataclass(frozen=True)
class Stage:
    name: str
    run: StageFunction


@dataclass(frozen=True)
class StageResult:
    name: str
    headline: str
    seconds: float


def run_inventory(context: DemoContext, out_dir: Path) -> str:
    """Scan the emulated account with the real inventory engine, as `planner inventory` would."""
    from providers.aws.inventory import ScanOptions, scan_account

    options = ScanOptions(regions=list(context.regions), endpoint_url=context.emulator.endpoint_url,
                          concurrency=SCAN_CONCURRENCY, progress=True)
    inventory = scan_account(options)  # the emulator's dummy credentials are in the environment
    path = out_dir / INVENTORY_FILE
    write_model_atomic(path, inventory)
    context.inventory = inventory
    context.files["inventory"] = path
    missing = context.seed.not_found_in(inventory.resources)
    if missing:
        context.problems.append(f"inventory: {len(missing)} seeded resources not found ({_first_few(missing)})")
    if inventory.errors:
        first = inventory.errors[0]
        context.problems.append(
            f"inventory: {len(inventory.errors)} failed calls, first {first.service}:{first.operation} "
            f"in {first.region}: {first.code}")
    found = context.seed.total - len(missing)
    return (f"{len(inventory.resources)} resources in {len(context.regions)} regions, "
            f"{found}/{context.seed.total} seeded found, {len(inventory.errors)} errors -> {path.name}")


def _first_few(resources: list[SeededResource], limit: int = 3) -> str:
    shown = ", ".join(f"{resource.key} {resource.name}" for resource in resources[:limit])
    return shown + (", ..." if len(resources) > limit else "")


def run_plan(context: DemoContext, out_dir: Path) -> str:
    """Map the inventory to the target, as `planner plan` would."""
    from planner.commands.plan import write_plan
    from planner.planning.engine import build_plan

    assert context.inventory is not None, "the plan stage runs after the inventory stage"
    plan = build_plan(context.inventory, context.target)
    path = out_dir / PLAN_FILE
    write_plan(plan, path)
    context.plan = plan
    context.files["plan"] = path
    statuses = Counter(item.status for item in plan.items)
    shares = ", ".join(f"{statuses[status]} {status}" for status in STATUSES if statuses[status])
    return f"{len(plan.items)} items for {context.target} ({shares}) -> {path.name}"


def run_generate(context: DemoContext, out_dir: Path) -> str:
    """Write the Pulumi project for the plan, as `planner generate` would."""
    from planner.commands.generate import generate_project
    from planner.stackgen import DEFAULT_STACK

    project_dir = out_dir / STACK_DIR
    generated = generate_project(context.files["plan"], project_dir, stack=DEFAULT_STACK, force=False, allow_invalid=False)
    context.files["generate"] = project_dir
    return f"{len(generated.project.files)} files of a Pulumi project (stack {DEFAULT_STACK!r}) -> {STACK_DIR}/"


def run_preview(context: DemoContext, out_dir: Path) -> str:
    """Run the generated program under Pulumi's mock engine, as `planner preview` would."""
    from planner.commands.preview import read_project, read_stack_config, run_program

    project = read_project(context.files["generate"])
    run = run_program(project, read_stack_config(project, None))
    counts = run.counts_by_type()
    custom = sum(1 for resource in run.resources if resource.custom)
    biggest = ", ".join(f"{count} {token.split(':')[-1]}" for token, count in Counter(counts).most_common(3))
    return f"{custom} cloud resources of {len(counts)} types under mocks (most: {biggest})"


def run_estimate(context: DemoContext, out_dir: Path) -> str:
    """Estimate cost, effort, downtime and the deadline; write the summary in every format."""
    from planner.estimation import estimate_plan
    from planner.reports import render
    from planner.reports.headline import headline

    assert context.plan is not None, "the estimate stage runs after the plan stage"
    estimate = estimate_plan(context.plan, deadline_hours=DEMO_DEADLINE_HOURS, ranges=True)
    for fmt, file_name in ESTIMATE_FILES.items():
        write_atomic(out_dir / file_name, render(estimate, fmt))
    context.files["estimate"] = out_dir / ESTIMATE_FILES["html"]
    context.headline = [f"{figure.label}: {figure.value} ({figure.detail})" for figure in headline(estimate)]
    return f"summary for executives -> {ESTIMATE_FILES['html']} (also {ESTIMATE_FILES['markdown']}, {ESTIMATE_FILES['json']})"


# The pipeline, in order: each stage writes its file into --out.
STAGES: tuple[Stage, ...] = (
    Stage("inventory", run_inventory),
    Stage("plan", run_plan),
    Stage("generate", run_generate),
    Stage("preview", run_preview),
    Stage("estimate", run_estimate),
)


def run_demo(out_dir: Path, target: str, console: Console) -> tuple[DemoContext, list[StageResult]]:
    """Start the emulator, seed it, run every stage; the emulator stops when this returns."""
    results: list[StageResult] = []
    started = time.monotonic()
    with running_emulator() as emulator:
        results.append(StageResult("emulator", f"AWS emulator on {emulator.endpoint_url}", time.monotonic() - started))
        seeded_at = time.monotonic()
        with console.status("seeding the sample footprint") as status:
            seed = seed_footprint(emulator, on_step=lambda step: status.update(f"seeding the sample footprint: {step}"))
        results.append(StageResult("seed", _seed_headline(seed), time.monotonic() - seeded_at))
        context = DemoContext(emulator=emulator, seed=seed, target=target, regions=list(REGIONS))
        for stage in STAGES:
            stage_started = time.monotonic()
            headline = stage.run(context, out_dir)
            results.append(StageResult(stage.name, headline, time.monotonic() - stage_started))
    return context, results


def run_demo_into(out_dir: Path, target: str, console: Console) -> tuple[DemoContext, list[StageResult]]:
    """`run_demo` in a staging folder next to `out_dir`, moved into `out_dir` only when every stage ran.

    A failure or Ctrl-C half-way leaves an existing `out_dir` as it was, never
    a new inventory.json next to the plan of an earlier run.
    """
    check_output_path(out_dir, directory=True)
    _refuse_foreign_stack_folder(out_dir / STACK_DIR)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        context, results = run_demo(staging, target, console)
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    context.files = {name: out_dir / path.relative_to(staging) for name, path in context.files.items()}
    return context, results


def _refuse_foreign_stack_folder(stack_dir: Path) -> None:
    from planner.stackgen import MARKER_FILE

    if stack_dir.is_dir() and any(stack_dir.iterdir()) and not (stack_dir / MARKER_FILE).is_file():
        raise UsageError(f"{stack_dir}: not written by `planner generate`; choose another --out for the demo")


def _publish(staging: Path, out_dir: Path) -> None:
    """Move every file of `staging` into `out_dir`: files replace files, the stack folder replaces the old one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for entry in sorted(staging.iterdir()):
        destination = out_dir / entry.name
        if entry.is_dir() and destination.is_dir():
            previous = Path(tempfile.mkdtemp(prefix=f".{entry.name}.old.", dir=out_dir))
            os.replace(destination, previous / entry.name)
            os.replace(entry, destination)
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(entry, destination)


def _seed_headline(seed: SeedSummary) -> str:
    regions = ", ".join(f"{region} {count}" for region, count in seed.counts_by_region().items())
    return f"{seed.total} resources of {len(seed.counts_by_type())} types ({regions})"


def footprint_table(context: DemoContext) -> Table:
    """Seeded resources per type and region, next to what the inventory found of each type."""
    columns = [*context.regions, GLOBAL_REGION]
    table = Table(title="Sample footprint: seeded vs. found by the inventory", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("AWS type", no_wrap=True)
    for column in columns:
        table.add_column(column, justify="right", min_width=len(column))
    table.add_column("seeded", justify="right")
    table.add_column("found", justify="right")
    found_by_type: dict[str, int] = {}
    for resource in context.inventory.resources if context.inventory else []:
        found_by_type[resource.key] = found_by_type.get(resource.key, 0) + 1
    for key, per_region in context.seed.counts_by_type_and_region().items():
        cells = [str(per_region.get(column, "")) for column in columns]
        table.add_row(key.removeprefix("aws."), *cells, str(sum(per_region.values())), str(found_by_type.get(key, "-")))
    totals = context.seed.counts_by_region()
    table.add_row("total", *(str(totals.get(column, "")) for column in columns), str(context.seed.total),
                  str(len(context.inventory.resources)) if context.inventory else "-", style="bold")
    return table


def stages_table(results: list[StageResult]) -> Table:
    table = Table(title="Stages", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_column("result")
    for result in results:
        table.add_row(result.name, f"{result.seconds:.1f}", result.headline)
    table.add_row("total", f"{sum(result.seconds for result in results):.1f}", "", style="bold")
    return table


def _named_folder(_context: click.Context, _parameter: click.Parameter, value: Path) -> Path:
    """An empty --out would put the demo's files into the current folder, which nobody asks for by typing ''."""
    if not str(value).strip() or str(value) == ".":
        raise click.BadParameter("name a folder for the demo's files (default: demo-output)")
    return value


@click.command(
    "demo",
    help="""Run the pipeline against an embedded AWS emulator, no account needed.

\b
Starts moto's AWS emulator on 127.0.0.1 (a free port, stopped at the end),
seeds it with a sample social network in us-east-1, us-west-2 and eu-west-1
(web, API, worker and GPU fleets, PostgreSQL with replicas, Redis, a 70 TB
media bucket, queues, DNS, a CDN: about 160 resources, a few planted secrets),
then runs each stage and writes its file to --out:

\b
  inventory   -> inventory.json   (the real inventory engine, read-only)
  plan        -> plan.json        (mapped to --target)
  generate    -> stack/           (a Pulumi project, as `planner generate`)
  preview     (runs stack/ under Pulumi's mock engine, as `planner preview`)
  estimate    -> summary.html, summary.md, estimate.json (30 h deadline)

Files are written to a staging folder and moved into --out only when every
stage has run: a failure or Ctrl-C leaves an earlier demo's files as they were.

The emulator uses dummy credentials. Your AWS profile and keys are never used:
the AWS_* variables are set aside while the demo runs and restored after.

\b
Examples:
  planner demo
  planner demo --target aws --out /tmp/demo
  open demo-output/summary.html      # the one-page executive summary

\b
Exit codes: 0 every stage ran clean; 1 the files were written but a stage
found problems (listed); 2 usage error; 4 a stage failed (nothing moved).
""",
    short_help="The whole pipeline against an embedded AWS emulator.",
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-output"),
              show_default=True, envvar="PLANNER_DEMO_OUT", show_envvar=True, callback=_named_folder,
              help="Folder for the demo's files (created if missing; the demo's files in it are replaced).")
@click.option("--target", type=click.Choice(TARGETS), default="gcp", show_default=True, envvar="PLANNER_TARGET",
              show_envvar=True, help="Where the footprint moves: Google Cloud or a fresh AWS account.")
def command(out_dir: Path, target: str) -> None:
    # Piped or captured output gets room for the footprint table; a terminal keeps its own width.
    console = Console(width=None if sys.stdout.isatty() else PIPED_OUTPUT_WIDTH)
    context, results = run_demo_into(out_dir, target, console)
    console.print(footprint_table(context))
    console.print(stages_table(results))
    for name, path in context.files.items():
        console.print(f"{name}: {path}")
    if context.headline:
        console.print("[bold]Headline figures[/bold]")
        for line in context.headline:
            console.print(f"  {line}", highlight=False)
        console.print(f"Open {context.files['estimate']} for the executive summary.")
    if context.problems:
        raise PlannerError("; ".join(context.problems), exit_code=EXIT_COMPLETED_WITH_ERRORS)

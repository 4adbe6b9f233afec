"""`planner demo`: the pipeline against an embedded AWS emulator seeded with a sample footprint.

The demo is a table of stages. Each stage takes the shared `DemoContext` and
the output folder, writes its file there, stores what later stages need on the
context, and returns a one-line headline. A new step of the pipeline is one
function and one row in `STAGES`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table

from planner.demo.emulator import Emulator, demo_credentials, running_emulator
from planner.demo.footprint import REGIONS
from planner.demo.seed import SeededResource, SeedSummary, seed_footprint
from planner.errors import EXIT_COMPLETED_WITH_ERRORS, PlannerError
from planner.fileio import write_model_atomic
from planner.model.inventory import GLOBAL_REGION, Inventory

TARGETS = ("gcp", "aws")
SCAN_CONCURRENCY = 16
INVENTORY_FILE = "inventory.json"
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
    with demo_credentials():
        inventory = scan_account(options)
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
            f"{found}/{context.seed.total} seeded found, {len(inventory.errors)} errors -> {path}")


def _first_few(resources: list[SeededResource], limit: int = 3) -> str:
    shown = ", ".join(f"{resource.key} {resource.name}" for resource in resources[:limit])
    return shown + (", ..." if len(resources) > limit else "")


# The pipeline, in order. Later stages (plan -> generate -> preview -> estimate) plug in here.
STAGES: tuple[Stage, ...] = (
    Stage("inventory", run_inventory),
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

The emulator uses dummy credentials for the demo only; your AWS profile and
environment are not used and not changed.
""",
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-output"),
              show_default=True, help="Folder for the demo's files (created if missing; files in it are replaced).")
@click.option("--target", type=click.Choice(TARGETS), default="gcp", show_default=True, envvar="PLANNER_TARGET",
              help="Where the plan stage moves the footprint: Google Cloud or a fresh AWS account. [env: PLANNER_TARGET]")
def command(out_dir: Path, target: str) -> None:
    # Piped or captured output gets room for the footprint table; a terminal keeps its own width.
    console = Console(width=None if sys.stdout.isatty() else PIPED_OUTPUT_WIDTH)
    context, results = run_demo(out_dir, target, console)
    console.print(footprint_table(context))
    console.print(stages_table(results))
    for name, path in context.files.items():
        console.print(f"{name}: {path}")
    if "plan" not in context.files and "inventory" in context.files:
        console.print(f"next: planner plan {context.files['inventory']} --target {target} --out {out_dir / 'plan.json'}")
    if context.problems:
        raise PlannerError("; ".join(context.problems), exit_code=EXIT_COMPLETED_WITH_ERRORS)

"""`planner plan`: map an inventory to Google Cloud or a fresh AWS account (plan.json)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.table import Table

from planner.commands.output_paths import OutputFile
from planner.core.errors import EXIT_CODES_HELP, InputFileError, PlannerError, UsageError
from planner.core.fileio import (
    JsonArrayStream,
    check_output_path,
    describe_validation_error,
    json_chunks,
    model_document,
    write_chunks_atomic,
)
from planner.core.model.inventory import GLOBAL_REGION, Inventory
from planner.core.model.plan import STATUSES, Plan, PlanItem
from planner.planning.engine import TARGETS, build_plan, plan_summary
from planner.planning.inventory_errors import PLAN_FIGURES, errors_phrase

HELP = f"""Map every resource of INVENTORY (inventory.json) to a target and write plan.json.

\b
Each resource becomes exactly one plan item:
  mapped   an equivalent exists and is specified
  partial  an equivalent exists; the notes say what differs
  manual   no equivalent: the reason and the work it implies
  skipped  a provider default (default VPC, main route table...), with the reason

\b
Regions: each source region goes to the nearest target region (great-circle
distance) that offers machine types for its VMs; override with --region-map.
Prices come from the dated catalogs shipped with planner (listed in the plan).

\b
Examples:
  planner plan inventory.json --target gcp --out plan.json
  planner plan inventory.json --target aws --region-map us-east-1=us-west-2 --out plan.json
  PLANNER_TARGET=gcp planner plan inventory.json --out plan.json

{EXIT_CODES_HELP}
"""


def parse_region_map(values: tuple[str, ...]) -> dict[str, str]:
    """`src=dst` pairs (repeatable, or comma-separated) as a dict; a source given twice is a usage error (which one
    was meant?)."""
    mapping: dict[str, str] = {}
    for value in values:
        for pair in filter(None, (part.strip() for part in value.split(","))):
            source, sep, destination = pair.partition("=")
            if not sep or not source.strip() or not destination.strip():
                raise UsageError(f"--region-map {pair!r}: expected SOURCE=TARGET, e.g. us-east-1=us-east4")
            if source.strip() in mapping:
                raise UsageError(f"--region-map {source.strip()}=...: given twice ({mapping[source.strip()]} and "
                                 f"{destination.strip()}); give each source region once")
            mapping[source.strip()] = destination.strip()
    return mapping


def check_region_map_sources(mapping: dict[str, str], inventory: Inventory) -> None:
    """Every SRC of --region-map is a region the inventory has: a typo would otherwise change nothing, silently."""
    known = {resource.region for resource in inventory.resources} | set(inventory.source.regions) | {GLOBAL_REGION}
    unknown = sorted(set(mapping) - known)
    if unknown:
        regions = ", ".join(sorted(known - {GLOBAL_REGION})) or "none"
        raise UsageError(
            f"--region-map {unknown[0]}=...: the inventory has nothing in {unknown[0]!r} "
            f"(its regions: {regions}; 'global' for IAM/DNS/CDN)"
        )


def validated_plan_text(plan: Plan) -> str:
    """The plan's canonical JSON, after checking that it reads back as a valid planner.plan/1 document."""
    return "".join(validated_plan_chunks(plan))


def validated_plan_chunks(plan: Plan) -> Iterator[str]:
    """`validated_plan_text` in pieces, for writing a big plan without holding it as dicts and text.

    Each item is validated (as `Plan.model_validate` would, one `PlanItem` at a time) from the very
    document that is written, just before its text is made; a failure stops the write. Unique item ids
    and `depends_on` that name items hold by construction (`planner.planning.engine`: one item per
    resource, repeats merged first), whatever the inventory holds; a repeated id still stops the write.
    """
    document = model_document(plan)
    items = document.get("items")
    if isinstance(items, JsonArrayStream):
        document["items"] = JsonArrayStream(lambda: _validated_items(items.elements()), items.length)
        _validated(Plan, {**document, "items": []}, "")
    else:
        _validated(Plan, document, "")
        for _ in _unique_ids(iter(items or [])):
            pass
    return json_chunks(document)


def _validated_items(items: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    return _unique_ids(_validated(PlanItem, item, f"items[{position}].") for position, item in enumerate(items))


def _unique_ids(items: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The items, stopping at a repeated id: it cannot come from an inventory (repeats are merged first), so it is
    a bug, and the write stops."""
    seen: set[str] = set()
    for position, item in enumerate(items):
        if item["id"] in seen:
            raise PlannerError(f"internal error: the plan has duplicate item ids ({item['id']!r} at items[{position}])")
        seen.add(item["id"])
        yield item


def _validated(model: type[BaseModel], document: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        model.model_validate(document)
    except ValidationError as exc:
        raise PlannerError(
            f"internal error: the plan does not validate: {where}{describe_validation_error(exc)}"
        ) from None
    return document


def _money(value: float) -> str:
    return f"${value:,.2f}"


def print_summary(plan: Plan, out: Path, console: Console) -> None:
    summary = plan_summary(plan)
    table = Table(title=f"plan: {len(plan.items)} items -> {plan.target.provider}", show_lines=False)
    table.add_column("kind")
    for status in STATUSES:
        table.add_column(status, justify="right")
    for kind, counts in summary["by_kind"].items():
        table.add_row(kind, *(str(counts.get(status, "")) for status in STATUSES))
    table.add_row("[bold]total[/bold]", *(f"[bold]{summary['by_status'].get(status, 0)}[/bold]" for status in STATUSES))
    console.print(table)
    regions = ", ".join(f"{src} -> {dst}" for src, dst in plan.target.region_map.items())
    console.print(f"regions: {regions or 'none'}")
    console.print(
        f"monthly run cost (list prices): source {_money(summary['source_monthly_usd'])} "
        f"({summary['source_unpriced_items']} items not priced), target {_money(summary['target_monthly_usd'])} "
        f"({summary['target_unpriced_items']} items not priced, {summary['target_manual_items']} manual items not included)"
    )
    dates = "; ".join(f"{ref.name} ({ref.price_date})" for ref in plan.target.catalogs)
    console.print(f"catalogs: {dates}", soft_wrap=True)
    console.print(f"wrote {out}")
    errors = errors_phrase(plan.inventory.errors, PLAN_FIGURES)
    if errors:
        click.echo(f"warning: {errors}", err=True)


def write_plan(plan: Plan, out: Path) -> None:
    """Validate the plan item by item as it streams into `out` (atomically)."""
    write_chunks_atomic(out, validated_plan_chunks(plan))


@click.command(name="plan", help=HELP, short_help="Map an inventory to Google Cloud or a fresh AWS: plan.json.")
@click.argument("inventory", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--target", "-t", type=click.Choice(TARGETS), required=True, envvar="PLANNER_TARGET", show_envvar=True,
              help="Where the workload moves: gcp (Google Cloud) or aws (a fresh AWS account/region).")
@click.option("--region-map", "region_map", multiple=True, metavar="SRC=DST", envvar="PLANNER_REGION_MAP", show_envvar=True,
              help="Put source region SRC (a region of the inventory) in target region DST instead of the nearest one "
                   "(repeatable or comma-separated; 'global=DST' places IAM/DNS/CDN).")
@click.option("--out", "-o", type=OutputFile("plan.json"), default=Path("plan.json"), show_default=True,
              envvar="PLANNER_PLAN_OUT", show_envvar=True,
              help="Where to write the plan (written atomically: an existing file is replaced only on success).")
def command(inventory: Path, target: str, region_map: tuple[str, ...], out: Path) -> None:
    mapping = parse_region_map(region_map)
    check_output_path(out)
    loaded = Inventory.load(inventory)
    check_region_map_sources(mapping, loaded)
    try:
        plan = build_plan(loaded, target, mapping)
    except InputFileError as exc:
        raise InputFileError(f"{inventory}: {exc}") from exc
    write_plan(plan, out)
    print_summary(plan, out, Console(soft_wrap=False))

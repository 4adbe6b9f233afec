"""`planner estimate PLAN`: cost, effort, downtime and the deadline evacuation of a plan."""

from __future__ import annotations

from pathlib import Path

import click

from planner.commands.output_paths import OutputFile
from planner.core.errors import UsageError

MAX_TEAM = 100_000  # people: beyond it the calendar is no longer a planning question

HELP = """Estimate what moving PLAN (a plan.json) costs, takes and breaks.

\b
  cost       monthly run cost before -> after by category; one-time internet
             egress out of AWS with AWS's monthly tiers, per resource
  effort     person-hours P50/P90 per item; calendar time for --team people,
             in waves: network -> data -> compute -> load balancing -> DNS
  downtime   per stateful store: replicate-then-switch or offline copy, at
             --bandwidth, plus fixed cutover steps and the largest DNS TTL
  deadline   with --deadline: which data gets out before the cut-off, what
             is lost, and the bandwidth that would lose nothing

\b
Every model is driven by named assumptions (defaults in
planner/data/assumptions.yaml); override any of them with --assumptions, a
YAML/JSON file of `name: value` lines, e.g.
  link.efficiency: 0.5
  cutover.overrides: {db-orders: offline}
Every output lists the assumptions it used.

\b
Examples:
  planner estimate plan.json --deadline 30h
  planner estimate plan.json --bandwidth 1Gbps --team 3 --format markdown
  planner estimate plan.json --format html --out summary.html
  PLANNER_BANDWIDTH=1Gbps PLANNER_FORMAT=json planner estimate plan.json

\b
Exit codes: 0 estimate printed or written; 2 usage error (a bad --bandwidth,
--deadline, --team or --format, or an --out that cannot be written: a
directory, a parent that is a file, a read-only folder); 3 PLAN or
--assumptions missing, corrupt or invalid (an unknown assumption name);
4 --out could not be written at the end. --out is checked before any work;
it is written atomically, so a failed run never leaves it half-written.
"""


def _bandwidth(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from planner.estimation.units import parse_bandwidth

    try:
        return parse_bandwidth(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None


def _deadline(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    from planner.estimation.units import parse_duration_hours

    if value is None:
        return None
    try:
        hours = parse_duration_hours(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None
    if hours <= 0:
        raise click.BadParameter("the deadline must be more than zero")
    return hours


@click.command("estimate", help=HELP)
@click.argument("plan_path", metavar="PLAN", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--bandwidth",
    default="10Gbps",
    show_default=True,
    callback=_bandwidth,
    envvar=["PLANNER_ESTIMATE_BANDWIDTH", "PLANNER_BANDWIDTH"],
    show_envvar=True,
    help="Nominal link out of AWS, e.g. 10Gbps, 500Mbps, 1.5Gbit/s (B = bytes: 100MB/s).",
)
@click.option(
    "--team",
    default=4,
    show_default=True,
    type=click.IntRange(min=1, max=MAX_TEAM),
    envvar=["PLANNER_ESTIMATE_TEAM", "PLANNER_TEAM"],
    show_envvar=True,
    help="People working on the move at the same time; sets the calendar time.",
)
@click.option(
    "--deadline",
    default=None,
    callback=_deadline,
    envvar=["PLANNER_ESTIMATE_DEADLINE", "PLANNER_DEADLINE"],
    show_envvar=True,
    help="Time left before the account is cut off, e.g. 30h, 2d, 90m, 1d12h. Adds the evacuation schedule.",
)
@click.option(
    "--assumptions",
    "assumptions_path",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    envvar=["PLANNER_ESTIMATE_ASSUMPTIONS", "PLANNER_ASSUMPTIONS"],
    show_envvar=True,
    help="YAML/JSON file overriding named assumptions (partial is fine; maps merge key by key).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown", "html"]),
    default="table",
    show_default=True,
    envvar=["PLANNER_ESTIMATE_FORMAT", "PLANNER_FORMAT"],
    show_envvar=True,
    help="table for a terminal, json for tools, markdown for a PR comment, html for a one-page summary.",
)
@click.option(
    "--out",
    "out_path",
    default=None,
    type=OutputFile("summary.html"),
    envvar="PLANNER_ESTIMATE_OUT",
    show_envvar=True,
    help="Write here (atomically: an existing file is replaced only on success) instead of printing to stdout.",
)
@click.option(
    "--ranges/--no-ranges",
    default=True,
    show_default=True,
    help="Give each headline figure its P10-P90 range from the assumptions' low and high values (a seeded Monte "
         "Carlo, the same answer every run) and the three assumptions that move it most.",
)
def command(
    plan_path: Path,
    bandwidth: float,
    team: int,
    deadline: float | None,
    assumptions_path: Path | None,
    fmt: str,
    out_path: Path | None,
    ranges: bool,
) -> None:
    from planner.core.fileio import check_output_path, write_atomic
    from planner.core.model import Plan
    from planner.estimation import estimate_plan
    from planner.reports import render

    if out_path is not None:
        check_output_path(out_path)
    plan = Plan.load(plan_path)
    estimate = estimate_plan(plan, assumptions_path, bandwidth_bps=bandwidth, team=team, deadline_hours=deadline,
                             ranges=ranges)
    if estimate.inventory_errors.summary:
        click.echo(f"warning: {estimate.inventory_errors.summary}", err=True)
    if out_path is not None:
        write_atomic(out_path, render(estimate, fmt))
        click.echo(f"wrote {out_path}", err=True)
    elif fmt == "table":
        from rich.console import Console

        from planner.reports.table import renderables

        Console().print(renderables(estimate))
    else:
        click.echo(render(estimate, fmt), nl=False)

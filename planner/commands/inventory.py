"""`planner inventory`: read every resource of an AWS account, read-only, into inventory.json."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

import click
from rich.console import Console
from rich.table import Table

from planner.core.errors import EXIT_COMPLETED_WITH_ERRORS
from planner.core.fileio import check_output_path, write_model_atomic
from planner.core.kinds import kind_of
from planner.core.model.inventory import Inventory
from providers.aws.inventory.spec import specs_by_service

HELP = """Read every resource of an AWS account into an inventory file (--out).

\b
Examples:
  planner inventory --regions all --out inventory.json
  planner inventory --profile prod --regions us-east-1,eu-west-1 --out inv.json
  planner inventory --services ec2,rds,s3 --concurrency 32 --out inv.json
  planner inventory --endpoint-url http://127.0.0.1:5000 --regions us-west-2 --out inv.json

\b
Credentials come from the standard AWS chain: --profile (or AWS_PROFILE),
AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO (`aws sso login`), instance roles.
Regional services are read in every selected region, one task per
(region, service) pair, --concurrency at a time; S3, Route 53, IAM and
CloudFront are global and read once. Buckets carry their real region.

\b
Read-only by construction: every AWS client refuses, before anything is
sent, any call that is not a read (Describe*, List*, Get*, BatchGet*,
HeadBucket, ...). Calls that would return secret material (GetSecretValue,
GetPasswordData, GetParameter, GetObject, ...) are refused as well: Lambda and
ECS environment values, EC2 and launch-template user data and database
passwords never reach the output (only variable names are kept).

\b
Failed calls (AccessDenied, a region not enabled, throttling after retries,
a service not offered in a region) are listed in errors[] of the output and
in the summary; the scan goes on without them.

\b
Exit codes: 0 every call succeeded; 1 the inventory was written but errors[]
is not empty (partial permissions, say); 2 usage error (an unknown region or
service); 4 the scan could not run (no credentials, an unknown profile).
"""


def _parse_regions(value: str | None) -> list[str] | str | None:
    if value is None or not value.strip():
        return None
    if value.strip().lower() == "all":
        return "all"
    return [region.strip() for region in value.split(",") if region.strip()]


def _endpoint_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An http(s) URL, checked here: botocore's own error for a bad one is a bare ValueError."""
    if value is None or not value.strip():
        return None
    parsed = urlparse(value.strip())
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise click.BadParameter(f"{value!r} is not an http(s) URL, e.g. http://127.0.0.1:5000")
    return value.strip()


def _parse_list(value: str | None) -> list[str] | None:
    if value is None or not value.strip():
        return None
    return [item.strip().lower() for item in value.split(",") if item.strip()]


@click.command("inventory", help=HELP, short_help="Read an AWS account (read-only) into inventory.json.")
@click.option("--profile", envvar="PLANNER_PROFILE", show_envvar=True, metavar="NAME", help="AWS profile from ~/.aws/config (default: the standard chain).")
@click.option(
    "--regions",
    envvar="PLANNER_REGIONS", show_envvar=True,
    metavar="R1,R2|all",
    help="Comma-separated regions, or 'all' for every region enabled for the account (default: the profile's region).",
)
@click.option("--services", envvar="PLANNER_SERVICES", show_envvar=True, metavar="S1,S2", help=f"Only these services, comma-separated (default: all of {', '.join(sorted(specs_by_service()))}).")
@click.option("--endpoint-url", envvar="PLANNER_ENDPOINT_URL", show_envvar=True, metavar="URL", callback=_endpoint_url, help="Send every call to this endpoint (an emulator such as moto's server).")
@click.option(
    "--concurrency",
    envvar="PLANNER_CONCURRENCY", show_envvar=True,
    type=click.IntRange(1, 256),
    default=16,
    show_default=True,
    help="How many (region, service) pairs, and per-resource calls, run at once.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a live progress display on stderr (default: when stderr is a terminal).",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write inventory.json (written atomically: all or nothing).",
)
@click.pass_context
def command(
    ctx: click.Context,
    profile: str | None,
    regions: str | None,
    services: str | None,
    endpoint_url: str | None,
    concurrency: int,
    progress: bool | None,
    out_path: Path,
) -> None:
    from providers.aws.inventory import ScanOptions, scan_account

    check_output_path(out_path)  # before the scan, which can take minutes
    error_console = Console(stderr=True)
    options = ScanOptions(
        profile=profile or None,
        regions=_parse_regions(regions),  # type: ignore[arg-type]
        services=_parse_list(services),
        endpoint_url=endpoint_url or None,
        concurrency=concurrency,
        progress=sys.stderr.isatty() if progress is None else progress,
    )
    inventory = scan_account(options, progress_console=error_console)
    write_model_atomic(out_path, inventory)
    console = Console()
    console.print(summary_table(inventory))
    if inventory.errors:
        console.print(errors_table(inventory))
    console.print(
        f"wrote {out_path}: {len(inventory.resources)} resources in {len(inventory.source.regions)} regions, "
        f"{len(inventory.errors)} errors, {inventory.stats.api_requests} API requests "
        f"in {inventory.stats.duration_seconds:.1f}s",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )
    if inventory.errors:
        ctx.exit(EXIT_COMPLETED_WITH_ERRORS)


def summary_table(inventory: Inventory) -> Table:
    counts: dict[str, int] = {}
    regions: dict[str, set[str]] = {}
    for resource in inventory.resources:
        counts[resource.key] = counts.get(resource.key, 0) + 1
        regions.setdefault(resource.key, set()).add(resource.region)
    table = Table(title=f"AWS account {inventory.source.account_id}")
    table.add_column("type")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_column("regions")
    for key in sorted(counts):
        source_type = kind_of(key)
        table.add_row(key, source_type.title if source_type else "", str(counts[key]), ", ".join(sorted(regions[key])))
    table.add_section()
    table.add_row("total", "", str(len(inventory.resources)), "")
    return table


def errors_table(inventory: Inventory) -> Table:
    table = Table(title=f"{len(inventory.errors)} calls failed (the scan went on without them)", title_style="bold red")
    for column in ("region", "service", "operation", "code", "message"):
        table.add_column(column, overflow="fold")
    for error in inventory.errors:
        table.add_row(error.region, error.service, error.operation, error.code, error.message)
    return table

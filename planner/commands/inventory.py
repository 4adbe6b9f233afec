"""`planner inventory`: read every resource of an AWS account, read-only, into inventory.json."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from planner.commands.output_paths import OutputFile
from planner.core.errors import EXIT_COMPLETED_WITH_ERRORS, EXIT_INTERRUPTED, InputFileError, PlannerError, UsageError
from planner.core.fileio import check_output_path, write_model_atomic
from planner.core.kinds import kind_of
from planner.core.model.inventory import Inventory
from planner.estimation.units import parse_duration_hours
from providers.aws.inventory.spec import specs_by_service
from providers.common.regions import regions as regions_of


@contextmanager
def aws_setup_errors() -> Iterator[None]:
    """The AWS config file or a `credential_process` that cannot be read, as one line: the config is a bad input
    file (exit 3); a credential process that answers no JSON leaves the scan without credentials (exit 4)."""
    from botocore.exceptions import ConfigParseError

    try:
        yield
    except ConfigParseError as exc:
        raise InputFileError(f"{exc.kwargs.get('path', 'the AWS config file')}: cannot be parsed as an AWS config "
                             "file (INI sections such as [profile NAME])") from None
    except json.JSONDecodeError as exc:
        if not any(frame.filename.endswith(CREDENTIAL_PROVIDERS) for frame in traceback.extract_tb(exc.__traceback__)):
            raise
        raise PlannerError(f"the AWS credential_process did not print JSON credentials ({exc.msg} at line "
                           f"{exc.lineno}); run it by hand to see what it prints") from None


CREDENTIAL_PROVIDERS = ("botocore/credentials.py",)  # where botocore runs credential_process and parses its output

HELP = """Read every resource of an AWS account into an inventory file (--out).

\b
Examples:
  planner inventory --regions all --out inventory.json
  planner inventory --profile prod --regions us-east-1,eu-west-1 --out inv.json
  planner inventory --services ec2,rds,s3 --concurrency 32 --out inv.json
  planner inventory --endpoint-url http://127.0.0.1:5000 --regions us-west-2 --out inv.json
  planner inventory --from-cloudformation infra/ --parameters prod.json --regions eu-west-1 --out inv.json
  planner inventory --from-terraform terraform.tfstate --out inv.json

\b
When the account is gone (or may not be scanned), read what the team has
instead, with no AWS call at all:
  --from-cloudformation PATH  a template or a directory of them (one stack
      each, named after the file; `cdk synth` output works). Parameters take
      --parameters values, else their defaults; Ref, GetAtt, Sub, Join, If,
      conditions, mappings, nested stacks by local path and exports between
      the given templates are resolved. The stacks' region is --regions (one).
  --from-terraform STATE  terraform.tfstate (v4) or `terraform show -json`
      output; aws_* resources, sensitive values never read.
An organization in one scan (from the management account, or a delegated
administrator): --organization lists the accounts through AWS Organizations,
enters each with STS AssumeRole into --role-name (default
OrganizationAccountAccessRole) and scans them concurrently within the one
--concurrency budget; each resource carries its account_id. An account that
cannot be entered is an error entry, and the scan goes on.
  planner inventory --organization --regions all --out org.json
  planner inventory --organization --accounts 111122223333,444455556666 --out inv.json

\b
What a file cannot say (bucket sizes, object counts, addresses) is recorded
as unknown (source.unknowns), never as zero; `planner estimate` names the
assumption it uses for it.

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
\b
Requests go out as fast as each API allows the account and no faster (a
token bucket per API and region, from AWS's published limits); throttled or
failed calls are asked again until --deadline. Ctrl-C stops the scan within
about a second: --out is left as it was, what was read goes to
OUT.partial.json, and --resume OUT.partial.json continues from there. A
second Ctrl-C quits at once.

\b
Exit codes: 0 every call succeeded; 1 the inventory was written but errors[]
is not empty (partial permissions, say); 2 usage error (an unknown region or
service); 4 the scan could not run (no credentials, an unknown profile);
130 interrupted (Ctrl-C).
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
@click.option("--deadline", "deadline", metavar="DURATION", default="30m", show_default=True, callback=lambda ctx, param, value: _duration_seconds(value),
              help="Ask throttled or failed calls again until this long after the scan started (30m, 2h, 1d); "
                   "then each is recorded in errors[], with the resource it was for.")
@click.option("--resume", "resume_path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Continue an interrupted scan: FILE is the partial inventory Ctrl-C left next to --out "
                   "(OUT.partial.json); the jobs it finished are kept, the others are read.")
@click.option("--force", is_flag=True, help="Write the inventory even when most calls failed on credentials (an expired "
              "token, say); without it such a scan exits 4 and leaves the previous file as it was.")
@click.option("--organization", is_flag=True, help="Scan every account of the AWS Organization (see above).")
@click.option("--role-name", metavar="NAME", default="OrganizationAccountAccessRole", show_default=True,
              help="With --organization: the role to assume in each member account.")
@click.option("--accounts", metavar="ID,ID", help="With --organization: only these member accounts (12-digit ids).")
@click.option("--from-cloudformation", "cloudformation", metavar="PATH",
              type=click.Path(exists=True, path_type=Path),
              help="Read a CloudFormation template, or a directory of them, instead of the account.")
@click.option("--parameters", "parameters_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Parameter values for --from-cloudformation: {Key: value}, the CLI's [{ParameterKey, ParameterValue}] "
                   "or {Parameters: {...}} (JSON or YAML).")
@click.option("--from-terraform", "terraform", metavar="STATE", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read Terraform state (v4, or `terraform show -json` output) instead of the account.")
@click.option("--account-id", metavar="ID", callback=lambda ctx, param, value: _account_id(value),
              help="The account a template belongs to (for its ARNs; default: unknown). Ignored for a scan.")
@click.option(
    "--out",
    "out_path",
    required=True,
    type=OutputFile("inventory.json"),
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
    cloudformation: Path | None,
    parameters_file: Path | None,
    terraform: Path | None,
    account_id: str | None,
    force: bool,
    organization: bool,
    role_name: str,
    accounts: str | None,
    deadline: float,
    resume_path: Path | None,
    out_path: Path,
) -> None:
    check_output_path(out_path)  # before the scan, which can take minutes
    if (accounts or ctx.get_parameter_source("role_name") != click.core.ParameterSource.DEFAULT) and not organization:
        raise UsageError("--role-name and --accounts go with --organization")
    if organization and (cloudformation or terraform):
        raise UsageError("--organization scans the accounts' APIs: not with --from-cloudformation/--from-terraform")
    if cloudformation or terraform or parameters_file:
        _check_offline_options(ctx, cloudformation, parameters_file, terraform)
        inventory = _read_offline(cloudformation, parameters_file, terraform, regions, account_id)
        write_model_atomic(out_path, inventory)
        _print_offline_summary(inventory, out_path)
        return
    from providers.aws.inventory import ScanOptions

    error_console = Console(stderr=True)
    options = ScanOptions(
        profile=profile or None,
        regions=_parse_regions(regions),  # type: ignore[arg-type]
        services=_parse_list(services),
        endpoint_url=endpoint_url or None,
        concurrency=concurrency,
        progress=sys.stderr.isatty() if progress is None else progress,
        deadline_s=deadline,
    )
    with aws_setup_errors():
        if organization:
            if resume_path is not None:
                raise UsageError("--resume continues the scan of one account, not with --organization")
            from providers.aws.inventory.organization import scan_organization

            inventory = scan_organization(options, role_name=role_name, accounts=_account_list(accounts))
        else:
            inventory = _scan_stoppably(options, error_console, out_path, _read_partial(resume_path))
    failed = failed_scan(inventory)
    if failed and not force:
        raise PlannerError(f"{failed}: {out_path} left as it was; fix the credentials and scan again, or pass --force "
                           "to write this inventory anyway")
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


def partial_path(out_path: Path) -> Path:
    """Where a stopped scan leaves what it read: next to --out, never over it."""
    return out_path.with_name(out_path.name.removesuffix(".json") + ".partial.json")


def _read_partial(path: Path | None) -> Inventory | None:
    if path is None:
        return None
    partial = Inventory.load(path)
    if partial.source.kind != "api":
        raise UsageError(f"--resume: {path} is not the inventory of a scan")
    return partial


class _StopOnInterrupt:
    """While a scan runs: the first Ctrl-C (SIGINT) stops it, the second ends the process at once."""

    def __init__(self, console: Console) -> None:
        self.stop = threading.Event()
        self._console = console
        self._previous: Any = None

    def __enter__(self) -> "_StopOnInterrupt":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.stop.is_set():
            os._exit(EXIT_INTERRUPTED)  # the second Ctrl-C: no cleanup, nothing written
        self.stop.set()
        self._console.print("stopping the scan (Ctrl-C again to quit at once)", markup=False, highlight=False)

    def __exit__(self, *_: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _scan_stoppably(options: Any, console: Console, out_path: Path, resume: Inventory | None) -> Inventory:
    """scan_account under the Ctrl-C handler; a stopped scan writes its partial inventory to the side file."""
    from providers.aws.inventory.scanner import ScanInterrupted, scan_account

    with _StopOnInterrupt(console) as interrupt:
        try:
            return scan_account(options, progress_console=console, stop=interrupt.stop, resume=resume)
        except ScanInterrupted as stopped:
            side = partial_path(out_path)
            write_model_atomic(side, stopped.partial)
            raise PlannerError(f"{stopped}; {out_path} left as it was; what was read is in {side}: continue with "
                               f"--resume {side}", exit_code=EXIT_INTERRUPTED) from None


def _duration_seconds(value: str) -> float:
    try:
        return parse_duration_hours(value) * 3600
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None


ACCOUNT_ID = re.compile(r"^\d{12}$")
LIVE_ONLY_OPTIONS = ("profile", "services", "endpoint_url", "concurrency", "deadline", "resume_path")
DEFAULT_OFFLINE_REGION = "us-east-1"


def _account_id(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not ACCOUNT_ID.match(value.strip()):
        raise click.BadParameter(f"{value!r} is not an AWS account id (12 digits)")
    return value.strip()


# Codes that mean the credentials, not the permissions, failed: every later call fails the same way.
CREDENTIAL_CODES = frozenset({
    "ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidClientTokenId", "UnrecognizedClientException",
    "AuthFailure", "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken", "TokenRefreshRequired",
    "NoCredentialsError",
})
MOSTLY_FAILED_SHARE = 0.5  # of the calls made
MOSTLY_FAILED_SERVICES = 2


def failed_scan(inventory: Inventory) -> str | None:
    """Why the scan is not worth keeping (most calls failed on credentials, across services), or None."""
    failed = [error for error in inventory.errors if error.code in CREDENTIAL_CODES]
    calls = sum(inventory.stats.calls_by_operation.values()) or len(inventory.errors)
    services = {error.service for error in failed}
    if len(services) < MOSTLY_FAILED_SERVICES or len(failed) < MOSTLY_FAILED_SHARE * max(calls, 1):
        return None
    codes = ", ".join(sorted({error.code for error in failed}))
    return f"the scan failed for {len(failed)} of {calls} calls ({codes} across {len(services)} services)"


def _account_list(value: str | None) -> list[str] | None:
    if value is None or not value.strip():
        return None
    accounts = [entry.strip() for entry in value.split(",") if entry.strip()]
    malformed = [entry for entry in accounts if not ACCOUNT_ID.match(entry)]
    if malformed:
        raise UsageError(f"--accounts: {', '.join(malformed)} is not an AWS account id (12 digits)")
    return accounts


def _check_offline_options(ctx: click.Context, cloudformation: Path | None, parameters_file: Path | None,
                           terraform: Path | None) -> None:
    if cloudformation and terraform:
        raise UsageError("--from-cloudformation and --from-terraform read one source each: give one of them")
    if parameters_file and not cloudformation:
        raise UsageError("--parameters goes with --from-cloudformation")
    given = [name for name in LIVE_ONLY_OPTIONS
             if ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)]
    if given:
        flags = ", ".join(f"--{name.replace('_', '-')}" for name in given)
        raise UsageError(f"{flags}: only for a scan of the account, not with --from-cloudformation/--from-terraform")


def _offline_region(regions: str | None) -> str:
    """The one region of the templates: --regions, else the environment's region, else us-east-1."""
    parsed = _parse_regions(regions)
    if parsed == "all" or (isinstance(parsed, list) and len(parsed) != 1):
        raise UsageError("--regions takes one region with --from-cloudformation (the region the stacks run in)")
    region = parsed[0] if isinstance(parsed, list) else os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    region = region or DEFAULT_OFFLINE_REGION
    if region not in regions_of("aws"):
        raise UsageError(f"unknown AWS region {region!r} (known: {', '.join(sorted(regions_of('aws'))[:6])}, ...)")
    return region


def _read_offline(cloudformation: Path | None, parameters_file: Path | None, terraform: Path | None,
                  regions: str | None, account_id: str | None) -> Inventory:
    from providers.aws.offline import read_cloudformation, read_terraform
    from providers.aws.offline.cloudformation import read_parameters

    if terraform is not None:
        return read_terraform(terraform)
    assert cloudformation is not None
    parameters = read_parameters(parameters_file) if parameters_file else {}
    return read_cloudformation(cloudformation, region=_offline_region(regions), parameters=parameters,
                               account_id=account_id)


def _print_offline_summary(inventory: Inventory, out_path: Path) -> None:
    console = Console()
    console.print(summary_table(inventory))
    if inventory.warnings:
        console.print(warnings_table(inventory))
    console.print(
        f"wrote {out_path}: {len(inventory.resources)} resources from {len(inventory.source.paths)} "
        f"{inventory.source.kind} file(s), {len(inventory.warnings)} warnings, no AWS call",
        soft_wrap=True, markup=False, highlight=False,
    )


def warnings_table(inventory: Inventory) -> Table:
    table = Table(title=f"{len(inventory.warnings)} warnings (what the files could not say)", title_style="bold yellow")
    for column in ("code", "type", "message"):
        table.add_column(column, overflow="fold")
    for warning in inventory.warnings:
        table.add_row(*_plain(warning.code, warning.key, warning.message))
    return table


def _plain(*cells: str | None) -> list[Text]:
    return [Text(cell or "") for cell in cells]


def summary_table(inventory: Inventory) -> Table:
    counts: dict[str, int] = {}
    regions: dict[str, set[str]] = {}
    for resource in inventory.resources:
        counts[resource.key] = counts.get(resource.key, 0) + 1
        regions.setdefault(resource.key, set()).add(resource.region)
    source = inventory.source
    title = f"AWS account {source.account_id}" if source.kind == "api" else f"{source.kind} ({len(source.paths)} files)"
    if source.accounts:
        title = f"AWS organization of {source.account_id}: {len(source.accounts)} accounts"
    table = Table(title=title)
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
        # AWS's words and the user's files, shown as they are: `[/bold]` in a message is text, not markup
        table.add_row(*_plain(error.region, error.service, error.operation, error.code, error.message))
    return table

"""`scan_account`: every (region, service) pair in a bounded pool, into one Inventory."""

from __future__ import annotations

import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import boto3
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from planner import __version__
from planner.core.errors import PlannerError, UsageError
from planner.core.merge import merge_repeats
from planner.core.model.inventory import (
    GLOBAL_REGION,
    Inventory,
    InventoryError,
    InventorySource,
    Resource,
    ScanStats,
    ToolInfo,
)
from planner.core.secret_tags import redact_secret_tags
from providers.aws.inventory.collector import collect_service
from providers.aws.inventory.context import ErrorLog, JobContext, error_code, error_message
from providers.aws.inventory.links import resolve_links
from providers.aws.inventory.options import ALL_REGIONS, ScanOptions
from providers.aws.inventory.progress import ScanProgress
from providers.aws.inventory.session import ClientFactory, RequestBudget, guard, guarded_session
from providers.aws.inventory.spec import ResourceSpec, specs_by_service
from providers.aws.inventory.tagging import TagIndex, prefetch

REGION_PATTERN = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
ENABLED_OPT_IN_STATUSES = ["opt-in-not-required", "opted-in"]
FALLBACK_REGION = "us-east-1"
T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    region: str  # "global" for global services
    service: str
    specs: list[ResourceSpec]

    @property
    def label(self) -> str:
        return f"{self.region} {self.service}"


def scan_account(options: ScanOptions, *, progress_console: Any = None, session: boto3.Session | None = None,
                 budget: RequestBudget | None = None) -> Inventory:
    """Read every resource the options select, read-only, and return the inventory.

    `session`: credentials to scan with instead of the profile's (an organization's member account); the read-only
    guard is installed on it as on the profile's. `budget`: requests in flight shared with other scans. Failed calls
    land in `errors[]`; missing credentials, an unknown profile or an unknown region raise a one-line PlannerError.
    """
    started = time.monotonic()
    session, tracker = guarded_session(options.profile) if session is None else guard(session)
    if budget is not None:
        budget.install(session)
    home_region = session.region_name or FALLBACK_REGION
    clients = ClientFactory(session, endpoint_url=options.endpoint_url, concurrency=options.concurrency)
    account_id = _account_id(clients, home_region)
    partition = session.get_partition_for_region(home_region)
    error_log = ErrorLog()
    regions = _resolve_regions(options, session, clients, home_region, error_log)
    jobs = plan_jobs(regions, options.services)
    global_region = _global_client_region(partition)
    tag_index = TagIndex(clients, error_log, (spec.tag_type for job in jobs for spec in job.specs if spec.tag_type))
    resources: list[Resource] = []
    workers = max(1, options.concurrency)
    with (
        ThreadPoolExecutor(workers, thread_name_prefix="scan-job") as job_pool,
        ThreadPoolExecutor(workers, thread_name_prefix="scan-item") as item_pool,
        ScanProgress(jobs=[job.label for job in jobs], enabled=options.progress, console=progress_console) as progress,
    ):
        def run(job: Job) -> list[Resource]:
            ctx = JobContext(
                region=job.region,
                service=job.service,
                account_id=account_id,
                partition=partition,
                client_region=global_region if job.region == GLOBAL_REGION else job.region,
                clients=clients,
                tracker=tracker,
                item_pool=item_pool,
                error_log=error_log,
                tag_index=tag_index,
                scan_regions=tuple(regions),
            )
            progress.start(job.label)
            try:
                return collect_service(ctx, job.specs)
            finally:
                progress.done(job.label)

        # The regions' tags first, so that they arrive while the jobs list and describe.
        prefetches = [job_pool.submit(prefetch, tag_index, region) for region in regions if tag_index.resource_types]
        futures: list[Future[list[Resource]]] = [job_pool.submit(run, job) for job in longest_first(jobs)]
        try:
            for future in futures:
                resources.extend(_result_or_raise(future))
            for done in prefetches:
                _result_or_raise(done)
        except BaseException:
            # Ctrl-C or a fatal error: drop the queued work instead of scanning the rest of the account first.
            job_pool.shutdown(wait=False, cancel_futures=True)
            item_pool.shutdown(wait=False, cancel_futures=True)
            raise
    resources, warnings = merge_repeats(resolve_links(resources))
    resources, secret_warnings = redact_secret_tags(resources)
    warnings = [*warnings, *secret_warnings]
    resources.sort(key=lambda resource: (resource.key, resource.region, resource.id))
    errors = sorted(error_log.errors, key=lambda error: (error.region, error.service, error.operation, error.code))
    return Inventory(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tool=ToolInfo(version=__version__),
        source=InventorySource(account_id=account_id, regions=regions, partition=partition, endpoint_url=options.endpoint_url),
        resources=resources,
        errors=errors,
        warnings=sorted(warnings, key=lambda warning: (warning.key, warning.region, warning.id)),
        stats=ScanStats(
            duration_seconds=round(time.monotonic() - started, 3),
            api_requests=tracker.requests,
            calls_by_operation=dict(sorted(tracker.calls_by_operation.items())),
        ),
    )


def _result_or_raise(future: Future[T]) -> T:
    try:
        return future.result()
    except NoCredentialsError:
        raise PlannerError("no AWS credentials found: set AWS_PROFILE/--profile, AWS_ACCESS_KEY_ID, or run `aws sso login`") from None


def plan_jobs(regions: list[str], services: list[str] | None) -> list[Job]:
    """One job per (region, regional service) and one per global service."""
    grouped = specs_by_service()
    wanted = validate_services(services, grouped)
    jobs: list[Job] = []
    for service in wanted:
        specs = grouped[service]
        if specs[0].scope == "global":
            jobs.append(Job(GLOBAL_REGION, service, specs))
        else:
            jobs.extend(Job(region, service, specs) for region in regions)
    return jobs


def call_rounds(job: Job) -> int:
    """How many rounds of calls a job makes one after the other: a list call per spec, plus each later step."""
    return sum(
        1 + sum(step is not None for step in (spec.parent, spec.enrich, spec.detail, spec.tag_type)) for spec in job.specs
    )


def longest_first(jobs: list[Job]) -> list[Job]:
    """Global jobs (their per-item calls cover every region: S3 buckets, IAM roles), then the longest
    chains of calls, start first, so that they do not end the scan alone."""
    return sorted(jobs, key=lambda job: (job.region == GLOBAL_REGION, call_rounds(job)), reverse=True)


def validate_services(services: list[str] | None, grouped: dict[str, list[ResourceSpec]]) -> list[str]:
    if not services:
        return list(grouped)
    unknown = [service for service in services if service not in grouped]
    if unknown:
        raise UsageError(f"unknown service {', '.join(unknown)}; known: {', '.join(sorted(grouped))}")
    return list(dict.fromkeys(services))


def _account_id(clients: ClientFactory, region: str) -> str:
    try:
        return str(clients.client("sts", region).get_caller_identity()["Account"])
    except NoCredentialsError:
        raise PlannerError("no AWS credentials found: set AWS_PROFILE/--profile, AWS_ACCESS_KEY_ID, or run `aws sso login`") from None
    except ClientError as exc:
        raise PlannerError(f"cannot identify the AWS account: {error_code(exc)}: {error_message(exc)}") from None
    except BotoCoreError as exc:
        raise PlannerError(f"cannot reach AWS STS: {exc}") from None


def _global_client_region(partition: str) -> str:
    return {"aws": "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}.get(partition, FALLBACK_REGION)


def _resolve_regions(
    options: ScanOptions, session: boto3.Session, clients: ClientFactory, home_region: str, error_log: ErrorLog
) -> list[str]:
    if options.regions is None:
        return [home_region]
    if options.regions == ALL_REGIONS:
        return _enabled_regions(session, clients, home_region)
    requested = list(dict.fromkeys(options.regions))
    malformed = [region for region in requested if not REGION_PATTERN.match(region)]
    if malformed:
        raise UsageError(f"unknown region {', '.join(malformed)} (expected names like us-east-1, or 'all')")
    known = set(session.get_available_regions("ec2", partition_name=session.get_partition_for_region(home_region)))
    if all(region in known for region in requested):
        return _drop_disabled(requested, clients, home_region, error_log)
    try:
        statuses = _region_statuses(clients, home_region)
    except (ClientError, BotoCoreError):
        statuses = {}
    unknown = [region for region in requested if region not in known and region not in statuses]
    if unknown:
        raise UsageError(f"unknown region {', '.join(unknown)} (expected names like us-east-1, or 'all')")
    return _drop_disabled(requested, clients, home_region, error_log, statuses)


def _region_statuses(clients: ClientFactory, home_region: str) -> dict[str, str]:
    response = clients.client("ec2", home_region).describe_regions(AllRegions=True)
    return {region["RegionName"]: region.get("OptInStatus", "opt-in-not-required") for region in response["Regions"]}


def _enabled_regions(session: boto3.Session, clients: ClientFactory, home_region: str) -> list[str]:
    """Regions of the session's partition that the account may use (opt-in not required, or opted in).

    The opt-in status is checked here as well as in the filter: some endpoints ignore the filter.
    """
    partition = session.get_partition_for_region(home_region)
    try:
        response = clients.client("ec2", home_region).describe_regions(
            Filters=[{"Name": "opt-in-status", "Values": ENABLED_OPT_IN_STATUSES}]
        )
    except ClientError as exc:
        raise PlannerError(f"cannot list the enabled regions: {error_code(exc)}: {error_message(exc)}") from None
    return sorted(
        region["RegionName"]
        for region in response["Regions"]
        if region.get("OptInStatus", "opt-in-not-required") in ENABLED_OPT_IN_STATUSES
        and session.get_partition_for_region(region["RegionName"]) == partition
    )


def _drop_disabled(
    requested: list[str],
    clients: ClientFactory,
    home_region: str,
    error_log: ErrorLog,
    statuses: dict[str, str] | None = None,
) -> list[str]:
    """Regions the account has not opted in to are recorded in errors[] and skipped."""
    if statuses is None:
        try:
            statuses = _region_statuses(clients, home_region)
        except (ClientError, BotoCoreError):
            return requested  # cannot tell; each call in a disabled region will record its own error
    enabled: list[str] = []
    for region in requested:
        status = statuses.get(region, "opt-in-not-required")
        if status in ENABLED_OPT_IN_STATUSES:
            enabled.append(region)
        else:
            error_log.add(
                InventoryError(
                    region=region,
                    service="ec2",
                    operation="DescribeRegions",
                    code="RegionNotEnabled",
                    message=f"region {region} is {status} for this account; skipped",
                )
            )
    return enabled

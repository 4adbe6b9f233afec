"""`scan_account`: every (region, service) pair in a bounded pool, into one Inventory."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import boto3
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from planner import __version__
from planner.core.errors import EXIT_INTERRUPTED, PlannerError, UsageError
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
from providers.aws.inventory.budget import RateBudget, ScanStopped
from providers.aws.inventory.collector import collect_service
from providers.aws.inventory.context import ErrorLog, JobContext, RetryPolicy, error_code, error_message
from providers.aws.inventory.links import resolve_links
from providers.aws.inventory.options import ALL_REGIONS, ScanOptions
from providers.aws.inventory.pool import Task, WorkPool
from providers.aws.inventory.progress import ScanProgress
from providers.aws.inventory.session import ClientFactory, RequestBudget, RequestTracker, guard, guarded_session
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


@dataclass
class JobResult:
    resources: list[Resource]
    errors: list[InventoryError]


class ScanInterrupted(PlannerError):
    """The scan was stopped (Ctrl-C) before it read everything; `partial` holds the jobs it finished, for --resume."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, partial: Inventory) -> None:
        super().__init__(f"interrupted: {len(partial.stats.completed_jobs)} (region, service) jobs of the scan finished")
        self.partial = partial


@dataclass
class _Scan:
    """What every job of one scan shares."""

    account_id: str
    partition: str
    regions: list[str]
    global_region: str
    clients: ClientFactory
    tracker: RequestTracker
    pool: WorkPool
    tag_index: TagIndex
    retry: RetryPolicy

    def run(self, job: Job, progress: ScanProgress) -> JobResult:
        ctx = JobContext(
            region=job.region,
            service=job.service,
            account_id=self.account_id,
            partition=self.partition,
            client_region=self.global_region if job.region == GLOBAL_REGION else job.region,
            clients=self.clients,
            tracker=self.tracker,
            pool=self.pool,
            error_log=ErrorLog(),  # the job's own: a stopped scan keeps the errors of the jobs it finished
            tag_index=self.tag_index,
            scan_regions=tuple(self.regions),
            retry=self.retry,
        )
        progress.start(job.label)
        try:
            return JobResult(collect_service(ctx, job.specs), ctx.error_log.errors)
        finally:
            progress.done(job.label)


def scan_account(options: ScanOptions, *, progress_console: Any = None, session: boto3.Session | None = None,
                 budget: RequestBudget | None = None, stop: threading.Event | None = None,
                 resume: Inventory | None = None) -> Inventory:
    """Read every resource the options select, read-only, and return the inventory.

    `session`: credentials to scan with instead of the profile's (an organization's member account); the read-only
    guard is installed on it as on the profile's. `budget`: requests in flight shared with other scans. Requests go
    out at the rate each API allows (a RateBudget per scan: AWS limits are per account). `stop`: set it (Ctrl-C) to
    end the scan at once with ScanInterrupted, whose partial inventory holds the jobs that finished; `resume`: such a
    partial inventory, whose finished jobs are kept instead of read again. Failed calls land in `errors[]`; missing
    credentials, an unknown profile or an unknown region raise a one-line PlannerError.
    """
    started = time.monotonic()
    stop = stop if stop is not None else threading.Event()
    session, tracker = guarded_session(options.profile) if session is None else guard(session)
    if budget is not None:
        budget.install(session)
    rate = RateBudget(stop=stop)
    rate.install(session)
    home_region = session.region_name or FALLBACK_REGION
    clients = ClientFactory(session, endpoint_url=options.endpoint_url, concurrency=options.concurrency)
    account_id = _account_id(clients, home_region)
    if resume is not None and resume.source.account_id != account_id:
        raise UsageError(f"--resume: that inventory is of account {resume.source.account_id}, not {account_id}")
    partition = session.get_partition_for_region(home_region)
    error_log = ErrorLog()
    regions = _resolve_regions(options, session, clients, home_region, error_log)
    finished_before = set(resume.stats.completed_jobs) if resume is not None else set()
    jobs = [job for job in plan_jobs(regions, options.services) if job.label not in finished_before]
    tag_index = TagIndex(clients, error_log, (spec.tag_type for job in jobs for spec in job.specs if spec.tag_type))
    deadline = started + options.deadline_s if options.deadline_s else None
    pool = WorkPool(max(1, options.concurrency))
    scan = _Scan(account_id, partition, regions, _global_client_region(partition), clients, tracker, pool, tag_index,
                 RetryPolicy(deadline=deadline, stop=stop))
    tasks: dict[str, Task[JobResult]] = {}
    try:
        with ScanProgress(jobs=[job.label for job in jobs], enabled=options.progress, console=progress_console) as progress:
            # The regions' tags first, so that they arrive while the jobs list and describe.
            prefetches = [pool.submit(partial(prefetch, tag_index, region)) for region in regions if tag_index.resource_types]
            tasks = {job.label: pool.submit(partial(scan.run, job, progress)) for job in longest_first(jobs)}
            _wait_all([*tasks.values(), *prefetches], stop)
            results = {label: _result_or_raise(task) for label, task in tasks.items()}
            for done in prefetches:
                _result_or_raise(done)
    except (ScanStopped, KeyboardInterrupt):
        stop.set()  # every request waiting for its budget wakes and ends its job
        pool.close(ScanStopped())
        finished = {label: task.result() for label, task in tasks.items() if _finished(task)}
        raise ScanInterrupted(_assemble(scan, options, finished, error_log, rate, started, resume,
                                        completed=sorted(finished_before | set(finished)))) from None
    except BaseException:
        pool.close(ScanStopped())  # a fatal error: drop the queued work instead of scanning the rest of the account
        raise
    pool.close(ScanStopped())  # nothing is queued any more: this ends the idle workers
    return _assemble(scan, options, results, error_log, rate, started, resume, completed=None)


def _wait_all(tasks: list[Task[Any]], stop: threading.Event, poll_s: float = 0.1) -> None:
    """Wait for every task, a short wait at a time so that a stop (set by a signal handler) is seen at once."""
    for task in tasks:
        while not task.wait(poll_s):
            if stop.is_set():
                raise ScanStopped
    if stop.is_set():
        raise ScanStopped


def _finished(task: Task[JobResult]) -> bool:
    if not task.done:
        return False
    try:
        task.result()
    except BaseException:  # noqa: BLE001 - stopped or failed: not a finished job
        return False
    return True


def _assemble(scan: _Scan, options: ScanOptions, results: dict[str, JobResult], error_log: ErrorLog, rate: RateBudget,
              started: float, resume: Inventory | None, *, completed: list[str] | None) -> Inventory:
    """The inventory of the jobs in `results` (plus a resumed scan's); `completed` is set for a stopped scan."""
    resources = [resource for result in results.values() for resource in result.resources]
    errors = [*error_log.errors, *(error for result in results.values() for error in result.errors)]
    if resume is not None:
        resources, errors = [*resume.resources, *resources], [*resume.errors, *errors]
    resources, warnings = merge_repeats(resolve_links(resources))
    resources, secret_warnings = redact_secret_tags(resources)
    warnings = [*warnings, *secret_warnings]
    resources.sort(key=lambda resource: (resource.key, resource.region, resource.id))
    unique_errors = {(error.region, error.service, error.operation, error.code, error.message, error.resource_id): error
                     for error in errors}
    return Inventory(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tool=ToolInfo(version=__version__),
        source=InventorySource(account_id=scan.account_id, regions=scan.regions, partition=scan.partition,
                               endpoint_url=options.endpoint_url),
        resources=resources,
        errors=[unique_errors[key] for key in sorted(unique_errors, key=lambda key: tuple(part or "" for part in key))],
        warnings=sorted(warnings, key=lambda warning: (warning.key, warning.region, warning.id)),
        stats=ScanStats(
            duration_seconds=round(time.monotonic() - started, 3),
            api_requests=scan.tracker.requests,
            calls_by_operation=dict(sorted(scan.tracker.calls_by_operation.items())),
            budget_wait_seconds=round(rate.waited_s, 3),
            stopped=completed is not None,
            completed_jobs=completed or [],
        ),
    )


def _result_or_raise(task: Task[T]) -> T:
    try:
        return task.result()
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

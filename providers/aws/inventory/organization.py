"""`planner inventory --organization`: every account of an AWS Organization in one inventory.

The accounts come from Organizations ListAccounts (the management account, or a delegated administrator). Each
member is entered with STS AssumeRole into `role_name` (OrganizationAccountAccessRole by default, the role AWS
creates in accounts made through Organizations) and scanned read-only like a single account; the caller's own
account is scanned with its own credentials. Accounts are scanned concurrently within one request budget: the
scan's --concurrency bounds the requests in flight over all the accounts being read at once (a shared budget). An account that cannot be entered is an
error entry, and the scan goes on.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from planner import __version__
from planner.core.errors import PlannerError, UsageError
from planner.core.merge import merge_repeats
from planner.core.model.base import ToolInfo
from planner.core.model.inventory import Inventory, InventoryError, InventorySource, Resource, ScanStats
from providers.aws.inventory.context import error_code, error_message
from providers.aws.inventory.options import ScanOptions
from providers.aws.inventory.scanner import FALLBACK_REGION, scan_account
from providers.aws.inventory.session import (
    ENTER_ACCOUNT_OPERATIONS,
    RequestBudget,
    RequestTracker,
    install_read_only_guard,
    open_session,
)

DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole"
SESSION_NAME = "planner-inventory"
ROLE_SESSION_SECONDS = 3600  # STS's default; a scan that outlives it fails its calls, recorded as errors
ACCOUNTS_PAGE = 20  # ListAccounts' largest page (Organizations API reference)
MAX_ACCOUNTS_AT_ONCE = 8


@dataclass(frozen=True)
class Member:
    account_id: str
    name: str


@dataclass
class OrganizationRead:
    accounts: list[Member]
    errors: list[InventoryError]


def _organization_session(profile: str | None) -> tuple[boto3.Session, RequestTracker]:
    session = open_session(profile)
    tracker = RequestTracker()
    install_read_only_guard(session, tracker, also_allowed=ENTER_ACCOUNT_OPERATIONS)
    return session, tracker


def _client(session: boto3.Session, service: str, endpoint_url: str | None) -> Any:
    region = session.region_name or FALLBACK_REGION
    return session.client(service, region_name=region, endpoint_url=endpoint_url,
                          config=Config(retries={"mode": "adaptive", "max_attempts": 8}))


def list_members(session: boto3.Session, endpoint_url: str | None, wanted: list[str] | None) -> list[Member]:
    """The organization's active accounts (or the `wanted` ones, which must be among them)."""
    client = _client(session, "organizations", endpoint_url)
    try:
        pages = client.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": ACCOUNTS_PAGE})
        members = [Member(str(account["Id"]), str(account.get("Name", ""))) for page in pages
                   for account in page.get("Accounts", []) if account.get("Status", "ACTIVE") == "ACTIVE"]
    except ClientError as exc:
        raise PlannerError(f"cannot list the organization's accounts: {error_code(exc)}: {error_message(exc)} "
                           "(run from the management account or a delegated administrator)") from None
    except BotoCoreError as exc:
        raise PlannerError(f"cannot reach AWS Organizations: {error_message(exc)}") from None
    if wanted is None:
        return members
    known = {member.account_id for member in members}
    unknown = [account for account in wanted if account not in known]
    if unknown:
        raise UsageError(f"--accounts: {', '.join(unknown)} not active in the organization")
    return [member for member in members if member.account_id in set(wanted)]


def _caller_account(session: boto3.Session, endpoint_url: str | None) -> str:
    try:
        return str(_client(session, "sts", endpoint_url).get_caller_identity()["Account"])
    except (ClientError, BotoCoreError) as exc:
        raise PlannerError(f"cannot identify the AWS account: {error_message(exc)}") from None


def enter(session: boto3.Session, member: Member, role_name: str, endpoint_url: str | None) -> boto3.Session:
    """A session in the member account, through its role; raises ClientError when the role cannot be assumed."""
    partition = session.get_partition_for_region(session.region_name or FALLBACK_REGION)
    answer = _client(session, "sts", endpoint_url).assume_role(
        RoleArn=f"arn:{partition}:iam::{member.account_id}:role/{role_name}", RoleSessionName=SESSION_NAME,
        DurationSeconds=ROLE_SESSION_SECONDS)
    credentials = answer["Credentials"]
    return boto3.Session(aws_access_key_id=credentials["AccessKeyId"], aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials["SessionToken"], region_name=session.region_name)


def _not_entered(member: Member, role_name: str, exc: Exception) -> InventoryError:
    return InventoryError(region="global", service="sts", operation="AssumeRole", code=error_code(exc),
                          message=f"account {member.account_id} ({member.name}) not entered through role {role_name}: "
                                  f"{error_message(exc)}", account_id=member.account_id)


def _scan_member(session: boto3.Session, caller: str, member: Member, role_name: str, options: ScanOptions,
                 budget: RequestBudget) -> Inventory | InventoryError:
    try:
        member_session = None if member.account_id == caller else enter(session, member, role_name, options.endpoint_url)
    except (ClientError, BotoCoreError) as exc:
        return _not_entered(member, role_name, exc)
    try:
        return scan_account(options, session=member_session, budget=budget)
    except PlannerError as exc:  # the member's own scan could not run (an unknown region there, say)
        return InventoryError(region="global", service="sts", operation="scan", code=type(exc).__name__,
                              message=f"account {member.account_id}: {exc}", account_id=member.account_id)


def scan_organization(options: ScanOptions, *, role_name: str = DEFAULT_ROLE_NAME,
                      accounts: list[str] | None = None) -> Inventory:
    """One inventory of every account of the organization, each resource carrying its `account_id`."""
    started = time.monotonic()
    session, tracker = _organization_session(options.profile)
    caller = _caller_account(session, options.endpoint_url)
    members = list_members(session, options.endpoint_url, accounts)
    at_once = max(1, min(len(members), MAX_ACCOUNTS_AT_ONCE))
    budget = RequestBudget(options.concurrency)
    per_account = replace(options, progress=False)
    with ThreadPoolExecutor(at_once, thread_name_prefix="scan-account") as pool:
        results = list(pool.map(lambda member: _scan_member(session, caller, member, role_name, per_account, budget),
                                members))
    return _combined(caller, members, results, tracker.requests, time.monotonic() - started, options.endpoint_url)


def _combined(caller: str, members: list[Member], results: list[Inventory | InventoryError], organization_requests: int,
              seconds: float, endpoint_url: str | None) -> Inventory:
    resources: list[Resource] = []
    errors: list[InventoryError] = []
    warnings = []
    regions: set[str] = set()
    requests = organization_requests
    calls: Counter[str] = Counter()
    for member, result in zip(members, results, strict=True):
        if isinstance(result, InventoryError):
            errors.append(result)
            continue
        resources += [resource.model_copy(update={"account_id": member.account_id}) for resource in result.resources]
        errors += [error.model_copy(update={"account_id": member.account_id}) for error in result.errors]
        warnings += result.warnings
        regions.update(result.source.regions)
        requests += result.stats.api_requests
        calls.update(result.stats.calls_by_operation)
    resources, merged = merge_repeats(resources)
    return Inventory(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tool=ToolInfo(version=__version__),
        source=InventorySource(account_id=caller, regions=sorted(regions), endpoint_url=endpoint_url,
                               accounts=[member.account_id for member in members]),
        resources=sorted(resources, key=lambda resource: (resource.key, resource.region, resource.id)),
        errors=sorted(errors, key=lambda error: (error.account_id or "", error.region, error.service, error.operation)),
        warnings=[*warnings, *merged],
        stats=ScanStats(duration_seconds=round(seconds, 3), api_requests=requests,
                        calls_by_operation=dict(sorted(calls.items()))),
    )

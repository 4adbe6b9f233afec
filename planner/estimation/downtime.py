"""Downtime: how long the service is unavailable at cutover.

downtime = fixed cutover steps + a step per store (a short one below downtime.small_store_bytes)
         + (bytes that move while writes are stopped) / effective bandwidth
         + the largest TTL of the DNS records that must change (capped at
           dns.lowered_ttl_seconds when dns.lower_ttls_ahead is on).
A record must change when its value points at something the move replaces: an alias (to a load balancer, a
CDN), a plan item it depends on that the target rebuilds with a new address (a load balancer, a CDN, an
address, a VM, a website bucket, an API), or an AWS host name (a CNAME to *.amazonaws.com...). A record whose
value stays (an address outside AWS, a mail host elsewhere) keeps working through the cutover: its TTL is not
waited.
Bytes moved during the outage, per store and strategy:
- offline:   all of its bytes;
- replicate: writes of the replication lag (bytes x write fraction/day x lag);
- precopy:   writes that landed while the bulk copy ran (bytes x write fraction/day x copy time).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from planner.core.errors import UsageError
from planner.core.kinds import KIND_MODULES
from planner.core.model import Plan, PlanItem
from planner.estimation.assumptions import Assumptions
from planner.estimation.transfer import transfer_hours


@dataclass
class StoreCutover:
    item_id: str
    kind: str
    engine: str | None
    strategy: str
    chosen_by: str  # override:id | override:kind | engine | kind | default
    data_bytes: int
    ahead_hours: float  # bulk copy or initial sync before the outage (not downtime)
    outage_bytes: float
    outage_hours: float


@dataclass
class DowntimeEstimate:
    hours: float
    components: dict[str, float]  # name -> hours
    dominant: str
    stores: list[StoreCutover]
    dns_ttl_seconds: float  # the wait counted in the downtime
    dns_record: str | None
    dns_record_ttl_seconds: float  # that record's TTL as found in the plan
    effective_bps: float
    dns_record_name: str | None = None  # the record's DNS name, for the action to take
    hours_with_lowered_ttl: float = 0.0  # the downtime if every TTL is lowered to dns.lowered_ttl_seconds ahead


def check_cutover_overrides(plan: Plan, assumptions: Assumptions) -> None:
    """Every key of cutover.overrides names an item or a kind of the plan: a typo would otherwise change nothing."""
    known = {item.id for item in plan.items} | {item.kind for item in plan.items} | set(KIND_MODULES)
    unknown = sorted(set(assumptions["cutover.overrides"]) - known)
    if not unknown:
        return
    near = difflib.get_close_matches(unknown[0], sorted(known), n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise UsageError(f"cutover.overrides: {unknown[0]!r} is neither an item id nor a kind of the plan{hint}")


def choose_strategy(item: PlanItem, assumptions: Assumptions) -> tuple[str, str]:
    overrides: dict[str, str] = assumptions["cutover.overrides"]
    engine = _engine(item)
    candidates = (
        ("override:id", overrides.get(item.id)),
        ("override:kind", overrides.get(item.kind)),
        ("engine", assumptions["cutover.strategy_by_engine"].get(engine) if engine else None),
        ("kind", assumptions["cutover.strategy_by_kind"].get(item.kind)),
    )
    for chosen_by, strategy in candidates:
        if strategy:
            return strategy, chosen_by
    return assumptions["cutover.default_strategy"], "default"


def _engine(item: PlanItem) -> str | None:
    engine = item.facts.get("engine")
    return engine.lower() if isinstance(engine, str) else None


def store_cutover(item: PlanItem, assumptions: Assumptions, bits_per_second: float) -> StoreCutover:
    strategy, chosen_by = choose_strategy(item, assumptions)
    writes_per_hour = item.data_bytes * assumptions["downtime.write_fraction_per_day"] / 24
    bulk_hours = transfer_hours(item.data_bytes, bits_per_second)
    outage_bytes = {
        "offline": float(item.data_bytes),
        "replicate": writes_per_hour * assumptions["downtime.replication_lag_minutes"] / 60,
        "precopy": min(float(item.data_bytes), writes_per_hour * bulk_hours),
    }[strategy]
    return StoreCutover(
        item_id=item.id,
        kind=item.kind,
        engine=_engine(item),
        strategy=strategy,
        chosen_by=chosen_by,
        data_bytes=item.data_bytes,
        ahead_hours=0.0 if strategy == "offline" else bulk_hours,
        outage_bytes=outage_bytes,
        outage_hours=transfer_hours(outage_bytes, bits_per_second),
    )


def cutover_stores(plan: Plan) -> list[PlanItem]:
    return [item for item in plan.items if item.stateful and item.data_bytes > 0 and item.status != "skipped"]


# Kinds of plan items whose address changes when the target rebuilds them: a record pointing at one changes.
REPLACED_KINDS = frozenset({"lb", "lb.listener", "cdn", "network.ip", "compute.vm", "compute.group", "storage.object",
                            "api", "container.service", "function"})
# Host names only AWS serves: a value under one of them points into the account that goes away. Sources: AWS
# General Reference "Service endpoints" (<service>.<region>.amazonaws.com, including *.elb.amazonaws.com and
# S3 website endpoints), CloudFront "Using custom URLs" (*.cloudfront.net), Global Accelerator
# (*.awsglobalaccelerator.com), Elastic Beanstalk (*.elasticbeanstalk.com), App Runner (*.awsapprunner.com).
AWS_HOST_SUFFIXES: tuple[str, ...] = ("amazonaws.com", "cloudfront.net", "awsglobalaccelerator.com",
                                      "elasticbeanstalk.com", "awsapprunner.com", "amazonaws.com.cn")


def record_changes(item: PlanItem, items: dict[str, PlanItem]) -> bool:
    """Whether the record's value points at something the move replaces (see the module docstring)."""
    if item.facts.get("alias_target"):
        return True
    if any(items[dependency].kind in REPLACED_KINDS for dependency in item.depends_on if dependency in items):
        return True
    values = item.facts.get("values")
    hosts = [str(value).split()[-1].rstrip(".").lower() for value in values or [] if str(value).split()] \
        if isinstance(values, list) else []
    return any(host == suffix or host.endswith("." + suffix) for host in hosts for suffix in AWS_HOST_SUFFIXES)


def largest_changing_ttl(plan: Plan, assumptions: Assumptions) -> tuple[float, str | None]:
    """(seconds, record item id) of the longest-cached DNS record that must change."""
    changing_types = {value.upper() for value in assumptions["dns.changing_record_types"]}
    largest: tuple[float, str | None] = (0.0, None)
    items = plan.by_id()
    for item in plan.items:
        if item.kind != "dns.record" or item.status == "skipped":
            continue
        record_type = item.facts.get("record_type") or item.facts.get("type")
        if isinstance(record_type, str) and record_type.upper() not in changing_types:
            continue
        if not record_changes(item, items):
            continue
        ttl = item.facts.get("ttl")
        seconds = float(ttl) if isinstance(ttl, (int, float)) else float(assumptions["dns.alias_ttl_seconds"])
        if seconds > largest[0]:
            largest = (seconds, item.id)
    return largest


def _record_name(item: PlanItem) -> str:
    """'legacy.example.com. A' (the inventory's record name) -> 'legacy.example.com'."""
    words = item.source.name.split()
    return words[0].rstrip(".") if words else item.id


def _step_minutes(store: StoreCutover, assumptions: Assumptions) -> float:
    """A store's cutover step: the full step, or the short one for a store below downtime.small_store_bytes."""
    if store.data_bytes < float(assumptions["downtime.small_store_bytes"]):
        return float(assumptions["downtime.small_store_minutes"])
    return float(assumptions["downtime.per_store_minutes"])


def estimate_downtime(plan: Plan, assumptions: Assumptions, bits_per_second: float) -> DowntimeEstimate:
    stores = [store_cutover(item, assumptions, bits_per_second) for item in cutover_stores(plan)]
    record_ttl, ttl_record = largest_changing_ttl(plan, assumptions)
    ttl_seconds = record_ttl
    if assumptions["dns.lower_ttls_ahead"]:
        ttl_seconds = min(record_ttl, float(assumptions["dns.lowered_ttl_seconds"]))
    active = any(item.status != "skipped" for item in plan.items)
    components = {
        "fixed cutover steps": assumptions["downtime.fixed_cutover_minutes"] / 60 if active else 0.0,
        "per-store steps": sum(_step_minutes(store, assumptions) for store in stores) / 60,
        "data copied during the outage": sum(store.outage_hours for store in stores),
        "DNS TTL": ttl_seconds / 3600,
    }
    total = sum(components.values())
    lowered_ttl_hours = min(record_ttl, float(assumptions["dns.lowered_ttl_seconds"])) / 3600
    dominant = max(components, key=lambda name: components[name]) if total > 0 else "nothing"
    return DowntimeEstimate(
        hours=total,
        components=components,
        dominant=dominant,
        stores=stores,
        dns_ttl_seconds=ttl_seconds,
        dns_record=ttl_record,
        dns_record_ttl_seconds=record_ttl,
        effective_bps=bits_per_second,
        dns_record_name=_record_name(plan.by_id()[ttl_record]) if ttl_record else None,
        hours_with_lowered_ttl=total - components["DNS TTL"] + lowered_ttl_hours,
    )

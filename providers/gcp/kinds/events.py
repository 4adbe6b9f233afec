"""`events.bus` -> a Pub/Sub topic; `events.rule` -> Cloud Scheduler jobs (schedule rules) or subscriptions and
Eventarc triggers on the bus's topic (event-pattern rules), one per target the plan rebuilds.

Targets become references to their plan items: functions (an HTTP call or a push subscription to the Cloud
Run function), queues, topics and streams (their Pub/Sub topic), state machines (the workflow's executions).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.model.inventory import Resource
from providers.gcp import pricing
from providers.gcp.kinds._schedule import UTC_ZONE, pubsub_filter, unix_schedule
from providers.gcp.kinds._shared import child_name, done, item_of, region_of
from providers.gcp.spec import GcpSpec

TargetKind = Literal["function", "topic", "workflow"]
# Source type of a rule's target -> how the rebuilt target is reached.
TARGET_KINDS: dict[str, TargetKind] = {
    "aws.lambda.function": "function",
    "aws.sqs.queue": "topic",
    "aws.sns.topic": "topic",
    "aws.kinesis.stream": "topic",
    "aws.sfn.state_machine": "workflow",
}
FALLBACK_SCHEDULE = "0 0 * * *"
UNPRICED = "no Pub/Sub / Cloud Scheduler / Eventarc rate in the catalog snapshot: not priced"
AUTH_NOTE = ("Cloud Scheduler, push subscriptions and Eventarc call functions and workflows with an identity: "
             "give them a service account with roles/run.invoker or roles/workflows.invoker (oidc/oauth token)")


class EventBusSpec(GcpSpec):
    type: Literal["gcp.pubsub.event_bus"] = "gcp.pubsub.event_bus"


class RuleTargetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: TargetKind
    target_item: str


class EventRuleSpec(GcpSpec):
    type: Literal["gcp.events.rule"] = "gcp.events.rule"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("bus_item", "target_items")
    region: str
    schedule: str | None = None  # unix cron (Cloud Scheduler), for schedule rules
    time_zone: str = UTC_ZONE
    paused: bool = False
    bus_item: str | None = None  # pattern rules on a custom bus subscribe to its topic
    own_topic: str | None = None  # else the topic this rule creates (producers publish to it)
    filter: str | None = None  # Pub/Sub filter translated from the event pattern
    targets: list[RuleTargetSpec] = Field(default_factory=list)

    @property
    def target_items(self) -> list[str]:
        return [target.target_item for target in self.targets]


def map_bus(resource: Resource, ctx: MappingContext) -> MappedTarget:
    if resource.props.get("is_default"):
        return skipped("the account's default event bus: a provider default (its rules map one by one)")
    spec = EventBusSpec(name=ctx.target_name(resource), labels=ctx.labels(resource))
    notes = ["custom event bus -> a Pub/Sub topic: producers publish instead of PutEvents, with the attributes "
             "source and detail_type set so that the rules' subscription filters match"]
    if resource.props.get("partner_event_source"):
        notes.append("partner event source: the SaaS partner must deliver to a webhook (Cloud Run) that publishes here")
    if resource.props.get("has_resource_policy"):
        notes.append("the bus's resource policy (cross-account PutEvents) -> roles/pubsub.publisher bindings on the topic")
    return done("partial", spec, notes, pricing.unpriced(UNPRICED))


def _targets(resource: Resource, ctx: MappingContext) -> tuple[list[RuleTargetSpec], list[str]]:
    specs, notes = [], []
    for target in resource.props.get("targets") or []:
        other = ctx.resource(str(target.get("target_id") or ""))
        kind = TARGET_KINDS.get(other.key) if other is not None else None
        item = item_of(other.id, ctx) if other is not None and kind else None
        if kind and item:
            specs.append(RuleTargetSpec(kind=kind, target_item=item))
        else:
            notes.append(f"target {target.get('target_key')} ({target.get('service')}) is not rebuilt by the plan: wire it by hand")
        if target.get("input_mode") in ("constant", "transformer"):
            notes.append(f"target {target.get('target_key')}: its {target.get('input_mode')} input is not inventoried: "
                         "set the job body or transform in the consumer")
    return specs, notes


def custom_bus_item(resource: Resource, ctx: MappingContext) -> str | None:
    """The plan item of the rule's bus when it is a custom one (the default bus builds nothing)."""
    bus = ctx.resource(str(resource.props.get("event_bus_arn") or ""))
    return item_of(bus.id, ctx) if bus is not None and not bus.props.get("is_default") else None


def _schedule_fields(resource: Resource) -> tuple[dict[str, object], list[str]]:
    converted = unix_schedule(str(resource.props["schedule_expression"]))
    notes = [f"schedule {resource.props['schedule_expression']} -> Cloud Scheduler {converted.value or FALLBACK_SCHEDULE} "
             f"({UTC_ZONE}, as EventBridge)", *converted.notes]
    return {"schedule": converted.value or FALLBACK_SCHEDULE}, notes


def _pattern_fields(resource: Resource, ctx: MappingContext, name: str) -> tuple[dict[str, object], list[str]]:
    converted = pubsub_filter(resource.props.get("event_pattern"))
    bus = custom_bus_item(resource, ctx)
    notes = [f"event pattern -> Pub/Sub subscription filter {converted.value!r}" if converted.value
             else "event pattern -> no subscription filter: the consumers filter", *converted.notes]
    if bus is None:
        notes.append("AWS service events (default bus) have no Google Cloud producer: route the equivalent events "
                     "(Eventarc, Cloud Storage notifications, Cloud Audit Logs sinks) to the rule's topic")
    return {"bus_item": bus, "own_topic": None if bus else child_name(name, "events"), "filter": converted.value}, notes


def map_rule(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("managed_by"):
        return skipped(f"a rule managed by {props['managed_by']}: that service creates its own on the target")
    name = ctx.target_name(resource)
    targets, target_notes = _targets(resource, ctx)
    is_schedule = bool(props.get("schedule_expression"))
    fields, notes = _schedule_fields(resource) if is_schedule else _pattern_fields(resource, ctx, name)
    if is_schedule and not targets:
        fields["own_topic"] = child_name(name, "events")
        notes.append("no target the plan rebuilds: the job publishes to the rule's own topic; subscribe the consumer")
    spec = EventRuleSpec(name=name, labels=ctx.labels(resource), region=region_of(resource, ctx),
                         paused=props.get("state") == "DISABLED", targets=targets, **fields)  # type: ignore[arg-type]
    return done("partial", spec, [*notes, *target_notes, AUTH_NOTE], pricing.unpriced(UNPRICED))


MAP: dict[str, MapFunction] = {"events.bus": map_bus, "events.rule": map_rule}
SPECS: tuple[type[GcpSpec], ...] = (EventBusSpec, EventRuleSpec)

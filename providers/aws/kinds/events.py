"""Event buses (events.bus) -> EventBridge buses (the default bus is the new account's own); rules (events.rule) ->
EventBridge rules with their targets pointed at the rebuilt functions, queues, topics, streams and state machines."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Literal

from pydantic import Field

from planner.core.aws_ids import AWS_ID_PATTERN
from planner.core.contract import MapFunction, MappedTarget, MappingContext, skipped
from planner.core.model.inventory import Resource
from providers.aws.kinds._shared import common_fields, item_of, result
from providers.aws.spec import Spec, _Part

TargetKind = Literal["lambda", "sqs", "sns", "kinesis", "states"]
# Source type of a target -> the kind of target the stack wires (and which permission it needs).
TARGET_KINDS: dict[str, TargetKind] = {
    "aws.lambda.function": "lambda",
    "aws.sqs.queue": "sqs",
    "aws.sns.topic": "sns",
    "aws.kinesis.stream": "kinesis",
    "aws.sfn.state_machine": "states",
}
SOURCE_ID_PLACEHOLDER = "REPLACE-source-account-id"
POLICY_NOTE = ("SQS and SNS targets need a queue/topic policy letting events.amazonaws.com send (aws:SourceArn = the "
               "rule): add it to the rebuilt queue or topic")


class EventBusSpec(Spec):
    type: Literal["aws.events.event_bus"] = "aws.events.event_bus"
    description: str | None = None


class EventTargetSpec(_Part):
    target_key: str
    kind: TargetKind
    target_item: str
    role_item: str | None = None  # the rebuilt role EventBridge assumes (else the stack makes one where needed)
    input_path: str | None = None
    dead_letter_item: str | None = None
    message_group_id: str | None = None


class EventRuleSpec(Spec):
    type: Literal["aws.events.rule"] = "aws.events.rule"
    BUILT_LAST: ClassVar[bool] = True  # refers to items of later groups (stacks/aws/_late.py)
    bus_item: str | None = None  # None: the new account's default bus
    schedule_expression: str | None = None
    event_pattern: str | None = None  # JSON
    enabled: bool = True
    description: str | None = None
    targets: list[EventTargetSpec] = Field(default_factory=list)


def map_bus(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("is_default"):
        return skipped("the account's default event bus: the new account has its own")
    spec = EventBusSpec(**common_fields(resource, ctx), description=props.get("description"))
    notes = []
    if props.get("partner_event_source"):
        notes.append("partner event bus -> a custom bus: the SaaS partner must set up its event source for the new account")
    if props.get("has_resource_policy"):
        notes.append("the bus's resource policy (cross-account senders) is not inventoried: re-grant events:PutEvents")
    return result("partial" if notes else "mapped", spec, None, notes)


def _target(raw: dict[str, Any], ctx: MappingContext) -> EventTargetSpec | None:
    other = ctx.resource(str(raw.get("target_id") or ""))
    kind = TARGET_KINDS.get(other.key) if other is not None else None
    target_item = item_of(ctx, other.id) if other is not None and kind else None
    if kind is None or target_item is None:
        return None
    return EventTargetSpec(target_key=str(raw.get("target_key") or target_item), kind=kind, target_item=target_item,
                           role_item=item_of(ctx, raw.get("role_arn")), input_path=raw.get("input_path"),
                           dead_letter_item=item_of(ctx, raw.get("dead_letter_arn")),
                           message_group_id=raw.get("message_group_id"))


def _targets(resource: Resource, ctx: MappingContext) -> tuple[list[EventTargetSpec], list[str]]:
    specs, notes = [], []
    for raw in resource.props.get("targets") or []:
        spec = _target(raw, ctx)
        if spec is None:
            notes.append(f"target {raw.get('target_key')} ({raw.get('service')}) is not rebuilt by the plan: add it by hand")
        else:
            specs.append(spec)
        if raw.get("input_mode") in ("constant", "transformer"):
            notes.append(f"target {raw.get('target_key')}: its {raw.get('input_mode')} input is not inventoried: set it")
    if any(spec.kind in ("sqs", "sns") for spec in specs):
        notes.append(POLICY_NOTE)
    return specs, notes


def event_pattern(pattern: dict[str, Any] | None) -> tuple[str | None, list[str]]:
    """The pattern as JSON; source-account ids in it (resources, account) become a placeholder, with a note."""
    if not pattern:
        return None, []
    text = json.dumps(pattern, sort_keys=True)
    cleaned = AWS_ID_PATTERN.sub(SOURCE_ID_PLACEHOLDER, text)
    notes = [] if cleaned == text else [f"the event pattern named source-account resources: they read "
                                         f"{SOURCE_ID_PLACEHOLDER}; put the rebuilt ones' ARNs there"]
    return cleaned, notes


def _bus_item(resource: Resource, ctx: MappingContext) -> str | None:
    bus = ctx.resource(str(resource.props.get("event_bus_arn") or ""))
    return item_of(ctx, bus.id) if bus is not None and not bus.props.get("is_default") else None


def map_rule(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    if props.get("managed_by"):
        return skipped(f"a rule managed by {props['managed_by']}: that service creates its own in the new account")
    targets, notes = _targets(resource, ctx)
    pattern, pattern_notes = event_pattern(props.get("event_pattern"))
    spec = EventRuleSpec(**common_fields(resource, ctx), bus_item=_bus_item(resource, ctx), event_pattern=pattern,
                         schedule_expression=props.get("schedule_expression"), enabled=props.get("state") != "DISABLED",
                         description=props.get("description"), targets=targets)
    all_notes = [*notes, *pattern_notes]
    return result("partial" if all_notes else "mapped", spec, None, all_notes)


MAP: dict[str, MapFunction] = {"events.bus": map_bus, "events.rule": map_rule}
SPECS: tuple[type[Spec], ...] = (EventBusSpec, EventRuleSpec)

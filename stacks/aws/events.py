"""Builds EventBridge buses and rules (events): each rule's targets point at the rebuilt resources, with the
invoke permission (functions) or the role (state machines, streams) EventBridge needs to reach them."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.events import EventBusSpec, EventRuleSpec, EventTargetSpec
from stacks.aws._eventing import allow_invoke, service_role_with_policy
from stacks.aws.base import AwsBuilder, AwsGroup

EVENTS = "events.amazonaws.com"
# Target kind -> the actions a role must allow EventBridge on it (kinds reached through a role).
ROLE_ACTIONS: dict[str, list[str]] = {
    "states": ["states:StartExecution"],
    "kinesis": ["kinesis:PutRecord", "kinesis:PutRecords"],
}


def build_bus(group: AwsGroup, item: PlanItem, spec: EventBusSpec) -> pulumi.Resource:
    bus = aws.cloudwatch.EventBus(item.id, name=spec.name, description=spec.description, **group.tagged(spec))
    return group.exporting(item, bus, event_bus_arn="arn")


def _role_arn(group: AwsGroup, item: PlanItem, spec: EventRuleSpec, target: EventTargetSpec,
              target_arn: pulumi.Output[Any]) -> pulumi.Output[Any] | None:
    actions = ROLE_ACTIONS.get(target.kind)
    if actions is None:
        return None
    rebuilt = group.optional_ref(item, target.role_item, "arn")
    if rebuilt is not None:
        return rebuilt
    return service_role_with_policy(group, item, spec, f"{target.target_key}-role", EVENTS, actions, [target_arn]).arn


def _permission(group: AwsGroup, item: PlanItem, spec: EventRuleSpec, target: EventTargetSpec,
                rule: aws.cloudwatch.EventRule) -> None:
    if target.kind == "lambda":
        allow_invoke(group, item, spec, target.target_item, EVENTS, rule.arn)


def _target(group: AwsGroup, item: PlanItem, spec: EventRuleSpec, rule: aws.cloudwatch.EventRule,
            bus_name: pulumi.Output[Any] | None, target: EventTargetSpec) -> None:
    found = group.ref_pairs(item, [target.target_item], "arn")
    if not found:
        return
    target_arn = found[0][1]
    _permission(group, item, spec, target, rule)
    dead_letter = group.optional_ref(item, target.dead_letter_item, "arn")
    aws.cloudwatch.EventTarget(
        f"{item.id}-{target.target_key}", rule=rule.name, event_bus_name=bus_name, arn=target_arn,
        target_id=target.target_key, role_arn=_role_arn(group, item, spec, target, target_arn),
        input_path=target.input_path, dead_letter_config={"arn": dead_letter} if dead_letter is not None else None,
        sqs_target={"message_group_id": target.message_group_id} if target.message_group_id else None,
        opts=group.opts(spec))


def build_rule(group: AwsGroup, item: PlanItem, spec: EventRuleSpec) -> pulumi.Resource:
    bus_name = group.optional_ref(item, spec.bus_item, "name")
    rule = aws.cloudwatch.EventRule(
        item.id, name=spec.name, event_bus_name=bus_name, schedule_expression=spec.schedule_expression,
        event_pattern=spec.event_pattern, state="ENABLED" if spec.enabled else "DISABLED",
        description=spec.description, **group.tagged(spec))
    for target in spec.targets:
        _target(group, item, spec, rule, bus_name, target)
    return group.exporting(item, rule, rule_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.events.event_bus": build_bus, "aws.events.rule": build_rule}

"""Builds Step Functions state machines (workflow): the definition's tokens filled with the rebuilt resources'
ARNs and URLs, the partition with the target's; the rebuilt execution role, else a new one."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.workflow import StateMachineSpec
from stacks.aws._eventing import with_partition
from stacks.aws._shared import trust_policy
from stacks.aws.base import AwsBuilder, AwsGroup

STATES = "states.amazonaws.com"


def filled(definition: str, values: dict[str, str], region: str) -> str:
    """The definition with every token string replaced by its value and the partition filled in."""
    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: fill(entry) for key, entry in value.items()}
        if isinstance(value, list):
            return [fill(entry) for entry in value]
        return values.get(value, value) if isinstance(value, str) else value

    return with_partition(json.dumps(fill(json.loads(definition)), sort_keys=True), region)


def _definition(group: AwsGroup, item: PlanItem, spec: StateMachineSpec) -> pulumi.Output[str]:
    outputs = {ref.token: group.ref(item, ref.target_item, ref.attribute) for ref in spec.references}
    tokens = list(outputs)
    return pulumi.Output.all(*outputs.values()).apply(
        lambda found: filled(spec.definition, dict(zip(tokens, found, strict=True)), spec.region))


def _role(group: AwsGroup, item: PlanItem, spec: StateMachineSpec) -> pulumi.Output[Any]:
    rebuilt = group.optional_ref(item, spec.role_item, "arn")
    if rebuilt is not None:
        return rebuilt
    return aws.iam.Role(f"{item.id}-role", assume_role_policy=trust_policy([STATES]), **group.tagged(spec)).arn


def build_workflow(group: AwsGroup, item: PlanItem, spec: StateMachineSpec) -> pulumi.Resource:
    machine = aws.sfn.StateMachine(
        item.id, name=spec.name, type=spec.machine_type, role_arn=_role(group, item, spec),
        definition=_definition(group, item, spec), tracing_configuration={"enabled": spec.tracing_enabled},
        **group.tagged(spec))
    return group.exporting(item, machine, state_machine_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.sfn.state_machine": build_workflow}

"""Builds SSM parameters (parameter): the value from the stack config secret `planner:<value_setting>` when set,
else a placeholder whose later changes the stack ignores (the operator writes the real value after the apply)."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.parameter import SsmParameterSpec
from stacks.aws._shared import PLANNER_CONFIG
from stacks.aws.base import AwsBuilder, AwsGroup

PLACEHOLDER_VALUE = "REPLACE-ME: set by the operator (the value was never inventoried)"


def build_parameter(group: AwsGroup, item: PlanItem, spec: SsmParameterSpec) -> pulumi.Resource:
    configured = pulumi.Config(PLANNER_CONFIG).get_secret(spec.value_setting)
    key = group.optional_ref(item, spec.kms_key_item, "arn")
    parameter = aws.ssm.Parameter(
        item.id, name=spec.parameter_name, type=spec.parameter_type, tier=spec.tier, data_type=spec.data_type,
        description=spec.description, key_id=key if spec.parameter_type == "SecureString" else None,
        value=configured if configured is not None else PLACEHOLDER_VALUE, tags=spec.tags,
        opts=group.opts(spec, ignore_changes=["value"] if configured is None else None))
    group.export(item, "value_source", "config secret" if configured is not None else f"placeholder: set planner:{spec.value_setting}")
    return group.exporting(item, parameter, parameter_arn="arn")


BUILD: dict[str, AwsBuilder] = {"aws.ssm.parameter": build_parameter}

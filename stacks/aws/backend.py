"""Builds ELBv2 target groups (lb.backend); the compute group attaches their instances once those are built."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.backend import TargetGroupSpec
from stacks.aws._shared import LB_NAME_MAX, short_name
from stacks.aws.base import AwsBuilder, AwsGroup


def build_target_group(group: AwsGroup, item: PlanItem, spec: TargetGroupSpec) -> pulumi.Resource:
    health_check = {key: value for key, value in {"path": spec.health_check_path, "port": spec.health_check_port}.items() if value}
    return aws.lb.TargetGroup(
        item.id,
        name=short_name(spec.name, LB_NAME_MAX),
        port=spec.port,
        protocol=spec.protocol,
        target_type=spec.target_type,
        vpc_id=group.optional_ref(item, spec.vpc_item),
        health_check=health_check or None,
        **group.tagged(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.lb.target_group": build_target_group}

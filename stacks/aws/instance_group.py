"""Builds EC2 Auto Scaling groups (compute.group) from their rebuilt launch template; without one they are manual."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from planner.core.model.plan import PlanItem
from providers.aws.kinds.instance_group import AutoScalingGroupSpec
from stacks.aws.base import AwsBuilder, AwsGroup


def build_autoscaling_group(group: AwsGroup, item: PlanItem, spec: AutoScalingGroupSpec) -> pulumi.Resource | None:
    if spec.launch_template_item is None or not group.registry.built(spec.launch_template_item):
        group.manual(item, "the group has no launch template rebuilt by this plan", "create a launch template, then the group")
        return None
    return aws.autoscaling.Group(
        item.id,
        name=spec.name,
        min_size=spec.min_size,
        max_size=spec.max_size,
        desired_capacity=spec.desired_capacity,
        launch_template={"id": group.ref(item, spec.launch_template_item), "version": "$Latest"},
        vpc_zone_identifiers=group.refs(item, spec.subnet_items) or None,
        target_group_arns=group.refs(item, spec.target_group_items, "arn") or None,
        tags=[{"key": key, "value": value, "propagate_at_launch": True} for key, value in group.tags(spec).items()],
        opts=group.opts(spec),
    )


BUILD: dict[str, AwsBuilder] = {"aws.autoscaling.group": build_autoscaling_group}

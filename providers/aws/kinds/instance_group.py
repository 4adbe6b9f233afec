"""Instance groups (compute.group) -> EC2 Auto Scaling groups, priced with the instances and volumes they launch.

A group that used a launch configuration launches from the launch template rebuilt from it.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import Field

from planner.core.contract import MapFunction, MappedTarget, MappingContext
from planner.core.index import index_of
from planner.core.members import member_volumes
from planner.core.model.inventory import Resource
from providers.aws.kinds._pricing import Priced, price_instances, unpriced
from providers.aws.kinds._shared import SUBNET, common_fields, linked, linked_one, optional_int, result
from providers.aws.kinds._volumes import VolumeSize, price_volume, volume_size
from providers.aws.spec import Spec


class AutoScalingGroupSpec(Spec):
    type: Literal["aws.autoscaling.group"] = "aws.autoscaling.group"
    min_size: int
    max_size: int
    desired_capacity: int | None = None
    launch_template_item: str | None = None
    subnet_items: list[str] = Field(default_factory=list)
    target_group_items: list[str] = Field(default_factory=list)


def map_group(resource: Resource, ctx: MappingContext) -> MappedTarget:
    props = resource.props
    region = ctx.target_region(resource.region)
    desired = optional_int(props.get("desired_capacity"))
    spec = AutoScalingGroupSpec(
        **common_fields(resource, ctx),
        min_size=optional_int(props.get("min_size")) or 0,
        max_size=optional_int(props.get("max_size")) or max(desired or 1, 1),
        desired_capacity=desired,
        launch_template_item=_template_item(resource, ctx),
        subnet_items=linked(resource, ctx, "subnet_ids", SUBNET),
        target_group_items=linked(resource, ctx, "target_group_arns", "aws.elbv2.target_group"),
    )
    notes = []
    if spec.launch_template_item is None:
        notes.append("the group has no inventoried launch template or launch configuration: give it one before applying")
    elif props.get("launch_configuration_arn") and not props.get("launch_template_id"):
        notes.append("the group used a launch configuration: it launches from the launch template rebuilt from it")
    instance_type = props.get("instance_type")
    priced = (
        price_instances(str(instance_type), region, count=desired or 0)
        if instance_type
        else unpriced("instance type for this group")
    )
    _price_member_volumes(priced, resource, ctx, region)
    return result("mapped" if spec.launch_template_item else "partial", spec, priced, notes)


def _template_item(resource: Resource, ctx: MappingContext) -> str | None:
    """The rebuilt launch template: of the group's launch template, else of its launch configuration."""
    return (linked_one(resource, ctx, "launch_template_id", "aws.ec2.launch_template")
            or linked_one(resource, ctx, "launch_configuration_arn", "aws.autoscaling.launch_configuration"))


def _size_order(size: VolumeSize) -> tuple[str, int, int, int]:
    return size.volume_type, size.size_gib, size.iops or 0, size.throughput_mibps or 0


def _price_member_volumes(priced: Priced, group: Resource, ctx: MappingContext, region: str) -> None:
    """The volumes the group's instances launch with, priced like its members' volumes (skipped items of their own)."""
    volumes = member_volumes(group, index_of(ctx), ctx.resource)
    by_size = Counter(volume_size(volume.props) for volume in volumes)
    for size, count in sorted(by_size.items(), key=lambda pair: _size_order(pair[0])):
        price_volume(priced, size, region, what=f"member volumes {count} x {size.size_gib} GiB EBS", count=count)
    if volumes:
        priced.notes.append(
            f"the group's {len(volumes)} member volume(s) are priced here as they are today; the image and "
            "launch template of the rebuilt group decide their real size"
        )


MAP: dict[str, MapFunction] = {"compute.group": map_group}
SPECS: tuple[type[Spec], ...] = (AutoScalingGroupSpec,)
